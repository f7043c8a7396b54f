"""The quality manager's page: findings by service × rule × month, a table and an SVG chart,
each number a link to the due list of exactly those findings."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from luotsi.dashboards.months import month_key
from luotsi.dashboards.service import acknowledge
from tests.factories import finding, make_case, make_client, today

pytestmark = pytest.mark.django_db
URL = reverse("clients:quality")


def test_the_table_counts_and_every_cell_links_to_those_findings(client, world, cases):
    violation = cases.own_findings["late"][0]
    acknowledge(
        world.coach, cases.own, rule=violation.rule, date=violation.date, due=None, note="x"
    )
    client.force_login(world.quality_manager)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="group"' in html
    table = {(row.service, row.rule): (row, cells) for row, cells, _ in response.context["table"]}
    # Violations by default; the acknowledged one still counts, and is counted as such.
    assert set(table) == {("TK", "DAYS.EXCEEDED"), ("TV", "X.TEAMMATE"), ("TV", "X.OTHER_TEAM")}
    row, cells = table[("TK", "DAYS.EXCEEDED")]
    assert (row.total, row.acknowledged) == (1, 1)
    assert "ORG2" not in html and "X.OTHER_ORG" not in html
    count, link = next((count, link) for count, link in cells if count)
    assert link.startswith(reverse("clients:due_list") + "?")
    listed = client.get(unescape(link))
    assert [r.rule for r in listed.context["rows"]] == ["DAYS.EXCEEDED"]
    assert len(listed.context["rows"]) == count
    # The chart's bars link to each month's list.
    month = month_key(violation.date)
    assert re.search(
        rf'<a href="[^"]*month={month}[^"]*" aria-label="[^"]+"><rect class="bar"', html
    )


def test_the_filter_shows_other_severities(client, world, cases):
    client.force_login(world.quality_manager)
    response = client.get(URL, {"severity": "action"})
    assert {row.rule for row, _, _ in response.context["table"]} == {"KELA.NOTIFY"}


def test_old_findings_are_outside_the_twelve_months(client, world):
    case = make_case(world.own_client)
    finding(case, "DAYS.EXCEEDED", "violation", date=today() - dt.timedelta(days=400))
    client.force_login(world.quality_manager)
    assert client.get(URL).context["table"] == []


def test_the_quality_page_makes_the_same_number_of_queries_for_more_findings(
    client, world, cases, django_assert_max_num_queries
):
    client.force_login(world.quality_manager)
    client.get(URL)
    with django_assert_max_num_queries(20) as captured:
        client.get(URL)
    few = len(captured)
    for n in range(10):
        person = make_client(world, f"Lisä{n}", "Asiakas", world.coach_b, world.team_b)
        case = make_case(person, "TV")
        for k in range(5):
            finding(case, f"R.{k}", "violation", date=today() - dt.timedelta(days=30 * k))
    with django_assert_max_num_queries(few):
        client.get(URL)


def test_only_the_quality_manager_opens_it(client, world):
    for user in (world.coach, world.team_lead, world.administrator):
        client.force_login(user)
        assert client.get(URL).status_code == 403
