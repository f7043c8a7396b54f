"""Price lists ``luotsi-prices/1``: the contract's example is valid, and each kind of bad
input is refused naming the JSON pointer of the problem."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from luotsi.billing.prices import PriceListError, load_prices, parse_prices

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "prices.yaml"


def example() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_the_contract_example_is_valid() -> None:
    prices = load_prices(EXAMPLE)
    assert prices.contract == "Kela contract 2026/123"
    assert (prices.valid_from, prices.valid_to) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert prices.seller.business_id == "1234567-1"
    assert prices.seller.address is not None and prices.seller.address.postcode == "28100"
    assert prices.buyer.business_id == "0246246-0"
    meal = prices.price_of("TK", "meal")
    assert meal is not None and meal.price == Decimal("12.50") and meal.price_type == 8
    assert [p.unit for p in prices.prices_for("TV")] == ["meeting", "rehab_day"]
    assert prices.price_of("TV", "meal") is None


def test_json_and_defaults_for_kela() -> None:
    data = example()
    del data["buyer"], data["valid_to"]
    text = json.dumps(data, default=str)
    prices = parse_prices(text, "p.json")
    assert prices.buyer.name == "Kansaneläkelaitos" and prices.valid_to is None
    assert prices.in_force(dt.date(2030, 1, 1)) and not prices.in_force(dt.date(2025, 12, 31))


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.strip("/").split("/")
    target: Any = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is DELETE:
        del target[int(last) if isinstance(target, list) else last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


DELETE = object()
BAD = [
    ("unknown format", "/format", "luotsi-prices/2", "/format", "unknown format"),
    ("unknown service", "/services/XX", [{"price_type": 1, "unit": "meeting", "name": "T",
     "price": "1.00"}], "/services/XX", "unknown service"),
    ("unknown unit", "/services/TK/0/unit", "hour", "/services/TK/0/unit", "unknown unit"),
    ("float price", "/services/TK/1/price", 95.0, "/services/TK/1/price", "decimal string"),
    ("three decimals", "/services/TK/1/price", "95.001", "/services/TK/1/price", "two decimals"),
    ("comma", "/services/TK/1/price", "95,00", "/services/TK/1/price", "decimal string"),
    ("negative", "/services/TK/1/price", "-1.00", "/services/TK/1/price", "negative"),
    ("duplicate", "/services/TK/2", {"price_type": 3, "unit": "rehab_day", "name": "Toinen",
     "price": "1.00"}, "/services/TK/2/unit", "second price"),
    ("meal in TV", "/services/TV/1/unit", "meal", "/services/TV/1/unit", "BILLING.MEALS"),
    ("business ID", "/seller/business_id", "1234567-2", "/seller/business_id", "business ID"),
    ("buyer business ID", "/buyer/business_id", "0246246-1", "/buyer/business_id",
     "business ID"),
    ("IBAN", "/seller/iban", "FI2112345600000786", "/seller/iban", "invalid IBAN"),
    ("valid_to before", "/valid_to", dt.date(2025, 12, 31), "/valid_to", "before valid_from"),
    ("no e-mail", "/seller/email", DELETE, "/seller/email", "missing"),
    ("bad date", "/valid_from", "1.1.2026", "/valid_from", "invalid date"),
    ("unknown field", "/seller/phone", "040", "/seller/phone", "unknown field"),
    ("no price", "/services/TK/0/price", DELETE, "/services/TK/0/price", "missing"),
    ("control character", "/seller/name", "Kuntoutus\x01Oy", "/seller/name", "control"),
    ("price type text", "/services/TK/0/price_type", "1", "/services/TK/0/price_type",
     "whole number"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "path", "value", "pointer", "words"), BAD, ids=[b[0] for b in BAD]
)
def test_bad_input_names_the_pointer(label: str, path: str, value: Any, pointer: str,
                                     words: str) -> None:  # fmt: skip
    data = copy.deepcopy(example())
    _set(data, path, value)
    with pytest.raises(PriceListError) as caught:
        parse_prices(data, "prices.yaml")
    assert caught.value.pointer == pointer
    assert words in caught.value.problem
    assert str(caught.value).startswith(f"prices.yaml: {pointer}: ")


def test_not_yaml_at_all() -> None:
    with pytest.raises(PriceListError) as caught:
        parse_prices("format: [", "x.yaml")
    assert caught.value.pointer == ""
    with pytest.raises(PriceListError):
        parse_prices("- a list", "x.yaml")
