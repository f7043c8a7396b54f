"""The engine: evaluate a case on a date with its service's rule set."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any, TypeVar

from luotsi.rules.allowance import build as build_allowance
from luotsi.rules.context import Ctx
from luotsi.rules.findings import Evaluation, Finding
from luotsi.rules.model import Case
from luotsi.rules.registry import RULES, RuleFunc, RuleInfo
from luotsi.rules.services import PHASED_SERVICES, SERVICE_RULES


def evaluate(case: Case, on: date) -> Evaluation:
    """Evaluate ``case`` as it stands on ``on`` (nothing after ``on`` has happened)."""
    ctx = Ctx(case, on)
    plan = _PLANS.get(case.service)
    if plan is None:
        plan = _PLANS[case.service] = tuple((RULES[f], f) for f in SERVICE_RULES[case.service])
    for info, func in plan:
        ctx.current = info
        func(ctx)
    findings = ctx.findings
    if ctx.agreements:
        findings = [_agreed(f, ctx) for f in findings]
    report = build_allowance(ctx) if case.client.applies_allowance else None
    return Evaluation(case.id, case.service, on, findings, counters(ctx), report)


V = TypeVar("V")
_PLANS: dict[str, tuple[tuple[RuleInfo, RuleFunc], ...]] = {}
_PHASE = attrgetter("phase")
_MODE = attrgetter("mode")


def _agreed(finding: Finding, ctx: Ctx) -> Finding:
    agreement = ctx.agreements.get(finding.rule)
    if agreement is None or finding.severity != "violation":
        return finding
    return finding._replace(
        severity="info",
        agreed=True,
        events=(*finding.events, ("kela_agreement", agreement.date)),
    )


def counters(ctx: Ctx) -> dict[str, Any]:
    """Counters of the case on the evaluation date."""
    granted, _ = ctx.granted
    used = len(ctx.counted_days)
    meetings = ctx.meetings
    phases = list(map(_PHASE, meetings))
    if None in phases:  # as Ctx.meeting_phase
        start = ctx.workplace_start
        phases = [
            ("workplace" if start is not None and d >= start else "planning") if p is None else p
            for p, d in zip(phases, ctx.meeting_dates, strict=True)
        ]
    by_phase = _count(phases)
    by_mode = _count(list(map(_MODE, meetings)))
    pauses_allowed = ctx.p("pause_max_count").value
    ph = ctx.phase1 if case_has_phases(ctx) else None
    total = ctx.total_deadline
    return {
        "rehab_days_used": used,
        "rehab_days_granted": granted,
        "rehab_days_left": None if granted is None else max(granted - used, 0),
        "pauses_used": len(ctx.pauses),
        "pauses_allowed": pauses_allowed,
        "meetings_used": len(ctx.meetings),
        "meetings_by_phase": by_phase,
        "meetings_by_mode": by_mode,
        "first_meeting": _iso(ctx.first_meeting),
        "workplace_phase_start": _iso(ctx.workplace_start),
        "phase1_deadline": _iso(ph.deadline if ph else None),
        "total_deadline": _iso(total),
    }


def _count(values: list[V]) -> dict[V, int]:
    """How many times each value occurs, in the order of first appearance (as
    ``dict(Counter(values))``): a few distinct values, each counted by ``list.count`` in C."""
    return {value: values.count(value) for value in dict.fromkeys(values)}


def case_has_phases(ctx: Ctx) -> bool:
    return ctx.service in PHASED_SERVICES


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
