"""What every reader of case files checks before a JSON parser sees the file.

* A UTF-8 byte-order mark (``EF BB BF``, which some Windows editors write) is dropped: the
  file is otherwise valid JSON.
* Nesting deeper than ``MAX_DEPTH`` is refused with the JSON pointer of the first value
  that is too deep. A case file nests five levels at most (case, events, an event, a list
  in it); Python's JSON parser and the validators recurse, so a file nested 100,000 levels
  deep would otherwise end in a ``RecursionError``. The scan is iterative and runs on the
  raw bytes (a regular expression finds the tokens), or on an already decoded value.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 32
BOM = b"\xef\xbb\xbf"

# A JSON string (escapes included) or one of the structural characters.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\],]', re.DOTALL)


def without_bom(data: bytes | str) -> bytes | str:
    if isinstance(data, bytes):
        return data[len(BOM) :] if data.startswith(BOM) else data
    return data[1:] if data.startswith("\ufeff") else data


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(path: list[str]) -> str:
    return "/" + "/".join(_escape(part) for part in path) if path else ""


def too_deep_in_json(data: bytes | str) -> str | None:
    """The JSON pointer of the first value nested deeper than MAX_DEPTH, or None."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    # Per open container: its kind, and the key or index of the value being read in it.
    kinds: list[int] = []
    path: list[str] = []
    key_next = False
    for match in _TOKENS.finditer(raw):
        token = match.group()
        first = token[0]
        if first == 0x22:  # a string
            if key_next:
                try:
                    path[-1] = str(json.loads(token))
                except ValueError:
                    path[-1] = token[1:-1].decode("utf-8", "replace")
                key_next = False
        elif first in (0x7B, 0x5B):  # { [
            if len(kinds) >= MAX_DEPTH:
                return _pointer(path)
            kinds.append(first)
            path.append("" if first == 0x7B else "0")
            key_next = first == 0x7B
        elif first in (0x7D, 0x5D):  # } ]
            if kinds:
                kinds.pop()
                path.pop()
            key_next = False
        elif kinds:  # a comma
            if kinds[-1] == 0x5B:
                path[-1] = str(int(path[-1]) + 1)
            else:
                key_next = True
    return None


def too_deep_in_value(value: Any) -> str | None:
    """The JSON pointer of the first value nested deeper than MAX_DEPTH in decoded JSON."""
    stack: list[tuple[Any, list[str]]] = [(value, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict | list | tuple):
            if len(path) >= MAX_DEPTH:
                return _pointer(path)
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((child, [*path, str(key)]) for key, child in items)
    return None
