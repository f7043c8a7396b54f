"""Making, revoking and resolving personal API tokens. Only SHA-256 hashes are stored.

A token is ``lt_`` + 43 characters of ``secrets.token_urlsafe(32)``: shown once, when it is
made, and never again. The lifetime is chosen when it is made, at most
``settings.LUOTSI_API_TOKEN_MAX_DAYS`` (default 90) days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User

from .models import ApiToken, Scope

PREFIX = "lt_"
TOKEN_PATTERN = re.compile(r"lt_[A-Za-z0-9_-]{43}")
DEFAULT_DAYS = 30


def max_days() -> int:
    return int(getattr(settings, "LUOTSI_API_TOKEN_MAX_DAYS", 90))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def may_have_tokens(user: User) -> bool:
    """Active staff of an organisation: a token can do no more than its user."""
    return bool(user.is_authenticated and user.is_active and user.organisation_id is not None)


@transaction.atomic
def issue_token(
    user: User, *, name: str, scope: str, days: int = DEFAULT_DAYS
) -> tuple[ApiToken, str]:
    """A new token of ``user``; returns the row and the token (the only time it exists in
    plain text). Errors name the field (``name``, ``scope``, ``days``)."""
    if not may_have_tokens(user):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the token a name that says where it is used.")]
    elif len(name) > 100:
        errors["name"] = [_("The name is too long (at most 100 characters).")]
    if scope not in Scope.values:
        errors["scope"] = [_("Choose read or read and write.")]
    if not isinstance(days, int) or not 1 <= days <= max_days():
        errors["days"] = [
            _("A token is valid for 1 to %(max)d days.") % {"max": max_days()},
        ]
    if errors:
        raise ValidationError(errors)
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:11],
        token_hash=token_hash(token),
        scope=scope,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return row, token


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of ``user``'s own tokens (a token of someone else is not found)."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return bool(updated)


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def resolve(token: str) -> ApiToken | None:
    """The usable token row for ``token`` (with its user), or None: malformed, unknown,
    revoked, expired, or its user inactive or without an organisation."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    row = (
        ApiToken.objects.select_related("user")
        .prefetch_related("user__role_assignments")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if row is None or not row.is_usable or not may_have_tokens(row.user):
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row
