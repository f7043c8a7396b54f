"""An invoice of one case for one period: the billable units priced by the price list.

Django-free. Amounts are :class:`~decimal.Decimal` throughout (never floats):
``amount = quantity × unit_price`` exactly, and the total is their sum. A unit delivered
that the price list has no price for is an error (:class:`MissingPrice`): an invoice never
silently drops delivered work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from luotsi.billing.prices import PriceList
from luotsi.rules.billable import Billable, Refusal, Unit

CURRENCY = "EUR"
ZERO = Decimal("0.00")
# Payment terms printed on the invoice and in Finvoice: net, this many days from its date.
PAYMENT_DAYS = 14
INVOICE = "INV01"
CREDIT_NOTE = "INV02"


class MissingPrice(ValueError):
    """A delivered unit the price list has no price for."""

    def __init__(self, service: str, unit: str, dates: list[dt.date]) -> None:
        self.service = service
        self.unit = unit
        self.dates = dates
        super().__init__(
            f"no price for {service} unit {unit!r} in the price list "
            f"(delivered on {', '.join(d.isoformat() for d in dates)})"
        )


class NothingToBill(ValueError):
    """An invoice with no lines cannot be sent as Finvoice or PDF."""


@dataclass(frozen=True)
class Line:
    price_type: int
    unit: str
    name: str
    dates: tuple[dt.date, ...]
    quantity: int
    unit_price: Decimal
    amount: Decimal
    units: tuple[Unit, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "price_type": self.price_type,
            "unit": self.unit,
            "name": self.name,
            "dates": [d.isoformat() for d in self.dates],
            "quantity": self.quantity,
            "unit_price": str(self.unit_price),
            "amount": str(self.amount),
        }


@dataclass(frozen=True)
class Header:
    """What makes an invoice a document: its number, dates and kind (INV01 or INV02)."""

    number: str
    date: dt.date
    due: dt.date
    kind: str = INVOICE
    credited_number: str = ""
    credited_date: dt.date | None = None

    @property
    def reference(self) -> str:
        return reference_number(self.number)


@dataclass(frozen=True)
class Invoice:
    case_id: str
    service: str
    start: dt.date
    end: dt.date
    lines: tuple[Line, ...]
    refused: tuple[Refusal, ...]
    total: Decimal
    currency: str = CURRENCY

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "case": self.case_id,
            "service": self.service,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "lines": [line.as_dict() for line in self.lines],
            "refused": [r.as_dict(lang) for r in self.refused],
            "total": str(self.total),
            "currency": self.currency,
        }

    def credit(self) -> Invoice:
        """The credit note's lines: every quantity and amount reversed, prices kept."""
        lines = tuple(
            replace(line, quantity=-line.quantity, amount=-line.amount) for line in self.lines
        )
        return replace(self, lines=lines, total=-self.total, refused=())


def build_invoice(billable: Billable, prices: PriceList) -> Invoice:
    """Price every billable unit; lines in price-list order, dates sorted."""
    by_unit: dict[str, list[Unit]] = {}
    for unit in billable.units:
        by_unit.setdefault(unit.unit, []).append(unit)
    priced = {p.unit: p for p in prices.prices_for(billable.service)}
    for unit, units in by_unit.items():
        if unit not in priced:
            raise MissingPrice(billable.service, unit, sorted({u.date for u in units}))
    lines: list[Line] = []
    for price in prices.prices_for(billable.service):
        units = sorted(by_unit.get(price.unit, ()))
        if not units:
            continue
        quantity = len(units)
        lines.append(
            Line(
                price_type=price.price_type,
                unit=price.unit,
                name=price.name,
                dates=tuple(u.date for u in units),
                quantity=quantity,
                unit_price=price.price,
                amount=price.price * quantity,
                units=tuple(units),
            )
        )
    total = sum((line.amount for line in lines), ZERO)
    return Invoice(
        billable.case_id, billable.service, billable.start, billable.end, tuple(lines),
        billable.refused, total,
    )  # fmt: skip


def due_date(invoice_date: dt.date) -> dt.date:
    return invoice_date + dt.timedelta(days=PAYMENT_DAYS)


_WEIGHTS = (7, 3, 1)
MAX_NUMBER_DIGITS = 19  # the reference (number + check digit) is at most 20 digits


def reference_number(number: str) -> str:
    """The Finnish reference number (viitenumero): ``number`` and its 7-3-1 check digit.

    Weights 7, 3, 1, 7, 3, 1, … are applied from the rightmost digit; the check digit is
    what brings the sum to the next multiple of ten. A base shorter than three digits is
    padded with zeros on the left (weights make no difference to them).
    """
    if not number.isascii() or not number.isdigit() or len(number) > MAX_NUMBER_DIGITS:
        raise ValueError(f"an invoice number is 1–{MAX_NUMBER_DIGITS} digits, not {number!r}")
    base = number.rjust(3, "0")
    total = sum(int(d) * _WEIGHTS[i % 3] for i, d in enumerate(reversed(base)))
    return base + str(-total % 10)
