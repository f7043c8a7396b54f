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

PRICE_LIST = """\
format: luotsi-prices/1
contract: "Kelan palvelusopimus 2026/417 (ammatillinen kuntoutus)"
valid_from: {valid_from}
seller:
  name: Satakunnan Kuntoutuspalvelut Oy
  business_id: 2345678-0
  address: {{street: Yrjönkatu 1, postcode: "28100", town: Pori}}
  iban: FI2112345600000785
  bic: NDEAFIMM
  email: laskutus@satakunnankuntoutus.example.fi
services:
  TK:
    - {{price_type: 1, unit: meeting, name: Tapaaminen, price: "118.00"}}
    - {{price_type: 2, unit: rehab_day, name: Kuntoutuspäivä, price: "96.50"}}
    - {{price_type: 8, unit: meal, name: Ruokailu ei-majoittuville, price: "12.40"}}
  TV:
    - {{price_type: 1, unit: meeting, name: Tapaaminen, price: "118.00"}}
    - {{price_type: 2, unit: rehab_day, name: Kuntoutuspäivä, price: "88.00"}}
{teak}  TAITO:
    - {{price_type: 2, unit: rehab_day, name: Työharjoittelupäivä, price: "92.00"}}
    - {{price_type: 3, unit: group_day, name: Ryhmäpäivä, price: "104.00"}}
    - {{price_type: 4, unit: visit, name: Yksilökäynti, price: "131.00"}}
    - {{price_type: 5, unit: followup_visit, name: Seurantakäynti, price: "131.00"}}
"""
TEAK = """\
  {service}:
    - {{price_type: 1, unit: meeting, name: Yksilötapaaminen, price: "121.00"}}
    - {{price_type: 2, unit: rehab_day, name: Kuntoutuspäivä, price: "99.00"}}
    - {{price_type: 3, unit: group_day, name: Ryhmäpäivä, price: "86.00"}}
"""


def _month(day: dt.date, back: int) -> str:
    first = day.replace(day=1)
    for _ in range(back):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m")


def price_list_text(valid_from: dt.date) -> str:
    teak = "".join(TEAK.format(service=s) for s in ("TEAK-TK", "TEAK-TV", "TEAK-YHD"))
    return PRICE_LIST.format(valid_from=valid_from.isoformat(), teak=teak)


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
