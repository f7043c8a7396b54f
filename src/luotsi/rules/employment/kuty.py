"""KUTY.PLAN_CONTENT: an activation plan with rehabilitative work activity (KUTY act)."""

from __future__ import annotations

from datetime import date

from luotsi.rules import calendar as cal

from .core import Ctx, param, rule
from .schema import ActivationPlan

SOURCE = "002 Kuntouttavan työtoiminnan sisältö laissa; Laki kuntouttavasta työtoiminnasta"

# The six items of the law, each with the plan fields that record it.
ITEMS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("goal", "description", "place")),
    (2, ("hours_per_day", "days_per_week")),
    (3, ("start", "end")),
    (4, ("support",)),
    (5, ("other_services",)),
    (6, ("evaluate_by",)),
)


def missing_fields(plan: ActivationPlan) -> tuple[str, ...]:
    """The plan fields of the six items that are left empty, in the law's order."""
    missing: list[str] = []
    for _item, fields in ITEMS:
        for name in fields:
            value = getattr(plan, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                missing.append(name)
    return tuple(missing)


def missing_items(plan: ActivationPlan) -> tuple[int, ...]:
    """KUTY.PLAN_CONTENT: the numbers (1–6) of the law's items the plan does not record."""
    absent = set(missing_fields(plan))
    return tuple(item for item, fields in ITEMS if absent & set(fields))


def shortest_end(start: date, on: date) -> date:
    """The earliest last day of a period of at least 3 months starting on ``start``."""
    months = param("kuty_min_months", on).value
    return cal.add_days(cal.add_months(start, months), -1)


@rule("KUTY.PLAN_CONTENT", SOURCE)
def kuty_plan(ctx: Ctx) -> None:
    """A plan records the six items, lasts ≥ 3 months, is evaluated by its date and renewed."""
    plans = sorted(ctx.file.activation_plans, key=lambda p: (p.start or p.made, p.made))
    minimum = param("kuty_min_months", ctx.on)
    active = 0
    for plan in plans:
        items = missing_items(plan)
        if items:
            ctx.add("violation", "KUTY.PLAN_CONTENT.missing", date=plan.made, plan=plan.id,
                    items=", ".join(map(str, items)), count=len(items))  # fmt: skip
        if plan.start is not None and plan.end is not None:
            if plan.end < shortest_end(plan.start, plan.start):
                ctx.add("violation", "KUTY.PLAN_CONTENT.too_short", date=plan.start,
                        params=[param("kuty_min_months", plan.start)], plan=plan.id,
                        start=plan.start, end=plan.end)  # fmt: skip
            if plan.start <= ctx.on <= plan.end:
                active += 1
        if plan.evaluate_by is not None:
            ctx.deadline(plan.evaluate_by, plan.evaluated_on, "KUTY.PLAN_CONTENT.evaluation",
                         trigger=plan.start or plan.made, plan=plan.id)  # fmt: skip
    ctx.counters["kuty_active"] = active > 0
    if not plans or ctx.file.jobseeker.employment_condition_met:
        return
    last = plans[-1]
    if last.end is not None and last.end < ctx.on and active == 0:
        ctx.add("action", "KUTY.PLAN_CONTENT.renew", date=last.end, params=[minimum],
                plan=last.id, end=last.end)  # fmt: skip
