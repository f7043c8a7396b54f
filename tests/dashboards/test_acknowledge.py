"""Acknowledging a violation that can no longer be put right: it leaves the to-do lists,
survives the findings' recompute, and stays in the case's history and the quality figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from luotsi.access.models import ChangeLogEntry
from luotsi.cases import service as case_service
from luotsi.cases.models import CaseFinding
from luotsi.dashboards import service
from luotsi.dashboards.models import FindingAcknowledgement
from tests.factories import finding, today

pytestmark = pytest.mark.django_db


def _late(response):
    return next(group for group in response.context["groups"] if group.key == "late")


def _violation(case):
    return CaseFinding.objects.filter(case=case, severity="violation").order_by("pk").first()


@pytest.fixture
def late_case(world):
    """A real TK case whose first meeting was held after the start deadline (14 days): the
    engine stores START.DEADLINE as a violation that nothing can put right any more."""
    case = case_service.create_case(
        None, world.org, world.own_client, service="TK", external_id="LATE-1",
        received=today() - dt.timedelta(days=40), medical_statement_b_undated=True,
    )  # fmt: skip
    held = today() - dt.timedelta(days=20)
    case_service.add_event(
        None, case, {"type": "meeting", "date": held.isoformat(), "phase": "planning"},
        expected_version=case.version,
    )  # fmt: skip
    case.refresh_from_db()
    return case


def test_acknowledge_hides_the_violation_from_the_lists_and_survives_a_recompute(
    client, world, cases
):
    violation = cases.own_findings["late"][0]  # DAYS.EXCEEDED
    client.force_login(world.coach)
    url = reverse(
        "clients:acknowledge", kwargs={"client_id": world.own_client.pk, "case_id": cases.own.pk}
    )
    query = {"rule": violation.rule, "date": violation.date.isoformat(), "due": ""}
    page = client.get(url, query)
    assert page.status_code == 200
    assert "DAYS.EXCEEDED in English" in page.content.decode() or "suomeksi" in (
        page.content.decode()
    )
    response = client.post(url, {**query, "note": "Ilmoitettu Kelalle 3.12.", "next": "/"})
    assert response.status_code == 302
    saved = FindingAcknowledgement.objects.get()
    assert (saved.by, saved.note, saved.rule) == (
        world.coach,
        "Ilmoitettu Kelalle 3.12.",
        "DAYS.EXCEEDED",
    )
    change = ChangeLogEntry.objects.latest("pk")
    assert (change.object_type, change.object_id, change.fields) == (
        "case",
        str(cases.own.pk),
        ["acknowledgement"],
    )
    assert change.client == world.own_client

    late = _late(client.get(reverse("clients:dashboard")))
    assert [row.rule for row in late.rows] == ["START.DEADLINE"]
    due = client.get(reverse("clients:due_list"))
    assert "DAYS.EXCEEDED" not in [row.rule for row in due.context["rows"]]
    shown = client.get(reverse("clients:due_list"), {"with_acknowledged": "on"})
    assert "DAYS.EXCEEDED" in [row.rule for row in shown.context["rows"]]

    # The findings are replaced by a new evaluation: a new row with the same key stays hidden.
    CaseFinding.objects.filter(pk=violation.pk).delete()
    finding(cases.own, "DAYS.EXCEEDED", "violation", date=violation.date)
    late = _late(client.get(reverse("clients:dashboard")))
    assert [row.rule for row in late.rows] == ["START.DEADLINE"]
    # Another date is another violation: shown.
    finding(cases.own, "DAYS.EXCEEDED", "violation", date=violation.date + dt.timedelta(days=1))
    late = _late(client.get(reverse("clients:dashboard")))
    assert [row.rule for row in late.rows] == ["START.DEADLINE", "DAYS.EXCEEDED"]

    # The case's acknowledgements list it: who, when, why — for the quality manager too.
    html = client.get(url).content.decode()
    assert "Ilmoitettu Kelalle 3.12." in html and "Coach Testinen (coach)" in html
    client.force_login(world.quality_manager)
    listed = reverse(
        "clients:acknowledgements",
        kwargs={"client_id": world.own_client.pk, "case_id": cases.own.pk},
    )
    assert "Ilmoitettu Kelalle 3.12." in client.get(listed).content.decode()
    assert client.get(url).status_code == 404  # may read, not acknowledge


def test_a_real_engine_violation_acknowledged_survives_recompute_findings(world, late_case):
    violation = _violation(late_case)
    assert violation is not None and violation.rule == "START.DEADLINE"
    assert violation.deadline == late_case.received + dt.timedelta(days=14)
    service.acknowledge(
        world.coach, late_case, rule=violation.rule, date=violation.date, due=violation.due,
        note="Tapaaminen pidettiin myöhässä; ilmoitettu.",
    )  # fmt: skip
    case_service.recompute_findings(late_case)
    from luotsi.access import policy
    from luotsi.dashboards.findings import findings_of

    shown = findings_of(policy.clients_for(world.coach, "list"), world.org.pk)
    assert not shown.filter(case=late_case, rule="START.DEADLINE").exists()
    every = findings_of(
        policy.clients_for(world.coach, "list"), world.org.pk, with_acknowledged=True
    )
    assert every.filter(case=late_case, rule="START.DEADLINE").exists()


def test_refusals_name_the_field_and_save_nothing(world, cases):
    violation = cases.own_findings["late"][0]
    key = {"rule": violation.rule, "date": violation.date, "due": None}
    with pytest.raises(ValidationError) as error:
        service.acknowledge(world.coach, cases.own, note="  ", **key)
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        service.acknowledge(world.coach, cases.own, note="x", rule="NO.SUCH", date=None, due=None)
    assert "rule" in error.value.message_dict
    due = cases.own_findings["this_week"][0]  # a due finding can still be done: not a violation
    with pytest.raises(ValidationError):
        service.acknowledge(world.coach, cases.own, note="x", rule=due.rule, date=None, due=due.due)
    with pytest.raises(PermissionDenied):
        service.acknowledge(world.coach_b, cases.own, note="x", **key)
    with pytest.raises(PermissionDenied):  # the quality manager reads, does not edit
        service.acknowledge(world.quality_manager, cases.own, note="x", **key)
    assert not FindingAcknowledgement.objects.exists()
    assert not ChangeLogEntry.objects.filter(fields=["acknowledgement"]).exists()
    service.acknowledge(world.coach, cases.own, note="x", **key)
    with pytest.raises(ValidationError) as error:
        service.acknowledge(world.coach, cases.own, note="again", **key)
    assert "rule" in error.value.message_dict
    assert FindingAcknowledgement.objects.count() == 1


def test_an_empty_note_is_refused_at_the_field(client, world, cases):
    violation = cases.own_findings["late"][0]
    client.force_login(world.coach)
    url = reverse(
        "clients:acknowledge", kwargs={"client_id": world.own_client.pk, "case_id": cases.own.pk}
    )
    response = client.post(
        url, {"rule": violation.rule, "date": violation.date.isoformat(), "note": ""}
    )
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert not FindingAcknowledgement.objects.exists()


def test_only_violations_get_the_acknowledge_button(client, world, cases):
    client.force_login(world.coach)
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert html.count("/acknowledge/?") == 1  # DAYS.EXCEEDED only
    client.force_login(world.quality_manager)
    html = client.get(reverse("clients:due_list")).content.decode()
    assert "/acknowledge/?" not in html  # may not edit


def test_the_acknowledgement_page_makes_the_same_number_of_queries_for_more(
    client, world, cases, django_assert_max_num_queries
):
    url = reverse(
        "clients:acknowledge", kwargs={"client_id": world.own_client.pk, "case_id": cases.own.pk}
    )
    client.force_login(world.coach)
    client.get(url)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    few = len(captured)
    for n in range(8):
        day = today() - dt.timedelta(days=10 + n)
        finding(cases.own, "WORKPLACE.WEEKLY", "violation", date=day)
        service.acknowledge(
            world.coach, cases.own, rule="WORKPLACE.WEEKLY", date=day, due=None, note=f"n{n}"
        )
    with django_assert_max_num_queries(few):
        assert client.get(url).content.decode().count("WORKPLACE.WEEKLY") >= 8


def test_the_dashboards_button_returns_to_the_dashboard(client, world, cases):
    client.force_login(world.coach)
    html = client.get(reverse("clients:dashboard")).content.decode()
    assert "next=%2Fclients%2Fdashboard%2F" in html


def test_the_due_list_marks_acknowledged_violations_when_it_shows_them(client, world, cases):
    violation = cases.own_findings["late"][0]
    service.acknowledge(
        world.coach, cases.own, rule=violation.rule, date=violation.date, due=None, note="x"
    )
    client.force_login(world.coach)
    rows = client.get(reverse("clients:due_list"), {"with_acknowledged": "on"}).context["rows"]
    marked = {row.rule: row.acknowledged for row in rows if row.case_number == "OWN-1"}
    assert marked["DAYS.EXCEEDED"] is True and marked["START.DEADLINE"] is False
    acknowledged = next(row for row in rows if row.rule == "DAYS.EXCEEDED")
    assert "Kuitattu" in acknowledged.html and "/acknowledge/?" not in acknowledged.html
    assert all(row.coach for row in rows)  # the coach's names still in their place
