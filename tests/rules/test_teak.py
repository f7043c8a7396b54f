"""Boundary tables for the TEAK rules (TEAK-TK, TEAK-TV, TEAK-YHD; seed 004).

Decision received 2027-01-04 and first meeting 2027-01-11 unless a row says otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from luotsi.rules import calendar as cal
from luotsi.rules import evaluate, parse_case
from luotsi.rules.registry import RULES
from luotsi.rules.services import TEAK_RULES
from tests.rules.builders import Row, case, check_row, day, ev, meeting


def teak(*events: dict[str, Any], service: str = "TEAK-TV", **kw: Any) -> dict[str, Any]:
    kw.setdefault("applies_allowance", False)
    return case(*events, service=service, **kw)


def workdays(start: str, count: int, **fields: Any) -> list[dict[str, Any]]:
    """``count`` rehabilitation days on consecutive working days from ``start``."""
    out: list[dict[str, Any]] = []
    current = date.fromisoformat(start)
    while len(out) < count:
        if cal.is_working_day(current):
            out.append(day(current.isoformat(), **fields))
        current += timedelta(days=1)
    return out


PRE = ev("precontact", date="2027-01-05")
CERT = {"author_name": "V. Virtanen", "author_phone": "+358 40 1"}
REMOTE = {"mode": "video", "place": None, "office": None}

ROWS = [
    # PRECONTACT.DEADLINE: 2027-01-04 + 14 = 2027-01-18
    Row(
        "PRECONTACT.DEADLINE",
        "day before",
        teak(ev("precontact", date="2027-01-17")),
        "2027-02-01",
        None,
    ),
    Row(
        "PRECONTACT.DEADLINE",
        "on the day",
        teak(ev("precontact", date="2027-01-18")),
        "2027-02-01",
        None,
    ),
    Row(
        "PRECONTACT.DEADLINE",
        "day after",
        teak(ev("precontact", date="2027-01-19")),
        "2027-02-01",
        "violation",
    ),
    Row("PRECONTACT.DEADLINE", "open on the day", teak(), "2027-01-18", "due", "2027-01-18"),
    Row("PRECONTACT.DEADLINE", "open day after", teak(), "2027-01-19", "violation"),
    # START.DEADLINE (TEAK): 2027-01-04 + 28 = 2027-02-01, first rehabilitation day
    Row("START.DEADLINE", "day before", teak(first_meeting="2027-01-31"), "2027-03-01", None),
    Row("START.DEADLINE", "on the day", teak(first_meeting="2027-02-01"), "2027-03-01", None),
    Row("START.DEADLINE", "day after", teak(first_meeting="2027-02-02"), "2027-03-01", "violation"),
    Row(
        "START.DEADLINE",
        "rehab day counts",
        teak(day("2027-02-01"), first_meeting="2027-02-05"),
        "2027-03-01",
        None,
    ),
    Row(
        "START.DEADLINE",
        "open on the day",
        teak(first_meeting=None),
        "2027-02-01",
        "due",
        "2027-02-01",
    ),
    Row("START.DEADLINE", "open day after", teak(first_meeting=None), "2027-02-02", "violation"),
    Row(
        "START.DEADLINE",
        "agreed postponement",
        teak(
            ev("kela_agreement", date="2027-01-20", rule="START.DEADLINE"),
            first_meeting="2027-02-10",
        ),
        "2027-03-01",
        "info",
    ),
    # QUEUE.NOTIFY (TEAK): 28-day deadline, raised 3 days before
    Row("QUEUE.NOTIFY", "4 days away", teak(first_meeting=None), "2027-01-28", None),
    Row("QUEUE.NOTIFY", "3 days away", teak(first_meeting=None), "2027-01-29", "action"),
    Row(
        "QUEUE.NOTIFY",
        "notified",
        teak(ev("kela_notice", date="2027-01-20"), first_meeting=None),
        "2027-01-29",
        None,
    ),
    # TOTAL.DEADLINE: TEAK-TV 5 months from 2027-01-11 = 2027-06-11; TEAK-YHD 10 months
    Row("TOTAL.DEADLINE", "TV on the day", teak(day("2027-06-11")), "2027-07-01", None),
    Row("TOTAL.DEADLINE", "TV day after", teak(day("2027-06-14")), "2027-07-01", "violation"),
    Row(
        "TOTAL.DEADLINE",
        "TK day after",
        teak(meeting("2027-06-12"), service="TEAK-TK"),
        "2027-07-01",
        "violation",
    ),
    Row(
        "TOTAL.DEADLINE",
        "YHD on the day",
        teak(meeting("2027-11-11"), service="TEAK-YHD"),
        "2027-12-01",
        None,
    ),
    Row(
        "TOTAL.DEADLINE",
        "YHD day after",
        teak(meeting("2027-11-12"), service="TEAK-YHD"),
        "2027-12-01",
        "violation",
    ),
    Row(
        "TOTAL.DEADLINE",
        "from the first rehabilitation day",
        teak(day("2027-01-08"), meeting("2027-06-09"), first_meeting="2027-01-11"),
        "2027-07-01",
        "violation",
    ),
    # DAYS.EXCEEDED: TEAK-TV 60, TEAK-YHD 120, the decision overrides
    Row("DAYS.EXCEEDED", "TV 59", teak(*workdays("2027-01-11", 59)), "2027-06-01", None),
    Row("DAYS.EXCEEDED", "TV 60", teak(*workdays("2027-01-11", 60)), "2027-06-01", None),
    Row("DAYS.EXCEEDED", "TV 61", teak(*workdays("2027-01-11", 61)), "2027-06-01", "violation"),
    Row(
        "DAYS.EXCEEDED",
        "YHD 120",
        teak(*workdays("2027-01-11", 120), service="TEAK-YHD"),
        "2027-09-01",
        None,
    ),
    Row(
        "DAYS.EXCEEDED",
        "YHD 121",
        teak(*workdays("2027-01-11", 121), service="TEAK-YHD"),
        "2027-09-01",
        "violation",
    ),
    Row(
        "DAYS.EXCEEDED",
        "decision 30, 31 days",
        teak(*workdays("2027-01-11", 31), granted_days=30),
        "2027-06-01",
        "violation",
    ),
    Row("DAYS.EXCEEDED", "TEAK-TK unknown", teak(service="TEAK-TK"), "2027-06-01", "info"),
    # DAY.LENGTH (TEAK): average >= 6 h, of which >= 5 h programme or work; warning
    Row(
        "DAY.LENGTH",
        "average 6 h",
        teak(day("2027-01-12", hours=5), day("2027-01-13", hours=7)),
        "2027-02-01",
        None,
    ),
    Row(
        "DAY.LENGTH",
        "average 5.75 h",
        teak(day("2027-01-12", hours=5, workplace_hours=5), day("2027-01-13", hours=6.5)),
        "2027-02-01",
        "warning",
    ),
    Row(
        "DAY.LENGTH",
        "average 6.25 h",
        teak(day("2027-01-12", hours=6.5), day("2027-01-13", hours=6)),
        "2027-02-01",
        None,
    ),
    Row(
        "DAY.LENGTH",
        "programme 4.5 h",
        teak(day("2027-01-12", workplace_hours=4), day("2027-01-13", workplace_hours=5)),
        "2027-02-01",
        "warning",
    ),
    Row(
        "DAY.LENGTH",
        "flex days not counted",
        teak(
            ev("flex", from_="2027-01-12", to="2027-01-12", reason="client"),
            day("2027-01-12", hours=3),
        ),
        "2027-02-01",
        None,
    ),
    # DAY.WEEKDAYS: Saturday fine, Sunday and public holiday flagged
    Row("DAY.WEEKDAYS", "Saturday", teak(day("2027-01-16")), "2027-02-01", None),
    Row("DAY.WEEKDAYS", "Sunday", teak(day("2027-01-17")), "2027-02-01", "warning"),
    Row(
        "DAY.WEEKDAYS",
        "Epiphany",
        teak(day("2027-01-06"), first_meeting="2027-01-05"),
        "2027-02-01",
        "warning",
    ),
    Row("DAY.WEEKDAYS", "Monday", teak(day("2027-01-18")), "2027-02-01", None),
    # FLEX.REASON (TEAK): client-side reasons allowed, workplace not
    Row(
        "FLEX.REASON",
        "client",
        teak(ev("flex", from_="2027-02-01", reason="client")),
        "2027-03-01",
        None,
    ),
    Row(
        "FLEX.REASON",
        "capacity",
        teak(ev("flex", from_="2027-02-01", reason="capacity")),
        "2027-03-01",
        None,
    ),
    Row(
        "FLEX.REASON",
        "workplace",
        teak(ev("flex", from_="2027-02-01", reason="workplace")),
        "2027-03-01",
        "violation",
    ),
    Row("FLEX.REASON", "missing", teak(ev("flex", from_="2027-02-01")), "2027-03-01", "warning"),
    # FLEX.MIN_DAYS: >= 3 days a week for allowance applicants
    Row(
        "FLEX.MIN_DAYS",
        "3 days",
        teak(
            ev("flex", from_="2027-02-01", days_per_week=3, reason="client"), applies_allowance=True
        ),
        "2027-03-01",
        None,
    ),
    Row(
        "FLEX.MIN_DAYS",
        "2 days",
        teak(
            ev("flex", from_="2027-02-01", days_per_week=2, reason="client"), applies_allowance=True
        ),
        "2027-03-01",
        "violation",
    ),
    # PAUSE.TOO_LONG: 21 days; longer when the employer can start only later
    Row(
        "PAUSE.TOO_LONG",
        "21 days",
        teak(ev("pause", from_="2027-02-01", to="2027-02-21", interim_tasks=True)),
        "2027-03-01",
        None,
    ),
    Row(
        "PAUSE.TOO_LONG",
        "22 days",
        teak(ev("pause", from_="2027-02-01", to="2027-02-22", interim_tasks=True)),
        "2027-03-01",
        "violation",
    ),
    Row(
        "PAUSE.TOO_LONG",
        "22 days, employer delay",
        teak(
            ev("pause", from_="2027-02-01", to="2027-02-22", reason="employer_delay"),
            service="TEAK-TK",
        ),
        "2027-03-01",
        None,
    ),
    # PAUSE.NO_TASKS
    Row(
        "PAUSE.NO_TASKS",
        "tasks",
        teak(ev("pause", from_="2027-02-01", to="2027-02-05", interim_tasks=True)),
        "2027-03-01",
        None,
    ),
    Row(
        "PAUSE.NO_TASKS",
        "no tasks",
        teak(ev("pause", from_="2027-02-01", to="2027-02-05")),
        "2027-03-01",
        "warning",
    ),
    # INDEPENDENT.*: only TEAK-TV, first decision, <= 10, planned, coach contact
    Row(
        "INDEPENDENT.NOT_ALLOWED",
        "TEAK-TV first",
        teak(day("2027-01-12", independent=True)),
        "2027-02-01",
        None,
    ),
    Row(
        "INDEPENDENT.NOT_ALLOWED",
        "TEAK-YHD",
        teak(day("2027-01-12", independent=True), service="TEAK-YHD"),
        "2027-02-01",
        "violation",
    ),
    Row(
        "INDEPENDENT.NOT_ALLOWED",
        "TEAK-TK",
        teak(day("2027-01-12", independent=True), service="TEAK-TK"),
        "2027-02-01",
        "violation",
    ),
    Row(
        "INDEPENDENT.TOO_MANY",
        "9",
        teak(*workdays("2027-01-12", 9, independent=True)),
        "2027-03-01",
        None,
    ),
    Row(
        "INDEPENDENT.TOO_MANY",
        "10",
        teak(*workdays("2027-01-12", 10, independent=True)),
        "2027-03-01",
        None,
    ),
    Row(
        "INDEPENDENT.TOO_MANY",
        "11",
        teak(*workdays("2027-01-12", 11, independent=True)),
        "2027-03-01",
        "violation",
    ),
    Row(
        "INDEPENDENT.NOT_PLANNED",
        "planned",
        teak(day("2027-01-12", independent=True)),
        "2027-02-01",
        None,
    ),
    Row(
        "INDEPENDENT.NOT_PLANNED",
        "not planned",
        teak(day("2027-01-12", independent=True, planned_in_advance=False)),
        "2027-02-01",
        "violation",
    ),
    Row(
        "INDEPENDENT.NO_CONTACT",
        "contact",
        teak(day("2027-01-12", independent=True)),
        "2027-02-01",
        None,
    ),
    Row(
        "INDEPENDENT.NO_CONTACT",
        "no contact",
        teak(day("2027-01-12", independent=True, coach_contact=False)),
        "2027-02-01",
        "violation",
    ),
    # MEETING.REMOTE_ONLY: checked at the end
    Row(
        "MEETING.REMOTE_ONLY",
        "remote only, ended",
        teak(
            meeting("2027-01-11", **REMOTE),
            ev("end", date="2027-03-01", reason="completed"),
            first_meeting=None,
        ),
        "2027-03-02",
        "violation",
    ),
    Row(
        "MEETING.REMOTE_ONLY",
        "remote only, running",
        teak(meeting("2027-01-11", **REMOTE), first_meeting=None),
        "2027-03-02",
        None,
    ),
    Row(
        "MEETING.REMOTE_ONLY",
        "one face to face",
        teak(meeting("2027-02-11", **REMOTE), ev("end", date="2027-03-01", reason="completed")),
        "2027-03-02",
        None,
    ),
    # FEEDBACK.DEADLINE: end 2027-03-01 + 14 = 2027-03-15
    Row(
        "FEEDBACK.DEADLINE",
        "on the day",
        teak(ev("end", date="2027-03-01"), ev("feedback", date="2027-03-15")),
        "2027-04-01",
        None,
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "day after",
        teak(ev("end", date="2027-03-01"), ev("feedback", date="2027-03-16")),
        "2027-04-01",
        "violation",
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "open on the day",
        teak(ev("end", date="2027-03-01")),
        "2027-03-15",
        "due",
        "2027-03-15",
    ),
    # CERT.*: allowance applicants; 14 days' grace
    Row(
        "CERT.MISSING",
        "on the day",
        teak(applies_allowance=True),
        "2027-01-25",
        "due",
        "2027-01-25",
    ),
    Row("CERT.MISSING", "day after", teak(applies_allowance=True), "2027-01-26", "violation"),
    Row("CERT.MISSING", "no allowance", teak(), "2027-01-26", None),
    Row(
        "CERT.MISSING",
        "covered",
        teak(
            ev("certificate", date="2027-01-20", from_="2027-01-11", to="2027-01-20", **CERT),
            applies_allowance=True,
        ),
        "2027-01-26",
        None,
    ),
    Row(
        "CERT.AUTHOR",
        "named",
        teak(ev("certificate", date="2027-01-20", **CERT)),
        "2027-02-01",
        None,
    ),
    Row(
        "CERT.AUTHOR",
        "no phone",
        teak(ev("certificate", date="2027-01-20", author_name="V")),
        "2027-02-01",
        "violation",
    ),
    Row(
        "CERT.REASONS",
        "pause not explained",
        teak(
            ev("pause", from_="2027-01-13", to="2027-01-15", interim_tasks=True),
            ev(
                "certificate",
                date="2027-01-20",
                from_="2027-01-11",
                to="2027-01-20",
                states_reasons=False,
                **CERT,
            ),
        ),
        "2027-02-01",
        "violation",
    ),
    Row(
        "CERT.STALE",
        "absence after the certificate",
        teak(
            ev(
                "certificate",
                date="2027-01-12",
                from_="2027-01-11",
                to="2027-01-31",
                includes_future=True,
                **CERT,
            ),
            ev("absence", from_="2027-01-20", to="2027-01-22", reason="sickness"),
        ),
        "2027-02-01",
        "action",
    ),
    # KELA.NOTIFY: pause notified or not; TEAK has no workplace-phase trigger
    Row(
        "KELA.NOTIFY",
        "pause",
        teak(ev("pause", from_="2027-02-01", to="2027-02-05")),
        "2027-03-01",
        "action",
    ),
    Row(
        "KELA.NOTIFY",
        "pause notified",
        teak(
            ev("pause", from_="2027-02-01", to="2027-02-05"), ev("kela_notice", date="2027-02-01")
        ),
        "2027-03-01",
        None,
    ),
    Row("KELA.NOTIFY", "no workplace phase in TEAK", teak(PRE), "2027-04-01", None),
    # TOTAL.AT_RISK, DAYS.ON_ABSENCE, BILLING.NOT_BILLABLE as in TK/TV
    Row("TOTAL.AT_RISK", "60 days left, 10 weeks", teak(), "2027-04-01", "warning"),
    Row("TOTAL.AT_RISK", "60 days left, time enough", teak(), "2027-02-01", None),
    Row(
        "DAYS.ON_ABSENCE",
        "day inside sickness",
        teak(
            ev("absence", from_="2027-01-12", to="2027-01-13", reason="sickness"), day("2027-01-13")
        ),
        "2027-02-01",
        "violation",
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "advance contact billed",
        teak(ev("precontact", date="2027-01-08"), ev("invoice_line", date="2027-01-08")),
        "2027-02-01",
        None,
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "nothing recorded that day",
        teak(ev("invoice_line", date="2027-01-09")),
        "2027-02-01",
        "violation",
    ),
    Row(
        "BILLING.NOT_BILLABLE",
        "sickness billed",
        teak(
            ev("absence", from_="2027-01-12", to="2027-01-13", reason="sickness"),
            ev("invoice_line", date="2027-01-13"),
        ),
        "2027-02-01",
        "violation",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}: {r.label}" for r in ROWS])
def test_teak_boundary(row: Row) -> None:
    check_row(row)


def test_every_teak_rule_has_boundary_rows() -> None:
    from tests.rules.test_round2 import ROWS as ROUND2_ROWS

    ids = {RULES[f].id for f in TEAK_RULES}
    assert ids <= {r.rule for r in (*ROWS, *ROUND2_ROWS)}


@pytest.mark.parametrize("service", ["TEAK-TK", "TEAK-TV", "TEAK-YHD"])
def test_teak_is_fully_implemented(service: str) -> None:
    result = evaluate(parse_case(teak(PRE, service=service)), date(2027, 2, 1))
    assert "ENGINE.NOT_IMPLEMENTED" not in {f.rule for f in result.findings}
