"""The engine's interval-based fast paths equal the day-by-day definitions they replaced
(``tests/rules/reference.py``), on generated spans and generated case files."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.rules import calendar as cal
from luotsi.rules import evaluate, parse_case
from luotsi.rules.allowance import build
from luotsi.rules.context import Cover, Ctx
from tests.rules import reference
from tests.rules.strategies import cases, eval_dates

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = date(2026, 1, 1)

intervals = st.lists(
    st.tuples(st.integers(0, 400), st.integers(0, 120)).map(
        lambda t: (BASE + timedelta(days=t[0]), BASE + timedelta(days=t[0] + t[1]))
    ),
    max_size=8,
).map(lambda spans: sorted(((s, e, i) for i, (s, e) in enumerate(spans)), key=lambda x: x[0]))


@SETTINGS
@given(intervals, st.lists(st.integers(-10, 560), max_size=60))
def test_cover_equals_the_day_by_day_walk(
    spans: list[tuple[date, date, int]], probes: list[int]
) -> None:
    walked = reference.cover_by_days(spans)
    cover = Cover(spans)
    assert dict(cover) == walked
    assert len(cover) == len(walked)
    assert bool(cover) == bool(walked)
    days = sorted(BASE + timedelta(days=p) for p in probes)
    assert cover.owners_of(days) == [walked.get(d) for d in days]
    for day in days:
        assert (day in cover) == (day in walked)
        assert cover.get(day) == walked.get(day)


def test_cover_first_owner_wins_on_overlap() -> None:
    d = BASE
    cover = Cover(
        [(d, d + timedelta(days=9), "a"), (d + timedelta(days=2), d + timedelta(days=20), "b")]
    )
    assert cover[d + timedelta(days=9)] == "a"
    assert cover[d + timedelta(days=10)] == "b"
    assert d + timedelta(days=21) not in cover


@pytest.mark.parametrize("year", range(2020, 2041))
def test_sundays_and_holidays_table(year: int) -> None:
    table = cal.not_allowance_days(year, year)
    for day in cal.days_from(date(year, 1, 1), date(year, 12, 31)):
        assert table.get(day) == reference.calendar_reason(day)


@SETTINGS
@given(st.integers(-400, 5000), st.integers(-3, 800))
def test_allowance_days_on_ordinals(start: int, length: int) -> None:
    first = date(2025, 1, 1) + timedelta(days=start)
    last = first + timedelta(days=length)
    expected = [d for d in cal.days_from(first, last) if reference.calendar_reason(d) is None]
    assert cal.allowance_days(first, last) == expected


@SETTINGS
@given(st.lists(st.integers(0, 1500), max_size=30))
def test_none_is_sunday_or_holiday(offsets: list[int]) -> None:
    days = sorted(date(2025, 1, 1) + timedelta(days=o) for o in offsets)
    expected = all(reference.calendar_reason(d) is None for d in days)
    assert cal.none_is_sunday_or_holiday(days) is expected


def test_allowance_days_skips_sundays_and_holidays() -> None:
    # 2026-12-24..27: Christmas Eve (Thu), Christmas Day (Fri), Boxing Day (Sat), Sunday
    assert cal.allowance_days(date(2026, 12, 23), date(2026, 12, 28)) == [
        date(2026, 12, 23),
        date(2026, 12, 28),
    ]
    assert cal.allowance_days(date(2026, 12, 28), date(2026, 12, 27)) == []


def _ctx(data: dict[str, Any], on: date, working_life: bool) -> Ctx:
    data = {**data, "client": {**data["client"], "in_working_life_at_start": working_life}}
    return Ctx(parse_case(data), on)


@SETTINGS
@given(cases(), eval_dates, st.booleans())
def test_absence_days_and_counted_days(data: dict[str, Any], on: date, wl: bool) -> None:
    ctx = _ctx(data, on, wl)
    walked = reference.absence_days(ctx)
    assert dict(ctx.absence_days) == walked
    assert ctx.counted_days == [d for d in ctx.days if d.date not in walked]


@SETTINGS
@given(cases(), eval_dates, st.booleans())
def test_allowance_report_equals_the_day_by_day_report(
    data: dict[str, Any], on: date, working_life: bool
) -> None:
    fast = build(_ctx(data, on, working_life))
    slow = reference.allowance_report(_ctx(data, on, working_life))
    assert fast.to_dict() == slow.to_dict()
    assert fast.params == slow.params


@SETTINGS
@given(cases(), eval_dates)
def test_cert_missing_counts_the_walked_uncovered_days(data: dict[str, Any], on: date) -> None:
    data = {**data, "client": {**data["client"], "applies_allowance": True}}
    ctx = Ctx(parse_case(data), on)
    grace = ctx.p("certificate_grace_days").value
    uncovered = reference.uncovered_days(ctx)
    expected = {
        "CERT.MISSING.overdue": [d for d in uncovered if on > d + timedelta(days=grace)],
        "CERT.MISSING.due": [d for d in uncovered if on <= d + timedelta(days=grace)],
    }
    found = {
        f.key: dict(f.args)
        for f in evaluate(parse_case(data), on).findings
        if f.rule == "CERT.MISSING"
    }
    for key, days in expected.items():
        if days:
            assert found[key]["count"] == len(days)
            assert found[key]["first"] == days[0].isoformat()
        else:
            assert key not in found
