"""CASELOAD: clients per officer per unit per month, TYM clients and KUTY participants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date

from luotsi.rules import calendar as cal

SOURCE = "002 Monilaisten palveluiden asiakasmäärät"
RULE_ID = "CASELOAD"


@dataclass(frozen=True, slots=True)
class Span:
    """Something active from ``start`` to ``end`` (inclusive; None: still active)."""

    key: Hashable  # the client (counted once per month)
    start: date
    end: date | None = None
    unit: str = ""
    officer: str = ""


@dataclass(frozen=True, slots=True)
class UnitMonth:
    """One unit in one month: clients, officers with clients, and clients per officer."""

    month: date
    unit: str
    clients: int
    officers: int
    per_officer: dict[str, int]

    @property
    def average(self) -> float:
        """Clients per officer (the seed's "146 asiakasta / virkailija"), one decimal."""
        return round(self.clients / self.officers, 1) if self.officers else 0.0


def months(first: date, last: date) -> list[date]:
    """The first days of the months from ``first``'s to ``last``'s, inclusive."""
    out: list[date] = []
    month = first.replace(day=1)
    while month <= last:
        out.append(month)
        month = cal.add_months(month, 1)
    return out


def _active(span: Span, month: date) -> bool:
    month_end = cal.add_days(cal.add_months(month, 1), -1)
    return span.start <= month_end and (span.end is None or span.end >= month)


def active_per_month(spans: Iterable[Span], in_months: list[date]) -> dict[date, int]:
    """How many distinct clients have a span active in each month (TYM clients, KUTY
    participants): a span counts in every month it touches."""
    seen: dict[date, set[Hashable]] = {m: set() for m in in_months}
    for span in spans:
        for month in in_months:
            if _active(span, month):
                seen[month].add(span.key)
    return {m: len(keys) for m, keys in seen.items()}


def caseload(spans: Iterable[Span], in_months: list[date]) -> list[UnitMonth]:
    """CASELOAD: per month and unit, the clients each officer had (a client counts once per
    officer and once per unit in a month, under every officer responsible in it)."""
    clients: dict[tuple[date, str], set[Hashable]] = defaultdict(set)
    per_officer: dict[tuple[date, str], dict[str, set[Hashable]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for span in spans:
        for month in in_months:
            if _active(span, month):
                clients[(month, span.unit)].add(span.key)
                per_officer[(month, span.unit)][span.officer].add(span.key)
    rows = [
        UnitMonth(
            month=month,
            unit=unit,
            clients=len(keys),
            officers=len(per_officer[(month, unit)]),
            per_officer={o: len(k) for o, k in sorted(per_officer[(month, unit)].items())},
        )
        for (month, unit), keys in clients.items()
    ]
    return sorted(rows, key=lambda r: (r.month, r.unit))
