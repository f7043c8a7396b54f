"""Which recorded days a document may print as realised, and the realised periods.

DAYS.ON_PAUSE (``shared/domain/rules.md``; seeds 000 *Jaksotus kuntoutuksessa*, 004
*Kuntoutuksen jaksotus*): a pause is a break in the rehabilitation, so a rehabilitation day
recorded inside a pause is a data error — it is never printed as realised and never counted.
The engine reports the error as a finding; the documents compute the exclusion here from the
case's pause spans (pure, no Django).

Seed 003 Vastaus 8: a participation certificate states the start and end of every period
separately, so a workplace span is split at every pause and absence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from luotsi.rules import Case
from luotsi.rules.model import Absence, End, Pause, RehabDay

ONE_DAY = dt.timedelta(days=1)
Span = tuple[dt.date, dt.date]


def case_end(case: Case) -> dt.date | None:
    """The date of the case's latest ``end`` event, or None while it runs."""
    ends = [e.date for e in case.events if isinstance(e, End)]
    return max(ends) if ends else None


def _closed(start: dt.date, to: dt.date | None, end: dt.date | None) -> Span:
    """A span with an open end closed at ``end`` (the case's end), else far in the future."""
    return start, to or end or dt.date.max


def pause_spans(case: Case) -> list[Span]:
    """Every pause of the case as a closed span (an open pause runs to the case's end)."""
    end = case_end(case)
    return sorted(_closed(e.from_, e.to, end) for e in case.events if isinstance(e, Pause))


def break_spans(case: Case) -> list[Span]:
    """Every pause and absence: where a realised period is split."""
    end = case_end(case)
    return sorted(
        _closed(e.from_, e.to, end) for e in case.events if isinstance(e, Pause | Absence)
    )


def on_pause(day: dt.date, pauses: Iterable[Span]) -> bool:
    """DAYS.ON_PAUSE: whether ``day`` falls inside one of the pause spans."""
    return any(lo <= day <= hi for lo, hi in pauses)


def realised_days(case: Case) -> list[RehabDay]:
    """The rehabilitation days that may be printed and counted: those outside every pause,
    in date order."""
    pauses = pause_spans(case)
    days = (e for e in case.events if isinstance(e, RehabDay) and not on_pause(e.date, pauses))
    return sorted(days, key=lambda e: e.date)


def days_on_pause(case: Case) -> list[RehabDay]:
    """The rehabilitation days recorded inside a pause (DAYS.ON_PAUSE), in date order."""
    pauses = pause_spans(case)
    return sorted(
        (e for e in case.events if isinstance(e, RehabDay) and on_pause(e.date, pauses)),
        key=lambda e: e.date,
    )


def split(span: Span, breaks: Iterable[Span]) -> list[Span]:
    """``span`` with every break cut out: the pieces that remain, in order."""
    pieces = [span]
    for lo, hi in sorted(breaks):
        remaining = []
        for start, end in pieces:
            if hi < start or lo > end:
                remaining.append((start, end))
                continue
            if lo > start:
                remaining.append((start, lo - ONE_DAY))
            if hi < end:
                remaining.append((hi + ONE_DAY, end))
        pieces = remaining
    return pieces
