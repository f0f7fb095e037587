"""Settings for the Policing Diplomacy Timeline.

Everything that differs between a laptop and a server comes from the environment or a `.env`
file, read through `env()` (see `.env.example`); the defaults are safe for local development
only.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from dotenv import dotenv_values

BASE_DIR = Path(__file__).resolve().parent.parent

# As pages, feeds and calendars name the site.
SITE_NAME = "Policing Diplomacy Timeline"

# A `.env` file in the project folder (or the file ENV_FILE names) supplies what the
# environment does not: a variable set in the environment wins over the file.
_env_path = Path(os.environ.get("ENV_FILE") or BASE_DIR / ".env")
if os.environ.get("ENV_FILE") and not _env_path.is_file():
    raise ImproperlyConfigured(f"ENV_FILE names {_env_path}, which is not a file.")
_dotenv = dotenv_values(_env_path) if _env_path.is_file() else {}


def env(name: str, default: str = "") -> str:
    """The variable from the environment, else from the `.env` file, else `default`. An empty
    value counts as unset, as `.env.example` leaves the optional ones."""
    for values in (os.environ, _dotenv):
        value = (values.get(name) or "").strip()
        if value:
            return value
    return default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    return value.lower() in {"1", "true", "yes", "on"} if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The fallback key and hosts only ever exist on a developer's machine: with DEBUG off they
# are refused.
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
_required = {"SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": ALLOWED_HOSTS}
_missing = [name for name, value in _required.items() if not value]
if _missing and not DEBUG:
    raise ImproperlyConfigured(
        f"{' and '.join(_missing)} must be set when DEBUG is off (see .env.example)."
    )
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "reversion",
    "csp",
    "axes",
    "policing.apps.PolicingConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed on the way out (WhiteNoise serves static files precompressed).
    # CSRF tokens are masked per response, Django's defence against BREACH.
    "policing.web.compression.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the form: a body over the limit gets a page saying the limit.
    "policing.web.uploads.RequestTooLargeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "policing.web.context_processors.csp_nonce",
                "policing.web.context_processors.site",
            ],
        },
    },
    {
        # Only the timeline's results region (web/jinja.py says why); the rest is Django templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "policing.web.jinja.environment"},
    },
]

# SQLite in the project folder by default; `DATABASE_URL=postgres://…` for PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a write is in progress; IMMEDIATE transactions and a busy
    # timeout make concurrent writers wait their turn instead of failing with "database is locked".
    # Reads go through a memory map (256 MB) and a 32 MB page cache instead of a read() call
    # for each 4 KB page.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA mmap_size=268435456; PRAGMA cache_size=-32000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Its search and indexes only where the database is PostgreSQL: on SQLite the app imported
    # psycopg at every start, for nothing (a quarter of a second of each command).
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django_htmx"), "django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache of rendered pages, small values and the facet index. Unset: each process's own
# memory. REDIS_URL (or CACHE_URL) names a Redis server that every instance shares, so a page
# or an index made by one serves them all (docs/performance.md, "Scale out").
REDIS_URL = env("REDIS_URL") or env("CACHE_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "timeline"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether the facet index is published to the cache for other processes (facets.py); pointless
# in a process's own memory.
FACET_INDEX_SHARED = env_bool("FACET_INDEX_SHARED", bool(REDIS_URL))

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out username or address is refused before its password
    # is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours before a lockout lifts by itself
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# Lockouts count by client address. Behind a proxy every request comes from the proxy, so
# with TRUSTED_PROXY_COUNT set the address is read from X-Forwarded-For, and only from a peer
# gunicorn trusts too (FORWARDED_ALLOW_IPS, as `make serve` passes it; a unix socket always).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
AXES_CLIENT_IP_CALLABLE = "policing.web.clientip.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "admin:login"

# Security. Production (DEBUG off) gets HTTPS-only cookies, HSTS and a redirect to HTTPS; set
# SECURE_PROXY_SSL_HEADER_NAME when TLS ends at a proxy in front of gunicorn.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER_NAME"), "https")

# Content Security Policy: no inline script anywhere (htmx's script tag carries the nonce),
# no framing, nothing loaded from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# Where the source documents and the curated data live (see docs/corpus.md).
SEEDS_DIR = Path(env("SEEDS_DIR") or BASE_DIR / "seeds")
FIXTURES_DIR = BASE_DIR / "fixtures"
# Where `make backup` and restores (the data they replace) write backups.
BACKUP_DIR = Path(env("BACKUP_DIR") or BASE_DIR / "backups")
# Where releases of the published data are kept (`manage.py release`): one zip per release,
# never rewritten. Served by the site at /releases/<version>/download/, and carried in backups.
RELEASES_DIR = Path(env("RELEASES_DIR") or BASE_DIR / "releases")
# The largest report an editor may add (docs/reliability.md, "Large reports", says how these
# were measured): its text in bytes (UTF-8) and its paragraphs (non-empty lines). A report is
# checked against both before anything is written (corpus.oversize).
REPORT_MAX_BYTES = int(env("REPORT_MAX_BYTES", "500000"))
REPORT_MAX_PARAGRAPHS = int(env("REPORT_MAX_PARAGRAPHS", "2000"))
# What Django reads of a request's form fields: twice the report (a browser sends each line
# break of a paste as two bytes) and room for the other fields, so that a report somewhat over
# the limit still reaches the form, which refuses it and keeps what was typed. A larger body
# is answered with a page saying the limit (uploads.RequestTooLargeMiddleware). nginx's
# client_max_body_size (deploy/nginx.conf) is above it: the text may come twice, as the
# textarea and as an uploaded file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * REPORT_MAX_BYTES + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
# A saved web page or a PDF is several times the text read from it (a page's markup and
# scripts, a PDF's fonts and pictures): the file may be this large, and the text read from it
# is held to the report's limits above. Django does not count a file in its request limit;
# nginx's client_max_body_size (deploy/nginx.conf) is above this and the text twice.
REPORT_MAX_FILE_BYTES = int(env("REPORT_MAX_FILE_BYTES", "5000000"))
# Reading a report from its address: off unless the operator turns it on (the server then
# makes requests to addresses editors type; only public http(s) addresses are fetched, within
# REPORT_FETCH_TIMEOUT seconds and REPORT_MAX_FILE_BYTES). Off, editors save the page in their
# browser and upload it.
REPORT_FETCH_URLS = env_bool("REPORT_FETCH_URLS", False)
REPORT_FETCH_TIMEOUT = float(env("REPORT_FETCH_TIMEOUT", "10"))

# The site's public address, for `export_events`, which writes absolute links and has no request
# to read one from (the site's own exports use the address they were requested at). In
# development, where `make run` serves.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
