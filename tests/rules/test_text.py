"""The invisible characters a case file and a form refuse (``luotsi.rules.text``)."""

from __future__ import annotations

import sys
import unicodedata

from luotsi.rules.text import INVISIBLE_RANGES, invisible_character

ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _refused(char: str) -> bool:
    category = unicodedata.category(char)
    return (category == "Cc" and char not in ALLOWED_CONTROLS) or category == "Cf"


def test_the_ranges_are_the_control_and_format_characters() -> None:
    refused = [code for code in range(sys.maxunicode + 1) if _refused(chr(code))]
    ranges: list[tuple[int, int]] = []
    for code in refused:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    assert tuple(ranges) == INVISIBLE_RANGES


def test_every_refused_character_is_not_printable() -> None:
    """``invisible_character`` skips its search for a printable text: that is sound only
    because no refused character is printable."""
    for low, high in INVISIBLE_RANGES:
        for code in range(low, high + 1):
            assert not chr(code).isprintable(), hex(code)


def test_each_refused_character_is_found_inside_printable_text() -> None:
    for low, high in INVISIBLE_RANGES:
        for code in range(low, high + 1):
            found = invisible_character(f"Pori {chr(code)} Yrjönkatu")
            assert found is not None and found.startswith(f"U+{code:04X}"), hex(code)


def test_printable_and_multi_line_texts_pass() -> None:
    assert invisible_character("Oona Oma, Yrjönkatu 1 – Åbo") is None
    assert invisible_character("first line\nsecond\tline\r\n") is None
    assert invisible_character("no\u00a0break space") is None  # not printable, not refused
