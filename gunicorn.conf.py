"""gunicorn settings for production, read from the environment (gunicorn loads this file itself).

Run from the project directory: `gunicorn` (nothing else; the WSGI app is named here).
"""

import multiprocessing
import os

wsgi_app = "ess_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: page rendering is CPU-bound and each worker holds one database connection at a
# time. The usual 2 × cores + 1 keeps the CPUs busy while some workers wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request still running after this many seconds is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle each worker after a thousand requests or so, so that a slow leak never accumulates;
# the jitter keeps all the workers from restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# X-Forwarded-* are honoured only from the reverse proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access and error logs as JSON lines on stdout, like the application's.
accesslog = "-"
errorlog = "-"
# Writes each access line itself (time, status, method, path, bytes, duration, address, user
# agent): gunicorn's generic access log cost a cached page 40–60 µs more (docs/operations.md).
logger_class = "core.logging.AccessLogger"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    # gunicorn merges this with its defaults, whose root logger names a handler replaced here.
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
