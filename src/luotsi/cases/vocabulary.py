"""The case file's vocabularies, read from the ``luotsi-case/1`` models' Literal types,
with the words a coach reads for each value (fi/sv through the catalogues).

The values are never repeated here: ``choices`` fails for a value without a label, so a
value added to the contract cannot be left out of the forms silently."""

from __future__ import annotations

import types
import typing
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luotsi.rules import schema


def vocabulary(model: type[Any], name: str) -> tuple[str, ...]:
    """The string values the contract allows for ``model.name`` (its Literal types)."""
    values: list[str] = []

    def walk(annotation: Any) -> None:
        origin = typing.get_origin(annotation)
        if origin is typing.Literal:
            values.extend(v for v in typing.get_args(annotation) if isinstance(v, str))
        elif origin in (typing.Union, types.UnionType):
            for arg in typing.get_args(annotation):
                walk(arg)

    walk(model.model_fields[name].annotation)
    return tuple(values)


LABELS: dict[str, Promise] = {
    # meeting modes and the advance contact's mode
    "face_to_face": _("Face to face"),
    "video": _("Video call"),
    "phone": _("Phone"),
    # places
    "provider_office": _("Provider's office"),
    "workplace": _("Workplace"),
    "network_premises": _("Network partner's premises"),
    "other": _("Elsewhere"),
    # meeting kinds
    "individual": _("Individual meeting"),
    "workplace_visit": _("Workplace visit"),
    "network": _("Network meeting"),
    "final_discussion": _("Final discussion"),
    "phone_contact": _("Phone contact"),
}
PHASE_LABELS: dict[str, Promise] = {
    "planning": _("Planning"),
    "job_search": _("Job search"),
    "workplace": _("Workplace phase"),
    "start": _("Start"),
    "practice": _("Work practice"),
    "deepening": _("Deepening"),
    "final": _("Final period"),
    "followup": _("Follow-up"),
}
ABSENCE_LABELS: dict[str, Promise] = {
    "sickness": _("Sickness"),
    "annual_leave": _("Annual leave"),
    "other": _("Other reason"),
}
PAUSE_LABELS: dict[str, Promise] = {
    "employer_delay": _("The employer can let the client start only later"),
    "workplace_closed": _("The workplace is closed for a short time"),
    "awaiting_employer_replies": _("Waiting for employers' replies"),
    "employment_ended": _("The employment ended"),
    "client_own": _("A reason on the client's side"),
}
FLEX_LABELS: dict[str, Promise] = {
    "capacity": _("The client's capacity to work"),
    "client": _("A reason on the client's side"),
    "workplace": _("A reason on the workplace's side"),
}
WORKPLACE_KINDS: dict[str, Promise] = {
    "open_market": _("Open labour market"),
    "organisation_paid_work_prospect": _("Organisation, with a prospect of paid work"),
    "organisation": _("Organisation or association"),
    "provider_premises": _("The provider's own premises"),
}
END_LABELS: dict[str, Promise] = {
    "completed": _("Completed"),
    "interrupted": _("Interrupted"),
}
EVENT_TYPES: dict[str, Promise] = {
    "precontact": _("Advance contact"),
    "meeting": _("Meeting"),
    "phase": _("Phase start"),
    "rehab_day": _("Rehabilitation day"),
    "absence": _("Absence"),
    "pause": _("Pause"),
    "flex": _("Flexibility"),
    "workplace": _("Workplace"),
    "certificate": _("Participation certificate"),
    "feedback": _("Feedback report"),
    "kela_notice": _("Notice to Kela"),
    "kela_agreement": _("Agreement with Kela"),
    "invoice_line": _("Invoice line"),
    "end": _("End"),
    "planned_meeting": _("Planned meeting"),
    "no_interpreter": _("No interpreter available"),
    "vocational_plan": _("Vocational plan"),
    "invitation_letter": _("Invitation letter"),
    "light_approach": _("Lighter approach"),
    "step_skipped": _("Step that did not happen"),
    "cannot_commit": _("Client cannot commit"),
}
TAITO_PHASES = ("start", "practice", "deepening", "final", "followup")
PHASED_MEETING_PHASES = ("planning", "job_search", "workplace")


def choices(
    model: type[Any],
    name: str,
    labels: dict[str, Promise] = LABELS,
    blank: Promise | None = None,
    only: tuple[str, ...] | None = None,
) -> list[tuple[str, Any]]:
    """Form choices for ``model.name``: the contract's values, each with its label."""
    values = [v for v in vocabulary(model, name) if only is None or v in only]
    rows: list[tuple[str, Any]] = [("", blank)] if blank is not None else []
    return rows + [(value, labels[value]) for value in values]


def label(value: str) -> str:
    """The label of any vocabulary value (the value itself when it has none)."""
    for table in (LABELS, PHASE_LABELS, ABSENCE_LABELS, PAUSE_LABELS, FLEX_LABELS):
        if value in table:
            return str(table[value])
    return value


# The schema models the forms read (re-exported for them).
Meeting = schema.Meeting
RehabDay = schema.RehabDay
Absence = schema.Absence
Pause = schema.Pause
Flex = schema.Flex
Workplace = schema.Workplace
Phase = schema.Phase
Precontact = schema.Precontact
End = schema.End
