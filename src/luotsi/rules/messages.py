"""The message catalogue: ``messages.yaml`` maps a key to its fi/sv/en text.

Texts are whole sentences with ``{placeholders}``; fragments are never concatenated.
"""

from __future__ import annotations

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


def render(key: str, lang: str, args: dict[str, Any]) -> str:
    """The message ``key`` in ``lang`` (English when unknown) with ``args`` filled in."""
    entry = catalogue()[key]
    template = entry.get(lang) or entry["en"]
    return template.format_map(_Args(args))
