"""The case page. Mounted under ``/clients/<client_id>/cases/``: a client-data view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from luotsi.access import policy
from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client
from luotsi.rules import parse_case

from . import service, timeline
from .forms import AbsenceForm, CaseForm, EntryForm, MeetingForm, PauseForm, WeekForm
from .models import Case
from .preview import Preview, preview

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


def _case(client: Client, case_id: int) -> Case:
    """The case of this client (another client's case under this URL is a 404)."""
    return get_object_or_404(
        Case.objects.select_related("organisation", "client"), pk=case_id, client=client
    )


def _offices(case: Case) -> list[str]:
    return [office.contract_address for office in case.organisation.offices.all()]


def _entry_forms(case: Case, offices: list[str]) -> list[tuple[str, str, EntryForm]]:
    """The fast-entry forms of the case page: (URL name, heading, empty form)."""
    # Several forms on one page: each its own element ids (the field names stay).
    return [
        (
            "clients:case_days",
            gettext("A week of rehabilitation days"),
            WeekForm(case=case, auto_id="days_%s"),
        ),
        (
            "clients:case_meeting",
            gettext("A meeting"),
            MeetingForm(case=case, offices=offices, auto_id="meeting_%s"),
        ),
        (
            "clients:case_absence",
            gettext("An absence"),
            AbsenceForm(case=case, auto_id="absence_%s"),
        ),
        ("clients:case_pause", gettext("A pause"), PauseForm(case=case, auto_id="pause_%s")),
    ]


@client_view(Action.VIEW)
def case_detail(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    case = _case(client, case_id)
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
    offices = list(header["contract"]["offices"])
    contract = parse_case(
        {**header, "events": [event.data for event in case.events.all()]},
        source=case.external_id,
    )
    picture = timeline.build(
        contract,
        case.counters or {},
        stored,
        timezone.localdate(),
        gettext("Timeline of case %(case)s") % {"case": case.external_id},
    )
    can_edit = policy.can(request.user, Action.EDIT, client)
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
            "entry_forms": _entry_forms(case, offices) if can_edit else [],
        },
    )


def _add_pointer_errors(form: forms.Form, error: ValidationError, pointers: dict[str, str]) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for pointer, errors in error.error_dict.items():
        form.add_error(pointers.get(pointer), errors)


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
            _add_pointer_errors(form, exc, CaseForm.POINTERS)
        else:
            messages.success(request, gettext("The decision was added."))
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "client": client})


def _event_errors(form: EntryForm, error: ValidationError, existing: int) -> None:
    """The service's ``/events/N/field`` errors at the form's fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for pointer, errors in error.error_dict.items():
        parts = pointer.strip("/").split("/")
        name = None
        if len(parts) >= 2 and parts[0] == "events" and parts[1].isdigit():
            index = int(parts[1]) - existing
            if index >= 0:
                name = form.field_for(index, parts[2] if len(parts) > 2 else "")
        form.add_error(name if name in form.fields else None, errors)


def _finding_rows(findings: list[Any], lang: str) -> list[tuple[Any, str, str]]:
    return [(f, f.message(lang), SEVERITY_LABELS.get(f.severity, f.severity)) for f in findings]


def _entry(
    request: HttpRequest,
    client: Client,
    case_id: int,
    form_class: type[EntryForm],
    heading: str,
) -> HttpResponse:
    """One fast-entry form: preview first (the engine's findings that would appear or
    disappear), then confirm; a violation needs a Kela-agreed deviation to be saved."""
    case = _case(client, case_id)
    kwargs: dict[str, Any] = {"case": case}
    if form_class is MeetingForm:
        kwargs["offices"] = _offices(case)
    context: dict[str, Any] = {"client": client, "case": case, "heading": heading}
    if request.method != "POST":
        context["form"] = form_class(**kwargs)
        return render(request, "cases/entry.html", context)
    form = form_class(request.POST, **kwargs)
    context["form"] = form
    if not form.is_valid():
        return render(request, "cases/entry.html", context)
    if form.cleaned_data["version"] != case.version:
        form.add_error(None, service.StaleVersion(STALE_MESSAGE, code="stale"))
        return render(request, "cases/entry.html", context)
    events = form.events()
    try:
        shown: Preview = preview(case, events)
    except ValidationError as exc:
        _event_errors(form, exc, case.events.count())
        return render(request, "cases/entry.html", context)
    agreements = form.agreements(shown.violated_rules) if shown.new_violations else []
    agreed: Preview | None = preview(case, events + agreements, on=shown.on) if agreements else None
    blocked = (
        shown.planned
        and bool(shown.new_violations)
        and (agreed is None or bool(agreed.new_violations))
    )
    final = events + agreements
    digest = form.digest(case.version, final)
    if "confirm" in request.POST:
        if form.cleaned_data["previewed"] != digest:
            form.add_error(
                None,
                gettext(
                    "The change is not the one previewed. Check the preview and confirm again."
                ),
            )
        elif blocked:
            form.add_error(None, BLOCKED_MESSAGE)
        else:
            try:
                service.add_events(
                    request.user,  # type: ignore[arg-type]
                    case,
                    final,
                    form.cleaned_data["version"],
                )
            except service.StaleVersion as exc:
                form.add_error(None, exc)
            except ValidationError as exc:
                _event_errors(form, exc, case.events.count())
            else:
                messages.success(request, gettext("The change was saved."))
                return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    lang = (get_language() or "en")[:2]
    context.update(
        {
            "preview": shown,
            "appeared": _finding_rows(shown.appeared, lang),
            "disappeared": _finding_rows(shown.disappeared, lang),
            "agreed_rows": _finding_rows(agreed.appeared, lang) if agreed else [],
            "blocked": blocked,
            "needs_agreement": bool(shown.new_violations),
            "planned": shown.planned,
            "violated_rules": shown.violated_rules,
            "digest": digest,
        }
    )
    return render(request, "cases/entry.html", context)


STALE_MESSAGE = _(
    "Someone else changed this case while you were editing it. "
    "Reload the page and make your change again."
)
BLOCKED_MESSAGE = _(
    "Not saved: the change would break a rule. It can be saved only as a deviation "
    "Kela has agreed to."
)


@client_view(Action.EDIT)
def case_days(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    return _entry(request, client, case_id, WeekForm, gettext("A week of rehabilitation days"))


@client_view(Action.EDIT)
def case_meeting(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    return _entry(request, client, case_id, MeetingForm, gettext("A meeting"))


@client_view(Action.EDIT)
def case_absence(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    return _entry(request, client, case_id, AbsenceForm, gettext("An absence"))


@client_view(Action.EDIT)
def case_pause(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    return _entry(request, client, case_id, PauseForm, gettext("A pause"))
