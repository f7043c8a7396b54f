"""TYM.REFERRAL and TYM.PLAN: the multi-sector service-need assessment and its plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from .core import Ctx, age_on, param, rule
from .schema import Assessment

SOURCE = "002 Monialaisen palvelutarpeen arviointiin ohjaaminen"
Outcome = Literal["refer", "do_not_refer", "cannot_determine"]
# Why: the criteria met (refer) or the first ones that fail (do not refer), in this order.
Reason = Literal[
    "capacity_limits",
    "life_management",
    "multi_sector_support",
    "no_obstacle",
    "consultation_only",
    "no_multi_sector_support",
    "public_services_suffice",
    "not_long_term_or_intensive",
    "duration_not_met",
]
REASONS: tuple[Reason, ...] = (
    "capacity_limits",
    "life_management",
    "multi_sector_support",
    "no_obstacle",
    "consultation_only",
    "no_multi_sector_support",
    "public_services_suffice",
    "not_long_term_or_intensive",
    "duration_not_met",
)


@dataclass(frozen=True, slots=True)
class Referral:
    """The referral verdict of an assessment, its reasons and the facts still missing."""

    outcome: Outcome
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]


def referral(assessment: Assessment, birth_date: date) -> Referral:
    """TYM.REFERRAL: refer when capacity limits or life-management problems are the
    obstacles and they need multi-sector support (not only consultation), unless public
    employment services suffice or the need is not long-term or intensive; before
    1.1.2025 also the unemployment-duration criterion of the earlier act."""
    a = assessment
    facts = {
        "capacity_limits": a.capacity_limits,
        "life_management": a.life_management,
        "multi_sector_support": a.multi_sector_support,
        "public_services_suffice": a.public_services_suffice,
        "long_term_or_intensive": a.long_term_or_intensive,
    }
    reasons: list[Reason] = []
    if a.capacity_limits is False and a.life_management is False:
        reasons.append("no_obstacle")
    if a.consultation_only:
        reasons.append("consultation_only")
    elif a.multi_sector_support is False:
        reasons.append("no_multi_sector_support")
    if a.public_services_suffice:
        reasons.append("public_services_suffice")
    if a.long_term_or_intensive is False:
        reasons.append("not_long_term_or_intensive")
    duration = _duration_met(a, birth_date)
    if duration is False:
        reasons.append("duration_not_met")
    if reasons:
        return Referral("do_not_refer", tuple(reasons), ())
    missing = [name for name, value in facts.items() if value is None]
    if a.capacity_limits is None and a.life_management:
        missing.remove("capacity_limits")
    if a.life_management is None and a.capacity_limits:
        missing.remove("life_management")
    if duration is None:
        missing.append("unemployed_months")
    if missing:
        return Referral("cannot_determine", (), tuple(missing))
    met: list[Reason] = [r for r in ("capacity_limits", "life_management") if facts[r]]
    met.append("multi_sector_support")
    return Referral("refer", tuple(met), ())


def _duration_met(a: Assessment, birth_date: date) -> bool | None:
    """The earlier act's duration criterion on the assessment date (True when none applies)."""
    criterion = param("tym_duration_criterion", a.date).value
    if criterion is None:
        return True
    if a.labour_market_subsidy_days is not None and (
        a.labour_market_subsidy_days >= criterion["subsidy_days"]
    ):
        return True
    if a.unemployed_months is None:
        return None
    young = age_on(birth_date, a.date) < criterion["age_limit"]
    needed = criterion["young_months"] if young else criterion["older_months"]
    return bool(a.unemployed_months >= needed)


@rule("TYM.REFERRAL", SOURCE)
def referral_rule(ctx: Ctx) -> None:
    """The referral to a multi-sector assessment follows the criteria and the two exclusions."""
    a = ctx.file.assessment
    if a is None:
        return
    verdict = referral(a, ctx.file.jobseeker.birth_date)
    ctx.counters["referral"] = verdict.outcome
    ctx.counters["referral_reasons"] = list(verdict.reasons)
    used = [param("tym_duration_criterion", a.date)]
    if verdict.outcome == "cannot_determine":
        ctx.add("info", "TYM.REFERRAL.cannot_determine", date=a.date, params=used,
                missing=", ".join(verdict.missing))  # fmt: skip
    elif a.decision is not None and a.decision != verdict.outcome:
        key = (
            "TYM.REFERRAL.referred_against"
            if a.decision == "refer"
            else "TYM.REFERRAL.not_referred"
        )
        ctx.add("warning", key, date=a.date, params=used, reasons=", ".join(verdict.reasons))
    if a.decision is None and verdict.outcome != "cannot_determine":
        ctx.add("action", f"TYM.REFERRAL.decide_{verdict.outcome}", date=a.date, params=used)


@rule("TYM.PLAN", "002 Monialaisen palvelutarpeen arviointiin ohjaaminen")
def plan_rule(ctx: Ctx) -> None:
    """A referral leads to a multi-sector employment plan, reviewed on its review dates."""
    a, plan = ctx.file.assessment, ctx.file.tym_plan
    if plan is None:
        if a is not None and a.decision == "refer":
            ctx.add("action", "TYM.PLAN.missing", date=a.date)
        return
    if plan.ended is not None and plan.ended <= ctx.on:
        return
    ctx.counters["tym_parties"] = [p.party for p in plan.parties]
    for party in plan.parties:
        if not party.services:
            ctx.add("warning", "TYM.PLAN.no_services", date=plan.date, party=party.party)
    open_reviews = [r for r in plan.reviews if r.done is None]
    for review in plan.reviews:
        if review.done is not None and review.done > review.due:
            ctx.add("violation", "TYM.PLAN.review.late", date=review.done,
                    deadline=review.due, met=review.done)  # fmt: skip
    if not open_reviews:
        ctx.add("warning", "TYM.PLAN.no_review", date=plan.date)
        return
    nxt = min(open_reviews, key=lambda r: r.due)
    ctx.counters["tym_next_review"] = nxt.due.isoformat()
    ctx.deadline(nxt.due, None, "TYM.PLAN.review", trigger=plan.date)
