"""Events and findings in words a coach reads: the case page's list of recorded events,
the previews and the case history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.rules.calendar import finnish_date

from . import vocabulary as v
from .labels import SEVERITY_LABELS

# Event types whose text fields are the coach's own words (never vocabulary values).
FREE_TEXT_TYPES = frozenset(
    {"no_interpreter", "vocational_plan", "light_approach", "step_skipped", "cannot_commit"}
)

# The contract's field names, as a coach reads them.
FIELD_LABELS = {
    "date": gettext_lazy("Date"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "start": gettext_lazy("Start time"),
    "status": gettext_lazy("Status"),
    "cancel_reason": gettext_lazy("Why the meeting was cancelled"),
    "hours": gettext_lazy("Hours"),
    "workplace_hours": gettext_lazy("Hours at the workplace"),
    "paid_work": gettext_lazy("Paid work"),
    "independent": gettext_lazy("Independent day"),
    "planned_in_advance": gettext_lazy("Planned in advance"),
    "coach_contact": gettext_lazy("In contact with the coach"),
    "group": gettext_lazy("Group day"),
    "remote": gettext_lazy("Remote day"),
    "client_worked": gettext_lazy("The client worked"),
    "phase": gettext_lazy("Phase"),
    "kind": gettext_lazy("Kind"),
    "mode": gettext_lazy("Mode"),
    "place": gettext_lazy("Place"),
    "office": gettext_lazy("Office"),
    "minutes": gettext_lazy("Length in minutes"),
    "employer_present": gettext_lazy("The employer's representative took part"),
    "reason": gettext_lazy("Reason"),
    "could_participate_remotely": gettext_lazy("The client could have taken part remotely"),
    "interim_tasks": gettext_lazy("Interim tasks were agreed for the pause"),
    "days_per_week": gettext_lazy("Days a week"),
    "hours_per_day": gettext_lazy("Hours a day"),
    "employer": gettext_lazy("Employer"),
    "provider_is_employer": gettext_lazy("The provider is the employer"),
    "paid": gettext_lazy("Paid work"),
    "topic": gettext_lazy("What was reported"),
    "rule": gettext_lazy("Rule"),
    "author_name": gettext_lazy("Author"),
    "author_phone": gettext_lazy("Author's phone"),
    "states_reasons": gettext_lazy("States the reasons"),
    "includes_future": gettext_lazy("Includes days ahead"),
    "mentions_sickness_extension": gettext_lazy("Mentions the sickness extension"),
    "travel_minutes": gettext_lazy("Travel in minutes"),
    "attachments": gettext_lazy("Attachments"),
    "states_vocational_plan": gettext_lazy("States the vocational plan"),
    "note": gettext_lazy("What was tried"),
    "summary": gettext_lazy("The plan in brief"),
    "step": gettext_lazy("The step that did not happen"),
    "price_type": gettext_lazy("Price type"),
    "quantity": gettext_lazy("Quantity"),
    # The decision's fields (a corrected decision's revision).
    "received": gettext_lazy("Decision received"),
    "given": gettext_lazy("Decision given"),
    "granted_days": gettext_lazy("Granted days"),
    "first_decision": gettext_lazy("First decision"),
    "medical_statement_b": gettext_lazy("Medical statement B dated"),
    "medical_statement_b_undated": gettext_lazy(
        "There is a medical statement B but its date is not known"
    ),
    "applies_allowance": gettext_lazy("The client applies for rehabilitation allowance"),
    "in_working_life_at_start": gettext_lazy("The client is in working life at the start"),
}
# Fields whose value is a date (ISO in the record, the Finnish way on screen).
DATE_KEYS = frozenset({"date", "from", "to", "received", "given", "medical_statement_b"})
KIND_LABELS = {
    **v.WORKPLACE_KINDS,
    "full": gettext_lazy("Full report"),
    "short": gettext_lazy("Short report"),
    "followup": gettext_lazy("Follow-up report"),
}
STATUS_LABELS = {
    "planned": gettext_lazy("Planned"),
    "held": gettext_lazy("Held"),
    "cancelled": gettext_lazy("Cancelled"),
}


def value_text(key: str, value: Any, event_type: str = "") -> str:
    """One field's value in words (dates the Finnish way, yes/no, vocabulary labels)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "–"
    if isinstance(value, list | tuple):  # the feedback report's attachments
        return ", ".join(str(item) for item in value) if value else _("none")
    if key in DATE_KEYS and isinstance(value, str):
        try:
            return finnish_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if event_type in FREE_TEXT_TYPES and isinstance(value, str):  # the coach's own words
        return value
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if key == "reason" and event_type == "absence":
        return str(v.ABSENCE_LABELS.get(value, value))
    if key == "reason" and event_type == "pause":
        return str(v.PAUSE_LABELS.get(value, value))
    if key == "reason" and event_type == "flex":
        return str(v.FLEX_LABELS.get(value, value))
    if key == "reason" and event_type == "end":
        return str(v.END_LABELS.get(value, value))
    if key == "phase":
        return str(v.PHASE_LABELS.get(value, value))
    if key == "kind" and value in KIND_LABELS:
        return str(KIND_LABELS[value])
    if key == "status":
        return str(STATUS_LABELS.get(value, value))
    return v.label(str(value)) if isinstance(value, str) else str(value)


def when(data: dict[str, Any]) -> str:
    """The event's day or period."""
    if "from" in data and data.get("type") != "certificate":
        end = value_text("to", data.get("to")) if data.get("to") else ""
        return f"{value_text('from', data['from'])}–{end}"
    return value_text("date", data.get("date"))


def type_label(event_type: str) -> str:
    return str(v.EVENT_TYPES.get(event_type, event_type))


def details(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of the event's fields other than its type and dates."""
    skip = {"type", "date", "from", "to"}
    event_type = str(data.get("type", ""))
    return [
        (str(FIELD_LABELS.get(key, key)), value_text(key, value, event_type))
        for key, value in data.items()
        if key not in skip
    ]


def describe(data: dict[str, Any], short: bool = False) -> str:
    """The event in one line: type, day or period, and (unless ``short``) its fields."""
    head = f"{type_label(str(data.get('type', '')))} {when(data)}"
    if short:
        return head
    rest = "; ".join(f"{label}: {value}" for label, value in details(data))
    return f"{head} ({rest})" if rest else head


def differences(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[tuple[str, str, str]]:
    """(field, before, after) of the fields a revision changed (all fields when one side
    is missing: a record added or removed)."""
    before, after = before or {}, after or {}
    event_type = str(after.get("type") or before.get("type") or "")
    keys = [k for k in [*before, *(k for k in after if k not in before)] if k != "type"]
    rows = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if before and after and old == new:
            continue
        rows.append(
            (
                str(FIELD_LABELS.get(key, key)),
                value_text(key, old, event_type) if key in before else "–",
                value_text(key, new, event_type) if key in after else "–",
            )
        )
    return rows


def finding_rows(findings: list[Any], lang: str) -> list[tuple[Any, str, str]]:
    return [
        (f, f.message(lang), str(SEVERITY_LABELS.get(f.severity, f.severity))) for f in findings
    ]
