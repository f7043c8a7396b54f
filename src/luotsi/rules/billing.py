"""Billing (TK, TV): BILLING.NOT_BILLABLE, BILLING.MEALS."""

from __future__ import annotations

from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule


@rule("BILLING.NOT_BILLABLE", "000 Kysymykset 1/3; 001 Sairastuminen; 004 Kuntoutuksen toteutus")
def billing_not_billable(ctx: Ctx) -> None:
    """No billing for sickness or annual-leave days, days beyond those granted, or unrecorded days.

    "Service not delivered per the description" is checked as far as the case file shows it:
    an invoice line dated on a day with no rehabilitation day, meeting or advance contact.
    """
    if not ctx.invoices:
        return
    absent = ctx.absence_days
    granted, _ = ctx.granted
    beyond = set()
    if granted is not None:
        beyond = {d.date for d in ctx.counted_days[granted:]}
    delivered = {*ctx.day_dates, *ctx.meeting_dates, *(p.date for p in ctx.precontacts)}
    paused = ctx.pause_days if ctx.pauses else None
    met = set(ctx.meeting_dates)
    for line in ctx.invoices:
        if line.date in absent:
            ctx.add(
                "violation", "BILLING.NOT_BILLABLE.absence", date=line.date,
                events=[line, absent[line.date]], reason=absent[line.date].event.reason,
            )  # fmt: skip
        elif paused and line.date in paused and line.date not in met:
            # DAYS.ON_PAUSE: a day inside a pause is not a rehabilitation day
            ctx.add(
                "violation", "BILLING.NOT_BILLABLE.pause", date=line.date,
                events=[line, paused[line.date]], day=line.date,
            )  # fmt: skip
        elif line.date in beyond:
            ctx.add(
                "violation", "BILLING.NOT_BILLABLE.beyond", date=line.date, events=[line],
                granted=granted,
            )  # fmt: skip
        elif line.date not in delivered:
            ctx.add(
                "violation", "BILLING.NOT_BILLABLE.not_recorded", date=line.date, events=[line],
                day=line.date,
            )  # fmt: skip


@rule("BILLING.MEALS", "001 Ruokailun järjestäminen")
def billing_meals(ctx: Ctx) -> None:
    """Meals (price type 8) only in TK's workplace phase for a client not in paid work."""
    if not ctx.invoices:
        return  # nothing billed: the paid days need not be collected
    meals = ctx.p("meals_price_type")
    paid_days = {d.date for d in ctx.days if d.paid_work}
    for line in ctx.invoices:
        if line.price_type != meals.value:
            continue
        if ctx.service == "TV":
            key = "tv"
        elif not ctx.in_workplace_phase(line.date):
            key = "not_workplace"
        elif line.date in paid_days or any(
            w.event.paid and w.covers(line.date) for w in ctx.workplaces
        ):
            key = "paid_work"
        else:
            continue
        ctx.add(
            "violation", f"BILLING.MEALS.{key}", date=line.date, events=[line], params=[meals],
            price_type=meals.value,
        )  # fmt: skip
