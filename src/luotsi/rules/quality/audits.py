"""Kela's audits: AUDIT.AREAS, AUDIT.FINDINGS, AUDIT.DEADLINES.

Pure functions: the deadlines of an audit visit, the due date of a corrective action by
the finding's kind, whether an action may be closed, and the findings (due items) of one
audit on an evaluation date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from luotsi.rules import calendar as cal
from luotsi.rules.findings import Finding, Severity
from luotsi.rules.params import param

# AUDIT.AREAS (001 Tarkastettavat asiat): the seven quality areas, in Kela's order.
AREAS = (
    "quality_management",
    "staff",
    "premises",
    "client_safety",
    "client_rights",
    "client_process",
    "documentation",
)

# AUDIT.FINDINGS (001 Auditointihavainnot; the TEAK statistics also count strengths).
MAJOR = "major"
MINOR = "minor"
SUGGESTION = "suggestion"
STRENGTH = "strength"
KINDS = (MAJOR, MINOR, SUGGESTION, STRENGTH)
DEVIATIONS = frozenset({MAJOR, MINOR})

SOURCE = "001 Auditoinnin jälkeinen prosessi"
FINDINGS_SOURCE = "001 Auditointihavainnot"


def report_due(visited_on: dt.date) -> dt.date:
    """AUDIT.DEADLINES: the day by which Kela sends the audit report."""
    return cal.add_weeks(visited_on, param("audit_report_weeks", visited_on).value)


def response_due(visited_on: dt.date) -> dt.date:
    """AUDIT.DEADLINES: the day by which the provider's response (vastine) is due."""
    return cal.add_weeks(visited_on, param("audit_response_weeks", visited_on).value)


def needs_action(kind: str) -> bool:
    """AUDIT.FINDINGS: a major or minor deviation needs a corrective action; a development
    suggestion may have one; a strength has none."""
    return kind in DEVIATIONS


def may_have_action(kind: str) -> bool:
    return kind != STRENGTH


def action_due(kind: str, visited_on: dt.date) -> dt.date | None:
    """AUDIT.DEADLINES: a major deviation is fixed at once (due on the visit day), a minor
    one by the response; a development suggestion has no deadline of Kela's."""
    if kind == MAJOR:
        return visited_on
    if kind == MINOR:
        return response_due(visited_on)
    return None


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """A corrective action: ``done_on`` when carried out, ``checked_on`` when its
    effectiveness was checked, ``closed_on`` when closed."""

    ref: str
    due: dt.date | None
    done_on: dt.date | None = None
    checked_on: dt.date | None = None
    closed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class FindingFacts:
    ref: str
    kind: str
    area: str
    safety: bool = False
    actions: tuple[ActionFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditFacts:
    name: str
    visited_on: dt.date
    response_sent_on: dt.date | None = None
    findings: tuple[FindingFacts, ...] = ()


class CannotClose(ValueError):
    """A corrective action may not be closed yet; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_closable(action: ActionFacts) -> None:
    """AUDIT.DEADLINES (Kela follows up corrective actions): an action is closed only once
    it is done and its effectiveness has been checked, on or after the day it was done."""
    if action.done_on is None:
        raise CannotClose("not_done")
    if action.checked_on is None:
        raise CannotClose("not_checked")
    if action.checked_on < action.done_on:
        raise CannotClose("checked_before_done")


def _finding(
    severity: Severity, key: str, due: dt.date | None, day: dt.date | None, **args: object
) -> Finding:
    return Finding(
        rule="AUDIT.DEADLINES",
        severity=severity,
        key=key,
        source=SOURCE,
        due=due,
        date=day,
        args=tuple(sorted(args.items())),
    )


def audit_findings(audit: AuditFacts, on: dt.date) -> list[Finding]:
    """The due items of one audit on ``on``: the response (due, then late), deviations
    without a corrective action, open actions (due, then late), actions done but not yet
    checked, and the escalation of a late response on a major deviation."""
    found: list[Finding] = []
    due = response_due(audit.visited_on)
    name = audit.name
    if audit.response_sent_on is None:
        if on <= due:
            found.append(
                _finding(
                    "due",
                    "AUDIT.DEADLINES.response_due",
                    due,
                    audit.visited_on,
                    audit=name,
                    deadline=due.isoformat(),
                )
            )
        else:
            found.append(
                _finding(
                    "violation",
                    "AUDIT.DEADLINES.response_late",
                    None,
                    due,
                    audit=name,
                    deadline=due.isoformat(),
                )
            )
            if any(f.kind == MAJOR for f in audit.findings):
                found.append(_finding("action", "AUDIT.DEADLINES.escalated", None, due, audit=name))
    for item in audit.findings:
        if needs_action(item.kind) and not item.actions:
            deadline = action_due(item.kind, audit.visited_on)
            late = deadline is not None and deadline < on
            found.append(
                _finding(
                    "violation" if late or item.kind == MAJOR else "due",
                    "AUDIT.DEADLINES.no_action",
                    None if late or item.kind == MAJOR else deadline,
                    audit.visited_on,
                    audit=name,
                    finding=item.ref,
                )
            )
        for act in item.actions:
            if act.closed_on is not None:
                continue
            if act.done_on is None:
                if act.due is not None and act.due < on:
                    found.append(
                        _finding(
                            "violation",
                            "AUDIT.DEADLINES.action_late",
                            None,
                            act.due,
                            audit=name,
                            action=act.ref,
                            deadline=act.due.isoformat(),
                        )
                    )
                else:
                    found.append(
                        _finding(
                            "due",
                            "AUDIT.DEADLINES.action_open",
                            act.due,
                            act.due,
                            audit=name,
                            action=act.ref,
                        )
                    )
            elif act.checked_on is None:
                found.append(
                    _finding(
                        "due",
                        "AUDIT.DEADLINES.check_effectiveness",
                        None,
                        act.done_on,
                        audit=name,
                        action=act.ref,
                    )
                )
    return found
