"""The test data builders shared by the test modules: users, the two-organisation world,
offices, clients, cases and stored findings. Fixtures (``tests/conftest.py`` and each
area's ``conftest.py``) call these; a test module imports them from here, never from
another test module."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

from django.utils import timezone

from luotsi.accounts.models import Role, RoleAssignment, User
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.clients.service import create_client
from luotsi.demo.identity import make_identity_code
from luotsi.organisations.models import Office, Organisation, Team

PASSWORD = "correct-horse-battery-staple"


def make_user(username, organisation, roles, teams=()):
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.split("_")[0].title(),
        last_name="Testinen",
        organisation=organisation,
    )
    for role in roles:
        RoleAssignment.objects.create(user=user, role=role)
    user.teams.set(teams)
    return user


def build_world() -> SimpleNamespace:
    """Two organisations, every role, and clients in and out of each user's reach (the
    ``world`` fixture)."""
    org = Organisation.objects.create(name="Testikuntoutus Oy", business_id="2345678-0")
    other_org = Organisation.objects.create(name="Muu Kuntoutus Oy", business_id="1234567-1")
    team_a = Team.objects.create(organisation=org, name="Tiimi A")
    team_b = Team.objects.create(organisation=org, name="Tiimi B")
    other_team = Team.objects.create(organisation=other_org, name="Muu tiimi")
    w = SimpleNamespace(org=org, other_org=other_org, team_a=team_a, team_b=team_b)
    w.coach = make_user("coach", org, [Role.COACH], [team_a])
    w.coach_b = make_user("coachb", org, [Role.COACH], [team_b])
    w.team_lead = make_user("lead", org, [Role.TEAM_LEAD], [team_a])
    w.quality_manager = make_user("quality", org, [Role.QUALITY_MANAGER])
    w.administrator = make_user("admin", org, [Role.ADMINISTRATOR])
    w.billing = make_user("billing", org, [Role.BILLING])
    w.other_coach = make_user("othercoach", other_org, [Role.COACH], [other_team])
    w.other_administrator = make_user("otheradmin", other_org, [Role.ADMINISTRATOR])
    w.own_client = create_client(
        None,
        organisation=org,
        identity_code=make_identity_code(dt.date(1990, 4, 2), 901),
        first_name="Oona",
        last_name="Oma",
        responsible_coach=w.coach,
        team=team_a,
    )
    w.other_coach_client = create_client(
        None,
        organisation=org,
        identity_code=make_identity_code(dt.date(1985, 6, 15), 902),
        first_name="Toivo",
        last_name="Toinen",
        responsible_coach=w.coach_b,
        team=team_b,
    )
    w.other_org_client = create_client(
        None,
        organisation=other_org,
        identity_code=make_identity_code(dt.date(1970, 1, 31), 903),
        first_name="Veera",
        last_name="Vieras",
        responsible_coach=w.other_coach,
        team=other_team,
    )
    return w


def make_office(organisation: Organisation, street_address: str = "Yrjönkatu 1") -> Office:
    """The contract office in Pori (the ``office`` fixture)."""
    return Office.objects.create(
        organisation=organisation,
        name="Pori",
        street_address=street_address,
        postal_code="28100",
        city="Pori",
    )


# Cases and stored findings on dates relative to today (the dashboards' tests).
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
