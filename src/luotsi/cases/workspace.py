"""Findings of the workspace itself, stored with the engine's (``CaseFinding``), so the
dashboards' lists show them. They are not rules of the service descriptions.

``MEETING.UNMARKED`` — a planned meeting whose day has passed without the coach marking
it held or cancelled (severity ``due``, due on the meeting's day: late from the next day).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from luotsi.rules.calendar import finnish_date

from .models import Case, CaseFinding, MeetingStatus, PlannedMeeting

UNMARKED = "MEETING.UNMARKED"
SOURCE = "Luotsi"


def _unmarked_message(day: dt.date, lang: str) -> str:
    with translation.override(lang):
        return _("The meeting planned for %(date)s has not been marked held or cancelled.") % {
            "date": finnish_date(day)
        }


def _unmarked(case: Case, day: dt.date, on: dt.date) -> CaseFinding:
    return CaseFinding(
        case=case,
        rule=UNMARKED,
        severity="due",
        due=day,
        deadline=day,
        date=day,
        message_fi=_unmarked_message(day, "fi"),
        message_sv=_unmarked_message(day, "sv"),
        message_en=_unmarked_message(day, "en"),
        source=SOURCE,
        evaluated_on=on,
    )


def _overdue_planned(on: dt.date) -> QuerySet[PlannedMeeting]:
    return PlannedMeeting.objects.filter(status=MeetingStatus.PLANNED, date__lt=on)


def workspace_findings(case: Case, on: dt.date) -> list[CaseFinding]:
    """The workspace's findings of ``case`` on ``on`` (one query)."""
    planned = _overdue_planned(on).filter(case=case)
    return [_unmarked(case, meeting.date, on) for meeting in planned.only("date")]


def workspace_findings_of(cases: list[Case], on: dt.date) -> dict[int, list[CaseFinding]]:
    """``workspace_findings`` of many cases in one query, by case id (the same rows in
    the same order: the planned meetings' own, ``PlannedMeeting.Meta.ordering``)."""
    by_case: dict[int, list[CaseFinding]] = {case.pk: [] for case in cases}
    known = {case.pk: case for case in cases}
    planned = _overdue_planned(on).filter(case_id__in=list(known))
    ordered = planned.order_by("case_id", "date", "start", "pk")
    for case_id, day in ordered.values_list("case_id", "date"):
        by_case[case_id].append(_unmarked(known[case_id], day, on))
    return by_case
