"""Rule metadata: every rule function is registered with its ID and source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from luotsi.rules.context import Ctx

RuleFunc = Callable[["Ctx"], None]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule implementation: its catalogue ID, source and one-sentence statement."""

    id: str
    source: str
    doc: str
    func: RuleFunc

    @property
    def location(self) -> str:
        return f"{self.func.__module__}.{self.func.__name__}"


RULES: dict[RuleFunc, RuleInfo] = {}
SOURCES: dict[str, str] = {}


def rule(rule_id: str, source: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under ``rule_id`` (its docstring restates the rule)."""

    def decorate(func: RuleFunc) -> RuleFunc:
        doc = (func.__doc__ or "").strip().split("\n")[0]
        if not doc:
            raise ValueError(f"rule {rule_id} ({func.__name__}) needs a docstring")
        RULES[func] = RuleInfo(rule_id, source, doc, func)
        SOURCES.setdefault(rule_id, source)
        return func

    return decorate
