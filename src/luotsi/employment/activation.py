"""Writing activation plans with rehabilitative work activity (KUTY.PLAN_CONTENT); re-exported
by ``luotsi.employment.service``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.rules.calendar import finnish_date
from luotsi.rules.employment import kuty
from luotsi.rules.employment import schema as fmt

from .findings import recompute
from .models import (
    ActivationPlan,
    Jobseeker,
    PlanStatus,
)
from .plans import ITEM_NAMES, KUTY_FIELDS, _fail, _service


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
