"""The demo's billing: a price list, a month sent to Kela (some paid, one credited) and
the last month approved, all valid Finvoice."""

from __future__ import annotations

import datetime as dt

import pytest

from luotsi.billing import service
from luotsi.billing.models import Invoice, PriceList
from luotsi.demo.loader import load_demo
from tests.billing.xsd import assert_valid_finvoice

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 18)


def test_the_demo_bills_two_months_and_credits_one_invoice():
    load_demo(today=TODAY)
    assert PriceList.objects.count() == 1
    september = Invoice.objects.filter(period_start=dt.date(2026, 9, 1))
    october = Invoice.objects.filter(period_start=dt.date(2026, 10, 1))
    assert september.filter(kind="INV01").count() >= 10
    states = set(september.filter(kind="INV01").values_list("state", flat=True))
    assert states == {"sent", "paid", "credited"}
    note = september.get(kind="INV02")
    assert note.credits.state == "credited" and note.total == -note.credits.total
    assert set(october.values_list("state", flat=True)) == {"approved"}
    numbers = sorted(int(n) for n in Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))  # no gaps
    for invoice in (september.first(), note, october.first()):
        assert_valid_finvoice(service.finvoice(invoice))
    load_demo(today=TODAY)  # again: nothing added
    assert Invoice.objects.count() == len(numbers)
