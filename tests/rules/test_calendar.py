"""Calendar arithmetic of the catalogue's conventions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luotsi.rules import calendar as cal


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 30))
def test_add_months_is_relativedelta(start: date, months: int) -> None:
    assert cal.add_months(start, months) == cal.add_months_reference(start, months)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 1, 11), 5, date(2027, 6, 11)),
        (date(2027, 1, 11), 13, date(2028, 2, 11)),
    ],
)
def test_add_months_examples(start: date, months: int, expected: date) -> None:
    assert cal.add_months(start, months) == expected


def test_days_and_weeks() -> None:
    assert cal.add_days(date(2027, 1, 4), 14) == date(2027, 1, 18)
    assert cal.add_weeks(date(2027, 1, 4), 3) == date(2027, 1, 25)


def test_finnish_holidays() -> None:
    assert not cal.is_working_day(date(2027, 12, 6))  # Independence Day, Monday
    assert not cal.is_working_day(date(2027, 3, 26))  # Good Friday (Easter 2027-03-28)
    assert cal.is_working_day(date(2027, 3, 25))
    assert not cal.is_working_day(date(2027, 4, 3))  # Saturday


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 1, 1)), st.integers(-3, 400))
def test_working_days_between_counts_days(first: date, length: int) -> None:
    last = first + timedelta(days=length)
    expected = sum(1 for i in range(length + 1) if cal.is_working_day(first + timedelta(days=i)))
    assert cal.working_days_between(first, last) == expected


def test_finnish_date_has_no_leading_zeros_and_none_is_empty():
    assert cal.finnish_date(date(2026, 3, 5)) == "5.3.2026"
    assert cal.finnish_date(date(2026, 12, 24)) == "24.12.2026"
    assert cal.finnish_date(None) == ""
