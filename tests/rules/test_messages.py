"""Every message key the rules can produce is in the catalogue, in fi, sv and en."""

from __future__ import annotations

import re
from pathlib import Path

from luotsi.rules.allowance import REASON_RULE
from luotsi.rules.messages import LANGUAGES, catalogue

RULES_DIR = Path(__file__).resolve().parents[2] / "src" / "luotsi" / "rules"
DEADLINE_SUFFIXES = ("due", "missed", "late")


def _literal_keys() -> set[str]:
    keys: set[str] = set()
    bases: set[str] = set()
    for path in RULES_DIR.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'"([A-Z][A-Z_0-9]+\.[A-Z_0-9.]*[A-Z_0-9]\.[a-z_]+)"', text))
        for base in re.findall(r'"([A-Z][A-Z_0-9]+(?:\.[A-Z_0-9a-z]+)+)",\s*\n?\s*trigger=', text):
            bases.add(base)  # ctx.deadline(...) keys: base.due / base.missed / base.late
            keys |= {f"{base}.{s}" for s in DEADLINE_SUFFIXES}
    return keys - bases


def test_every_literal_key_is_in_the_catalogue() -> None:
    keys = _literal_keys()
    assert "PRECONTACT.DEADLINE.due" in keys and "TAITO.B_STATEMENT.missing" in keys
    assert keys - set(catalogue()) == set()


def test_dynamic_keys_are_in_the_catalogue() -> None:
    dynamic = {f"ALLOWANCE.{r}" for r in REASON_RULE if r not in ("absence", "no_certificate")}
    dynamic |= {f"TAITO.PRACTICE_VISITS.{k}" for k in ("total", "workplace", "employer", "network")}
    dynamic |= {f"GROUP.MIN_START.{v}" for v in ("must_start", "may_postpone", "cannot_determine")}
    assert dynamic - set(catalogue()) == set()


def test_every_message_has_all_languages() -> None:
    for key, texts in catalogue().items():
        assert set(LANGUAGES) <= set(texts), key


def test_dates_print_the_finnish_way_in_finnish_and_swedish() -> None:
    """A coach reads 16.11.2026; the English text (and the JSON contract) keeps ISO dates."""
    from datetime import date

    from luotsi.rules.findings import Finding

    finding = Finding(
        "START.DEADLINE",
        "violation",
        "START.DEADLINE.missed",
        "000",
        date(2026, 11, 16),
        date(2026, 11, 2),
        (("deadline", "2026-11-16"), ("received", date(2026, 11, 2)), ("count", 2)),
    )
    assert "16.11.2026" in finding.message("fi") and "2.11.2026" in finding.message("fi")
    assert "16.11.2026" in finding.message("sv") and "2026-11-16" not in finding.message("sv")
    assert "2026-11-16" in finding.message("en") and "2026-11-02" in finding.message("en")
    assert finding.to_dict()["due"] == "2026-11-16"
