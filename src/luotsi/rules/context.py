"""Per-case evaluation context: events clipped to the evaluation date, indexed once.

Rules read these indexes instead of scanning and sorting ``case.events`` themselves.
Nothing dated after ``on`` exists here: point events after it are dropped, spans that
start after it are dropped, and spans running past it are clipped to it (``open``).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date
from itertools import compress
from operator import attrgetter
from typing import Any, Generic, Protocol, TypeVar, overload

from luotsi.rules import calendar as cal
from luotsi.rules.findings import Finding, Severity
from luotsi.rules.model import (
    Absence,
    CannotCommit,
    Case,
    Certificate,
    End,
    Feedback,
    Flex,
    InvitationLetter,
    InvoiceLine,
    KelaAgreement,
    KelaNotice,
    LightApproach,
    Meeting,
    NoInterpreter,
    Pause,
    Phase,
    Precontact,
    RehabDay,
    StepSkipped,
    VocationalPlan,
    Workplace,
)
from luotsi.rules.params import ParamValue, load_parameters, param
from luotsi.rules.phase1 import Phase1, extended_deadline, phase1_facts
from luotsi.rules.spans import Cover, Span, clip

TEAK = frozenset(("TEAK-TK", "TEAK-TV", "TEAK-YHD"))
PHASED = frozenset(("TK", "TV"))
_DATE = attrgetter("date")
_START = attrgetter("start")


_SPAN_EVENTS = (Workplace, Absence, Pause, Flex, NoInterpreter)
# The point event classes, sorted by date (every class but the spans and agreements).
_POINT_CLASSES = (
    *(Meeting, RehabDay, Certificate, Feedback, KelaNotice, InvoiceLine),
    *(Phase, Precontact, End, VocationalPlan, InvitationLetter, LightApproach),
    *(StepSkipped, CannotCommit),
)
# Every event class of the union (one class per ``type`` tag).
_CLASSES = (*_POINT_CLASSES, *_SPAN_EVENTS, KelaAgreement)


_NONE: list[Any] = []  # an empty group (never changed)
_NEW_TUPLE = tuple.__new__


R = TypeVar("R")


class cached_property(Generic[R]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one per first access).

    A case is evaluated in one thread; the value is stored in the instance's ``__dict__``, so
    later reads do not reach the descriptor at all.
    """

    def __init__(self, func: Callable[[Any], R]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_property[R]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> R: ...
    def __get__(self, obj: object, owner: type | None = None) -> R | cached_property[R]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


_PARAMS: dict[tuple[str, date, str], ParamValue] = {}
# A parameter with a single version has the same value on every date: by name and service.
_UNDATED: dict[tuple[str, str], ParamValue] = {}


def _param(name: str, on: date, service: str) -> ParamValue:
    key = (name, on, service)
    found = _PARAMS.get(key)
    if found is None:
        found = param(name, on, service)  # KeyError for an unknown name, as always
        if len(load_parameters()[name].starts) == 1:
            _UNDATED[name, service] = found
            return found
        if len(_PARAMS) > 200_000:  # bounded for long-running processes
            _PARAMS.clear()
        _PARAMS[key] = found
    return found


def ref(event: Any) -> tuple[str, date]:
    """(type, date) of an event or a clipped span, for ``--explain``."""
    if type(event) is Span:
        return event.event.type, event.start
    if isinstance(event, _SPAN_EVENTS):
        return event.type, event.from_
    return str(event.type), event.date


class CurrentRule(Protocol):
    """What the context reads of the rule being evaluated (``registry.RuleInfo`` is one):
    the context sits below the registry, which imports it, so it names no registry type."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> str: ...


class Ctx:
    """One case on one evaluation date, with its events indexed by type."""

    def __init__(self, case: Case, on: date) -> None:
        self.case = case
        self.on = on
        self.service: str = case.service
        self.ref_date: date = case.decision.received
        self.findings: list[Finding] = []
        self.current: CurrentRule | None = None
        self.allowance_report: Any = None  # luotsi.rules.allowance.Report, built once
        # Bucketed by class, in file order: the case grouped its events when it was built
        # (``Case.events_by_class``, shared: each list changed here is a copy).
        groups = case.events_by_class()
        buckets: dict[type, list[Any]] = {cls: groups.get(cls, _NONE) for cls in _CLASSES}
        # Point events: a stable sort by date, then everything after ``on`` cut off (the
        # same as filtering first). Spans: those starting by ``on``, clipped to it.
        for cls in _POINT_CLASSES:
            events = buckets[cls] = buckets[cls][:]
            if len(events) > 1:
                events.sort(key=_DATE)
            if events and events[-1].date > on:
                del events[bisect_right(events, on, key=_DATE) :]
        for span_cls in _SPAN_EVENTS:
            spans = [clip(e, on) for e in buckets[span_cls] if e.from_ <= on]
            if len(spans) > 1:
                spans.sort(key=_START)
            buckets[span_cls] = spans
        agreements: dict[str, KelaAgreement] = {}
        for agreement in buckets[KelaAgreement]:  # in file order
            if agreement.date <= on and agreement.rule and agreement.rule not in agreements:
                agreements[agreement.rule] = agreement
        self.meetings: list[Meeting] = buckets[Meeting]
        self.days: list[RehabDay] = buckets[RehabDay]
        self.absences: list[Span[Absence]] = buckets[Absence]
        self.pauses: list[Span[Pause]] = buckets[Pause]
        self.flexes: list[Span[Flex]] = buckets[Flex]
        self.workplaces: list[Span[Workplace]] = buckets[Workplace]
        self.certificates: list[Certificate] = buckets[Certificate]
        self.feedbacks: list[Feedback] = buckets[Feedback]
        self.notices: list[KelaNotice] = buckets[KelaNotice]
        self.agreements = agreements
        self.invoices: list[InvoiceLine] = buckets[InvoiceLine]
        self.phases: list[Phase] = buckets[Phase]
        self.precontacts: list[Precontact] = buckets[Precontact]
        self.no_interpreter: list[Span[NoInterpreter]] = buckets[NoInterpreter]
        self.vocational_plans: list[VocationalPlan] = buckets[VocationalPlan]
        self.invitations: list[InvitationLetter] = buckets[InvitationLetter]
        self.light_approaches: list[LightApproach] = buckets[LightApproach]
        self.skipped_steps: list[StepSkipped] = buckets[StepSkipped]
        self.cannot_commit: list[CannotCommit] = buckets[CannotCommit]
        ends: list[End] = buckets[End]
        self.end: End | None = ends[0] if ends else None

    # -- parameters ---------------------------------------------------------------
    def p(self, name: str, on: date | None = None) -> ParamValue:
        """Parameter ``name`` for this case's service, in force on ``on`` (the decision)."""
        found = _UNDATED.get((name, self.service))
        if found is not None:
            return found
        key = (name, on or self.ref_date, self.service)
        found = _PARAMS.get(key)
        return found if found is not None else _param(*key)

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
        interpreter: bool = False,
        **args: Any,
    ) -> None:
        """Record a finding of the rule being evaluated (message ``key`` with ``args``)."""
        info = self.current
        assert info is not None, "add() outside a rule"
        shown = tuple(
            [(k, v.isoformat() if isinstance(v, _dt.date) else v) for k, v in args.items()]
        )
        # ``Finding(...)`` of all its fields, without the named tuple's Python-level __new__.
        self.findings.append(
            _NEW_TUPLE(
                Finding,
                (
                    info.id,
                    severity,
                    key,
                    info.source,
                    due,
                    date,
                    shown,
                    tuple([ref(e) for e in events]) if events else (),
                    tuple(params) if params else (),
                    False,
                    interpreter,
                ),
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
        """The common due → violation pattern: ``met`` is when the obligation was met.

        DEADLINE.INTERPRETER: a violation while no interpreter was available (a
        ``no_interpreter`` span overlapping the time from ``trigger`` to the deadline) is
        ``info``, as an agreed deviation is."""
        if met is not None:
            if met > deadline:
                flexed = self.no_interpreter and self.interpreter_missing(trigger, deadline)
                self.add(
                    "info" if flexed else "violation", f"{key}.late", date=met, events=events,
                    params=params, interpreter=bool(flexed), deadline=deadline, met=met, **args,
                )  # fmt: skip
            return
        if self.on <= deadline:
            self.add(
                "due", f"{key}.due", due=deadline, date=trigger, events=events, params=params,
                deadline=deadline, **args,
            )  # fmt: skip
        else:
            flexed = self.no_interpreter and self.interpreter_missing(trigger, deadline)
            self.add(
                "info" if flexed else "violation", f"{key}.missed", date=trigger, events=events,
                params=params, interpreter=bool(flexed), deadline=deadline, **args,
            )  # fmt: skip

    def interpreter_missing(self, start: date | None, end: date) -> Span[NoInterpreter] | None:
        """The first ``no_interpreter`` span overlapping ``start`` (the decision when None)
        to ``end``."""
        first = start or self.ref_date
        return next((s for s in self.no_interpreter if s.start <= end and s.end >= first), None)

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

    @cached_property
    def workplace_meetings(self) -> list[Meeting]:
        """Meetings of the workplace phase, in date order (shared by the rules that read it;
        they do not change the list)."""
        start = self.workplace_start
        if start is None:
            return []
        return [
            m for m in self.meetings if m.date >= start and self.meeting_phase(m) == "workplace"
        ]

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
    def continuation(self) -> bool:
        """TEAK under a continuation decision: its total duration is its own parameter."""
        return self.service in TEAK and not self.case.decision.first_decision

    @cached_property
    def total_deadline(self) -> date | None:
        months = self.p("total_months_continuation" if self.continuation else "total_months").value
        first = self.first_day if self.service in TEAK else self.first_meeting
        if first is None or months is None:
            return None
        return cal.add_months(first, months)

    @cached_property
    def absence_days(self) -> Cover[Span[Absence]]:
        """Days that are not rehabilitation days: sickness, and (TV) annual leave.

        Maps each such day to the first absence (in start order) covering it.
        """
        reasons = _ABSENT_TV if self.service == "TV" else _ABSENT
        return Cover((s.start, s.end, s) for s in self.absences if s.event.reason in reasons)

    @cached_property
    def day_dates(self) -> list[date]:
        """The dates of ``days`` (sorted)."""
        return list(map(_DATE, self.days))

    @cached_property
    def meeting_dates(self) -> list[date]:
        """The dates of ``meetings`` (sorted)."""
        return list(map(_DATE, self.meetings))

    @cached_property
    def pause_days(self) -> Cover[Span[Pause]]:
        """Days inside a pause (DAYS.ON_PAUSE), each mapped to the first pause covering it."""
        return Cover((s.start, s.end, s) for s in self.pauses)

    @cached_property
    def counted_days(self) -> list[RehabDay]:
        """Rehabilitation days that consume the granted days (not inside an absence or a
        pause)."""
        absent = self.absence_days
        paused = self.pause_days if self.pauses else None
        if not absent and not paused:
            return list(self.days)
        dates = self.day_dates
        ranges: list[tuple[int, int, Any]] = list(absent.ranges(dates)) if absent else []
        if paused:
            ranges += paused.ranges(dates)
        if not ranges:
            return list(self.days)
        keep = [True] * len(self.days)
        for low, high, _ in ranges:
            keep[low:high] = [False] * (high - low)
        return list(compress(self.days, keep))

    @cached_property
    def phase1(self) -> Phase1:
        """The phase-1 deadline facts (``luotsi.rules.phase1``)."""
        return phase1_facts(
            self.first_meeting,
            self.absences,
            self.p("phase1_months"),
            self.p("phase1_sickness_min_days"),
            self.p("phase1_sickness_max_days"),
        )

    @cached_property
    def extended_phase1_deadline(self) -> date | None:
        """The phase-1 deadline extended also by pauses allowed for employer-side reasons."""
        return extended_deadline(self.phase1.deadline, self.pauses)

    def notified(self, trigger: date) -> bool:
        """A Kela notice on or after ``trigger`` (or agreed shortly in advance) exists."""
        advance = self.p("kela_notice_advance_days").value
        earliest = cal.add_days(trigger, -advance)
        return any(n.date >= earliest for n in self.notices)


_ABSENT = frozenset(("sickness",))
_ABSENT_TV = frozenset(("sickness", "annual_leave"))
