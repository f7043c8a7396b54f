"""The workplace and flexibility (TK, TV): WORKPLACE.*, FLEX.*."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.model import Meeting
from luotsi.rules.registry import rule
from luotsi.rules.spans import Span

NOT_VISITS = frozenset(("network", "phone_contact"))


def workplace_meetings(ctx: Ctx) -> list[Meeting]:
    """Meetings of the workplace phase, in date order (``Ctx.workplace_meetings``)."""
    return ctx.workplace_meetings


@rule("WORKPLACE.FIRST_MEETING", "000 Kysymykset 3/3")
def workplace_first_meeting(ctx: Ctx) -> None:
    """TK: the first workplace meeting is within 3 days of the workplace phase starting."""
    start = ctx.workplace_start
    if start is None:
        return
    days = ctx.p("workplace_first_meeting_days")
    held = workplace_meetings(ctx)
    if not held and ctx.ended is not None:
        return
    ctx.deadline(
        cal.add_days(start, days.value),
        held[0].date if held else None,
        "WORKPLACE.FIRST_MEETING",
        trigger=start,
        events=held[:1],
        params=[days],
        start=start,
    )


def _excused(ctx: Ctx, working: tuple[date, ...]) -> bool:
    """Every working day of the week is inside a pause or an absence."""
    spans: list[Span[Any]] = [*ctx.pauses, *ctx.absences]
    return all(any(s.covers(d) for s in spans) for d in working)


@rule("WORKPLACE.WEEKLY", "000 Kysymykset 3/3")
def workplace_weekly(ctx: Ctx) -> None:
    """TK: a workplace meeting in every ISO week of the workplace phase (pause weeks excepted).

    Only whole weeks are checked: every working day of the week lies in the phase, and the
    week is over (its Sunday is before the evaluation date) or the service ended in it. The
    partial first and last weeks are covered by WORKPLACE.FIRST_MEETING and
    FINAL.DISCUSSION.
    """
    start = ctx.workplace_start
    if start is None:
        return
    per_week = ctx.p("workplace_meetings_per_week")
    last = ctx.ended if ctx.ended is not None else ctx.on
    counts: dict[date, int] = {}
    for meeting in workplace_meetings(ctx):
        monday = cal.week_monday(meeting.date)
        counts[monday] = counts.get(monday, 0) + 1
    monday = cal.week_monday(start)
    missing: list[date] = []
    while monday <= last:
        sunday = monday + timedelta(days=6)
        working = cal.week_working_days(monday)
        whole = bool(working) and working[0] >= start and working[-1] <= last
        over = sunday < ctx.on or ctx.ended is not None
        if (
            whole
            and over
            and counts.get(monday, 0) < per_week.value
            and not (_excused(ctx, working))
        ):
            missing.append(monday)
        monday += timedelta(days=7)
    for week in missing:
        year, number = cal.iso_week(week)
        ctx.add(
            "violation",
            "WORKPLACE.WEEKLY.missing",
            date=week,
            params=[per_week],
            week=f"{year}-W{number:02d}",
        )


@rule("WORKPLACE.VIDEO", "000 Kysymykset 3/3")
def workplace_video(ctx: Ctx) -> None:
    """TK: every other workplace meeting may be by video; two in a row by video is a violation."""
    previous: Meeting | None = None
    for meeting in workplace_meetings(ctx):
        if meeting.kind in NOT_VISITS:
            continue
        if previous is not None and previous.mode == "video" and meeting.mode == "video":
            ctx.add(
                "violation",
                "WORKPLACE.VIDEO.consecutive",
                date=meeting.date,
                events=[previous, meeting],
                previous=previous.date,
            )
        previous = meeting


@rule("WORKPLACE.NOT_EXTERNAL", "000 Ulkopuolinen työpaikka")
def workplace_not_external(ctx: Ctx) -> None:
    """The workplace is on the open labour market, never the provider's own premises or employ."""
    for span in ctx.workplaces:
        place = span.event
        if place.provider_is_employer:
            key = "provider_employer"
        elif place.kind == "provider_premises":
            key = "provider_premises"
        elif place.kind == "organisation":
            key = "organisation"
        elif place.kind is None:
            ctx.add("info", "WORKPLACE.NOT_EXTERNAL.unknown", date=span.start, events=[span])
            continue
        else:
            continue
        ctx.add(
            "violation",
            f"WORKPLACE.NOT_EXTERNAL.{key}",
            date=span.start,
            events=[span],
            employer=place.employer or "?",
        )


@rule("FLEX.REASON", "000 Joustot; 001 Muut toteutukseen liittyvät asiat")
def flex_reason(ctx: Ctx) -> None:
    """Flexibility only when the client's capacity is substantially weakened, never for the
    workplace."""
    for span in ctx.flexes:
        reason = span.event.reason
        if reason is None:
            ctx.add("warning", "FLEX.REASON.missing", date=span.start, events=[span])
        elif reason != "capacity":
            ctx.add(
                "violation", "FLEX.REASON.not_allowed", date=span.start, events=[span],
                reason=reason,
            )  # fmt: skip


@rule("FLEX.MIN_DAYS", "004 Kuntoutusraha, Teak ja joustot; Mitkä asiat hankaloittavat")
def flex_min_days(ctx: Ctx) -> None:
    """Under flexibility there are at least 3 rehabilitation days a week (allowance).

    Checks the declared days a week of each flexibility and the realised rehabilitation
    days of each whole, finished ISO week inside it. A week is left out when it has no
    rehabilitation day at all or a day inside a pause or an absence.
    """
    if not ctx.case.client.applies_allowance:
        return
    minimum = ctx.p("flex_min_days_per_week")
    for span in ctx.flexes:
        per_week = span.event.days_per_week
        if per_week is not None and per_week < minimum.value:
            ctx.add(
                "violation",
                "FLEX.MIN_DAYS.few",
                date=span.start,
                events=[span],
                params=[minimum],
                days=per_week,
                minimum=minimum.value,
            )
        short = _short_weeks(ctx, span, minimum.value)
        if short:
            monday, days = short[0]
            year, number = cal.iso_week(monday)
            ctx.add(
                "violation",
                "FLEX.MIN_DAYS.realised",
                date=monday,
                events=[span],
                params=[minimum],
                weeks=len(short),
                week=f"{year}-W{number:02d}",
                days=days,
                minimum=minimum.value,
            )


def _short_weeks(ctx: Ctx, span: Span[Any], minimum: int) -> list[tuple[date, int]]:
    """(Monday, realised days) of the whole, finished ISO weeks of ``span`` with fewer than
    ``minimum`` but at least one rehabilitation day (see ``flex_min_days``)."""
    dates = [d.date for d in ctx.counted_days]
    spans: list[Span[Any]] = [*ctx.pauses, *ctx.absences]
    monday = cal.week_monday(span.start)
    if monday < span.start:
        monday += timedelta(days=7)
    short: list[tuple[date, int]] = []
    while monday + timedelta(days=6) <= span.end and monday + timedelta(days=6) < ctx.on:
        sunday = monday + timedelta(days=6)
        days = bisect_right(dates, sunday) - bisect_left(dates, monday)
        if 0 < days < minimum and not any(s.start <= sunday and s.end >= monday for s in spans):
            short.append((monday, days))
        monday += timedelta(days=7)
    return short
