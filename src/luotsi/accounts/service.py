"""Administrators' changes to their organisation's users: deactivating and reactivating.

Users are never deleted (the logs point to them): deactivating one ends their access at
the next request (Django's ``ModelBackend`` no longer loads an inactive user from a
session, and ``luotsi.access.policy`` gives an inactive user nothing) and deletes
their calendar feed token (``dashboards.signals``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Role, StaffChangeLogEntry, User


def may_administer(user: object) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "organisation_id", None) is not None
        and user.has_role(Role.ADMINISTRATOR)  # type: ignore[attr-defined]
    )


@transaction.atomic
def set_active(actor: User, user: User, active: bool) -> User:
    """Deactivate (``active=False``) or reactivate ``user`` of the actor's organisation.

    Refused: an actor who is not an administrator (``PermissionDenied``); a user of another
    organisation (``PermissionDenied``); deactivating oneself (``ValidationError`` on
    ``user``: an organisation must not lock its last administrator out by a slip)."""
    if not may_administer(actor) or user.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if user.pk == actor.pk and not active:
        raise ValidationError({"user": _("You cannot deactivate yourself.")})
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_active == active:
        return locked
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    StaffChangeLogEntry.objects.create(
        organisation_id=actor.organisation_id,
        actor=actor,
        actor_name=actor.log_name,
        user=locked,
        change="reactivated" if active else "deactivated",
    )
    return locked
