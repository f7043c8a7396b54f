"""Planned meetings and case notes: the workspace's records beside the case file.

A planned meeting is not an event of the case file: the engine never sees it and the
exported file leaves it out. Marking it held records a ``meeting`` event through the same
preview and confirmation as any change (``proposals.confirm``); cancelling keeps it, with
the reason. Each step bumps the case's version and keeps a ``CaseRevision``.

Notes are append-only free text on a case or on one of its meetings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access.audit import actor_name, log_change
from luotsi.accounts.models import User
from luotsi.rules.calendar import finnish_date

from . import proposals, service
from .checks import Change, error
from .models import Case, CaseEvent, CaseNote, MeetingStatus, PlannedMeeting, RevisionAction


def planned_data(meeting: PlannedMeeting) -> dict[str, Any]:
    """The planned meeting as its revisions keep it."""
    data: dict[str, Any] = {
        "date": meeting.date.isoformat(),
        "start": meeting.start.strftime("%H:%M"),
        "minutes": meeting.minutes,
        "mode": meeting.mode,
        "kind": meeting.kind,
        "status": meeting.status,
    }
    for key in ("place", "office", "phase", "cancel_reason"):
        if getattr(meeting, key):
            data[key] = getattr(meeting, key)
    return data


@transaction.atomic
def plan_meeting(
    actor: User | None,
    case: Case,
    expected_version: int,
    *,
    date: dt.date,
    start: dt.time,
    minutes: int,
    mode: str,
    kind: str,
    place: str = "",
    office: str = "",
    phase: str = "",
    today: dt.date | None = None,
) -> PlannedMeeting:
    """A meeting agreed for ``today`` (default: today) or a day ahead (``/date`` refused
    when it has passed)."""
    service.check_access(actor, case.organisation, case.client)
    today = today or timezone.localdate()
    if date < today:
        raise error(
            "/date",
            _("This day has passed: record the meeting as held instead."),
            "past",
        )
    if date < case.received:
        raise error(
            "/date",
            _("This is before the decision was received (%(date)s).")
            % {"date": finnish_date(case.received)},
            "before_decision",
        )
    case = service.lock(case, expected_version, actor)
    meeting = PlannedMeeting.objects.create(
        case=case,
        date=date,
        start=start,
        minutes=minutes,
        mode=mode,
        kind=kind,
        place=place,
        office=office,
        phase=phase,
    )
    service.revision(
        actor, case, RevisionAction.PLAN, "planned_meeting", meeting.pk, None, planned_data(meeting)
    )
    service.log(actor, case, "edit", ["planned_meetings"])
    service.recompute_findings(case)
    return meeting


def _open(meeting: PlannedMeeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("This meeting was already marked held or cancelled."), code="not_planned"
        )


@transaction.atomic
def hold_meeting(
    actor: User | None,
    case: Case,
    meeting: PlannedMeeting,
    change: Change,
    expected_version: int,
    digest: str,
    agreement: proposals.Agreement | None = None,
) -> Case:
    """The planned meeting took place: record ``change`` (its ``meeting`` event, as
    previewed) and mark it held, in one transaction. Its notes stay with it (and so with
    the meeting held, ``held_event``)."""
    meeting = PlannedMeeting.objects.select_for_update().get(pk=meeting.pk, case=case)
    _open(meeting)
    before = planned_data(meeting)
    case = proposals.confirm(actor, case, change, expected_version, digest, agreement)
    held = next(e for e in case.added_events if e.type == "meeting")  # type: ignore[attr-defined]
    PlannedMeeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, held_event=held)
    meeting.refresh_from_db()
    service.revision(
        actor,
        case,
        RevisionAction.HOLD,
        "planned_meeting",
        meeting.pk,
        before,
        planned_data(meeting),
    )
    service.recompute_findings(case)
    return case


@transaction.atomic
def cancel_meeting(
    actor: User | None,
    case: Case,
    meeting: PlannedMeeting,
    reason: str,
    expected_version: int,
) -> PlannedMeeting:
    """The planned meeting will not take place (``/cancel_reason`` required)."""
    service.check_access(actor, case.organisation, case.client)
    if not reason.strip():
        raise error("/cancel_reason", _("Give the reason for cancelling."), "required")
    case = service.lock(case, expected_version, actor)
    meeting = PlannedMeeting.objects.select_for_update().get(pk=meeting.pk, case=case)
    _open(meeting)
    before = planned_data(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.save(update_fields=["status", "cancel_reason"])
    service.revision(
        actor,
        case,
        RevisionAction.CANCEL,
        "planned_meeting",
        meeting.pk,
        before,
        planned_data(meeting),
        meeting.cancel_reason,
    )
    service.log(actor, case, "edit", ["planned_meetings"])
    service.recompute_findings(case)
    return meeting


@transaction.atomic
def add_note(
    actor: User | None,
    case: Case,
    text: str,
    *,
    meeting: CaseEvent | None = None,
    planned_meeting: PlannedMeeting | None = None,
) -> CaseNote:
    """A free-text note on ``case`` (or one of its meetings); ``/text`` required."""
    service.check_access(actor, case.organisation, case.client)
    if not text.strip():
        raise error("/text", _("Write the note."), "required")
    if meeting is not None and (meeting.case_id != case.pk or meeting.type != "meeting"):
        raise error("/meeting", _("Choose a meeting of this case."), "invalid")
    if planned_meeting is not None and planned_meeting.case_id != case.pk:
        raise error("/meeting", _("Choose a meeting of this case."), "invalid")
    note = CaseNote.objects.create(
        case=case,
        meeting=meeting,
        planned_meeting=planned_meeting,
        text=text.strip(),
        author=actor,
        author_name=actor_name(actor),
    )
    log_change(
        actor,
        organisation_id=case.organisation_id,
        client_id=case.client_id,
        action="create",
        object_type="case_note",
        object_id=note.pk,
        fields=["text"],
    )
    return note
