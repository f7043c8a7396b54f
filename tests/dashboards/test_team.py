"""The team lead's page: the caseload by coach, the drill-down, and handing clients over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from luotsi.access import policy
from luotsi.access.models import ChangeLogEntry
from luotsi.clients import service as client_service
from luotsi.dashboards.service import acknowledge
from tests.factories import finding, make_case, make_client, one_of_each, today

pytestmark = pytest.mark.django_db
URL = reverse("clients:team")


def _rows(response):
    return {row.name: row for row in response.context["rows"]}


def test_the_caseload_counts_each_coachs_findings_by_group(client, world, cases):
    client.force_login(world.team_lead)
    response = client.get(URL)
    assert response.status_code == 200
    rows = _rows(response)
    coach = rows[str(world.coach)]
    assert (coach.clients, coach.cases) == (1, 1)
    assert dict(coach.cells) == {"late": 2, "kela": 1, "this_week": 1, "risk": 1}
    teammate = rows[str(world.coach_b)]  # coach of team B, responsible for a team-A client
    assert (teammate.clients, dict(teammate.cells)["late"]) == (1, 1)
    html = response.content.decode()
    assert "OTHER-1" not in html and "Toinen" not in html  # team B's own client: not ours
    due = reverse("clients:due_list")
    assert f'href="{due}?coach={world.coach.pk}&amp;group=late"' in html
    # The drill-down shows exactly those findings.
    drill = client.get(due, {"coach": world.coach.pk, "group": "late"})
    assert sorted(row.rule for row in drill.context["rows"]) == ["DAYS.EXCEEDED", "START.DEADLINE"]


def test_an_acknowledged_violation_is_not_counted(client, world, cases):
    violation = cases.own_findings["late"][0]
    acknowledge(
        world.coach, cases.own, rule=violation.rule, date=violation.date, due=None, note="ok"
    )
    client.force_login(world.team_lead)
    assert dict(_rows(client.get(URL))[str(world.coach)].cells)["late"] == 1


def test_the_team_page_makes_the_same_number_of_queries_for_more_clients(
    client, world, cases, django_assert_max_num_queries
):
    client.force_login(world.team_lead)
    client.get(URL)
    with django_assert_max_num_queries(20) as captured:
        client.get(URL)
    few = len(captured)
    for n in range(15):
        person = make_client(world, f"Uusi{n}", "Asiakas", world.coach, world.team_a)
        one_of_each(make_case(person))
    with django_assert_max_num_queries(few):
        client.get(URL)


def test_only_a_team_lead_opens_the_team_page(client, world):
    for user in (world.coach, world.quality_manager, world.administrator):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_handover_moves_the_clients_and_their_access_follows(client, world, cases):
    assert not policy.can(world.coach_b, "view", world.own_client)  # another team's coach
    client.force_login(world.team_lead)
    url = reverse("clients:handover")
    assert client.get(url).status_code == 200  # choose a coach
    page = client.get(url, {"from": world.coach.pk})
    assert "Oma, Oona" in page.content.decode()
    response = client.post(
        url,
        {"from": world.coach.pk, "clients": [world.own_client.pk], "to_coach": world.coach_b.pk},
    )
    assert response.status_code == 302 and response["Location"] == URL
    world.own_client.refresh_from_db()
    assert world.own_client.responsible_coach == world.coach_b
    assert policy.can(world.coach_b, "edit", world.own_client)  # the cover sees the client
    assert policy.can(world.coach, "view", world.own_client)  # still in the coach's team
    change = ChangeLogEntry.objects.latest("pk")
    assert (change.client, change.user, change.fields) == (
        world.own_client,
        world.team_lead,
        ["responsible_coach"],
    )
    client.force_login(world.coach_b)
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "OWN-1" in html
    client.force_login(world.coach)
    assert "OWN-1" not in client.get(reverse("clients:dashboard")).content.decode()


def test_handover_refusals(client, world, cases):
    with pytest.raises(PermissionDenied):  # a coach is not a team lead
        client_service.hand_over(world.coach, [world.own_client], world.coach_b)
    with pytest.raises(PermissionDenied):  # a client outside the lead's teams
        client_service.hand_over(world.team_lead, [world.other_coach_client], world.coach)
    with pytest.raises(ValidationError) as error:  # another organisation's coach
        client_service.hand_over(world.team_lead, [world.own_client], world.other_coach)
    assert "to_coach" in error.value.message_dict
    world.coach_b.is_active = False
    world.coach_b.save()
    with pytest.raises(ValidationError):
        client_service.hand_over(world.team_lead, [world.own_client], world.coach_b)
    client.force_login(world.team_lead)
    response = client.post(reverse("clients:handover"), {"from": world.coach.pk, "to_coach": ""})
    assert response.status_code == 200
    assert {"clients", "to_coach"} <= set(response.context["form"].errors)
    world.own_client.refresh_from_db()
    assert world.own_client.responsible_coach == world.coach


def test_the_due_week_is_the_next_seven_days(client, world):
    case = make_case(world.own_client)
    finding(case, "CERT.MISSING", "due", due=today() + dt.timedelta(days=6))
    finding(case, "FEEDBACK.DEADLINE", "due", due=today() + dt.timedelta(days=7))
    client.force_login(world.team_lead)
    assert dict(_rows(client.get(URL))[str(world.coach)].cells)["this_week"] == 1


def test_a_coachs_name_opens_their_clients_with_counts(
    client, world, cases, django_assert_max_num_queries
):
    client.force_login(world.team_lead)
    response = client.get(URL, {"coach": world.coach.pk})
    clients = response.context["clients"]
    assert [c.name for c in clients] == ["Oma, Oona"]
    assert clients[0].cells == [2, 1, 1, 1, 1]  # late, Kela, this week, later, risks
    assert clients[0].cases == 1
    html = response.content.decode()
    assert "Toinen" not in html  # another team's client of nobody here
    with django_assert_max_num_queries(25) as captured:
        client.get(URL, {"coach": world.coach.pk})
    few = len(captured)
    for n in range(10):
        one_of_each(make_case(make_client(world, f"Uusi{n}", "Asiakas", world.coach, world.team_a)))
    with django_assert_max_num_queries(few):
        assert len(client.get(URL, {"coach": world.coach.pk}).context["clients"]) == 11
    # A coach of another organisation names nobody here.
    assert client.get(URL, {"coach": world.other_coach.pk}).context["clients"] == []
