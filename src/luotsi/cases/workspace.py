"""Findings of the workspace itself, stored with the engine's (``CaseFinding``), so the
dashboards' lists show them. They are not rules of the service descriptions.

``MEETING.UNMARKED`` — a planned meeting whose day has passed without the coach marking
it held or cancelled (severity ``due``, due on the meeting's day: late from the next day).
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from luotsi.rules.calendar import finnish_date

from .models import Case, CaseFinding, MeetingStatus

UNMARKED = "MEETING.UNMARKED"
SOURCE = "Luotsi"


def _unmarked_message(day: dt.date, lang: str) -> str:
    with translation.override(lang):
        return _("The meeting planned for %(date)s has not been marked held or cancelled.") % {
            "date": finnish_date(day)
        }


def workspace_findings(case: Case, on: dt.date) -> list[CaseFinding]:
    """The workspace's findings of ``case`` on ``on`` (one query)."""
    planned = case.planned_meetings.filter(status=MeetingStatus.PLANNED, date__lt=on)
    return [
        CaseFinding(
            case=case,
            rule=UNMARKED,
            severity="due",
            due=meeting.date,
            deadline=meeting.date,
            date=meeting.date,
            message_fi=_unmarked_message(meeting.date, "fi"),
            message_sv=_unmarked_message(meeting.date, "sv"),
            message_en=_unmarked_message(meeting.date, "en"),
            source=SOURCE,
            evaluated_on=on,
        )
        for meeting in planned.only("date")
    ]
