"""The one way to name who did something and to write a change-log row.

Every app's service writes its audit trail through ``log_change``; the actor of a change
made by the system (demo data, imports, background jobs) is named ``SYSTEM_ACTOR``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .models import ChangeLogEntry

if TYPE_CHECKING:
    from luotsi.accounts.models import User

SYSTEM_ACTOR = "system"


def actor_name(actor: User | None) -> str:
    """The name a log row keeps for ``actor``: "Name (username)", or the system actor."""
    if actor is None:
        return SYSTEM_ACTOR
    return actor.log_name


def log_change(
    actor: User | None,
    *,
    organisation_id: int,
    client_id: int | None,
    action: str,
    object_type: str,
    object_id: object,
    fields: Iterable[str] = (),
) -> ChangeLogEntry:
    """One change-log row: who changed which fields of which object (never the values).
    ``client_id`` is None for a change that concerns no client (the staff register, audits)."""
    return ChangeLogEntry.objects.create(
        organisation_id=organisation_id,
        user=actor,
        user_name=actor_name(actor),
        client_id=client_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        fields=sorted(fields),
    )
