"""Acknowledging a violation that can no longer be put right: validated, one transaction,
a change-log row in the case's history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import actor_name, log_change
from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseFinding
from luotsi.rules.calendar import DATE_MIN

from .models import FindingAcknowledgement

NO_DATE = DATE_MIN  # stands for "the finding has no date / no due date" in the key
NOTE_MAX = 2000


def key_date(value: dt.date | None) -> dt.date:
    return value if value is not None else NO_DATE


def open_violation(case: Case, rule: str, date: dt.date | None, due: dt.date | None):
    """The case's stored violation of ``rule`` with this date and due date, or None."""
    return (
        CaseFinding.objects.filter(case=case, rule=rule, severity="violation", date=date, due=due)
        .order_by("pk")
        .first()
    )


def acknowledge(
    actor: User,
    case: Case,
    *,
    rule: str,
    date: dt.date | None,
    due: dt.date | None,
    note: str,
) -> FindingAcknowledgement:
    """Acknowledge ``case``'s violation of ``rule`` (found on ``date``, due ``due``) with
    ``note``. Refused with a ``ValidationError`` naming the field: an empty or too long note
    (``note``), no such violation now, or one already acknowledged (``rule``). The actor must
    be allowed to edit the case's client (``PermissionDenied`` otherwise)."""
    if not policy.can(actor, Action.EDIT, case.client):
        raise PermissionDenied(_("You may not change this client's cases."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Write why the violation is acknowledged (what was done about it).")}
        )
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("The note is too long: at most %(max)d characters.") % {"max": NOTE_MAX}}
        )
    with transaction.atomic():
        if open_violation(case, rule, date, due) is None:
            raise ValidationError(
                {"rule": _("The case has no such violation now: it may have been corrected.")}
            )
        try:
            with transaction.atomic():
                acknowledgement = FindingAcknowledgement.objects.create(
                    organisation_id=case.organisation_id,
                    case=case,
                    rule=rule,
                    finding_date=key_date(date),
                    finding_due=key_date(due),
                    note=note,
                    by=actor,
                    by_name=actor_name(actor),
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"rule": _("This violation has already been acknowledged.")}
            ) from exc
        log_change(
            actor,
            organisation_id=case.organisation_id,
            client_id=case.client_id,
            action=Action.EDIT,
            object_type="case",
            object_id=case.pk,
            fields=["acknowledgement"],
        )
    return acknowledgement
