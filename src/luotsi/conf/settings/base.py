"""Settings shared by every environment. Configuration comes from the environment.

Environment variables: ``DATABASE_URL`` (default: SQLite under the data directory),
``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS`` (comma-separated), ``LUOTSI_DATA_DIR``,
``LUOTSI_ENCRYPTION_KEY`` (Fernet key(s), comma-separated, newest first: encrypts identity
codes at rest), ``LUOTSI_HMAC_KEY`` (at least 32 characters: keyed hash for identity-code
search), ``SESSION_IDLE_MINUTES`` (log out after this much inactivity, default 30),
``AXES_FAILURE_LIMIT`` (failed logins before a lockout, default 5), ``LUOTSI_PROXY_COUNT``
(reverse proxies in front of Luotsi that append to X-Forwarded-For, default 0).
See docs/security.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]
# Running from a source checkout (src layout), the data directory is <checkout>/var.
DATA_DIR = Path(os.environ.get("LUOTSI_DATA_DIR", PACKAGE_DIR.parents[1] / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "luotsi.access.admin_app.LuotsiAdminConfig",  # django.contrib.admin, with the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "luotsi.organisations",
    "luotsi.accounts",
    "luotsi.dashboards",
    "luotsi.access",
    "luotsi.clients",
    "luotsi.consents",
    "luotsi.cases",
    "luotsi.casedocs",
    "luotsi.billing",
    "luotsi.jobs",
    "django_tasks",
    "django_tasks_db",
    "luotsi.employment",
    "luotsi.staff",
    "luotsi.quality",
    "luotsi.api",
    "luotsi.imports",
    "ninja",  # the API's interactive docs from its own static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    # First: names the request (X-Request-ID) and logs one line when it is answered.
    "luotsi.conf.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "luotsi.conf.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luotsi.conf.security.SecurityHeadersMiddleware",
    # Inside the security headers: the pages they put in place get the headers too.
    "luotsi.conf.errors.FriendlyErrorPagesMiddleware",
    "luotsi.conf.errors.PostOnlyRedirectMiddleware",
    # A dropped database connection: a clear 503 page (the change was rolled back).
    "luotsi.conf.database_errors.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "luotsi.conf.urls"
WSGI_APPLICATION = "luotsi.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Before the permissions: it loads the user's roles once for both.
                "luotsi.dashboards.context_processors.navigation",
                "luotsi.access.context_processors.permissions",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'luotsi.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# SQLite (the embedded default) has one writer at a time, and every request writes (the
# access log). A transaction that read first and then writes fails at once with "database
# is locked" when another one is writing, whatever the timeout. So each transaction takes
# the write lock as it begins (IMMEDIATE) and waits up to 20 s for it; WAL lets readers
# outside a transaction go on meanwhile.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses locked-out logins before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Internationalisation: Finnish first; English msgids, Finnish and Swedish catalogues.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# An idle session ends after SESSION_IDLE_MINUTES; every request renews it.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "luotsi.conf.errors.csrf_failure"  # the styled 403 page
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent on every response by luotsi.conf.security.SecurityHeadersMiddleware. The templates
# have no inline scripts or styles, so nothing needs 'unsafe-inline'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Login throttling (django-axes): lock a user name after AXES_FAILURE_LIMIT failed logins
# from one address, for an hour; a successful login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Where the client's address comes from (access log and login throttling). Without a
# reverse proxy only REMOTE_ADDR counts: a client could otherwise send its own
# X-Forwarded-For and get a fresh address for every guess. Behind N proxies that each
# append to X-Forwarded-For, set LUOTSI_PROXY_COUNT=N.
LUOTSI_PROXY_COUNT = int(os.environ.get("LUOTSI_PROXY_COUNT", "0"))

# Luotsi's public address, printed in the client feedback survey's link on the final
# feedback report (luotsi.quality.survey).
LUOTSI_PUBLIC_URL = os.environ.get("LUOTSI_PUBLIC_URL", "http://127.0.0.1:8000")
if LUOTSI_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = LUOTSI_PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Client data protection (docs/security.md). Empty here: dev and ci settings give fixed
# non-secret keys, production refuses to start without real ones.
LUOTSI_ENCRYPTION_KEY = os.environ.get("LUOTSI_ENCRYPTION_KEY", "")
LUOTSI_HMAC_KEY = os.environ.get("LUOTSI_HMAC_KEY", "")

# Logs go to standard error. LUOTSI_LOG_FORMAT=json (the production default) writes one
# JSON object a line, each with the request's id; LUOTSI_REQUEST_LOG=true adds one line per
# request (method, route pattern, status, duration: no personal data). docs/deployment.md.
LUOTSI_LOG_FORMAT = os.environ.get("LUOTSI_LOG_FORMAT", "text")
LUOTSI_REQUEST_LOG = env_bool("LUOTSI_REQUEST_LOG", False)


def logging_config(log_format: str, request_log: bool) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "hide_feed_token": {"()": "luotsi.dashboards.log_filters.HideFeedToken"},
            "request_id": {"()": "luotsi.conf.logs.RequestIdFilter"},
        },
        "formatters": {
            "json": {"()": "luotsi.conf.logs.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format == "json" else "text",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
        "loggers": {
            # The request loggers name the path: a refused feed fetch must not log its token.
            **{
                name: {"filters": ["hide_feed_token"]}
                for name in ("django.request", "django.server")
            },
            "luotsi.request": {"level": "INFO" if request_log else "WARNING"},
            "luotsi.jobs": {"level": "INFO"},
            "django_tasks": {"level": "INFO"},
            "django_tasks_db": {"level": "INFO"},
        },
    }


LOGGING = logging_config(LUOTSI_LOG_FORMAT, LUOTSI_REQUEST_LOG)

# Background jobs (luotsi.jobs, docs/jobs.md): django-tasks with its database backend,
# run by `luotsi worker`. A running job's worker beats every LUOTSI_JOB_HEARTBEAT_SECONDS;
# one silent for LUOTSI_JOB_LOST_AFTER_SECONDS is taken for lost (the job fails, retryable).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LUOTSI_JOB_HEARTBEAT_SECONDS = float(os.environ.get("LUOTSI_JOB_HEARTBEAT_SECONDS", "10"))
LUOTSI_JOB_LOST_AFTER_SECONDS = float(os.environ.get("LUOTSI_JOB_LOST_AFTER_SECONDS", "60"))

# The REST API (docs/api.md): requests per token (``count/period``, period s, min, h or
# d) and the longest lifetime a personal API token may be given.
LUOTSI_API_RATE = os.environ.get("LUOTSI_API_RATE", "300/min")
LUOTSI_API_TOKEN_MAX_DAYS = int(os.environ.get("LUOTSI_API_TOKEN_MAX_DAYS", "90"))
# Spreadsheet imports (docs/import.md): the largest upload, in megabytes.
LUOTSI_IMPORT_MAX_MB = int(os.environ.get("LUOTSI_IMPORT_MAX_MB", "10"))
# A file of more rows is checked and imported by background jobs with a progress bar.
LUOTSI_IMPORT_INLINE_ROWS = int(os.environ.get("LUOTSI_IMPORT_INLINE_ROWS", "500"))

# Two-factor login: the name authenticator apps show next to the user name.
OTP_TOTP_ISSUER = "Luotsi"
