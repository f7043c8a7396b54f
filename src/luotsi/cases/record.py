"""A client's data for their right of access: one gathering, three formats.

``client_record(client)`` is everything Luotsi holds about the client that the client may
ask for: basic data, consents, cases (the decision), the recorded events, the stored
findings and the case notes (``case_notes``) — and ``client_sheets(client)`` lays the
same out as tables for ``luotsi.tabular`` (XLSX, or CSV files in a zip). The web page
``clients:export`` (JSON, XLSX, CSV) and the API's ``/api/clients/{id}/export`` both use
these; each request is access-logged as an export by its view.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from luotsi.clients.models import Client
from luotsi.tabular import Sheet

from .models import Case, CaseEvent, CaseFinding, CaseNote

EVENT_DATE_KEYS = ("date", "from", "to")


def _notes(client: Client) -> list[dict[str, Any]]:
    return [
        {
            "case": note.case.external_id,
            "meeting": note.meeting.date.isoformat() if note.meeting else None,
            "planned_meeting": (
                note.planned_meeting.date.isoformat() if note.planned_meeting else None
            ),
            "author": note.author_name,
            "written": note.created_at.isoformat(),
            "text": note.text,
        }
        for note in CaseNote.objects.filter(case__client=client)
        .select_related("case", "meeting", "planned_meeting")
        .order_by("created_at", "pk")
    ]


def _cases(client: Client) -> list[Case]:
    return list(Case.objects.filter(client=client).order_by("received", "pk"))


def client_record(client: Client) -> dict[str, Any]:
    """The client's data as JSON-ready values."""
    cases = _cases(client)
    events = CaseEvent.objects.filter(case__client=client).select_related("case")
    return {
        "first_name": client.first_name,
        "last_name": client.last_name,
        "identity_code": client.identity_code,
        "birth_date": client.birth_date.isoformat(),
        "language": client.language,
        "phone": client.phone,
        "email": client.email,
        "address": client.address,
        "organisation": client.organisation.name,
        "team": client.team.name if client.team else None,
        "responsible_coach": str(client.responsible_coach) if client.responsible_coach else None,
        "consents": [
            {
                "recipient_kind": consent.recipient_kind,
                "recipient_name": consent.recipient_name,
                "scope": consent.scope,
                "covers_health_data": consent.covers_health_data,
                "given_on": consent.given_on.isoformat(),
                "revoked_on": consent.revoked_on.isoformat() if consent.revoked_on else None,
            }
            for consent in client.consents.all()
        ],
        "cases": [
            {
                "case": case.external_id,
                "service": case.service,
                "received": case.received.isoformat(),
                "granted_days": case.granted_days,
                "events": [e.data for e in events if e.case_id == case.pk],
            }
            for case in cases
        ],
        "case_notes": _notes(client),
    }


def client_sheets(client: Client) -> list[Sheet]:
    """The client's data as tables (dates as dates): basic data as field–value rows, then
    consents, cases, events, findings and notes a row each."""
    basic = [
        (_("First name"), client.first_name),
        (_("Last name"), client.last_name),
        (_("Identity code"), client.identity_code),
        (_("Date of birth"), client.birth_date),
        (_("Language"), client.language),
        (_("Phone"), client.phone),
        (_("Email"), client.email),
        (_("Address"), client.address),
        (_("Organisation"), client.organisation.name),
        (_("Team"), client.team.name if client.team else ""),
        (_("Responsible coach"), str(client.responsible_coach or "")),
    ]
    consents = [
        (
            c.recipient_kind,
            c.recipient_name,
            c.scope,
            c.covers_health_data,
            c.given_on,
            c.revoked_on,
        )
        for c in client.consents.all()
    ]
    cases = _cases(client)
    case_rows = [
        (
            case.external_id,
            case.service,
            case.received,
            case.granted_days,
            case.first_decision,
            case.applies_allowance,
        )
        for case in cases
    ]
    event_rows = []
    for event in CaseEvent.objects.filter(case__client=client).select_related("case"):
        data = dict(event.data)
        kind = data.pop("type")
        dates = [data.pop(key, None) for key in EVENT_DATE_KEYS]
        details = ", ".join(f"{k}={v}" for k, v in sorted(data.items()))
        event_rows.append((event.case.external_id, kind, *dates, details))
    finding_rows = [
        (f.case.external_id, f.rule, f.severity, f.due, f.date, f.message(client.language))
        for f in _findings(client)
    ]
    notes = [
        (
            n["case"],
            n["meeting"] or n["planned_meeting"] or "",
            n["author"],
            n["written"],
            n["text"],
        )
        for n in _notes(client)
    ]
    return [
        Sheet(_("Client"), (_("Field"), _("Value")), basic),
        Sheet(
            _("Consents"),
            (_("Recipient"), _("Recipient name"), _("Scope"), _("Health data"), _("Given"),
             _("Revoked")),
            consents,
        ),
        Sheet(
            _("Cases"),
            (_("Case number"), _("Service"), _("Decision received"), _("Granted days"),
             _("First decision"), _("Applies for allowance")),
            case_rows,
        ),
        Sheet(
            _("Events"),
            (_("Case number"), _("Event"), _("Date"), _("From"), _("To"), _("Details")),
            event_rows,
        ),
        Sheet(
            _("Findings"),
            (_("Case number"), _("Rule"), _("Severity"), _("Due"), _("Date"), _("Message")),
            finding_rows,
        ),
        Sheet(
            _("Notes"),
            (_("Case number"), _("Meeting"), _("Author"), _("Written"), _("Note")),
            notes,
        ),
    ]  # fmt: skip


def _findings(client: Client) -> Any:
    return CaseFinding.objects.filter(case__client=client).select_related("case")
