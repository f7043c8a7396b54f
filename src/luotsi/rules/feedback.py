"""The feedback report (kuntoutuspalaute): FEEDBACK.DEADLINE, FEEDBACK.SICKNESS_NOTE."""

from __future__ import annotations

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule


@rule("FEEDBACK.DEADLINE", "004 Kuntoutuspalaute ja osallistumistodistus; 003 Vastaus 5")
def feedback_deadline(ctx: Ctx) -> None:
    """The feedback report is sent to the client and Kela within 14 days of the end."""
    if ctx.end is None:
        return
    days = ctx.p("feedback_days")
    end = ctx.end.date
    sent = next((f for f in ctx.feedbacks if f.date >= end), None)
    if sent is None and ctx.feedbacks:
        sent = ctx.feedbacks[-1]
    ctx.deadline(
        cal.add_days(end, days.value),
        sent.date if sent else None,
        "FEEDBACK.DEADLINE",
        trigger=end,
        events=[ctx.end] + ([sent] if sent else []),
        params=[days],
        end=end,
    )


@rule("FEEDBACK.SICKNESS_NOTE", "001 Sairastuminen kuntoutuksen aikana")
def feedback_sickness_note(ctx: Ctx) -> None:
    """When the phase-1 deadline was extended for sickness, the feedback report records it."""
    if ctx.phase1.extension_days <= 0 or not ctx.feedbacks:
        return
    if not any(f.mentions_sickness_extension for f in ctx.feedbacks):
        last = ctx.feedbacks[-1]
        ctx.add(
            "violation", "FEEDBACK.SICKNESS_NOTE.missing", date=last.date, events=[last],
            days=ctx.phase1.extension_days,
        )  # fmt: skip
