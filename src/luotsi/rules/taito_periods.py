"""Taito (seed 003): start period, group period, practice visits and contacts, sickness and
the follow-up report. Phase helpers are in ``luotsi.rules.common``."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from luotsi.rules import calendar as cal
from luotsi.rules.common import phase_start, practice_bounds
from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule

_WEEK = timedelta(days=7)


def _start_group_days(ctx: Ctx) -> list[date]:
    limit = phase_start(ctx, "practice") or phase_start(ctx, "deepening")
    return [d.date for d in ctx.days if d.group and (limit is None or d.date < limit)]


@rule("TAITO.START_VISITS", "003 Vastaus 2")
def start_visits(ctx: Ctx) -> None:
    """The start period has 1–5 individual visits and a 12-day group period."""
    practice = phase_start(ctx, "practice")
    if practice is None:
        return
    limits = ctx.p("taito_start")
    v = limits.value
    visits = [m for m in ctx.meetings if m.date < practice and m.kind == "individual"]
    if not v["min_visits"] <= len(visits) <= v["max_visits"]:
        ctx.add(
            "violation", "TAITO.START_VISITS.visits", date=practice, params=[limits],
            count=len(visits), min=v["min_visits"], max=v["max_visits"],
        )  # fmt: skip
    group = _start_group_days(ctx)
    if len(group) != v["group_days"]:
        ctx.add(
            "violation", "TAITO.START_VISITS.group_days", date=practice, params=[limits],
            count=len(group), expected=v["group_days"],
        )  # fmt: skip


@rule("TAITO.GROUP_PERIOD", "003 Vastaus 2")
def group_period(ctx: Ctx) -> None:
    """The 12 group days are 4 + 4 + 4 consecutive weekdays (Mon–Thu or Tue–Fri) in
    consecutive weeks."""
    limits = ctx.p("taito_start")
    per_week = limits.value["days_per_week"]
    weeks: dict[date, list[date]] = {}
    for day in _start_group_days(ctx):
        weeks.setdefault(cal.week_monday(day), []).append(day)
    mondays = sorted(weeks)
    for monday in mondays:
        if monday + _WEEK > ctx.on and len(weeks[monday]) < per_week:
            continue  # this week is still running
        allowed = [[monday + timedelta(days=s + i) for i in range(per_week)] for s in (0, 1)]
        if sorted(weeks[monday]) not in allowed:
            ctx.add(
                "violation", "TAITO.GROUP_PERIOD.week", date=weeks[monday][0], params=[limits],
                monday=monday,
            )  # fmt: skip
    for previous, monday in pairwise(mondays):
        if monday - previous != _WEEK:
            ctx.add("violation", "TAITO.GROUP_PERIOD.gap", date=monday, monday=monday)


@rule("TAITO.PRACTICE_START", "003 Vastaus 3")
def practice_start(ctx: Ctx) -> None:
    """Work practice starts right after the start period: a gap over 14 days is flagged."""
    start = phase_start(ctx, "practice")
    if start is None:
        return
    before = sorted(
        [m.date for m in ctx.meetings if m.date < start]
        + [d.date for d in ctx.days if d.group and d.date < start]
    )
    gap = ctx.p("taito_practice_start_gap_days")
    if before and (start - before[-1]).days > gap.value:
        ctx.add(
            "warning", "TAITO.PRACTICE_START.gap", date=start, params=[gap],
            days=(start - before[-1]).days, last=before[-1], maximum=gap.value,
        )  # fmt: skip


@rule("TAITO.PRACTICE_VISITS", "003 Vastaus 1, 4")
def practice_visits(ctx: Ctx) -> None:
    """During practice 8–12 coach visits: 4 at the workplace, the employer at ≥ 4, one network."""
    start, end = practice_bounds(ctx)
    if start is None or end is None:
        return
    limits = ctx.p("taito_practice_visits")
    v = limits.value
    visits = [
        m
        for m in ctx.meetings
        if start <= m.date < end and m.mode != "phone" and m.kind != "phone_contact"
    ]
    counts = {
        "total": len(visits),
        "workplace": sum(m.place == "workplace" and m.mode == "face_to_face" for m in visits),
        "employer": sum(m.employer_present for m in visits),
        "network": sum(m.kind == "network" for m in visits),
    }
    problems = []
    if not v["min"] <= counts["total"] <= v["max"]:
        problems.append("total")
    problems += [k for k in ("workplace", "employer", "network") if counts[k] < v[k]]
    for key in problems:
        ctx.add(
            "violation", f"TAITO.PRACTICE_VISITS.{key}", date=end, params=[limits],
            count=counts[key], min=v["min"] if key == "total" else v[key], max=v["max"],
        )  # fmt: skip


@rule("TAITO.WEEKLY_PHONE", "003 Vastaus 1")
def weekly_phone(ctx: Ctx) -> None:
    """The coach phones the client every (finished) week of work practice with practice days."""
    start, end = practice_bounds(ctx)
    if start is None:
        return
    # "työharjoittelun aikana": the weeks of practice are the ISO weeks with a practice day
    # (a non-group rehabilitation day of the practice phase); a week is judged once over.
    # Weeks are their Mondays' day ordinals (ordinal 1, 1.1.0001, was a Monday).
    low, high = start.toordinal(), end.toordinal() if end else ctx.on.toordinal() + 1
    ordinals = [d.date.toordinal() for d in ctx.days if not d.group]
    weeks = {o - (o - 1) % 7 for o in ordinals if low <= o < high}
    if not weeks:
        return
    phoned = {
        o - (o - 1) % 7
        for o in (
            m.date.toordinal()
            for m in ctx.meetings
            if m.mode == "phone" or m.kind == "phone_contact"
        )
    }
    over = ctx.on.toordinal() - 6
    missing = sorted(date.fromordinal(w) for w in weeks - phoned if w < over)
    if missing:
        ctx.add(
            "violation", "TAITO.WEEKLY_PHONE.missing", date=missing[0], count=len(missing),
            monday=missing[0],
        )  # fmt: skip


@rule("TAITO.SICKNESS", "003 Vastaus 11")
def sickness(ctx: Ctx) -> None:
    """Repeated or one long sickness absence: contact Kela about reaching the goals."""
    limits = ctx.p("taito_sickness")
    sick = [s for s in ctx.absences if s.event.reason == "sickness"]
    trigger = None
    if len(sick) >= limits.value["repeated"]:
        trigger = sick[limits.value["repeated"] - 1].start
    long = [s.start for s in sick if s.days > limits.value["long_days"]]
    if long and (trigger is None or long[0] < trigger):
        trigger = long[0]
    if trigger is not None and not ctx.notified(trigger):
        ctx.add(
            "action", "TAITO.SICKNESS.contact", date=trigger, events=sick, params=[limits],
            count=len(sick),
        )  # fmt: skip


@rule("TAITO.FOLLOWUP_FEEDBACK", "003 Vastaus 10")
def followup_feedback(ctx: Ctx) -> None:
    """A follow-up report is made within 14 days of the last follow-up visit."""
    visits = [
        m for m in ctx.meetings if m.phase == "followup" and m.mode in ("face_to_face", "video")
    ]
    if not visits or (len(visits) < 2 and ctx.end is None):
        return  # the last follow-up visit is known after the 2nd one or at the end
    last = visits[1] if len(visits) > 1 else visits[0]
    days = ctx.p("feedback_days")
    sent = next((f for f in ctx.feedbacks if f.kind == "followup" and f.date >= last.date), None)
    ctx.deadline(
        cal.add_days(last.date, days.value), sent.date if sent else None,
        "TAITO.FOLLOWUP_FEEDBACK", trigger=last.date, events=[last], params=[days],
        visit=last.date,
    )  # fmt: skip
