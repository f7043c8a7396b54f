"""Production: everything from the environment; refuses to start without a real SECRET_KEY.

Passes ``manage.py check --deploy`` with no warnings (tests/test_settings.py proves it).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES as _STORAGES
from .base import env_bool, logging_config

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (at least 50 characters)."
    )

# Client data keys (docs/security.md): no fallback here, a missing or malformed key stops
# the application before it can write an unencrypted or unsearchable identity code.
LUOTSI_ENCRYPTION_KEY = os.environ.get("LUOTSI_ENCRYPTION_KEY", "")
LUOTSI_HMAC_KEY = os.environ.get("LUOTSI_HMAC_KEY", "")
if not LUOTSI_ENCRYPTION_KEY:
    raise ImproperlyConfigured(
        "LUOTSI_ENCRYPTION_KEY must be set in the environment (a Fernet key; "
        'make one with: python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())").'
    )
if len(LUOTSI_HMAC_KEY) < 32:
    raise ImproperlyConfigured(
        "LUOTSI_HMAC_KEY must be set in the environment (at least 32 characters, "
        "different from LUOTSI_ENCRYPTION_KEY and SECRET_KEY)."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# One JSON object a line on standard error, with one line per request (docs/deployment.md).
LUOTSI_LOG_FORMAT = os.environ.get("LUOTSI_LOG_FORMAT", "json")
LUOTSI_REQUEST_LOG = env_bool("LUOTSI_REQUEST_LOG", True)
LOGGING = logging_config(LUOTSI_LOG_FORMAT, LUOTSI_REQUEST_LOG)

# Static files: collected once (`luotsi manage collectstatic`), served by WhiteNoise from
# every web process under hashed, compressed names with far-future cache headers.
STORAGES = {
    **_STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
