"""Production: everything that varies comes from the environment; HTTPS behind a proxy."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, DEFAULT_FROM_EMAIL, INSTALLED_APPS, MIDDLEWARE

SECRET_KEY = os.environ["SECRET_KEY"]
# ALLOWED_HOSTS comes from the environment in base.
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# No default: a deployment names its public address, or `check --deploy` fails (core.E001).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_BASE_URL).rstrip("/")

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
# E-mail (contribution receipts and decisions, moderation notices): an SMTP relay.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
EMAIL_TIMEOUT = 10
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, except that Redis down means no cache rather than an error page.
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ess",
            "TIMEOUT": 300,
        },
        # The same, with each process's memory in front (core.cache.FragmentCache).
        "template_fragments": {"BACKEND": "core.cache.FragmentCache"},
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous pages kept ten minutes unless something is published (core/cache.py); only with a
# shared cache, since a worker's own memory would not hear of another worker's publication.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600")) if REDIS_URL else 0
CHROME_CACHE_SECONDS = 600 if REDIS_URL else 0
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
# Several app servers: images and documents in an S3-compatible bucket (AWS, Scaleway, OVH,
# MinIO…), credentials from the usual AWS_* variables read by boto3. A new upload never
# replaces an existing file of the same name (renditions and old revisions point at it), and
# documents keep going through Wagtail's view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which
# checks privacy and forces the download; the bucket itself need not be public for them.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    # Renditions are served straight from the bucket by URL: no signed, expiring links in
    # pages that stay cached.
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}

# Search on Elasticsearch or OpenSearch when one is configured; PostgreSQL's full text
# otherwise (base). After switching: `manage.py update_index`.
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if OPENSEARCH_URL or ELASTICSEARCH_URL:
    engine = "opensearch" if OPENSEARCH_URL else "elasticsearch"
    version = os.environ.get("SEARCH_ENGINE_VERSION", "2" if OPENSEARCH_URL else "8")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{engine}{version}",
            "URLS": [OPENSEARCH_URL or ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "ess_"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }

# Background tasks (search indexing, reference index, renditions, CDN purges) go to a database
# queue run by `manage.py db_worker` when TASKS_BACKEND=database; otherwise they run inside
# the request that triggers them (django-tasks' immediate backend, Wagtail's default).
if os.environ.get("TASKS_BACKEND", "") == "database":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A caching proxy in front (deploy/varnish/) or a CDN: Wagtail purges a page's URLs when it is
# published, moved or unpublished; with the proxy, every change that empties the page cache
# also drops every page of the site from it (core/frontend_cache.py). Cloudflare gets only
# Wagtail's purges: changes to snippets and settings reach it within PAGE_CACHE_CDN_SECONDS.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "core.frontend_cache.VarnishBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFLARE_ZONEID"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
            "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        }
    }

# One JSON object per line on stdout; the platform collects and stores it.
LOGGING = {
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
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django_tasks logs every background task twice at INFO (started, then finished): a page
    # publication alone makes several. Failures (ERROR) still come through.
    "loggers": {"django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")}},
}
