"""Small builders of ``luotsi-jobseeker/1`` dicts for the employment-area rule tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from luotsi.rules.employment import evaluate_jobseeker, parse_jobseeker
from luotsi.rules.findings import Evaluation


def jobseeker(**parts: Any) -> dict[str, Any]:
    """A jobseeker file; ``person`` overrides fields of ``jobseeker``, the rest are parts."""
    person = {"id": "J-1", "birth_date": "1980-05-15", "job_search_start": "2026-09-01"}
    person.update(parts.pop("person", {}))
    return {"format": "luotsi-jobseeker/1", "jobseeker": person, **parts}


def run(data: dict[str, Any], on: date) -> Evaluation:
    return evaluate_jobseeker(parse_jobseeker(data), on)


def keys(result: Evaluation, rule: str) -> list[str]:
    """The message keys of ``rule``'s findings, in order."""
    return [f.key for f in result.findings if f.rule == rule]


FULL_KUTY: dict[str, Any] = {
    "id": "K1",
    "made": "2027-01-20",
    "goal": "Päivärytmi",
    "description": "Puutyöt",
    "place": "Työpaja, Pori",
    "hours_per_day": 4,
    "days_per_week": 3,
    "start": "2027-02-01",
    "end": "2027-04-30",
    "support": "Ohjaaja",
    "other_services": "Aikuissosiaalityö",
    "evaluate_by": "2027-04-15",
}
