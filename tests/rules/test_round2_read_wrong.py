"""Issue 15, "read wrong today": one table per item, each with the row that failed before the
fix (marked ``# was wrong``) and the boundary rows around it (the day before, the day, the day
after)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from luotsi.rules import calendar as cal
from luotsi.rules import evaluate, parse_case
from tests.rules.builders import Row, check_row, day, ev, meeting
from tests.rules.test_allowance import allowance_case
from tests.rules.test_taito import FINAL
from tests.rules.test_taito import taito as taito_case
from tests.rules.test_taito_periods import taito as taito_periods_case


def _allowance(data: dict[str, Any], on: str) -> dict[str, Any]:
    report = evaluate(parse_case(data), date.fromisoformat(on)).to_dict()["allowance"]
    report["reasons"] = {e["date"]: e["reason"] for e in report["excluded"]}
    return report


def _nth_allowance_day(first: str, n: int) -> date:
    """The n-th day (1-based) from ``first`` on that is neither a Sunday nor a holiday."""
    days = cal.allowance_days(date.fromisoformat(first), date(2027, 12, 31))
    return days[n - 1]


# --- 1. ALLOWANCE.WAIT_INTERIM: an amount per calendar year, not a three-month window ----------

FEB = ev("pause", from_="2027-02-01", to="2027-02-13", reason="employer_delay")  # 12 days
MAY = ev("pause", from_="2027-05-17", to="2027-05-29", reason="employer_delay")  # 12 days


def test_two_interim_pauses_of_24_days_are_all_interim() -> None:  # was wrong
    report = _allowance(allowance_case(FEB, MAY), "2027-06-30")
    assert report["interim_days"] == 24
    assert "2027-05-17" in report["interim"] and "2027-05-29" in report["interim"]
    assert "interim_cap" not in report["reasons"].values()


LONG = ev("pause", from_="2027-02-01", to="2027-06-30", reason="employer_delay")


@pytest.mark.parametrize(
    ("nth", "reason"),
    [(74, "interim"), (75, "interim"), (76, "interim_cap")],
    ids=["74th day", "75th day (3 x 25)", "76th day"],
)
def test_interim_cap_is_75_allowance_days(nth: int, reason: str) -> None:
    report = _allowance(allowance_case(LONG, cert=False), "2027-07-31")
    when = _nth_allowance_day("2027-02-01", nth).isoformat()
    if reason == "interim":
        assert when in report["interim"]
    else:
        assert report["reasons"][when] == "interim_cap"
    assert report["interim_days"] == 75


@pytest.mark.parametrize(
    ("nth", "reason"),
    [(74, "waiting"), (75, "waiting"), (76, "wait_cap")],
    ids=["74th day", "75th day", "76th day"],
)
def test_waiting_cap_is_75_allowance_days(nth: int, reason: str) -> None:
    data = allowance_case(first_meeting=None, received="2027-01-06")
    report = _allowance(data, "2027-06-30")
    when = _nth_allowance_day("2027-01-07", nth).isoformat()
    if reason == "waiting":
        assert when in report["waiting"]
    else:
        assert report["reasons"][when] == "wait_cap"
    assert report["waiting_days"] == 75


def test_the_cap_starts_again_each_calendar_year() -> None:
    pauses = (
        ev("pause", from_="2027-12-01", to="2028-01-15", reason="employer_delay"),
        ev("pause", from_="2027-06-01", to="2027-09-30", reason="employer_delay"),
    )
    report = _allowance(allowance_case(*pauses, cert=False), "2028-02-01")
    in_2027 = [d for d in report["interim"] if d < "2028"]
    assert len(in_2027) == 75
    assert report["reasons"]["2027-12-01"] == "interim_cap"
    assert "2028-01-03" in report["interim"]


# --- 2. ALLOWANCE.WORK: the 4-hour day of a client in working life counts travel ---------------


@pytest.mark.parametrize(
    ("hours", "travel", "reason"),
    [
        (3.5, 30, None),  # was wrong: 3.5 h + 30 min travel = 4 h
        (3.5, 29, "working_life_short_day"),
        (3.5, 31, None),
        (3.5, None, "working_life_short_day"),  # no travel recorded: the hours alone
        (4, 0, None),
    ],
)
def test_working_life_day_counts_travel(hours: float, travel: int | None, reason: str) -> None:
    fields = {"hours": hours} | ({"travel_minutes": travel} if travel is not None else {})
    report = _allowance(
        allowance_case(day("2027-01-20", **fields), working_life=True), "2027-03-31"
    )
    if reason is None:
        assert "2027-01-20" in report["payable"]
    else:
        assert report["reasons"]["2027-01-20"] == reason


# --- 3. The waiting time starts when the decision is given ------------------------------------


@pytest.mark.parametrize(
    ("when", "kind"),
    [
        ("2027-01-01", None),  # the decision was given on Friday 1.1. (a holiday anyway)
        ("2027-01-02", "waiting"),  # the day after it was given; was wrong (not waiting)
        ("2027-01-04", "waiting"),  # before it reached the provider; was wrong
        ("2027-01-07", "waiting"),
    ],
)
def test_waiting_time_runs_from_the_decision_given(when: str, kind: str | None) -> None:
    data = allowance_case(first_meeting="2027-01-11", received="2027-01-06")
    data["decision"]["given"] = "2027-01-01"
    report = _allowance(data, "2027-03-31")
    if kind is None:
        assert when not in report["waiting"]
    else:
        assert when in report["waiting"]


def test_without_decision_given_the_waiting_time_runs_from_received() -> None:
    report = _allowance(allowance_case(received="2027-01-06"), "2027-03-31")
    assert "2027-01-05" not in report["waiting"] and "2027-01-07" in report["waiting"]


# --- 4-6. Taito ---------------------------------------------------------------------------------

DEEPENING = [
    ev("phase", date="2027-05-10", phase="deepening"),
    *(day(f"2027-05-{d}", group=True) for d in (10, 11, 12, 13)),
]


def _phone(d: str) -> dict[str, Any]:
    return meeting(d, "practice", kind="phone_contact", mode="phone")


ROWS = [
    # 4. FEEDBACK.DEADLINE: a report after the deepening group period counts (003 Vastaus 5)
    Row(
        "FEEDBACK.DEADLINE",
        "clear plan: report after the deepening period",  # was wrong
        taito_case(*DEEPENING, *FINAL, ev("feedback", date="2027-05-20")),
        "2027-07-01",
        None,
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "clear plan: report on the last deepening group day",
        taito_case(*DEEPENING, *FINAL, ev("feedback", date="2027-05-13")),
        "2027-07-01",
        None,
    ),
    Row(
        "FEEDBACK.DEADLINE",
        "report before the deepening group period ended",
        taito_case(*DEEPENING, *FINAL, ev("feedback", date="2027-05-12")),
        "2027-07-01",
        "violation",
    ),
    # 5. TAITO.WEEKLY_PHONE: the weeks of practice are the weeks with practice days
    Row(
        "TAITO.WEEKLY_PHONE",
        "two weeks without practice days before the deepening period",  # was wrong
        taito_periods_case(
            day("2027-02-09"),
            _phone("2027-02-09"),
            day("2027-02-16"),
            _phone("2027-02-16"),
            ev("phase", date="2027-03-08", phase="deepening"),
        ),
        "2027-03-15",
        None,
    ),
    Row(
        "TAITO.WEEKLY_PHONE",
        "a practice day in a week without a phone contact",
        taito_periods_case(
            day("2027-02-09"),
            _phone("2027-02-09"),
            day("2027-02-16"),
            _phone("2027-02-16"),
            day("2027-02-26"),
            ev("phase", date="2027-03-08", phase="deepening"),
        ),
        "2027-03-15",
        "violation",
    ),
    # 6. PAUSE.TOO_LONG has no seed for Taito (003 allows small shifts)
    Row(
        "PAUSE.TOO_LONG",
        "Taito pause of 22 days",  # was wrong
        taito_case(ev("pause", from_="2027-02-01", to="2027-02-22")),
        "2027-04-01",
        None,
    ),
    Row(
        "PAUSE.TOO_LONG",
        "Taito pause still open after 3 weeks",  # was wrong (due)
        taito_case(ev("pause", from_="2027-02-01")),
        "2027-02-15",
        None,
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}: {r.label}" for r in ROWS])
def test_read_wrong_rows(row: Row) -> None:
    check_row(row)
