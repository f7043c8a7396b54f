# ruff: noqa: F811  (the fixtures of test_views are imported by name)
"""The event kinds and fields of rules round 2 (issue 15) entered from the case page: each
previews, then confirms; lands in the case file; clears (or raises) the finding it is for;
is corrected and removed with its history; is offered only where its service's rules read it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from luotsi.cases.models import CaseEvent, CaseFinding, CaseRevision
from luotsi.cases.service import export_case, import_case
from tests.cases.test_views import (  # noqa: F401 - fixtures
    TODAY,
    http,
    office,
    snapshot,
    today,
    url,
)
from tests.cases.test_views import preview_then_confirm as views_preview_then_confirm


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def case_of(world, service, events, received="2025-09-01", granted=45, case_id="R2-1"):
    data = {
        "format": "luotsi-case/1",
        "id": case_id,
        "service": service,
        "decision": {"received": received, "granted_days": granted},
        "events": events,
    }
    return import_case(world.coach, world.org, world.own_client, data, on=TODAY)


def preview_then_confirm(http, name, case, data):
    """``test_views.preview_then_confirm`` with the case's current version."""
    case.refresh_from_db()
    return views_preview_then_confirm(http, name, case, data)


def rules_of(case):
    return {(f.rule, f.severity) for f in CaseFinding.objects.filter(case=case)}


def event_url(name, case, event):
    return reverse(
        name, kwargs={"client_id": case.client_id, "case_id": case.pk, "event_id": event.pk}
    )


@pytest.fixture
def tk(world, office):
    return case_of(world, "TK", [{"type": "meeting", "date": "2025-09-10", "phase": "planning"}])


@pytest.fixture
def teak(world, office):
    events = [{"type": "precontact", "date": "2026-02-05", "mode": "phone"}]
    return case_of(world, "TEAK-TK", events, received="2026-02-02", granted=30, case_id="R2-2")


def test_a_vocational_plan_clears_plan_vocational_due(http, tk):
    assert ("PLAN.VOCATIONAL", "due") in rules_of(tk)
    data = {"date": "2026-02-27", "summary": "Lähihoitajaksi, oppisopimus syksyllä"}
    first, second = preview_then_confirm(http, "clients:case_vocational_plan", tk, data)
    assert "PLAN.VOCATIONAL" in [f.rule for f, _m, _s in first.context["disappeared"]]
    assert second.status_code == 302, second.context["form"].errors
    assert {
        "type": "vocational_plan",
        "date": "2026-02-27",
        "summary": "Lähihoitajaksi, oppisopimus syksyllä",
    } in export_case(tk)["events"]
    assert "PLAN.VOCATIONAL" not in {rule for rule, _s in rules_of(tk)}


def test_an_invitation_letter_clears_teak_invitation(http, teak):
    assert ("TEAK.INVITATION", "due") in rules_of(teak)
    _first, second = preview_then_confirm(
        http, "clients:case_invitation_letter", teak, {"date": "2026-02-09"}
    )
    assert second.status_code == 302, second.context["form"].errors
    assert {"type": "invitation_letter", "date": "2026-02-09"} in export_case(teak)["events"]
    assert "TEAK.INVITATION" not in {rule for rule, _s in rules_of(teak)}


def test_a_lighter_approach_with_its_reason_is_information(http, teak):
    _first, second = preview_then_confirm(
        http, "clients:case_light_approach", teak, {"date": "2026-02-20", "reason": "Uupumus"}
    )
    assert second.status_code == 302, second.context["form"].errors
    assert ("TEAK.LIGHT", "info") in rules_of(teak)
    event = CaseEvent.objects.get(case=teak, type="light_approach")
    assert event.data == {"type": "light_approach", "date": "2026-02-20", "reason": "Uupumus"}


def test_a_lighter_approach_without_a_reason_is_a_warning(http, teak):
    _first, second = preview_then_confirm(
        http, "clients:case_light_approach", teak, {"date": "2026-02-20", "reason": "  "}
    )
    assert second.status_code == 302
    assert ("TEAK.LIGHT", "warning") in rules_of(teak)
    assert CaseEvent.objects.get(case=teak, type="light_approach").data == {
        "type": "light_approach",
        "date": "2026-02-20",
    }


def test_no_interpreter_turns_the_missed_deadline_into_information(http, tk):
    before = rules_of(tk)
    assert ("WORKPHASE.NOT_STARTED", "action") in before
    data = {"start": "2025-09-01", "end": "2026-01-31", "note": "Tulkkikeskus: ei viittomakieltä"}
    first, second = preview_then_confirm(http, "clients:case_no_interpreter", tk, data)
    assert "DEADLINE.INTERPRETER" in [f.rule for f, _m, _s in first.context["appeared"]]
    assert second.status_code == 302, second.context["form"].errors
    assert {
        "type": "no_interpreter",
        "from": "2025-09-01",
        "to": "2026-01-31",
        "note": "Tulkkikeskus: ei viittomakieltä",
    } in export_case(tk)["events"]
    row = CaseEvent.objects.get(case=tk, type="no_interpreter")
    assert (str(row.from_date), str(row.to_date), row.date) == ("2025-09-01", "2026-01-31", None)
    assert ("DEADLINE.INTERPRETER", "info") in rules_of(tk)


def test_a_skipped_step_asks_for_a_notice_until_kela_is_told(http, tk):
    data = {"date": "2026-02-16", "step": "Verkostotapaaminen", "reason": "Sairaalahoito"}
    _first, second = preview_then_confirm(http, "clients:case_step_skipped", tk, data)
    assert second.status_code == 302, second.context["form"].errors
    assert ("PROCESS.STEP_SKIPPED", "action") in rules_of(tk)
    notice = {"date": "2026-02-18", "topic": "Verkostotapaaminen jäi pitämättä"}
    _first, second = preview_then_confirm(http, "clients:case_kela_notice", tk, notice)
    assert second.status_code == 302
    assert "PROCESS.STEP_SKIPPED" not in {rule for rule, _s in rules_of(tk)}


def test_a_client_who_cannot_commit_is_an_action(http, tk):
    data = {"date": "2026-02-16", "reason": "Ei pysty sitoutumaan viiteen päivään"}
    _first, second = preview_then_confirm(http, "clients:case_cannot_commit", tk, data)
    assert second.status_code == 302, second.context["form"].errors
    assert ("CLIENT.CANNOT_COMMIT", "action") in rules_of(tk)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("clients:case_vocational_plan", {"date": "2026-03-03"}),
        ("clients:case_step_skipped", {"date": "2026-03-09", "step": "Tapaaminen"}),
        ("clients:case_cannot_commit", {"date": "2026-03-03"}),
    ],
)
def test_a_step_dated_ahead_is_refused_at_its_date(http, tk, name, data):
    before = snapshot(tk)
    response = http.post(url(name, tk), {"version": tk.version, **data})
    assert response.status_code == 200
    assert "still ahead" in " ".join(response.context["form"].errors["date"])
    assert snapshot(tk) == before


@pytest.mark.parametrize(
    ("name", "data", "field", "text"),
    [
        ("clients:case_step_skipped", {"date": "2026-02-16"}, "step", "required"),
        ("clients:case_step_skipped", {"date": "2026-02-16", "step": "x" * 201}, "step", "200"),
        (
            "clients:case_vocational_plan",
            {"date": "2026-02-16", "summary": "a\u202eb"},
            "summary",
            "invisible",
        ),
        (
            "clients:case_no_interpreter",
            {"start": "2026-02-16", "end": "2026-02-01"},
            "end",
            "before the start",
        ),
        ("clients:case_no_interpreter", {"start": "2025-08-01"}, "start", "decision"),
        ("clients:case_cannot_commit", {"date": "1899-12-31"}, "date", "1900"),
    ],
)
def test_bad_input_is_refused_at_the_field(http, tk, name, data, field, text):
    before = snapshot(tk)
    response = http.post(url(name, tk), {"version": tk.version, **data})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert text in " ".join(errors[field]), errors
    assert snapshot(tk) == before


def test_the_kinds_follow_the_services_rules(http, world, tk, teak):
    taito = case_of(world, "TAITO", [], received="2026-01-05", granted=100, case_id="R2-3")
    for name in ("clients:case_invitation_letter", "clients:case_light_approach"):
        assert http.get(url(name, tk)).status_code == 404
        assert http.get(url(name, taito)).status_code == 404
        assert http.get(url(name, teak)).status_code == 200
    assert http.get(url("clients:case_vocational_plan", taito)).status_code == 404
    for name in ("no_interpreter", "step_skipped", "cannot_commit"):
        for case in (tk, teak, taito):
            assert http.get(url(f"clients:case_{name}", case)).status_code == 200
    page = http.get(url("clients:case_detail", teak)).content.decode()
    assert "The invitation letter sent (TEAK)" in page
    assert (
        "The invitation letter sent (TEAK)"
        not in http.get(url("clients:case_detail", tk)).content.decode()
    )


def test_a_new_kind_is_corrected_and_removed_with_its_history(http, teak):
    preview_then_confirm(http, "clients:case_invitation_letter", teak, {"date": "2026-02-09"})
    letter = CaseEvent.objects.get(case=teak, type="invitation_letter")
    edit = event_url("clients:case_event_edit", teak, letter)
    teak.refresh_from_db()
    page = http.get(edit)
    assert page.context["form"]["date"].value() == "2026-02-09"
    data = {"version": teak.version, "date": "2026-02-10", "correction_reason": "typo"}
    first = http.post(edit, data)
    second = http.post(edit, {**data, "previewed": first.context["digest"], "confirm": "1"})
    assert second.status_code == 302, second.context["form"].errors
    letter.refresh_from_db()
    assert letter.data == {"type": "invitation_letter", "date": "2026-02-10"}
    revision = CaseRevision.objects.get(case=teak, action="edit")
    assert (revision.before["date"], revision.after["date"], revision.reason) == (
        "2026-02-09",
        "2026-02-10",
        "typo",
    )
    remove = event_url("clients:case_event_remove", teak, letter)
    teak.refresh_from_db()
    first = http.post(remove, {"version": teak.version})
    assert "TEAK.INVITATION" in [f.rule for f, _m, _s in first.context["appeared"]]
    second = http.post(
        remove,
        {"version": teak.version, "previewed": first.context["digest"], "confirm": "1"},
    )
    assert second.status_code == 302
    assert not CaseEvent.objects.filter(case=teak, type="invitation_letter").exists()
    removed = CaseRevision.objects.get(case=teak, action="remove")
    assert removed.before == {"type": "invitation_letter", "date": "2026-02-10"}
    history = http.get(url("clients:case_history", teak)).content.decode()
    assert "Invitation letter" in history
    assert ("TEAK.INVITATION", "due") in rules_of(teak)


def test_a_no_interpreter_span_is_corrected_in_its_form(http, tk):
    data = {"start": "2025-09-01", "end": "2025-12-31"}
    preview_then_confirm(http, "clients:case_no_interpreter", tk, data)
    span = CaseEvent.objects.get(case=tk, type="no_interpreter")
    tk.refresh_from_db()
    page = http.get(event_url("clients:case_event_edit", tk, span))
    form = page.context["form"]
    assert (form["start"].value(), form["end"].value()) == ("2025-09-01", "2025-12-31")
    text = http.get(url("clients:case_detail", tk)).content.decode()
    assert "No interpreter available" in text
