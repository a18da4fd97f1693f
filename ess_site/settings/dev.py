"""Local development: debug on, a fixed throw-away secret, loopback hosts only."""

import os

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
