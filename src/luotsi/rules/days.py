"""Rehabilitation days (TK, TV): DAYS.*, DAY.LENGTH, PAID_WORK.REQUIRED, TOTAL.AT_RISK."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.model import Case, Flex, Pause, RehabDay
from luotsi.rules.registry import rule

_HOURS = attrgetter("hours")
_WORKPLACE_HOURS = attrgetter("workplace_hours")


@rule("DAYS.EXCEEDED", "000 Kysymykset 2/3; 001 Sairastuminen; 004 Kokonaiskesto")
def days_exceeded(ctx: Ctx) -> None:
    """Realised rehabilitation days never exceed the granted days."""
    granted, param = ctx.granted
    params = [param] if param else []
    if granted is None:
        ctx.add("info", "DAYS.EXCEEDED.unknown", params=params)
        return
    days = ctx.counted_days
    if len(days) > granted:
        ctx.add(
            "violation",
            "DAYS.EXCEEDED.over",
            date=days[granted].date,
            events=[days[granted]],
            params=params,
            used=len(days),
            granted=granted,
        )


@rule("DAYS.ON_ABSENCE", "000 Kysymykset 1/3; 001 Sairastuminen")
def days_on_absence(ctx: Ctx) -> None:
    """A sickness day (TV: also annual leave) is not a rehabilitation day."""
    absent = ctx.absence_days
    if not absent:
        return
    days = ctx.days
    for low, high, span in absent.ranges(ctx.day_dates):  # in date order
        for day in days[low:high]:
            ctx.add(
                "violation",
                "DAYS.ON_ABSENCE.day",
                date=day.date,
                events=[day, span],
                day=day.date,
                reason=span.event.reason,
            )


@rule("DAYS.ON_PAUSE", "000 Jaksotus kuntoutuksessa 1/2; 004 Kuntoutuksen jaksotus")
def days_on_pause(ctx: Ctx) -> None:
    """A pause is a break: a rehabilitation day recorded inside a pause is an error."""
    if not ctx.pauses or not ctx.days:
        return
    days = ctx.days
    for low, high, span in ctx.pause_days.ranges(ctx.day_dates):  # in date order
        for day in days[low:high]:
            ctx.add(
                "violation", "DAYS.ON_PAUSE.day", date=day.date, events=[day, span],
                day=day.date, start=span.start, end=span.end,
            )  # fmt: skip


def pause_covering(case: Case, day: date) -> Pause | None:
    """The pause of ``case`` whose days include ``day`` (an open pause runs on), or None.

    DAYS.ON_PAUSE's test for one day, for forms that refuse a rehabilitation day inside a
    pause at entry."""
    for event in case.events:
        if type(event) is Pause and event.from_ <= day and (event.to is None or day <= event.to):
            return event
    return None


def _flex_on(ctx: Ctx, day: RehabDay) -> Flex | None:
    for span in ctx.flexes:
        if span.covers(day.date):
            return span.event
    return None


@rule("DAY.LENGTH", "001 Täsmennys palvelukuvaukseen")
def day_length(ctx: Ctx) -> None:
    """A day is 6 h (from 2025-01-01: at least 6 h) with at least 5 h at the workplace."""
    short: list[RehabDay] = []
    long: list[RehabDay] = []
    little_work: list[RehabDay] = []
    days = ctx.days
    if not days:
        return
    first_version = ctx.p("day_length", days[0].date)
    same = first_version == ctx.p("day_length", days[-1].date)
    flexes = ctx.flexes
    workplace_start = ctx.workplace_start
    if same and not flexes and _all_within(days, first_version.value, workplace_start):
        return  # the loop below would find nothing
    for day in days:
        if flexes and _flex_on(ctx, day) is not None:
            continue  # only flexibility allows shorter days (FLEX.*)
        limits = (first_version if same else ctx.p("day_length", day.date)).value
        if day.hours < limits["min_hours"]:
            short.append(day)
        elif limits["max_hours"] is not None and day.hours > limits["max_hours"]:
            long.append(day)
        if (
            workplace_start is not None
            and day.date >= workplace_start
            and day.workplace_hours < limits["min_workplace_hours"]
        ):
            little_work.append(day)
    for key, bad in (("short", short), ("long", long), ("workplace", little_work)):
        if bad:
            version = ctx.p("day_length", bad[0].date)
            ctx.add(
                "violation",
                f"DAY.LENGTH.{key}",
                date=bad[0].date,
                events=bad[:1],
                params=[version],
                count=len(bad),
                hours=bad[0].hours,
                workplace_hours=bad[0].workplace_hours,
                min_hours=version.value["min_hours"],
                min_workplace_hours=version.value["min_workplace_hours"],
            )


def _all_within(days: list[RehabDay], limits: dict[str, Any], workplace_start: Any) -> bool:
    """Every day's hours within ``limits`` (one version for all days, no flexibility): the
    minimum and maximum taken in C instead of a comparison per day in Python."""
    hours = list(map(_HOURS, days))
    if min(hours) < limits["min_hours"]:
        return False
    if limits["max_hours"] is not None and max(hours) > limits["max_hours"]:
        return False
    if workplace_start is None or days[-1].date < workplace_start:
        return True
    return bool(min(map(_WORKPLACE_HOURS, days)) >= limits["min_workplace_hours"])


@rule("PAID_WORK.REQUIRED", "001 Muut toteutukseen liittyvät asiat")
def paid_work_required(ctx: Ctx) -> None:
    """TV: every rehabilitation day of the workplace phase is paid work, also under flexibility."""
    unpaid = [d for d in ctx.counted_days if ctx.in_workplace_phase(d.date) and not d.paid_work]
    if unpaid:
        ctx.add(
            "violation",
            "PAID_WORK.REQUIRED.unpaid",
            date=unpaid[0].date,
            events=unpaid[:1],
            count=len(unpaid),
        )


@rule("TOTAL.AT_RISK", "rules.md TOTAL.AT_RISK (derived from TOTAL.DEADLINE)")
def total_at_risk(ctx: Ctx) -> None:
    """The unused granted days must fit into the working days left before the total deadline."""
    deadline = ctx.total_deadline
    granted, granted_param = ctx.granted
    if ctx.ended is not None or deadline is None or granted is None or ctx.light_approaches:
        return  # TEAK.LIGHT: with the lighter approach fewer days are no deviation
    left = granted - len(ctx.counted_days)
    if left <= 0:
        return
    rate = ctx.p("workdays_per_week")
    per_week = rate.value
    for span in ctx.flexes:
        if span.covers(ctx.on) and span.event.days_per_week is not None:
            per_week = min(per_week, span.event.days_per_week)
    first = ctx.on
    if ctx.days and ctx.days[-1].date == ctx.on:
        first = cal.add_days(ctx.on, 1)
    working = cal.working_days_between(first, deadline)
    available = working * per_week // rate.value
    if left > available:
        params = [rate, ctx.p("total_months")] + ([granted_param] if granted_param else [])
        ctx.add(
            "warning",
            "TOTAL.AT_RISK.tight",
            events=ctx.meetings[:1],
            params=params,
            left=left,
            available=available,
            deadline=deadline,
        )
