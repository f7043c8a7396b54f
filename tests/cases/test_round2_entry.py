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


OTHER_WORK = "did other work alongside the rehabilitation"


def other_work(case):
    return CaseFinding.objects.filter(case=case, message_en__contains=OTHER_WORK).exists()


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


# --- the new fields on the existing forms -----------------------------------------------


def decision(**extra):
    return {
        "service": "TK",
        "external_id": "K-2026-9",
        "received": "2026-01-05",
        "granted_days": "45",
        "first_decision": "first",
        "applies_allowance": "on",
        **extra,
    }


def test_the_decision_given_is_saved_and_starts_the_waiting_time(http, world):
    from luotsi.cases.models import Case
    from luotsi.cases.service import contract_case
    from luotsi.rules import evaluate

    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    assert http.post(target, decision(given="2025-12-20")).status_code == 302
    case = Case.objects.get(external_id="K-2026-9")
    assert str(case.given) == "2025-12-20"
    assert export_case(case)["decision"]["given"] == "2025-12-20"
    assert "20.12.2025" in http.get(url("clients:case_detail", case)).content.decode()
    with_given = evaluate(contract_case(case), TODAY).allowance["waiting"]
    assert with_given[0] == "2025-12-22"  # the Monday after it was given
    assert http.post(target, decision(external_id="K-2026-10")).status_code == 302
    plain = Case.objects.get(external_id="K-2026-10")
    assert plain.given is None and "given" not in export_case(plain)["decision"]
    assert evaluate(contract_case(plain), TODAY).allowance["waiting"][0] == "2026-01-07"


def test_an_imported_decision_given_is_kept(world, office):
    case = case_of(world, "TK", [], received="2026-01-05")
    assert case.given is None
    data = {
        "format": "luotsi-case/1",
        "id": "R2-G",
        "service": "TK",
        "decision": {"received": "2026-01-05", "given": "2025-12-29", "granted_days": 45},
        "events": [],
    }
    imported = import_case(world.coach, world.org, world.own_client, data, on=TODAY)
    assert export_case(imported)["decision"]["given"] == "2025-12-29"


@pytest.mark.parametrize(
    ("given", "text"),
    [
        ("2026-01-06", "given before it is received"),
        ("2026-03-03", "cannot have been given in the future"),
        ("1899-12-31", "1900"),
        ("2026-02-30", "valid date"),
    ],
)
def test_a_wrong_decision_given_is_refused_at_its_field(http, world, given, text):
    from luotsi.cases.models import Case

    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    response = http.post(target, decision(received="2026-01-05", given=given))
    assert response.status_code == 200
    assert text in " ".join(response.context["form"].errors["given"])
    assert not Case.objects.exists()


def test_a_day_is_corrected_with_its_travel_and_other_work(http, world, office):
    events = [
        {"type": "meeting", "date": "2026-01-12", "phase": "planning"},
        {"type": "rehab_day", "date": "2026-02-10", "hours": 3.5, "workplace_hours": 3},
    ]
    case = case_of(world, "TK", events, received="2026-01-05")
    day = CaseEvent.objects.get(case=case, type="rehab_day")
    assert not other_work(case)
    edit = event_url("clients:case_event_edit", case, day)
    page = http.get(edit)
    assert "travel_minutes" in page.context["form"].fields
    data = {
        "version": case.version, "date": "2026-02-10", "hours": "3.5", "workplace_hours": "3",
        "travel_minutes": "30", "client_worked": "on", "planned_in_advance": "on",
        "coach_contact": "on",
    }  # fmt: skip
    first = http.post(edit, data)
    assert any(OTHER_WORK in message for _f, message, _s in first.context["appeared"])
    second = http.post(edit, {**data, "previewed": first.context["digest"], "confirm": "1"})
    assert second.status_code == 302, second.context["form"].errors
    day.refresh_from_db()
    assert (day.data["travel_minutes"], day.data["client_worked"]) == (30, True)
    assert other_work(case)
    revision = CaseRevision.objects.get(case=case, action="edit")
    assert "travel_minutes" not in revision.before and revision.after["travel_minutes"] == 30
    case.refresh_from_db()
    page = http.get(edit)
    assert page.context["form"]["travel_minutes"].value() == 30


@pytest.mark.parametrize(
    ("value", "text"), [("1441", "1440"), ("-1", "greater than or equal"), ("x", "whole number")]
)
def test_travel_minutes_out_of_range_are_refused_at_the_field(http, world, office, value, text):
    events = [{"type": "rehab_day", "date": "2026-02-10", "hours": 6, "workplace_hours": 5}]
    case = case_of(world, "TK", events, received="2026-01-05")
    day = CaseEvent.objects.get(case=case, type="rehab_day")
    before = snapshot(case)
    data = {"version": case.version, "date": "2026-02-10", "hours": "6", "travel_minutes": value}
    response = http.post(event_url("clients:case_event_edit", case, day), data)
    assert text in " ".join(response.context["form"].errors["travel_minutes"])
    week = {"version": case.version, "week": "2026-02-23", "mon_hours": "6"}
    response = http.post(url("clients:case_days", case), {**week, "mon_travel_minutes": value})
    assert text in " ".join(response.context["form"].errors["mon_travel_minutes"])
    assert snapshot(case) == before


def test_the_week_form_records_travel_and_other_work_per_day(http, world, office):
    case = case_of(world, "TK", [], received="2026-01-05")
    week = {
        "week": "2026-02-23",
        "mon_hours": "6", "mon_workplace_hours": "5", "mon_travel_minutes": "40",
        "tue_hours": "6", "tue_workplace_hours": "5", "tue_client_worked": "on",
        "wed_hours": "6",
    }  # fmt: skip
    _first, second = preview_then_confirm(http, "clients:case_days", case, week)
    assert second.status_code == 302, second.context["form"].errors
    days = {e.data["date"]: e.data for e in CaseEvent.objects.filter(case=case)}
    assert days["2026-02-23"]["travel_minutes"] == 40
    assert "client_worked" not in days["2026-02-23"]
    assert days["2026-02-24"]["client_worked"] is True
    assert "travel_minutes" not in days["2026-02-24"]
    assert other_work(case)
    # Opened again, the week shows them; emptying the travel and unticking the work
    # corrects those days (and nothing else).
    case.refresh_from_db()
    page = http.get(url("clients:case_days", case) + "?week=2026-02-23")
    form = page.context["form"]
    assert form["mon_travel_minutes"].value() == 40 and form["tue_client_worked"].value()
    again = {k: v for k, v in week.items() if k not in ("mon_travel_minutes", "tue_client_worked")}
    again["loaded_week"] = "2026-02-23"
    _first, second = preview_then_confirm(http, "clients:case_days", case, again)
    assert second.status_code == 302, second.context["form"].errors
    days = {e.data["date"]: e.data for e in CaseEvent.objects.filter(case=case)}
    assert "travel_minutes" not in days["2026-02-23"]
    assert days["2026-02-24"]["client_worked"] is False
    assert not other_work(case)
    assert len(CaseRevision.objects.filter(case=case, action="edit")) == 2


def test_travel_or_work_on_a_day_without_hours_is_refused(http, world, office):
    case = case_of(world, "TK", [], received="2026-01-05")
    data = {"version": case.version, "week": "2026-02-23", "mon_hours": "6"}
    response = http.post(url("clients:case_days", case), {**data, "tue_travel_minutes": "20"})
    assert "Give the day's hours" in " ".join(response.context["form"].errors["tue_hours"])
    response = http.post(url("clients:case_days", case), {**data, "wed_client_worked": "on"})
    assert "Give the day's hours" in " ".join(response.context["form"].errors["wed_hours"])


def test_the_coachs_words_are_shown_as_written(http, tk):
    from luotsi.cases.describe import describe

    event = {"type": "step_skipped", "date": "2026-02-16", "step": "workplace", "reason": "other"}
    assert describe(event).endswith("(The step that did not happen: workplace; Reason: other)")
    assert "Workplace" in describe({"type": "meeting", "date": "2026-02-16", "place": "workplace"})
    from luotsi.cases.describe import differences

    before = {"type": "step_skipped", "date": "2026-02-16", "step": "x"}
    assert ("Date", "16.2.2026", "17.2.2026") in differences(
        before, {**before, "date": "2026-02-17"}
    )
