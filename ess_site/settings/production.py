"""Production: everything that varies comes from the environment; HTTPS behind a proxy."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE

SECRET_KEY = os.environ["SECRET_KEY"]
# ALLOWED_HOSTS comes from the environment in base.
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# A copy, so that importing these settings never alters the base module's dictionary.
DATABASES = {"default": {**DATABASES["default"]}}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's psycopg 3 pool, one per gunicorn worker (sync workers use one connection at a
    # time). With CONN_HEALTH_CHECKS the pool checks a connection before lending it, so a
    # database restart costs only the requests made while it is down. The short wait for a
    # connection turns an outage into a quick 503 rather than a request stuck until the
    # gunicorn timeout.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "pool": {
            "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "4")),
            "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "5")),
        },
        "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
    }

# Redis shared by every app server when REDIS_URL is set; a per-process memory cache otherwise
# (fine for a single server, wrong for several: set REDIS_URL before scaling out).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ess",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Editors' sessions read from the cache, written through to the database so that a cache flush
# or a Redis restart does not sign everybody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# HTTPS only. The reverse proxy terminates TLS and sets X-Forwarded-Proto; Django may trust that
# header only because the proxy overwrites whatever a client sent and the app server is not
# reachable except through it (gunicorn binds to loopback or a private network).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# The load balancer polls /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Static files served by the app itself through WhiteNoise: compressed copies, hashed names,
# and "immutable, max-age" of ten years for those hashed names (WhiteNoise's default for them).
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object per line on stdout; the platform collects and stores it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "home.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
