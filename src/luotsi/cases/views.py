"""The case page, the new decision and the case history. Mounted under
``/clients/<client_id>/cases/``: client-data views. Entry and correction are in
``entry_views``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from luotsi.access import policy
from luotsi.access.decorators import client_view
from luotsi.access.models import Action, ChangeLogEntry
from luotsi.clients.models import Client
from luotsi.forms import add_service_errors
from luotsi.rules import parse_case

from . import planning, service, timeline
from .checks import DOCUMENT_TYPES
from .describe import describe, details, differences, finding_rows, type_label, when
from .entry_views import (
    ENTRY_KINDS,
    case_of,
    keep_typed,
    kinds_for,
    make_form,
    matches_preview,
)
from .forms import CaseForm, DecisionForm
from .labels import SEVERITY_LABELS
from .models import Case, CaseNote, MeetingStatus
from .preview import preview_decision

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


def _entry_forms(case: Case) -> list[tuple[str, Any, Any]]:
    """The entry forms of the case page: (URL name, heading, empty form)."""
    # Several forms on one page: each its own element ids (the field names stay).
    return [
        (
            f"clients:case_{kind}",
            ENTRY_KINDS[kind][1],
            make_form(ENTRY_KINDS[kind][0], case, auto_id=f"{kind}_%s"),
        )
        for kind in kinds_for(case)
    ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    meeting = forms.ChoiceField(label=_("About a meeting"), required=False)

    def __init__(self, *args: Any, meetings: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", _("The case in general")), *meetings]


def _meeting_choices(events: list[Any], planned: list[Any]) -> list[tuple[str, str]]:
    held = [(f"e{e.pk}", describe(e.data, short=True)) for e in events if e.type == "meeting"]
    ahead = [
        (
            f"p{p.pk}",
            gettext("Planned meeting %(date)s") % {"date": when({"date": p.date.isoformat()})},
        )
        for p in planned
    ]
    return [*held, *ahead]


def _notes(case: Case) -> list[CaseNote]:
    return list(
        case.notes.select_related("meeting", "planned_meeting").order_by("-created_at", "-pk")
    )


@client_view(Action.VIEW)
def case_detail(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    case = case_of(client, case_id)
    lang = (get_language() or "en")[:2]
    stored = list(
        case.findings.order_by(
            F("due").asc(nulls_last=True), F("date").asc(nulls_last=True), "rule", "pk"
        )
    )
    findings = [
        (finding, finding.message(lang), SEVERITY_LABELS.get(finding.severity, finding.severity))
        for finding in stored
    ]
    header = service.case_header(case)
    events = list(case.events.all())
    planned = list(case.planned_meetings.filter(status=MeetingStatus.PLANNED))
    contract = parse_case({**header, "events": [e.data for e in events]}, source=case.external_id)
    today = timezone.localdate()
    picture = timeline.build(
        contract,
        case.counters or {},
        stored,
        today,
        gettext("Timeline of case %(case)s") % {"case": case.external_id},
        planned=[(p.date, p.start) for p in planned],
    )
    can_edit = policy.can(request.user, Action.EDIT, client)
    recorded = sorted(events, key=lambda e: (e.date or e.from_date, e.position, e.pk), reverse=True)
    return render(
        request,
        "cases/detail.html",
        {
            "client": client,
            "case": case,
            "findings": findings,
            "counters": counter_rows(case.counters or {}),
            "timeline": picture,
            "timeline_svg": mark_safe(picture.svg),  # built with xml.etree: escaped  # noqa: S308
            "entry_forms": _entry_forms(case) if can_edit else [],
            "can_edit": can_edit,
            "recorded": [
                (e, type_label(e.type), when(e.data), details(e.data), e.type not in DOCUMENT_TYPES)
                for e in recorded
            ],
            "planned_meetings": [(p, p.date < today) for p in planned],
            "notes": _notes(case),
            "note_form": NoteForm(meetings=_meeting_choices(events, planned)) if can_edit else None,
        },
    )


@client_view(Action.EDIT)
def case_create(request: HttpRequest, client: Client) -> HttpResponse:
    """A new case (decision) of this client."""
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = service.create_case(
                request.user,  # type: ignore[arg-type]
                client.organisation,
                client,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, CaseForm.POINTERS)
        else:
            messages.success(request, gettext("The decision was added."))
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "client": client})


@client_view(Action.EDIT)
def case_note(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """Write a note on the case or one of its meetings (POST; a GET shows the form)."""
    case = case_of(client, case_id)
    events = list(case.events.filter(type="meeting"))
    planned = list(case.planned_meetings.all())
    form = NoteForm(request.POST or None, meetings=_meeting_choices(events, planned))
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["meeting"]
        meeting = next((e for e in events if f"e{e.pk}" == choice), None)
        ahead = next((p for p in planned if f"p{p.pk}" == choice), None)
        try:
            planning.add_note(
                request.user,  # type: ignore[arg-type]
                case,
                form.cleaned_data["text"],
                meeting=meeting,
                planned_meeting=ahead,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"/text": "text", "/meeting": "meeting"})
        else:
            messages.success(request, gettext("The note was saved."))
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    return render(request, "cases/note.html", {"client": client, "case": case, "form": form})


def _revision_heading(revision: Any) -> str:
    if revision.event_type == "decision":
        return gettext("Decision")
    return f"{type_label(revision.event_type)} {when(revision.after or revision.before or {})}"


@client_view(Action.VIEW)
def case_history(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """Every change of the case: its revisions (before and after) and change-log rows."""
    case = case_of(client, case_id)
    revisions = [
        (
            revision,
            _revision_heading(revision),
            differences(revision.before, revision.after),
        )
        for revision in case.revisions.order_by("-at", "-pk")
    ]
    notes = [str(pk) for pk in case.notes.values_list("pk", flat=True)]
    log = ChangeLogEntry.objects.filter(
        Q(object_type="case", object_id=str(case.pk))
        | Q(object_type="case_note", object_id__in=notes),
        client_id=client.pk,
    ).order_by("-at", "-pk")
    objects = {"case": gettext("Case"), "case_note": gettext("Note")}
    parts = {
        "events": gettext("Recorded events"),
        "text": gettext("Note"),
        "planned_meetings": gettext("Planned meetings"),
    }
    rows = [
        (
            entry,
            objects.get(entry.object_type, entry.object_type),
            ", ".join(parts.get(name, name) for name in entry.fields),
        )
        for entry in log
    ]
    return render(
        request,
        "cases/history.html",
        {"client": client, "case": case, "revisions": revisions, "log": rows},
    )


def _decision_digest(version: int, changes: dict[str, Any]) -> str:
    text = json.dumps([version, changes], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# Service error pointers of a corrected decision → the form's fields.
DECISION_POINTERS = {
    **CaseForm.POINTERS,
    "/decision/medical_statement_b": "medical_statement_b",
    "/client/applies_allowance": "applies_allowance",
    "/client/in_working_life_at_start": "in_working_life_at_start",
}


@client_view(Action.EDIT)
def case_decision(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """Correct the case's decision: the stored decision filled in; preview what the
    engine would say, confirm (``service.update_decision``: the case version, the history)."""
    case = case_of(client, case_id)
    context: dict[str, Any] = {
        "heading": gettext("Correct the decision"),
        "client": client,
        "case": case,
        "correcting_decision": True,
    }
    if request.method != "POST":
        context["form"] = DecisionForm(case=case)
        return render(request, "cases/entry.html", context)
    form = DecisionForm(request.POST, case=case)
    context["form"] = form
    if not form.is_valid():
        return render(request, "cases/entry.html", context)
    stale = form.cleaned_data["version"] != case.version
    if stale:
        form.add_error(None, service.stale_version(case, request.user))  # type: ignore[arg-type]
        keep_typed(form, case)
    changes = {
        name: value for name, value in form.changes().items() if value != getattr(case, name)
    }
    if not changes:
        form.add_error(None, gettext("Nothing in the decision was changed."))
        return render(request, "cases/entry.html", context)
    try:
        shown = preview_decision(case, changes)
    except ValidationError as exc:
        add_service_errors(form, exc, DECISION_POINTERS)
        return render(request, "cases/entry.html", context)
    digest = _decision_digest(case.version, changes)
    if "confirm" in request.POST and not stale and matches_preview(form, digest):
        try:
            service.update_decision(
                request.user,  # type: ignore[arg-type]
                case,
                form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason", ""),
                **changes,
            )
        except service.StaleVersion as exc:
            form.add_error(None, exc)
            case.refresh_from_db()
            keep_typed(form, case)
        except ValidationError as exc:
            add_service_errors(form, exc, DECISION_POINTERS)
        else:
            messages.success(request, gettext("The decision was corrected."))
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    lang = (get_language() or "en")[:2]
    context.update(
        {
            "preview": shown,
            "appeared": finding_rows(shown.appeared, lang),
            "disappeared": finding_rows(shown.disappeared, lang),
            "digest": digest,
        }
    )
    return render(request, "cases/entry.html", context)
