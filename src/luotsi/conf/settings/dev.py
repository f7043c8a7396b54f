"""Local development and ``make demo``: SQLite under var/, debug on unless DEBUG says no."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed development key, never used by the production settings.
SECRET_KEY = _SECRET_KEY or "dev-only-key-not-for-production-6b3f1d9e2a7c4e58b0d1"

# Static files straight from the apps (no collectstatic step outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
