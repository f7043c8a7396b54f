"""Boundary tables for the Taito rules implemented so far (seed 003).

Decision received 2027-01-04; practice phase from 2027-02-01 (3.5 months: to 2027-05-16);
final group period 2027-06-07..10 (follow-up by 2027-09-10 and 2027-12-10, feedback by
2027-06-24).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from luotsi.rules import calendar as cal
from luotsi.rules import evaluate, parse_case
from luotsi.rules.registry import RULES
from luotsi.rules.services import TAITO_RULES
from tests.rules.builders import Row, case, check_row, day, ev, meeting


def taito(
    *events: dict[str, Any], born: str | None = "1990-01-01", b: bool = True
) -> dict[str, Any]:
    data = case(*events, service="TAITO", applies_allowance=False)
    if born:
        data["client"]["birth_date"] = born
    data["decision"]["medical_statement_b"] = b
    return data


def practice(last: str, count: int, deepening: str = "2027-05-20") -> list[dict[str, Any]]:
    """The practice phase from 2027-02-01 with ``count`` days, the last on ``last``."""
    days = [last]
    current = date.fromisoformat(last) - timedelta(days=1)
    while len(days) < count:
        if cal.is_working_day(current):
            days.append(current.isoformat())
        current -= timedelta(days=1)
    assert min(days) >= "2027-02-01"
    return [
        ev("phase", date="2027-02-01", phase="practice"),
        ev("phase", date=deepening, phase="deepening"),
        *(day(d) for d in days),
    ]


FINAL = [
    ev("phase", date="2027-06-07", phase="final"),
    *(day(f"2027-06-{d:02d}", group=True) for d in range(7, 11)),
]


def followup(d: str) -> dict[str, Any]:
    return meeting(d, "followup")


ROWS = [
    Row("TAITO.B_STATEMENT", "statement B", taito(), "2027-02-01", None),
    Row("TAITO.B_STATEMENT", "no statement B", taito(b=False), "2027-02-01", "violation"),
    Row(
        "TAITO.B_STATEMENT", "17 (18 tomorrow)", taito(born="2009-01-05"), "2027-02-01", "violation"
    ),
    Row("TAITO.B_STATEMENT", "18 today", taito(born="2009-01-04"), "2027-02-01", None),
    Row("TAITO.B_STATEMENT", "64 (65 tomorrow)", taito(born="1962-01-05"), "2027-02-01", None),
    Row("TAITO.B_STATEMENT", "65 today", taito(born="1962-01-04"), "2027-02-01", "violation"),
    Row("TAITO.B_STATEMENT", "birth date unknown", taito(born=None), "2027-02-01", "info"),
    Row(
        "TAITO.FOLLOWUP",
        "first on the day",
        taito(*FINAL, followup("2027-09-10")),
        "2027-10-01",
        None,
    ),
    Row(
        "TAITO.FOLLOWUP",
        "first day after",
        taito(*FINAL, followup("2027-09-11")),
        "2027-10-01",
        "violation",
    ),
    Row("TAITO.FOLLOWUP", "open on the day", taito(*FINAL), "2027-09-10", "due", "2027-09-10"),
    Row("TAITO.FOLLOWUP", "open day after", taito(*FINAL), "2027-09-11", "violation"),
    Row(
        "TAITO.FOLLOWUP",
        "second on the day",
        taito(*FINAL, followup("2027-08-01"), followup("2027-12-10")),
        "2028-01-01",
        None,
    ),
    Row(
        "TAITO.FOLLOWUP",
        "second day after",
        taito(*FINAL, followup("2027-08-01"), followup("2027-12-11")),
        "2028-01-01",
        "violation",
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "on the day",
        taito(*FINAL, ev("feedback", date="2027-06-24")),
        "2027-07-01",
        None,
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "day after",
        taito(*FINAL, ev("feedback", date="2027-06-25")),
        "2027-07-01",
        "violation",
    ),
    Row("FEEDBACK.DEADLINE", "open on the day", taito(*FINAL), "2027-06-24", "due", "2027-06-24"),
    Row(
        "TAITO.PRACTICE_LENGTH",
        "49 days",
        taito(*practice("2027-05-14", 49)),
        "2027-06-01",
        "warning",
    ),
    Row("TAITO.PRACTICE_LENGTH", "50 days", taito(*practice("2027-05-14", 50)), "2027-06-01", None),
    Row("TAITO.PRACTICE_LENGTH", "70 days", taito(*practice("2027-05-14", 70)), "2027-06-01", None),
    Row(
        "TAITO.PRACTICE_LENGTH",
        "71 days",
        taito(*practice("2027-05-14", 71)),
        "2027-06-01",
        "violation",
    ),
    Row(
        "TAITO.PRACTICE_LENGTH",
        "last day on the deadline",
        taito(*practice("2027-05-16", 50)),
        "2027-06-01",
        None,
    ),
    Row(
        "TAITO.PRACTICE_LENGTH",
        "last day after it",
        taito(*practice("2027-05-17", 50)),
        "2027-06-01",
        "violation",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}: {r.label}" for r in ROWS])
def test_taito_boundary(row: Row) -> None:
    check_row(row)


def test_every_taito_rule_has_boundary_rows() -> None:
    from tests.rules.test_round2 import ROWS as ROUND2_ROWS
    from tests.rules.test_taito_periods import ROWS as PERIOD_ROWS

    rows = (*ROWS, *PERIOD_ROWS, *ROUND2_ROWS)
    assert {RULES[f].id for f in TAITO_RULES} <= {r.rule for r in rows}


def test_taito_is_fully_implemented() -> None:
    result = evaluate(parse_case(taito()), date(2027, 2, 1))
    assert "ENGINE.NOT_IMPLEMENTED" not in {f.rule for f in result.findings}


@pytest.mark.parametrize(
    ("rule", "event", "severity"),
    [
        ("PAUSE.TOO_LONG", ev("pause", from_="2027-02-01", to="2027-02-21"), None),
        ("PAUSE.TOO_LONG", ev("pause", from_="2027-02-01", to="2027-02-22"), None),
        ("CERT.AUTHOR", ev("certificate", date="2027-01-20", author_name="V"), "violation"),
        ("KELA.NOTIFY", ev("pause", from_="2027-02-01", to="2027-02-05"), "action"),
        ("KELA.NOTIFY", ev("kela_notice", date="2027-01-20"), None),
    ],
)
def test_common_rules_apply_to_taito(
    rule: str, event: dict[str, Any], severity: str | None
) -> None:
    result = evaluate(parse_case(taito(event)), date(2027, 4, 1))
    assert [f.severity for f in result.findings if f.rule == rule] == (
        [severity] if severity else []
    )
