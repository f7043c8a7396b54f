"""Phase-1 facts (TK, TV): the deadline of the planning and job-search meetings.

Pure functions of the dates and spans they are given: ``Ctx.phase1`` computes the facts
once per evaluation, and the rules of ``luotsi.rules.phases`` (PHASE1.*,
WORKPHASE.NOT_STARTED) and KELA.NOTIFY read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from luotsi.rules import calendar as cal
from luotsi.rules.model import Absence, Pause
from luotsi.rules.params import ParamValue
from luotsi.rules.spans import Span

PHASE1 = frozenset(("planning", "job_search"))
# Pauses for employer-side reasons extend the phase-1 deadline for WORKPHASE.NOT_STARTED.
EMPLOYER_PAUSES = frozenset(("employer_delay", "awaiting_employer_replies"))


@dataclass(frozen=True, slots=True)
class Phase1:
    """Phase-1 deadline facts (see ``luotsi.rules.phases``)."""

    base_deadline: date | None
    deadline: date | None
    extension_days: int
    extending: tuple[Span[Absence], ...]
    long_sicknesses: tuple[Span[Absence], ...]
    params: tuple[ParamValue, ...]


def phase1_facts(
    first_meeting: date | None,
    absences: Iterable[Span[Absence]],
    months: ParamValue,
    low: ParamValue,
    high: ParamValue,
) -> Phase1:
    """The phase-1 deadline: first meeting + ``months`` months, extended by a sickness of
    ``low``-``high`` days (``absences`` in start order)."""
    params = (months, low, high)
    first = first_meeting
    if first is None:
        return Phase1(None, None, 0, (), (), params)
    base = cal.add_months(first, months.value)
    extending: list[Span[Absence]] = []
    long: list[Span[Absence]] = []
    extension = 0
    for span in absences:
        event = span.event
        if event.reason != "sickness" or event.could_participate_remotely:
            continue
        if span.end < first or span.start > base:
            continue
        if span.days > high.value:
            long.append(span)
        elif span.days >= low.value:
            extending.append(span)
            extension += span.days
    extension = min(extension, high.value)
    deadline = cal.add_days(base, extension)
    return Phase1(base, deadline, extension, tuple(extending), tuple(long), params)


def extended_deadline(deadline: date | None, pauses: Iterable[Span[Pause]]) -> date | None:
    """The phase-1 ``deadline`` extended also by the pauses allowed for employer-side
    reasons that end on or after it."""
    if deadline is None:
        return None
    extra = sum(s.days for s in pauses if s.event.reason in EMPLOYER_PAUSES and s.end >= deadline)
    return cal.add_days(deadline, extra)
