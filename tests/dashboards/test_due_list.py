"""The due list: the whole reach of the user (policy.clients_for), filtered and paginated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from tests.factories import finding, make_case, make_client, one_of_each, today

pytestmark = pytest.mark.django_db

URL = reverse("clients:due_list")


def numbers(response):
    return {row.case_number for row in response.context["rows"]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coach", {"OWN-1", "TEAM-1"}),  # own and the own team's clients
        ("team_lead", {"OWN-1", "TEAM-1"}),  # the team's clients
        ("quality_manager", {"OWN-1", "TEAM-1", "OTHER-1"}),  # the organisation
    ],
)
def test_each_role_sees_its_reach_and_never_another_organisation(
    client, world, cases, role, expected
):
    client.force_login(getattr(world, role))
    response = client.get(URL)
    assert response.status_code == 200
    assert numbers(response) == expected
    assert "ORG2-1" not in response.content.decode()


def test_an_administrator_gets_no_client_content(client, world, cases):
    client.force_login(world.administrator)
    assert client.get(URL).status_code == 403


def test_sorted_by_due_date_with_no_due_date_last(client, world, cases):
    client.force_login(world.quality_manager)
    rows = client.get(URL).context["rows"]
    dues = [row.due for row in rows]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated)
    assert dues[: len(dated)] == dated  # every null after every date
    assert len(dated) < len(dues)


def test_info_only_when_asked_for(client, world, cases):
    client.force_login(world.quality_manager)
    rules = [row.rule for row in client.get(URL).context["rows"]]
    assert "MEETING.MAX" not in rules
    response = client.get(URL, {"severity": "info"})
    assert [row.rule for row in response.context["rows"]] == ["MEETING.MAX"]


def test_filters(client, world, cases):
    client.force_login(world.quality_manager)
    assert numbers(client.get(URL, {"service": "TV"})) == {"TEAM-1", "OTHER-1"}
    response = client.get(URL, {"severity": "action"})
    assert [row.rule for row in response.context["rows"]] == ["KELA.NOTIFY"]
    assert numbers(client.get(URL, {"coach": world.coach_b.pk})) == {"TEAM-1", "OTHER-1"}
    sunday = today() + dt.timedelta(days=6)  # the next 7 days
    response = client.get(URL, {"due_before": f"{sunday.day}.{sunday.month}.{sunday.year}"})
    rules = sorted(row.rule for row in response.context["rows"])
    # Due by Sunday, and what has no due date (already late or to report); not what is due
    # later (FEEDBACK.DEADLINE on Monday, the other clients' CERT.MISSING in 20 days).
    assert rules == [
        "CERT.MISSING",
        "DAYS.EXCEEDED",
        "KELA.NOTIFY",
        "START.DEADLINE",
        "TOTAL.AT_RISK",
        "X.OTHER_TEAM",
        "X.TEAMMATE",
    ]
    assert response.context["page"].paginator.count == len(rules)
    both = client.get(URL, {"service": "TK", "severity": "violation"})
    assert [row.rule for row in both.context["rows"]] == ["DAYS.EXCEEDED"]


def test_a_bad_filter_names_its_field(client, world, cases):
    client.force_login(world.quality_manager)
    response = client.get(URL, {"due_before": "31.2.2026"})
    assert response.status_code == 200
    assert "due_before" in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    response = client.get(URL, {"coach": world.other_coach.pk})  # another organisation's
    assert "coach" in response.context["form"].errors


def test_every_filter_has_a_label(client, world):
    client.force_login(world.quality_manager)
    html = client.get(URL).content.decode()
    for field in ("service", "severity", "coach", "due_before"):
        assert f'<label for="id_{field}">' in html
        assert f'id="id_{field}"' in html


def test_pages_keep_the_filters(client, world):
    client.force_login(world.coach)
    case = make_case(world.own_client, "TK")
    for n in range(55):
        finding(case, f"R.{n:02d}", "due", due=today() + dt.timedelta(days=n))
    response = client.get(URL, {"service": "TK"})
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.num_pages == 2
    html = response.content.decode()
    assert "?service=TK&amp;page=2" in html
    second = client.get(URL, {"service": "TK", "page": 2})
    assert [row.rule for row in second.context["rows"]] == [f"R.{n:02d}" for n in range(50, 55)]


def test_the_due_list_is_access_logged(client, world, cases):
    client.force_login(world.team_lead)
    before = AccessLogEntry.objects.count()
    client.get(URL)
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.user, entry.view_name, entry.client) == (
        world.team_lead,
        "clients:due_list",
        None,
    )


def test_the_number_of_queries_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(world.quality_manager)
    for n in range(2):
        person = make_client(world, f"A{n}", f"S{n}", world.coach, world.team_a)
        one_of_each(make_case(person))
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        response = client.get(URL, {"service": "TK"})
    assert len(response.context["rows"]) == 2 * 6

    for n in range(18):
        person = make_client(world, f"B{n}", f"T{n}", world.coach_b, world.team_b)
        one_of_each(make_case(person))
    with django_assert_num_queries(len(small)):
        response = client.get(URL, {"service": "TK"})
    assert len(response.context["rows"]) == 50  # a full page of 120


def test_cells_are_escaped_on_both_pages(client, world):
    """The rows are prepared as HTML in Python (dashboards.rows.RowMaker): every cell
    that comes from data is escaped."""
    case = make_case(world.own_client, "TK", "<b>C-1</b>")
    f = finding(case, "X.<i>RULE</i>", "due", due=today(), source='"Lähde" & <lähde>')
    type(f).objects.filter(pk=f.pk).update(message_fi="<script>alert(1)</script>")
    client.force_login(world.coach)
    for url in (URL, reverse("clients:dashboard")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;b&gt;C-1&lt;/b&gt;" in html and "<b>C-1</b>" not in html
        assert "X.&lt;i&gt;RULE&lt;/i&gt;" in html
        assert "&quot;Lähde&quot; &amp; &lt;lähde&gt;" in html
