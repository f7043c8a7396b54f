"""Dates given on the command line: ISO format, within Luotsi's one date range."""

from __future__ import annotations

import argparse
import datetime as dt

from luotsi.rules.calendar import DATE_MAX, DATE_MIN, in_date_range


def date_argument(value: str) -> dt.date:
    """``YYYY-MM-DD`` between ``DATE_MIN`` and ``DATE_MAX`` (argparse then exits with 2)."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r} (use YYYY-MM-DD)") from None
    if not in_date_range(day):
        raise argparse.ArgumentTypeError(
            f"date {value} is outside {DATE_MIN.isoformat()} … {DATE_MAX.isoformat()}"
        )
    return day
