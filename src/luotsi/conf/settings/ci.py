"""Test settings: fast hashing, no debug, the database from DATABASE_URL or SQLite."""

from .base import *  # noqa: F403
from .base import LUOTSI_ENCRYPTION_KEY as _ENCRYPTION_KEY
from .base import LUOTSI_HMAC_KEY as _HMAC_KEY
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = False
SECRET_KEY = _SECRET_KEY or "ci-only-key-not-for-production-0f6e2b8d4c1a9e73b5d2"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed in tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files straight from the apps (no collectstatic step outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Fixed test keys for client data, never used by the production settings.
LUOTSI_ENCRYPTION_KEY = _ENCRYPTION_KEY or "bHVvdHNpLWNpLW9ubHktZW5jcnlwdGlvbi1rZXkhISE="
LUOTSI_HMAC_KEY = _HMAC_KEY or "ci-only-hmac-key-not-for-production-8a3f5c1e9b"
# Django's test Client.login() calls authenticate() without a request, which django-axes
# refuses; logins through the login view are throttled as in production.
AUTHENTICATION_BACKENDS = [
    "luotsi.accounts.backends.AxesBackendForTests",
    "django.contrib.auth.backends.ModelBackend",
]
