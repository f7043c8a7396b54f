"""Boundary tables for the rules added in round 2 (issue 15, and DAYS.ON_PAUSE of issue 19).

TK and TV cases: decision received Mon 2027-01-04, first meeting Mon 2027-01-11 (total
deadline 2027-06-11 in TK). TEAK cases are TEAK-TV, Taito cases as in ``test_taito``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from luotsi.rules import evaluate, parse_case
from luotsi.rules.days import pause_covering
from tests.rules.builders import Row, case, check_row, day, ev, meeting, workplace_phase
from tests.rules.test_taito import taito
from tests.rules.test_teak import PRE, teak, workdays

PAUSE = ev("pause", from_="2027-03-01", to="2027-03-07", reason="workplace_closed")
END = ev("end", date="2027-05-28", reason="completed")
PLAN = ev("vocational_plan", date="2027-05-20", summary="Varastotyö")
NOTICE = ev("kela_notice", date="2027-02-01", topic="x")


def _skipped(**fields: Any) -> dict[str, Any]:
    return ev("step_skipped", date="2027-02-01", step="network meeting", **fields)


def _no_interpreter(start: str, end: str) -> dict[str, Any]:
    return ev("no_interpreter", from_=start, to=end, note="no Dari interpreter")


def _week(monday: str, count: int) -> list[dict[str, Any]]:
    """``count`` days from ``monday`` on (Mon, Tue, ...)."""
    first = date.fromisoformat(monday)
    return [day(first.replace(day=first.day + i).isoformat()) for i in range(count)]


def _followup(mode: str, place: str | None) -> list[dict[str, Any]]:
    return [
        ev("phase", date="2027-06-07", phase="final"),
        *(day(f"2027-06-{d:02d}", group=True) for d in range(7, 11)),
        meeting("2027-08-02", "followup", mode=mode, place=place, office=None),
    ]


ROWS = [
    # DAYS.ON_PAUSE: the day before, the first and last day of the pause, the day after
    Row(
        "DAYS.ON_PAUSE", "day before the pause", case(PAUSE, day("2027-02-26")), "2027-04-01", None
    ),
    Row("DAYS.ON_PAUSE", "first day", case(PAUSE, day("2027-03-01")), "2027-04-01", "violation"),
    Row("DAYS.ON_PAUSE", "last day", case(PAUSE, day("2027-03-07")), "2027-04-01", "violation"),
    Row("DAYS.ON_PAUSE", "day after", case(PAUSE, day("2027-03-08")), "2027-04-01", None),
    Row(
        "DAYS.ON_PAUSE",
        "open pause",
        case(ev("pause", from_="2027-03-01"), day("2027-03-10")),
        "2027-04-01",
        "violation",
    ),
    Row("DAYS.ON_PAUSE", "TEAK", teak(PAUSE, day("2027-03-02")), "2027-04-01", "violation"),
    Row("DAYS.ON_PAUSE", "Taito", taito(PAUSE, day("2027-03-02")), "2027-04-01", "violation"),
    # DEADLINE.INTERPRETER: the span itself is information ...
    Row(
        "DEADLINE.INTERPRETER",
        "recorded",
        case(_no_interpreter("2027-01-05", "2027-01-20")),
        "2027-02-01",
        "info",
    ),
    Row("DEADLINE.INTERPRETER", "none recorded", case(), "2027-02-01", None),
    # ... and a deadline violation overlapping it (START.DEADLINE 2027-01-04 .. 2027-01-18)
    Row(
        "START.DEADLINE",
        "late, no interpreter up to the day before the decision",
        case(_no_interpreter("2026-12-20", "2027-01-03"), first_meeting="2027-01-19"),
        "2027-02-01",
        "violation",
    ),
    Row(
        "START.DEADLINE",
        "late, no interpreter from the decision",
        case(_no_interpreter("2026-12-20", "2027-01-04"), first_meeting="2027-01-19"),
        "2027-02-01",
        "info",
    ),
    Row(
        "START.DEADLINE",
        "late, no interpreter from the deadline day",
        case(_no_interpreter("2027-01-18", "2027-01-25"), first_meeting="2027-01-19"),
        "2027-02-01",
        "info",
    ),
    Row(
        "START.DEADLINE",
        "late, no interpreter from the day after the deadline",
        case(_no_interpreter("2027-01-19", "2027-01-25"), first_meeting="2027-01-19"),
        "2027-02-01",
        "violation",
    ),
    Row(
        "START.DEADLINE",
        "missed, no interpreter (still open)",
        case(ev("no_interpreter", from_="2027-01-10"), first_meeting=None),
        "2027-02-01",
        "info",
    ),
    # PLAN.VOCATIONAL
    Row("PLAN.VOCATIONAL", "31 days before the total deadline", case(), "2027-05-11", None),
    Row("PLAN.VOCATIONAL", "30 days before", case(), "2027-05-12", "due", "2027-06-11"),
    Row("PLAN.VOCATIONAL", "plan made", case(PLAN), "2027-05-25", None),
    Row("PLAN.VOCATIONAL", "completed, none recorded", case(END), "2027-06-01", "warning"),
    Row("PLAN.VOCATIONAL", "completed with a plan", case(PLAN, END), "2027-06-01", None),
    Row(
        "PLAN.VOCATIONAL",
        "interrupted, none recorded",
        case(ev("end", date="2027-03-01", reason="interrupted")),
        "2027-04-01",
        None,
    ),
    Row(
        "PLAN.VOCATIONAL",
        "report does not state the plan made",
        case(PLAN, END, ev("feedback", date="2027-06-01", states_vocational_plan=False)),
        "2027-06-02",
        "violation",
    ),
    Row(
        "PLAN.VOCATIONAL",
        "report states it",
        case(PLAN, END, ev("feedback", date="2027-06-01", states_vocational_plan=True)),
        "2027-06-02",
        None,
    ),
    Row(
        "PLAN.VOCATIONAL",
        "no plan event, the report states it",
        case(END, ev("feedback", date="2027-06-01", states_vocational_plan=True)),
        "2027-06-02",
        None,
    ),
    Row(
        "PLAN.VOCATIONAL",
        "no plan, the report says none",
        case(END, ev("feedback", date="2027-06-01", states_vocational_plan=False)),
        "2027-06-02",
        "violation",
    ),
    Row("PLAN.VOCATIONAL", "TEAK, completed", teak(PRE, END), "2027-06-01", "warning"),
    # PROCESS.STEP_SKIPPED: a notice up to 14 days before (agreed in advance) or after
    Row("PROCESS.STEP_SKIPPED", "not reported", case(_skipped(reason="r")), "2027-02-10", "action"),
    Row(
        "PROCESS.STEP_SKIPPED",
        "reported on the day",
        case(_skipped(reason="r"), NOTICE),
        "2027-02-10",
        None,
    ),
    Row(
        "PROCESS.STEP_SKIPPED",
        "reported 14 days before",
        case(_skipped(reason="r"), ev("kela_notice", date="2027-01-18")),
        "2027-02-10",
        None,
    ),
    Row(
        "PROCESS.STEP_SKIPPED",
        "reported 15 days before",
        case(_skipped(reason="r"), ev("kela_notice", date="2027-01-17")),
        "2027-02-10",
        "action",
    ),
    Row("PROCESS.STEP_SKIPPED", "no reason", teak(PRE, _skipped()), "2027-02-10", "action"),
    Row("PROCESS.STEP_SKIPPED", "Taito", taito(_skipped(reason="r")), "2027-02-10", "action"),
    # CLIENT.CANNOT_COMMIT
    Row(
        "CLIENT.CANNOT_COMMIT",
        "not contacted",
        case(ev("cannot_commit", date="2027-02-01", reason="r")),
        "2027-02-10",
        "action",
    ),
    Row(
        "CLIENT.CANNOT_COMMIT",
        "Kela contacted",
        teak(PRE, ev("cannot_commit", date="2027-02-01"), NOTICE),
        "2027-02-10",
        None,
    ),
    # KELA.NOTIFY: other work alongside, a paid work trial (004)
    Row(
        "KELA.NOTIFY",
        "other work alongside",
        teak(PRE, day("2027-01-12", client_worked=True)),
        "2027-02-01",
        "action",
    ),
    Row(
        "KELA.NOTIFY",
        "other work, reported",
        teak(PRE, day("2027-01-12", client_worked=True), ev("kela_notice", date="2027-01-12")),
        "2027-02-01",
        None,
    ),
    Row(
        "KELA.NOTIFY",
        "paid work trial (TK)",
        case(*workplace_phase("2027-02-08", paid=True)),
        "2027-02-10",
        "action",
    ),
    Row(
        "KELA.NOTIFY",
        "paid work (TV is paid work)",
        case(*workplace_phase("2027-02-08", paid=True), service="TV"),
        "2027-02-10",
        None,
    ),
    # MEETING.NOT_MOVED
    Row(
        "MEETING.NOT_MOVED",
        "job search the day before the workplace phase",
        case(*workplace_phase("2027-02-15"), meeting("2027-02-12", "job_search")),
        "2027-03-01",
        None,
    ),
    Row(
        "MEETING.NOT_MOVED",
        "job search on its first day",
        case(*workplace_phase("2027-02-15"), meeting("2027-02-15", "job_search")),
        "2027-03-01",
        "violation",
    ),
    Row(
        "MEETING.NOT_MOVED",
        "planning at the end",
        case(*workplace_phase("2027-02-15"), meeting("2027-05-20", "planning")),
        "2027-06-01",
        "violation",
    ),
    Row(
        "MEETING.NOT_MOVED",
        "TK: job search for a new place after an early end",
        case(
            ev("workplace", from_="2027-02-15", to="2027-03-10", kind="open_market"),
            ev("phase", date="2027-02-15", phase="workplace"),
            meeting("2027-03-15", "job_search"),
        ),
        "2027-04-01",
        None,
    ),
    # BILLING.NETWORK_INCLUDED
    Row(
        "BILLING.NETWORK_INCLUDED",
        "billed on a network meeting's day",
        case(
            meeting("2027-02-02", "job_search", kind="network"),
            ev("invoice_line", date="2027-02-02", price_type=1),
        ),
        "2027-03-01",
        "violation",
    ),
    Row(
        "BILLING.NETWORK_INCLUDED",
        "billed for the rehabilitation day of that date",
        case(
            meeting("2027-02-02", "job_search", kind="network"),
            day("2027-02-02"),
            ev("invoice_line", date="2027-02-02", price_type=1),
        ),
        "2027-03-01",
        None,
    ),
    # MEETING.OFFICE now also in TEAK (the office of the provider's tender)
    Row(
        "MEETING.OFFICE",
        "TEAK: office not in the contract",
        teak(PRE, meeting("2027-01-12", office="Muu 1")),
        "2027-02-01",
        "violation",
    ),
    Row("MEETING.OFFICE", "TEAK: contract office", teak(PRE), "2027-02-01", None),
    # TEAK.INVITATION: advance contact -> invitation letter -> start
    Row(
        "TEAK.INVITATION",
        "not started, no letter",
        teak(PRE, first_meeting=None),
        "2027-01-20",
        "due",
        "2027-02-01",
    ),
    Row(
        "TEAK.INVITATION",
        "letter the day before the start",
        teak(PRE, ev("invitation_letter", date="2027-01-10")),
        "2027-02-01",
        None,
    ),
    Row(
        "TEAK.INVITATION",
        "letter on the start day",
        teak(PRE, ev("invitation_letter", date="2027-01-11")),
        "2027-02-01",
        None,
    ),
    Row(
        "TEAK.INVITATION",
        "letter the day after the start",
        teak(PRE, ev("invitation_letter", date="2027-01-12")),
        "2027-02-01",
        "warning",
    ),
    # TEAK.LIGHT
    Row(
        "TEAK.LIGHT",
        "chosen with its reason",
        teak(PRE, ev("light_approach", date="2027-01-11", reason="vähäinen tuen tarve")),
        "2027-02-01",
        "info",
    ),
    Row(
        "TEAK.LIGHT",
        "no reason",
        teak(PRE, ev("light_approach", date="2027-01-11")),
        "2027-02-01",
        "warning",
    ),
    # DAY.WEEKDAYS: 5 days a week on average (whole weeks between the first and last week)
    Row(
        "DAY.WEEKDAYS",
        "five days every week",
        teak(PRE, *workdays("2027-02-01", 20)),
        "2027-03-15",
        None,
    ),
    Row(
        "DAY.WEEKDAYS",
        "four days one week, six (with Saturday) the next",
        teak(
            PRE,
            *_week("2027-02-01", 5),
            *_week("2027-02-08", 4),
            *_week("2027-02-15", 6),
            *_week("2027-02-22", 5),
        ),
        "2027-03-15",
        None,
    ),
    Row(
        "DAY.WEEKDAYS",
        "four days one week",
        teak(
            PRE,
            *_week("2027-02-01", 5),
            *_week("2027-02-08", 4),
            *_week("2027-02-15", 5),
            *_week("2027-02-22", 5),
        ),
        "2027-03-15",
        "warning",
    ),
    Row(
        "DAY.WEEKDAYS",
        "four days in the weeks of Good Friday 26.3. and Easter Monday 29.3.2027",
        teak(
            PRE,
            *_week("2027-03-15", 5),
            *_week("2027-03-22", 4),
            *(day(f"2027-03-{d}") for d in (30, 31)),
            day("2027-04-01"),
            day("2027-04-02"),
            *_week("2027-04-05", 5),
            *_week("2027-04-12", 5),
        ),
        "2027-04-30",
        None,
    ),
    Row(
        "DAY.WEEKDAYS",
        "three days in the week of Easter Monday",
        teak(
            PRE,
            *_week("2027-03-15", 5),
            *_week("2027-03-22", 4),
            *(day(f"2027-03-{d}") for d in (30, 31)),
            day("2027-04-01"),
            *_week("2027-04-05", 5),
            *_week("2027-04-12", 5),
        ),
        "2027-04-30",
        "warning",
    ),
    Row(
        "DAY.WEEKDAYS",
        "four days in a week with a pause",
        teak(
            PRE,
            *_week("2027-02-01", 5),
            *_week("2027-02-08", 4),
            *_week("2027-02-15", 5),
            ev("pause", from_="2027-02-12", to="2027-02-12", interim_tasks=True),
        ),
        "2027-03-15",
        None,
    ),
    # FEEDBACK.ATTACHMENTS (TEAK)
    Row(
        "FEEDBACK.ATTACHMENTS",
        "GAS and KU5",
        teak(PRE, ev("feedback", date="2027-06-01", attachments=["GAS", "KU5"])),
        "2027-06-02",
        None,
    ),
    Row(
        "FEEDBACK.ATTACHMENTS",
        "KU5 missing",
        teak(PRE, ev("feedback", date="2027-06-01", attachments=["GAS"])),
        "2027-06-02",
        "violation",
    ),
    Row(
        "FEEDBACK.ATTACHMENTS",
        "not recorded",
        teak(PRE, ev("feedback", date="2027-06-01")),
        "2027-06-02",
        "info",
    ),
    # TOTAL.DEADLINE: a TEAK continuation decision's duration is not yet known
    Row("TOTAL.DEADLINE", "TEAK continuation decision", teak(PRE), "2027-02-01", None),
    # TAITO.DURATION: about 15 months from the start (2027-01-11 -> 2028-04-11)
    Row("TAITO.DURATION", "31 days before", taito(), "2028-03-11", None),
    Row("TAITO.DURATION", "30 days before", taito(), "2028-03-12", "warning", "2028-04-11"),
    Row("TAITO.DURATION", "running past it", taito(), "2028-04-12", "warning"),
    Row(
        "TAITO.DURATION",
        "ended, last visit on the day",
        taito(meeting("2028-04-11", "followup"), ev("end", date="2028-04-11", reason="completed")),
        "2028-05-01",
        None,
    ),
    Row(
        "TAITO.DURATION",
        "ended, last visit the day after",
        taito(meeting("2028-04-12", "followup"), ev("end", date="2028-04-12", reason="completed")),
        "2028-05-01",
        "warning",
    ),
    # TAITO.FOLLOWUP_MODE: at the provider's office or by video (003 Vastaus 6)
    Row("TAITO.FOLLOWUP_MODE", "video", taito(*_followup("video", None)), "2027-09-01", None),
    Row(
        "TAITO.FOLLOWUP_MODE",
        "office",
        taito(*_followup("face_to_face", "provider_office")),
        "2027-09-01",
        None,
    ),
    Row(
        "TAITO.FOLLOWUP_MODE", "phone", taito(*_followup("phone", None)), "2027-09-01", "violation"
    ),
    Row(
        "TAITO.FOLLOWUP_MODE",
        "at the workplace",
        taito(*_followup("face_to_face", "workplace")),
        "2027-09-01",
        "violation",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}: {r.label}" for r in ROWS])
def test_round2_boundary(row: Row) -> None:
    check_row(row)


def _findings(data: dict[str, Any], on: str) -> dict[str, list[str]]:
    result = evaluate(parse_case(data), date.fromisoformat(on))
    out: dict[str, list[str]] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f.severity)
    return out


def test_a_day_on_a_pause_does_not_use_the_granted_days() -> None:
    data = case(PAUSE, day("2027-02-26"), day("2027-03-02"), granted_days=1)
    result = evaluate(parse_case(data), date(2027, 4, 1))
    assert result.counters["rehab_days_used"] == 1
    assert "DAYS.EXCEEDED" not in {f.rule for f in result.findings}


def test_a_day_on_a_pause_is_not_billable() -> None:
    data = case(PAUSE, day("2027-03-02"), ev("invoice_line", date="2027-03-02", price_type=1))
    result = evaluate(parse_case(data), date(2027, 4, 1))
    keys = {f.key for f in result.findings if f.rule == "BILLING.NOT_BILLABLE"}
    assert keys == {"BILLING.NOT_BILLABLE.pause"}


def test_the_interpreter_flex_reads_as_such() -> None:
    data = case(_no_interpreter("2027-01-10", "2027-01-20"), first_meeting="2027-01-19")
    result = evaluate(parse_case(data), date(2027, 2, 1))
    found = [f for f in result.findings if f.rule == "START.DEADLINE"]
    assert [f.severity for f in found] == ["info"]
    assert found[0].message("fi").startswith("Tulkkia ei ollut saatavilla")
    assert found[0].message("en").startswith("No interpreter was available")


def test_teak_continuation_decision_leaves_the_total_deadline_open() -> None:
    data = teak(PRE, meeting("2027-09-01"))
    data["decision"]["first_decision"] = False
    found = _findings(data, "2027-10-01")
    assert found["TOTAL.DEADLINE"] == ["info"]
    data["decision"]["first_decision"] = True
    assert _findings(data, "2027-10-01")["TOTAL.DEADLINE"] == ["violation"]


def test_light_approach_silences_total_at_risk() -> None:
    tight = teak(PRE, first_meeting="2027-01-11")
    assert "TOTAL.AT_RISK" in _findings(tight, "2027-05-01")
    light = teak(PRE, ev("light_approach", date="2027-01-11", reason="r"))
    assert "TOTAL.AT_RISK" not in _findings(light, "2027-05-01")


@pytest.mark.parametrize(
    ("day_", "inside"),
    [("2027-02-28", False), ("2027-03-01", True), ("2027-03-07", True), ("2027-03-08", False)],
)
def test_pause_covering_helper(day_: str, inside: bool) -> None:
    parsed = parse_case(case(PAUSE))
    found = pause_covering(parsed, date.fromisoformat(day_))
    assert (found is not None) == inside
    if inside:
        assert found is not None and found.reason == "workplace_closed"


def test_a_finding_made_by_the_engine_is_a_whole_finding() -> None:
    """Ctx.add builds findings without the named tuple's __new__: the same object."""
    from luotsi.rules.findings import Finding

    result = evaluate(parse_case(case(PAUSE, day("2027-03-01"))), date(2027, 4, 1))
    found = next(f for f in result.findings if f.rule == "DAYS.ON_PAUSE")
    assert type(found) is Finding and len(found) == len(Finding._fields)
    assert found == Finding(*found) and found._replace(agreed=True).agreed is True
    assert found.interpreter is False and found.key == "DAYS.ON_PAUSE.day"
