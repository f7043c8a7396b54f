"""Dated parameters, loaded from ``params/*.yaml`` (one file per number or small set).

Each file::

    name: start_deadline_days
    description: ...
    unit: days
    source: "000 Joustot kuntoutuksessa"      # seed file + slide title
    by_service: true                           # optional: value is a mapping per service
    versions:
      - valid_from: 2025-01-01
        value: {TK: 14, TV: 14}

The version in force on a date is the latest whose ``valid_from`` is on or before it; a
date before every version uses the earliest one (the catalogue has no older rules). A
value of ``null`` means "not yet known": rules that need it raise nothing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

try:  # the C loader is several times faster; fall back to the pure one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class ParamValue:
    """One parameter's value as used by a rule (kept for ``--explain``)."""

    name: str
    value: Any
    valid_from: date
    source: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "valid_from": self.valid_from.isoformat(),
            "source": self.source,
        }


_VALUES: dict[tuple[str, int, str | None], ParamValue] = {}


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    unit: str
    source: str
    by_service: bool
    starts: tuple[date, ...]
    values: tuple[Any, ...]

    def at(self, on: date, service: str | None = None) -> ParamValue:
        """The value in force on ``on`` (for ``service`` when the value is per service)."""
        index = max(bisect.bisect_right(self.starts, on) - 1, 0)
        key = (self.name, index, service if self.by_service else None)
        found = _VALUES.get(key)
        if found is None:
            value = self.values[index]
            if self.by_service:
                value = value.get(service) if isinstance(value, dict) else None
            found = _VALUES[key] = ParamValue(self.name, value, self.starts[index], self.source)
        return found


def _load_file(text: str) -> Parameter:
    raw = yaml.load(text, Loader=_Loader)
    versions = sorted(raw["versions"], key=lambda v: v["valid_from"])
    return Parameter(
        name=raw["name"],
        description=raw.get("description", ""),
        unit=raw.get("unit", ""),
        source=raw["source"],
        by_service=bool(raw.get("by_service", False)),
        starts=tuple(v["valid_from"] for v in versions),
        values=tuple(v["value"] for v in versions),
    )


@lru_cache(maxsize=1)
def load_parameters() -> dict[str, Parameter]:
    """All parameters of ``luotsi.rules.params``, by name."""
    return parameters_in("luotsi.rules")


def parameters_in(package: str) -> dict[str, Parameter]:
    """All parameters in the ``params`` folder of ``package`` (a rules subpackage keeps its
    own, e.g. ``luotsi.rules.employment``), by name."""
    folder = resources.files(package) / "params"
    params: dict[str, Parameter] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            for doc in entry.read_text(encoding="utf-8").split("\n---\n"):
                if doc.strip():
                    param = _load_file(doc)
                    if param.name in params:
                        raise ValueError(f"parameter {param.name} defined twice")
                    params[param.name] = param
    return params


def param(name: str, on: date, service: str | None = None) -> ParamValue:
    """The value of parameter ``name`` in force on ``on``."""
    return load_parameters()[name].at(on, service)
