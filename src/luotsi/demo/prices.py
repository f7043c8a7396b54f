"""The demo organisation's price list (``luotsi-prices/1``): Django-free, so the billing
benchmark (bench/billing.py) prices its invoices with it too."""

from __future__ import annotations

import datetime as dt

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


def price_list_text(valid_from: dt.date) -> str:
    teak = "".join(TEAK.format(service=s) for s in ("TEAK-TK", "TEAK-TV", "TEAK-YHD"))
    return PRICE_LIST.format(valid_from=valid_from.isoformat(), teak=teak)
