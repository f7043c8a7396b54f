"""KOTO.PLAN, KELA.ELIGIBILITY and CONSULT.CONSENT at their boundaries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luotsi.rules.employment.koto import integration_time
from luotsi.rules.employment.schema import Integration
from tests.rules.employment.builders import jobseeker, keys, run


def koto(plans: list[tuple[str, str]], reason: str = "", **person: Any) -> dict[str, Any]:
    return jobseeker(
        person={"unit": "integration", **person},
        integration={
            "initial_assessment": "2025-05-02",
            "plans": [{"from": a, "to": b} for a, b in plans],
            "extension_reason": reason,
        },
    )


@pytest.mark.parametrize(
    ("plans", "reason", "expected"),
    [
        ([("2025-06-01", "2026-05-31")], "", []),  # one year exactly
        ([("2025-06-01", "2026-06-01")], "", ["KOTO.PLAN.first_too_long"]),
        ([("2025-06-01", "2026-05-31"), ("2026-06-01", "2027-05-31")], "", []),  # two years
        ([("2025-06-01", "2026-05-31"), ("2026-06-01", "2027-06-01")], "",
         ["KOTO.PLAN.over_total"]),
        ([("2025-06-01", "2026-05-31"), ("2026-06-01", "2028-05-31")], "Työkyky", []),
        ([("2025-06-01", "2026-05-31"), ("2026-06-01", "2028-06-01")], "Työkyky",
         ["KOTO.PLAN.over_extended"]),
    ],
)  # fmt: skip
def test_plan_limits(plans: list[tuple[str, str]], reason: str, expected: list[str]) -> None:
    found = keys(run(koto(plans, reason), date(2025, 7, 1)), "KOTO.PLAN")
    assert found == expected


@pytest.mark.parametrize(
    ("on", "left", "due"),
    [
        ("2027-03-01", 91, False),  # one day outside the 90-day notice
        ("2027-03-02", 90, True),
        ("2027-05-31", 0, True),
        ("2027-06-01", 0, False),  # the time is over
    ],
)
def test_time_running_out(on: str, left: int, due: bool) -> None:
    data = koto([("2025-06-01", "2026-05-31"), ("2026-06-01", "2027-05-31")])
    result = run(data, date.fromisoformat(on))
    assert result.counters["integration_days_left"] == left
    assert ("KOTO.PLAN.time_running_out" in keys(result, "KOTO.PLAN")) is due


def test_an_employment_authority_client_needs_a_residence_permit() -> None:
    data = koto([("2025-06-01", "2026-05-31")], residence_permit=False)
    assert "KOTO.PLAN.no_residence_permit" in keys(run(data, date(2025, 7, 1)), "KOTO.PLAN")
    data = koto([("2025-06-01", "2026-05-31")], residence_permit=True)
    assert "KOTO.PLAN.no_residence_permit" not in keys(run(data, date(2025, 7, 1)), "KOTO.PLAN")


@given(st.integers(0, 2000), st.booleans())
def test_used_and_left_add_up_to_the_time(offset: int, extended: bool) -> None:
    """Used days + left days = the integration time's length (from the initial assessment)."""
    integration = Integration(
        initial_assessment=date(2025, 6, 1),
        plans=({"from": date(2025, 6, 1), "to": date(2026, 5, 31)},),  # type: ignore[arg-type]
        extension_reason="Työkyky" if extended else "",
    )
    on = date.fromordinal(date(2025, 6, 1).toordinal() + offset)
    time = integration_time(integration, on)
    assert time is not None
    length = (time.ends - time.starts).days + 1
    if on <= time.ends:
        assert time.used_days + time.left_days == length
    else:
        assert (time.used_days, time.left_days) == (length, 0)


VR: dict[str, Any] = {"service": "taito", "applied_on": "2027-03-01"}


@pytest.mark.parametrize(
    ("born", "ok"),
    [
        ("2009-03-02", False),  # 17: turns 18 the day after
        ("2009-03-01", True),  # 18 on the application date
        ("1962-03-02", True),  # 64
        ("1962-03-01", False),  # 65 on the application date
    ],
)
def test_taito_is_for_18_to_64(born: str, ok: bool) -> None:
    rehab = {**VR, "responsible": "kela", "criteria": ["partially_able_adult"]}
    data = jobseeker(person={"birth_date": born}, vocational_rehabilitation=rehab)
    found = keys(run(data, date(2027, 3, 1)), "KELA.ELIGIBILITY")
    assert ("KELA.ELIGIBILITY.taito_age" in found) is (not ok)


@pytest.mark.parametrize(
    ("rehab", "expected"),
    [
        ({}, ["KELA.ELIGIBILITY.responsible_missing"]),
        ({"responsible": "kela"}, ["KELA.ELIGIBILITY.no_criterion"]),
        ({"responsible": "kela", "criteria": ["illness_weakens_capacity"]}, []),
        ({"responsible": "pension_institution"}, []),
        ({"responsible": "unclear"}, ["KELA.ELIGIBILITY.consider_akse"]),
        ({"responsible": "unclear", "service": "akse"}, []),
        ({"applied_on": None}, []),  # nothing referred yet
    ],
)
def test_responsible_party_before_referral(rehab: dict[str, Any], expected: list[str]) -> None:
    data = jobseeker(vocational_rehabilitation={**VR, **rehab})
    assert keys(run(data, date(2027, 3, 1)), "KELA.ELIGIBILITY") == expected


CONSULT = {"date": "2027-02-10", "agreed_on": "2027-02-05", "agreed_parties": ["kela"],
           "parties": ["kela"]}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"agreed_on": "2027-02-10"}, []),  # agreed the same day, before it
        ({"agreed_on": "2027-02-11"}, ["CONSULT.CONSENT.agreed_after"]),
        ({"agreed_on": None}, ["CONSULT.CONSENT.not_agreed"]),
        ({"parties": ["kela", "wellbeing_county"]}, ["CONSULT.CONSENT.party"]),
    ],
)
def test_agreed_beforehand_with_only_the_agreed_parties(
    changes: dict[str, Any], expected: list[str]
) -> None:
    data = jobseeker(consultations=[{**CONSULT, **changes, "gone_through_on": "2027-02-12"}])
    assert keys(run(data, date(2027, 3, 1)), "CONSULT.CONSENT") == expected


@pytest.mark.parametrize(
    ("on", "gone", "key"),
    [
        ("2027-02-09", None, None),  # not held yet
        ("2027-02-24", None, "CONSULT.CONSENT.go_through.due"),
        ("2027-02-25", None, "CONSULT.CONSENT.go_through.missed"),
        ("2027-02-25", "2027-02-24", None),
        ("2027-02-26", "2027-02-25", "CONSULT.CONSENT.go_through.late"),
    ],
)
def test_outcome_gone_through_with_the_client(on: str, gone: str | None, key: str | None) -> None:
    data = jobseeker(consultations=[{**CONSULT, "gone_through_on": gone}])
    found = keys(run(data, date.fromisoformat(on)), "CONSULT.CONSENT")
    assert found == ([key] if key else [])
