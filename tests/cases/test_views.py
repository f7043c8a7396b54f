"""The case pages: a new decision, the fast-entry forms with preview and confirmation,
optimistic locking, errors at the field, access, and the case page's query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.cases.service import case_header, contract_case, import_case
from luotsi.rules import evaluate

TODAY = dt.date(2026, 3, 2)  # a Monday
OFFICE = "Pori, Yrjönkatu 1"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def case_file(case_id="C-100", events=None):
    return {
        "format": "luotsi-case/1",
        "id": case_id,
        "service": "TK",
        "decision": {"received": "2026-01-05", "granted_days": 45, "first_decision": True},
        "events": events
        if events is not None
        else [
            {
                "type": "meeting",
                "date": "2026-01-12",
                "phase": "planning",
                "mode": "face_to_face",
                "place": "provider_office",
                "office": OFFICE,
                "minutes": 90,
            },
            {"type": "workplace", "from": "2026-02-10", "employer": "Oy Esimerkki Ab"},
            {"type": "phase", "date": "2026-02-10", "phase": "workplace"},
            {"type": "rehab_day", "date": "2026-02-10", "hours": 6.5, "workplace_hours": 5.5},
            {"type": "pause", "from": "2026-02-16", "to": "2026-02-20", "reason": "employer_delay"},
        ],
    }


@pytest.fixture
def case(world, office):
    return import_case(world.coach, world.org, world.own_client, case_file(), on=TODAY)


@pytest.fixture
def http(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.coach)
    return client


def url(name, case):
    return reverse(name, kwargs={"client_id": case.client_id, "case_id": case.pk})


def snapshot(case):
    case.refresh_from_db()
    return (
        case.version,
        list(CaseEvent.objects.filter(case=case).values_list("data", flat=True)),
        sorted(CaseFinding.objects.filter(case=case).values_list("rule", "severity")),
    )


def preview_then_confirm(http, name, case, data):
    """Submit once (preview), then confirm with the digest the preview gave."""
    data = {"version": case.version, **data}
    first = http.post(url(name, case), data)
    assert first.status_code == 200, first.content
    digest = first.context["digest"]
    second = http.post(url(name, case), {**data, "previewed": digest, "confirm": "1"})
    return first, second


# --- the new decision -------------------------------------------------------------------


def decision(**extra):
    return {
        "service": "TK",
        "external_id": "K-2026-1",
        "received": "2026-02-23",
        "granted_days": "45",
        "first_decision": "first",
        "applies_allowance": "on",
        **extra,
    }


def test_client_page_links_to_a_new_decision(http, world):
    page = http.get(reverse("clients:detail", kwargs={"client_id": world.own_client.pk}))
    assert reverse("clients:case_create", kwargs={"client_id": world.own_client.pk}) in (
        page.content.decode()
    )


def test_new_decision_creates_the_case_with_findings(http, world):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    response = http.post(target, decision(medical_statement_b_undated="on"))
    case = Case.objects.get(external_id="K-2026-1")
    assert response.status_code == 302
    assert response["Location"] == url("clients:case_detail", case)
    assert case.organisation == world.org and case.client == world.own_client
    assert (case.service, case.received, case.granted_days) == ("TK", dt.date(2026, 2, 23), 45)
    assert case.first_decision and case.applies_allowance and case.medical_statement_b_undated
    assert case.evaluated_on == TODAY
    # No first meeting yet: the engine's start deadline is due 14 days from receipt.
    start = CaseFinding.objects.get(case=case, rule="START.DEADLINE")
    assert (start.severity, start.due) == ("due", dt.date(2026, 3, 9))


def test_continuation_decision_and_dated_statement(http, world):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    http.post(
        target,
        decision(first_decision="continuation", medical_statement_b="2026-01-20", service="TV"),
    )
    case = Case.objects.get(external_id="K-2026-1")
    assert not case.first_decision
    assert case.medical_statement_b == dt.date(2026, 1, 20)
    assert case.service == "TV"


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"received": "2026-03-03"}, "received", "cannot have been received in the future"),
        (
            {"service": "TEAK-TK", "granted_days": ""},
            "granted_days",
            "no default number of days",
        ),
        ({"service": "TAITO", "granted_days": ""}, "granted_days", "no default number of days"),
        (
            {"medical_statement_b": "2026-01-02", "medical_statement_b_undated": "on"},
            "medical_statement_b_undated",
            "not both",
        ),
        ({"external_id": ""}, "external_id", "required"),
    ],
)
def test_new_decision_refuses_bad_input_at_the_field(http, world, data, field, text):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    response = http.post(target, decision(**data))
    assert response.status_code == 200
    assert text in " ".join(response.context["form"].errors[field])
    assert not Case.objects.exists()


def test_granted_days_may_be_left_to_the_service_description(http, world):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    http.post(target, decision(granted_days=""))
    case = Case.objects.get(external_id="K-2026-1")
    assert case.granted_days is None
    assert case.counters["rehab_days_granted"] == 45  # TK's number in the parameters


def test_duplicate_case_number_is_refused_at_the_field(http, world, case):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    response = http.post(target, decision(external_id=case.external_id))
    assert "already exists" in " ".join(response.context["form"].errors["external_id"])
    assert Case.objects.count() == 1


# --- fast entry: happy paths ------------------------------------------------------------


def test_week_of_days_previews_then_saves_only_the_filled_days(http, case):
    before = case.version
    week = {
        "week": "2026-02-23",
        "mon_hours": "6",
        "mon_workplace_hours": "5",
        "tue_hours": "6.5",
        "tue_workplace_hours": "5.5",
        "tue_paid_work": "on",
        "thu_hours": "6",
    }
    first = http.post(url("clients:case_days", case), {"version": before, **week})
    assert "Confirm and save" in first.content.decode()
    assert CaseEvent.objects.filter(case=case, type="rehab_day").count() == 1  # nothing saved
    second = http.post(
        url("clients:case_days", case),
        {"version": before, **week, "previewed": first.context["digest"], "confirm": "1"},
    )
    assert second.status_code == 302
    days = list(
        CaseEvent.objects.filter(case=case, type="rehab_day")
        .order_by("date")
        .values_list("data", flat=True)
    )
    assert days[1:] == [
        {"type": "rehab_day", "date": "2026-02-23", "hours": 6.0, "paid_work": False,
         "workplace_hours": 5.0},
        {"type": "rehab_day", "date": "2026-02-24", "hours": 6.5, "paid_work": True,
         "workplace_hours": 5.5},
        {"type": "rehab_day", "date": "2026-02-26", "hours": 6.0, "paid_work": False},
    ]  # fmt: skip
    case.refresh_from_db()
    assert case.version == before + 1
    assert case.counters["rehab_days_used"] == 4


def test_meeting_is_saved_and_findings_recomputed(http, case):
    # In the workplace phase since 10.2. without a workplace meeting: WORKPLACE.FIRST_MEETING.
    assert CaseFinding.objects.filter(case=case, rule="WORKPLACE.FIRST_MEETING").exists()
    meeting = {
        "date": "2026-02-12",
        "mode": "face_to_face",
        "place": "workplace",
        "kind": "workplace_visit",
        "phase": "workplace",
        "minutes": "60",
        "employer_present": "on",
    }
    version = case.version
    first, second = preview_then_confirm(http, "clients:case_meeting", case, meeting)
    disappeared = {f.rule for f in first.context["preview"].disappeared}
    assert "WORKPLACE.FIRST_MEETING" in disappeared
    assert second.status_code == 302
    stored = CaseEvent.objects.get(case=case, type="meeting", date=dt.date(2026, 2, 12))
    assert stored.data == {
        "type": "meeting",
        "date": "2026-02-12",
        "kind": "workplace_visit",
        "mode": "face_to_face",
        "employer_present": True,
        "phase": "workplace",
        "place": "workplace",
        "minutes": 60,
    }
    assert not CaseFinding.objects.filter(
        case=case, rule="WORKPLACE.FIRST_MEETING", severity="violation"
    ).exists()
    assert case.events.count() == 6
    case.refresh_from_db()
    assert case.version == version + 1


def test_absence_is_saved(http, case):
    version = case.version
    absence = {"start": "2026-02-25", "end": "2026-02-27", "reason": "sickness"}
    _first, second = preview_then_confirm(http, "clients:case_absence", case, absence)
    assert second.status_code == 302
    case.refresh_from_db()
    assert case.version == version + 1
    assert CaseEvent.objects.get(case=case, type="absence").data == {
        "type": "absence",
        "from": "2026-02-25",
        "to": "2026-02-27",
        "reason": "sickness",
        "could_participate_remotely": False,
    }


# --- preview, violations and Kela-agreed deviations -------------------------------------


# A second pause planned for next week: TK allows one.
SECOND_PAUSE = {"start": "2026-03-09", "end": "2026-03-13", "reason": "employer_delay"}


def test_preview_shows_the_engines_new_finding_and_saves_nothing(http, case):
    before = snapshot(case)
    response = http.post(url("clients:case_pause", case), {"version": case.version, **SECOND_PAUSE})
    appeared = response.context["preview"].appeared
    too_many = [f for f in appeared if f.rule == "PAUSE.TOO_MANY"]
    assert too_many and too_many[0].severity == "violation"
    assert "There are 2 pauses; at most 1 are allowed." in response.content.decode()
    assert response.context["needs_agreement"] and response.context["blocked"]
    assert snapshot(case) == before


def test_a_violation_without_kela_agreement_is_not_saved(http, case):
    before = snapshot(case)
    _first, second = preview_then_confirm(http, "clients:case_pause", case, SECOND_PAUSE)
    assert second.status_code == 200
    assert "Not saved: the change would break a rule" in second.content.decode()
    assert snapshot(case) == before


def test_a_kela_agreed_deviation_is_saved_with_the_agreement(http, case):
    data = {
        **SECOND_PAUSE,
        "kela_agreed": "on",
        "kela_agreement_date": "2026-02-20",
        "kela_agreement_reference": "Kela 20.2.2026, Dnro 123",
    }
    first, second = preview_then_confirm(http, "clients:case_pause", case, data)
    assert not first.context["blocked"]
    # The engine, given the agreement, reports the deviation as agreed (info).
    agreed = {(f.rule, f.severity) for f, _message, _label in first.context["agreed_rows"]}
    assert ("PAUSE.TOO_MANY", "info") in agreed
    assert second.status_code == 302
    agreement = CaseEvent.objects.get(case=case, type="kela_agreement")
    assert agreement.data == {
        "type": "kela_agreement",
        "date": "2026-02-20",
        "rule": "PAUSE.TOO_MANY",
        "reason": "Kela 20.2.2026, Dnro 123",
    }
    assert CaseEvent.objects.filter(case=case, type="pause").count() == 2
    # The pause lies ahead: the stored findings (evaluated today) do not see it yet; the
    # engine on its last day reports the deviation as agreed.
    evaluation = evaluate(contract_case(case), dt.date(2026, 3, 13))
    (finding,) = [f for f in evaluation.findings if f.rule == "PAUSE.TOO_MANY"]
    assert finding.severity == "info"
    assert finding.message("en").startswith("Agreed deviation with Kela")


def test_a_second_pause_that_already_happened_is_recorded_with_its_violation(http, case):
    """A plan that breaks a rule needs Kela's agreement; what already happened is recorded
    as it was, and the violation is stored on the case for the dashboard."""
    past = {"start": "2026-02-23", "end": "2026-02-27", "reason": "employer_delay"}
    first, second = preview_then_confirm(http, "clients:case_pause", case, past)
    assert first.context["needs_agreement"] and not first.context["planned"]
    assert not first.context["blocked"]
    assert "What happened is recorded as it was" in first.content.decode()
    assert second.status_code == 302
    assert CaseEvent.objects.filter(case=case, type="pause").count() == 2
    assert CaseFinding.objects.get(case=case, rule="PAUSE.TOO_MANY").severity == "violation"


def test_a_missed_deadline_met_late_is_recorded_without_an_agreement(http, world, office):
    """The first meeting held after the start deadline: the case already breaks
    START.DEADLINE (missed); recording the late meeting ends that violation and starts the
    "late" one. That is what happened, so it needs no Kela agreement."""
    late = import_case(world.coach, world.org, world.own_client, case_file("C-LATE", []), on=TODAY)
    assert CaseFinding.objects.get(case=late, rule="START.DEADLINE").severity == "violation"
    meeting = {
        "date": "2026-02-02",
        "mode": "face_to_face",
        "place": "provider_office",
        "kind": "individual",
        "phase": "planning",
    }
    first, second = preview_then_confirm(http, "clients:case_meeting", late, meeting)
    appeared = {f.rule for f in first.context["preview"].appeared if f.severity == "violation"}
    assert "START.DEADLINE" in appeared  # shown to the coach: the meeting was late
    assert "START.DEADLINE" not in first.context["preview"].violated_rules
    assert not first.context["blocked"]
    assert second.status_code == 302
    assert CaseEvent.objects.filter(case=late, type="meeting").count() == 1
    assert not CaseEvent.objects.filter(case=late, type="kela_agreement").exists()


def test_agreement_needs_its_date_and_reference(http, case):
    before = snapshot(case)
    response = http.post(
        url("clients:case_pause", case),
        {"version": case.version, **SECOND_PAUSE, "kela_agreed": "on"},
    )
    errors = response.context["form"].errors
    assert "kela_agreement_date" in errors and "kela_agreement_reference" in errors
    assert snapshot(case) == before


def test_a_changed_input_after_the_preview_is_not_saved(http, case):
    before = snapshot(case)
    data = {"version": case.version, "start": "2026-02-25", "end": "2026-02-27", "reason": "other"}
    first = http.post(url("clients:case_absence", case), data)
    changed = {**data, "end": "2026-02-28", "previewed": first.context["digest"], "confirm": "1"}
    second = http.post(url("clients:case_absence", case), changed)
    assert second.status_code == 200
    assert "not the one previewed" in second.content.decode()
    assert snapshot(case) == before


# --- stale versions and invalid input ---------------------------------------------------


def test_stale_version_is_refused_and_nothing_saved(http, case):
    data = {"start": "2026-02-25", "end": "2026-02-27", "reason": "sickness"}
    stale = case.version
    first = http.post(url("clients:case_absence", case), {"version": stale, **data})
    digest = first.context["digest"]
    # The same coach saves a change in another tab in between.
    other = {"version": case.version, "date": "2026-02-12", "mode": "phone", "kind": "individual"}
    preview_then_confirm(http, "clients:case_meeting", case, other)
    before = snapshot(case)
    assert before[0] == stale + 1
    response = http.post(
        url("clients:case_absence", case),
        {"version": stale, **data, "previewed": digest, "confirm": "1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "The case has changed since this page was opened: you saved a change to it in "
        "another tab or window. What you typed is kept"
    ) in body
    assert "Someone else" not in body
    # What was typed is kept, and the form now carries the current version.
    form = response.context["form"]
    assert form["start"].value() == "2026-02-25"
    assert form["reason"].value() == "sickness"
    assert f'name="version" value="{before[0]}"' in body
    assert snapshot(case) == before
    assert not CaseEvent.objects.filter(case=case, type="absence").exists()


@pytest.mark.parametrize(
    ("name", "data", "field", "text"),
    [
        (
            "clients:case_pause",
            {"start": "2026-02-25", "end": "2026-02-23", "reason": "employer_delay"},
            "end",
            "cannot be before the start",
        ),
        (
            "clients:case_pause",
            {"start": "2026-02-18", "end": "2026-02-25", "reason": "employer_delay"},
            "start",
            "overlaps the pause",
        ),
        (
            "clients:case_absence",
            {"start": "2026-02-10", "end": "2026-02-11", "reason": "sickness"},
            "start",
            "Rehabilitation days are recorded inside this absence (10.2.2026)",
        ),
        ("clients:case_days", {"week": "2026-02-24", "mon_hours": "6"}, "week", "Monday"),
        ("clients:case_days", {"week": "2026-02-23"}, "mon_hours", "at least one day"),
        (
            "clients:case_days",
            {"week": "2026-02-23", "wed_hours": "6", "wed_workplace_hours": "7"},
            "wed_workplace_hours",
            "cannot exceed",
        ),
        ("clients:case_meeting", {"mode": "video", "kind": "individual"}, "date", "required"),
        (
            "clients:case_meeting",
            {"date": "2026-02-12", "mode": "video", "kind": "nonsense"},
            "kind",
            "Select a valid choice",
        ),
    ],
)
def test_invalid_input_is_shown_at_the_field_and_nothing_saved(http, case, name, data, field, text):
    before = snapshot(case)
    response = http.post(url(name, case), {"version": case.version, **data})
    assert response.status_code == 200
    errors = response.context["form"].errors
    key = field if field is not None else "__all__"
    if field is None and "__all__" not in errors:
        key = next(iter(errors))
    assert text in " ".join(errors[key]), errors
    assert "preview" not in response.context or response.context.get("preview") is None
    assert snapshot(case) == before


def test_a_day_inside_an_absence_is_refused_at_the_days_field(http, case):
    absence = {"start": "2026-02-23", "end": "2026-02-24", "reason": "sickness"}
    preview_then_confirm(http, "clients:case_absence", case, absence)
    case.refresh_from_db()
    before = snapshot(case)
    response = http.post(
        url("clients:case_days", case),
        {"version": case.version, "week": "2026-02-23", "mon_hours": "3", "wed_hours": "6"},
    )
    errors = response.context["form"].errors
    assert "cannot fall inside an absence" in " ".join(errors["mon_hours"])
    assert snapshot(case) == before


# --- access -----------------------------------------------------------------------------


def test_another_organisations_case_is_404(client, world, office):
    other = import_case(None, world.other_org, world.other_org_client, case_file("X-1"), on=TODAY)
    client.force_login(world.coach)
    for name in ("clients:case_detail", "clients:case_pause", "clients:case_days"):
        assert client.get(url(name, other)).status_code == 404
    # Nor under the coach's own client's URL.
    mixed = reverse(
        "clients:case_pause", kwargs={"client_id": world.own_client.pk, "case_id": other.pk}
    )
    assert client.post(mixed, {"version": 1, **SECOND_PAUSE}).status_code == 404
    assert CaseEvent.objects.filter(case=other, type="pause").count() == 1


def test_a_user_without_edit_rights_is_refused(client, world, case):
    client.force_login(world.quality_manager)
    before = snapshot(case)
    page = client.get(url("clients:case_detail", case))
    assert page.status_code == 200
    assert page.context["entry_forms"] == []
    response = client.post(
        url("clients:case_absence", case),
        {"version": case.version, "start": "2026-02-25", "reason": "sickness", "confirm": "1"},
    )
    assert response.status_code == 404
    create = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    assert client.post(create, decision()).status_code == 404
    assert snapshot(case) == before


def test_entry_is_access_logged(http, case):
    http.get(url("clients:case_meeting", case))  # the form only opened: a view
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.action, entry.client_id) == ("view", case.client_id)
    meeting = {"version": case.version, "date": "2026-02-12", "mode": "phone", "kind": "individual"}
    http.post(url("clients:case_meeting", case), meeting)  # a preview: posted to the edit view
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.action, entry.client_id) == ("edit", case.client_id)


def test_a_week_with_recorded_days_shows_them_first_and_then_corrects_them(http, case):
    week = {"week": "2026-02-23", "mon_hours": "6", "tue_hours": "6"}
    preview_then_confirm(http, "clients:case_days", case, week)
    case.refresh_from_db()
    before = snapshot(case)
    typed = {"version": case.version, "week": "2026-02-23", "tue_hours": "5", "wed_hours": "6"}
    response = http.post(url("clients:case_days", case), typed)
    form = response.context["form"]
    assert form.errors["week"] == [
        "Days of this week are already recorded (23.2.2026, 24.2.2026). They are shown now: "
        "check them and preview again."
    ]
    # The recorded Monday is filled in; what was typed for Tuesday and Wednesday stays.
    assert form["mon_hours"].value() == "6"
    assert form["tue_hours"].value() == "5"
    assert form["wed_hours"].value() == "6"
    assert snapshot(case) == before
    # Previewed again with the days shown: Tuesday is corrected, Wednesday added.
    shown = {**typed, "mon_hours": "6", "loaded_week": "2026-02-23"}
    _first, second = preview_then_confirm(http, "clients:case_days", case, shown)
    assert second.status_code == 302, second.context["form"].errors
    days = {
        e.data["date"]: e.data["hours"]
        for e in CaseEvent.objects.filter(case=case, type="rehab_day", date__gte="2026-02-23")
    }
    assert days == {"2026-02-23": 6, "2026-02-24": 5, "2026-02-25": 6}


def test_an_event_before_the_decision_is_refused_at_its_date(http, case):
    received = dt.date.fromisoformat(case_header(case)["decision"]["received"])
    before = snapshot(case)
    meeting = {
        "version": case.version,
        "date": (received - dt.timedelta(days=1)).isoformat(),
        "mode": "phone",
        "kind": "individual",
    }
    response = http.post(url("clients:case_meeting", case), meeting)
    errors = response.context["form"].errors
    day = f"{received.day}.{received.month}.{received.year}"
    assert f"This is before the decision was received ({day})." in errors["date"]
    assert snapshot(case) == before
    meeting["date"] = received.isoformat()  # on the day itself: fine
    response = http.post(url("clients:case_meeting", case), meeting)
    assert "date" not in response.context["form"].errors


# --- the case page ----------------------------------------------------------------------


def test_case_page_shows_timeline_deadlines_and_forms(http, case):
    response = http.get(url("clients:case_detail", case))
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img"' in html
    assert "Phase 1 deadline" in html  # the text alternative lists the deadlines
    for name in ("case_days", "case_meeting", "case_absence", "case_pause"):
        assert url(f"clients:{name}", case) in html
    assert f'name="version" value="{case.version}"' in html


def _days(n):
    start = dt.date(2026, 2, 21)  # after the case file's pause
    return [
        {"type": "rehab_day", "date": (start + dt.timedelta(days=i)).isoformat()} for i in range(n)
    ]


def _page_queries(client, world, n):
    base = case_file(f"Q-{n}")["events"]
    case = import_case(None, world.org, world.own_client, case_file(f"Q-{n}", base + _days(n)))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("clients:case_detail", case))
    assert response.status_code == 200
    assert response.content.decode().count('class="rehab-day"') == n + 1
    return len(queries)


def test_case_page_queries_do_not_grow_with_events(http, world, office):
    assert _page_queries(http, world, 10) == _page_queries(http, world, 60)


def test_a_day_still_ahead_is_refused_at_its_field(http, case):
    from django.utils import timezone

    ahead = timezone.localdate() + dt.timedelta(days=1)
    if ahead.weekday() == 6:  # the form has Monday to Saturday
        ahead += dt.timedelta(days=1)
    key = ["mon", "tue", "wed", "thu", "fri", "sat"][ahead.weekday()]
    week = ahead - dt.timedelta(days=ahead.weekday())
    before = snapshot(case)
    data = {"version": case.version, "week": week.isoformat(), f"{key}_hours": "6"}
    response = http.post(url("clients:case_days", case), data)
    errors = response.context["form"].errors
    assert "This day is still ahead: record it once it has taken place." in errors[f"{key}_hours"]
    assert snapshot(case) == before
