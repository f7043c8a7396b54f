# ruff: noqa: F811, F402  (the fixtures of test_views are imported by name)
"""Corrections with history, every entry kind, planned meetings, notes and the group roster:
service and views (query counts on the new lists)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from luotsi.access.models import AccessLogEntry, ChangeLogEntry
from luotsi.cases import planning, proposals
from luotsi.cases.checks import Change
from luotsi.cases.models import CaseEvent, CaseFinding, CaseNote, CaseRevision, PlannedMeeting
from luotsi.cases.service import apply_change, export_case, import_case
from luotsi.clients.service import create_client
from luotsi.demo.identity import make_identity_code
from tests.cases.test_views import (  # noqa: F401 - fixtures
    OFFICE,
    TODAY,
    case,
    case_file,
    http,
    preview_then_confirm,
    snapshot,
    today,
    url,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rows(case):
    return {e.pk: e.data for e in CaseEvent.objects.filter(case=case)}


def day_of(case, date):
    return CaseEvent.objects.get(case=case, type="rehab_day", date=date)


def event_url(name, case, event):
    return reverse(
        name, kwargs={"client_id": case.client_id, "case_id": case.pk, "event_id": event.pk}
    )


# --- the service ------------------------------------------------------------------------


def test_a_correction_keeps_the_event_id_and_a_revision_with_before_and_after(world, case):
    day = day_of(case, "2026-02-10")
    before = dict(day.data)
    apply_change(
        world.coach,
        case,
        Change(replace={day.pk: {**before, "hours": 4}}, reason="left early"),
        case.version,
    )
    day.refresh_from_db()
    assert day.data["hours"] == 4
    revision = CaseRevision.objects.get(case=case, action="edit")
    assert (revision.object_id, revision.before, revision.after["hours"]) == (day.pk, before, 4)
    assert (revision.user, revision.reason) == (world.coach, "left early")
    # The change log names the fields only; the values live in the revision.
    assert ChangeLogEntry.objects.filter(object_type="case", object_id=str(case.pk)).exists()


def test_a_removal_keeps_what_was_removed(world, case):
    day = day_of(case, "2026-02-10")
    apply_change(world.coach, case, Change(remove=[day.pk], reason="typo"), case.version)
    assert not CaseEvent.objects.filter(pk=day.pk).exists()
    revision = CaseRevision.objects.get(case=case, action="remove")
    assert revision.before == day.data and revision.after is None


def test_revisions_are_append_only(world, case):
    day = day_of(case, "2026-02-10")
    apply_change(world.coach, case, Change(remove=[day.pk]), case.version)
    revision = CaseRevision.objects.get(case=case)
    with pytest.raises(TypeError):
        revision.save()
    with pytest.raises(TypeError):
        CaseRevision.objects.all().delete()
    with pytest.raises(TypeError):
        CaseRevision.objects.update(reason="x")


def test_a_day_inside_a_pause_is_refused_at_the_days_date(world, case):
    before = snapshot(case)
    with pytest.raises(ValidationError) as exc:
        apply_change(
            world.coach,
            case,
            Change(add=[{"type": "rehab_day", "date": "2026-02-17"}]),
            case.version,
        )
    assert "inside a pause (16.2.2026–20.2.2026)" in str(exc.value.message_dict)
    assert snapshot(case) == before


def test_a_pause_over_recorded_days_names_them_and_saves_nothing(world, case):
    before = snapshot(case)
    pause = {"type": "pause", "from": "2026-02-09", "to": "2026-02-11", "reason": "client_own"}
    with pytest.raises(ValidationError) as exc:
        apply_change(world.coach, case, Change(add=[pause]), case.version)
    assert exc.value.error_dict.keys() == {"/events/5/from"}
    assert "inside this pause (10.2.2026)" in str(exc.value.message_dict)
    assert snapshot(case) == before


def test_removing_a_phase_start_that_meetings_depend_on_is_refused(world, case):
    meeting = {"type": "meeting", "date": "2026-02-12", "phase": "workplace", "mode": "phone"}
    apply_change(world.coach, case, Change(add=[meeting]), case.version)
    case.refresh_from_db()
    phase = CaseEvent.objects.get(case=case, type="phase")
    before = snapshot(case)
    with pytest.raises(ValidationError) as exc:
        apply_change(world.coach, case, Change(remove=[phase.pk]), case.version)
    assert "Meetings on 12.2.2026 are recorded in this phase" in str(exc.value.message_dict)
    later = {**phase.data, "date": "2026-02-13"}
    with pytest.raises(ValidationError):
        apply_change(world.coach, case, Change(replace={phase.pk: later}), case.version)
    assert snapshot(case) == before


def test_a_future_absence_needs_to_be_a_planned_one(world, case):
    ahead = {"type": "absence", "from": "2026-03-09", "to": "2026-03-13", "reason": "annual_leave"}
    with pytest.raises(ValidationError) as exc:
        apply_change(world.coach, case, Change(add=[ahead]), case.version)
    assert "has not started yet" in str(exc.value.message_dict)
    apply_change(world.coach, case, Change(add=[ahead], planned_absence=True), case.version)
    assert CaseEvent.objects.filter(case=case, type="absence").count() == 1


def test_a_second_end_is_refused(world, case):
    apply_change(
        world.coach, case, Change(add=[{"type": "end", "date": "2026-02-27"}]), case.version
    )
    case.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        apply_change(
            world.coach, case, Change(add=[{"type": "end", "date": "2026-02-28"}]), case.version
        )
    assert "already ends on 27.2.2026" in str(exc.value.message_dict)


def test_confirm_refuses_a_planned_violation_without_an_agreement(world, case):
    second = {"type": "pause", "from": "2026-03-09", "to": "2026-03-13", "reason": "client_own"}
    proposal = proposals.propose(case, Change(add=[second]))
    assert proposal.blocked and "PAUSE.TOO_MANY" in proposal.shown.violated_rules
    before = snapshot(case)
    with pytest.raises(ValidationError) as exc:
        proposals.confirm(world.coach, case, Change(add=[second]), case.version, proposal.digest)
    assert exc.value.code == "blocked"
    assert snapshot(case) == before
    agreement = proposals.Agreement(dt.date(2026, 3, 1), "ref 1")
    agreed = proposals.propose(case, Change(add=[second]), agreement)
    assert not agreed.blocked
    proposals.confirm(
        world.coach, case, Change(add=[second]), case.version, agreed.digest, agreement
    )
    agreed_rules = CaseEvent.objects.filter(case=case, type="kela_agreement")
    assert sorted(e.data["rule"] for e in agreed_rules) == proposal.shown.violated_rules


def test_document_events_are_corrected_by_a_new_version_not_here(world, case):
    certificate = {
        "type": "certificate",
        "date": "2026-02-27",
        "from": "2026-02-10",
        "to": "2026-02-27",
    }
    apply_change(world.coach, case, Change(add=[certificate]), case.version)
    case.refresh_from_db()
    event = CaseEvent.objects.get(case=case, type="certificate")
    with pytest.raises(ValidationError) as exc:
        apply_change(world.coach, case, Change(remove=[event.pk]), case.version)
    assert "new version" in str(exc.value.message_dict)


# --- planned meetings and notes ---------------------------------------------------------


def plan(world, case, day=dt.date(2026, 3, 5)):
    case.refresh_from_db()
    return planning.plan_meeting(
        world.coach,
        case,
        case.version,
        date=day,
        start=dt.time(10, 30),
        minutes=60,
        mode="face_to_face",
        kind="individual",
        place="provider_office",
        office=OFFICE,
    )


def test_a_planned_meeting_counts_for_nothing_and_is_not_exported(world, case):
    findings = sorted(CaseFinding.objects.filter(case=case).values_list("rule", "severity"))
    plan(world, case)
    assert sorted(CaseFinding.objects.filter(case=case).values_list("rule", "severity")) == findings
    assert [e["type"] for e in export_case(case)["events"]].count("meeting") == 1
    assert CaseRevision.objects.get(case=case, action="plan").after["start"] == "10:30"


def test_a_planned_meeting_whose_day_passed_unmarked_is_a_stored_finding(world, case):
    plan(world, case)
    case.refresh_from_db()
    from luotsi.cases.service import recompute_findings

    recompute_findings(case, dt.date(2026, 3, 5))
    assert not case.findings.filter(rule="MEETING.UNMARKED").exists()
    recompute_findings(case, dt.date(2026, 3, 6))
    finding = case.findings.get(rule="MEETING.UNMARKED")
    assert (finding.severity, finding.due) == ("due", dt.date(2026, 3, 5))
    assert finding.message_fi == (
        "Tapaamista, joka oli suunniteltu 5.3.2026, ei ole merkitty pidetyksi tai peruutetuksi."
    )


def test_a_planned_day_that_passed_is_refused(world, case):
    with pytest.raises(ValidationError) as exc:
        plan(world, case, day=dt.date(2026, 3, 1))
    assert exc.value.error_dict.keys() == {"/date"}


def test_cancelling_needs_a_reason(world, case):
    meeting = plan(world, case)
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        planning.cancel_meeting(world.coach, case, meeting, " ", case.version)
    planning.cancel_meeting(world.coach, case, meeting, "client ill", case.version)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason) == ("cancelled", "client ill")


def test_notes_are_in_the_client_export_and_never_in_the_calendar_feed(http, world, case):
    meeting = CaseEvent.objects.get(case=case, type="meeting")
    planning.add_note(world.coach, case, "Toivoo aamupäiviä", meeting=meeting)
    plan(world, case)
    export = http.get(reverse("clients:export", kwargs={"client_id": case.client_id}))
    notes = json.loads(export.content)["case_notes"]
    assert notes[0]["text"] == "Toivoo aamupäiviä"
    assert notes[0]["meeting"] == "2026-01-12"
    from luotsi.dashboards.tokens import issue_token

    token = issue_token(world.coach)
    feed = http.get(reverse("clients:calendar_feed", kwargs={"token": token})).content.decode()
    assert "Toivoo" not in feed
    assert "DTSTART;TZID=Europe/Helsinki:20260305T103000" in feed
    assert "DTEND;TZID=Europe/Helsinki:20260305T113000" in feed


# --- views ------------------------------------------------------------------------------


def test_a_day_is_corrected_into_a_sickness_absence(http, world, case):
    day = day_of(case, "2026-02-10")
    data = {"start": "2026-02-10", "end": "2026-02-10", "reason": "sickness"}
    refused = http.post(url("clients:case_absence", case), {"version": case.version, **data})
    assert "Remove them with it" in " ".join(refused.context["form"].errors["start"])
    first, second = preview_then_confirm(
        http, "clients:case_absence", case, {**data, "remove_days": "on"}
    )
    assert "Rehabilitation day 10.2.2026" in first.content.decode()  # what would be removed
    assert second.status_code == 302
    assert not CaseEvent.objects.filter(pk=day.pk).exists()
    assert CaseEvent.objects.filter(case=case, type="absence", from_date="2026-02-10").exists()
    assert sorted(CaseRevision.objects.filter(case=case).values_list("action", flat=True)) == [
        "add",
        "remove",
    ]


def test_a_recorded_event_is_corrected_through_preview_and_confirm(http, world, case):
    day = day_of(case, "2026-02-10")
    page = http.get(event_url("clients:case_event_edit", case, day))
    assert page.context["form"]["hours"].value() == 6.5
    data = {"version": case.version, "date": "2026-02-10", "hours": "5", "workplace_hours": "4"}
    first = http.post(event_url("clients:case_event_edit", case, day), data)
    assert first.status_code == 200 and first.context["digest"]
    second = http.post(
        event_url("clients:case_event_edit", case, day),
        {**data, "previewed": first.context["digest"], "confirm": "1", "correction_reason": "x"},
    )
    assert second.status_code == 302
    day.refresh_from_db()
    assert (day.data["hours"], day.data["workplace_hours"]) == (5, 4)
    assert CaseRevision.objects.get(case=case, action="edit").reason == "x"


def test_a_recorded_event_is_removed_with_its_reason(http, world, case):
    day = day_of(case, "2026-02-10")
    first = http.post(event_url("clients:case_event_remove", case, day), {"version": case.version})
    second = http.post(
        event_url("clients:case_event_remove", case, day),
        {
            "version": case.version,
            "previewed": first.context["digest"],
            "confirm": "1",
            "reason": "r",
        },
    )
    assert second.status_code == 302
    assert not CaseEvent.objects.filter(pk=day.pk).exists()


def test_a_change_to_a_certified_day_points_to_the_certificate(http, world, case):
    from luotsi.casedocs.models import Document

    document = Document.objects.create(
        organisation=world.org,
        case=case,
        kind="certificate",
        language="fi",
        status="final",
        period_from=dt.date(2026, 2, 1),
        period_to=dt.date(2026, 2, 28),
        pdf=b"%PDF",
        sha256="0" * 64,
    )
    day = day_of(case, "2026-02-10")
    first = http.post(event_url("clients:case_event_remove", case, day), {"version": case.version})
    assert [d for d, _ in first.context["stale_documents"]] == [document]
    assert "make a new version of it (CERT.STALE)" in first.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "clients:case_workplace",
            {"start": "2026-02-23", "employer": "Oy Testi Ab", "kind": "open_market", "paid": "on"},
            {"type": "workplace", "from": "2026-02-23", "employer": "Oy Testi Ab",
             "kind": "open_market", "paid": True, "provider_is_employer": False},
        ),
        (
            "clients:case_flex",
            {"start": "2026-02-23", "days_per_week": "3", "hours_per_day": "4",
             "reason": "capacity"},
            {"type": "flex", "from": "2026-02-23", "days_per_week": 3, "hours_per_day": 4,
             "reason": "capacity"},
        ),
        (
            "clients:case_kela_notice",
            {"date": "2026-02-24", "topic": "Tauko"},
            {"type": "kela_notice", "date": "2026-02-24", "topic": "Tauko"},
        ),
        (
            "clients:case_kela_agreement",
            {"date": "2026-02-24", "rule": "PAUSE.TOO_LONG", "reason": "ref 5"},
            {"type": "kela_agreement", "date": "2026-02-24", "rule": "PAUSE.TOO_LONG",
             "reason": "ref 5"},
        ),
        (
            "clients:case_end",
            {"date": "2026-02-27", "reason": "interrupted"},
            {"type": "end", "date": "2026-02-27", "reason": "interrupted"},
        ),
    ],
)  # fmt: skip
def test_every_event_type_is_entered_with_preview_and_confirm(http, case, name, data, expected):
    _first, second = preview_then_confirm(http, name, case, data)
    assert second.status_code == 302, second.context["form"].errors
    assert expected in [e.data for e in CaseEvent.objects.filter(case=case)]


def test_taito_phase_and_teak_precontact(http, world, office):
    taito = case_file("T-1", events=[])
    taito["service"] = "TAITO"
    taito["decision"]["granted_days"] = 100
    case = import_case(world.coach, world.org, world.own_client, taito)
    page = http.get(url("clients:case_phase", case))
    assert [c[0] for c in page.context["form"].fields["phase"].choices] == [
        "start", "practice", "deepening", "final", "followup",
    ]  # fmt: skip
    assert http.get(url("clients:case_precontact", case)).status_code == 404
    _first, second = preview_then_confirm(
        http, "clients:case_phase", case, {"date": "2026-01-12", "phase": "start"}
    )
    assert second.status_code == 302
    teak = case_file("T-2", events=[])
    teak["service"] = "TEAK-TK"
    teak["decision"]["granted_days"] = 30
    teak_case = import_case(world.coach, world.org, world.own_client, teak)
    _first, second = preview_then_confirm(
        http, "clients:case_precontact", teak_case, {"date": "2026-01-08", "mode": "phone"}
    )
    assert second.status_code == 302
    assert CaseEvent.objects.get(case=teak_case).data == {
        "type": "precontact", "date": "2026-01-08", "mode": "phone",
    }  # fmt: skip


def test_a_meeting_ahead_is_planned_then_marked_held(http, world, case):
    data = {
        "date": "2026-03-05", "start_time": "10:30", "minutes": "60", "mode": "face_to_face",
        "kind": "individual", "place": "provider_office", "office": OFFICE,
    }  # fmt: skip
    missing = http.post(
        url("clients:case_meeting", case), {"version": case.version, **{**data, "start_time": ""}}
    )
    assert "give its start time" in " ".join(missing.context["form"].errors["start_time"])
    first, second = preview_then_confirm(http, "clients:case_meeting", case, data)
    assert "saved as a planned meeting" in first.content.decode()
    assert second.status_code == 302
    planned = PlannedMeeting.objects.get(case=case)
    assert CaseEvent.objects.filter(case=case, type="meeting").count() == 1
    held_url = reverse(
        "clients:case_meeting_held",
        kwargs={"client_id": case.client_id, "case_id": case.pk, "planned_id": planned.pk},
    )
    page = http.get(held_url)
    assert page.context["form"]["date"].value() == dt.date(2026, 3, 5)
    case.refresh_from_db()
    held = {**data, "date": "2026-03-02", "version": case.version}
    held.pop("start_time")
    first = http.post(held_url, held)
    second = http.post(held_url, {**held, "previewed": first.context["digest"], "confirm": "1"})
    assert second.status_code == 302
    planned.refresh_from_db()
    assert planned.status == "held"
    assert planned.held_event.data["date"] == "2026-03-02"
    assert list(CaseRevision.objects.filter(case=case).values_list("action", flat=True)) == [
        "hold", "add", "plan",
    ]  # fmt: skip


def test_a_meeting_can_be_cancelled_with_a_reason(http, world, case):
    planned = plan(world, case)
    case.refresh_from_db()
    cancel_url = reverse(
        "clients:case_meeting_cancel",
        kwargs={"client_id": case.client_id, "case_id": case.pk, "planned_id": planned.pk},
    )
    refused = http.post(cancel_url, {"version": case.version, "reason": ""})
    assert refused.context["form"].errors["reason"]
    assert http.post(cancel_url, {"version": case.version, "reason": "ill"}).status_code == 302
    assert PlannedMeeting.objects.get(pk=planned.pk).status == "cancelled"


def test_a_note_is_written_and_read_on_the_access_logged_case_page(http, world, case):
    response = http.post(url("clients:case_note", case), {"text": "Hyvä alku", "meeting": ""})
    assert response.status_code == 302
    assert CaseNote.objects.get(case=case).author == world.coach
    refused = http.post(url("clients:case_note", case), {"text": "  "})
    assert refused.context["form"].errors["text"]
    last = AccessLogEntry.objects.order_by("-pk").first().pk
    page = http.get(url("clients:case_detail", case))
    assert "Hyvä alku" in page.content.decode()
    assert AccessLogEntry.objects.filter(pk__gt=last, client=case.client).count() == 1


def test_the_week_form_opens_with_the_days_recorded(http, case):
    page = http.get(url("clients:case_days", case) + "?week=2026-02-09")
    form = page.context["form"]
    assert form["tue_hours"].value() == 6.5
    assert "recorded" in page.content.decode()


def _history_queries(http, world, case, n):
    for i in range(n):
        case.refresh_from_db()
        event = {"type": "kela_notice", "date": f"2026-02-2{i % 7}", "topic": f"t{i}"}
        apply_change(world.coach, case, Change(add=[event]), case.version)
        planning.add_note(world.coach, case, f"note {i}")
    with CaptureQueriesContext(connection) as queries:
        response = http.get(url("clients:case_history", case))
    assert [r.action for r, _label, _rows in response.context["revisions"]] == ["add"] * n
    return len(queries)


def test_the_history_lists_revisions_and_log_rows_in_constant_queries(
    http, world, office, django_assert_max_num_queries
):
    few = import_case(world.coach, world.org, world.own_client, case_file("H-1"))
    many = import_case(world.coach, world.org, world.own_client, case_file("H-2"))
    assert _history_queries(http, world, few, 2) == _history_queries(http, world, many, 12)
    with django_assert_max_num_queries(18):
        http.get(url("clients:case_history", many))


def _page_queries(http, world, case, n):
    for i in range(n):
        planning.add_note(world.coach, case, f"note {i}")
        plan(world, case, day=dt.date(2026, 3, 3) + dt.timedelta(days=i))
    with CaptureQueriesContext(connection) as queries:
        response = http.get(url("clients:case_detail", case))
    body = response.content.decode()
    assert body.count('class="note"') == n
    assert body.count("meeting meeting-planned") == n
    return len(queries)


def test_the_case_page_lists_stay_constant_in_queries(
    http, world, office, django_assert_max_num_queries
):
    few = import_case(world.coach, world.org, world.own_client, case_file("P-1"))
    many = import_case(world.coach, world.org, world.own_client, case_file("P-2"))
    assert _page_queries(http, world, few, 1) == _page_queries(http, world, many, 10)
    with django_assert_max_num_queries(40):
        http.get(url("clients:case_detail", many))


# --- the group roster -------------------------------------------------------------------


def taito_roster(world, n=8):
    cases = []
    for i in range(n):
        client = world.own_client if i == 0 else create_client(
            None,
            organisation=world.org,
            identity_code=make_identity_code(dt.date(1991, 1, 1 + i), 910 + i),
            first_name=f"Ryhmä{i}",
            last_name="Asiakas",
            responsible_coach=world.coach,
            team=world.team_a,
        )  # fmt: skip
        data = case_file(
            f"TAITO-{i}", events=[{"type": "phase", "date": "2026-01-12", "phase": "start"}]
        )
        data["service"] = "TAITO"
        data["decision"]["granted_days"] = 100
        cases.append(import_case(world.coach, world.org, client, data))
    return cases


def test_a_taito_group_period_is_recorded_for_a_whole_roster_at_once(
    http, world, office, django_assert_max_num_queries
):
    cases = taito_roster(world)
    group_url = reverse("clients:case_group")
    with django_assert_max_num_queries(14):
        assert http.get(group_url).status_code == 200
    data = {
        "week": "2026-02-23",
        "days": ["mon", "tue", "wed", "thu"],
        "hours": "6",
        "cases": [str(c.pk) for c in cases],
    }
    first = http.post(group_url, data)
    assert len(first.context["rows"]) == 8
    second = http.post(
        group_url,
        {**data, "versions": first.context["form"].data["versions"],
         "previewed": first.context["digest"], "confirm": "1"},
    )  # fmt: skip
    assert second.status_code == 302
    for case in cases:
        days = CaseEvent.objects.filter(case=case, type="rehab_day")
        assert sorted(str(d.date) for d in days) == [
            "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26",
        ]  # fmt: skip
        assert all(d.data["group"] is True for d in days)


def test_a_group_period_is_all_or_nothing(http, world, office):
    cases = taito_roster(world, n=3)
    sick = {"type": "absence", "from": "2026-02-24", "to": "2026-02-24", "reason": "sickness"}
    apply_change(world.coach, cases[2], Change(add=[sick]), cases[2].version)
    data = {
        "week": "2026-02-23",
        "days": ["mon", "tue"],
        "hours": "6",
        "cases": [str(c.pk) for c in cases],
    }
    response = http.post(reverse("clients:case_group"), data)
    errors = " ".join(response.context["form"].errors["cases"])
    assert "Ryhmä2 Asiakas" in errors or "Asiakas Ryhmä2" in errors
    assert "inside an absence" in errors
    assert not CaseEvent.objects.filter(case__in=cases, type="rehab_day").exists()


def test_a_group_period_takes_travel_minutes_per_client(http, world, office):
    cases = taito_roster(world, n=3)
    group_url = reverse("clients:case_group")
    page = http.get(group_url)
    assert f"travel_{cases[0].pk}" in page.context["form"].fields
    data = {
        "week": "2026-02-23",
        "days": ["mon", "tue"],
        "hours": "6",
        "cases": [str(c.pk) for c in cases],
        f"travel_{cases[0].pk}": "45",
        f"travel_{cases[1].pk}": "0",
    }
    first = http.post(group_url, data)
    assert [travel for _case, travel, _a, _d in first.context["rows"]] == [45, 0, None]
    second = http.post(
        group_url,
        {**data, "versions": first.context["form"].data["versions"],
         "previewed": first.context["digest"], "confirm": "1"},
    )  # fmt: skip
    assert second.status_code == 302
    travel = {
        case.pk: sorted(
            d.data.get("travel_minutes", "-")
            for d in CaseEvent.objects.filter(case=case, type="rehab_day")
        )
        for case in cases
    }
    assert travel == {cases[0].pk: [45, 45], cases[1].pk: [0, 0], cases[2].pk: ["-", "-"]}


@pytest.mark.parametrize(
    ("value", "chosen", "text"),
    [
        ("1441", True, "less than or equal to 1440"),
        ("-1", True, "greater than or equal to 0"),
        ("tunti", True, "Enter a whole number"),
        ("30", False, "not in the group"),
    ],
)
def test_a_bad_travel_is_refused_at_the_clients_field(http, world, office, value, chosen, text):
    cases = taito_roster(world, n=2)
    data = {
        "week": "2026-02-23",
        "days": ["mon"],
        "hours": "6",
        "cases": [str(c.pk) for c in (cases if chosen else cases[1:])],
        f"travel_{cases[0].pk}": value,
    }
    response = http.post(reverse("clients:case_group"), {**data, "confirm": "1"})
    assert text in " ".join(response.context["form"].errors[f"travel_{cases[0].pk}"])
    assert not CaseEvent.objects.filter(case__in=cases, type="rehab_day").exists()


def test_a_days_correction_page_offers_the_absence_in_its_place(http, case):
    day = day_of(case, "2026-02-10")
    page = http.get(event_url("clients:case_event_edit", case, day)).content.decode()
    link = (
        url("clients:case_absence", case)
        + "?start=2026-02-10&amp;end=2026-02-10&amp;reason=sickness&amp;remove_days=on"
    )
    assert link in page
    form = http.get(link.replace("&amp;", "&")).context["form"]
    assert form["start"].value() == "2026-02-10"
    assert form["reason"].value() == "sickness"
    assert form["remove_days"].value()


def test_a_save_after_someone_elses_change_names_them_and_keeps_the_input(http, world, case):
    data = {"version": case.version, "date": "2026-02-24", "topic": "Tauko"}
    first = http.post(url("clients:case_kela_notice", case), data)
    day = day_of(case, "2026-02-10")
    apply_change(world.team_lead, case, Change(remove=[day.pk]), case.version)
    response = http.post(
        url("clients:case_kela_notice", case),
        {**data, "previewed": first.context["digest"], "confirm": "1"},
    )
    body = response.content.decode()
    assert f"{world.team_lead.log_name} saved a change to it" in body
    assert response.context["form"]["topic"].value() == "Tauko"
    assert not CaseEvent.objects.filter(case=case, type="kela_notice").exists()
    # The form now carries the current version: previewing and confirming again saves.
    case.refresh_from_db()
    again = {**data, "version": case.version}
    _first, second = preview_then_confirm(http, "clients:case_kela_notice", case, again)
    assert second.status_code == 302
