"""Settings shared by every environment; what differs per deployment comes from the environment."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "core",
    "home",
    "factsheet",
    "directory",
    "search",
    "agenda",
    "contributions",
    "axes",
    "csp",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # Django's widget templates, for the form renderer below
]

MIDDLEWARE = [
    # First: a cached page is answered before any other middleware runs, with the headers they
    # gave it when it was stored (core/cache.py).
    "core.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # ETag on every page, 304 when the browser already has it (cached pages included).
    "django.middleware.http.ConditionalGetMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Public URLs answer GET, HEAD and OPTIONS only, except those in FORM_URL_PATTERNS.
    "core.middleware.SafeMethodsMiddleware",
    "core.middleware.DatabaseOutageMiddleware",
    # Links with utm_* and the like: redirected to the page without them, before any query.
    "core.cache.TrackingParametersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Below the locale, whose language it writes the expansions in; the page cache (first)
    # stores the page with them.
    "core.abbreviations.AbbreviationMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the lock-out raised by its authentication backend.
    "axes.middleware.AxesMiddleware",
]

# Anonymous page cache (core/cache.py): seconds a page is kept on the server, 0 for none (the
# default: it needs a cache shared by every worker, which production has with REDIS_URL).
# Browsers may keep a page a minute; a CDN five, which bounds how stale it can be after a
# change it is not told about (page publications purge it when WAGTAILFRONTENDCACHE is set).
PAGE_CACHE_SECONDS = 0
# What each process keeps of the page cache in its own memory (the pages it served last).
PAGE_CACHE_MEMORY_BYTES = 16 * 1024 * 1024
PAGE_CACHE_BROWSER_SECONDS = 60
PAGE_CACHE_CDN_SECONDS = 300
# The chrome every page repeats (menu and footer) kept in the cache until the next publication,
# also for pages not in the page cache; 0 for none, the default for the same reason.
CHROME_CACHE_SECONDS = 0

ROOT_URLCONF = "ess_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.chrome_cache",
            ],
        },
    },
]

# Widgets render with the project's templates, so that templates/ can hold the site's own
# (includes/select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "ess_site.wsgi.application"

# An SQLite file is the embedded default so that a first run needs no server;
# production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes first: it refuses a locked-out account before any password is checked. Its ModelBackend
# flavour also restores sessions, which tools that log in with the first backend rely on.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first; English content arrives through wagtail-localize.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Only editors have sessions (visitors get none): one working day, then sign in again, so that
# an unattended office computer does not stay signed in to the admin overnight.
SESSION_COOKIE_AGE = 60 * 60 * 8

# Admin sign-in protection (django-axes): five wrong passwords for one account from one address
# lock that pair out for 15 minutes. Locking the account alone would let anyone lock an editor
# out; locking the address alone would lock a whole office behind one NAT.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "home/login_locked.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Headers sent in every environment, so that development shows what production enforces.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

# The public site has no script, no inline style and no third-party origin: its policy says so.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail's admin renders inline <script> (inline panels, date pickers, choosers) and inline
# styles: without 'unsafe-inline' for both, Chromium blocks them on the page editor
# (tests/hardening/test_browser_csp.py). Upload previews are data: and blob: images. It frames
# its own preview (default-src 'self' covers frames). No external origin, no eval.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_PATH_PREFIX = "/admin/"
# URLs that receive forms (regular expressions matched from the start of the path): every
# other URL answers GET, HEAD and OPTIONS, and 405 to any other method
# (core.middleware.SafeMethodsMiddleware). An app whose public pages take a form adds its
# pattern here, e.g. r"^/(fr|en)/contribuer/".
FORM_URL_PATTERNS = [
    "^" + re.escape(ADMIN_PATH_PREFIX),
    # Wagtail's password form for private pages and documents, and its front-end login.
    r"^/[a-z]{2}/_util/",
    r"^/documents/authenticate_with_password/",
    # The public contribution forms (contributions/urls.py).
    r"^/[a-z]{2}/contribuer/",
    r"^/[a-z]{2}/contribute/",
]

WAGTAIL_SITE_NAME = "L'ESS en Hénin-Carvin"
# The site's public address (scheme, host and port, no path): every absolute URL pages, the
# sitemap, exports and e-mails give is built on it (core/public_address.py), never on the
# request's Host. `make run`'s address in development; production requires an https one
# (deployment check core.E001).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_BASE_URL).rstrip("/")
# Gravatar and the release check would be the admin's only third-party origins: its CSP allows
# none (upgrades are the maintainers' business, not a banner for editors).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's date pickers write and read French dates: with Wagtail's ISO default, a date typed
# « 20/06/2026 » was silently replaced by today's. Django's French input formats read them
# (ISO too, which it always adds); the English ones are made day first in ess_site/formats/en.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
FORMAT_MODULE_PATH = ["ess_site.formats"]

# Uploads: raster formats only (an SVG can carry script), bounded in bytes and in pixels so that
# a small file claiming huge dimensions cannot exhaust memory when renditions are made.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.ImageForm"
# Documents: office and data formats only, always downloaded as attachments through Wagtail's
# view, which adds "Content-Security-Policy: default-src 'none'" and "nosniff".
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

# search/backends.py: per-language stemming on PostgreSQL (configured below) and on SQLite.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends"},
}

# Public contributions (contributions/, docs/contributions.md). django-ratelimit counts on the
# default cache (Redis in production; Django's own Redis backend increments atomically). It is
# not in INSTALLED_APPS: only its checks would come with it, which refuse the per-process
# cache of development and tests.
CONTRIBUTION_RATE_LIMIT = "5/h"  # submissions per client address
CONTRIBUTION_MAX_OPEN_PER_EMAIL = 3  # proposals awaiting a moderator, per submitter address
CONTRIBUTION_MIN_FILL_SECONDS = 3  # sooner than this after the form was shown: a robot
CONTRIBUTION_MAX_FILL_SECONDS = 2 * 60 * 60  # a form shown longer ago must be sent again
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Editors compose long StreamFields; Django's default of 1 000 fields is too low.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# PostgreSQL: stemming in each page's language without accents and trigram typo tolerance
# (directory's migrations 0003 and 0008 create the text search configurations; see
# search/backends.py).
# Each language's pages and actors are indexed and searched with their own stemming.
TEXT_SEARCH_CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "french_unaccent",
        "LANGUAGE_CONFIGS": TEXT_SEARCH_CONFIGS,
        "AUTOCOMPLETE_CONFIG": "simple_unaccent",
    }
    # Typo tolerance: one wrong letter in a short word ("mutulle") scores about 0.55 in
    # pg_trgm's word similarity, under the default threshold of 0.6. random_page_cost: the
    # usual value for SSDs and a database held in memory; at the default (4, for spinning
    # disks) the planner prefers scanning the whole directory search table to its GIN
    # indexes, two to five times slower at 50 000 actors (docs/benchmarks.md, "Search benchmark").
    # No JIT compilation: the site's queries return a few rows, but with 50 000 actors the
    # planner overestimates some (the chrome's) and spends 30 ms compiling a query run in 8.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c pg_trgm.word_similarity_threshold=0.5 -c random_page_cost=1.1 -c jit=off"
    )
