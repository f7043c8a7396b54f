"""Reading billing data: the price list in force, a month's invoices, a case's billed units."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Q, QuerySet

from .models import BilledUnit, Invoice, PriceList, State


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """``2026-03`` → (2026-03-01, 2026-03-31); ``ValueError`` for anything else."""
    year, _, number = month.partition("-")
    if len(year) != 4 or len(number) != 2 or not (year + number).isdigit():
        raise ValueError(f"not a month: {month!r} (use YYYY-MM)")
    start = dt.date(int(year), int(number), 1)
    return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])


def price_list_for(organisation_id: int, service: str, day: dt.date) -> PriceList | None:
    """The newest price list in force on ``day`` that prices ``service``: a new annex from a
    date takes over from that date; invoices already made keep their own."""
    candidates = (
        PriceList.objects.filter(organisation_id=organisation_id, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from", "-pk")
    )
    for price_list in candidates:
        if service in price_list.services.split(","):
            return price_list
    return None


def price_lists(organisation_id: int) -> QuerySet[PriceList]:
    return PriceList.objects.filter(organisation_id=organisation_id).select_related("created_by")


def month_invoices(organisation_id: int, start: dt.date) -> QuerySet[Invoice]:
    """The month's invoices and credit notes (approved or later), by number."""
    return (
        Invoice.objects.filter(organisation_id=organisation_id, period_start=start)
        .exclude(state=State.DRAFT)
        .select_related("case__client", "credits", "credit_note")
        .order_by("number")
    )


def case_invoices(case_id: int) -> QuerySet[Invoice]:
    return (
        Invoice.objects.filter(case_id=case_id)
        .exclude(state=State.DRAFT)
        .select_related("credits", "credit_note")
        .order_by("period_start", "number")
    )


def billed_keys(case_id: int) -> dict[str, Invoice]:
    """``unit:date:seq`` → the invoice that billed it, for the case's active units."""
    rows = BilledUnit.objects.filter(case_id=case_id, active=True).select_related("invoice")
    return {f"{r.unit}:{r.date.isoformat()}:{r.seq}": r.invoice for r in rows}
