"""The coach's calendar feed (iCalendar): meetings and deadlines of their own clients.

The feed leaves the logged pages for a calendar app (often a phone, often a cloud service),
so it carries as little as will do: the client's initials, the case number and service, the
rule ID and its source. Never a name, an identity code or a finding's message (messages can
name a sickness or other health facts). Each event links to the case page, which needs a
login.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.cases.models import Case, CaseEvent, CaseFinding, MeetingStatus, PlannedMeeting

MEETINGS_PAST_DAYS = 30  # how far back meetings stay in the feed
MEETINGS_AHEAD_DAYS = 365
DEADLINES_PAST_DAYS = 30


# What an event needs of its case and client (the case number, service and initials).
CASE_FIELDS = (
    "case__id",
    "case__external_id",
    "case__service",
    "case__client__id",
    "case__client__first_name",
    "case__client__last_name",
)


def initials(first_name: str, last_name: str) -> str:
    return " ".join(f"{part[:1].upper()}." for part in (first_name, last_name) if part)


def _case_label(case: Case) -> str:
    client = case.client
    return f"{initials(client.first_name, client.last_name)} {case.external_id} ({case.service})"


def _case_url(request: HttpRequest, case: Case) -> str:
    return request.build_absolute_uri(
        reverse("clients:case_detail", kwargs={"client_id": case.client_id, "case_id": case.pk})
    )


def own_cases(user: Any) -> QuerySet[Case]:
    clients = policy.clients_for(user, Action.VIEW).filter(responsible_coach=user)
    return Case.objects.filter(organisation_id=user.organisation_id, client__in=clients)


def _event(uid: str, day: dt.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _planned_event(
    uid: str, meeting: PlannedMeeting, summary: str, description: str, url: str
) -> Event:
    """A planned meeting at its time (local time, its length); never its notes."""
    event = Event()
    start = timezone.make_aware(dt.datetime.combine(meeting.date, meeting.start))
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=meeting.minutes or 60))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    return event


def feed_for(user: Any, today: dt.date, lang: str, request: HttpRequest) -> tuple[bytes, int]:
    """The feed as iCalendar bytes and the number of events in it (three queries)."""
    cases = own_cases(user)
    meetings = (
        CaseEvent.objects.filter(
            case__in=cases,
            type="meeting",
            date__gte=today - dt.timedelta(days=MEETINGS_PAST_DAYS),
            date__lte=today + dt.timedelta(days=MEETINGS_AHEAD_DAYS),
        )
        .select_related("case", "case__client")
        .only("date", *CASE_FIELDS)
        .order_by("date", "pk")
    )
    deadlines = (
        CaseFinding.objects.filter(
            case__in=cases,
            due__isnull=False,
            due__gte=today - dt.timedelta(days=DEADLINES_PAST_DAYS),
        )
        .exclude(severity="info")
        .select_related("case", "case__client")
        .only("rule", "due", "source", *CASE_FIELDS)
        .order_by("due", "rule", "pk")
    )
    planned = (
        PlannedMeeting.objects.filter(
            case__in=cases,
            status=MeetingStatus.PLANNED,
            date__gte=today - dt.timedelta(days=MEETINGS_PAST_DAYS),
            date__lte=today + dt.timedelta(days=MEETINGS_AHEAD_DAYS),
        )
        .select_related("case", "case__client")
        .only("date", "start", "minutes", *CASE_FIELDS)
        .order_by("date", "start", "pk")
    )
    host = request.get_host().split(":")[0]
    with translation.override(lang):
        calendar = Calendar()
        calendar.add("prodid", "-//Luotsi//Calendar feed//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("Luotsi: meetings and deadlines"))
        count = 0
        for meeting in meetings:
            assert meeting.date is not None
            label = _case_label(meeting.case)
            calendar.add_component(
                _event(
                    f"meeting-{meeting.pk}@{host}",
                    meeting.date,
                    _("Meeting: %(case)s") % {"case": label},
                    _("Meeting with the client of case %(case)s.") % {"case": label},
                    _case_url(request, meeting.case),
                )
            )
            count += 1
        for meeting in planned:
            label = _case_label(meeting.case)
            calendar.add_component(
                _planned_event(
                    f"planned-meeting-{meeting.pk}@{host}",
                    meeting,
                    _("Planned meeting: %(case)s") % {"case": label},
                    _("Planned meeting with the client of case %(case)s.") % {"case": label},
                    _case_url(request, meeting.case),
                )
            )
            count += 1
        seen: set[str] = set()
        for finding in deadlines:
            assert finding.due is not None
            label = _case_label(finding.case)
            # Findings are replaced on every re-evaluation: the UID names the case, the rule
            # and the date, so a calendar keeps one event per deadline.
            uid = f"deadline-{finding.case.pk}-{finding.rule}-{finding.due:%Y%m%d}@{host}"
            if uid in seen:
                continue
            seen.add(uid)
            calendar.add_component(
                _event(
                    uid,
                    finding.due,
                    _("Deadline %(rule)s: %(case)s") % {"rule": finding.rule, "case": label},
                    _("Rule %(rule)s (%(source)s). Open the case in Luotsi for what to do.")
                    % {"rule": finding.rule, "source": finding.source},
                    _case_url(request, finding.case),
                )
            )
            count += 1
    return calendar.to_ical(), count
