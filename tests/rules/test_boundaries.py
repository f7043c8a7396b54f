"""Table-driven boundary cases for every TK/TV rule ID: the day before, the day, the day
after each deadline; a count below, at and above each limit.

Each row: rule ID, label, case dict, evaluation date, expected severity of that rule (None:
the rule raises nothing), and optionally the expected ``due`` date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from luotsi.rules import evaluate, parse_case
from tests.rules.builders import Row, case, check_row, day, ev, meeting, workplace_phase

WP = workplace_phase("2027-02-11")
CERT = {"author_name": "V. Virtanen", "author_phone": "+358 40 1"}
FINAL = {"kind": "final_discussion", "minutes": 60, "employer_present": True}
END_OK = [meeting("2027-04-13", "workplace", kind="network", place="network_premises")]


FLEX_MARCH = ev("flex", from_="2027-03-01", to="2027-03-28", days_per_week=3, reason="capacity")


def weekly(start: str, mondays: list[str]) -> list[dict[str, Any]]:
    return [*workplace_phase(start), *(meeting(m, "workplace") for m in mondays)]


ROWS = [
    # START.DEADLINE: decision 2027-01-04 + 14 days = 2027-01-18
    Row("START.DEADLINE", "met day before", case(first_meeting="2027-01-17"), "2027-02-01", None),
    Row("START.DEADLINE", "met on the day", case(first_meeting="2027-01-18"), "2027-02-01", None),
    Row(
        "START.DEADLINE",
        "met day after",
        case(first_meeting="2027-01-19"),
        "2027-02-01",
        "violation",
    ),
    Row(
        "START.DEADLINE",
        "open on the day",
        case(first_meeting=None),
        "2027-01-18",
        "due",
        "2027-01-18",
    ),
    Row("START.DEADLINE", "open day after", case(first_meeting=None), "2027-01-19", "violation"),
    Row(
        "START.DEADLINE",
        "TV same",
        case(service="TV", first_meeting="2027-01-19"),
        "2027-02-01",
        "violation",
    ),
    # QUEUE.NOTIFY: raised when the start deadline is <= 3 days away
    Row("QUEUE.NOTIFY", "4 days away", case(first_meeting=None), "2027-01-14", None),
    Row("QUEUE.NOTIFY", "3 days away", case(first_meeting=None), "2027-01-15", "action"),
    Row("QUEUE.NOTIFY", "passed", case(first_meeting=None), "2027-01-25", "action"),
    Row(
        "QUEUE.NOTIFY",
        "notified",
        case(ev("kela_notice", date="2027-01-12"), first_meeting=None),
        "2027-01-15",
        None,
    ),
    # PHASE1.DEADLINE: first meeting 2027-01-11 + 1 month = 2027-02-11
    Row(
        "PHASE1.DEADLINE",
        "meeting on the day",
        case(meeting("2027-02-11", "job_search")),
        "2027-03-01",
        None,
    ),
    Row(
        "PHASE1.DEADLINE",
        "meeting day after",
        case(meeting("2027-02-12", "job_search")),
        "2027-03-01",
        "violation",
    ),
    Row("PHASE1.DEADLINE", "open on the day", case(), "2027-02-11", "due", "2027-02-11"),
    Row(
        "PHASE1.DEADLINE",
        "month clamped",
        case(
            meeting("2027-02-28", "job_search"), first_meeting="2027-01-31", received="2027-01-20"
        ),
        "2027-03-05",
        None,
    ),
    Row(
        "PHASE1.DEADLINE",
        "month clamped, after",
        case(
            meeting("2027-03-01", "job_search"), first_meeting="2027-01-31", received="2027-01-20"
        ),
        "2027-03-05",
        "violation",
    ),
    Row(
        "PHASE1.DEADLINE",
        "sickness extends",
        case(
            ev("absence", from_="2027-01-20", to="2027-01-26", reason="sickness"),
            meeting("2027-02-18", "job_search"),
        ),
        "2027-03-01",
        None,
    ),
    Row(
        "PHASE1.DEADLINE",
        "sickness extends, after",
        case(
            ev("absence", from_="2027-01-20", to="2027-01-26", reason="sickness"),
            meeting("2027-02-19", "job_search"),
        ),
        "2027-03-01",
        "violation",
    ),
    # PHASE1.SICKNESS: 7..14 days extend (info), longer: contact Kela
    Row(
        "PHASE1.SICKNESS",
        "6 days",
        case(ev("absence", from_="2027-01-20", to="2027-01-25", reason="sickness")),
        "2027-03-01",
        None,
    ),
    Row(
        "PHASE1.SICKNESS",
        "7 days",
        case(ev("absence", from_="2027-01-20", to="2027-01-26", reason="sickness")),
        "2027-03-01",
        "info",
    ),
    Row(
        "PHASE1.SICKNESS",
        "14 days",
        case(ev("absence", from_="2027-01-20", to="2027-02-02", reason="sickness")),
        "2027-03-01",
        "info",
    ),
    Row(
        "PHASE1.SICKNESS",
        "15 days",
        case(ev("absence", from_="2027-01-20", to="2027-02-03", reason="sickness")),
        "2027-03-01",
        "action",
    ),
    Row(
        "PHASE1.SICKNESS",
        "remote possible",
        case(
            ev(
                "absence",
                from_="2027-01-20",
                to="2027-01-26",
                reason="sickness",
                could_participate_remotely=True,
            )
        ),
        "2027-03-01",
        None,
    ),
    # WORKPHASE.NOT_STARTED: phase-1 deadline 2027-02-11
    Row("WORKPHASE.NOT_STARTED", "on the day", case(), "2027-02-11", None),
    Row("WORKPHASE.NOT_STARTED", "day after", case(), "2027-02-12", "action"),
    Row("WORKPHASE.NOT_STARTED", "started on the day", case(*WP), "2027-03-01", None),
    Row(
        "WORKPHASE.NOT_STARTED",
        "started day after",
        case(*workplace_phase("2027-02-12")),
        "2027-03-01",
        "action",
    ),
    Row(
        "WORKPHASE.NOT_STARTED",
        "employer pause extends",
        case(ev("pause", from_="2027-02-11", to="2027-02-17", reason="employer_delay")),
        "2027-02-18",
        None,
    ),
    # NEWPLACE.DEADLINE (TK): trial ended 2027-03-10 -> new place by 2027-04-10
    Row(
        "NEWPLACE.DEADLINE",
        "new place on the day",
        case(
            ev("workplace", from_="2027-02-11", to="2027-03-10", kind="open_market"),
            ev("workplace", from_="2027-04-10", kind="open_market"),
        ),
        "2027-05-01",
        None,
    ),
    Row(
        "NEWPLACE.DEADLINE",
        "new place day after",
        case(
            ev("workplace", from_="2027-02-11", to="2027-03-10", kind="open_market"),
            ev("workplace", from_="2027-04-11", kind="open_market"),
        ),
        "2027-05-01",
        "violation",
    ),
    Row(
        "NEWPLACE.DEADLINE",
        "open on the day",
        case(ev("workplace", from_="2027-02-11", to="2027-03-10", kind="open_market")),
        "2027-04-10",
        "due",
        "2027-04-10",
    ),
    Row(
        "NEWPLACE.DEADLINE",
        "open day after",
        case(ev("workplace", from_="2027-02-11", to="2027-03-10", kind="open_market")),
        "2027-04-11",
        "violation",
    ),
    # TOTAL.DEADLINE: TK 5 months from 2027-01-11 = 2027-06-11; TV 13 months = 2028-02-11
    Row("TOTAL.DEADLINE", "TK day on the deadline", case(day("2027-06-11")), "2027-07-01", None),
    Row("TOTAL.DEADLINE", "TK day after", case(day("2027-06-12")), "2027-07-01", "violation"),
    Row(
        "TOTAL.DEADLINE",
        "TV on the deadline",
        case(meeting("2028-02-11", "workplace"), service="TV"),
        "2028-03-01",
        None,
    ),
    Row(
        "TOTAL.DEADLINE",
        "TV day after",
        case(meeting("2028-02-12", "workplace"), service="TV"),
        "2028-03-01",
        "violation",
    ),
    # TOTAL.AT_RISK: on Mon 2027-06-07, 5 working days left before 2027-06-11
    Row("TOTAL.AT_RISK", "5 left, 5 fit", case(granted_days=5), "2027-06-07", None),
    Row("TOTAL.AT_RISK", "6 left, 5 fit", case(granted_days=6), "2027-06-07", "warning"),
    # DAYS.EXCEEDED: granted 3
    Row(
        "DAYS.EXCEEDED",
        "at limit",
        case(day("2027-03-01"), day("2027-03-02"), day("2027-03-03"), granted_days=3),
        "2027-04-01",
        None,
    ),
    Row(
        "DAYS.EXCEEDED",
        "above limit",
        case(
            day("2027-03-01"),
            day("2027-03-02"),
            day("2027-03-03"),
            day("2027-03-04"),
            granted_days=3,
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "DAYS.EXCEEDED",
        "sick day not counted",
        case(
            day("2027-03-01"),
            day("2027-03-02"),
            day("2027-03-03"),
            day("2027-03-04"),
            ev("absence", from_="2027-03-04", to="2027-03-04", reason="sickness"),
            granted_days=3,
        ),
        "2027-04-01",
        None,
    ),
    # DAYS.ON_ABSENCE
    Row(
        "DAYS.ON_ABSENCE",
        "last day of sickness",
        case(
            day("2027-03-03"), ev("absence", from_="2027-03-01", to="2027-03-03", reason="sickness")
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "DAYS.ON_ABSENCE",
        "day after sickness",
        case(
            day("2027-03-04"), ev("absence", from_="2027-03-01", to="2027-03-03", reason="sickness")
        ),
        "2027-04-01",
        None,
    ),
    Row(
        "DAYS.ON_ABSENCE",
        "TV annual leave",
        case(
            day("2027-03-02"),
            ev("absence", from_="2027-03-01", to="2027-03-03", reason="annual_leave"),
            service="TV",
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "DAYS.ON_ABSENCE",
        "TK annual leave",
        case(
            day("2027-03-02"),
            ev("absence", from_="2027-03-01", to="2027-03-03", reason="annual_leave"),
        ),
        "2027-04-01",
        None,
    ),
    # DAY.LENGTH: versions switch on 2025-01-01
    Row("DAY.LENGTH", "6 h", case(day("2027-03-01", hours=6)), "2027-04-01", None),
    Row("DAY.LENGTH", "5.9 h", case(day("2027-03-01", hours=5.9)), "2027-04-01", "violation"),
    Row(
        "DAY.LENGTH",
        "6.5 h in 2024 (exactly 6)",
        case(day("2024-12-31", hours=6.5), received="2024-12-01", first_meeting="2024-12-10"),
        "2025-02-01",
        "violation",
    ),
    Row(
        "DAY.LENGTH",
        "6.5 h from 2025-01-01",
        case(day("2025-01-01", hours=6.5), received="2024-12-01", first_meeting="2024-12-10"),
        "2025-02-01",
        None,
    ),
    Row(
        "DAY.LENGTH",
        "4.9 h at workplace",
        case(*WP, day("2027-03-01", workplace_hours=4.9)),
        "2027-04-01",
        "violation",
    ),
    Row(
        "DAY.LENGTH",
        "5 h under flexibility",
        case(
            ev("flex", from_="2027-03-01", days_per_week=3, hours_per_day=4, reason="capacity"),
            day("2027-03-01", hours=5),
        ),
        "2027-04-01",
        None,
    ),
    # PAID_WORK.REQUIRED (TV)
    Row(
        "PAID_WORK.REQUIRED",
        "paid",
        case(*WP, day("2027-03-01", paid_work=True), service="TV"),
        "2027-04-01",
        None,
    ),
    Row(
        "PAID_WORK.REQUIRED",
        "unpaid",
        case(*WP, day("2027-03-01"), service="TV"),
        "2027-04-01",
        "violation",
    ),
    # MEETING.OFFICE
    Row("MEETING.OFFICE", "contract office", case(), "2027-02-01", None),
    Row(
        "MEETING.OFFICE",
        "other office",
        case(meeting("2027-01-12", office="Rauma, Kauppakatu 2")),
        "2027-02-01",
        "violation",
    ),
    # MEETING.MAX: TV at most 25 meetings; TK maxima not yet known
    Row(
        "MEETING.MAX",
        "TV 25",
        case(*(meeting(f"2027-02-{d:02d}", "job_search") for d in range(1, 25)), service="TV"),
        "2027-03-01",
        None,
    ),
    Row(
        "MEETING.MAX",
        "TV 26",
        case(*(meeting(f"2027-02-{d:02d}", "job_search") for d in range(1, 26)), service="TV"),
        "2027-03-01",
        "violation",
    ),
    Row(
        "MEETING.MAX",
        "TK 40 (unknown maxima)",
        case(
            *(meeting(f"2027-02-{d:02d}", "job_search") for d in range(1, 29)),
            *(meeting(f"2027-03-{d:02d}", "workplace") for d in range(1, 12)),
        ),
        "2027-04-01",
        None,
    ),
    # WORKPLACE.FIRST_MEETING: workplace phase 2027-02-11 + 3 days = 2027-02-14
    Row(
        "WORKPLACE.FIRST_MEETING",
        "on the day",
        case(*WP, meeting("2027-02-14", "workplace")),
        "2027-03-01",
        None,
    ),
    Row(
        "WORKPLACE.FIRST_MEETING",
        "day after",
        case(*WP, meeting("2027-02-15", "workplace")),
        "2027-03-01",
        "violation",
    ),
    Row("WORKPLACE.FIRST_MEETING", "open on the day", case(*WP), "2027-02-14", "due", "2027-02-14"),
    Row("WORKPLACE.FIRST_MEETING", "open day after", case(*WP), "2027-02-15", "violation"),
    # WORKPLACE.WEEKLY: phase starts Mon 2027-03-01; ISO weeks, not 7-day gaps
    Row(
        "WORKPLACE.WEEKLY",
        "every week, gap 8 days",
        case(*weekly("2027-03-01", ["2027-03-01", "2027-03-09", "2027-03-15"])),
        "2027-03-22",
        None,
    ),
    Row(
        "WORKPLACE.WEEKLY",
        "week missing",
        case(*weekly("2027-03-01", ["2027-03-01", "2027-03-15"])),
        "2027-03-22",
        "violation",
    ),
    Row(
        "WORKPLACE.WEEKLY",
        "week in a pause",
        case(
            *weekly("2027-03-01", ["2027-03-01", "2027-03-15"]),
            ev("pause", from_="2027-03-08", to="2027-03-14", reason="workplace_closed"),
        ),
        "2027-03-22",
        None,
    ),
    Row(
        "WORKPLACE.WEEKLY",
        "current week on Sunday",
        case(*weekly("2027-03-01", ["2027-03-01"])),
        "2027-03-14",
        None,
    ),
    Row(
        "WORKPLACE.WEEKLY",
        "week over on Monday",
        case(*weekly("2027-03-01", ["2027-03-01"])),
        "2027-03-15",
        "violation",
    ),
    # WORKPLACE.VIDEO
    Row(
        "WORKPLACE.VIDEO",
        "alternating",
        case(
            *weekly("2027-03-01", []),
            meeting("2027-03-01", "workplace", mode="video"),
            meeting("2027-03-08", "workplace"),
            meeting("2027-03-15", "workplace", mode="video"),
        ),
        "2027-03-20",
        None,
    ),
    Row(
        "WORKPLACE.VIDEO",
        "two in a row",
        case(
            *weekly("2027-03-01", []),
            meeting("2027-03-01", "workplace", mode="video"),
            meeting("2027-03-08", "workplace", mode="video"),
        ),
        "2027-03-20",
        "violation",
    ),
    # WORKPLACE.NOT_EXTERNAL
    Row("WORKPLACE.NOT_EXTERNAL", "open market", case(*WP), "2027-03-01", None),
    Row(
        "WORKPLACE.NOT_EXTERNAL",
        "provider premises",
        case(ev("workplace", from_="2027-02-11", kind="provider_premises")),
        "2027-03-01",
        "violation",
    ),
    Row(
        "WORKPLACE.NOT_EXTERNAL",
        "provider employer",
        case(ev("workplace", from_="2027-02-11", kind="open_market", provider_is_employer=True)),
        "2027-03-01",
        "violation",
    ),
    Row(
        "WORKPLACE.NOT_EXTERNAL",
        "organisation with prospect",
        case(ev("workplace", from_="2027-02-11", kind="organisation_paid_work_prospect")),
        "2027-03-01",
        None,
    ),
    # FINAL.DISCUSSION
    Row(
        "FINAL.DISCUSSION",
        "held",
        case(
            *WP,
            meeting("2027-04-15", "workplace", **FINAL),
            ev("end", date="2027-04-16", reason="completed"),
        ),
        "2027-04-20",
        None,
    ),
    Row(
        "FINAL.DISCUSSION",
        "missing",
        case(*WP, ev("end", date="2027-04-16", reason="completed")),
        "2027-04-20",
        "violation",
    ),
    Row(
        "FINAL.DISCUSSION",
        "59 minutes",
        case(
            *WP,
            meeting("2027-04-15", "workplace", **{**FINAL, "minutes": 59}),
            ev("end", date="2027-04-16", reason="completed"),
        ),
        "2027-04-20",
        "violation",
    ),
    Row(
        "FINAL.DISCUSSION",
        "by video",
        case(
            *WP,
            meeting("2027-04-15", "workplace", **{**FINAL, "mode": "video"}),
            ev("end", date="2027-04-16", reason="completed"),
        ),
        "2027-04-20",
        "violation",
    ),
    Row(
        "FINAL.DISCUSSION",
        "TK without employer",
        case(
            *WP,
            meeting("2027-04-15", "workplace", **{**FINAL, "employer_present": False}),
            ev("end", date="2027-04-16", reason="completed"),
        ),
        "2027-04-20",
        "violation",
    ),
    Row(
        "FINAL.DISCUSSION",
        "TV without employer",
        case(
            *WP,
            meeting("2027-04-15", "workplace", **{**FINAL, "employer_present": False}),
            ev("end", date="2027-04-16", reason="completed"),
            service="TV",
        ),
        "2027-04-20",
        None,
    ),
    # NETWORK.AT_END
    Row(
        "NETWORK.AT_END",
        "held",
        case(*END_OK, ev("end", date="2027-04-16", reason="completed")),
        "2027-04-20",
        None,
    ),
    Row(
        "NETWORK.AT_END",
        "missing",
        case(ev("end", date="2027-04-16", reason="completed")),
        "2027-04-20",
        "violation",
    ),
    # NETWORK.AT_INTERRUPTION: interrupted 2027-03-01 + 14 days = 2027-03-15
    Row(
        "NETWORK.AT_INTERRUPTION",
        "open on the day",
        case(ev("end", date="2027-03-01", reason="interrupted")),
        "2027-03-15",
        "due",
        "2027-03-15",
    ),
    Row(
        "NETWORK.AT_INTERRUPTION",
        "open day after",
        case(ev("end", date="2027-03-01", reason="interrupted")),
        "2027-03-16",
        "violation",
    ),
    Row(
        "NETWORK.AT_INTERRUPTION",
        "held on the day",
        case(
            ev("end", date="2027-03-01", reason="interrupted"),
            meeting("2027-03-15", "workplace", kind="network", place="network_premises"),
        ),
        "2027-03-20",
        None,
    ),
    Row(
        "NETWORK.AT_INTERRUPTION",
        "held day after",
        case(
            ev("end", date="2027-03-01", reason="interrupted"),
            meeting("2027-03-16", "workplace", kind="network", place="network_premises"),
        ),
        "2027-03-20",
        "violation",
    ),
    # FLEX.REASON, FLEX.MIN_DAYS
    Row(
        "FLEX.REASON",
        "capacity",
        case(ev("flex", from_="2027-03-01", days_per_week=3, reason="capacity")),
        "2027-03-10",
        None,
    ),
    Row(
        "FLEX.REASON",
        "workplace",
        case(ev("flex", from_="2027-03-01", days_per_week=3, reason="workplace")),
        "2027-03-10",
        "violation",
    ),
    Row(
        "FLEX.MIN_DAYS",
        "3 a week",
        case(ev("flex", from_="2027-03-01", days_per_week=3, reason="capacity")),
        "2027-03-10",
        None,
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 a week",
        case(ev("flex", from_="2027-03-01", days_per_week=2, reason="capacity")),
        "2027-03-10",
        "violation",
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 a week, no allowance",
        case(
            ev("flex", from_="2027-03-01", days_per_week=2, reason="capacity"),
            applies_allowance=False,
        ),
        "2027-03-10",
        None,
    ),
    # FLEX.MIN_DAYS, realised: whole finished ISO weeks under flexibility with 1-2 days
    Row(
        "FLEX.MIN_DAYS",
        "3 days in the week",
        case(FLEX_MARCH, day("2027-03-01"), day("2027-03-02"), day("2027-03-03")),
        "2027-03-10",
        None,
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 days, week not over",
        case(FLEX_MARCH, day("2027-03-01"), day("2027-03-02")),
        "2027-03-07",
        None,
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 days, week over",
        case(FLEX_MARCH, day("2027-03-01"), day("2027-03-02")),
        "2027-03-08",
        "violation",
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 days, sick on the third",
        case(
            FLEX_MARCH,
            day("2027-03-01"),
            day("2027-03-02"),
            ev("absence", from_="2027-03-03", to="2027-03-03", reason="sickness"),
        ),
        "2027-03-10",
        None,
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 days, week partly before the flexibility",
        case(
            ev("flex", from_="2027-03-02", to="2027-03-28", days_per_week=3, reason="capacity"),
            day("2027-03-03"),
            day("2027-03-04"),
        ),
        "2027-03-10",
        None,
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 days, no allowance",
        case(FLEX_MARCH, day("2027-03-01"), day("2027-03-02"), applies_allowance=False),
        "2027-03-10",
        None,
    ),
    # PAUSE.TOO_LONG: at most 21 days
    Row(
        "PAUSE.TOO_LONG",
        "21 days",
        case(ev("pause", from_="2027-03-01", to="2027-03-21", reason="workplace_closed")),
        "2027-04-01",
        None,
    ),
    Row(
        "PAUSE.TOO_LONG",
        "22 days",
        case(ev("pause", from_="2027-03-01", to="2027-03-22", reason="workplace_closed")),
        "2027-04-01",
        "violation",
    ),
    Row(
        "PAUSE.TOO_LONG",
        "TV employer delay",
        case(
            ev("pause", from_="2027-03-01", to="2027-04-15", reason="employer_delay"), service="TV"
        ),
        "2027-05-01",
        None,
    ),
    Row(
        "PAUSE.TOO_LONG",
        "open pause",
        case(ev("pause", from_="2027-03-01", reason="workplace_closed")),
        "2027-03-10",
        "due",
        "2027-03-21",
    ),
    # PAUSE.TOO_MANY: TK 1, TV 2
    Row(
        "PAUSE.TOO_MANY",
        "TK 1",
        case(ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed")),
        "2027-05-01",
        None,
    ),
    Row(
        "PAUSE.TOO_MANY",
        "TK 2",
        case(
            ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
            ev("pause", from_="2027-04-01", to="2027-04-05", reason="workplace_closed"),
        ),
        "2027-05-01",
        "violation",
    ),
    Row(
        "PAUSE.TOO_MANY",
        "TV 2",
        case(
            ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
            ev("pause", from_="2027-04-01", to="2027-04-05", reason="workplace_closed"),
            service="TV",
        ),
        "2027-05-01",
        None,
    ),
    Row(
        "PAUSE.TOO_MANY",
        "2nd pause after on",
        case(
            ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
            ev("pause", from_="2027-04-01", to="2027-04-05", reason="workplace_closed"),
        ),
        "2027-03-31",
        None,
    ),
    # PAUSE.REASON
    Row(
        "PAUSE.REASON",
        "workplace closed",
        case(ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed")),
        "2027-04-01",
        None,
    ),
    Row(
        "PAUSE.REASON",
        "client's own",
        case(ev("pause", from_="2027-03-01", to="2027-03-05", reason="client_own")),
        "2027-04-01",
        "violation",
    ),
    Row(
        "PAUSE.REASON",
        "employment ended in TK",
        case(ev("pause", from_="2027-03-01", to="2027-03-05", reason="employment_ended")),
        "2027-04-01",
        "violation",
    ),
    Row(
        "PAUSE.REASON",
        "awaiting replies before deadline",
        case(ev("pause", from_="2027-02-10", to="2027-02-20", reason="awaiting_employer_replies")),
        "2027-04-01",
        "violation",
    ),
    Row(
        "PAUSE.REASON",
        "awaiting replies on deadline",
        case(ev("pause", from_="2027-02-11", to="2027-02-20", reason="awaiting_employer_replies")),
        "2027-04-01",
        None,
    ),
    # CERT.MISSING: a realised day without certificate is due for 14 days
    Row(
        "CERT.MISSING",
        "on the 14th day",
        case(day("2027-03-01"), first_meeting=None),
        "2027-03-15",
        "due",
        "2027-03-15",
    ),
    Row(
        "CERT.MISSING",
        "day after",
        case(day("2027-03-01"), first_meeting=None),
        "2027-03-16",
        "violation",
    ),
    Row(
        "CERT.MISSING",
        "covered",
        case(
            day("2027-03-01"),
            ev("certificate", date="2027-03-20", from_="2027-03-01", to="2027-03-20", **CERT),
            first_meeting=None,
        ),
        "2027-04-01",
        None,
    ),
    Row(
        "CERT.MISSING",
        "no allowance",
        case(day("2027-03-01"), first_meeting=None, applies_allowance=False),
        "2027-04-01",
        None,
    ),
    # CERT.AUTHOR, CERT.REASONS, CERT.STALE
    Row(
        "CERT.AUTHOR",
        "named",
        case(ev("certificate", date="2027-02-10", from_="2027-01-11", to="2027-02-10", **CERT)),
        "2027-03-01",
        None,
    ),
    Row(
        "CERT.AUTHOR",
        "no phone",
        case(
            ev(
                "certificate",
                date="2027-02-10",
                from_="2027-01-11",
                to="2027-02-10",
                author_name="V",
            )
        ),
        "2027-03-01",
        "violation",
    ),
    Row(
        "CERT.REASONS",
        "stated",
        case(
            ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
            ev("certificate", date="2027-03-31", from_="2027-03-01", to="2027-03-31", **CERT),
        ),
        "2027-04-01",
        None,
    ),
    Row(
        "CERT.REASONS",
        "not stated",
        case(
            ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
            ev(
                "certificate",
                date="2027-03-31",
                from_="2027-03-01",
                to="2027-03-31",
                states_reasons=False,
                **CERT,
            ),
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "CERT.STALE",
        "certified before the absence",
        case(
            ev(
                "certificate",
                date="2027-03-01",
                from_="2027-03-01",
                to="2027-03-31",
                includes_future=True,
                **CERT,
            ),
            ev("absence", from_="2027-03-10", to="2027-03-12", reason="sickness"),
        ),
        "2027-03-20",
        "action",
    ),
    Row(
        "CERT.STALE",
        "reissued",
        case(
            ev(
                "certificate",
                date="2027-03-01",
                from_="2027-03-01",
                to="2027-03-31",
                includes_future=True,
                **CERT,
            ),
            ev("absence", from_="2027-03-10", to="2027-03-12", reason="sickness"),
            ev(
                "certificate",
                date="2027-03-12",
                from_="2027-03-01",
                to="2027-03-31",
                includes_future=True,
                **CERT,
            ),
        ),
        "2027-03-20",
        None,
    ),
    # KELA.NOTIFY
    Row(
        "KELA.NOTIFY",
        "pause not reported",
        case(*WP, ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed")),
        "2027-04-01",
        "action",
    ),
    Row(
        "KELA.NOTIFY",
        "pause reported",
        case(
            *WP,
            ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
            ev("kela_notice", date="2027-03-01", topic="pause"),
        ),
        "2027-04-01",
        None,
    ),
    Row(
        "KELA.NOTIFY",
        "sickness 14 days",
        case(*WP, ev("absence", from_="2027-03-01", to="2027-03-14", reason="sickness")),
        "2027-04-01",
        None,
    ),
    Row(
        "KELA.NOTIFY",
        "sickness 15 days",
        case(*WP, ev("absence", from_="2027-03-01", to="2027-03-15", reason="sickness")),
        "2027-04-01",
        "action",
    ),
    # FEEDBACK.DEADLINE: end 2027-04-16 + 14 days = 2027-04-30
    Row(
        "FEEDBACK.DEADLINE",
        "sent on the day",
        case(
            ev("end", date="2027-04-16", reason="completed"),
            ev("feedback", date="2027-04-30", kind="full"),
        ),
        "2027-05-10",
        None,
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "sent day after",
        case(
            ev("end", date="2027-04-16", reason="completed"),
            ev("feedback", date="2027-05-01", kind="full"),
        ),
        "2027-05-10",
        "violation",
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "open on the day",
        case(ev("end", date="2027-04-16", reason="completed")),
        "2027-04-30",
        "due",
        "2027-04-30",
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "open day after",
        case(ev("end", date="2027-04-16", reason="completed")),
        "2027-05-01",
        "violation",
    ),
    # FEEDBACK.SICKNESS_NOTE
    Row(
        "FEEDBACK.SICKNESS_NOTE",
        "mentioned",
        case(
            ev("absence", from_="2027-01-20", to="2027-01-26", reason="sickness"),
            ev("feedback", date="2027-05-01", kind="full", mentions_sickness_extension=True),
        ),
        "2027-05-10",
        None,
    ),
    Row(
        "FEEDBACK.SICKNESS_NOTE",
        "not mentioned",
        case(
            ev("absence", from_="2027-01-20", to="2027-01-26", reason="sickness"),
            ev("feedback", date="2027-05-01", kind="full"),
        ),
        "2027-05-10",
        "violation",
    ),
    # BILLING.NOT_BILLABLE, BILLING.MEALS
    Row(
        "BILLING.NOT_BILLABLE",
        "ordinary day",
        case(day("2027-03-04"), ev("invoice_line", date="2027-03-04", price_type=1)),
        "2027-04-01",
        None,
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "sickness day",
        case(
            ev("absence", from_="2027-03-01", to="2027-03-03", reason="sickness"),
            ev("invoice_line", date="2027-03-03", price_type=1),
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "beyond granted",
        case(
            day("2027-03-01"),
            day("2027-03-02"),
            ev("invoice_line", date="2027-03-02", price_type=1),
            granted_days=1,
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "day with a meeting only",
        case(meeting("2027-03-04"), ev("invoice_line", date="2027-03-04", price_type=1)),
        "2027-04-01",
        None,
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "day after the recorded day",
        case(day("2027-03-04"), ev("invoice_line", date="2027-03-05", price_type=1)),
        "2027-04-01",
        "violation",
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "day before the recorded day",
        case(day("2027-03-04"), ev("invoice_line", date="2027-03-03", price_type=1)),
        "2027-04-01",
        "violation",
    ),
    Row(
        "BILLING.MEALS",
        "TK workplace phase",
        case(*WP, day("2027-03-01"), ev("invoice_line", date="2027-03-01", price_type=8)),
        "2027-04-01",
        None,
    ),
    Row(
        "BILLING.MEALS",
        "TK before workplace phase",
        case(*WP, ev("invoice_line", date="2027-02-10", price_type=8)),
        "2027-04-01",
        "violation",
    ),
    Row(
        "BILLING.MEALS",
        "TK paid work",
        case(
            *WP,
            day("2027-03-01", paid_work=True),
            ev("invoice_line", date="2027-03-01", price_type=8),
        ),
        "2027-04-01",
        "violation",
    ),
    Row(
        "BILLING.MEALS",
        "TV never",
        case(
            *WP,
            day("2027-03-01", paid_work=True),
            ev("invoice_line", date="2027-03-01", price_type=8),
            service="TV",
        ),
        "2027-04-01",
        "violation",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}: {r.label}" for r in ROWS])
def test_boundary(row: Row) -> None:
    check_row(row)


def test_every_tk_tv_rule_has_boundary_rows() -> None:
    from luotsi.rules.registry import RULES
    from luotsi.rules.services import TK_RULES, TV_RULES
    from tests.rules.test_round2 import ROWS as ROUND2_ROWS

    ids = {RULES[f].id for f in (*TK_RULES, *TV_RULES)}
    assert ids <= {r.rule for r in (*ROWS, *ROUND2_ROWS)}


def test_kela_agreement_turns_violation_into_info() -> None:
    pauses = [
        ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
        ev("pause", from_="2027-04-01", to="2027-04-05", reason="workplace_closed"),
    ]
    agreed = ev("kela_agreement", date="2027-03-25", rule="PAUSE.TOO_MANY", reason="agreed")
    plain = evaluate(parse_case(case(*pauses)), date(2027, 5, 1))
    with_agreement = evaluate(parse_case(case(*pauses, agreed)), date(2027, 5, 1))
    assert ("PAUSE.TOO_MANY", "violation") in {(f.rule, f.severity) for f in plain.findings}
    mine = [f for f in with_agreement.findings if f.rule == "PAUSE.TOO_MANY"]
    assert [f.severity for f in mine] == ["info"]
    assert "Agreed deviation" in mine[0].message("en")
