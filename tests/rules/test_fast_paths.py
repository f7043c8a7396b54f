"""The engine's interval-based fast paths equal the day-by-day definitions they replaced
(``tests/rules/reference.py``), on generated spans and generated case files."""

from __future__ import annotations

from calendar import monthrange
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.rules import calendar as cal
from luotsi.rules import context, evaluate, parse_case
from luotsi.rules.allowance import build
from luotsi.rules.context import Ctx
from luotsi.rules.engine import _count
from luotsi.rules.model import Event
from luotsi.rules.params import load_parameters, param
from luotsi.rules.spans import Cover, joined_cover, unique_sorted
from tests.conftest import examples
from tests.rules import reference
from tests.rules.strategies import cases, eval_dates

SETTINGS = settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
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


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(-3, 40)), max_size=10),
    st.lists(st.integers(-10, 260), max_size=60),
)
def test_joined_cover_covers_the_walked_days(
    spans: list[tuple[int, int]], probes: list[int]
) -> None:
    periods = sorted((BASE + timedelta(days=s), BASE + timedelta(days=s + n)) for s, n in spans)
    walked = reference.cover_by_days([(s, e, True) for s, e in periods if s <= e])
    joined = joined_cover(periods)
    assert dict(joined) == walked
    days = sorted(BASE + timedelta(days=p) for p in probes)
    covered = [i for low, high, _ in joined.ranges(days) for i in range(low, high)]
    assert covered == [i for i, day in enumerate(days) if day in walked]
    starts_ends = list(zip(joined.starts, joined.ends, strict=True))
    for (_, end), (start, _) in pairwise(starts_ends):
        assert (start - end).days > 1  # touching periods joined


@SETTINGS
@given(st.lists(st.integers(0, 400), max_size=60))
def test_unique_sorted(offsets: list[int]) -> None:
    days = [BASE + timedelta(days=o) for o in offsets]
    assert unique_sorted(days) == sorted(set(days))


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


@SETTINGS
@given(st.lists(st.integers(0, 1500), max_size=40))
def test_not_allowance_positions(offsets: list[int]) -> None:
    days = sorted(date(2025, 1, 1) + timedelta(days=o) for o in offsets)  # repeats too
    expected = [
        (index, reference.calendar_reason(day))
        for index, day in enumerate(days)
        if reference.calendar_reason(day) is not None
    ]
    assert cal.not_allowance_positions(days) == expected


@SETTINGS
@given(st.lists(st.integers(0, 400), max_size=40), st.lists(st.integers(0, 400), max_size=40))
def test_merged_participation_dates(first: list[int], second: list[int]) -> None:
    a = sorted(BASE + timedelta(days=o) for o in first)
    b = sorted(BASE + timedelta(days=o) for o in second)
    assert unique_sorted(a + b) == sorted(set(a) | set(b))


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
    paused = reference.pause_days(ctx)  # DAYS.ON_PAUSE: not counted either
    assert dict(ctx.pause_days) == paused
    assert ctx.counted_days == [
        d for d in ctx.days if d.date not in walked and d.date not in paused
    ]


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


@SETTINGS
@given(st.lists(st.sampled_from(["planning", "job_search", "workplace", "video", None])))
def test_counters_count_as_counter(values: list[str | None]) -> None:
    counted = _count(values)
    assert counted == dict(Counter(values))
    assert list(counted) == list(Counter(values))  # the order of first appearance


@pytest.mark.parametrize("year", [1900, 2000, 2024, 2026, 2028, 2100, 2400])
def test_month_days_as_monthrange(year: int) -> None:
    for month in range(1, 13):
        assert cal._month_days(year, month) == monthrange(year, month)[1]


@SETTINGS
@given(st.integers(-800, 5000), st.integers(-400, 400))
def test_add_days_as_timedelta(start: int, days: int) -> None:
    first = BASE + timedelta(days=start)
    assert cal.add_days(first, days) == first + timedelta(days=days)
    assert cal.add_days(first, days) == first + timedelta(days=days)  # the cached delta


def test_the_context_buckets_every_event_class() -> None:
    assert set(context._CLASSES) == set(get_args(Event))
    assert len(context._CLASSES) == len(set(context._CLASSES))


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), eval_dates, st.lists(st.integers(-3000, 3000), min_size=1, max_size=4))
def test_context_parameters_equal_the_dated_lookup(
    data: dict[str, Any], on: date, offsets: list[int]
) -> None:
    ctx = Ctx(parse_case(data), on)
    for name in load_parameters():
        assert ctx.p(name) == param(name, ctx.ref_date, ctx.service)
        for offset in offsets:
            day = on + timedelta(days=offset)
            assert ctx.p(name, day) == param(name, day, ctx.service)
