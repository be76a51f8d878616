"""Settings of the Smart in Progress recommendation tracker, read from the environment.

Without any variable the project runs on an embedded SQLite file so that a checkout
serves at once; ``DATABASE_URL`` switches to PostgreSQL, the production database.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: python -c "
            "'from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())'"
        )
    SECRET_KEY = "development-only-key-never-used-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    # Django would otherwise start and then answer every request with 400.
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off, e.g. ALLOWED_HOSTS=sip.smart.coop")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "csp",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "workgroups",
    "recommendations",
    "projects",
    "stocktaking",
    "django_tasks",
    "django_tasks_db",
    "following",
    "opendata",
    # Last, as its documentation asks, so that its signal handlers see every other app.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer by itself, so that every answer of the API carries its headers.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sip.middleware.AdminQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees the outcome of the log-in views it throttles.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sip.urls"
WSGI_APPLICATION = "sip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recommendations.context_processors.demo_data",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The list's indexes carry the columns its filters compare (recommendations.models.list_index), which
# PostgreSQL, the production database, reads from them; SQLite keeps the indexes without them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Figures and whole public pages are cached under a data version that every change moves on
# (recommendations.caching), and under the release (sip.release), so any
# cache is exact; Redis shares the entries between workers and servers, and without it each worker
# keeps its own in memory.
# Either way a failing or full cache only costs time (sip.cache): a frozen Redis holds a request up
# for REDIS_TIMEOUT seconds at most, and a worker's own memory holds CACHE_MAX_BYTES at most.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
CACHE_MAX_BYTES = envint("CACHE_MAX_BYTES", str(64 * 1024 * 1024))


def cache_settings(redis_url, max_bytes=CACHE_MAX_BYTES):
    """The default cache: Redis at ``redis_url``, or each worker's memory without one."""
    return {
        **(
            {
                "BACKEND": "sip.cache.RedisCache",
                "LOCATION": redis_url,
                "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
            }
            if redis_url
            else {"BACKEND": "sip.cache.MemoryCache", "OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": 10_000}}
        ),
        "KEY_FUNCTION": "sip.release.make_key",
    }


def caches_settings(redis_url):
    """Every cache: the default one and, beside Redis, each worker's copies of the entries it read there
    (``recommendations.caching``), bounded as its own cache is without Redis."""
    found = {"default": cache_settings(redis_url)}
    if redis_url:
        found["copies"] = {**cache_settings(""), "OPTIONS": {"MAX_BYTES": CACHE_MAX_BYTES, "MAX_ENTRIES": 10_000}}
    return found


CACHES = caches_settings(REDIS_URL)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Times are stored in UTC and shown in the cooperative's own time zone.
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development WhiteNoise serves from the app folders, so no collectstatic is needed.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "admin:login"

# The site's own address, for the links of the mails that the worker writes outside any request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Mail (following): an SMTP server from the environment; in development without one, mails show on the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "" if DEBUG else "localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
# A server that stops answering holds a worker this long before its mails wait for a retry.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "10")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Smart in Progress <no-reply@localhost>")
# A worker holds the mails it took this long; after that, those it has not sent go to another worker.
FOLLOWING_CLAIM_SECONDS = envint("FOLLOWING_CLAIM_SECONDS", "120")
# SMTP connections a worker sends over at once, on PostgreSQL (whose row locks let them share the outbox).
FOLLOWING_SEND_CONNECTIONS = envint("FOLLOWING_SEND_CONNECTIONS", "4")

# Django's Tasks API (the django-tasks backport on Django 5.2): the outbox is sent by a worker
# (`manage.py db_worker`) from tasks kept in the database; in development without an SMTP server, at once.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("TASKS_IMMEDIATE", str(DEBUG and not EMAIL_HOST))
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# django-import-export: only holders of the dedicated permissions import or export,
# and a file with any invalid row writes nothing.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Limits of an import file (recommendations/stocktaking/files.py): the stocktaking of every cycle so far is far
# below them. A larger file, a zip bomb or a file too wide is refused before it is parsed. The register's
# own file takes about 700 bytes a line with texts in two languages: 16 MB holds the 20,000 lines allowed.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(16 * 1024 * 1024))
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024))
IMPORT_MAX_PACKING_RATIO = 100
IMPORT_MAX_COLUMNS = 200
IMPORT_MAX_CELL_CHARS = 1024 * 1024
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "20000")
# The admin keeps an uploaded file between its preview and the confirmation, in a folder of its own;
# a preview not confirmed within this many hours is removed at a later upload.
IMPORT_PREVIEW_DIR = Path(os.environ.get("IMPORT_PREVIEW_DIR", Path(tempfile.gettempdir()) / "sip-import-previews"))
IMPORT_PREVIEW_MAX_AGE = envint("IMPORT_PREVIEW_MAX_AGE_HOURS", "4") * 3600
# Uploads above this size go to a temporary file rather than memory; form fields other than files
# are capped at Django's default (2.5 MB). The proxy in front caps the whole request body too.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Security. Production (DEBUG off) gets every protection by default; each one can be switched
# by its own variable, for instance to serve plain HTTP on the loopback behind a TLS proxy.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if envbool("SECURE_PROXY_SSL_HEADER", "False"):
    # Only behind a proxy that sets this header itself and strips it from clients' requests.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(not DEBUG))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(not DEBUG))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(not DEBUG))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(not DEBUG))
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Content-Security-Policy: our own files only, no inline script or style anywhere (the admin
# of Django 5.2 has none either), and no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    },
}

# The sites that may frame the figure cards (recommendations.badges): any, unless listed here.
EMBED_FRAME_ANCESTORS = envlist("EMBED_FRAME_ANCESTORS", "*")

# django-axes throttles log-in attempts: after AXES_FAILURE_LIMIT failures for one user name from
# one address, that pair is refused until the cool-off has passed (axes' default never ends).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# The open data API (opendata): read-only JSON for anyone, any site's scripts included (CORS, on /api/
# only and for reading), each client address limited to API_RATE requests; the limit is kept in the
# default cache and lapses, rather than refusing, while that cache fails (sip.cache).
API_RATE = os.environ.get("API_RATE", "120/min")
API_PAGE_SIZE = 25
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Public data only: no session, hence no CSRF and no user behind an answer.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["opendata.throttling.PerAddress"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.views.problem_handler",
    # The client's address is the connection's, or behind the TLS proxy the one it forwards: the last
    # address of X-Forwarded-For, which the client cannot forge.
    "NUM_PROXIES": envint("API_NUM_PROXIES", "1" if envbool("SECURE_PROXY_SSL_HEADER", "False") else "0"),
    "UNICODE_JSON": True,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart in Progress open data",
    "DESCRIPTION": (
        "The published recommendations of Smart in Progress, the boards' decisions on them, their progress, "
        "the projects that answer them and every figure of the public pages, read-only. Texts come in the "
        "language asked for (`lang`, else Accept-Language) when translated, else as written, each with the "
        "language it is in. Dates are ISO 8601 days; times are UTC."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # In the order of the URLs: the recommendations first.
    "SORT_OPERATIONS": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "tryItOutEnabled": True},
    "ENUM_NAME_OVERRIDES": {
        "CountryCode": "workgroups.models.Country.choices",
        "DecisionCode": "recommendations.models.Decision.choices",
        "StatusCode": "recommendations.models.Status.choices",
    },
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["Content-Language", "Retry-After"]
