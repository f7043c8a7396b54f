"""The words for findings, shared by every page that lists them (the case page, the
client's printout, the dashboards): the severity labels and the rule titles.

A plain-language title for each rule ID, translated (fi/sv/en through the catalogues).

The dashboards show the title first and the rule ID second (smaller, for whoever looks the
rule up in docs/rules.md). One title per rule ID, whatever the service: the finding's own
message says the details. An ID without a title (a rule added later) shows as itself;
``tests/dashboards/test_search_and_print.py`` fails when a rule of the engine has no title.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SEVERITY_LABELS = {
    "violation": _("Violation"),
    "due": _("Due"),
    "action": _("Action needed"),
    "warning": _("Warning"),
    "info": _("Information"),
}

RULE_TITLES = {
    "ALLOWANCE.DAYS": _("Rehabilitation allowance days"),
    "ALLOWANCE.FLEX": _("Allowance under flexible days"),
    "ALLOWANCE.WAIT_INTERIM": _("Allowance between phases"),
    "ALLOWANCE.WORK": _("Allowance and paid work"),
    "BILLING.MEALS": _("Meals billed"),
    "BILLING.NETWORK_INCLUDED": _("Network work billed separately"),
    "BILLING.NOT_BILLABLE": _("Day that cannot be billed"),
    "CERT.AUTHOR": _("Certificate author missing"),
    "CERT.MISSING": _("Participation certificate missing"),
    "CERT.REASONS": _("Certificate lacks reasons"),
    "CERT.STALE": _("Certificate out of date"),
    "CLIENT.CANNOT_COMMIT": _("Client cannot commit"),
    "DAY.LENGTH": _("Length of a rehabilitation day"),
    "DAY.WEEKDAYS": _("Rehabilitation on a weekend or holiday"),
    "DAYS.EXCEEDED": _("More days than granted"),
    "DAYS.ON_ABSENCE": _("Rehabilitation day during an absence"),
    "DAYS.ON_PAUSE": _("Rehabilitation day during a pause"),
    "DEADLINE.INTERPRETER": _("Deadline flexed for an interpreter"),
    "ENGINE.NOT_IMPLEMENTED": _("Rules not fully checked"),
    "FEEDBACK.DEADLINE": _("Feedback report to send"),
    "FEEDBACK.ATTACHMENTS": _("Feedback report attachments"),
    "FEEDBACK.SICKNESS_NOTE": _("Sickness missing from the feedback report"),
    "FINAL.DISCUSSION": _("Final discussion"),
    "FLEX.MIN_DAYS": _("Too few days under flexibility"),
    "FLEX.REASON": _("Reason for flexibility"),
    "GROUP.MIN_START": _("Group too small to start"),
    "INDEPENDENT.NOT_ALLOWED": _("Independent day not allowed"),
    "INDEPENDENT.NOT_PLANNED": _("Independent day not planned"),
    "INDEPENDENT.NO_CONTACT": _("No contact on an independent day"),
    "INDEPENDENT.TOO_MANY": _("Too many independent days"),
    "KELA.NOTIFY": _("Report a change to Kela"),
    "MEETING.MAX": _("Too many meetings"),
    "MEETING.NOT_MOVED": _("Meetings moved to the end"),
    "MEETING.OFFICE": _("Meeting place or mode"),
    "MEETING.REMOTE_ONLY": _("No face-to-face meeting"),
    "MEETING.UNMARKED": _("Planned meeting not marked held"),
    "NETWORK.AT_END": _("Network meeting before the end"),
    "NETWORK.AT_INTERRUPTION": _("Network meeting after an interruption"),
    "NEWPLACE.DEADLINE": _("New work trial place on time"),
    "PAID_WORK.REQUIRED": _("Unpaid day in job coaching"),
    "PAUSE.NO_TASKS": _("No interim tasks during a pause"),
    "PAUSE.REASON": _("Reason for a pause"),
    "PAUSE.TOO_LONG": _("Pause too long"),
    "PAUSE.TOO_MANY": _("Too many pauses"),
    "PHASE1.DEADLINE": _("Planning phase on time"),
    "PHASE1.SICKNESS": _("Sickness in the planning phase"),
    "PLAN.VOCATIONAL": _("Vocational plan"),
    "PRECONTACT.DEADLINE": _("Advance contact on time"),
    "PROCESS.STEP_SKIPPED": _("Process step not carried out"),
    "QUEUE.NOTIFY": _("Tell Kela the start is delayed"),
    "START.DEADLINE": _("First meeting on time"),
    "TAITO.B_STATEMENT": _("Medical statement B for Taito"),
    "TAITO.DURATION": _("Overall duration of Taito"),
    "TAITO.FOLLOWUP": _("Taito follow-up visit"),
    "TAITO.FOLLOWUP_FEEDBACK": _("Taito follow-up report"),
    "TAITO.FOLLOWUP_MODE": _("Mode of the Taito follow-up visit"),
    "TAITO.GROUP_PERIOD": _("Taito group period"),
    "TAITO.PRACTICE_LENGTH": _("Length of Taito work practice"),
    "TAITO.PRACTICE_START": _("Start of Taito work practice"),
    "TAITO.PRACTICE_VISITS": _("Visits during Taito work practice"),
    "TAITO.SICKNESS": _("Sickness during Taito"),
    "TAITO.START_VISITS": _("Taito start visits"),
    "TAITO.WEEKLY_PHONE": _("Weekly phone call in Taito"),
    "TEAK.INVITATION": _("Invitation letter before the start"),
    "TEAK.LIGHT": _("Lighter TEAK approach"),
    "TOTAL.AT_RISK": _("Granted days at risk"),
    "TOTAL.DEADLINE": _("Total duration exceeded"),
    "WORKPHASE.NOT_STARTED": _("Workplace phase not started"),
    "WORKPLACE.FIRST_MEETING": _("First workplace meeting"),
    "WORKPLACE.NOT_EXTERNAL": _("Workplace not on the open labour market"),
    "WORKPLACE.VIDEO": _("Two workplace meetings by video"),
    "WORKPLACE.WEEKLY": _("Weekly workplace meeting"),
}


def rule_title(rule_id: str) -> str:
    """The title of ``rule_id`` in the active language; the ID itself when it has none."""
    title = RULE_TITLES.get(rule_id)
    return str(title) if title is not None else rule_id


def rule_titles() -> dict[str, str]:
    """Every title in the active language (once per request: a row looks its title up)."""
    return {rule_id: str(title) for rule_id, title in RULE_TITLES.items()}
