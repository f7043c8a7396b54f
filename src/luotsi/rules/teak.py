"""TEAK (TEAK-TK, TEAK-TV, TEAK-YHD), seed 004: the TEAK-specific rules.

The rules TEAK shares with TK/TV (DAYS.EXCEEDED, TOTAL.DEADLINE, PAUSE.TOO_LONG, CERT.*,
KELA.NOTIFY, FEEDBACK.DEADLINE) are listed under the TEAK services in ``services.py``.
"""

from __future__ import annotations

from operator import attrgetter

from luotsi.rules import calendar as cal
from luotsi.rules.common import notify_queue
from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule
from luotsi.rules.spans import Cover

_SRC_START = "004 Kuntoutuksen aloitus"
_SRC_DAY = "004 Asiakkaan kuntoutuspäivä"
_HOURS = attrgetter("hours")
_WORKPLACE_HOURS = attrgetter("workplace_hours")
_SRC_INDEPENDENT = "004 Itsenäisesti toteutettavat kuntoutuspäivät"


@rule("PRECONTACT.DEADLINE", _SRC_START)
def precontact_deadline(ctx: Ctx) -> None:
    """The coach makes the advance contact within 14 days of the decision arriving."""
    days = ctx.p("teak_precontact_days")
    first = ctx.precontacts[0] if ctx.precontacts else None
    ctx.deadline(
        cal.add_days(ctx.ref_date, days.value),
        first.date if first else None,
        "PRECONTACT.DEADLINE",
        trigger=ctx.ref_date,
        events=[first] if first else [],
        params=[days],
        received=ctx.ref_date,
    )


@rule("START.DEADLINE", _SRC_START)
def start_deadline(ctx: Ctx) -> None:
    """The first rehabilitation day is within 28 days of the decision and its documents."""
    days = ctx.p("teak_start_deadline_days")
    ctx.deadline(
        cal.add_days(ctx.ref_date, days.value),
        ctx.first_day,
        "START.DEADLINE.teak",
        trigger=ctx.ref_date,
        params=[days],
        received=ctx.ref_date,
    )


@rule("QUEUE.NOTIFY", "004 Jonotilanteesta ilmoittaminen")
def queue_notify(ctx: Ctx) -> None:
    """If rehabilitation cannot start within the 28-day start deadline, notify Kela."""
    notify_queue(ctx, ctx.first_day, ctx.p("teak_start_deadline_days"))


@rule("DAY.LENGTH", _SRC_DAY)
def day_length(ctx: Ctx) -> None:
    """Realised days without flexibility average 6 h, of which 5 h programme or work."""
    days = ctx.counted_days
    if ctx.flexes:
        flexed = Cover((s.start, s.end, s) for s in ctx.flexes)
        days = [
            d
            for d, f in zip(days, flexed.owners_of([d.date for d in days]), strict=True)
            if f is None
        ]
    if not days:
        return
    limits = ctx.p("teak_day_average")
    hours = sum(map(_HOURS, days)) / len(days)
    work = sum(map(_WORKPLACE_HOURS, days)) / len(days)
    if hours < limits.value["min_hours"] or work < limits.value["min_programme_hours"]:
        ctx.add(
            "warning", "DAY.LENGTH.average", date=days[-1].date, events=days[:1],
            params=[limits], count=len(days), hours=round(hours, 2),
            programme_hours=round(work, 2), min_hours=limits.value["min_hours"],
            min_programme_hours=limits.value["min_programme_hours"],
        )  # fmt: skip


@rule("DAY.WEEKDAYS", _SRC_DAY)
def day_weekdays(ctx: Ctx) -> None:
    """Rehabilitation days are mainly Mon–Fri: a day on a Sunday or public holiday is flagged."""
    if not ctx.days:
        return
    sundays_and_holidays = cal.not_allowance_days(ctx.days[0].date.year, ctx.days[-1].date.year)
    if cal.none_is_sunday_or_holiday(ctx.day_dates):
        return
    for day in ctx.days:
        if day.date in sundays_and_holidays:
            ctx.add("warning", "DAY.WEEKDAYS.holiday", date=day.date, events=[day], day=day.date)


@rule("FLEX.REASON", "004 Kuntoutuspäiviin sisältyvät joustot")
def flex_reason(ctx: Ctx) -> None:
    """TEAK allows flexibility for reasons arising from the client, never from the workplace."""
    for span in ctx.flexes:
        reason = span.event.reason
        if reason is None:
            ctx.add("warning", "FLEX.REASON.missing", date=span.start, events=[span])
        elif reason == "workplace":
            ctx.add(
                "violation", "FLEX.REASON.not_allowed", date=span.start, events=[span],
                reason=reason,
            )  # fmt: skip


@rule("PAUSE.NO_TASKS", "004 Kuntoutuksen jaksotus")
def pause_no_tasks(ctx: Ctx) -> None:
    """During a pause the client does interim tasks agreed in advance."""
    for span in ctx.pauses:
        if not span.event.interim_tasks:
            ctx.add("warning", "PAUSE.NO_TASKS.none", date=span.start, events=[span])


@rule("INDEPENDENT.NOT_ALLOWED", _SRC_INDEPENDENT)
def independent_not_allowed(ctx: Ctx) -> None:
    """Independent rehabilitation days exist only in TEAK-TV under the first decision."""
    if ctx.service == "TEAK-TV" and ctx.case.decision.first_decision:
        return
    independent = [d for d in ctx.days if d.independent]
    if independent:
        ctx.add(
            "violation", "INDEPENDENT.NOT_ALLOWED.days", date=independent[0].date,
            events=independent[:1], count=len(independent), service=ctx.service,
        )  # fmt: skip


@rule("INDEPENDENT.TOO_MANY", _SRC_INDEPENDENT)
def independent_too_many(ctx: Ctx) -> None:
    """TEAK-TV: at most 10 independent rehabilitation days."""
    maximum = ctx.p("independent_max_days")
    independent = [d for d in ctx.days if d.independent]
    if len(independent) > maximum.value:
        extra = independent[maximum.value]
        ctx.add(
            "violation", "INDEPENDENT.TOO_MANY.many", date=extra.date, events=[extra],
            params=[maximum], count=len(independent), maximum=maximum.value,
        )  # fmt: skip


@rule("INDEPENDENT.NOT_PLANNED", _SRC_INDEPENDENT)
def independent_not_planned(ctx: Ctx) -> None:
    """Independent days are recorded in the vocational plan in advance."""
    for day in ctx.days:
        if day.independent and not day.planned_in_advance:
            ctx.add("violation", "INDEPENDENT.NOT_PLANNED.day", date=day.date, events=[day])


@rule("INDEPENDENT.NO_CONTACT", _SRC_INDEPENDENT)
def independent_no_contact(ctx: Ctx) -> None:
    """The coach contacts the client at least once on each independent day."""
    for day in ctx.days:
        if day.independent and not day.coach_contact:
            ctx.add("violation", "INDEPENDENT.NO_CONTACT.day", date=day.date, events=[day])


@rule("MEETING.REMOTE_ONLY", "004 Toteutuspaikka ja -tapa")
def meeting_remote_only(ctx: Ctx) -> None:
    """Rehabilitation is not delivered entirely remotely: a face-to-face meeting by the end."""
    if ctx.end is None or not ctx.meetings:
        return
    if not any(m.mode == "face_to_face" for m in ctx.meetings):
        ctx.add(
            "violation", "MEETING.REMOTE_ONLY.none", date=ctx.end.date, events=[ctx.end],
            count=len(ctx.meetings),
        )  # fmt: skip


@rule("ENGINE.NOT_IMPLEMENTED", "luotsi")
def not_implemented(ctx: Ctx) -> None:
    """The engine has no (complete) rule set for this service: the rest was not checked."""
    ctx.add("info", "ENGINE.NOT_IMPLEMENTED.service", service=ctx.service)
