# ruff: noqa: F811  (the fixtures of test_views are imported by name)
"""The decision corrected from the case page: preview, confirm, optimistic locking, errors
at the field, the history and who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from luotsi.access.models import ChangeLogEntry
from luotsi.cases.models import CaseFinding, CaseRevision
from luotsi.cases.service import import_case, update_decision
from tests.cases.test_views import (  # noqa: F401 - fixtures
    TODAY,
    case,
    case_file,
    http,
    snapshot,
    today,
    url,
)
from tests.factories import make_case


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def fresh(world, office):
    """A TK case received 23.2. with no meeting yet: START.DEADLINE due 14 days on."""
    data = case_file("C-200", events=[])
    data["decision"] = {"received": "2026-02-23", "granted_days": 45, "first_decision": True}
    return import_case(world.coach, world.org, world.own_client, data, on=TODAY)


def form_data(case, **changes):
    data = {
        "version": case.version,
        "received": case.received.isoformat(),
        "given": case.given.isoformat() if case.given else "",
        "granted_days": "" if case.granted_days is None else str(case.granted_days),
        "first_decision": "first" if case.first_decision else "continuation",
        "medical_statement_b": "",
    }
    if case.applies_allowance:
        data["applies_allowance"] = "on"
    data.update(changes)
    return data


def start_due(case):
    return CaseFinding.objects.get(case=case, rule="START.DEADLINE").due


def test_the_form_opens_with_the_decision_as_stored(http, fresh):
    fresh.given = dt.date(2026, 2, 16)
    fresh.save()
    page = http.get(url("clients:case_decision", fresh))
    form = page.context["form"]
    assert form["received"].value() == dt.date(2026, 2, 23)
    assert form["given"].value() == dt.date(2026, 2, 16)
    assert form["granted_days"].value() == 45
    assert form["first_decision"].value() == "first"
    assert "service" not in form.fields and "external_id" not in form.fields
    detail = http.get(url("clients:case_detail", fresh)).content.decode()
    assert url("clients:case_decision", fresh) in detail


def test_a_corrected_received_date_moves_the_start_deadline(http, world, fresh):
    assert start_due(fresh) == dt.date(2026, 3, 9)
    before = fresh.version
    target = url("clients:case_decision", fresh)
    data = form_data(fresh, received="2026-02-25", given="2026-02-20", reason="typo")
    first = http.post(target, data)
    assert first.status_code == 200 and first.context["digest"]
    # The preview shows the deadline moving, nothing is stored yet.
    assert {f.rule for f, _m, _s in first.context["appeared"]} == {"START.DEADLINE"}
    assert start_due(fresh) == dt.date(2026, 3, 9)
    second = http.post(target, {**data, "previewed": first.context["digest"], "confirm": "1"})
    assert second.status_code == 302
    fresh.refresh_from_db()
    assert (fresh.received, fresh.given, fresh.version) == (
        dt.date(2026, 2, 25),
        dt.date(2026, 2, 20),
        before + 1,
    )
    assert start_due(fresh) == dt.date(2026, 3, 11)
    revision = CaseRevision.objects.get(case=fresh, event_type="decision")
    assert (revision.user, revision.action, revision.reason) == (world.coach, "edit", "typo")
    assert revision.before == {"given": None, "received": "2026-02-23"}
    assert revision.after == {"given": "2026-02-20", "received": "2026-02-25"}
    assert ChangeLogEntry.objects.filter(
        object_type="case", object_id=str(fresh.pk), action="edit"
    ).exists()
    history = http.get(url("clients:case_history", fresh)).content.decode()
    assert "Decision received" in history and "25.2.2026" in history and "23.2.2026" in history


def test_a_stale_version_is_refused_keeping_what_was_typed(http, world, fresh):
    target = url("clients:case_decision", fresh)
    data = form_data(fresh, granted_days="40")
    first = http.post(target, data)
    update_decision(world.team_lead, fresh, fresh.version, given=dt.date(2026, 2, 20))
    response = http.post(target, {**data, "previewed": first.context["digest"], "confirm": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The case has changed since this page was opened" in body
    assert f"{world.team_lead.log_name} saved a change to it" in body
    assert response.context["form"]["granted_days"].value() == "40"
    fresh.refresh_from_db()
    assert fresh.granted_days == 45
    assert response.context["form"]["version"].value() == str(fresh.version)


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"received": "1899-12-31"}, "received", "Give a date between"),
        ({"received": "2101-01-01"}, "received", "Give a date between"),
        ({"received": "2026-03-05"}, "received", "in the future"),
        ({"given": "2026-02-24"}, "given", "given before it is received"),
        ({"given": "2026-03-03"}, "given", "in the future"),
        ({"given": "2026-02-30"}, "given", "valid date"),
        ({"granted_days": "-1"}, "granted_days", "greater than or equal to 0"),
    ],
)
def test_a_bad_field_is_refused_at_the_field_and_nothing_stored(http, fresh, changes, field, text):
    before = snapshot(fresh)
    data = form_data(fresh, **changes)
    response = http.post(url("clients:case_decision", fresh), {**data, "confirm": "1"})
    assert response.status_code == 200
    assert text in " ".join(response.context["form"].errors[field])
    assert snapshot(fresh) == before
    assert not CaseRevision.objects.filter(case=fresh).exists()


def test_a_taito_decisions_medical_statement_b_in_the_future_is_refused_at_the_field(http, world):
    taito = make_case(world.own_client, service="TAITO")
    before = snapshot(taito)
    data = form_data(taito, medical_statement_b="2026-04-01")
    response = http.post(url("clients:case_decision", taito), {**data, "confirm": "1"})
    assert response.status_code == 200
    assert "in the future" in " ".join(response.context["form"].errors["medical_statement_b"])
    assert snapshot(taito) == before
    assert not CaseRevision.objects.filter(case=taito).exists()


def test_the_medical_statement_b_is_asked_only_of_a_taito_case(http, fresh, world):
    page = http.get(url("clients:case_decision", fresh))
    assert "medical_statement_b" not in page.context["form"].fields
    taito = make_case(world.own_client, service="TAITO")
    page = http.get(url("clients:case_decision", taito))
    assert "medical_statement_b" in page.context["form"].fields


def test_a_received_date_after_recorded_events_is_refused_at_the_field(http, case):
    # The case's first meeting is on 12.1.2026.
    before = snapshot(case)
    response = http.post(url("clients:case_decision", case), form_data(case, received="2026-01-20"))
    errors = " ".join(response.context["form"].errors["received"])
    assert "12.1.2026" in errors
    assert snapshot(case) == before


def test_nothing_changed_is_said_and_nothing_stored(http, fresh):
    before = snapshot(fresh)
    response = http.post(url("clients:case_decision", fresh), form_data(fresh))
    assert "Nothing in the decision was changed" in response.content.decode()
    assert snapshot(fresh) == before


def test_a_confirmation_must_match_the_preview(http, fresh):
    target = url("clients:case_decision", fresh)
    first = http.post(target, form_data(fresh, granted_days="40"))
    response = http.post(
        target,
        {
            **form_data(fresh, granted_days="30"),
            "previewed": first.context["digest"],
            "confirm": "1",
        },
    )
    assert "not the one previewed" in response.content.decode()
    fresh.refresh_from_db()
    assert fresh.granted_days == 45


@pytest.mark.parametrize("role", ["quality_manager", "coach_b", "other_coach", "billing"])
def test_only_those_who_may_edit_the_case_correct_the_decision(client, world, fresh, role):
    client.force_login(getattr(world, role))
    target = url("clients:case_decision", fresh)
    assert client.get(target).status_code == 404
    response = client.post(target, {**form_data(fresh, granted_days="40"), "confirm": "1"})
    assert response.status_code == 404
    fresh.refresh_from_db()
    assert fresh.granted_days == 45


def test_the_team_lead_may_correct_it(client, world, fresh):
    client.force_login(world.team_lead)
    target = url("clients:case_decision", fresh)
    data = form_data(fresh, granted_days="40")
    first = client.post(target, data)
    second = client.post(target, {**data, "previewed": first.context["digest"], "confirm": "1"})
    assert second.status_code == 302
    fresh.refresh_from_db()
    assert fresh.granted_days == 40
