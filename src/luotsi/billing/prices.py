"""Price lists (hintaliite), format ``luotsi-prices/1`` (contract ``billing.md``).

Django-free, like the rules engine: the ``luotsi invoice`` command and the web app's price
lists read the same files through :func:`parse_prices`. A file that is not valid raises
:class:`PriceListError` naming the file and the JSON pointer of the first problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.fi import ytunnus

from luotsi.rules.billable import UNITS
from luotsi.rules.schema import Service

FORMAT = "luotsi-prices/1"
SERVICES: tuple[str, ...] = Service.__args__  # type: ignore[attr-defined]
KELA_NAME = "Kansaneläkelaitos"
KELA_BUSINESS_ID = "0246246-0"
MEAL_SERVICES = frozenset(("TK",))  # BILLING.MEALS: price type 8 only in TK
_PRICE = re.compile(r"-?[0-9]+(\.[0-9]{1,2})?")
_TOP = {"format", "contract", "valid_from", "valid_to", "seller", "buyer", "services"}
_SELLER = {"name", "business_id", "address", "iban", "bic", "email"}
_SELLER_OPTIONAL = {"einvoice_address", "intermediator"}
_ADDRESS = {"street", "postcode", "town"}
_ENTRY = {"price_type", "unit", "name", "price"}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class PriceListError(ValueError):
    """A price list that is not valid ``luotsi-prices/1``: the file and the JSON pointer."""

    def __init__(self, source: str, pointer: str, problem: str) -> None:
        self.source = source
        self.pointer = pointer
        self.problem = problem
        super().__init__(f"{source}: {pointer or '/'}: {problem}")


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    town: str


@dataclass(frozen=True)
class Party:
    name: str
    business_id: str
    address: Address | None = None
    iban: str = ""
    bic: str = ""
    email: str = ""
    einvoice_address: str = ""
    intermediator: str = ""


@dataclass(frozen=True)
class Price:
    """One priced unit of a service (a row of the price annex)."""

    price_type: int
    unit: str
    name: str
    price: Decimal


@dataclass(frozen=True)
class PriceList:
    contract: str
    valid_from: dt.date
    valid_to: dt.date | None
    seller: Party
    buyer: Party
    services: dict[str, tuple[Price, ...]] = field(default_factory=dict)

    def prices_for(self, service: str) -> tuple[Price, ...]:
        return self.services.get(service, ())

    def price_of(self, service: str, unit: str) -> Price | None:
        return next((p for p in self.prices_for(service) if p.unit == unit), None)

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, pointer: str, problem: str) -> PriceListError:
        return PriceListError(self.source, pointer, problem)

    def mapping(self, value: Any, pointer: str, required: set[str], optional: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(pointer, "must be a mapping")
        for key in value:
            if key not in required | optional:
                raise self.fail(f"{pointer}/{key}", "unknown field")
        for key in sorted(required):
            if key not in value or value[key] is None:
                raise self.fail(f"{pointer}/{key}", "required field is missing")
        return value

    def text(self, value: Any, pointer: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(pointer, "must be a non-empty string")
        if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise self.fail(pointer, "contains a control character (not allowed in Finvoice)")
        return value.strip()

    def date(self, value: Any, pointer: str) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(pointer, f"invalid date {value!r} (use YYYY-MM-DD)")

    def business_id(self, value: Any, pointer: str) -> str:
        text = self.text(value, pointer)
        if not ytunnus.is_valid(text):
            raise self.fail(pointer, f'invalid business ID "{text}"')
        return str(ytunnus.format(text))


def parse_prices(data: bytes | str | dict[str, Any], source: str = "<prices>") -> PriceList:
    """A price list from YAML or JSON text (JSON is YAML) or an already decoded mapping."""
    reader = _Reader(source)
    raw: Any = data
    if not isinstance(data, dict):
        try:
            raw = yaml.safe_load(data)
        except yaml.YAMLError as exc:
            raise reader.fail("", f"not YAML or JSON ({str(exc).splitlines()[0]})") from None
    raw = reader.mapping(raw, "", {"format"}, _TOP)
    if raw["format"] != FORMAT:
        raise reader.fail("/format", f'unknown format "{raw["format"]}" (expected "{FORMAT}")')
    reader.mapping(raw, "", _TOP - {"valid_to", "buyer"}, _TOP)
    valid_from = reader.date(raw["valid_from"], "/valid_from")
    valid_to = None
    if raw.get("valid_to") is not None:
        valid_to = reader.date(raw["valid_to"], "/valid_to")
        if valid_to < valid_from:
            raise reader.fail("/valid_to", "valid_to is before valid_from")
    return PriceList(
        contract=reader.text(raw["contract"], "/contract"),
        valid_from=valid_from,
        valid_to=valid_to,
        seller=_seller(reader, raw["seller"]),
        buyer=_buyer(reader, raw.get("buyer")),
        services=_services(reader, raw["services"]),
    )


def load_prices(path: str | Path) -> PriceList:
    """Read and validate a price-list file (``OSError`` when it cannot be read)."""
    return parse_prices(Path(path).read_bytes(), source=str(path))


def _seller(reader: _Reader, value: Any) -> Party:
    raw = reader.mapping(value, "/seller", _SELLER, _SELLER_OPTIONAL)
    address = reader.mapping(raw["address"], "/seller/address", _ADDRESS, set())
    iban = reader.text(raw["iban"], "/seller/iban")
    if not stdnum_iban.is_valid(iban):
        raise reader.fail("/seller/iban", f'invalid IBAN "{iban}"')
    bic = reader.text(raw["bic"], "/seller/bic")
    if not stdnum_bic.is_valid(bic):
        raise reader.fail("/seller/bic", f'invalid BIC "{bic}"')
    email = reader.text(raw["email"], "/seller/email")
    if not _EMAIL.fullmatch(email):
        raise reader.fail("/seller/email", f'invalid e-mail address "{email}"')
    extra = {}
    for key in ("einvoice_address", "intermediator"):
        if raw.get(key) is not None:
            extra[key] = reader.text(raw[key], f"/seller/{key}")
    return Party(
        name=reader.text(raw["name"], "/seller/name"),
        business_id=reader.business_id(raw["business_id"], "/seller/business_id"),
        address=Address(
            **{k: reader.text(address[k], f"/seller/address/{k}") for k in sorted(_ADDRESS)}
        ),
        iban=str(stdnum_iban.compact(iban)),
        bic=str(stdnum_bic.compact(bic)),
        email=email,
        **extra,
    )


def _buyer(reader: _Reader, value: Any) -> Party:
    if value is None:
        return Party(KELA_NAME, KELA_BUSINESS_ID)
    raw = reader.mapping(value, "/buyer", set(), {"name", "business_id"})
    name = reader.text(raw.get("name", KELA_NAME), "/buyer/name")
    business_id = reader.business_id(raw.get("business_id", KELA_BUSINESS_ID), "/buyer/business_id")
    return Party(name, business_id)


def _services(reader: _Reader, value: Any) -> dict[str, tuple[Price, ...]]:
    if not isinstance(value, dict) or not value:
        raise reader.fail("/services", "must be a mapping of services to their prices")
    services: dict[str, tuple[Price, ...]] = {}
    for service, entries in value.items():
        pointer = f"/services/{service}"
        if service not in SERVICES:
            raise reader.fail(pointer, f'unknown service "{service}"')
        if not isinstance(entries, list) or not entries:
            raise reader.fail(pointer, "must be a list of prices")
        prices: list[Price] = []
        for index, entry in enumerate(entries):
            price = _entry(reader, service, entry, f"{pointer}/{index}")
            if any(p.unit == price.unit for p in prices):
                raise reader.fail(
                    f"{pointer}/{index}/unit", f'a second price for {service} unit "{price.unit}"'
                )
            prices.append(price)
        services[service] = tuple(prices)
    return services


def _entry(reader: _Reader, service: str, value: Any, pointer: str) -> Price:
    raw = reader.mapping(value, pointer, _ENTRY, set())
    unit = raw["unit"]
    if unit not in UNITS:
        raise reader.fail(f"{pointer}/unit", f'unknown unit "{unit}"')
    if unit == "meal" and service not in MEAL_SERVICES:
        raise reader.fail(
            f"{pointer}/unit", f"meals are billable only in TK, not in {service} (BILLING.MEALS)"
        )
    price_type = raw["price_type"]
    if type(price_type) is not int or price_type < 0:
        raise reader.fail(f"{pointer}/price_type", "must be a whole number, 0 or more")
    price = raw["price"]
    if not isinstance(price, str) or not _PRICE.fullmatch(price):
        raise reader.fail(
            f"{pointer}/price",
            f'{price!r} is not a decimal string with at most two decimals (e.g. "95.00")',
        )
    amount = Decimal(price)
    if amount < 0:
        raise reader.fail(f"{pointer}/price", f'negative price "{price}"')
    return Price(
        price_type=price_type,
        unit=unit,
        name=reader.text(raw["name"], f"{pointer}/name"),
        price=amount.quantize(Decimal("0.01")),
    )
