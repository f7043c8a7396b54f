"""The employment-area rules' registry, parameters and the context one evaluation builds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from luotsi.rules.findings import Finding, Severity
from luotsi.rules.params import Parameter, ParamValue, parameters_in
from luotsi.rules.params import load_parameters as rehabilitation_parameters

from .schema import JobseekerFile


@lru_cache(maxsize=1)
def load_parameters() -> dict[str, Parameter]:
    """The employment-area parameters (``luotsi/rules/employment/params/*.yaml``); a name is
    never one of the rehabilitation rules' (their values share one cache)."""
    own = parameters_in("luotsi.rules.employment")
    clash = own.keys() & rehabilitation_parameters().keys()
    if clash:
        raise ValueError(f"parameters defined twice: {sorted(clash)}")
    return own


def param(name: str, on: date) -> ParamValue:
    """The value of the employment-area parameter ``name`` in force on ``on``."""
    return load_parameters()[name].at(on)


def age_on(birth_date: date, on: date) -> int:
    """Age in whole years on ``on`` (a birthday on 29 February counts on 1 March)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


@dataclass(slots=True)
class Ctx:
    """One jobseeker file on one evaluation date, and the findings the rules add."""

    file: JobseekerFile
    on: date
    rule_id: str = ""
    source: str = ""
    findings: list[Finding] = field(default_factory=list)
    counters: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        severity: Severity,
        key: str,
        *,
        due: date | None = None,
        date: date | None = None,
        params: Iterable[ParamValue] = (),
        **args: Any,
    ) -> None:
        self.findings.append(
            Finding(
                rule=self.rule_id,
                severity=severity,
                key=key,
                source=self.source,
                due=due,
                date=date,
                args=tuple(sorted(args.items())),
                params=tuple(params),
            )
        )

    def deadline(
        self,
        deadline: date,
        met: date | None,
        key: str,
        *,
        trigger: date | None,
        params: Iterable[ParamValue] = (),
        **args: Any,
    ) -> None:
        """Due until ``deadline``, missed after it, late when ``met`` after it."""
        if met is not None:
            if met > deadline:
                self.add("violation", f"{key}.late", date=met, params=params,
                         deadline=deadline, met=met, **args)  # fmt: skip
            return
        if self.on <= deadline:
            self.add("due", f"{key}.due", due=deadline, date=trigger, params=params,
                     deadline=deadline, **args)  # fmt: skip
        else:
            self.add("violation", f"{key}.missed", date=trigger, params=params,
                     deadline=deadline, **args)  # fmt: skip


RuleFunc = Callable[[Ctx], None]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """An employment-area rule: its catalogue ID, source and one-sentence statement."""

    id: str
    source: str
    doc: str
    func: RuleFunc


RULES: dict[RuleFunc, RuleInfo] = {}


def rule(rule_id: str, source: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register an employment-area rule under ``rule_id`` (its docstring restates it)."""

    def decorate(func: RuleFunc) -> RuleFunc:
        doc = (func.__doc__ or "").strip().split("\n")[0]
        if not doc:
            raise ValueError(f"rule {rule_id} ({func.__name__}) needs a docstring")
        info = RuleInfo(rule_id, source, doc, func)

        def run(ctx: Ctx) -> None:
            ctx.rule_id, ctx.source = info.id, info.source
            func(ctx)

        run.__name__ = func.__name__
        run.__doc__ = func.__doc__
        RULES[run] = info
        return run

    return decorate
