"""Demo billing: the organisation's price list, two months of invoices and a credit note.

Loaded by ``luotsi.demo.loader.load_demo`` after the cases, through the billing service as
a user would bill: the month before last is approved, sent to Kela and partly paid, with
one invoice credited; last month is approved and waits to be sent. Safe to run again:
nothing is added when the organisation already has a price list.
"""

from __future__ import annotations

import datetime as dt

from luotsi.accounts.models import Role, User
from luotsi.billing import service
from luotsi.billing.models import Invoice, PriceList
from luotsi.organisations.models import Organisation

from .prices import price_list_text


def _month(day: dt.date, back: int) -> str:
    first = day.replace(day=1)
    for _ in range(back):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m")


def load_billing(organisation: Organisation, today: dt.date) -> int:
    """The demo's billing; returns the number of invoices made (0 when already loaded)."""
    if PriceList.objects.filter(organisation=organisation).exists():
        return 0
    biller = User.objects.filter(
        organisation=organisation, role_assignments__role=Role.QUALITY_MANAGER
    ).first()
    earlier, last = _month(today, 2), _month(today, 1)
    valid_from = dt.date.fromisoformat(f"{earlier}-01").replace(month=1, day=1)
    service.import_price_list(biller, organisation, price_list_text(valid_from), "hinnasto.yaml")
    sent_on = dt.date.fromisoformat(f"{last}-05")
    sent = service.approve_month(biller, organisation, earlier, sent_on)
    service.mark_sent(biller, sent)  # type: ignore[arg-type]
    for invoice in sent[: len(sent) // 2]:
        service.mark_paid(biller, invoice)  # type: ignore[arg-type]
    service.credit_invoice(biller, sent[-1], on=sent_on + dt.timedelta(days=3))
    approved = service.approve_month(biller, organisation, last, today)
    return Invoice.objects.filter(organisation=organisation).count() if approved or sent else 0
