"""Calendar feed tokens: make, replace, revoke, resolve. Only hashes are stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from django.db import transaction

from luotsi.accounts.models import Role, User

from .models import CalendarFeedToken

TOKEN_BYTES = 32
# secrets.token_urlsafe(32) gives 43 characters of the URL-safe base64 alphabet.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def may_have_feed(user: Any) -> bool:
    """Coaches have a calendar of their own clients' meetings and deadlines."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
        and user.has_role(Role.COACH)
    )


@transaction.atomic
def issue_token(user: User) -> str:
    """A new token for ``user``; any earlier one stops working. Returns the token (the only
    time it exists in plain text)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeedToken.objects.filter(user=user).delete()
    CalendarFeedToken.objects.create(user=user, token_hash=token_hash(token))
    return token


def revoke_token(user: User) -> bool:
    deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
    return bool(deleted)


def has_token(user: User) -> bool:
    return CalendarFeedToken.objects.filter(user=user).exists()


def user_for_token(token: str) -> User | None:
    """The user whose feed ``token`` opens, or None (malformed, unknown or revoked)."""
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    row = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return row.user if row else None


def revoke_if_no_longer_allowed(user: User) -> None:
    """A deactivated user, or one without the coach role or an organisation, loses the
    feed for good: reactivation or a new role does not bring the old address back."""
    if not CalendarFeedToken.objects.filter(user=user).exists():
        return
    is_coach = user.role_assignments.filter(role=Role.COACH).exists()
    if not (user.is_active and user.organisation_id is not None and is_coach):
        revoke_token(user)
