"""Billable units: what a provider may bill Kela for in a period, and what it may not.

``billable_units(case, start, end, on)`` lists every unit delivered in ``start..end`` (as the
case stands on ``on``: nothing after it has happened) and every unit that happened there but
may not be billed, each refusal with its rule ID and reason (contract ``billing.md``):

=====================  ====================  ===============================================
reason                 rule                  when
=====================  ====================  ===============================================
sickness               BILLING.NOT_BILLABLE  a day inside a sickness absence
annual_leave           BILLING.NOT_BILLABLE  a day inside an annual-leave absence
beyond_granted         BILLING.NOT_BILLABLE  a day past the granted number, counted in date
                                             order over the whole case
after_end              BILLING.NOT_BILLABLE  a unit dated after the rehabilitation ended
beyond_max_meetings    BILLING.NOT_BILLABLE  a meeting past the maximum (in all, per phase)
not_workplace_phase    BILLING.MEALS         TK: a meal outside the workplace phase
paid_work              BILLING.MEALS         TK: a meal of a client in paid work
service_has_no_meals   BILLING.MEALS         a meal in any service but TK
=====================  ====================  ===============================================

When several reasons apply, the first in that order is given. An absence wins over a
rehabilitation day recorded on the same date, and a refused day never counts towards the
granted days. One date is one rehabilitation day (a second ``rehab_day`` event on the same
date is the same unit); meetings and visits are counted one by one (``seq``).

Meals: in TK a workplace-phase rehabilitation day of a client not in paid work is a meal
delivered. A meal recorded in the case file (an ``invoice_line`` of the meals price type) on
a rehabilitation day that is no such day happened too, and is refused: in TK for the phase or
paid work, in any other service because the service has no meals (the TK conditions do not
apply there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from luotsi.rules.context import TEAK, Ctx
from luotsi.rules.messages import render
from luotsi.rules.model import Absence, Case, Meeting, RehabDay
from luotsi.rules.phase1 import PHASE1
from luotsi.rules.spans import Cover, Span

UNITS = ("meeting", "rehab_day", "group_day", "visit", "followup_visit", "meal")
REASONS = (
    "sickness",
    "annual_leave",
    "beyond_granted",
    "after_end",
    "beyond_max_meetings",
    "not_workplace_phase",
    "paid_work",
    "service_has_no_meals",
)
NOT_BILLABLE = "BILLING.NOT_BILLABLE"
MEALS = "BILLING.MEALS"
_MEAL_REASONS = frozenset(("not_workplace_phase", "paid_work", "service_has_no_meals"))
_TAITO_VISIT_PHASES = frozenset(("start", "practice"))
_DAY_UNITS = frozenset(("rehab_day", "group_day"))


@dataclass(frozen=True, slots=True, order=True)
class Unit:
    """One unit delivered: ``seq`` tells apart units of the same kind on the same date."""

    date: date
    unit: str
    seq: int = 0

    @property
    def key(self) -> str:
        """The unit's identity within its case (what the billing database keeps unique)."""
        return f"{self.unit}:{self.date.isoformat()}:{self.seq}"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A unit that happened but may not be billed, with the rule and the reason."""

    date: date
    unit: str
    seq: int
    rule: str
    reason: str
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def key(self) -> str:
        return f"{self.unit}:{self.date.isoformat()}:{self.seq}"

    def message(self, lang: str = "en") -> str:
        return render(f"BILLING.UNIT.{self.reason}", lang, {"unit": self.unit, **dict(self.args)})

    def as_dict(self, lang: str = "en") -> dict[str, str]:
        return {
            "unit": self.unit,
            "date": self.date.isoformat(),
            "rule": self.rule,
            "reason": self.reason,
            "message": self.message(lang),
        }


@dataclass(frozen=True, slots=True)
class Billable:
    """The units of one case in one period: delivered (billable) and refused, date order."""

    case_id: str
    service: str
    start: date
    end: date
    on: date
    units: tuple[Unit, ...]
    refused: tuple[Refusal, ...]

    def dates(self, unit: str) -> list[date]:
        return [u.date for u in self.units if u.unit == unit]


def billable_units(case: Case, start: date, end: date, on: date) -> Billable:
    """Every unit of ``case`` in ``start..end`` (inclusive) as the case stands on ``on``."""
    return billable_units_in(Ctx(case, on), start, end)


def billable_units_in(ctx: Ctx, start: date, end: date) -> Billable:
    """The same from a context already built (the engine's, when it has one)."""
    facts = _Facts(ctx)
    units: list[Unit] = []
    refused: list[Refusal] = []
    last = min(end, ctx.on)
    for item, reason, args in facts.all_units():
        if start <= item.date <= last:
            if reason is None:
                units.append(item)
            else:
                rule = MEALS if reason in _MEAL_REASONS else NOT_BILLABLE
                refused.append(Refusal(item.date, item.unit, item.seq, rule, reason, args))
    units.sort()
    refused.sort(key=lambda r: (r.date, UNITS.index(r.unit), r.seq))
    return Billable(ctx.case.id, ctx.service, start, end, ctx.on, tuple(units), tuple(refused))


Verdict = tuple[Unit, str | None, tuple[tuple[str, Any], ...]]


class _Facts:
    """The case's facts that decide billing, read from the engine's context once."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.service_units = frozenset(ctx.p("billing_units").value or ())
        reasons = ctx.p("billing_absence_reasons").value
        # One cover per reason, checked in the parameter's order (sickness wins).
        self.absent: list[tuple[str, Cover[Span[Absence]]]] = [
            (r, Cover((s.start, s.end, s) for s in ctx.absences if s.event.reason == r))
            for r in reasons
        ]
        self.ended = ctx.ended

    def all_units(self) -> list[Verdict]:
        days = self._days()
        return [*days, *self._meals(days), *self._meetings()]

    # -- rehabilitation days ----------------------------------------------------------
    def _day_unit(self, day: RehabDay) -> str:
        if day.group and "group_day" in self.service_units:
            return "group_day"
        return "rehab_day"

    def _absence(self, day: date) -> str | None:
        for reason, cover in self.absent:
            if day in cover:
                return reason
        return None

    def _days(self) -> list[Verdict]:
        granted, _ = self.ctx.granted
        used = 0
        seen: set[tuple[str, date]] = set()
        out: list[Verdict] = []
        for day in self.ctx.days:  # date order over the whole case
            unit = self._day_unit(day)
            if unit not in self.service_units or (unit, day.date) in seen:
                continue
            seen.add((unit, day.date))
            reason = self._absence(day.date)
            args: tuple[tuple[str, Any], ...] = ()
            if reason is None and granted is not None and used >= granted:
                reason, args = "beyond_granted", (("granted", granted),)
            if reason is None and self.ended is not None and day.date > self.ended:
                reason, args = "after_end", (("ended", self.ended),)
            if reason is None:
                used += 1
            out.append((Unit(day.date, unit), reason, args))
        return out

    # -- meals --------------------------------------------------------------------------
    def _paid(self, day: RehabDay) -> bool:
        return day.paid_work or any(
            w.event.paid and w.covers(day.date) for w in self.ctx.workplaces
        )

    def _meals(self, day_verdicts: list[Verdict]) -> list[Verdict]:
        ctx = self.ctx
        price_type = ctx.p("meals_price_type").value
        recorded = {line.date for line in ctx.invoices if line.price_type == price_type}
        has_meals = "meal" in self.service_units
        if not recorded and not has_meals:
            return []
        verdict_on = {u.date: (reason, args) for u, reason, args in day_verdicts}
        out: list[Verdict] = []
        seen: set[date] = set()
        for day in ctx.days:
            if day.date in seen:
                continue
            why: str | None = None
            if not has_meals:
                why = "service_has_no_meals"
            elif not ctx.in_workplace_phase(day.date):
                why = "not_workplace_phase"
            elif self._paid(day):
                why = "paid_work"
            if why is not None and day.date not in recorded:
                continue  # no meal delivered, none recorded: nothing happened
            seen.add(day.date)
            reason, args = verdict_on.get(day.date, (None, ()))
            if reason is None and why is not None:
                reason, args = why, (("price_type", price_type),)
            out.append((Unit(day.date, "meal"), reason, args))
        return out

    # -- meetings and visits ---------------------------------------------------------------
    def _taito_phase(self, meeting: Meeting) -> str | None:
        if meeting.phase is not None:
            return meeting.phase
        current = None
        for phase in self.ctx.phases:
            if phase.date > meeting.date:
                break
            current = phase.phase
        return current

    def _meeting_unit(self, meeting: Meeting) -> str | None:
        service = self.ctx.service
        if service == "TAITO":
            phase = self._taito_phase(meeting)
            if phase in _TAITO_VISIT_PHASES and meeting.kind != "phone_contact":
                return "visit"
            return "followup_visit" if phase == "followup" else None
        if service in TEAK:
            return "meeting" if meeting.kind == "individual" else None
        return "meeting" if self.ctx.meeting_phase(meeting) in PHASE1 else None

    def _meetings(self) -> list[Verdict]:
        ctx = self.ctx
        total = ctx.p("meeting_max_total").value
        per_phase = ctx.p("meeting_max_per_phase").value or {}
        held: dict[str, int] = {}
        on_date: dict[tuple[str, date], int] = {}
        out: list[Verdict] = []
        for index, meeting in enumerate(ctx.meetings):  # as MEETING.MAX counts them
            phase = ctx.meeting_phase(meeting)
            in_phase = held.get(phase, 0)
            held[phase] = in_phase + 1
            unit = self._meeting_unit(meeting)
            if unit is None or unit not in self.service_units:
                continue
            seq = on_date.get((unit, meeting.date), 0)
            on_date[unit, meeting.date] = seq + 1
            reason: str | None = None
            args: tuple[tuple[str, Any], ...] = ()
            phase_max = per_phase.get(phase)
            if self.ended is not None and meeting.date > self.ended:
                reason, args = "after_end", (("ended", self.ended),)
            elif total is not None and index >= total:
                reason, args = "beyond_max_meetings", (("maximum", total),)
            elif phase_max is not None and in_phase >= phase_max:
                reason, args = "beyond_max_meetings", (("maximum", phase_max),)
            out.append((Unit(meeting.date, unit, seq), reason, args))
        return out
