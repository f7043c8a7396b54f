"""Two organisations, every role, and clients in and out of each user's reach."""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import settings

from luotsi.accounts.models import Role, RoleAssignment, User
from luotsi.clients.service import create_client
from luotsi.demo.identity import make_identity_code
from luotsi.organisations.models import Organisation, Team

PASSWORD = "correct-horse-battery-staple"

# Property tests: `make test` runs the same examples every time, so a run's verdict does not
# depend on luck (a red CI run is a real regression, reproducible by anyone). `make fuzz`
# explores new random examples, ten times as many; what it finds becomes an `@example`.
FUZZ_SCALE = int(os.environ.get("LUOTSI_FUZZ_SCALE", "1"))


def examples(n: int) -> int:
    """A property test's number of examples: n, times ten under `make fuzz`."""
    return n * FUZZ_SCALE


settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", max_examples=examples(100), print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


def pytest_configure(config: pytest.Config) -> None:
    """LUOTSI_TODAY=YYYY-MM-DD runs the suite as if it were that day, 10:00 in Helsinki
    (`make test-dates`): the demo data and the workspace are dated relative to today."""
    today = os.environ.get("LUOTSI_TODAY")
    if not today:
        return
    try:
        day = dt.date.fromisoformat(today)
    except ValueError:
        raise pytest.UsageError(f"LUOTSI_TODAY: not a date (YYYY-MM-DD): {today!r}") from None
    moment = dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("Europe/Helsinki"))
    time_machine.travel(moment, tick=True).start()


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


@pytest.fixture
def world(db):
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


@pytest.fixture
def demo(db):
    """The demo organisation, staff and clients, as ``make demo`` loads them."""
    from luotsi.demo.loader import load_demo

    return load_demo()
