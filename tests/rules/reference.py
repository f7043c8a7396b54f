"""The rules engine's former day-by-day algorithms, kept as the definition that the
interval-based fast paths (``luotsi.rules.spans.Cover``, the allowance report,
CERT.MISSING's uncovered days) are property-tested against. Not used by the engine."""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules.allowance import _NOT_CLIENTS_CHOICE, Report, _flex_reason
from luotsi.rules.context import Ctx

ONE_DAY = timedelta(days=1)


def cover_by_days(intervals: list[tuple[date, date, Any]]) -> dict[date, Any]:
    """Each day of the intervals (in order) mapped to the first one covering it."""
    out: dict[date, Any] = {}
    for start, end, owner in intervals:
        day = start
        while day <= end:
            out.setdefault(day, owner)
            day += ONE_DAY
    return out


def absence_days(ctx: Ctx) -> dict[date, Any]:
    reasons = {"sickness", "annual_leave"} if ctx.service == "TV" else {"sickness"}
    return cover_by_days([(s.start, s.end, s) for s in ctx.absences if s.event.reason in reasons])


def pause_days(ctx: Ctx) -> dict[date, Any]:
    return cover_by_days([(s.start, s.end, s) for s in ctx.pauses])


def calendar_reason(day: date) -> str | None:
    if day.weekday() == cal.SUNDAY:
        return "sunday"
    return "public_holiday" if day in cal._holidays(day.year) else None


class _Covered:
    def __init__(self, ctx: Ctx) -> None:
        merged: list[list[date]] = []
        for start, end in sorted((c.from_ or c.date, c.to or c.date) for c in ctx.certificates):
            if merged and start <= merged[-1][1] + ONE_DAY:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __contains__(self, day: date) -> bool:
        index = bisect.bisect_right(self.starts, day) - 1
        return index >= 0 and day <= self.ends[index]


def capped(ctx: Ctx, days: list[date], reason: str, report: Report) -> list[date]:
    months = ctx.p("allowance_wait_interim_months")
    per_month = ctx.p("allowance_days_per_month")
    report.params += [months, per_month]
    kept: list[date] = []
    used: dict[int, int] = {}  # allowance days counted per calendar year
    for day in days:
        used[day.year] = used.get(day.year, 0) + 1
        if used[day.year] <= months.value * per_month.value:
            kept.append(day)
        else:
            report.excluded[day] = reason
    return kept


def allowance_report(ctx: Ctx) -> Report:
    """The allowance report built day by day (the algorithm before the interval version)."""
    report = Report()
    rehab = {d.date: d for d in ctx.days}
    participation = sorted(set(rehab) | {m.date for m in ctx.meetings})
    covered = _Covered(ctx)
    absent = absence_days(ctx)
    working_life = ctx.case.client.in_working_life_at_start
    min_hours = ctx.p("allowance_min_hours_working_life")
    report.params += [min_hours, ctx.p("flex_min_days_per_week")]
    per_week: dict[tuple[int, int], int] = {}
    flexes = ctx.flexes
    if flexes:
        for day in participation:
            if day not in absent:
                week = cal.iso_week(day)
                per_week[week] = per_week.get(week, 0) + 1
    for day in participation:
        reason = calendar_reason(day)
        if reason is None and day in absent:
            reason = "absence"
        if reason is None and day not in covered:
            reason = "no_certificate"
        if reason is None and flexes:
            flex = next((s for s in flexes if s.covers(day)), None)
            if flex is not None:
                reason = _flex_reason(ctx, day, flex, rehab.get(day), per_week[cal.iso_week(day)])
        if reason is None and working_life and day in rehab:
            if rehab[day].client_worked:
                reason = "working_life_worked"
            elif rehab[day].hours + (rehab[day].travel_minutes or 0) / 60 < min_hours.value:
                reason = "working_life_short_day"
        if reason is None:
            report.payable.append(day)
        else:
            report.excluded[day] = reason
    last = cal.add_days(ctx.first_day, -1) if ctx.first_day else ctx.on
    waiting: list[date] = []
    day = cal.add_days(ctx.case.decision.given or ctx.ref_date, 1)
    while day <= last:
        if calendar_reason(day) is None:
            waiting.append(day)
        day += ONE_DAY
    report.waiting = capped(ctx, waiting, "wait_cap", report)
    interim: list[date] = []
    for span in ctx.pauses:
        pause_reason = span.event.reason
        day = span.start
        while day <= span.end:
            if calendar_reason(day) is not None:
                pass
            elif pause_reason is None:
                report.excluded[day] = "interim_reason_unknown"
            elif pause_reason not in _NOT_CLIENTS_CHOICE:
                report.excluded[day] = "interim_self_chosen"
            else:
                interim.append(day)
            day += ONE_DAY
    report.interim = capped(ctx, sorted(set(interim)), "interim_cap", report)
    return report


def uncovered_days(ctx: Ctx) -> list[date]:
    """CERT.MISSING: realised days and meetings outside every certificate period, walked."""
    covered: set[date] = set()
    for cert in ctx.certificates:
        start = cert.from_ or cert.date
        end = cert.to or max(start, cert.date)
        covered.update(cover_by_days([(start, end, True)]))
    dates = {d.date for d in ctx.days} | {m.date for m in ctx.meetings}
    return sorted(d for d in dates if d not in covered)
