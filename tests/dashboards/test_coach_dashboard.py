"""The coach's week: own clients only, grouped by what to do, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luotsi.access.models import AccessLogEntry, Action
from luotsi.accounts.models import User
from tests.factories import finding, make_case, make_client, one_of_each, today

pytestmark = pytest.mark.django_db


def groups_of(response):
    return {group.key: [row.rule for row in group.rows] for group in response.context["groups"]}


def test_every_finding_lands_in_its_group(client, world, cases):
    client.force_login(world.coach)
    response = client.get(reverse("clients:dashboard"))
    assert response.status_code == 200
    groups = groups_of(response)
    assert groups["late"] == ["START.DEADLINE", "DAYS.EXCEEDED"]  # by due date, none last
    assert groups["kela"] == ["KELA.NOTIFY"]
    assert groups["this_week"] == ["CERT.MISSING"]
    assert groups["later"] == ["FEEDBACK.DEADLINE"]
    assert groups["risk"] == ["TOTAL.AT_RISK"]
    assert "MEETING.MAX" not in str(groups)  # info stays on the case page


def test_a_coach_sees_only_own_clients_findings(client, world, cases):
    client.force_login(world.coach)
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "OWN-1" in html
    assert "TEAM-1" not in html  # the team's client of another coach: the due list has it
    assert "OTHER-1" not in html
    assert "ORG2-1" not in html
    assert "Vieras" not in html and "Toinen" not in html


def test_another_organisations_coach_never_sees_these_findings(client, world, cases):
    client.force_login(world.other_coach)
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "ORG2-1" in html
    for number in ("OWN-1", "TEAM-1", "OTHER-1"):
        assert number not in html


def test_rows_show_the_message_in_the_ui_language_the_finnish_date_and_the_case_link(
    client, world, cases
):
    client.force_login(world.coach)
    html = client.get(reverse("clients:dashboard")).content.decode()
    due = cases.own_findings["this_week"][0].due
    assert f"{due.day}.{due.month}.{due.year}" in html
    assert "CERT.MISSING suomeksi" in html
    assert "000 Testi" in html
    assert "Oma, Oona" in html
    case_url = reverse(
        "clients:case_detail", kwargs={"client_id": world.own_client.pk, "case_id": cases.own.pk}
    )
    assert f'href="{case_url}"' in html
    assert "Myöhässä tai rikottu" in html
    assert "Ilmoitettava Kelalle" in html

    client.cookies["django_language"] = "sv"
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "CERT.MISSING på svenska" in html

    client.cookies["django_language"] = "en"
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "CERT.MISSING in English" in html
    assert "To report to Kela" in html


def test_my_clients_counts_per_client(client, world, cases):
    second = make_client(world, "Sami", "Seuraava", world.coach, world.team_a)
    make_case(second)  # a case with nothing to do
    client.force_login(world.coach)
    response = client.get(reverse("clients:dashboard"))
    rows = {item.name: item for item in response.context["clients"]}
    assert set(rows) == {"Oma, Oona", "Seuraava, Sami"}
    assert rows["Oma, Oona"].cases == 1
    assert rows["Oma, Oona"].counts == {
        "late": 2,
        "kela": 1,
        "this_week": 1,
        "later": 1,
        "risk": 1,
    }
    assert rows["Seuraava, Sami"].cases == 1
    assert rows["Seuraava, Sami"].total == 0
    html = response.content.decode()
    detail = reverse("clients:detail", kwargs={"client_id": second.pk})
    assert f'<a href="{detail}">Seuraava, Sami</a></th><td>1</td><td>0</td>' in html


def test_the_dashboard_is_access_logged(client, world, cases):
    client.force_login(world.coach)
    before = AccessLogEntry.objects.count()
    client.get(reverse("clients:dashboard"))
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("pk")
    assert entry.user == world.coach
    assert entry.action == Action.LIST
    assert entry.view_name == "clients:dashboard"
    assert entry.detail == "coach dashboard: 1 clients, 6 findings"


def _populate(world, clients, cases_each):
    for n in range(clients):
        person = make_client(world, f"Asiakas{n}", f"Sukunimi{n}", world.coach, world.team_a)
        for _ in range(cases_each):
            one_of_each(make_case(person, "TV" if n % 2 else "TK"))


def test_the_number_of_queries_does_not_grow_with_clients_cases_or_findings(
    client, world, django_assert_num_queries
):
    client.force_login(world.coach)
    url = reverse("clients:dashboard")
    _populate(world, clients=1, cases_each=2)
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert sum(len(g.rows) for g in response.context["groups"]) == 2 * 6

    _populate(world, clients=9, cases_each=2)  # 20 cases, 140 findings
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert sum(len(g.rows) for g in response.context["groups"]) == 20 * 6
    assert len(response.context["clients"]) == 11  # and Oona, without cases


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("coach", "clients:dashboard"),
        ("team_lead", "clients:team"),
        ("quality_manager", "clients:quality"),
        ("administrator", "accounts:users"),
        ("billing", "billing:home"),
    ],
)
def test_each_role_lands_on_its_own_page(client, world, role, page):
    client.force_login(getattr(world, role))
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(page)
    assert client.get(response["Location"]).status_code == 200


def test_a_user_without_a_role_page_gets_the_welcome(client, world):
    world.administrator.role_assignments.all().delete()
    client.force_login(world.administrator)
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 200
    assert b"Tervetuloa" in response.content


def test_several_roles_land_on_the_first_roles_page(client, world):
    from luotsi.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=world.team_lead, role="coach")
    client.force_login(world.team_lead)  # a team lead who coaches: their own week first
    assert client.get(reverse("dashboards:home"))["Location"] == reverse("clients:dashboard")
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert f'href="{reverse("clients:team")}"' in html  # and the team in the navigation


def test_an_administrator_may_not_open_the_dashboard(client, world):
    client.force_login(world.administrator)
    assert client.get(reverse("clients:dashboard")).status_code == 403


def test_a_quality_manager_without_own_clients_is_led_to_the_due_list(client, world, cases):
    client.force_login(world.quality_manager)
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "OWN-1" not in html
    # In the navigation, at the top, and again where their own clients would be.
    assert html.count(f'href="{reverse("clients:due_list")}"') == 3
    client.force_login(world.coach)  # has clients: the navigation and the top only
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert html.count(f'href="{reverse("clients:due_list")}"') == 2


def test_a_stale_due_finding_counts_as_late(client, world):
    """Stored findings are evaluated nightly: a deadline that passed since is late today."""
    case = make_case(world.own_client)
    stale = finding(case, "PHASE1.DEADLINE", "due", due=today() - dt.timedelta(days=5))
    client.force_login(world.coach)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("clients:dashboard"))
    groups = groups_of(response)
    assert groups["late"] == ["PHASE1.DEADLINE"]
    assert groups["this_week"] == []
    assert "last evaluated on" not in response.content.decode()  # evaluated today

    evaluated = today() - dt.timedelta(days=6)
    type(stale).objects.filter(pk=stale.pk).update(evaluated_on=evaluated)
    html = client.get(reverse("clients:dashboard")).content.decode()
    day = f"{evaluated.day}.{evaluated.month}.{evaluated.year}"
    assert f"Some findings were last evaluated on {day}" in html


def test_the_demo_coach_sees_real_engine_findings(client, demo):
    from luotsi.cases.models import CaseFinding

    user = User.objects.get(username="aino.koskinen")
    client.force_login(user)
    response = client.get(reverse("clients:dashboard"))
    assert response.status_code == 200
    shown = sum(len(g.rows) for g in response.context["groups"])
    stored = CaseFinding.objects.filter(
        case__client__responsible_coach=user,
        severity__in=["violation", "due", "action", "warning"],
    ).count()
    assert shown == stored
