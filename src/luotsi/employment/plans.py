"""Writing a jobseeker's assessment and plans (re-exported by ``luotsi.employment.service``).

Each function checks the policy, validates with the employment-area rules (the same
functions ``luotsi check`` runs), saves in one transaction, writes the change log and
re-evaluates the jobseeker. Refusals are ``ValidationError``s keyed by field, naming what is
missing; nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.rules.employment import kuty, referral
from luotsi.rules.employment import schema as fmt

from .findings import recompute
from .models import (
    Assessment,
    Jobseeker,
    PartyKind,
    PlanReview,
    PlanService,
    TymPlan,
)

ASSESSMENT_FACTS = (
    "capacity_limits",
    "life_management",
    "multi_sector_support",
    "consultation_only",
    "public_services_suffice",
    "long_term_or_intensive",
)
KUTY_FIELDS = tuple(name for _item, names in kuty.ITEMS for name in names)
ITEM_NAMES = {
    1: gettext_lazy("1 goal, description and place"),
    2: gettext_lazy("2 daily and weekly duration"),
    3: gettext_lazy("3 start and length"),
    4: gettext_lazy("4 support and guidance"),
    5: gettext_lazy("5 other services"),
    6: gettext_lazy("6 date of evaluating the effects"),
}


def _service() -> Any:
    from . import service  # the public face: check, audit, full_clean

    return service


def _fail(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError({k: [ValidationError(m) for m in v] for k, v in errors.items()})


@transaction.atomic
def record_assessment(
    actor: User | None,
    js: Jobseeker,
    *,
    date: dt.date,
    with_county: bool = False,
    with_kela: bool = False,
    decision: str = "",
    notes: str = "",
    on: dt.date | None = None,
    **facts: bool | None,
) -> Assessment:
    """The multi-sector service-need assessment: who took part, the facts, the decision;
    TYM.REFERRAL's outcome and reasons are stored with it."""
    svc = _service()
    svc.check(actor, js)
    unknown = set(facts) - set(ASSESSMENT_FACTS)
    if unknown:
        raise TypeError(f"record_assessment got unknown facts: {sorted(unknown)}")
    a = Assessment(
        jobseeker=js,
        date=date,
        with_county=with_county,
        with_kela=with_kela,
        decision=decision,
        notes=notes,
        **facts,
    )
    svc.full_clean(a, exclude=["jobseeker", "outcome", "reasons"])
    verdict = referral.referral(
        fmt.Assessment(date=date, **{k: getattr(a, k) for k in ASSESSMENT_FACTS}),
        js.client.birth_date,
    )
    a.outcome, a.reasons = verdict.outcome, list(verdict.reasons or verdict.missing)
    a.save()
    svc.audit(actor, js, Action.CREATE, a, ["date", "participants", *ASSESSMENT_FACTS, "decision"])
    recompute(js, on)
    return a


SERVICE_PARTIES = (
    PartyKind.EMPLOYMENT_AUTHORITY,
    PartyKind.WELLBEING_COUNTY,
    PartyKind.KELA,
)


@transaction.atomic
def save_tym_plan(
    actor: User | None,
    js: Jobseeker,
    *,
    date: dt.date,
    review_by: dt.date,
    with_county: bool = False,
    with_kela: bool = False,
    goal: str = "",
    services: dict[str, Iterable[str]] | None = None,
    on: dt.date | None = None,
) -> TymPlan:
    """The multi-sector employment plan with each party's services and the first review;
    a new plan ends the one before it."""
    svc = _service()
    svc.check(actor, js)
    services = {p: [s.strip() for s in v if s.strip()] for p, v in (services or {}).items()}
    errors: dict[str, list[str]] = {}
    if review_by <= date:
        errors["review_by"] = [_("The review date must be after the plan's date.")]
    for party, flag in ((PartyKind.WELLBEING_COUNTY, with_county), (PartyKind.KELA, with_kela)):
        if services.get(party) and not flag:
            errors[f"services_{party}"] = [_("This party is not a party to the plan.")]
    _fail(errors)
    js.tym_plans.filter(ended__isnull=True).update(ended=date)
    plan = TymPlan.objects.create(
        jobseeker=js, date=date, with_county=with_county, with_kela=with_kela, goal=goal
    )
    PlanService.objects.bulk_create(
        PlanService(plan=plan, party=party, service=text[:300])
        for party in SERVICE_PARTIES
        for text in services.get(party, [])
    )
    PlanReview.objects.create(plan=plan, due=review_by)
    svc.audit(actor, js, Action.CREATE, plan, ["date", "parties", "services", "review_by"])
    recompute(js, on)
    return plan


@transaction.atomic
def complete_review(
    actor: User | None,
    review: PlanReview,
    *,
    done: dt.date,
    notes: str = "",
    next_review: dt.date | None = None,
    on: dt.date | None = None,
) -> PlanReview:
    """Mark a review of the plan done and set the next one."""
    svc = _service()
    js = review.plan.jobseeker
    svc.check(actor, js)
    errors: dict[str, list[str]] = {}
    if done < review.plan.date:
        errors["done"] = [_("A review cannot be before the plan's date.")]
    if next_review is not None and next_review <= done:
        errors["next_review"] = [_("The next review must be after this one.")]
    _fail(errors)
    review.done, review.notes = done, notes
    review.save(update_fields=["done", "notes"])
    if next_review is not None:
        PlanReview.objects.create(plan=review.plan, due=next_review)
    svc.audit(
        actor, js, Action.EDIT, review.plan, ["review", *(["next_review"] if next_review else [])]
    )
    recompute(js, on)
    return review
