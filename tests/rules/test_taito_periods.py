"""Boundary tables for the Taito start, group, practice-visit, phone, sickness and follow-up
report rules (seed 003). Start group weeks: Mon-Thu 2027-01-18, Tue-Fri 2027-01-26,
Mon-Thu 2027-02-01; work practice from 2027-02-08."""

from __future__ import annotations

from typing import Any

import pytest

from luotsi.rules.registry import RULES
from luotsi.rules.taito_periods import (
    followup_feedback,
    group_period,
    practice_start,
    practice_visits,
    sickness,
    start_visits,
    weekly_phone,
)
from tests.rules.builders import Row, case, check_row, day, ev, meeting

GROUP = ["2027-01-18", "2027-01-19", "2027-01-20", "2027-01-21"]
GROUP += ["2027-01-26", "2027-01-27", "2027-01-28", "2027-01-29"]
GROUP += ["2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04"]


def taito(
    *events: dict[str, Any],
    group: list[str] = GROUP,
    practice: str | None = "2027-02-08",
    **kw: Any,
) -> dict[str, Any]:
    extra = [day(d, group=True) for d in group]
    if practice:
        extra.append(ev("phase", date=practice, phase="practice"))
    data = case(*extra, *events, service="TAITO", applies_allowance=False, **kw)
    data["client"]["birth_date"] = "1990-01-01"
    data["decision"]["medical_statement_b"] = True
    return data


DEEP = ev("phase", date="2027-05-10", phase="deepening")
WP = {"place": "workplace", "employer_present": True, "kind": "workplace_visit"}
VID = {"mode": "video", "place": None, "office": None}


def visits(
    workplace: int = 4, employer: int = 4, network: int = 1, other: int = 3
) -> list[dict[str, Any]]:
    out = []
    for i in range(workplace):
        out.append(
            meeting(f"2027-03-{i + 1:02d}", "practice", **{**WP, "employer_present": i < employer})
        )
    out += [meeting(f"2027-04-{i + 1:02d}", "practice", **VID) for i in range(other)]
    out += [meeting(f"2027-04-2{i}", "practice", kind="network", **VID) for i in range(network)]
    return out


def followups(*dates: str) -> list[dict[str, Any]]:
    return [meeting(d, "followup") for d in dates]


def sick(start: str, end: str) -> dict[str, Any]:
    return ev("absence", from_=start, to=end, reason="sickness")


ROWS = [
    Row("TAITO.START_VISITS", "1 visit, 12 group days", taito(), "2027-03-01", None),
    Row("TAITO.START_VISITS", "no visit", taito(first_meeting=None), "2027-03-01", "violation"),
    Row(
        "TAITO.START_VISITS",
        "5 visits",
        taito(
            *(
                meeting(f"2027-01-1{i}", "start", kind="individual", place="other")
                for i in range(2, 6)
            )
        ),
        "2027-03-01",
        None,
    ),
    Row(
        "TAITO.START_VISITS",
        "6 visits",
        taito(
            *(
                meeting(f"2027-01-1{i}", "start", kind="individual", place="other")
                for i in range(2, 7)
            )
        ),
        "2027-03-01",
        "violation",
    ),
    Row("TAITO.START_VISITS", "11 group days", taito(group=GROUP[:-1]), "2027-03-01", "violation"),
    Row(
        "TAITO.START_VISITS",
        "practice not started",
        taito(first_meeting=None, practice=None),
        "2027-03-01",
        None,
    ),
    Row("TAITO.GROUP_PERIOD", "Mon-Thu, Tue-Fri, Mon-Thu", taito(), "2027-03-01", None),
    Row(
        "TAITO.GROUP_PERIOD",
        "Mon, Tue, Wed, Fri",
        taito(group=[*GROUP[:3], "2027-01-22", *GROUP[4:]]),
        "2027-03-01",
        "violation",
    ),
    Row(
        "TAITO.GROUP_PERIOD",
        "Wed-Sat",
        taito(group=["2027-01-20", "2027-01-21", "2027-01-22", "2027-01-23", *GROUP[4:]]),
        "2027-03-01",
        "violation",
    ),
    Row(
        "TAITO.GROUP_PERIOD",
        "a week between",
        taito(
            group=[*GROUP[:8], "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"],
            practice="2027-02-15",
        ),
        "2027-03-01",
        "violation",
    ),
    Row(
        "TAITO.GROUP_PERIOD",
        "week still running",
        taito(group=GROUP[:2], practice=None),
        "2027-01-20",
        None,
    ),
    Row("TAITO.PRACTICE_START", "14 days after", taito(practice="2027-02-18"), "2027-03-01", None),
    Row(
        "TAITO.PRACTICE_START",
        "15 days after",
        taito(practice="2027-02-19"),
        "2027-03-01",
        "warning",
    ),
    Row("TAITO.PRACTICE_VISITS", "8 visits", taito(*visits(), DEEP), "2027-06-01", None),
    Row(
        "TAITO.PRACTICE_VISITS",
        "7 visits",
        taito(*visits(other=2), DEEP),
        "2027-06-01",
        "violation",
    ),
    Row("TAITO.PRACTICE_VISITS", "12 visits", taito(*visits(other=7), DEEP), "2027-06-01", None),
    Row(
        "TAITO.PRACTICE_VISITS",
        "13 visits",
        taito(*visits(other=8), DEEP),
        "2027-06-01",
        "violation",
    ),
    Row(
        "TAITO.PRACTICE_VISITS",
        "3 at the workplace",
        taito(*visits(workplace=3, other=4), DEEP),
        "2027-06-01",
        "violation",
    ),
    Row(
        "TAITO.PRACTICE_VISITS",
        "employer at 3",
        taito(*visits(employer=3), DEEP),
        "2027-06-01",
        "violation",
    ),
    Row(
        "TAITO.PRACTICE_VISITS",
        "no network",
        taito(*visits(network=0, other=4), DEEP),
        "2027-06-01",
        "violation",
    ),
    Row("TAITO.PRACTICE_VISITS", "practice running", taito(), "2027-06-01", None),
    Row(
        "TAITO.WEEKLY_PHONE",
        "both weeks phoned",
        taito(
            day("2027-02-09"),
            day("2027-02-16"),
            meeting("2027-02-09", "practice", kind="phone_contact", mode="phone"),
            meeting("2027-02-16", "practice", kind="phone_contact", mode="phone"),
            ev("phase", date="2027-02-22", phase="deepening"),
        ),
        "2027-03-01",
        None,
    ),
    Row(
        "TAITO.WEEKLY_PHONE",
        "second week not phoned",
        taito(
            day("2027-02-09"),
            day("2027-02-16"),
            meeting("2027-02-09", "practice", kind="phone_contact", mode="phone"),
            ev("phase", date="2027-02-22", phase="deepening"),
        ),
        "2027-03-01",
        "violation",
    ),
    Row(
        "TAITO.WEEKLY_PHONE",
        "week not over yet",
        taito(
            day("2027-02-09"),
            day("2027-02-16"),
            meeting("2027-02-09", "practice", kind="phone_contact", mode="phone"),
        ),
        "2027-02-21",
        None,
    ),
    Row(
        "TAITO.WEEKLY_PHONE",
        "week just over",
        taito(
            day("2027-02-09"),
            day("2027-02-16"),
            meeting("2027-02-09", "practice", kind="phone_contact", mode="phone"),
        ),
        "2027-02-22",
        "violation",
    ),
    Row("TAITO.SICKNESS", "14 days", taito(sick("2027-03-01", "2027-03-14")), "2027-04-01", None),
    Row(
        "TAITO.SICKNESS", "15 days", taito(sick("2027-03-01", "2027-03-15")), "2027-04-01", "action"
    ),
    Row(
        "TAITO.SICKNESS",
        "repeated",
        taito(sick("2027-03-01", "2027-03-02"), sick("2027-03-10", "2027-03-11")),
        "2027-04-01",
        "action",
    ),
    Row(
        "TAITO.SICKNESS",
        "Kela contacted",
        taito(sick("2027-03-01", "2027-03-15"), ev("kela_notice", date="2027-03-05")),
        "2027-04-01",
        None,
    ),
    Row(
        "TAITO.FOLLOWUP_FEEDBACK",
        "on the day",
        taito(
            *followups("2027-08-02", "2027-10-01"),
            ev("feedback", date="2027-10-15", kind="followup"),
        ),
        "2027-11-01",
        None,
    ),
    Row(
        "TAITO.FOLLOWUP_FEEDBACK",
        "day after",
        taito(
            *followups("2027-08-02", "2027-10-01"),
            ev("feedback", date="2027-10-16", kind="followup"),
        ),
        "2027-11-01",
        "violation",
    ),
    Row(
        "TAITO.FOLLOWUP_FEEDBACK",
        "open on the day",
        taito(*followups("2027-08-02", "2027-10-01")),
        "2027-10-15",
        "due",
        "2027-10-15",
    ),
    Row(
        "TAITO.FOLLOWUP_FEEDBACK",
        "open day after",
        taito(*followups("2027-08-02", "2027-10-01")),
        "2027-10-16",
        "violation",
    ),
    Row(
        "TAITO.FOLLOWUP_FEEDBACK",
        "one visit, running",
        taito(*followups("2027-08-02")),
        "2027-10-16",
        None,
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}: {r.label}" for r in ROWS])
def test_taito_period_boundary(row: Row) -> None:
    check_row(row)


def test_every_rule_has_rows() -> None:
    funcs = (start_visits, group_period, practice_start, practice_visits, weekly_phone)
    ids = {RULES[f].id for f in (*funcs, sickness, followup_feedback)}
    assert ids <= {r.rule for r in ROWS}
