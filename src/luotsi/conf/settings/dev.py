"""Local development and ``make demo``: SQLite under var/, debug on unless DEBUG says no."""

from .base import *  # noqa: F403
from .base import LUOTSI_ENCRYPTION_KEY as _ENCRYPTION_KEY
from .base import LUOTSI_HMAC_KEY as _HMAC_KEY
from .base import SECRET_KEY as _SECRET_KEY
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed development key, never used by the production settings.
SECRET_KEY = _SECRET_KEY or "dev-only-key-not-for-production-6b3f1d9e2a7c4e58b0d1"

# Static files straight from the apps (no collectstatic step outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Fixed development keys for client data, never used by the production settings.
LUOTSI_ENCRYPTION_KEY = _ENCRYPTION_KEY or "bHVvdHNpLWRldi1vbmx5LWVuY3J5cHRpb24ta2V5ISE="
LUOTSI_HMAC_KEY = _HMAC_KEY or "dev-only-hmac-key-not-for-production-4e1c9a7b2d"
# Luotsi's own 404 page also under DEBUG (luotsi.conf.errors); False shows Django's
# technical 404 page with the URL patterns.
LUOTSI_FRIENDLY_404 = env_bool("LUOTSI_FRIENDLY_404", True)
