"""The staff register's public face: every write goes through here.

Each change validates (``ValidationError`` naming the field), saves in one transaction,
writes a change-log row (``luotsi.access.audit.log_change``, no client) and recomputes
the organisation's staff findings (``recompute_staff_findings``) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.cases.models import Service
from luotsi.organisations.models import Office, Organisation, Team
from luotsi.rules import calendar as cal
from luotsi.rules.quality import staff as rules

from .models import (
    AbsenceKind,
    StaffAbsence,
    StaffFinding,
    StaffMember,
    StaffRole,
    Training,
    TrainingKind,
)

MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "role",
    "services",
    "qualifications",
    "active_from",
    "active_until",
    "user",
)


def _allowed(actor: User | None, organisation: Organisation) -> None:
    """The system (None) or a quality manager / administrator of the organisation."""
    if actor is None:
        return
    if actor.organisation_id != organisation.pk or not policy.can_manage_quality(actor):
        raise PermissionDenied


def _check_range(field: str, value: dt.date | None) -> None:
    if value is not None and not cal.in_date_range(value):
        raise ValidationError({field: _("The date is outside the allowed range.")})


# ---- reading ---------------------------------------------------------------------------


def members_of(organisation: Organisation) -> Any:
    """The register's members with everything the register page shows (5 queries)."""
    return (
        StaffMember.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related("offices", "teams", "trainings__kind", "absences")
    )


def register_of(organisation: Organisation) -> rules.Register:
    """The register as the staff rules read it."""
    members = []
    for m in members_of(organisation):
        members.append(
            rules.Member(
                name=str(m),
                roles=frozenset({m.role}),
                services=frozenset(m.services),
                offices=frozenset(o.name for o in m.offices.all()),
                teams=frozenset(t.name for t in m.teams.all()),
                absences=tuple(rules.Absence(a.start, a.end) for a in m.absences.all()),
                trainings=tuple(
                    rules.Training(
                        rules.FIRST_AID if t.kind.is_first_aid else f"kind-{t.kind_id}",
                        t.kind.name,
                        t.completed_on,
                        t.valid_until,
                    )
                    for t in m.trainings.all()
                ),
                active_from=m.active_from,
                active_until=m.active_until,
            )
        )
    return rules.Register(
        members=tuple(members),
        teams=tuple(Team.objects.filter(organisation=organisation).values_list("name", flat=True)),
        offices=tuple(
            Office.objects.filter(organisation=organisation).values_list("name", flat=True)
        ),
    )


def recompute_staff_findings(
    organisation: Organisation, on: dt.date | None = None
) -> list[StaffFinding]:
    """Evaluate the staff rules on ``on`` (today) and replace the stored findings."""
    on = on or timezone.localdate()
    with transaction.atomic():
        result = rules.evaluate_staff(register_of(organisation), on)
        StaffFinding.objects.filter(organisation=organisation).delete()
        rows = [
            StaffFinding(
                organisation=organisation,
                rule=f.rule,
                severity=f.severity,
                due=f.due,
                date=f.date,
                message_fi=f.message("fi"),
                message_sv=f.message("sv"),
                message_en=f.message("en"),
                source=f.source,
                evaluated_on=on,
            )
            for f in result.findings
        ]
        StaffFinding.objects.bulk_create(rows)
    return rows


def recompute_all(on: dt.date | None = None) -> int:
    """Re-evaluate every organisation's register (nightly: the days move on)."""
    count = 0
    for organisation in Organisation.objects.all():
        recompute_staff_findings(organisation, on)
        count += 1
    return count


# ---- members ---------------------------------------------------------------------------


def _clean_member(organisation: Organisation, data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for field in ("first_name", "last_name"):
        if not str(data.get(field) or "").strip():
            errors[field] = _("This field is required.")
    if data.get("role") not in StaffRole.values:
        errors["role"] = _("Choose a role from the list.")
    services = data.get("services") or []
    if any(s not in Service.values for s in services):
        errors["services"] = _("Choose services from the list.")
    for field in ("active_from", "active_until"):
        value = data.get(field)
        if value is not None and not cal.in_date_range(value):
            errors[field] = _("The date is outside the allowed range.")
    start, end = data.get("active_from"), data.get("active_until")
    if start and end and end < start:
        errors["active_until"] = _("The end cannot be before the start.")
    user = data.get("user")
    if user is not None and user.organisation_id != organisation.pk:
        errors["user"] = _("The login belongs to another organisation.")
    if errors:
        raise ValidationError(errors)


def save_member(
    actor: User | None,
    organisation: Organisation,
    *,
    member: StaffMember | None = None,
    offices: Iterable[Office] = (),
    teams: Iterable[Team] = (),
    on: dt.date | None = None,
    **data: Any,
) -> StaffMember:
    """Create (``member`` None) or update a staff member."""
    _allowed(actor, organisation)
    offices, teams = list(offices), list(teams)
    if any(o.organisation_id != organisation.pk for o in offices):
        raise ValidationError({"offices": _("Choose offices of your own organisation.")})
    if any(t.organisation_id != organisation.pk for t in teams):
        raise ValidationError({"teams": _("Choose teams of your own organisation.")})
    unknown = set(data) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"unknown staff member fields: {sorted(unknown)}")
    current = {f: getattr(member, f) for f in MEMBER_FIELDS} if member else {}
    merged = {**current, **data}
    _clean_member(organisation, merged)
    with transaction.atomic():
        creating = member is None
        if member is None:
            member = StaffMember(organisation=organisation)
        for field, value in merged.items():
            setattr(member, field, value)
        member.services = sorted(set(member.services or []))
        member.save()
        changed = [f for f in MEMBER_FIELDS if creating or current.get(f) != merged.get(f)]
        if creating or {o.pk for o in member.offices.all()} != {o.pk for o in offices}:
            member.offices.set(offices)
            changed.append("offices")
        if creating or {t.pk for t in member.teams.all()} != {t.pk for t in teams}:
            member.teams.set(teams)
            changed.append("teams")
        log_change(
            actor,
            organisation_id=organisation.pk,
            client_id=None,
            action=Action.CREATE if creating else Action.EDIT,
            object_type="staff_member",
            object_id=member.pk,
            fields=changed,
        )
        recompute_staff_findings(organisation, on)
    return member


# ---- trainings -------------------------------------------------------------------------


def save_training_kind(
    actor: User | None,
    organisation: Organisation,
    *,
    name: str,
    validity_months: int | None = None,
    is_first_aid: bool = False,
) -> TrainingKind:
    _allowed(actor, organisation)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    if TrainingKind.objects.filter(organisation=organisation, name=name).exists():
        raise ValidationError({"name": _("A training with this name already exists.")})
    if validity_months is not None and not 1 <= validity_months <= 600:
        raise ValidationError({"validity_months": _("Give the validity in months (1–600).")})
    if is_first_aid and validity_months is not None:
        raise ValidationError(
            {"validity_months": _("First aid's validity is set by the rules (three years).")}
        )
    with transaction.atomic():
        kind = TrainingKind.objects.create(
            organisation=organisation,
            name=name,
            validity_months=validity_months,
            is_first_aid=is_first_aid,
        )
        log_change(
            actor,
            organisation_id=organisation.pk,
            client_id=None,
            action=Action.CREATE,
            object_type="training_kind",
            object_id=kind.pk,
            fields=["name", "validity_months", "is_first_aid"],
        )
    return kind


def valid_until(kind: TrainingKind, completed_on: dt.date) -> dt.date | None:
    """The last valid day of a training of ``kind`` completed on ``completed_on``."""
    if kind.is_first_aid:
        return rules.first_aid_valid_until(completed_on)
    if kind.validity_months is None:
        return None
    return cal.add_months(completed_on, kind.validity_months) - dt.timedelta(days=1)


def add_training(
    actor: User | None,
    member: StaffMember,
    *,
    kind: TrainingKind,
    completed_on: dt.date,
    on: dt.date | None = None,
) -> Training:
    organisation = member.organisation
    _allowed(actor, organisation)
    if kind.organisation_id != organisation.pk:
        raise ValidationError({"kind": _("Choose a training of your own organisation.")})
    _check_range("completed_on", completed_on)
    if completed_on > (on or timezone.localdate()):
        raise ValidationError({"completed_on": _("A training cannot be completed in the future.")})
    with transaction.atomic():
        training = Training.objects.create(
            member=member,
            kind=kind,
            completed_on=completed_on,
            valid_until=valid_until(kind, completed_on),
        )
        log_change(
            actor,
            organisation_id=organisation.pk,
            client_id=None,
            action=Action.EDIT,
            object_type="staff_member",
            object_id=member.pk,
            fields=["trainings"],
        )
        recompute_staff_findings(organisation, on)
    return training


def remove_training(actor: User | None, training: Training, on: dt.date | None = None) -> None:
    member = training.member
    _allowed(actor, member.organisation)
    with transaction.atomic():
        training.delete()
        log_change(
            actor,
            organisation_id=member.organisation_id,
            client_id=None,
            action=Action.EDIT,
            object_type="staff_member",
            object_id=member.pk,
            fields=["trainings"],
        )
        recompute_staff_findings(member.organisation, on)


# ---- absences --------------------------------------------------------------------------


def add_absence(
    actor: User | None,
    member: StaffMember,
    *,
    kind: str,
    start: dt.date,
    end: dt.date,
    on: dt.date | None = None,
) -> StaffAbsence:
    organisation = member.organisation
    _allowed(actor, organisation)
    if kind not in AbsenceKind.values:
        raise ValidationError({"kind": _("Choose a kind from the list.")})
    _check_range("start", start)
    _check_range("end", end)
    if end < start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    with transaction.atomic():
        absence = StaffAbsence.objects.create(member=member, kind=kind, start=start, end=end)
        log_change(
            actor,
            organisation_id=organisation.pk,
            client_id=None,
            action=Action.EDIT,
            object_type="staff_member",
            object_id=member.pk,
            fields=["absences"],
        )
        recompute_staff_findings(organisation, on)
    return absence


def remove_absence(actor: User | None, absence: StaffAbsence, on: dt.date | None = None) -> None:
    member = absence.member
    _allowed(actor, member.organisation)
    with transaction.atomic():
        absence.delete()
        log_change(
            actor,
            organisation_id=member.organisation_id,
            client_id=None,
            action=Action.EDIT,
            object_type="staff_member",
            object_id=member.pk,
            fields=["absences"],
        )
        recompute_staff_findings(member.organisation, on)
