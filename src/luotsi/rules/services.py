"""Per-service rule sets. Add Taito here (its rule module alongside)."""

from __future__ import annotations

from luotsi.rules import (
    allowance,
    billing,
    certificates,
    days,
    feedback,
    meetings,
    pauses,
    phases,
    process,
    start,
    taito,
    taito_periods,
    teak,
    teak_process,
    workplace,
)
from luotsi.rules.registry import RuleFunc

# Participation certificates and notices to Kela: the same rules for every service.
_CERTIFICATES: tuple[RuleFunc, ...] = (
    certificates.cert_missing,
    certificates.cert_author,
    certificates.cert_reasons,
    certificates.cert_stale,
    certificates.kela_notify,
)

# Round 2 (issue 15): the process as Kela must hear of it, for every service.
_PROCESS: tuple[RuleFunc, ...] = (
    process.step_skipped,
    process.cannot_commit,
    process.interpreter,
    meetings.network_included,
)

_COMMON: tuple[RuleFunc, ...] = (
    start.start_deadline,
    start.queue_notify,
    phases.phase1_deadline,
    phases.phase1_sickness,
    phases.workphase_not_started,
    phases.total_deadline,
    days.total_at_risk,
    days.days_exceeded,
    days.days_on_absence,
    days.days_on_pause,
    days.day_length,
    meetings.meeting_office,
    meetings.meeting_max,
    meetings.final_discussion,
    meetings.network_at_end,
    meetings.network_at_interruption,
    workplace.workplace_not_external,
    workplace.flex_reason,
    workplace.flex_min_days,
    pauses.pause_too_long,
    pauses.pause_too_many,
    pauses.pause_reason,
    *_CERTIFICATES,
    feedback.feedback_deadline,
    feedback.feedback_sickness_note,
    billing.billing_not_billable,
    billing.billing_meals,
    *_PROCESS,
    process.vocational_plan,
    meetings.meeting_not_moved,
)

TK_RULES: tuple[RuleFunc, ...] = (
    *_COMMON,
    phases.newplace_deadline,
    workplace.workplace_first_meeting,
    workplace.workplace_weekly,
    workplace.workplace_video,
)

TV_RULES: tuple[RuleFunc, ...] = (*_COMMON, days.paid_work_required)

TEAK_RULES: tuple[RuleFunc, ...] = (
    teak.precontact_deadline,
    teak.start_deadline,
    teak.queue_notify,
    phases.total_deadline,
    days.total_at_risk,
    days.days_exceeded,
    days.days_on_absence,
    days.days_on_pause,
    teak.day_length,
    teak.day_weekdays,
    teak.flex_reason,
    workplace.flex_min_days,
    pauses.pause_too_long,
    teak.pause_no_tasks,
    teak.independent_not_allowed,
    teak.independent_too_many,
    teak.independent_not_planned,
    teak.independent_no_contact,
    teak.meeting_remote_only,
    meetings.meeting_office,
    *_CERTIFICATES,
    feedback.feedback_deadline,
    billing.billing_not_billable,
    *_PROCESS,
    process.vocational_plan,
    teak_process.invitation,
    teak_process.light_approach,
    teak_process.days_per_week,
    teak_process.feedback_attachments,
)

# Taito (seed 003) and the rules the catalogue gives for all services.
TAITO_RULES: tuple[RuleFunc, ...] = (
    taito.b_statement,
    taito.followup,
    taito.feedback_deadline,
    taito.practice_length,
    taito_periods.start_visits,
    taito_periods.group_period,
    taito_periods.practice_start,
    taito_periods.practice_visits,
    taito_periods.weekly_phone,
    taito_periods.sickness,
    taito_periods.followup_feedback,
    taito.duration,
    taito.followup_mode,
)
# PAUSE.TOO_LONG's 3 weeks have no seed for Taito (003 Vastaus 15 allows small shifts).
_TAITO_COMMON: tuple[RuleFunc, ...] = (
    days.days_exceeded,
    days.days_on_absence,
    days.days_on_pause,
    workplace.flex_min_days,
    *_CERTIFICATES,
    billing.billing_not_billable,
    *_PROCESS,
)
# A service whose rule set is incomplete lists ``teak.not_implemented`` (ENGINE.NOT_IMPLEMENTED).

# The rehabilitation allowance (ALLOWANCE.*) applies to every service.
_ALLOWANCE: tuple[RuleFunc, ...] = allowance.ALLOWANCE_RULES

SERVICE_RULES: dict[str, tuple[RuleFunc, ...]] = {
    "TK": (*TK_RULES, *_ALLOWANCE),
    "TV": (*TV_RULES, *_ALLOWANCE),
    "TEAK-TK": (*TEAK_RULES, *_ALLOWANCE),
    "TEAK-TV": (*TEAK_RULES, *_ALLOWANCE),
    "TEAK-YHD": (*TEAK_RULES, *_ALLOWANCE),
    "TAITO": (*TAITO_RULES, *_TAITO_COMMON, *_ALLOWANCE),
}

# Services whose phase rules (phase-1 deadline) apply.
PHASED_SERVICES = frozenset(("TK", "TV"))
