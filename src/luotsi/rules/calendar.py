"""Finnish calendar and the date arithmetic of the rule catalogue's conventions.

- "within N days of D": last allowed date D + N days; N weeks = 7N days.
- "within N months of D": D + N calendar months, clamped to the month's last day
  (``dateutil.relativedelta``).
- Working days are Mon-Fri that are not Finnish public holidays (``holidays``, FI).
"""

from __future__ import annotations

from bisect import bisect_left
from calendar import isleap
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta

ONE_DAY = timedelta(days=1)
SUNDAY = 6  # date.weekday()

# The one range of dates Luotsi accepts anywhere: the case-file schema, every form, the API
# and the command line refuse a date outside it at its field, so the date arithmetic below
# never meets year 1 or year 9999.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)


def in_date_range(day: date) -> bool:
    """Whether ``day`` lies within DATE_MIN..DATE_MAX (inclusive)."""
    return DATE_MIN <= day <= DATE_MAX


def finnish_date(day: date | None) -> str:
    """13.3.2026: a date as Finnish and Finland-Swedish readers write it ("" for None)."""
    return f"{day.day}.{day.month}.{day.year}" if day is not None else ""


def add_days(start: date, days: int) -> date:
    """The last allowed date for "within ``days`` days of ``start``"."""
    delta = _DELTAS.get(days)
    if delta is None:
        delta = timedelta(days=days)
        if len(_DELTAS) < 4096:  # the parameters' few values (bounded all the same)
            _DELTAS[days] = delta
    return start + delta


_DELTAS: dict[int, timedelta] = {}


def add_weeks(start: date, weeks: int) -> date:
    """The last allowed date for "within ``weeks`` weeks of ``start``" (7 days a week)."""
    return start + timedelta(days=7 * weeks)


def add_months(start: date, months: int) -> date:
    """The last allowed date for "within ``months`` months of ``start``" (clamped to the
    month's last day, exactly as ``start + relativedelta(months=months)``)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, _month_days(year, month)))


def _month_days(year: int, month: int) -> int:
    """The number of days in ``month`` (as ``calendar.monthrange(year, month)[1]``)."""
    if month == 2:
        return 29 if isleap(year) else 28
    return _MONTH_DAYS[month]


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months_reference(start: date, months: int) -> date:
    """``add_months`` by ``dateutil.relativedelta`` (the definition; used in tests)."""
    result: date = start + relativedelta(months=months)
    return result


_HOLIDAYS: dict[int, frozenset[date]] = {}


def _holidays(year: int) -> frozenset[date]:
    """The Finnish public holidays of ``year`` (computed once per year)."""
    found = _HOLIDAYS.get(year)
    if found is None:
        found = frozenset(holidays.country_holidays("FI", years=year).keys())
        _HOLIDAYS[year] = found
    return found


def is_holiday(day: date) -> bool:
    """A Finnish public holiday."""
    return day in (_HOLIDAYS.get(day.year) or _holidays(day.year))


def is_working_day(day: date) -> bool:
    """Mon-Fri and not a Finnish public holiday."""
    return day.weekday() < 5 and not is_holiday(day)


_NOT_ALLOWANCE: dict[date, str] = {}
_NOT_ALLOWANCE_YEARS: set[int] = set()
_NOT_ALLOWANCE_ORDINALS: set[int] = set()  # the same days as ordinals
_NOT_ALLOWANCE_DATES: set[date] = set()  # the same days


def not_allowance_days(first: int, last: int) -> dict[date, str]:
    """Sundays ("sunday") and public holidays ("public_holiday") of the years
    ``first..last``, by date (one shared table, filled a year at a time)."""
    for year in range(first, last + 1):
        if year not in _NOT_ALLOWANCE_YEARS:
            day = date(year, 1, 1)
            day += timedelta(days=(SUNDAY - day.weekday()) % 7)
            while day.year == year:
                _NOT_ALLOWANCE[day] = "sunday"
                day += timedelta(days=7)
            for holiday in _holidays(year):
                _NOT_ALLOWANCE.setdefault(holiday, "public_holiday")
            _NOT_ALLOWANCE_ORDINALS.update(map(date.toordinal, _NOT_ALLOWANCE))
            _NOT_ALLOWANCE_DATES.update(_NOT_ALLOWANCE)
            _NOT_ALLOWANCE_YEARS.add(year)
    return _NOT_ALLOWANCE


def none_is_sunday_or_holiday(days: list[date]) -> bool:
    """None of ``days`` (sorted) is a Sunday or a public holiday (a set test, in C)."""
    if not days:
        return True
    not_allowance_days(days[0].year, days[-1].year)
    return _NOT_ALLOWANCE_DATES.isdisjoint(days)


def not_allowance_positions(days: list[date]) -> list[tuple[int, str]]:
    """``(index, reason)`` of each of ``days`` (sorted ascending) that is a Sunday or a
    public holiday, in index order: the same as looking every day up in
    ``not_allowance_days``, but the days are matched by one set intersection in C and only
    the days found are looked up one by one."""
    if not days:
        return []
    table = not_allowance_days(days[0].year, days[-1].year)
    out: list[tuple[int, str]] = []
    count = len(days)
    for day in sorted(_NOT_ALLOWANCE_DATES.intersection(days)):
        index = bisect_left(days, day)
        reason = table[day]
        while index < count and days[index] == day:  # repeated days
            out.append((index, reason))
            index += 1
    return out


def allowance_days(first: date, last: date) -> list[date]:
    """The days of ``first..last`` that are neither Sundays nor public holidays (the same
    as filtering ``days_from`` by ``not_allowance_days``, worked out on day ordinals)."""
    if last < first:
        return []
    not_allowance_days(first.year, last.year)
    skip = _NOT_ALLOWANCE_ORDINALS
    fromordinal = date.fromordinal
    return [fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1) if o not in skip]


def not_allowance_day(day: date) -> str | None:
    """ "sunday" or "public_holiday" when ``day`` is one, else None."""
    if day.weekday() == SUNDAY:
        return "sunday"
    return "public_holiday" if day in (_HOLIDAYS.get(day.year) or _holidays(day.year)) else None


def days_from(first: date, last: date) -> list[date]:
    """Every date of ``first..last`` inclusive (empty when ``last < first``)."""
    fromordinal = date.fromordinal
    return [fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]


def working_days_between(first: date, last: date) -> int:
    """Number of working days in ``first..last`` inclusive (0 when ``last < first``)."""
    if last < first:
        return 0
    span = (last - first).days + 1
    weeks, rest = divmod(span, 7)
    count = weeks * 5
    weekday = first.weekday()
    for offset in range(rest):
        if (weekday + offset) % 7 < 5:
            count += 1
    for year in range(first.year, last.year + 1):
        for holiday in _holidays(year):
            if first <= holiday <= last and holiday.weekday() < 5:
                count -= 1
    return count


@lru_cache(maxsize=8192)
@lru_cache(maxsize=8192)
def week_working_days(monday: date) -> tuple[date, ...]:
    """The working days of the ISO week starting on ``monday`` (cached: the same weeks recur
    in every case of a period)."""
    days = (monday + timedelta(days=i) for i in range(5))
    return tuple(d for d in days if d not in _holidays(d.year))


def iso_week(day: date) -> tuple[int, int]:
    """The ISO (year, week) of ``day``."""
    year, week, _ = day.isocalendar()
    return year, week


def week_monday(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())
