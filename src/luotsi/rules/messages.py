"""The message catalogue: ``messages.yaml`` maps a key to its fi/sv/en text.

Texts are whole sentences with ``{placeholders}``; fragments are never concatenated.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("fi", "sv", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    text = (resources.files("luotsi.rules") / "messages.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# Finnish and Swedish (as written in Finland) print a date as 13.3.2026; English keeps ISO.
LOCAL_DATES = frozenset({"fi", "sv"})


def _local(value: Any) -> Any:
    """A date (or an ISO date string, as findings keep their arguments) as 13.3.2026."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, date):
        return f"{value.day}.{value.month}.{value.year}"
    return value


def render(key: str, lang: str, args: dict[str, Any]) -> str:
    """The message ``key`` in ``lang`` (English when unknown) with ``args`` filled in;
    dates the Finnish way (13.3.2026) in Finnish and Swedish."""
    entry = catalogue()[key]
    template = entry.get(lang) or entry["en"]
    if lang in LOCAL_DATES:
        args = {name: _local(value) for name, value in args.items()}
    return template.format_map(_Args(args))
