"""The one exception to gettext: the pure layers' catalogues are complete.

The web application's text is gettext (``.po``; ``tests/test_translations.py``). The
Django-free layers cannot use Django's gettext: the engine's messages are in
``rules/messages.yaml`` (fi, sv, en; ``tests/rules/test_messages.py``), and the documents
Kela requires (Finnish and Swedish only) keep their words in dicts keyed by language
(``luotsi.documents`` and the invoice specification, ``luotsi.billing.specification``).
This test finds every such dict and proves that each language has every entry, none empty,
with the same placeholders. See docs/architecture.md, "One translation path".
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest

import luotsi.documents
from luotsi.documents.i18n import LANGUAGES

PLACEHOLDER = re.compile(r"\{(\w+)\}|%\((\w+)\)s")
MODULES = [
    *(m.name for m in pkgutil.walk_packages(luotsi.documents.__path__, "luotsi.documents.")),
    "luotsi.billing.specification",
]


def language_catalogues() -> list[tuple[str, dict[str, Any]]]:
    """Every module-level dict keyed by language in the modules above (each defined once)."""
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, dict) and set(value) & set(LANGUAGES):
                found.setdefault(id(value), (f"{module_name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


CATALOGUES = language_catalogues()


def _placeholders(text: Any) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(str(text))}


def test_the_catalogues_are_found() -> None:
    from luotsi.billing import specification
    from luotsi.documents import i18n, notices

    found = [catalogue for _, catalogue in CATALOGUES]
    for catalogue in (i18n.STRINGS, i18n.SERVICES, notices.NOTICE_STRINGS, specification.STRINGS):
        assert any(catalogue is other for other in found)
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize(("name", "catalogue"), CATALOGUES, ids=[n for n, _ in CATALOGUES])
def test_every_language_has_every_entry(name: str, catalogue: dict[str, Any]) -> None:
    assert set(catalogue) == set(LANGUAGES), f"{name}: languages {sorted(catalogue)}"
    first, *others = LANGUAGES
    for lang in others:
        missing = set(catalogue[first]) ^ set(catalogue[lang])
        assert not missing, f"{name}: only in one of {first}/{lang}: {sorted(missing, key=str)}"
    for lang in LANGUAGES:
        empty = [key for key, text in catalogue[lang].items() if not str(text).strip()]
        assert not empty, f"{name}[{lang}]: empty texts {empty}"


@pytest.mark.parametrize(("name", "catalogue"), CATALOGUES, ids=[n for n, _ in CATALOGUES])
def test_every_language_has_the_same_placeholders(name: str, catalogue: dict[str, Any]) -> None:
    first, *others = LANGUAGES
    for key, text in catalogue[first].items():
        for lang in others:
            assert _placeholders(text) == _placeholders(catalogue[lang][key]), (
                f"{name}[{key!r}]: placeholders differ between {first} and {lang}"
            )


def test_a_missing_entry_would_be_caught() -> None:
    broken = {"fi": {"a": "yksi", "b": "kaksi {n}"}, "sv": {"a": "ett"}}
    with pytest.raises(AssertionError, match="only in one of"):
        test_every_language_has_every_entry("broken", broken)
    uneven = {"fi": {"a": "kaksi {n}"}, "sv": {"a": "två"}}
    with pytest.raises(AssertionError, match="placeholders differ"):
        test_every_language_has_the_same_placeholders("uneven", uneven)
