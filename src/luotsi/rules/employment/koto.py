"""KOTO.PLAN: integration plans and the integration time (act on promoting integration)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luotsi.rules import calendar as cal

from .core import Ctx, param, rule
from .schema import Integration

SOURCE = "002 Kotoutumispalvelut, ohjautuminen ja kotoutumisaika"


@dataclass(frozen=True, slots=True)
class IntegrationTime:
    """The integration time on a date: its start, its last day, days used and left."""

    starts: date
    first_plan: date
    ends: date  # the last day the plans may reach (2 years, 3 with a reason)
    first_plan_ends: date  # the last day the first plan may reach (1 year)
    used_days: int
    left_days: int
    extended: bool


def integration_time(integration: Integration, on: date) -> IntegrationTime | None:
    """The integration time: from the initial assessment, up to 2 years from the first plan's
    start (3 with a recorded reason); None before the first plan."""
    if not integration.plans:
        return None
    limits = param("koto_plan", on).value
    first = min(p.from_ for p in integration.plans)
    extended = bool(integration.extension_reason.strip())
    months = limits["extended_months"] if extended else limits["total_months"]
    ends = cal.add_days(cal.add_months(first, months), -1)
    starts = integration.initial_assessment or first
    used = max(0, (min(on, ends) - starts).days + 1) if on >= starts else 0
    left = max(0, (ends - on).days)
    first_ends = cal.add_days(cal.add_months(first, limits["first_months"]), -1)
    return IntegrationTime(starts, first, ends, first_ends, used, left, extended)


def limit_problems(integration: Integration, on: date) -> tuple[str, ...]:
    """KOTO.PLAN's refusals of the plans as recorded: ``first_too_long``, ``over_total``
    (past 2 years without a reason) and ``over_extended`` (past 3 years)."""
    time = integration_time(integration, on)
    if time is None:
        return ()
    plans = sorted(integration.plans, key=lambda p: p.from_)
    problems: list[str] = []
    if plans[0].to > time.first_plan_ends:
        problems.append("first_too_long")
    last = max(p.to for p in plans)
    if last > time.ends:
        problems.append("over_extended" if time.extended else "over_total")
    return tuple(problems)


@rule("KOTO.PLAN", SOURCE)
def koto_plan(ctx: Ctx) -> None:
    """The first integration plan is at most 1 year; all at most 2 years (3 with a reason)."""
    integration = ctx.file.integration
    if integration is None:
        return
    limits = param("koto_plan", ctx.on)
    if ctx.file.jobseeker.residence_permit is False:
        ctx.add("violation", "KOTO.PLAN.no_residence_permit", date=integration.initial_assessment)
    time = integration_time(integration, ctx.on)
    if time is None:
        return
    ctx.counters["integration_ends"] = time.ends.isoformat()
    ctx.counters["integration_days_used"] = time.used_days
    ctx.counters["integration_days_left"] = time.left_days
    for problem in limit_problems(integration, ctx.on):
        limit = time.first_plan_ends if problem == "first_too_long" else time.ends
        ctx.add("violation", f"KOTO.PLAN.{problem}", date=time.first_plan, params=[limits],
                limit=limit)  # fmt: skip
    notice = param("koto_notice_days", ctx.on)
    if ctx.on <= time.ends and time.left_days <= notice.value:
        ctx.add("due", "KOTO.PLAN.time_running_out", due=time.ends, date=time.starts,
                params=[limits, notice], deadline=time.ends, count=time.left_days)  # fmt: skip
