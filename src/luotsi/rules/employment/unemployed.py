"""UNEMPLOYED: who is unemployed (Act 380/2023 3 § 4), and which clause decides it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from .core import Ctx, param, rule
from .schema import Situation

SOURCE = "002 Työttömän määritelmä (380/2023 3 § 4)"

# The clauses of 3 § 4, as the seed numbers them.
Clause = Literal[
    "1.1_not_employed",  # not in an employment relationship
    "1.1_fully_laid_off",  # employed but fully laid off
    "1.2_under_weekly_hours",  # weekly working time under 4 h
    "1.3_under_minimum_hours",  # agreed minimum working time under 4 h a week
    "1_employed",  # employed, not laid off, 4 h a week or more: not unemployed
    "2_no_business",
    "2.1_business_short",  # business or own work not over two weeks continuously
    "2.2_business_benefit",  # entitled to unemployment benefit despite the business
    "2_business",  # business over two weeks, no benefit: not unemployed
    "3_not_student",
    "3.1_studies_benefit",  # full-time student entitled to benefit despite the studies
    "3_student",  # full-time student without benefit: not unemployed
]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Unemployed or not, and the clause of each of the three conditions that decided."""

    unemployed: bool
    clauses: tuple[Clause, Clause, Clause]

    @property
    def deciding(self) -> Clause:
        """The first clause that makes the person not unemployed, else the employment one."""
        failing = [c for c in self.clauses if c in ("1_employed", "2_business", "3_student")]
        return failing[0] if failing else self.clauses[0]


def unemployed(situation: Situation, on: date) -> Verdict:
    """UNEMPLOYED: not employed (or fully laid off, or under 4 h a week), not in business
    full time, not a full-time student (each unless entitled to benefit)."""
    limits = param("unemployed", on).value
    max_hours = limits["max_weekly_hours"]
    employment: Clause
    if not situation.employed:
        employment = "1.1_not_employed"
    elif situation.fully_laid_off:
        employment = "1.1_fully_laid_off"
    elif situation.weekly_hours is not None and situation.weekly_hours < max_hours:
        employment = "1.2_under_weekly_hours"
    elif situation.minimum_weekly_hours is not None and situation.minimum_weekly_hours < max_hours:
        employment = "1.3_under_minimum_hours"
    else:
        employment = "1_employed"
    business: Clause
    if situation.business_days_continuous == 0:
        business = "2_no_business"
    elif situation.business_days_continuous <= limits["max_business_days"]:
        business = "2.1_business_short"
    elif situation.business_benefit_entitled:
        business = "2.2_business_benefit"
    else:
        business = "2_business"
    studies: Clause
    if not situation.full_time_student:
        studies = "3_not_student"
    elif situation.studies_benefit_entitled:
        studies = "3.1_studies_benefit"
    else:
        studies = "3_student"
    clauses = (employment, business, studies)
    ok = employment != "1_employed" and business != "2_business" and studies != "3_student"
    return Verdict(ok, clauses)


@rule("UNEMPLOYED", SOURCE)
def unemployed_rule(ctx: Ctx) -> None:
    """A jobseeker who is employed, in business or studying full time is not unemployed."""
    situation = ctx.file.situation
    if situation is None:
        ctx.counters["unemployed"] = None
        return
    verdict = unemployed(situation, ctx.on)
    ctx.counters["unemployed"] = verdict.unemployed
    ctx.counters["unemployed_clause"] = verdict.deciding
    if not verdict.unemployed:
        ctx.add(
            "warning", f"UNEMPLOYED.not.{verdict.deciding}", params=[param("unemployed", ctx.on)]
        )
