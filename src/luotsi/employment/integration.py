"""Writing integration plans (KOTO.PLAN), consultations (CONSULT.CONSENT) and the hand-off to
vocational rehabilitation (KELA.ELIGIBILITY); re-exported by ``luotsi.employment.service``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.rules.calendar import finnish_date
from luotsi.rules.employment import kela, koto
from luotsi.rules.employment import schema as fmt

from .findings import recompute
from .models import (
    Consultation,
    IntegrationPlan,
    Jobseeker,
    RehabilitationReferral,
)
from .plans import _fail, _service


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
