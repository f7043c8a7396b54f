"""The case page. Mounted under ``/clients/<client_id>/cases/``: a client-data view."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client

from .models import Case

SEVERITY_LABELS = {
    "violation": _("Violation"),
    "due": _("Due"),
    "action": _("Action needed"),
    "warning": _("Warning"),
    "info": _("Information"),
}

# The engine's counters a coach reads, in the order shown; others stay in the export.
COUNTER_LABELS = {
    "rehab_days_used": _("Rehabilitation days used"),
    "rehab_days_granted": _("Rehabilitation days granted"),
    "rehab_days_left": _("Rehabilitation days left"),
    "meetings_used": _("Meetings held"),
    "pauses_used": _("Pauses used"),
    "pauses_allowed": _("Pauses allowed"),
    "first_meeting": _("First meeting"),
    "workplace_phase_start": _("Workplace phase started"),
    "phase1_deadline": _("Phase 1 deadline"),
    "total_deadline": _("Total duration ends"),
}


def counter_rows(counters: dict) -> list[tuple[str, str]]:
    """The counters as (label, value) rows; dates the Finnish way, unknown values left out."""
    rows = []
    for key, label in COUNTER_LABELS.items():
        value = counters.get(key)
        if value is None:
            continue
        day = parse_date(value) if isinstance(value, str) else None
        rows.append((label, date_format(day, "j.n.Y") if day else str(value)))
    return rows


@client_view(Action.VIEW)
def case_detail(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=case_id, client=client)
    lang = (get_language() or "en")[:2]
    findings = [
        (finding, finding.message(lang), SEVERITY_LABELS.get(finding.severity, finding.severity))
        for finding in case.findings.order_by(
            F("due").asc(nulls_last=True), F("date").asc(nulls_last=True), "rule", "pk"
        )
    ]
    return render(
        request,
        "cases/detail.html",
        {
            "client": client,
            "case": case,
            "findings": findings,
            "counters": counter_rows(case.counters or {}),
        },
    )
