"""Pauses (jaksotus) (TK, TV): PAUSE.TOO_LONG, PAUSE.TOO_MANY, PAUSE.REASON."""

from __future__ import annotations

from luotsi.rules import calendar as cal
from luotsi.rules.context import TEAK, Ctx
from luotsi.rules.registry import rule

# Services where a pause may be longer when the employer can only start later.
_EMPLOYER_DELAY_LONGER = frozenset(("TV", *TEAK))


@rule("PAUSE.TOO_LONG", "000 Jaksotus 1/2; 004 Kuntoutuksen jaksotus")
def pause_too_long(ctx: Ctx) -> None:
    """A pause lasts at most 3 weeks (TV, TEAK: except when the employer can only start later)."""
    maximum = ctx.p("pause_max_days")
    for span in ctx.pauses:
        if ctx.service in _EMPLOYER_DELAY_LONGER and span.event.reason == "employer_delay":
            continue
        if span.days > maximum.value:
            ctx.add(
                "violation",
                "PAUSE.TOO_LONG.long",
                date=span.start,
                events=[span],
                params=[maximum],
                days=span.days,
                maximum=maximum.value,
            )
        elif span.open:
            ctx.add(
                "due",
                "PAUSE.TOO_LONG.open",
                due=cal.add_days(span.start, maximum.value - 1),
                date=span.start,
                events=[span],
                params=[maximum],
                maximum=maximum.value,
            )


@rule("PAUSE.TOO_MANY", "000 Jaksotus 1/2")
def pause_too_many(ctx: Ctx) -> None:
    """TK has at most 1 pause, TV at most 2."""
    maximum = ctx.p("pause_max_count")
    if maximum.value is None or len(ctx.pauses) <= maximum.value:
        return
    extra = ctx.pauses[maximum.value]
    ctx.add(
        "violation",
        "PAUSE.TOO_MANY.many",
        date=extra.start,
        events=[extra],
        params=[maximum],
        count=len(ctx.pauses),
        maximum=maximum.value,
    )


@rule("PAUSE.REASON", "000 Jaksotus 1/2, 2/2; 001 Työnetsintä & jaksotus")
def pause_reason(ctx: Ctx) -> None:
    """A pause has an allowed employer-side reason; reasons on the client's side are not."""
    within = ctx.p("employment_ended_within_days")
    for span in ctx.pauses:
        reason = span.event.reason
        if reason is None:
            ctx.add("warning", "PAUSE.REASON.missing", date=span.start, events=[span])
        elif reason == "client_own":
            ctx.add("violation", "PAUSE.REASON.client", date=span.start, events=[span])
        elif reason == "employment_ended":
            if ctx.service != "TV":
                ctx.add("violation", "PAUSE.REASON.tv_only", date=span.start, events=[span])
                continue
            before = [w for w in ctx.workplaces if w.start < span.start and not w.open]
            if before and (before[-1].end - before[-1].start).days > within.value:
                ctx.add(
                    "violation",
                    "PAUSE.REASON.employment_too_long",
                    date=span.start,
                    events=[span, before[-1]],
                    params=[within],
                    days=within.value,
                )
        elif reason == "awaiting_employer_replies":
            base = ctx.phase1.base_deadline
            if base is not None and span.start < base:
                ctx.add(
                    "violation",
                    "PAUSE.REASON.too_early",
                    date=span.start,
                    events=[span],
                    params=ctx.phase1.params,
                    deadline=base,
                )
