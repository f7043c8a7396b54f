"""What a change would do: the engine's findings with the proposed events, against now.

Both sides are evaluated by the rules engine (``luotsi.rules.evaluate``) on the same date,
so the difference comes from the proposed events alone. Nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from luotsi.rules import Evaluation, Finding, evaluate

from . import service
from .checks import Change
from .models import Case


def _key(finding: Finding) -> tuple[Any, ...]:
    return (finding.rule, finding.severity, finding.due, finding.date, finding.message("en"))


@dataclass
class Preview:
    on: dt.date
    appeared: list[Finding] = field(default_factory=list)
    disappeared: list[Finding] = field(default_factory=list)
    # Violations of a rule, caused by an event (``date``), that the case does not have now.
    # A violation already there whose message only changes (a count) is not new, and
    # neither is one that replaces a violation of the same rule the change ends (a missed
    # deadline met late: recording what happened must not need Kela's agreement).
    new_violations: list[Finding] = field(default_factory=list)
    # The change reaches past today (a plan: a pause ahead, days to come). A plan that
    # breaks a rule is saved only as a Kela-agreed deviation; what already happened is
    # recorded as it was, and its violation stays on the case and the dashboard.
    planned: bool = False

    @property
    def violated_rules(self) -> list[str]:
        return sorted({f.rule for f in self.new_violations})


def evaluation_date(events: list[dict[str, Any]], today: dt.date | None = None) -> dt.date:
    """Today, or the last day of the proposed events when they lie ahead (so that the
    engine sees them: it treats nothing after the evaluation date as happened)."""
    today = today or timezone.localdate()
    days = [today]
    for event in events:
        for key in ("date", "from", "to"):
            if event.get(key):
                days.append(dt.date.fromisoformat(event[key]))
    return max(days)


def preview(case: Case, change: Change, on: dt.date | None = None) -> Preview:
    """The findings that ``change`` would add or remove. Raises the service's
    ``ValidationError`` (JSON pointers) when the change would be refused at entry."""
    today = timezone.localdate()
    events = change.proposed
    planned = evaluation_date(events, today) > today
    on = on or evaluation_date(events, today)
    proposed = evaluate(service.check_change(case, change, today), on)
    current = evaluate(service.contract_case(case), on)
    return _compare(current, proposed, on, planned)


def preview_decision(case: Case, changes: dict[str, Any]) -> Preview:
    """The findings that correcting the decision (``service.update_decision``'s
    ``changes``) would add or remove, today. Raises the service's ``ValidationError``."""
    today = timezone.localdate()
    proposed = evaluate(service.check_decision(case, **changes), today)
    current = evaluate(service.contract_case(case), today)
    return _compare(current, proposed, today, planned=False)


def _compare(current: Evaluation, proposed: Evaluation, on: dt.date, planned: bool) -> Preview:
    now = {_key(f) for f in current.findings}
    then = {_key(f) for f in proposed.findings}
    violated = {(f.rule, f.date) for f in current.by_severity("violation")}
    still_violated = {(f.rule, f.date) for f in proposed.by_severity("violation")}
    ended = {rule for rule, date in violated - still_violated}
    return Preview(
        on=on,
        planned=planned,
        appeared=[f for f in proposed.findings if _key(f) not in now],
        disappeared=[f for f in current.findings if _key(f) not in then],
        new_violations=[
            f
            for f in proposed.by_severity("violation")
            if (f.rule, f.date) not in violated and f.rule not in ended
        ],
    )
