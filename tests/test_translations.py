"""Every user-facing string has a Finnish and a Swedish translation."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "luotsi" / "locale"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"
    assert len(catalogue.translated_entries()) > 20


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_survive_translation(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    import re

    def names(text):
        return sorted(re.findall(r"%\(\w+\)[sd]", text))

    for entry in catalogue.translated_entries():
        if entry.msgid_plural:  # each form keeps the placeholders of its English form
            assert names(entry.msgstr_plural[0]) == names(entry.msgid), entry.msgid
            for form in list(entry.msgstr_plural.values())[1:]:
                assert names(form) == names(entry.msgid_plural), entry.msgid_plural
            continue
        assert names(entry.msgstr) == names(entry.msgid), entry.msgid
