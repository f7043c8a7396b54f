"""Every message key the rules can produce is in the catalogue, in fi, sv and en (with the
singular where a count of one needs it), and renders the Finnish way in fi and sv."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from luotsi.rules.allowance import REASON_RULE
from luotsi.rules.messages import LANGUAGES, catalogue, render

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
    dynamic |= {
        f"GROUP.MIN_START.{v}"
        for v in ("must_start", "may_postpone", "cannot_determine", "not_postponed")
    }
    dynamic |= {f"KELA.NOTIFY.{t}" for t in ("other_work", "paid_work_trial")}
    assert dynamic - set(catalogue()) == set()


def test_every_message_has_all_languages() -> None:
    """fi, sv and en, and optionally their singular (``fi_one`` ...) and nothing else."""
    allowed = set(LANGUAGES) | {f"{lang}_one" for lang in LANGUAGES}
    for key, texts in catalogue().items():
        assert set(LANGUAGES) <= set(texts) <= allowed, key
        assert all(isinstance(text, str) and text for text in texts.values()), key


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in Formatter().parse(text) if name is not None}


def test_a_singular_has_the_placeholders_of_its_plural() -> None:
    """``<lang>_one`` is the same sentence for a count of one: only beside its plural text,
    only where the text counts (``{count}``), with the same placeholders."""
    singulars = 0
    for key, texts in catalogue().items():
        for lang in LANGUAGES:
            one = texts.get(f"{lang}_one")
            if one is None:
                continue
            singulars += 1
            assert lang in texts, key
            assert "count" in _placeholders(texts[lang]), (key, lang)
            assert _placeholders(one) == _placeholders(texts[lang]), (key, lang)
            assert one != texts[lang], (key, lang)
    assert singulars > 50


@pytest.mark.parametrize(
    ("key", "args", "singular", "plural"),
    [
        (
            "CERT.MISSING.due",
            {"first": "2026-03-13"},
            {
                "fi": "1 toteutunut päivä tai tapaaminen on ilman osallistumistodistusta"
                " (13.3.2026).",
                "sv": "1 genomförd dag eller genomfört möte saknar deltagarintyg (13.3.2026).",
                "en": "1 realised day or meeting has no participation certificate yet"
                " (2026-03-13).",
            },
            {
                "fi": "2 toteutunutta päivää tai tapaamista ilman osallistumistodistusta"
                " (ensimmäinen 13.3.2026).",
                "sv": "2 genomförda dagar eller möten saknar deltagarintyg (det första 13.3.2026).",
                "en": "2 realised days or meetings have no participation certificate yet"
                " (the first 2026-03-13).",
            },
        ),
        (
            "DAY.LENGTH.short",
            {"min_hours": 5, "hours": 4.5},
            {
                "fi": "1 kuntoutuspäivä on alle 5 tuntia (4,5 h).",
                "sv": "1 rehabiliteringsdag är kortare än 5 timmar (4,5 h).",
                "en": "1 rehabilitation day is shorter than 5 hours (4.5 h).",
            },
            {
                "fi": "2 kuntoutuspäivää on alle 5 tuntia (ensimmäinen 4,5 h).",
                "sv": "2 rehabiliteringsdagar är kortare än 5 timmar (den första 4,5 h).",
                "en": "2 rehabilitation days are shorter than 5 hours (the first 4.5 h).",
            },
        ),
        (
            "ALLOWANCE.public_holiday",
            {"first": "2026-12-24"},
            {
                "fi": "Kuntoutusrahaa ei makseta arkipyhältä: 1 kuntoutuspäivä arkipyhänä"
                " (24.12.2026).",
                "sv": "Rehabiliteringspenning betalas inte för helgdagar: 1 rehabiliteringsdag på"
                " en helgdag (24.12.2026).",
                "en": "The allowance is not paid for public holidays: 1 rehabilitation day on a"
                " public holiday (2026-12-24).",
            },
            {
                "fi": "Kuntoutusrahaa ei makseta arkipyhältä: 2 kuntoutuspäivää arkipyhänä"
                " (ensimmäinen 24.12.2026).",
                "sv": "Rehabiliteringspenning betalas inte för helgdagar: 2 rehabiliteringsdagar på"
                " en helgdag (den första 24.12.2026).",
                "en": "The allowance is not paid for public holidays: 2 rehabilitation days on a"
                " public holiday (first 2026-12-24).",
            },
        ),
    ],
)
def test_a_count_of_one_reads_in_the_singular(
    key: str, args: dict[str, object], singular: dict[str, str], plural: dict[str, str]
) -> None:
    for lang in LANGUAGES:
        assert render(key, lang, {**args, "count": 1}) == singular[lang]
        assert render(key, lang, {**args, "count": 2}) == plural[lang]
        assert render(key, lang, {**args, "count": 0}) == plural[lang].replace("2", "0", 1)


def test_without_a_singular_a_count_of_one_keeps_the_plural_text() -> None:
    """Finnish ”Taukoja on 1” reads right: no fi_one, the plural text is used; an unknown
    language gets the English singular."""
    args = {"count": 1, "maximum": 0}
    assert render("PAUSE.TOO_MANY.many", "fi", args) == "Taukoja on 1, enintään 0 on sallittu."
    assert render("PAUSE.TOO_MANY.many", "sv", args) == "Det finns 1 paus, högst 0 är tillåtna."
    assert render("PAUSE.TOO_MANY.many", "de", args) == "There is 1 pause; at most 0 are allowed."
    assert render("PAUSE.REASON.missing", "fi", {"count": 1}) == "Tauon syytä ei ole kirjattu."


def test_decimal_numbers_take_a_comma_in_finnish_and_swedish() -> None:
    """5.0 h prints as 5 and 5.5 h as 5,5 in fi and sv; English is unchanged; ints, dates and
    strings are as before."""
    key = "DAY.LENGTH.long"
    whole = {"count": 2, "min_hours": 7.0, "hours": 5.0}
    half = {"count": 2, "min_hours": 7, "hours": 5.5}
    assert "(ensimmäinen 5 h)" in render(key, "fi", whole) and "poikkeaa 7 tunnista" in (
        render(key, "fi", whole)
    )
    assert "(ensimmäinen 5,5 h)" in render(key, "fi", half)
    assert "(den första 5 h)" in render(key, "sv", whole)
    assert "(den första 5,5 h)" in render(key, "sv", half)
    assert "from 7.0 hours (the first 5.0 h)" in render(key, "en", whole)
    assert "(the first 5.5 h)" in render(key, "en", half)
    assert "from 7 hours" in render(key, "en", half)
    average = {
        "count": 3,
        "hours": 6.25,
        "programme_hours": 4.0,
        "min_hours": 6,
        "min_programme_hours": 4,
    }
    assert render("DAY.LENGTH.average", "fi", average).startswith(
        "Toteutuneiden 3 kuntoutuspäivän keskipituus on 6,25 h, josta ohjelmaa tai työtä 4 h;"
    )
    assert "6.25 h" in render("DAY.LENGTH.average", "en", average)
    assert "från 7 timmar" in render(key, "sv", half)
    text = render("ENGINE.agreed", "fi", {"message": "5.5 h (2026-03-13)"})
    assert text == "Kelan kanssa sovittu poikkeama: 5.5 h (2026-03-13)"


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
