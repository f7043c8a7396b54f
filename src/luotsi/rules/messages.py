"""The message catalogue: ``messages.yaml`` maps a key to its fi/sv/en text.

Texts are whole sentences with ``{placeholders}``; fragments are never concatenated.
Where the text counts something and reads wrong for one, the entry also has the singular
sentence under ``fi_one`` / ``sv_one`` / ``en_one``, used when ``count`` is 1.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from luotsi.rules.calendar import finnish_date

LANGUAGES = ("fi", "sv", "en")


# Each rules subpackage with messages of its own keeps them in its own ``messages.yaml``.
CATALOGUE_FILES = (("messages.yaml",), ("employment", "messages.yaml"))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = {}
    for parts in CATALOGUE_FILES:
        text = resources.files("luotsi.rules").joinpath(*parts).read_text(encoding="utf-8")
        part: dict[str, dict[str, str]] = yaml.safe_load(text)
        if data.keys() & part.keys():
            raise ValueError(f"message keys defined twice: {sorted(data.keys() & part.keys())}")
        data.update(part)
    return data


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# Finnish and Swedish (as written in Finland) print a date as 13.3.2026; English keeps ISO.
LOCAL_DATES = frozenset({"fi", "sv"})


def _local(value: Any) -> Any:
    """A date (or an ISO date string, as findings keep their arguments) as 13.3.2026; a float
    with a decimal comma, a whole one without decimals (5.0 as 5, 5.5 as 5,5)."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(value).replace(".", ",")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, date):
        return finnish_date(value)
    return value


def render(key: str, lang: str, args: dict[str, Any]) -> str:
    """The message ``key`` in ``lang`` (English when unknown) with ``args`` filled in: the
    singular sentence (``<lang>_one``) when ``count`` is 1 and the entry has one; dates
    (13.3.2026) and decimal numbers (5,5) the Finnish way in Finnish and Swedish."""
    entry = catalogue()[key]
    texts = lang if entry.get(lang) else "en"
    template = entry[texts]
    if args.get("count") == 1:
        template = entry.get(texts + "_one", template)
    if lang in LOCAL_DATES:
        args = {name: _local(value) for name, value in args.items()}
    return template.format_map(_Args(args))
