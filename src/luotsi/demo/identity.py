"""Finnish identity codes (henkilötunnus) for demo and test data.

Every code made here passes the checksum but uses an individual number in 900–999, the
range reserved for temporary and test codes, so it can never be a real person's code.
"""

from __future__ import annotations

import datetime as dt
import random

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS = {18: "+", 19: "-", 20: "A"}


def make_identity_code(birth_date: dt.date, individual_number: int) -> str:
    """The identity code for ``birth_date`` and an individual number in 900–999."""
    if not 900 <= individual_number <= 999:
        raise ValueError("demo identity codes use individual numbers 900-999 only")
    century = CENTURY_SIGNS[birth_date.year // 100]
    digits = f"{birth_date:%d%m%y}{individual_number:03d}"
    return (
        f"{birth_date:%d%m%y}{century}{individual_number:03d}{CHECK_CHARACTERS[int(digits) % 31]}"
    )


def random_identity_code(rng: random.Random, birth_date: dt.date) -> str:
    return make_identity_code(birth_date, rng.randint(900, 999))
