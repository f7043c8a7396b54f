"""YOUTH.ROUTE and KUTY.PLAN_CONTENT: the 5-month mark, the age limit, the six items, the
3-month minimum, the evaluation date and renewal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luotsi.rules import calendar as cal
from luotsi.rules.employment.kuty import ITEMS, missing_items, shortest_end
from luotsi.rules.employment.schema import ActivationPlan
from luotsi.rules.employment.youth import youth_one_stop
from tests.rules.employment.builders import FULL_KUTY, jobseeker, keys, run

YOUNG = {"birth_date": "2002-06-15", "job_search_start": "2026-10-01"}  # mark 2027-03-01


@pytest.mark.parametrize(
    ("on", "key"),
    [
        ("2027-01-29", None),  # 31 days before the mark: not yet on the due list
        ("2027-01-30", "YOUTH.ROUTE.months.due"),
        ("2027-02-28", "YOUTH.ROUTE.months.due"),
        ("2027-03-01", "YOUTH.ROUTE.months.due"),
        ("2027-03-02", "YOUTH.ROUTE.months.missed"),
    ],
)
def test_five_month_mark(on: str, key: str | None) -> None:
    found = keys(run(jobseeker(person=YOUNG), date.fromisoformat(on)), "YOUTH.ROUTE")
    assert found == ([key] if key else [])


@pytest.mark.parametrize(
    ("born", "applies"),
    [
        ("1997-03-02", True),  # 29 on the mark (turns 30 the day after)
        ("1997-03-01", False),  # turns 30 on the mark
        ("1997-02-28", False),
    ],
)
def test_under_thirty_on_the_mark(born: str, applies: bool) -> None:
    person = {**YOUNG, "birth_date": born}
    found = keys(run(jobseeker(person=person), date(2027, 2, 15)), "YOUTH.ROUTE")
    assert bool(found) is applies


def test_a_found_need_moves_the_young_person_earlier() -> None:
    data = jobseeker(
        person=YOUNG,
        assessment={"date": "2026-12-01", "capacity_limits": True, "multi_sector_support": True,
                    "public_services_suffice": False, "long_term_or_intensive": True,
                    "decision": "refer"},
    )  # fmt: skip
    assert keys(run(data, date(2026, 12, 1)), "YOUTH.ROUTE") == ["YOUTH.ROUTE.need.due"]
    assert keys(run(data, date(2026, 12, 2)), "YOUTH.ROUTE") == ["YOUTH.ROUTE.need.missed"]
    data["jobseeker"]["unit"] = "youth"
    assert keys(run(data, date(2026, 12, 2)), "YOUTH.ROUTE") == []


@pytest.mark.parametrize(
    ("on", "under_thirty"),
    [("2027-06-14", True), ("2027-06-15", True), ("2032-06-14", True), ("2032-06-15", False)],
)
def test_youth_one_stop_serves_every_under_thirty(on: str, under_thirty: bool) -> None:
    assert youth_one_stop(date(2002, 6, 15), date.fromisoformat(on)) is under_thirty


@pytest.mark.parametrize(("item", "fields"), ITEMS)
def test_each_of_the_six_items_is_required(item: int, fields: tuple[str, ...]) -> None:
    for name in fields:
        plan = ActivationPlan(**{**FULL_KUTY, name: None if name in _OPTIONAL else ""})
        assert missing_items(plan) == (item,), name
    assert missing_items(ActivationPlan(**FULL_KUTY)) == ()


_OPTIONAL = {"hours_per_day", "days_per_week", "start", "end", "evaluate_by"}


def test_missing_items_are_named_in_the_finding() -> None:
    plan = {**FULL_KUTY, "support": " ", "evaluate_by": None}
    result = run(jobseeker(activation_plans=[plan]), date(2027, 2, 1))
    (finding,) = [f for f in result.findings if f.key == "KUTY.PLAN_CONTENT.missing"]
    assert finding.severity == "violation"
    assert finding.message("fi") == (
        "Aktivointisuunnitelmasta K1 puuttuu 2 lain edellyttämää kohtaa: 4, 6."
    )


@pytest.mark.parametrize(
    ("start", "end", "too_short"),
    [
        ("2027-02-01", "2027-04-29", True),  # the day before three months
        ("2027-02-01", "2027-04-30", False),  # exactly three months
        ("2027-02-01", "2027-05-01", False),
        ("2027-11-30", "2028-02-27", True),  # month ends clamp (30.11. + 3 kk = 29.2.)
        ("2027-11-30", "2028-02-28", False),
    ],
)
def test_minimum_three_months(start: str, end: str, too_short: bool) -> None:
    plan = {**FULL_KUTY, "start": start, "end": end, "evaluate_by": end}
    result = run(jobseeker(activation_plans=[plan]), date.fromisoformat(start))
    assert ("KUTY.PLAN_CONTENT.too_short" in keys(result, "KUTY.PLAN_CONTENT")) is too_short


@pytest.mark.parametrize(
    ("on", "evaluated", "key"),
    [
        ("2027-04-14", None, "KUTY.PLAN_CONTENT.evaluation.due"),
        ("2027-04-15", None, "KUTY.PLAN_CONTENT.evaluation.due"),
        ("2027-04-16", None, "KUTY.PLAN_CONTENT.evaluation.missed"),
        ("2027-04-16", "2027-04-15", None),
        ("2027-04-17", "2027-04-16", "KUTY.PLAN_CONTENT.evaluation.late"),
    ],
)
def test_evaluation_date_is_a_deadline(on: str, evaluated: str | None, key: str | None) -> None:
    plan = {**FULL_KUTY, "evaluated_on": evaluated}
    found = keys(
        run(jobseeker(activation_plans=[plan]), date.fromisoformat(on)), "KUTY.PLAN_CONTENT"
    )
    assert found == ([key] if key else [])


@pytest.mark.parametrize(
    ("on", "condition_met", "renew"),
    [("2027-04-30", False, False), ("2027-05-01", False, True), ("2027-05-01", True, False)],
)
def test_renewed_until_the_employment_condition_is_met(
    on: str, condition_met: bool, renew: bool
) -> None:
    data: dict[str, Any] = jobseeker(
        person={"employment_condition_met": condition_met},
        activation_plans=[{**FULL_KUTY, "evaluated_on": "2027-04-15"}],
    )
    found = keys(run(data, date.fromisoformat(on)), "KUTY.PLAN_CONTENT")
    assert ("KUTY.PLAN_CONTENT.renew" in found) is renew


@given(st.dates(date(2025, 1, 1), date(2030, 12, 31)))
def test_the_shortest_period_is_three_months_less_a_day(start: date) -> None:
    end = shortest_end(start, start)
    assert cal.add_months(start, 3) == cal.add_days(end, 1) or start.day > 28
    assert end >= cal.add_days(start, 88)
