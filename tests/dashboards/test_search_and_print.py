"""Search by part of a case number; the client print with the cases and their findings;
the due list's new filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from tests.factories import finding, make_case, today

pytestmark = pytest.mark.django_db


def test_search_by_part_of_a_case_number(client, world, cases):
    client.force_login(world.quality_manager)
    response = client.get(reverse("clients:list"), {"q": "team-"})
    assert list(response.context["page"].object_list) == [cases.teammate.client]
    response = client.post(reverse("clients:list"), {"q": "OWN"})
    assert list(response.context["page"].object_list) == [world.own_client]
    other_org = client.get(reverse("clients:list"), {"q": "ORG2"})  # another organisation's
    assert list(other_org.context["page"].object_list) == []
    client.force_login(world.coach_b)  # own clients and team B's: not OWN-1's client
    found = client.get(reverse("clients:list"), {"q": "-1"}).context["page"]
    assert [c.last_name for c in found] == ["Tiimiläinen", "Toinen"]


def test_the_print_has_the_cases_and_their_findings(client, world, cases):
    client.force_login(world.coach)
    response = client.get(reverse("clients:print", kwargs={"client_id": world.own_client.pk}))
    html = response.content.decode()
    assert "OWN-1" in html and "Työkokeilu (TK)" in html
    assert "CERT.MISSING suomeksi" in html and "Osallistumistodistus puuttuu" in html
    assert "MEETING.MAX" in html  # the print has every stored finding, info included
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.action, entry.client) == ("print", world.own_client)


def test_the_due_list_filters_by_group_rule_and_month(client, world, cases):
    client.force_login(world.quality_manager)
    url = reverse("clients:due_list")
    rows = client.get(url, {"group": "late"}).context["rows"]
    assert sorted(r.rule for r in rows) == [
        "DAYS.EXCEEDED", "START.DEADLINE", "X.OTHER_TEAM", "X.TEAMMATE"
    ]  # fmt: skip
    rows = client.get(url, {"rule": "CERT.MISSING"}).context["rows"]
    assert {r.case_number for r in rows} == {"OWN-1", "TEAM-1", "OTHER-1"}
    old = make_case(world.own_client, "TK", "OLD-1")
    finding(old, "DAYS.EXCEEDED", "violation", date=dt.date(2026, 1, 15))
    rows = client.get(url, {"month": "2026-01"}).context["rows"]
    assert [r.case_number for r in rows] == ["OLD-1"]
    response = client.get(url, {"month": "2026-13", "rule": "cert missing"})
    assert {"month", "rule"} <= set(response.context["form"].errors)


def test_late_rows_show_the_deadline_and_how_late(client, world):
    case = make_case(world.own_client)
    row = finding(case, "START.DEADLINE", "violation", date=today() - dt.timedelta(days=30))
    type(row).objects.filter(pk=row.pk).update(deadline=today() - dt.timedelta(days=5))
    client.force_login(world.coach)
    html = client.get(reverse("clients:dashboard")).content.decode()
    deadline = today() - dt.timedelta(days=5)
    assert f"{deadline.day}.{deadline.month}.{deadline.year}" in html
    assert "myöhässä 5 pv" in html
    assert "Ensimmäinen tapaaminen ajallaan" in html  # the rule's title, the ID after it
    assert '<span class="rule-id code">START.DEADLINE</span>' in html
    assert '<span aria-hidden="true">✖</span> Rikkomus' in html  # an icon and a word


def test_every_rule_of_the_engine_has_a_title():
    import luotsi.rules  # noqa: F401 - registers every rule
    from luotsi.cases.labels import RULE_TITLES
    from luotsi.rules.registry import RULES

    assert len(RULES) > 40
    assert {info.id for info in RULES.values()} - set(RULE_TITLES) == set()
