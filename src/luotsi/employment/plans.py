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
from luotsi.rules.calendar import finnish_date
from luotsi.rules.employment import kela, koto, kuty, referral
from luotsi.rules.employment import schema as fmt

from .findings import recompute
from .models import (
    ActivationPlan,
    Assessment,
    Consultation,
    IntegrationPlan,
    Jobseeker,
    PartyKind,
    PlanReview,
    PlanService,
    PlanStatus,
    RehabilitationReferral,
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


def kuty_errors(values: dict[str, Any], on: dt.date, items: bool = True) -> dict[str, list[str]]:
    """KUTY.PLAN_CONTENT at the fields: each missing item's fields named with the item
    (when ``items``), the 3-month minimum at ``end``."""
    plan = fmt.ActivationPlan(
        id="new",
        made=values.get("made") or on,
        **{k: values.get(k) or ("" if k in TEXTS else None) for k in KUTY_FIELDS},
    )
    errors: dict[str, list[str]] = {}
    missing = set(kuty.missing_fields(plan)) if items else set()
    for item, names in kuty.ITEMS:
        for name in names:
            if name in missing:
                errors[name] = [
                    _("Required by the act on rehabilitative work activity: item %(item)s.")
                    % {"item": ITEM_NAMES[item]}
                ]
    if plan.start and plan.end and plan.end < kuty.shortest_end(plan.start, plan.start):
        errors.setdefault("end", []).append(
            _(
                "Rehabilitative work activity lasts at least 3 months: the end is %(date)s at "
                "the earliest."
            )
            % {"date": finnish_date(kuty.shortest_end(plan.start, plan.start))}
        )
    return errors


TEXTS = frozenset({"goal", "description", "place", "support", "other_services"})


def missing_item_numbers(plan: ActivationPlan) -> tuple[int, ...]:
    values = {k: getattr(plan, k) for k in KUTY_FIELDS}
    pure = fmt.ActivationPlan(
        id=str(plan.pk),
        made=plan.made,
        **{
            k: values[k] if values[k] is not None else ("" if k in TEXTS else None)
            for k in KUTY_FIELDS
        },
    )
    return kuty.missing_items(pure)


@transaction.atomic
def save_activation_plan(
    actor: User | None,
    js: Jobseeker,
    plan: ActivationPlan | None = None,
    *,
    finalise: bool = False,
    on: dt.date | None = None,
    **values: Any,
) -> ActivationPlan:
    """Save an activation plan (a draft may lack items); ``finalise`` refuses, naming each
    missing item at its field, unless all six are recorded and the period is ≥ 3 months."""
    svc = _service()
    svc.check(actor, js)
    if plan is not None and plan.status == PlanStatus.FINAL:
        raise ValidationError(_("A final activation plan cannot be changed; make a new one."))
    # a draft may lack items, but a period it names is at least 3 months
    errors = kuty_errors(values, values.get("made") or dt.date.today(), items=finalise)
    if finalise:
        draft = ActivationPlan(
            made=values.get("made") or dt.date.today(), **{k: values.get(k) for k in KUTY_FIELDS}
        )
        refusal = finalise_refusal(draft)
        if refusal:
            errors["__all__"] = [refusal]
    if (
        values.get("evaluated_on")
        and values.get("start")
        and values["evaluated_on"] < values["start"]
    ):
        errors.setdefault("evaluated_on", []).append(
            _("The evaluation cannot be before the start.")
        )
    _fail(errors)
    plan = plan or ActivationPlan(jobseeker=js)
    for key, value in values.items():
        setattr(plan, key, value)
    if finalise:
        plan.status = PlanStatus.FINAL
    svc.full_clean(plan, exclude=["jobseeker"])
    creating = plan.pk is None
    plan.save()
    svc.audit(
        actor,
        js,
        Action.CREATE if creating else Action.EDIT,
        plan,
        [*values, *(["status"] if finalise else [])],
    )
    recompute(js, on)
    return plan


def finalise_refusal(plan: ActivationPlan) -> str | None:
    """The message naming the missing items when a plan cannot be finalised, else None."""
    items = missing_item_numbers(plan)
    if not items:
        return None
    names = ", ".join(str(ITEM_NAMES[i]) for i in items)
    if len(items) == 1:
        return _(
            "The activation plan cannot be finalised: item %(items)s required by law is missing."
        ) % {"items": names}
    return _(
        "The activation plan cannot be finalised: items %(items)s required by law are missing."
    ) % {"items": names}


@transaction.atomic
def finalise_activation_plan(
    actor: User | None, plan: ActivationPlan, on: dt.date | None = None
) -> ActivationPlan:
    """Make the plan final (its PDF the record), or refuse naming the missing items."""
    values = {k: getattr(plan, k) for k in ("made", *KUTY_FIELDS)}
    return save_activation_plan(actor, plan.jobseeker, plan, finalise=True, on=on, **values)


@transaction.atomic
def evaluate_activation_plan(
    actor: User | None, plan: ActivationPlan, *, evaluated_on: dt.date, on: dt.date | None = None
) -> ActivationPlan:
    """Record that the effects were evaluated and the next steps decided (item 6)."""
    svc = _service()
    js = plan.jobseeker
    svc.check(actor, js)
    if plan.start and evaluated_on < plan.start:
        _fail({"evaluated_on": [_("The evaluation cannot be before the start.")]})
    plan.evaluated_on = evaluated_on
    plan.save(update_fields=["evaluated_on"])
    svc.audit(actor, js, Action.EDIT, plan, ["evaluated_on"])
    recompute(js, on)
    return plan


@transaction.atomic
def save_integration_plan(
    actor: User | None,
    js: Jobseeker,
    *,
    start: dt.date,
    end: dt.date,
    initial_assessment: dt.date | None = None,
    goals: str = "",
    services: str = "",
    extension_reason: str = "",
    on: dt.date | None = None,
) -> IntegrationPlan:
    """An integration plan; refused when the jobseeker has no residence permit recorded, or
    when KOTO.PLAN's limits are passed (past 2 years needs a reason, 3 is the most)."""
    svc = _service()
    svc.check(actor, js)
    errors: dict[str, list[str]] = {}
    if js.residence_permit is not True:
        errors["__all__"] = [
            _(
                "An employment-authority client needs a residence permit or a "
                "registered right of residence: record it on the jobseeker first."
            )
        ]
    if end < start:
        errors["end"] = [_("The end cannot be before the start.")]
    _fail(errors)
    existing = list(js.integration_plans.all())
    periods = [fmt.IntegrationPeriod(**{"from": p.start, "to": p.end}) for p in existing]
    periods.append(fmt.IntegrationPeriod(**{"from": start, "to": end}))
    first = min(existing, key=lambda p: p.start, default=None)
    initial = first.initial_assessment if first else initial_assessment
    reason = extension_reason or next(
        (p.extension_reason for p in existing if p.extension_reason), ""
    )
    integration = fmt.Integration(
        initial_assessment=initial, plans=tuple(periods), extension_reason=reason
    )
    time = koto.integration_time(integration, start)
    assert time is not None
    for problem in koto.limit_problems(integration, start):
        if problem == "first_too_long":
            errors.setdefault("end", []).append(
                _("The first integration plan is at most one year: it ends %(date)s at the latest.")
                % {"date": finnish_date(time.first_plan_ends)}
            )
        elif problem == "over_total":
            errors.setdefault("extension_reason", []).append(
                _(
                    "The integration plans run past two years (%(date)s): give the reason for "
                    "extending them, e.g. work or functional capacity."
                )
                % {"date": finnish_date(time.ends)}
            )
        else:
            errors.setdefault("end", []).append(
                _("Integration plans are at most three years: they end %(date)s at the latest.")
                % {"date": finnish_date(time.ends)}
            )
    _fail(errors)
    plan = IntegrationPlan(
        jobseeker=js,
        start=start,
        end=end,
        goals=goals,
        services=services,
        initial_assessment=initial if first is None else None,
        extension_reason=extension_reason,
    )
    svc.full_clean(plan, exclude=["jobseeker"])
    plan.save()
    svc.audit(
        actor, js, Action.CREATE, plan, ["start", "end", "goals", "services", "extension_reason"]
    )
    recompute(js, on)
    return plan


@transaction.atomic
def record_consultation(
    actor: User | None,
    js: Jobseeker,
    *,
    date: dt.date,
    agreed_on: dt.date | None,
    with_county: bool = False,
    with_kela: bool = False,
    others: str = "",
    topic: str = "",
    on: dt.date | None = None,
) -> Consultation:
    """A consultation agreed with the client beforehand (CONSULT.CONSENT): refused without
    the client's agreement, or agreed only after it; only the parties agreed take part."""
    svc = _service()
    svc.check(actor, js)
    errors: dict[str, list[str]] = {}
    if agreed_on is None:
        errors["agreed_on"] = [
            _(
                "A consultation is agreed with the client beforehand: give "
                "the day the client agreed to it and its parties."
            )
        ]
    elif agreed_on > date:
        errors["agreed_on"] = [_("The client must agree before the consultation, not after it.")]
    if not (with_county or with_kela or others.strip()):
        errors["__all__"] = [_("Name the parties the client agreed to consult.")]
    _fail(errors)
    c = Consultation.objects.create(
        jobseeker=js,
        date=date,
        agreed_on=agreed_on,
        with_county=with_county,
        with_kela=with_kela,
        others=others,
        topic=topic,
    )
    svc.audit(actor, js, Action.CREATE, c, ["date", "agreed_on", "parties", "topic"])
    recompute(js, on)
    return c


@transaction.atomic
def consultation_gone_through(
    actor: User | None, c: Consultation, *, on_day: dt.date, on: dt.date | None = None
) -> Consultation:
    """The consultation's outcome was gone through with the client."""
    svc = _service()
    svc.check(actor, c.jobseeker)
    if on_day < c.date:
        _fail({"gone_through_on": [_("It cannot be gone through before the consultation.")]})
    c.gone_through_on = on_day
    c.save(update_fields=["gone_through_on"])
    svc.audit(actor, c.jobseeker, Action.EDIT, c, ["gone_through_on"])
    recompute(c.jobseeker, on)
    return c


@transaction.atomic
def save_rehabilitation(
    actor: User | None,
    js: Jobseeker,
    *,
    responsible: str = "",
    criteria: Iterable[str] = (),
    service: str = "taito",
    applied_on: dt.date | None = None,
    decision: str = "pending",
    decided_on: dt.date | None = None,
    starts_on: dt.date | None = None,
    on: dt.date | None = None,
) -> RehabilitationReferral:
    """The hand-off to vocational rehabilitation (KELA.ELIGIBILITY): refused when applied
    for before the responsible party is recorded, or for Taito outside ages 18–64."""
    svc = _service()
    svc.check(actor, js)
    pure = fmt.VocationalRehabilitation(
        responsible=responsible or None,
        criteria=tuple(criteria),
        service=service,
        applied_on=applied_on,
        decision=decision,
        decided_on=decided_on,
        starts_on=starts_on,
    )
    errors: dict[str, list[str]] = {}
    problems = kela.eligibility_problems(pure, js.client.birth_date)
    if "responsible_missing" in problems:
        errors["responsible"] = [
            _("Establish who is responsible for the vocational rehabilitation before referring.")
        ]
    if "taito_age" in problems:
        errors["service"] = [
            _("Taito rehabilitation is for people aged 18–64 on the application date.")
        ]
    if decision != "pending" and decided_on is None:
        errors["decided_on"] = [_("Give the date of the decision.")]
    if decided_on and applied_on and decided_on < applied_on:
        errors["decided_on"] = [_("The decision cannot be before the application.")]
    if starts_on and decision != "granted":
        errors["starts_on"] = [_("Rehabilitation starts only after a positive decision.")]
    _fail(errors)
    rehab, created = RehabilitationReferral.objects.update_or_create(
        jobseeker=js,
        defaults={
            "responsible": responsible,
            "criteria": list(criteria),
            "service": service,
            "applied_on": applied_on,
            "decision": decision,
            "decided_on": decided_on,
            "starts_on": starts_on,
        },
    )
    svc.audit(
        actor,
        js,
        Action.CREATE if created else Action.EDIT,
        rehab,
        ["responsible", "criteria", "service", "applied_on", "decision", "decided_on", "starts_on"],
    )
    recompute(js, on)
    return rehab
