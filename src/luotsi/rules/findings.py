"""Findings and the evaluation result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol

from luotsi.rules.messages import render
from luotsi.rules.params import ParamValue

Severity = Literal["violation", "due", "action", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("violation", "due", "action", "warning", "info")


class Finding(NamedTuple):
    """One rule's finding about a case on the evaluation date.

    An immutable named tuple: a case gives dozens of findings, and a tuple is made about
    three times as fast as a frozen dataclass instance (which sets each field through
    ``object.__setattr__``). ``finding._replace(...)`` makes a changed copy.
    """

    rule: str
    severity: Severity
    key: str
    source: str
    due: dt.date | None = None
    date: dt.date | None = None
    args: tuple[tuple[str, Any], ...] = ()
    events: tuple[tuple[str, dt.date], ...] = ()
    params: tuple[ParamValue, ...] = ()
    agreed: bool = False
    # DEADLINE.INTERPRETER: a deadline violation while no interpreter was available (info).
    interpreter: bool = False

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (fi, sv, en) from the message catalogue."""
        text = render(self.key, lang, dict(self.args))
        if self.agreed:
            return render("ENGINE.agreed", lang, {"message": text})
        if self.interpreter:
            return render("ENGINE.interpreter", lang, {"message": text})
        return text

    def to_dict(self, lang: str = "en", explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "due": self.due.isoformat() if self.due else None,
            "date": self.date.isoformat() if self.date else None,
            "message": self.message(lang),
            "source": self.source,
        }
        if explain:
            out["explain"] = {
                "events": [{"type": t, "date": d.isoformat()} for t, d in self.events],
                "parameters": [p.as_dict() for p in self.params],
            }
        return out


class AllowanceReport(Protocol):
    """The allowance report (``luotsi.rules.allowance.Report``) as the evaluation keeps it."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(slots=True)
class Evaluation:
    """The findings and counters of one case on one date.

    ``allowance_report`` (when the client applies for the allowance) becomes the
    ``allowance`` object of the output only when it is asked for.
    """

    case: str
    service: str
    on: dt.date
    findings: list[Finding] = field(default_factory=list)
    counters: dict[str, Any] = field(default_factory=dict)
    allowance_report: AllowanceReport | None = field(default=None, repr=False)
    _allowance: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def allowance(self) -> dict[str, Any] | None:
        """The ``allowance`` object of the ``check`` output (None without the allowance)."""
        if self._allowance is None and self.allowance_report is not None:
            self._allowance = self.allowance_report.to_dict()
        return self._allowance

    def to_dict(self, lang: str = "en", explain: bool = False) -> dict[str, Any]:
        """The ``check`` command's output object (shared/contract/case-file.md); ``allowance``
        only when the client applies for the rehabilitation allowance."""
        out = {
            "case": self.case,
            "service": self.service,
            "on": self.on.isoformat(),
            "findings": [f.to_dict(lang, explain) for f in self.findings],
            "counters": dict(self.counters),
        }
        if self.allowance is not None:
            out["allowance"] = self.allowance
        return out

    def by_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]
