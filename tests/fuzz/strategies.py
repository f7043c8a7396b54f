"""Hostile case files: valid ones mutated as a careless user or an attacker would.

Builds on the mutations of ``tests/rules/test_fast_model.py`` (wrong types, unknown,
missing, misnamed and duplicate fields, NaN, huge numbers, broken JSON) and adds what
issue 12 found crashing: dates at and beyond the ends of the date range, nesting far
deeper than any case file, a UTF-8 byte-order mark, truncated and corrupted bytes.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.rules.test_fast_model import Pairs, Raw, full_cases, mutated, to_json, to_python

EXTREME_DATES = [
    "0001-01-01", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "9999-12-31",
    "2026-02-29", "2028-02-29", "1900-02-29",
]  # fmt: skip
DATE_KEYS = ("date", "from", "to", "received", "birth_date", "medical_statement_b")
DEPTHS = [31, 32, 33, 100, 1000, 5000]


def _date_slots(document: Any) -> list[tuple[Any, str]]:
    """(container, key) of every date-like field in a decoded document."""
    slots: list[tuple[Any, str]] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict) and not isinstance(node, Pairs):
            slots += [(node, k) for k in node if k in DATE_KEYS]
            stack += list(node.values())
        elif isinstance(node, list):
            stack += node
    return slots


def _nest(draw: st.DrawFn, document: Any, raw: bool) -> Any:
    """Sometimes put a value nested far deeper than any case file somewhere in it: as a raw
    JSON token (``raw``; the test's own JSON writer recurses) or as Python values."""
    if not isinstance(document, dict) or draw(st.integers(0, 5)) != 0:
        return document
    depth = draw(st.sampled_from(DEPTHS))
    kinds = draw(st.lists(st.booleans(), min_size=depth, max_size=depth))
    nested: Any
    if raw:
        opening = "".join("[" if k else '{"a":' for k in kinds)
        nested = Raw(opening + '"x"' + "".join("]" if k else "}" for k in reversed(kinds)))
    else:
        nested = "x"
        for k in kinds:
            nested = [nested] if k else {"a": nested}
    target = draw(st.sampled_from(["events", "decision", "client", "extra"]))
    if target == "events" and isinstance(document.get("events"), list) and document["events"]:
        document["events"][0] = nested
    else:
        document[target] = nested
    return document


@st.composite
def hostile_documents(draw: st.DrawFn, nest: bool = True) -> Any:
    """A decoded-JSON-like document (possibly with duplicate keys and raw tokens)."""
    document: Any = draw(st.one_of(mutated(), full_cases()))
    slots = _date_slots(document)
    if slots and draw(st.booleans()):
        node, key = draw(st.sampled_from(slots))
        node[key] = draw(st.sampled_from(EXTREME_DATES))
    return _nest(draw, document, raw=True) if nest else document


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """A hostile document as the bytes of a file."""
    data = to_json(draw(hostile_documents())).encode("utf-8", "surrogatepass")
    how = draw(st.sampled_from(["as is", "as is", "as is", "bom", "truncate", "flip", "junk"]))
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "truncate" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif how == "flip" and data:
        index = draw(st.integers(0, len(data) - 1))
        data = data[:index] + bytes([draw(st.integers(0, 255))]) + data[index + 1 :]
    elif how == "junk":
        data = draw(st.binary(max_size=64))
    return data


@st.composite
def hostile_dicts(draw: st.DrawFn) -> Any:
    """A hostile document as the dict ``json.loads`` makes of it (what an import gets)."""
    document = draw(hostile_documents(nest=False))
    try:
        decoded = to_python(document)
    except ValueError:  # a raw token Python has no value for
        decoded = draw(full_cases())
    return _nest(draw, decoded, raw=False)
