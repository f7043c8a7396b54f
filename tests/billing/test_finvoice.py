"""Finvoice 3.0 and the reference number: invoices and credit notes validate against the
shipped XSD every time; the 7-3-1 check digit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luotsi.billing.finvoice import finvoice_xml, money
from luotsi.billing.invoice import (
    CREDIT_NOTE,
    Header,
    NothingToBill,
    build_invoice,
    due_date,
    reference_number,
)
from luotsi.billing.prices import load_prices
from luotsi.rules import parse_case
from luotsi.rules.billable import billable_units
from tests.billing.xsd import XSD, assert_valid_finvoice
from tests.conftest import examples

DATA = Path(__file__).parent / "data"


def march_invoice():
    case = parse_case((DATA / "case.json").read_bytes())
    prices = load_prices(DATA / "prices.yaml")
    units = billable_units(case, dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 15))
    return build_invoice(units, prices), prices


def test_the_schema_is_there() -> None:
    assert XSD.is_file(), XSD


@pytest.mark.parametrize(
    ("number", "reference"),
    [("123", "1232"), ("1", "0013"), ("2026001", "20260011"), ("1234561", "12345614")],
)
def test_reference_number_check_digit(number: str, reference: str) -> None:
    assert reference_number(number) == reference


@pytest.mark.parametrize("bad", ["", "12a", "1" * 20, "１２３"])
def test_reference_number_refuses_what_is_not_an_invoice_number(bad: str) -> None:
    with pytest.raises(ValueError):
        reference_number(bad)


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(min_value=0, max_value=10**19 - 1))
def test_every_reference_is_valid_finvoice_and_checks(number: int) -> None:
    reference = reference_number(str(number))
    weights = [7, 3, 1]
    base = reference[:-1]
    total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(base)))
    assert (total + int(reference[-1])) % 10 == 0
    assert 4 <= len(reference) <= 20


def test_credit_note_reverses_and_names_the_invoice() -> None:
    invoice, prices = march_invoice()
    header = Header("2026002", dt.date(2026, 5, 2), due_date(dt.date(2026, 5, 2)), CREDIT_NOTE,
                    "2026001", dt.date(2026, 4, 15))  # fmt: skip
    document = assert_valid_finvoice(finvoice_xml(invoice, header, prices))
    assert document.findtext("InvoiceDetails/InvoiceTypeCode") == "INV02"
    assert document.findtext("InvoiceDetails/OriginalInvoiceNumber") == "2026001"
    assert document.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount") == "-442,50"
    assert [r.findtext("RowAmount") for r in document.findall("InvoiceRow")] == [
        "-120,00", "-285,00", "-37,50",
    ]  # fmt: skip


def test_a_seller_without_an_operator_is_still_valid() -> None:
    invoice, prices = march_invoice()
    from dataclasses import replace

    prices = replace(prices, seller=replace(prices.seller, einvoice_address="", intermediator=""))
    header = Header("7", dt.date(2026, 4, 1), due_date(dt.date(2026, 4, 1)))
    document = assert_valid_finvoice(finvoice_xml(invoice, header, prices))
    assert document.find("MessageTransmissionDetails") is None


def test_nothing_to_bill_is_refused() -> None:
    invoice, prices = march_invoice()
    from dataclasses import replace

    with pytest.raises(NothingToBill):
        finvoice_xml(replace(invoice, lines=()), Header("1", dt.date(2026, 4, 1),
                     dt.date(2026, 4, 15)), prices)  # fmt: skip


def test_money_has_a_decimal_comma_and_two_decimals() -> None:
    from decimal import Decimal

    assert money(Decimal("190")) == "190,00"
    assert money(Decimal("-0.5")) == "-0,50"
    assert money(Decimal("1234567.25")) == "1234567,25"


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=2, max_size=90
).filter(lambda t: t.strip() == t and len(t.strip()) >= 2)


@settings(max_examples=examples(40), deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=999),
            _TEXT,
            st.integers(min_value=1, max_value=40),
            st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False),
        ),
        min_size=1,
        max_size=6,
    ),
    seller=_TEXT,
    street=_TEXT,
    number=st.integers(min_value=0, max_value=10**19 - 1),
    credit=st.booleans(),
)
def test_any_invoice_is_valid_finvoice(lines, seller, street, number, credit) -> None:
    from dataclasses import replace
    from decimal import Decimal

    from luotsi.billing.invoice import Invoice, Line

    _, prices = march_invoice()
    address = replace(prices.seller.address, street=street)
    prices = replace(prices, seller=replace(prices.seller, name=seller, address=address))
    rows = tuple(
        Line(code, "rehab_day", name, (dt.date(2026, 3, 2),), n, price, price * n, ())
        for code, name, n, price in lines
    )
    total = sum((row.amount for row in rows), Decimal("0.00"))
    invoice = Invoice("C", "TK", dt.date(2026, 3, 1), dt.date(2026, 3, 31), rows, (), total)
    kind = CREDIT_NOTE if credit else "INV01"
    header = Header(str(number), dt.date(2026, 4, 1), dt.date(2026, 4, 15), kind, "12",
                    dt.date(2026, 3, 1))  # fmt: skip
    assert_valid_finvoice(finvoice_xml(invoice, header, prices))
