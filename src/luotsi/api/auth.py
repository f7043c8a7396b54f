"""Who is calling: a personal API token in ``Authorization: Bearer <token>``; and how often.

The token's user becomes ``request.user`` (roles and organisation as on the web: the same
``luotsi.access.policy`` decides), the token row is ``request.auth``. A missing, malformed,
unknown, revoked or expired token, or one whose user was deactivated, is a 401.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from . import tokens
from .models import ApiToken

DEFAULT_RATE = "300/min"


class TokenAuth(HttpBearer):
    openapi_description = (
        "A personal API token (made and revoked on the user's own page, /api-tokens/), "
        "scoped read or write, expiring."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        row = tokens.resolve(token)
        if row is None:
            return None
        request.user = row.user
        return row


def _rate() -> tuple[int, int]:
    """``settings.LUOTSI_API_RATE`` ("300/min") as (requests, seconds)."""
    text = str(getattr(settings, "LUOTSI_API_RATE", DEFAULT_RATE))
    count, _slash, period = text.partition("/")
    seconds = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400}
    return int(count), seconds.get(period.strip(), 60)


class TokenThrottle(BaseThrottle):
    """At most ``LUOTSI_API_RATE`` requests per token in a window that starts with the
    token's first request (kept in Django's cache: per process with the default
    local-memory cache; give the web processes a shared cache to make the limit global).
    Over it: 429 with ``Retry-After``."""

    def __init__(self) -> None:
        self._wait: float | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if token is None:
            return True
        limit, seconds = _rate()
        key = f"luotsi-api-rate:{token.token_hash[:32]}"
        now = time.time()
        started, count = cache.get(key) or (now, 0)
        if now - started >= seconds:  # the token's window (from its first request) is over
            started, count = now, 0
        count += 1
        cache.set(key, (started, count), timeout=seconds + 1)
        if count > limit:
            self._wait = max(1.0, seconds - (now - started))
            return False
        return True

    def wait(self) -> float | None:
        return self._wait
