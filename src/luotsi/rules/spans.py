"""Span arithmetic: span events clipped to a date, and the days covered by date intervals.

Generic and Django-free like the rest of the engine; ``luotsi.rules.context`` builds its
indexes with these, and the rules and the allowance report match sorted dates against them.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress
from operator import ne
from typing import Any, Generic, TypeVar

from luotsi.rules.model import Absence, Flex, NoInterpreter, Pause, Workplace

S = TypeVar("S", Absence, Pause, Flex, Workplace, NoInterpreter)


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


T = TypeVar("T")


class Cover(Mapping[date, T]):
    """The days covered by date intervals, each day mapped to the first owner covering it.

    Built from ``(start, end, owner)`` intervals (inclusive) in ascending ``start`` order,
    it equals the dict built by walking every interval day by day and keeping the first
    owner of each day (``setdefault``), but is stored as disjoint sorted segments: lookups
    are a bisection, and the size does not depend on how long the intervals are.
    """

    __slots__ = ("ends", "owners", "starts")

    def __init__(self, intervals: Iterable[tuple[date, date, T]]) -> None:
        starts: list[date] = []
        ends: list[date] = []
        owners: list[T] = []
        until: date | None = None  # the last day covered so far
        for start, end, owner in intervals:
            if until is not None:
                if end <= until:
                    continue  # wholly inside earlier intervals: they own these days
                if start <= until:
                    start = until + _ONE_DAY
            starts.append(start)
            ends.append(end)
            owners.append(owner)
            until = end
        self.starts = starts
        self.ends = ends
        self.owners = owners

    def get(self, day: date, default: Any = None) -> Any:
        index = bisect_right(self.starts, day) - 1
        if index >= 0 and day <= self.ends[index]:
            return self.owners[index]
        return default

    def __getitem__(self, day: date) -> T:
        index = bisect_right(self.starts, day) - 1
        if index >= 0 and day <= self.ends[index]:
            return self.owners[index]
        raise KeyError(day)

    def __contains__(self, day: object) -> bool:
        if not self.starts or not isinstance(day, date):
            return False
        index = bisect_right(self.starts, day) - 1
        return index >= 0 and day <= self.ends[index]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __len__(self) -> int:
        return sum((e - s).days + 1 for s, e in zip(self.starts, self.ends, strict=True))

    def __iter__(self) -> Iterator[date]:
        for start, end in zip(self.starts, self.ends, strict=True):
            day = start
            while day <= end:
                yield day
                day += _ONE_DAY

    def ranges(self, days: Sequence[date]) -> list[tuple[int, int, T]]:
        """``(low, high, owner)``: ``days[low:high]`` (sorted ascending) are ``owner``'s."""
        out: list[tuple[int, int, T]] = []
        if not self.starts or not days:
            return out
        low = 0
        for start, end, owner in zip(self.starts, self.ends, self.owners, strict=True):
            low = bisect_left(days, start, low)
            high = bisect_right(days, end, low)
            if high > low:
                out.append((low, high, owner))
            low = high
        return out

    def owners_of(self, days: Sequence[date]) -> list[T | None]:
        """The owner of each of ``days`` (sorted ascending), None where not covered."""
        out: list[T | None] = [None] * len(days)
        for low, high, owner in self.ranges(days):
            out[low:high] = [owner] * (high - low)
        return out


_ONE_DAY = _dt.timedelta(days=1)


def unique_sorted(days: list[date]) -> list[date]:
    """``sorted(set(days))`` without hashing the dates: sorted, then each date that differs
    from the one before it (compared pairwise in C)."""
    ordered = sorted(days)
    rest = ordered[1:]
    return ordered[:1] + list(compress(rest, map(ne, ordered, rest)))


def joined_cover(periods: Iterable[tuple[date, date]]) -> Cover[bool]:
    """The days of ``periods`` (inclusive, in ascending start order), each mapped to True.

    The same mapping as ``Cover((start, end, True) for start, end in periods)``, with
    overlapping and touching periods joined into one segment (certificates usually follow
    each other day after day), so ``ranges`` bisects once per run of periods. A period
    ending before it starts covers nothing.
    """
    joined: list[tuple[date, date, bool]] = []
    first: date | None = None
    last: date | None = None
    for start, end in periods:
        if end < start:
            continue
        if last is not None and start <= last + _ONE_DAY:
            if end > last:
                last = end
            continue
        if first is not None and last is not None:
            joined.append((first, last, True))
        first, last = start, end
    if first is not None and last is not None:
        joined.append((first, last, True))
    return Cover(joined)


def clip(event: S, on: date) -> Span[S]:
    is_open = event.to is None or event.to > on
    return Span(event.from_, on if is_open or event.to is None else event.to, is_open, event)
