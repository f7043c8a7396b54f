"""Months as the quality figures and the due list's filter name them ("2026-11")."""

from __future__ import annotations

import datetime as dt


def month_range(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``month`` ("YYYY-MM")."""
    year, number = (int(part) for part in month.split("-"))
    first = dt.date(year, number, 1)
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def last_months(today: dt.date, count: int = 12) -> list[dt.date]:
    """The first days of the ``count`` months up to and including ``today``'s, oldest first."""
    months = []
    year, number = today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, number, 1))
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return months[::-1]


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
