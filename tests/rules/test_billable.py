"""Billable units (``luotsi.rules.billable``): one boundary table per refusal reason, in the
OpenFisca style (the day before, the day, the day after), and the properties that hold for
every valid case.

Each row: a label, the case's events (decision received 2027-01-04, first planning meeting
2027-01-11), the granted days, the period, and what the unit on ``probe`` must be:
``"billed"`` or the reason it is refused.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.rules import parse_case
from luotsi.rules.billable import REASONS, Billable, billable_units
from tests.conftest import examples
from tests.rules.builders import case, day, ev, meeting, workplace_phase
from tests.rules.strategies import cases, eval_dates

WP = workplace_phase("2027-02-01")
ON = "2027-06-30"


class Row(NamedTuple):
    label: str
    events: list[dict[str, Any]]
    unit: str
    probe: str
    expected: str  # "billed", "absent" (no unit at all) or a reason
    service: str = "TK"
    granted: int | None = None


def sick(start: str, end: str, reason: str = "sickness") -> dict[str, Any]:
    return ev("absence", from_=start, to=end, reason=reason)


def days(*dates: str, **fields: Any) -> list[dict[str, Any]]:
    return [day(d, **fields) for d in dates]


def run(events: list[dict[str, Any]], service: str = "TK", granted: int | None = None,
        start: str = "2027-01-01", end: str = ON, on: str = ON) -> Billable:  # fmt: skip
    data = case(*events, service=service, granted_days=granted)
    return billable_units(
        parse_case(data), date.fromisoformat(start), date.fromisoformat(end),
        date.fromisoformat(on),
    )  # fmt: skip


def verdict(result: Billable, unit: str, probe: str) -> str:
    when = date.fromisoformat(probe)
    billed = [u for u in result.units if u.unit == unit and u.date == when]
    refused = [r for r in result.refused if r.unit == unit and r.date == when]
    assert not (billed and refused)
    if billed:
        return "billed"
    return refused[0].reason if refused else "absent"


THREE = ("2027-02-02", "2027-02-03", "2027-02-04")
ROWS = [
    # sickness: the absence 2027-02-03 only
    Row(
        "sickness: day before",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-03")],
        "rehab_day",
        "2027-02-02",
        "billed",
    ),
    Row(
        "sickness: the day",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-03")],
        "rehab_day",
        "2027-02-03",
        "sickness",
    ),
    Row(
        "sickness: day after",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-03")],
        "rehab_day",
        "2027-02-04",
        "billed",
    ),
    Row(
        "sickness wins over annual leave",
        [
            *WP,
            *days(*THREE),
            sick("2027-02-03", "2027-02-03"),
            sick("2027-02-02", "2027-02-04", "annual_leave"),
        ],
        "rehab_day",
        "2027-02-03",
        "sickness",
    ),
    Row(
        "other absence is billed",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-03", "other")],
        "rehab_day",
        "2027-02-03",
        "billed",
    ),
    # annual leave, in TK too
    Row(
        "annual leave: day before",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-04", "annual_leave")],
        "rehab_day",
        "2027-02-02",
        "billed",
    ),
    Row(
        "annual leave: the day",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-04", "annual_leave")],
        "rehab_day",
        "2027-02-03",
        "annual_leave",
    ),
    Row(
        "annual leave: TV",
        [*WP, *days(*THREE, paid_work=True), sick("2027-02-04", "2027-02-04", "annual_leave")],
        "rehab_day",
        "2027-02-04",
        "annual_leave",
        "TV",
    ),
    # beyond_granted: 2 granted days
    Row(
        "granted: the last granted day",
        [*WP, *days(*THREE)],
        "rehab_day",
        "2027-02-03",
        "billed",
        granted=2,
    ),
    Row(
        "granted: the first day beyond",
        [*WP, *days(*THREE)],
        "rehab_day",
        "2027-02-04",
        "beyond_granted",
        granted=2,
    ),
    Row(
        "granted: a sick day does not count",
        [*WP, *days(*THREE), sick("2027-02-02", "2027-02-02")],
        "rehab_day",
        "2027-02-04",
        "billed",
        granted=2,
    ),
    Row(
        "granted: sickness wins over beyond",
        [*WP, *days(*THREE), sick("2027-02-04", "2027-02-04")],
        "rehab_day",
        "2027-02-04",
        "sickness",
        granted=2,
    ),
    Row("granted: default 45 in TK", [*WP, *days(*THREE)], "rehab_day", "2027-02-04", "billed"),
    Row(
        "granted: nothing granted",
        [*WP, *days(*THREE)],
        "rehab_day",
        "2027-02-02",
        "beyond_granted",
        granted=0,
    ),
    # after_end: ended 2027-02-03
    Row(
        "end: the day before",
        [*WP, *days(*THREE), ev("end", date="2027-02-03")],
        "rehab_day",
        "2027-02-02",
        "billed",
    ),
    Row(
        "end: the day",
        [*WP, *days(*THREE), ev("end", date="2027-02-03")],
        "rehab_day",
        "2027-02-03",
        "billed",
    ),
    Row(
        "end: the day after",
        [*WP, *days(*THREE), ev("end", date="2027-02-03")],
        "rehab_day",
        "2027-02-04",
        "after_end",
    ),
    Row(
        "end: beyond granted comes first",
        [*WP, *days(*THREE), ev("end", date="2027-02-02")],
        "rehab_day",
        "2027-02-04",
        "beyond_granted",
        granted=1,
    ),
    Row(
        "end: a meeting after it",
        [ev("end", date="2027-01-20"), meeting("2027-01-21")],
        "meeting",
        "2027-01-21",
        "after_end",
    ),
    # beyond_max_meetings: TV allows 25 meetings in all (the first is 2027-01-11)
    Row(
        "meetings: the 25th is billed",
        [meeting((date(2027, 1, 12) + timedelta(days=i)).isoformat()) for i in range(24)],
        "meeting",
        "2027-02-04",
        "billed",
        "TV",
    ),
    Row(
        "meetings: the 26th is refused",
        [meeting((date(2027, 1, 12) + timedelta(days=i)).isoformat()) for i in range(25)],
        "meeting",
        "2027-02-05",
        "beyond_max_meetings",
        "TV",
    ),
    Row(
        "meetings: TK has no maximum",
        [meeting((date(2027, 1, 12) + timedelta(days=i)).isoformat()) for i in range(25)],
        "meeting",
        "2027-02-05",
        "billed",
    ),
    Row(
        "meetings: workplace phase is no unit",
        [*WP, meeting("2027-02-02", "workplace")],
        "meeting",
        "2027-02-02",
        "absent",
    ),
    # meals (TK): the workplace phase starts 2027-02-01
    Row(
        "meal: the day before the phase",
        [*WP, *days("2027-01-29", "2027-02-01")],
        "meal",
        "2027-01-29",
        "absent",
    ),
    Row(
        "meal: recorded the day before",
        [
            *WP,
            *days("2027-01-29", "2027-02-01"),
            ev("invoice_line", date="2027-01-29", price_type=8),
        ],
        "meal",
        "2027-01-29",
        "not_workplace_phase",
    ),
    Row(
        "meal: the phase's first day",
        [*WP, *days("2027-01-29", "2027-02-01")],
        "meal",
        "2027-02-01",
        "billed",
    ),
    Row(
        "meal: paid work",
        [
            *WP,
            day("2027-02-02", paid_work=True),
            ev("invoice_line", date="2027-02-02", price_type=8),
        ],
        "meal",
        "2027-02-02",
        "paid_work",
    ),
    Row(
        "meal: paid workplace",
        [
            *workplace_phase("2027-02-01", paid=True),
            day("2027-02-02"),
            ev("invoice_line", date="2027-02-02", price_type=8),
        ],
        "meal",
        "2027-02-02",
        "paid_work",
    ),
    Row(
        "meal: on a sick day",
        [*WP, *days(*THREE), sick("2027-02-03", "2027-02-03")],
        "meal",
        "2027-02-03",
        "sickness",
    ),
    Row(
        "meal: TV has none",
        [
            *WP,
            day("2027-02-02", paid_work=True),
            ev("invoice_line", date="2027-02-02", price_type=8),
        ],
        "meal",
        "2027-02-02",
        "service_has_no_meals",
        "TV",
    ),
    Row(
        "meal: TV none recorded",
        [*WP, day("2027-02-02", paid_work=True)],
        "meal",
        "2027-02-02",
        "absent",
        "TV",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.label for r in ROWS])
def test_boundary(row: Row) -> None:
    result = run(row.events, row.service, row.granted)
    assert verdict(result, row.unit, row.probe) == row.expected


def test_every_reason_has_a_boundary_row() -> None:
    assert {r.expected for r in ROWS} >= set(REASONS)


def test_units_of_taito_and_teak() -> None:
    events = [
        ev("phase", date="2027-01-11", phase="start"),
        day("2027-01-12", group=True),
        meeting("2027-01-13", "start"),
        meeting("2027-01-14", "start", kind="phone_contact"),
        ev("phase", date="2027-02-01", phase="practice"),
        day("2027-02-02"),
        meeting("2027-02-03", None),  # practice by the phase events
        meeting("2027-06-01", "followup"),
    ]
    result = run(events, "TAITO")
    assert [(u.unit, u.date.isoformat()) for u in result.units] == [
        ("group_day", "2027-01-12"),
        ("visit", "2027-01-13"),
        ("rehab_day", "2027-02-02"),
        ("visit", "2027-02-03"),
        ("followup_visit", "2027-06-01"),
    ]
    teak = run([day("2027-01-12", group=True), meeting("2027-01-13", "planning", kind="network")],
               "TEAK-TV")  # fmt: skip
    assert [u.unit for u in teak.units] == ["meeting", "group_day"]  # 2027-01-11, 2027-01-12


def test_the_period_and_the_evaluation_date_limit_the_units() -> None:
    events = [*WP, *days(*THREE)]
    assert run(events, start="2027-02-03", end="2027-02-03").dates("rehab_day") == [
        date(2027, 2, 3)
    ]
    assert run(events, on="2027-02-03").dates("rehab_day") == [date(2027, 2, 2), date(2027, 2, 3)]


def test_two_events_on_one_date_are_one_day_and_two_meetings_are_two() -> None:
    result = run([*WP, day("2027-02-02"), day("2027-02-02"), meeting("2027-01-11")])
    assert result.dates("rehab_day") == [date(2027, 2, 2)]
    assert [u.seq for u in result.units if u.unit == "meeting"] == [0, 1]


def test_refusals_name_rule_and_message_in_each_language() -> None:
    result = run([*WP, *days(*THREE), sick("2027-02-03", "2027-02-03")])
    (refusal,) = [r for r in result.refused if r.unit == "rehab_day"]
    assert refusal.as_dict() == {
        "unit": "rehab_day", "date": "2027-02-03", "rule": "BILLING.NOT_BILLABLE",
        "reason": "sickness", "message": "A day of sickness absence is not billed.",
    }  # fmt: skip
    assert refusal.message("fi") == "Sairauspoissaolopäivää ei laskuteta."
    meal = run([*WP, day("2027-02-02", paid_work=True),
                ev("invoice_line", date="2027-02-02", price_type=8)]).refused[0]  # fmt: skip
    assert (meal.rule, meal.message("sv")) == (
        "BILLING.MEALS",
        "Måltider (prisslag 8) kan inte faktureras för en kund i avlönat arbete.",
    )


# --- properties --------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _ids(result: Billable) -> tuple[set[tuple[str, date, int]], set[tuple[str, date, int]]]:
    billed = {(u.unit, u.date, u.seq) for u in result.units}
    refused = {(r.unit, r.date, r.seq) for r in result.refused}
    return billed, refused


@PROPERTY
@given(data=cases(), on=eval_dates)
def test_no_unit_is_both_billed_and_refused(data: dict[str, Any], on: date) -> None:
    c = parse_case(data)
    result = billable_units(c, date(2026, 1, 1), on, on)
    billed, refused = _ids(result)
    assert not billed & refused
    assert len(billed) == len(result.units) and len(refused) == len(result.refused)
    day_units = {"rehab_day", "group_day", "meal"}
    assert not {(u, d) for u, d, _ in billed if u in day_units} & {
        (u, d) for u, d, _ in refused if u in day_units
    }
    for u in result.units:
        assert u.date <= on


@PROPERTY
@given(data=cases(), on=eval_dates, cut=st.integers(min_value=0, max_value=560))
def test_consecutive_periods_add_up_to_the_whole(data: dict[str, Any], on: date, cut: int) -> None:
    c = parse_case(data)
    first = date(2026, 1, 1)
    middle = date(2026, 1, 5) + timedelta(days=cut)
    whole = billable_units(c, first, on, on)
    before = billable_units(c, first, middle, on)
    after = billable_units(c, middle + timedelta(days=1), on, on)
    assert sorted(before.units + after.units) == sorted(whole.units)
    assert len(before.refused) + len(after.refused) == len(whole.refused)
    granted_days = [u for u in whole.units if u.unit in ("rehab_day", "group_day")]
    granted = c.decision.granted_days
    if granted is not None:
        assert len(granted_days) <= granted
