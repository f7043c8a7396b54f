"""Taito rehabilitation (seed 003): the Taito rules implemented so far.

Phases come from ``phase`` events (``start``, ``practice``, ``deepening``, ``final``,
``followup``). Group days are ``rehab_day`` events with ``group: true``; work-practice days
are the other rehabilitation days of the practice phase.
"""

from __future__ import annotations

from datetime import date

from luotsi.rules import calendar as cal
from luotsi.rules.common import phase_start, practice_bounds
from luotsi.rules.context import Ctx
from luotsi.rules.model import RehabDay
from luotsi.rules.registry import rule


def final_group_end(ctx: Ctx) -> date | None:
    """The last group day of the final period (on or after the ``final`` phase start)."""
    start = phase_start(ctx, "final")
    if start is None:
        return None
    days = [d.date for d in ctx.days if d.group and d.date >= start]
    return days[-1] if days else None


def practice_days(ctx: Ctx) -> tuple[date | None, date | None, list[RehabDay]]:
    """Start, end (``deepening`` start or the end; None while running) and practice days."""
    start, end = practice_bounds(ctx)
    if start is None:
        return None, None, []
    days = [
        d
        for d in ctx.counted_days
        if not d.group and d.date >= start and (end is None or d.date < end)
    ]
    return start, end, days


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@rule("TAITO.B_STATEMENT", "003 Vastaus 12; 002 KELA yhteistyö")
def b_statement(ctx: Ctx) -> None:
    """Taito needs medical statement B (also under 30) and clients aged 18–64."""
    if not ctx.case.decision.medical_statement_b:
        ctx.add("violation", "TAITO.B_STATEMENT.missing", date=ctx.ref_date)
    ages = ctx.p("taito_age")
    born = ctx.case.client.birth_date
    if born is None:
        ctx.add("info", "TAITO.B_STATEMENT.age_unknown", params=[ages])
        return
    age = _age(born, ctx.ref_date)
    if not ages.value["min"] <= age <= ages.value["max"]:
        ctx.add(
            "violation", "TAITO.B_STATEMENT.age", date=ctx.ref_date, params=[ages], age=age,
            min=ages.value["min"], max=ages.value["max"],
        )  # fmt: skip


@rule("TAITO.FOLLOWUP", "003 Vastaus 6")
def followup(ctx: Ctx) -> None:
    """The 1st follow-up visit is within 3 months and the 2nd within 6 of the final group end."""
    end = final_group_end(ctx)
    if end is None:
        return
    months = ctx.p("taito_followup_months")
    visits = [m for m in ctx.meetings if m.date > end and m.phase == "followup"]
    first = cal.add_months(end, months.value["first"])
    ctx.deadline(
        first, visits[0].date if visits else None, "TAITO.FOLLOWUP.first",
        trigger=end, events=visits[:1], params=[months], end=end,
    )  # fmt: skip
    second = cal.add_months(end, months.value["second"])
    if len(visits) > 1 and visits[1].date > second:
        ctx.add(
            "violation", "TAITO.FOLLOWUP.second_late", date=visits[1].date, events=visits[1:2],
            params=[months], deadline=second, met=visits[1].date,
        )  # fmt: skip


def deepening_group_end(ctx: Ctx) -> date | None:
    """The last group day of the deepening period (from the ``deepening`` phase start to the
    ``final`` one)."""
    start = phase_start(ctx, "deepening")
    if start is None:
        return None
    final = phase_start(ctx, "final")
    days = [
        d.date
        for d in ctx.days
        if d.group and d.date >= start and (final is None or d.date < final)
    ]
    return days[-1] if days else None


@rule("FEEDBACK.DEADLINE", "003 Vastaus 5; 004 Kuntoutuspalaute ja osallistumistodistus")
def feedback_deadline(ctx: Ctx) -> None:
    """Taito: the feedback report is sent within 14 days of the final group period's end (a
    client with a clear plan: after the deepening group period)."""
    end = final_group_end(ctx)
    if end is None:
        return
    days = ctx.p("feedback_days")
    # 003 Vastaus 5: for a client with a clear plan the report is made after the individual
    # final discussions of the deepening group period; one made from then on counts.
    earliest = deepening_group_end(ctx) or end
    sent = next((f for f in ctx.feedbacks if f.date >= earliest and f.kind != "followup"), None)
    ctx.deadline(
        cal.add_days(end, days.value), sent.date if sent else None, "FEEDBACK.DEADLINE",
        trigger=end, events=[sent] if sent else [], params=[days], end=end,
    )  # fmt: skip


@rule("TAITO.PRACTICE_LENGTH", "003 Vastaus 11")
def practice_length(ctx: Ctx) -> None:
    """Work practice is 50–70 days within 3.5 months; under 50 needs a documented reason."""
    start, end, days = practice_days(ctx)
    if start is None:
        return
    limits = ctx.p("taito_practice_days")
    v = limits.value
    last = cal.add_days(cal.add_months(start, v["within_months"]), v["within_extra_days"])
    late = [d for d in days if d.date > last]
    if late:
        ctx.add(
            "violation", "TAITO.PRACTICE_LENGTH.late", date=late[0].date, events=late[:1],
            params=[limits], deadline=last, count=len(late),
        )  # fmt: skip
    if len(days) > v["max_days"]:
        extra = days[v["max_days"]]
        ctx.add(
            "violation", "TAITO.PRACTICE_LENGTH.long", date=extra.date, events=[extra],
            params=[limits], count=len(days), maximum=v["max_days"],
        )  # fmt: skip
    elif end is not None and len(days) < v["min_days"]:
        ctx.add(
            "warning", "TAITO.PRACTICE_LENGTH.short", date=end, params=[limits],
            count=len(days), minimum=v["min_days"],
        )  # fmt: skip


@rule("TAITO.DURATION", "003 Vastaus 15")
def duration(ctx: Ctx) -> None:
    """The process runs in about 15 months from its start: warn near and past that date."""
    start = ctx.first_day
    if start is None:
        return
    limits = ctx.p("taito_duration")
    deadline = cal.add_months(start, limits.value["months"])
    latest = max([m.date for m in ctx.meetings[-1:]] + [d.date for d in ctx.days[-1:]])
    if latest > deadline:
        ctx.add(
            "warning", "TAITO.DURATION.past", date=latest, params=[limits], start=start,
            deadline=deadline, months=limits.value["months"],
        )  # fmt: skip
    elif ctx.ended is None and ctx.on > deadline:
        ctx.add(
            "warning", "TAITO.DURATION.running", date=deadline, params=[limits], start=start,
            deadline=deadline, months=limits.value["months"],
        )  # fmt: skip
    elif ctx.ended is None and (deadline - ctx.on).days <= limits.value["warn_before_days"]:
        ctx.add(
            "warning", "TAITO.DURATION.near", due=deadline, params=[limits], start=start,
            deadline=deadline, months=limits.value["months"],
        )  # fmt: skip


@rule("TAITO.FOLLOWUP_MODE", "003 Vastaus 6")
def followup_mode(ctx: Ctx) -> None:
    """Follow-up visits are held at the provider's office or by video call."""
    for m in ctx.meetings:
        if m.phase != "followup":
            continue
        if m.mode == "video" or (m.mode == "face_to_face" and m.place in (None, "provider_office")):
            continue
        ctx.add(
            "violation", "TAITO.FOLLOWUP_MODE.mode", date=m.date, events=[m],
            mode=m.mode, place=m.place or "–",
        )  # fmt: skip
