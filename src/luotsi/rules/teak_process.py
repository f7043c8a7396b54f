"""TEAK (seed 004, audits in 001), round 2: the invitation letter, the lighter approach, five
days a week on average, and the feedback report's attachments."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date
from operator import attrgetter
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule
from luotsi.rules.spans import Span

_DATE = attrgetter("date")


@rule("TEAK.INVITATION", "004 Kuntoutuksen toteutuspaikka ja -tapa; 001 TEAK auditointihavainnot")
def invitation(ctx: Ctx) -> None:
    """Advance contact, then the invitation letter, then the start: the letter comes first."""
    letters = ctx.invitations
    start = ctx.first_day
    if start is None:
        if ctx.precontacts and not letters and ctx.ended is None:
            deadline = cal.add_days(ctx.ref_date, ctx.p("teak_start_deadline_days").value)
            ctx.add(
                "due", "TEAK.INVITATION.due", due=deadline, date=ctx.precontacts[0].date,
                events=ctx.precontacts[:1], params=[ctx.p("teak_start_deadline_days")],
                deadline=deadline,
            )  # fmt: skip
        return
    if not letters or letters[0].date > start:
        ctx.add(
            "warning", "TEAK.INVITATION.missing", date=start, events=letters[:1], start=start,
        )  # fmt: skip


@rule("TEAK.LIGHT", "004 Kevennetty kuntoutuksellinen työote")
def light_approach(ctx: Ctx) -> None:
    """The lighter approach is recorded with its reason; fewer days are then no deviation."""
    for event in ctx.light_approaches:
        if event.reason:
            ctx.add(
                "info", "TEAK.LIGHT.chosen", date=event.date, events=[event], reason=event.reason
            )
        else:
            ctx.add("warning", "TEAK.LIGHT.no_reason", date=event.date, events=[event])


@rule("DAY.WEEKDAYS", "004 Asiakkaan kuntoutuspäivä")
def days_per_week(ctx: Ctx) -> None:
    """On average 5 rehabilitation days a week over the whole rehabilitation."""
    days = ctx.counted_days
    if len(days) < 2 or ctx.light_approaches:
        return
    target = ctx.p("teak_days_per_week")
    # The whole ISO weeks between the first and the last day's weeks that are over and
    # untouched by a pause, an absence or flexibility (those have their own rules). Weeks
    # are their Mondays' day ordinals (ordinal 1, 1.1.0001, was a Monday).
    low, high = days[0].date.toordinal(), days[-1].date.toordinal()
    first = low - (low - 1) % 7 + 7
    last = min(high - (high - 1) % 7, ctx.on.toordinal() - 6)
    if last <= first:
        return
    touched: set[int] = set()  # the Mondays of weeks touched by a pause, absence or flex
    spans: list[Span[Any]] = [*ctx.pauses, *ctx.absences, *ctx.flexes]
    for span in spans:
        start, end = span.start.toordinal(), span.end.toordinal()
        touched.update(range(max(start - (start - 1) % 7, first), min(end + 1, last), 7))
    weeks = (last - first) // 7 - len(touched)
    if weeks <= 0:
        return
    fromordinal = date.fromordinal
    realised = bisect_left(days, fromordinal(last), key=_DATE) - bisect_left(
        days, fromordinal(first), key=_DATE
    )
    for monday in touched:
        realised -= bisect_left(days, fromordinal(monday + 7), key=_DATE) - bisect_left(
            days, fromordinal(monday), key=_DATE
        )
    holidays = [
        h
        for h in _weekday_holidays(fromordinal(first).year, fromordinal(last).year)
        if first <= h < last and h - (h - 1) % 7 not in touched
    ]
    capacity = 5 * weeks - len(holidays)
    if capacity > 0 and 5 * realised < capacity * target.value:
        ctx.add(
            "warning", "DAY.WEEKDAYS.average", date=days[-1].date, params=[target],
            average=round(5 * realised / capacity, 1), weeks=weeks, target=target.value,
        )  # fmt: skip


_HOLIDAYS: dict[tuple[int, int], tuple[int, ...]] = {}


def _weekday_holidays(first: int, last: int) -> tuple[int, ...]:
    """The ordinals of the Finnish public holidays on Mon–Fri of the years first..last."""
    found = _HOLIDAYS.get((first, last))
    if found is None:
        table = cal.not_allowance_days(first, last)
        found = _HOLIDAYS[first, last] = tuple(
            sorted(
                d.toordinal()
                for d, reason in table.items()
                if first <= d.year <= last and reason == "public_holiday" and d.weekday() < 5
            )
        )
    return found


@rule("FEEDBACK.ATTACHMENTS", "001 TEAK auditointihavainnot")
def feedback_attachments(ctx: Ctx) -> None:
    """The TEAK feedback report carries the GAS form and KU5 as attachments."""
    reports = [f for f in ctx.feedbacks if f.kind != "followup"]
    if not reports:
        return
    last = reports[-1]
    if last.attachments is None:
        ctx.add("info", "FEEDBACK.ATTACHMENTS.not_recorded", date=last.date, events=[last])
        return
    missing = [a for a in ("GAS", "KU5") if a not in last.attachments]
    if missing:
        ctx.add(
            "violation", "FEEDBACK.ATTACHMENTS.missing", date=last.date, events=[last],
            missing=", ".join(missing),
        )  # fmt: skip
