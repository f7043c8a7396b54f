"""TYM.REFERRAL and TYM.PLAN: criteria, exclusions, the end of the duration criterion on
1.1.2025, the plan's reviews."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luotsi.rules.employment.referral import referral
from luotsi.rules.employment.schema import Assessment
from tests.rules.employment.builders import jobseeker, keys, run

BIRTH = date(1980, 5, 15)
MEETS = {
    "capacity_limits": True,
    "life_management": False,
    "multi_sector_support": True,
    "public_services_suffice": False,
    "long_term_or_intensive": True,
}


def assess(day: str = "2027-01-10", **facts: Any) -> Assessment:
    return Assessment(date=date.fromisoformat(day), **{**MEETS, **facts})


@pytest.mark.parametrize(
    ("facts", "outcome", "reasons"),
    [
        ({}, "refer", ("capacity_limits", "multi_sector_support")),
        ({"capacity_limits": False, "life_management": True}, "refer",
         ("life_management", "multi_sector_support")),
        ({"capacity_limits": False, "life_management": False}, "do_not_refer", ("no_obstacle",)),
        ({"consultation_only": True}, "do_not_refer", ("consultation_only",)),
        ({"multi_sector_support": False}, "do_not_refer", ("no_multi_sector_support",)),
        ({"public_services_suffice": True}, "do_not_refer", ("public_services_suffice",)),
        ({"long_term_or_intensive": False}, "do_not_refer", ("not_long_term_or_intensive",)),
        ({"public_services_suffice": True, "long_term_or_intensive": False}, "do_not_refer",
         ("public_services_suffice", "not_long_term_or_intensive")),
        ({"long_term_or_intensive": None}, "cannot_determine", ()),
        ({"capacity_limits": None}, "cannot_determine", ()),
        ({"capacity_limits": None, "life_management": True}, "refer",
         ("life_management", "multi_sector_support")),
    ],
)  # fmt: skip
def test_criteria_and_exclusions(
    facts: dict[str, Any], outcome: str, reasons: tuple[str, ...]
) -> None:
    verdict = referral(assess(**facts), BIRTH)
    assert (verdict.outcome, verdict.reasons) == (outcome, reasons)


@pytest.mark.parametrize(
    ("day", "months", "born", "outcome"),
    [
        # the earlier act: 12 months for a 25-year-old or older, 6 under 25
        ("2024-12-31", 11, "1980-05-15", "do_not_refer"),
        ("2024-12-31", 12, "1980-05-15", "refer"),
        ("2024-12-31", 5, "2001-01-01", "do_not_refer"),
        ("2024-12-31", 6, "2001-01-01", "refer"),
        ("2024-12-31", None, "1980-05-15", "cannot_determine"),
        # from 1.1.2025 no duration criterion at all
        ("2025-01-01", 0, "1980-05-15", "refer"),
        ("2025-01-01", None, "1980-05-15", "refer"),
        ("2025-01-02", 1, "2001-01-01", "refer"),
    ],
)
def test_no_duration_criterion_from_2025(
    day: str, months: int | None, born: str, outcome: str
) -> None:
    verdict = referral(assess(day, unemployed_months=months), date.fromisoformat(born))
    assert verdict.outcome == outcome


def test_the_subsidy_days_meet_the_earlier_criterion() -> None:
    a = assess("2024-06-01", unemployed_months=2, labour_market_subsidy_days=300)
    assert referral(a, BIRTH).outcome == "refer"
    a = assess("2024-06-01", unemployed_months=2, labour_market_subsidy_days=299)
    assert referral(a, BIRTH).outcome == "do_not_refer"


def test_a_decision_against_the_criteria_is_flagged() -> None:
    on = date(2027, 2, 1)
    data = jobseeker(assessment={"date": "2027-01-10", **MEETS, "decision": "do_not_refer"})
    assert keys(run(data, on), "TYM.REFERRAL") == ["TYM.REFERRAL.not_referred"]
    data = jobseeker(assessment={"date": "2027-01-10", **MEETS})
    assert keys(run(data, on), "TYM.REFERRAL") == ["TYM.REFERRAL.decide_refer"]
    data["assessment"]["long_term_or_intensive"] = None
    assert keys(run(data, on), "TYM.REFERRAL") == ["TYM.REFERRAL.cannot_determine"]


@given(st.dictionaries(st.sampled_from(sorted(MEETS)), st.booleans()))
def test_adding_an_exclusion_never_turns_a_refusal_into_a_referral(facts: dict[str, bool]) -> None:
    base = referral(assess(**facts), BIRTH)
    worse = referral(assess(**{**facts, "public_services_suffice": True}), BIRTH)
    assert worse.outcome == "do_not_refer"
    assert not (base.outcome == "do_not_refer" and worse.outcome == "refer")


PLAN = {"date": "2027-01-20", "parties": [{"party": "kela", "services": ["AKSE"]}]}


@pytest.mark.parametrize(
    ("on", "done", "key"),
    [
        ("2027-04-19", None, "TYM.PLAN.review.due"),
        ("2027-04-20", None, "TYM.PLAN.review.due"),
        ("2027-04-21", None, "TYM.PLAN.review.missed"),
        # reviewed: on time nothing late; the next review is still to be set
        ("2027-04-21", "2027-04-20", "TYM.PLAN.no_review"),
        ("2027-04-22", "2027-04-21", "TYM.PLAN.review.late"),
    ],
)
def test_plan_review_deadline(on: str, done: str | None, key: str) -> None:
    plan = {**PLAN, "reviews": [{"due": "2027-04-20", "done": done}]}
    found = keys(run(jobseeker(tym_plan=plan), date.fromisoformat(on)), "TYM.PLAN")
    assert found[0] == key
    assert "TYM.PLAN.review.late" not in found[1:]


def test_plan_missing_after_a_referral_and_parties_without_services() -> None:
    on = date(2027, 2, 1)
    data = jobseeker(assessment={"date": "2027-01-10", **MEETS, "decision": "refer"})
    assert keys(run(data, on), "TYM.PLAN") == ["TYM.PLAN.missing"]
    plan = {"date": "2027-01-20", "parties": [{"party": "wellbeing_county"}]}
    assert keys(run(jobseeker(tym_plan=plan), on), "TYM.PLAN") == [
        "TYM.PLAN.no_services",
        "TYM.PLAN.no_review",
    ]
