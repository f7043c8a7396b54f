"""Cases and stored findings for the dashboard tests, on dates relative to today."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.clients.service import create_client
from luotsi.demo.identity import make_identity_code

_numbers = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def make_client(world, first, last, coach, team, organisation=None):
    n = next(_numbers)
    return create_client(
        None,
        organisation=organisation or world.org,
        identity_code=make_identity_code(dt.date(1980, 1, 1) + dt.timedelta(days=n), 900 + n % 99),
        first_name=first,
        last_name=last,
        responsible_coach=coach,
        team=team,
    )


def make_case(client, service="TK", number=None):
    return Case.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        service=service,
        external_id=number or f"C-{next(_numbers):04d}",
        received=today() - dt.timedelta(days=40),
        evaluated_on=today(),
    )


def finding(case, rule, severity, due=None, date=None, source="000 Testi"):
    return CaseFinding.objects.create(
        case=case,
        rule=rule,
        severity=severity,
        due=due,
        date=date,
        message_fi=f"{rule} suomeksi",
        message_sv=f"{rule} på svenska",
        message_en=f"{rule} in English",
        source=source,
        evaluated_on=today(),
    )


def meeting(case, day):
    return CaseEvent.objects.create(
        case=case, type="meeting", date=day, data={"type": "meeting", "date": day.isoformat()}
    )


def one_of_each(case):
    """A finding for every group, and an info that no group shows."""
    t = today()
    sunday = t + dt.timedelta(days=6)  # the last day of "this week": the next 7 days
    return {
        "late": [
            finding(case, "DAYS.EXCEEDED", "violation", date=t - dt.timedelta(days=3)),
            finding(case, "START.DEADLINE", "due", due=t - dt.timedelta(days=1)),
        ],
        "kela": [finding(case, "KELA.NOTIFY", "action", date=t - dt.timedelta(days=2))],
        "this_week": [finding(case, "CERT.MISSING", "due", due=sunday)],
        "later": [finding(case, "FEEDBACK.DEADLINE", "due", due=sunday + dt.timedelta(days=1))],
        "risk": [finding(case, "TOTAL.AT_RISK", "warning")],
        "info": [finding(case, "MEETING.MAX", "info")],
    }


@pytest.fixture
def cases(world):
    """The coach's own client with one finding of each kind; a client of the coach's team
    with another coach; a client of another team; a client of another organisation."""
    from types import SimpleNamespace

    teammate = make_client(world, "Tiina", "Tiimiläinen", world.coach_b, world.team_a)
    ns = SimpleNamespace(
        own=make_case(world.own_client, "TK", "OWN-1"),
        teammate=make_case(teammate, "TV", "TEAM-1"),
        other_team=make_case(world.other_coach_client, "TV", "OTHER-1"),
        other_org=make_case(world.other_org_client, "TK", "ORG2-1"),
    )
    ns.own_findings = one_of_each(ns.own)
    for name in ("teammate", "other_team", "other_org"):
        case = getattr(ns, name)
        finding(case, f"X.{name.upper()}", "violation", date=today())
        finding(case, "CERT.MISSING", "due", due=today() + dt.timedelta(days=20))
    return ns
