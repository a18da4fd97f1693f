"""gunicorn for the floor: the site's worker count, worker class, keep-alive and timeout (read
from the site's own gunicorn.conf.py, under the same environment), its own app, no access log."""

import runpy
from pathlib import Path

_site = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))

wsgi_app = "floor_site.wsgi:application"
chdir = str(Path(__file__).resolve().parent)
bind = _site["bind"]
workers = _site["workers"]
worker_class = _site.get("worker_class", "sync")
timeout = _site["timeout"]
keepalive = _site["keepalive"]
max_requests = _site["max_requests"]
max_requests_jitter = _site["max_requests_jitter"]
accesslog = None
errorlog = "-"
