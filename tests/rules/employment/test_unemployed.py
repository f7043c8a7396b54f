"""UNEMPLOYED (380/2023 3 § 4): each clause at its boundary, and which clause decides."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luotsi.rules.employment.schema import Situation
from luotsi.rules.employment.unemployed import unemployed
from tests.rules.employment.builders import jobseeker, keys, run

ON = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("facts", "is_unemployed", "deciding"),
    [
        ({}, True, "1.1_not_employed"),
        ({"employed": True}, False, "1_employed"),
        ({"employed": True, "fully_laid_off": True}, True, "1.1_fully_laid_off"),
        # weekly hours: the hour under, the limit, the hour over
        ({"employed": True, "weekly_hours": 3.99}, True, "1.2_under_weekly_hours"),
        ({"employed": True, "weekly_hours": 4}, False, "1_employed"),
        ({"employed": True, "weekly_hours": 4.01}, False, "1_employed"),
        ({"employed": True, "weekly_hours": 10, "minimum_weekly_hours": 3.5}, True,
         "1.3_under_minimum_hours"),
        ({"employed": True, "weekly_hours": 10, "minimum_weekly_hours": 4}, False, "1_employed"),
        # business: two weeks continuously is the limit (13, 14, 15 days)
        ({"business_days_continuous": 13}, True, "1.1_not_employed"),
        ({"business_days_continuous": 14}, True, "1.1_not_employed"),
        ({"business_days_continuous": 15}, False, "2_business"),
        ({"business_days_continuous": 15, "business_benefit_entitled": True}, True,
         "1.1_not_employed"),
        # studies
        ({"full_time_student": True}, False, "3_student"),
        ({"full_time_student": True, "studies_benefit_entitled": True}, True,
         "1.1_not_employed"),
        # the first failing clause decides
        ({"employed": True, "full_time_student": True}, False, "1_employed"),
        ({"business_days_continuous": 30, "full_time_student": True}, False, "2_business"),
    ],
)  # fmt: skip
def test_unemployed_boundaries(facts: dict[str, Any], is_unemployed: bool, deciding: str) -> None:
    verdict = unemployed(Situation(**facts), ON)
    assert verdict.unemployed is is_unemployed
    assert verdict.deciding == deciding


def test_finding_names_the_deciding_clause() -> None:
    result = run(jobseeker(situation={"employed": True, "weekly_hours": 20}), ON)
    assert keys(result, "UNEMPLOYED") == ["UNEMPLOYED.not.1_employed"]
    assert "4 tuntia" in result.findings[0].message("fi")
    assert result.counters["unemployed"] is False
    assert run(jobseeker(), ON).counters["unemployed"] is None  # no situation: not judged


@given(
    st.builds(
        Situation,
        employed=st.booleans(),
        fully_laid_off=st.booleans(),
        weekly_hours=st.none() | st.floats(0, 60),
        business_days_continuous=st.integers(0, 60),
        business_benefit_entitled=st.booleans(),
        full_time_student=st.booleans(),
        studies_benefit_entitled=st.booleans(),
    )
)
def test_unemployed_exactly_when_no_clause_fails(situation: Situation) -> None:
    """Unemployed iff none of the three conditions fails; more work never makes one unemployed."""
    verdict = unemployed(situation, ON)
    failing = {"1_employed", "2_business", "3_student"} & set(verdict.clauses)
    assert verdict.unemployed is (not failing)
    if situation.employed and not situation.fully_laid_off and situation.weekly_hours is not None:
        more = situation.model_copy(update={"weekly_hours": situation.weekly_hours + 10})
        assert not (unemployed(more, ON).unemployed and not verdict.unemployed)
