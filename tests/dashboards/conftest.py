"""The dashboard tests' ``cases`` fixture (its builders: tests/factories.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import finding, make_case, make_client, one_of_each, today


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
