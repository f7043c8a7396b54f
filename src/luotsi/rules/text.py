"""Free text Luotsi accepts: no invisible control characters, and a bounded length.

A right-to-left override (U+202E) makes "Oona Oma‮ tset" read differently on a page, in a
PDF and in a terminal than it is stored; zero-width and other format characters make two
names that look the same differ. Such characters are refused wherever text comes in (the
case-file schema, ``luotsi.forms.CharField``), naming the character, rather than
neutralised on the way out: what is stored is what every page and PDF shows.

Refused: the C0/C1 control characters except tab, line feed and carriage return (which a
multi-line text holds), and every Unicode *format* character (category Cf: the
bidirectional embeddings, overrides, isolates and marks, zero-width spaces and joiners,
the word joiner, the byte-order mark, soft hyphen, ...).
"""

from __future__ import annotations

import re
import unicodedata

# The longest string a case file may hold in any field (names, offices, topics, reasons).
CASE_FILE_TEXT_MAX = 2000

# The refused characters as ranges of code points: Cc without tab/LF/CR, and Cf, of Unicode
# 14.0 (Python 3.11's ``unicodedata``; ``tests/rules/test_text.py`` recomputes them).
INVISIBLE_RANGES = (
    (0x0000, 0x0008), (0x000B, 0x000C), (0x000E, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD),
    (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
    (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064),
    (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip

_INVISIBLE = re.compile(
    "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in INVISIBLE_RANGES) + "]"
)


def invisible_character(value: str) -> str | None:
    """The first refused character of ``value`` as ``U+XXXX NAME``, or None.

    Every refused character is one ``str.isprintable`` says is not printable (categories
    Cc and Cf are among those; ``tests/rules/test_text.py`` checks every code point), so a
    printable text (nearly every one) is passed in C without the search."""
    if value.isprintable():
        return None
    match = _INVISIBLE.search(value)
    if match is None:
        return None
    char = match.group()
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} {name}"
