"""Rehabilitation allowance (kuntoutusraha), seed 004: ALLOWANCE.* and the ``allowance``
object of the ``check`` output (only when ``client.applies_allowance``).

The report classifies every participation day (a ``rehab_day`` or meeting date), every
waiting-time day (after ``decision.received``, before the first rehabilitation day) and
every interim day (inside a pause) as payable or excluded, with the reason. Sundays and
public holidays of the waiting time and of pauses are simply not allowance days.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from operator import not_
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.model import Flex, RehabDay
from luotsi.rules.params import ParamValue
from luotsi.rules.registry import RuleFunc, rule
from luotsi.rules.spans import Cover, Span, joined_cover, unique_sorted

_SRC_DAYS = "004 Kuntoutusrahan maksaminen TEAK-kuntoutuksen ajalta"
_SRC_FLEX = "004 Kuntoutusraha, Teak ja joustot"
_SRC_WORK = "004 Kuntoutusraha ja työskentely TEAK-kuntoutuksen aikana"
_SRC_WAIT = "004 Odotus- ja väliajan kuntoutusraha; Kuntoutusraha ja TEAK kuntoutukseen tulee tauko"

# Pause reasons the client cannot influence (interim allowance possible).
_NOT_CLIENTS_CHOICE = frozenset(
    ("employer_delay", "workplace_closed", "awaiting_employer_replies", "employment_ended")
)
# Exclusion reason -> the rule that explains it.
REASON_RULE = {
    "sunday": "ALLOWANCE.DAYS",
    "public_holiday": "ALLOWANCE.DAYS",
    "absence": "ALLOWANCE.DAYS",
    "no_certificate": "ALLOWANCE.DAYS",
    "flex_not_capacity": "ALLOWANCE.FLEX",
    "flex_under_min_days": "ALLOWANCE.FLEX",
    "flex_client_worked": "ALLOWANCE.FLEX",
    "working_life_short_day": "ALLOWANCE.WORK",
    "working_life_worked": "ALLOWANCE.WORK",
    "wait_cap": "ALLOWANCE.WAIT_INTERIM",
    "interim_self_chosen": "ALLOWANCE.WAIT_INTERIM",
    "interim_reason_unknown": "ALLOWANCE.WAIT_INTERIM",
    "interim_cap": "ALLOWANCE.WAIT_INTERIM",
}


@dataclass(slots=True)
class Report:
    """Payable and excluded allowance days of one case on the evaluation date."""

    payable: list[date] = field(default_factory=list)
    waiting: list[date] = field(default_factory=list)
    interim: list[date] = field(default_factory=list)
    excluded: dict[date, str] = field(default_factory=dict)
    params: list[ParamValue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "payable_count": len(self.payable),
            "payable": [d.isoformat() for d in self.payable],
            "waiting_days": len(self.waiting),
            "waiting": [d.isoformat() for d in self.waiting],
            "interim_days": len(self.interim),
            "interim": [d.isoformat() for d in self.interim],
            "excluded": [
                {"date": d.isoformat(), "reason": r, "rule": REASON_RULE[r]}
                for d, r in sorted(self.excluded.items())
            ],
        }

    def by_reason(self, *reasons: str) -> list[date]:
        return sorted(d for d, r in self.excluded.items() if r in reasons)

    def reasons(self) -> set[str]:
        """The exclusion reasons that occur."""
        return set(self.excluded.values())


def _flex_reason(
    ctx: Ctx, day: date, span: Span[Flex], rehab: RehabDay | None, week_days: int
) -> str | None:
    minimum = ctx.p("flex_min_days_per_week").value
    if span.event.reason != "capacity":
        return "flex_not_capacity"
    per_week = span.event.days_per_week
    if week_days < minimum or (per_week is not None and per_week < minimum):
        return "flex_under_min_days"
    if rehab is not None and rehab.client_worked:
        return "flex_client_worked"
    return None


def _capped(ctx: Ctx, days: list[date], reason: str, report: Report) -> list[date]:
    """The days within the cap: an amount of N months × D allowance days per calendar year
    (seed 004: "enintään 3 kuukauden ajalta kalenterivuotta kohden"; D = 25 is Kela's
    convention), the first ones of each year in date order; the rest get ``reason``.

    ``days`` are sorted, so the days kept of each calendar year are a prefix of that year's
    days: the year's end is found by bisection.
    """
    months = ctx.p("allowance_wait_interim_months")
    per_month = ctx.p("allowance_days_per_month")
    report.params += [months, per_month]
    if not days:
        return []
    amount = months.value * per_month.value
    kept: list[date] = []
    excluded = report.excluded
    low, count = 0, len(days)
    while low < count:
        year = days[low].year
        high = bisect.bisect_left(days, date(year + 1, 1, 1), low)
        cut = min(low + amount, high)
        kept += days[low:cut]
        for day in days[cut:high]:
            excluded[day] = reason
        low = high
    return kept


def build(ctx: Ctx) -> Report:
    """The allowance report (built once per evaluation)."""
    if ctx.allowance_report is not None:
        return ctx.allowance_report  # type: ignore[no-any-return]
    report = Report()
    # The dates of days and meetings, ascending, without repeats.
    participation = unique_sorted(ctx.day_dates + ctx.meeting_dates)
    min_hours = ctx.p("allowance_min_hours_working_life")
    report.params += [min_hours, ctx.p("flex_min_days_per_week")]
    # The reason of each participation day (None: payable), set rule by rule in order of
    # precedence, each only where no earlier one applies.
    count = len(participation)
    reasons: list[str | None] = [None] * count
    for index, reason in cal.not_allowance_positions(participation):
        reasons[index] = reason
    absences = ctx.absence_days.ranges(participation)
    for low, high, _ in absences:
        for index in range(low, high):
            if reasons[index] is None:
                reasons[index] = "absence"
    covered = _certified(ctx).ranges(participation)
    uncovered = [
        (low, high)
        for low, high in zip(
            [0] + [r[1] for r in covered],
            [r[0] for r in covered] + [len(participation)],
            strict=True,
        )
        if high > low
    ]
    for low, high in uncovered:
        for index in range(low, high):
            if reasons[index] is None:
                reasons[index] = "no_certificate"
    working_life = ctx.case.client.in_working_life_at_start
    # The rehabilitation day of a date: only the flexibility and working-life checks need it.
    rehab = dict(zip(ctx.day_dates, ctx.days, strict=True)) if ctx.flexes or working_life else {}
    if ctx.flexes:
        _flex_reasons(ctx, participation, reasons, absences, rehab)
    if working_life:
        for index, day in enumerate(participation):
            rehab_day = rehab.get(day)
            if reasons[index] is None and rehab_day is not None:
                if rehab_day.client_worked:
                    reasons[index] = "working_life_worked"
                elif _with_travel(rehab_day) < min_hours.value:
                    reasons[index] = "working_life_short_day"
    if any(reasons):  # a reason is a non-empty string
        report.payable = list(compress(participation, map(not_, reasons)))
        excluded = report.excluded
        for index in compress(range(count), reasons):  # the excluded days, in date order
            excluded[participation[index]] = reasons[index]  # type: ignore[assignment]
    else:
        report.payable = participation
    _wait_and_interim(ctx, report)
    ctx.allowance_report = report
    return report


def _with_travel(day: RehabDay) -> float:
    """The length of a day with travel (004: "vähintään 4 tuntia matkoineen"); the hours
    alone when the travel time is not recorded."""
    travel = day.travel_minutes
    return day.hours if travel is None else day.hours + travel / 60


def _flex_reasons(
    ctx: Ctx,
    participation: list[date],
    reasons: list[str | None],
    absences: list[tuple[int, int, Any]],
    rehab: dict[date, RehabDay],
) -> None:
    """ALLOWANCE.FLEX reasons of the days under flexibility (days per ISO week: all
    participation days of the week that are not absence days)."""
    absent = [False] * len(participation)
    for low, high, _ in absences:
        absent[low:high] = [True] * (high - low)
    per_week: dict[tuple[int, int], int] = {}
    for day, is_absent in zip(participation, absent, strict=True):
        if not is_absent:
            week = cal.iso_week(day)
            per_week[week] = per_week.get(week, 0) + 1
    flexed = Cover((s.start, s.end, s) for s in ctx.flexes)
    for low, high, flex in flexed.ranges(participation):
        for index in range(low, high):
            if reasons[index] is None:
                day = participation[index]
                week_days = per_week[cal.iso_week(day)]
                reasons[index] = _flex_reason(ctx, day, flex, rehab.get(day), week_days)


def _wait_and_interim(ctx: Ctx, report: Report) -> None:
    last = cal.add_days(ctx.first_day, -1) if ctx.first_day else ctx.on
    # Sundays and holidays are never allowance days
    given = ctx.case.decision.given
    # The waiting time runs from the decision being given (004); ``received`` otherwise.
    waiting = _allowance_days(cal.add_days(given or ctx.ref_date, 1), last)
    report.waiting = _capped(ctx, waiting, "wait_cap", report)
    interim: set[date] = set()
    excluded = report.excluded
    for span in ctx.pauses:
        pause_reason = span.event.reason
        days = _allowance_days(span.start, span.end)
        if pause_reason is None:
            excluded.update(dict.fromkeys(days, "interim_reason_unknown"))
        elif pause_reason not in _NOT_CLIENTS_CHOICE:
            excluded.update(dict.fromkeys(days, "interim_self_chosen"))
        else:
            interim.update(days)
    report.interim = _capped(ctx, sorted(interim), "interim_cap", report)


def _allowance_days(first: date, last: date) -> list[date]:
    """The days of ``first..last`` that are neither Sundays nor public holidays."""
    return cal.allowance_days(first, last)


def _certified(ctx: Ctx) -> Cover[bool]:
    """Days covered by certificate periods (``from`` or the date, to ``to`` or the date)."""
    periods = sorted((c.from_ or c.date, c.to or c.date) for c in ctx.certificates)
    return joined_cover(periods)


def _report_reasons(ctx: Ctx, reasons: tuple[str, ...], severity: str = "warning") -> None:
    report = build(ctx)
    present = report.reasons()
    for reason in reasons:
        if reason not in present:
            continue
        days = report.by_reason(reason)
        if days:
            ctx.add(
                severity,  # type: ignore[arg-type]
                f"ALLOWANCE.{reason}", date=days[0], params=report.params,
                count=len(days), first=days[0],
            )  # fmt: skip


@rule("ALLOWANCE.DAYS", _SRC_DAYS)
def allowance_days(ctx: Ctx) -> None:
    """The allowance is paid for certified days Mon–Sat, not for Sundays or public holidays."""
    if ctx.case.client.applies_allowance:
        _report_reasons(ctx, ("sunday", "public_holiday"))


@rule("ALLOWANCE.FLEX", _SRC_FLEX)
def allowance_flex(ctx: Ctx) -> None:
    """Flex days carry the allowance only for a capacity reason, ≥ 3 days a week, no work."""
    if ctx.case.client.applies_allowance:
        _report_reasons(ctx, ("flex_not_capacity", "flex_under_min_days", "flex_client_worked"))


@rule("ALLOWANCE.WORK", _SRC_WORK)
def allowance_work(ctx: Ctx) -> None:
    """A client in working life at the start gets it only for days ≥ 4 h without work."""
    if ctx.case.client.applies_allowance:
        _report_reasons(ctx, ("working_life_short_day", "working_life_worked"))


@rule("ALLOWANCE.WAIT_INTERIM", _SRC_WAIT)
def allowance_wait_interim(ctx: Ctx) -> None:
    """Waiting and interim allowance ≤ 3 months a year each; interim only for unchosen breaks."""
    if not ctx.case.client.applies_allowance:
        return
    _report_reasons(ctx, ("interim_self_chosen",))
    _report_reasons(ctx, ("interim_reason_unknown", "wait_cap", "interim_cap"), "info")


ALLOWANCE_RULES: tuple[RuleFunc, ...] = (
    allowance_days,
    allowance_flex,
    allowance_work,
    allowance_wait_interim,
)
