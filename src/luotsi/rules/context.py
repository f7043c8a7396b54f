"""Per-case evaluation context: events clipped to the evaluation date, indexed once.

Rules read these indexes instead of scanning and sorting ``case.events`` themselves.
Nothing dated after ``on`` exists here: point events after it are dropped, spans that
start after it are dropped, and spans running past it are clipped to it (``open``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, Generic, TypeVar

from luotsi.rules import calendar as cal
from luotsi.rules.findings import Finding, Severity
from luotsi.rules.model import (
    Absence,
    Case,
    Certificate,
    End,
    Feedback,
    Flex,
    InvoiceLine,
    KelaAgreement,
    KelaNotice,
    Meeting,
    Pause,
    Phase,
    Precontact,
    RehabDay,
    Workplace,
)
from luotsi.rules.params import ParamValue, param
from luotsi.rules.registry import RuleInfo

S = TypeVar("S", Absence, Pause, Flex, Workplace)

PHASE1 = frozenset(("planning", "job_search"))
TEAK = frozenset(("TEAK-TK", "TEAK-TV", "TEAK-YHD"))
PHASED = frozenset(("TK", "TV"))
_SPANS = frozenset(("absence", "pause", "flex", "workplace"))
_TYPES = (
    *("meeting", "rehab_day", "absence", "pause", "flex", "workplace", "certificate"),
    *("feedback", "kela_notice", "kela_agreement", "invoice_line", "phase", "precontact", "end"),
)


@dataclass(frozen=True, slots=True)
class Span(Generic[S]):
    """A span event clipped to the evaluation date."""

    start: date
    end: date
    open: bool
    event: S

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@lru_cache(maxsize=4096)
def _param(name: str, on: date, service: str) -> ParamValue:
    return param(name, on, service)


def ref(event: Any) -> tuple[str, date]:
    """(type, date) of an event or a clipped span, for ``--explain``."""
    if isinstance(event, Span):
        return event.event.type, event.start
    if isinstance(event, Workplace | Absence | Pause | Flex):
        return event.type, event.from_
    return str(event.type), event.date


class Ctx:
    """One case on one evaluation date, with its events indexed by type."""

    def __init__(self, case: Case, on: date) -> None:
        self.case = case
        self.on = on
        self.service: str = case.service
        self.ref_date: date = case.decision.received
        self.findings: list[Finding] = []
        self.current: RuleInfo | None = None
        self.allowance_report: Any = None  # luotsi.rules.allowance.Report, built once
        buckets: dict[str, list[Any]] = {t: [] for t in _TYPES}
        e: Any  # the event union, dispatched on its ``type`` tag
        for e in case.events:
            t = e.type
            if t in _SPANS:
                if e.from_ <= on:
                    buckets[t].append(_clip(e, on))
            elif e.date <= on:
                buckets[t].append(e)
        meetings: list[Meeting] = buckets["meeting"]
        days: list[RehabDay] = buckets["rehab_day"]
        absences: list[Span[Absence]] = buckets["absence"]
        pauses: list[Span[Pause]] = buckets["pause"]
        flexes: list[Span[Flex]] = buckets["flex"]
        workplaces: list[Span[Workplace]] = buckets["workplace"]
        certificates: list[Certificate] = buckets["certificate"]
        feedbacks: list[Feedback] = buckets["feedback"]
        notices: list[KelaNotice] = buckets["kela_notice"]
        agreements: dict[str, KelaAgreement] = {}
        for agreement in buckets["kela_agreement"]:
            if agreement.rule and agreement.rule not in agreements:
                agreements[agreement.rule] = agreement
        invoices: list[InvoiceLine] = buckets["invoice_line"]
        phases: list[Phase] = buckets["phase"]
        precontacts: list[Precontact] = buckets["precontact"]
        ends: list[End] = buckets["end"]
        key = _date_key
        self.meetings = sorted(meetings, key=key)
        self.days = sorted(days, key=key)
        self.absences = sorted(absences, key=_start_key)
        self.pauses = sorted(pauses, key=_start_key)
        self.flexes = sorted(flexes, key=_start_key)
        self.workplaces = sorted(workplaces, key=_start_key)
        self.certificates = sorted(certificates, key=key)
        self.feedbacks = sorted(feedbacks, key=key)
        self.notices = sorted(notices, key=key)
        self.agreements = agreements
        self.invoices = sorted(invoices, key=key)
        self.phases = sorted(phases, key=key)
        self.precontacts = sorted(precontacts, key=key)
        ends.sort(key=key)
        self.end: End | None = ends[0] if ends else None

    # -- parameters ---------------------------------------------------------------
    def p(self, name: str, on: date | None = None) -> ParamValue:
        """Parameter ``name`` for this case's service, in force on ``on`` (the decision)."""
        return _param(name, on or self.ref_date, self.service)

    # -- findings -------------------------------------------------------------------
    def add(
        self,
        severity: Severity,
        key: str,
        *,
        due: date | None = None,
        date: date | None = None,
        events: Iterable[Any] = (),
        params: Iterable[ParamValue] = (),
        **args: Any,
    ) -> None:
        """Record a finding of the rule being evaluated (message ``key`` with ``args``)."""
        info = self.current
        assert info is not None, "add() outside a rule"
        shown = tuple((k, v.isoformat() if isinstance(v, _dt.date) else v) for k, v in args.items())
        self.findings.append(
            Finding(
                rule=info.id,
                severity=severity,
                key=key,
                source=info.source,
                due=due,
                date=date,
                args=shown,
                events=tuple(ref(e) for e in events),
                params=tuple(params),
            )
        )

    def deadline(
        self,
        deadline: date,
        met: date | None,
        key: str,
        *,
        trigger: date | None,
        events: Iterable[Any] = (),
        params: Iterable[ParamValue] = (),
        **args: Any,
    ) -> None:
        """The common due → violation pattern: ``met`` is when the obligation was met."""
        if met is not None:
            if met > deadline:
                self.add(
                    "violation", f"{key}.late", date=met, events=events, params=params,
                    deadline=deadline, met=met, **args,
                )  # fmt: skip
            return
        if self.on <= deadline:
            self.add(
                "due", f"{key}.due", due=deadline, date=trigger, events=events, params=params,
                deadline=deadline, **args,
            )  # fmt: skip
        else:
            self.add(
                "violation", f"{key}.missed", date=trigger, events=events, params=params,
                deadline=deadline, **args,
            )  # fmt: skip

    # -- derived facts --------------------------------------------------------------
    @cached_property
    def first_meeting(self) -> date | None:
        return self.meetings[0].date if self.meetings else None

    @cached_property
    def first_day(self) -> date | None:
        """TEAK: the first rehabilitation day (a rehabilitation day or meeting, the earlier)."""
        dates = [m.date for m in self.meetings[:1]] + [d.date for d in self.days[:1]]
        return min(dates) if dates else None

    @cached_property
    def ended(self) -> date | None:
        return self.end.date if self.end else None

    @cached_property
    def completed(self) -> bool:
        return self.end is not None and self.end.reason == "completed"

    @cached_property
    def interrupted(self) -> bool:
        return self.end is not None and self.end.reason == "interrupted"

    @cached_property
    def workplace_start(self) -> date | None:
        """Start of the workplace phase: a ``phase`` event, else a workplace span or meeting."""
        for ph in self.phases:
            if ph.phase == "workplace":
                return ph.date
        candidates = [w.start for w in self.workplaces[:1]]
        candidates += [m.date for m in self.meetings if m.phase == "workplace"][:1]
        return min(candidates) if candidates else None

    def in_workplace_phase(self, day: date) -> bool:
        start = self.workplace_start
        return start is not None and day >= start

    def meeting_phase(self, meeting: Meeting) -> str:
        if meeting.phase is not None:
            return meeting.phase
        return "workplace" if self.in_workplace_phase(meeting.date) else "planning"

    @cached_property
    def granted(self) -> tuple[int | None, ParamValue | None]:
        if self.case.decision.granted_days is not None:
            return self.case.decision.granted_days, None
        pv = self.p("granted_days")
        return pv.value, pv

    @cached_property
    def total_deadline(self) -> date | None:
        months = self.p("total_months").value
        first = self.first_day if self.service in TEAK else self.first_meeting
        if first is None or months is None:
            return None
        return cal.add_months(first, months)

    @cached_property
    def absence_days(self) -> dict[date, Span[Absence]]:
        """Days that are not rehabilitation days: sickness, and (TV) annual leave."""
        reasons = {"sickness", "annual_leave"} if self.service == "TV" else {"sickness"}
        out: dict[date, Span[Absence]] = {}
        for span in self.absences:
            if span.event.reason in reasons:
                day = span.start
                while day <= span.end:
                    out.setdefault(day, span)
                    day += cal.ONE_DAY
        return out

    @cached_property
    def counted_days(self) -> list[RehabDay]:
        """Rehabilitation days that consume the granted days (not inside an absence)."""
        absent = self.absence_days
        return [d for d in self.days if d.date not in absent]

    @cached_property
    def phase1(self) -> Phase1:
        from luotsi.rules.phases import phase1_facts

        return phase1_facts(self)

    def notified(self, trigger: date) -> bool:
        """A Kela notice on or after ``trigger`` (or agreed shortly in advance) exists."""
        advance = self.p("kela_notice_advance_days").value
        earliest = cal.add_days(trigger, -advance)
        return any(n.date >= earliest for n in self.notices)


@dataclass(frozen=True, slots=True)
class Phase1:
    """Phase-1 deadline facts (see ``luotsi.rules.phases``)."""

    base_deadline: date | None
    deadline: date | None
    extension_days: int
    extending: tuple[Span[Absence], ...]
    long_sicknesses: tuple[Span[Absence], ...]
    params: tuple[ParamValue, ...]


def _clip(event: S, on: date) -> Span[S]:
    is_open = event.to is None or event.to > on
    return Span(event.from_, on if is_open or event.to is None else event.to, is_open, event)


def _date_key(e: Any) -> date:
    return e.date  # type: ignore[no-any-return]


def _start_key(s: Span[Any]) -> date:
    return s.start
