"""Phases and total duration (TK, TV): PHASE1.*, WORKPHASE.NOT_STARTED, NEWPLACE.DEADLINE,
TOTAL.DEADLINE."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.model import Meeting
from luotsi.rules.phase1 import PHASE1
from luotsi.rules.registry import rule


def _meeting_date(meeting: Meeting) -> date:
    return meeting.date


def _new_place_search_from(ctx: Ctx) -> date | None:
    """TK: the end of the first work trial that ended early (a new place is sought after it)."""
    if ctx.service != "TK":
        return None
    for span in ctx.workplaces:
        if not span.open and (ctx.ended is None or span.end < ctx.ended):
            return span.end
    return None


@rule("PHASE1.DEADLINE", "000 Tapaamisten toteutus; 001 Tapaamisten toteutus")
def phase1_deadline(ctx: Ctx) -> None:
    """Planning and job-search meetings are held within 1 month of the first meeting."""
    ph = ctx.phase1
    if ph.deadline is None:
        return
    new_place = _new_place_search_from(ctx)
    after = ctx.meetings[bisect_right(ctx.meetings, ph.deadline, key=_meeting_date) :]
    late = [
        m
        for m in after
        if ctx.meeting_phase(m) in PHASE1 and not (new_place is not None and m.date > new_place)
    ]
    for meeting in late:
        ctx.add(
            "violation",
            "PHASE1.DEADLINE.late",
            date=meeting.date,
            events=[meeting],
            params=ph.params,
            deadline=ph.deadline,
            met=meeting.date,
        )
    if not late and ctx.workplace_start is None and ctx.ended is None and ctx.on <= ph.deadline:
        ctx.add(
            "due",
            "PHASE1.DEADLINE.due",
            due=ph.deadline,
            date=ctx.first_meeting,
            events=ctx.meetings[:1],
            params=ph.params,
            deadline=ph.deadline,
        )


@rule("PHASE1.SICKNESS", "001 Sairastuminen kuntoutuksen aikana")
def phase1_sickness(ctx: Ctx) -> None:
    """A 1-2 week phase-1 sickness extends the phase-1 deadline; a longer one: contact Kela."""
    ph = ctx.phase1
    for span in ph.extending:
        ctx.add(
            "info",
            "PHASE1.SICKNESS.extended",
            date=span.start,
            events=[span],
            params=ph.params,
            days=span.days,
            deadline=ph.deadline,
        )
    for span in ph.long_sicknesses:
        ctx.add(
            "action",
            "PHASE1.SICKNESS.long",
            date=span.start,
            events=[span],
            params=ph.params,
            days=span.days,
        )


@rule("WORKPHASE.NOT_STARTED", "000 Työkokeilun tavoitteet 1/2; 001 Työnetsintä & jaksotus")
def workphase_not_started(ctx: Ctx) -> None:
    """If the workplace phase has not started by the (extended) phase-1 deadline, contact Kela."""
    deadline = ctx.extended_phase1_deadline
    if deadline is None:
        return
    start = ctx.workplace_start
    if start is not None and start <= deadline:
        return
    if start is None and (ctx.on <= deadline or (ctx.ended is not None and ctx.ended <= deadline)):
        return
    if ctx.notified(cal.add_days(deadline, 1)):
        return
    ctx.add(
        "action",
        "WORKPHASE.NOT_STARTED.contact",
        date=start,
        events=ctx.meetings[:1],
        params=ctx.phase1.params,
        deadline=deadline,
    )


@rule("NEWPLACE.DEADLINE", "000 Kysymykset 2/3")
def newplace_deadline(ctx: Ctx) -> None:
    """After a work trial ends early, the new place's workplace phase starts within 1 month."""
    months = ctx.p("newplace_months")
    spans = ctx.workplaces
    for index, span in enumerate(spans):
        if span.open or (ctx.ended is not None and span.end >= ctx.ended):
            continue
        deadline = cal.add_months(span.end, months.value)
        following = next((s for s in spans[index + 1 :] if s.start > span.end), None)
        if following is None and ctx.ended is not None and ctx.ended <= deadline:
            continue
        ctx.deadline(
            deadline,
            following.start if following else None,
            "NEWPLACE.DEADLINE",
            trigger=span.end,
            events=[span] + ([following] if following else []),
            params=[months],
            ended=span.end,
        )


@rule("TOTAL.DEADLINE", "000 Joustot; 001 Sairastuminen, Työnetsintä & jaksotus")
def total_deadline(ctx: Ctx) -> None:
    """All meetings and rehabilitation days fall on or before the total deadline."""
    deadline = ctx.total_deadline
    if deadline is None:
        if ctx.continuation and ctx.first_day is not None:
            ctx.add(
                "info", "TOTAL.DEADLINE.continuation", date=ctx.first_day,
                params=[ctx.p("total_months_continuation")],
            )  # fmt: skip
        return
    meetings, days = ctx.meetings, ctx.days  # both sorted by date
    if (not meetings or meetings[-1].date <= deadline) and (not days or days[-1].date <= deadline):
        return
    late = [m.date for m in meetings if m.date > deadline]
    late += [d.date for d in days if d.date > deadline]
    first = min(late)
    ctx.add(
        "violation",
        "TOTAL.DEADLINE.after",
        date=first,
        events=ctx.meetings[:1],
        params=[ctx.p("total_months")],
        deadline=deadline,
        count=len(late),
    )
