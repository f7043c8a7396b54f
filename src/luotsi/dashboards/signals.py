"""A calendar feed token ends with the coach's right to it (``tokens.may_have_feed``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from luotsi.accounts.models import RoleAssignment, User

from .tokens import revoke_if_no_longer_allowed

# What a user's save must touch to matter here (a login saves only ``last_login``).
_FEED_FIELDS = frozenset({"is_active", "organisation", "organisation_id"})


@receiver(post_save, sender=User, dispatch_uid="luotsi-feed-user-saved")
def user_saved(
    sender: type, instance: User, update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    if update_fields is None or _FEED_FIELDS & update_fields:
        revoke_if_no_longer_allowed(instance)


@receiver(post_save, sender=RoleAssignment, dispatch_uid="luotsi-feed-role-saved")
@receiver(post_delete, sender=RoleAssignment, dispatch_uid="luotsi-feed-role-deleted")
def role_changed(sender: type, instance: RoleAssignment, **kwargs: Any) -> None:
    user = User.objects.filter(pk=instance.user_id).first()  # None: the user is being deleted
    if user is not None:
        revoke_if_no_longer_allowed(user)
