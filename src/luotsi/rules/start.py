"""Start of rehabilitation: START.DEADLINE and QUEUE.NOTIFY (TK, TV)."""

from __future__ import annotations

from luotsi.rules import calendar as cal
from luotsi.rules.common import notify_queue
from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule


@rule("START.DEADLINE", "000 Joustot kuntoutuksessa; 001 Tapaamisten toteutus")
def start_deadline(ctx: Ctx) -> None:
    """The first meeting is within 14 days of the decision arriving at the provider."""
    days = ctx.p("start_deadline_days")
    if days.value is None:
        return
    deadline = cal.add_days(ctx.ref_date, days.value)
    ctx.deadline(
        deadline,
        ctx.first_meeting,
        "START.DEADLINE",
        trigger=ctx.ref_date,
        events=ctx.meetings[:1],
        params=[days],
        received=ctx.ref_date,
    )


@rule("QUEUE.NOTIFY", "004 Jonotilanteesta ilmoittaminen")
def queue_notify(ctx: Ctx) -> None:
    """If rehabilitation cannot start within the start deadline, the provider notifies Kela."""
    notify_queue(ctx, ctx.first_meeting, ctx.p("start_deadline_days"))
