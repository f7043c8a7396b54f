"""Helpers that more than one rule module uses (so the rule modules need not import each
other: they form one layer of independent modules, ``pyproject.toml``'s contract)."""

from __future__ import annotations

from datetime import date

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.params import ParamValue


def notify_queue(ctx: Ctx, started: date | None, days: ParamValue) -> None:
    """QUEUE.NOTIFY for any service: ``started`` is the event that starts rehabilitation."""
    if started is not None or ctx.ended is not None or days.value is None:
        return
    near = ctx.p("queue_notify_days")
    deadline = cal.add_days(ctx.ref_date, days.value)
    if (deadline - ctx.on).days > near.value:
        return
    if any(n.date >= ctx.ref_date for n in ctx.notices):
        return
    ctx.add("action", "QUEUE.NOTIFY.notify", params=[days, near], deadline=deadline)


def phase_start(ctx: Ctx, name: str) -> date | None:
    """Taito: the date of the first ``phase`` event named ``name``."""
    return next((p.date for p in ctx.phases if p.phase == name), None)


def practice_bounds(ctx: Ctx) -> tuple[date | None, date | None]:
    """Taito: start and end (``deepening`` start or the end; None while running) of work
    practice."""
    start = phase_start(ctx, "practice")
    if start is None:
        return None, None
    return start, phase_start(ctx, "deepening") or ctx.ended
