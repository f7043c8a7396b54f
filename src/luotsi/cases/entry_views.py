"""Entry and correction on a case: every form previews first, then confirms.

The views are thin: a form builds a ``Change``; ``proposals.propose`` says what it would do
and whether it may be saved; ``proposals.confirm`` (or ``planning``) saves it. Errors come
back as JSON pointers, shown at the form's fields (``luotsi.forms.add_service_errors``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.access.typing import ClientRequest
from luotsi.clients.models import Client
from luotsi.forms import add_service_errors
from luotsi.rules.calendar import finnish_date

from . import planning, proposals, service
from .checks import DOCUMENT_TYPES, Change
from .describe import describe, finding_rows
from .entry_forms import AbsenceForm, EntryForm, MeetingForm, PauseForm
from .event_forms import (
    CORRECTION_FORMS,
    CannotCommitForm,
    EndForm,
    FlexForm,
    InvitationLetterForm,
    KelaAgreementForm,
    KelaNoticeForm,
    LightApproachForm,
    NoInterpreterForm,
    PhaseForm,
    PrecontactForm,
    StepSkippedForm,
    VocationalPlanForm,
    WorkplaceForm,
)
from .models import Case, CaseEvent
from .week_form import WeekForm, week_to_enter

# URL name suffix → (form, heading). The case page shows them in this order.
ENTRY_KINDS: dict[str, tuple[type[EntryForm], Any]] = {
    "days": (WeekForm, _("A week of rehabilitation days")),
    "meeting": (MeetingForm, _("A meeting")),
    "absence": (AbsenceForm, _("An absence")),
    "pause": (PauseForm, _("A pause")),
    "workplace": (WorkplaceForm, _("A workplace")),
    "phase": (PhaseForm, _("The start of a phase")),
    "flex": (FlexForm, _("Flexibility")),
    "precontact": (PrecontactForm, _("Advance contact (TEAK)")),
    "kela_notice": (KelaNoticeForm, _("A notice to Kela")),
    "kela_agreement": (KelaAgreementForm, _("An agreement with Kela")),
    "end": (EndForm, _("End or interruption")),
    "no_interpreter": (NoInterpreterForm, _("No interpreter available")),
    "vocational_plan": (VocationalPlanForm, _("The vocational plan made")),
    "invitation_letter": (InvitationLetterForm, _("The invitation letter sent (TEAK)")),
    "light_approach": (LightApproachForm, _("The lighter approach chosen (TEAK)")),
    "step_skipped": (StepSkippedForm, _("A step of the process that did not happen")),
    "cannot_commit": (CannotCommitForm, _("The client cannot commit to the service")),
}
TEAK = ("TEAK-TK", "TEAK-TV", "TEAK-YHD")
# Kinds only some services' rules read (``luotsi.rules.services``): the advance contact,
# the invitation letter and the lighter approach are TEAK's (TEAK.INVITATION, TEAK.LIGHT);
# the vocational plan is not Taito's (PLAN.VOCATIONAL: TK, TV, TEAK).
ONLY_FOR: dict[str, tuple[str, ...]] = {
    "precontact": TEAK,
    "invitation_letter": TEAK,
    "light_approach": TEAK,
    "vocational_plan": ("TK", "TV", *TEAK),
}


def kinds_for(case: Case) -> list[str]:
    """The entry kinds of ``case``'s service."""
    return [kind for kind in ENTRY_KINDS if case.service in ONLY_FOR.get(kind, (case.service,))]


def case_of(client: Client, case_id: int) -> Case:
    """The case of this client (another client's case under this URL is a 404)."""
    return get_object_or_404(
        Case.objects.select_related("organisation", "client"), pk=case_id, client=client
    )


def offices_of(case: Case) -> list[str]:
    return [office.contract_address for office in case.organisation.offices.all()]


def make_form(kind_form: type[EntryForm], case: Case, data: Any = None, **kwargs: Any) -> EntryForm:
    if issubclass(kind_form, MeetingForm):
        kwargs["offices"] = offices_of(case)
    if issubclass(kind_form, WeekForm) and data is None and "week" not in kwargs:
        kwargs["week"] = week_to_enter(case, timezone.localdate())
    if data is None:
        return kind_form(case=case, **kwargs)
    return kind_form(data, case=case, **kwargs)


def pointer_field(form: EntryForm, offset: int) -> Callable[[str], str | None]:
    """The form field a service error's JSON pointer names (``/events/N/key`` is the
    (N - offset)-th proposed event; ``/date`` and the like are the form's own fields)."""

    def field_for(pointer: str) -> str | None:
        parts = pointer.strip("/").split("/")
        if len(parts) >= 2 and parts[0] == "events" and parts[1].isdigit():
            index = int(parts[1]) - offset
            if index < 0:
                return None
            return form.field_for(index, parts[2] if len(parts) > 2 else "")
        return {"cancel_reason": "reason", "remove": None}.get(parts[0], parts[0])

    return field_for


def keep_typed(form: forms.Form, case: Case) -> None:
    """A stale form keeps what was typed; it now carries the case's current version."""
    data = form.data.copy()
    data["version"] = str(case.version)
    data.pop("previewed", None)
    form.data = data


def matches_preview(form: forms.Form, digest: str) -> bool:
    """True when the change being confirmed is the one previewed (its ``digest``); otherwise
    the form says so and nothing is saved."""
    if form.cleaned_data["previewed"] == digest:
        return True
    form.add_error(
        None,
        gettext("The change is not the one previewed. Check the preview and confirm again."),
    )
    return False


def flow(
    request: ClientRequest,
    client: Client,
    case: Case,
    form: EntryForm,
    context: dict[str, Any],
    save: Callable[[Change, str], Any] | None = None,
) -> HttpResponse:
    """Preview a bound entry form's change; on "confirm", save exactly what was previewed.

    ``save(change, digest)`` saves instead of ``proposals.confirm`` (a planned meeting
    marked held)."""
    context.update({"client": client, "case": case, "form": form})
    if not form.is_valid():
        return render(request, "cases/entry.html", context)
    stale = form.cleaned_data["version"] != case.version
    if stale:
        form.add_error(None, service.stale_version(case, request.user))
        keep_typed(form, case)
    if isinstance(form, MeetingForm) and form.is_planned():
        return _planned_meeting(request, client, case, form, context, stale)
    change = form.change()
    offset = case.events.count() - len(change.touched())
    try:
        proposal = proposals.propose(case, change, form.agreement())
    except ValidationError as exc:
        add_service_errors(form, exc, pointer_field(form, offset))
        return render(request, "cases/entry.html", context)
    if "confirm" in request.POST and not stale:
        previewed = form.cleaned_data["previewed"]
        version = form.cleaned_data["version"]
        try:
            if save is not None:
                save(change, previewed)
            else:
                proposals.confirm(
                    request.user,
                    case,
                    change,
                    version,
                    previewed,
                    form.agreement(),
                )
        except service.StaleVersion as exc:
            form.add_error(None, exc)
            case.refresh_from_db()
            keep_typed(form, case)
        except ValidationError as exc:
            add_service_errors(form, exc, pointer_field(form, offset))
        else:
            messages.success(request, gettext("The change was saved."))
            for document in proposal.stale_documents:
                messages.warning(
                    request,
                    gettext(
                        "The final certificate %(period)s covers this change: make a new "
                        "version of it (CERT.STALE)."
                    )
                    % {"period": _period(document)},
                )
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    lang = (get_language() or "en")[:2]
    context.update(
        {
            "preview": proposal.shown,
            "appeared": finding_rows(proposal.shown.appeared, lang),
            "disappeared": finding_rows(proposal.shown.disappeared, lang),
            "agreed_rows": finding_rows(proposal.agreed.appeared, lang) if proposal.agreed else [],
            "blocked": proposal.blocked,
            "needs_agreement": proposal.needs_agreement,
            "planned": proposal.shown.planned,
            "violated_rules": proposal.shown.violated_rules,
            "digest": proposal.digest,
            "removed": [describe(event.data) for event in proposal.removed],
            "stale_documents": [(d, _period(d)) for d in proposal.stale_documents],
        }
    )
    return render(request, "cases/entry.html", context)


def _period(document: Any) -> str:
    return f"{finnish_date(document.period_from)}–{finnish_date(document.period_to)}"


def _plan_digest(version: int, plan: dict[str, Any]) -> str:
    text = json.dumps([version, plan], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _planned_meeting(
    request: ClientRequest,
    client: Client,
    case: Case,
    form: MeetingForm,
    context: dict[str, Any],
    stale: bool,
) -> HttpResponse:
    """A meeting dated ahead: previewed as a plan (it changes no finding), then saved."""
    plan = form.plan()
    digest = _plan_digest(case.version, plan)
    if "confirm" in request.POST and not stale and matches_preview(form, digest):
        try:
            planning.plan_meeting(
                request.user,
                case,
                form.cleaned_data["version"],
                **plan,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, pointer_field(form, 0))
        else:
            messages.success(request, gettext("The meeting was planned."))
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    context.update({"planned_meeting": True, "digest": digest, "preview": True})
    return render(request, "cases/entry.html", context)


def entry_view(kind: str) -> Callable[..., HttpResponse]:
    """The view of one entry kind (``clients:case_<kind>``)."""
    form_class, heading = ENTRY_KINDS[kind]

    @client_view(Action.EDIT)
    def view(request: ClientRequest, client: Client, case_id: int) -> HttpResponse:
        case = case_of(client, case_id)
        if kind not in kinds_for(case):
            raise Http404
        context: dict[str, Any] = {"heading": heading}
        if request.method != "POST":
            week = request.GET.get("week")
            kwargs: dict[str, Any] = {}
            if form_class is WeekForm and week:
                with contextlib.suppress(forms.ValidationError):
                    kwargs["week"] = WeekForm.base_fields["week"].clean(week)
            if form_class in (AbsenceForm, PauseForm):  # e.g. from a day's correction page
                kwargs["initial"] = {
                    key: request.GET[key]
                    for key in ("start", "end", "reason", "remove_days")
                    if key in request.GET
                }
            form = make_form(form_class, case, **kwargs)
            context.update({"client": client, "case": case, "form": form})
            return render(request, "cases/entry.html", context)
        return flow(request, client, case, make_form(form_class, case, request.POST), context)

    view.__name__ = view.__qualname__ = f"case_{kind}"
    view.__module__ = __name__
    return view


def _event_of(case: Case, event_id: int) -> CaseEvent:
    return get_object_or_404(CaseEvent, pk=event_id, case=case)


@client_view(Action.EDIT)
def event_edit(request: ClientRequest, client: Client, case_id: int, event_id: int) -> HttpResponse:
    """Correct a recorded event: the form of its type, filled in; preview, confirm."""
    case = case_of(client, case_id)
    event = _event_of(case, event_id)
    context: dict[str, Any] = {
        "heading": gettext("Correct: %(event)s") % {"event": describe(event.data, short=True)},
        "correcting": event,
    }
    if event.type in DOCUMENT_TYPES or event.type not in CORRECTION_FORMS:
        messages.error(
            request,
            gettext("A document or invoice made this event: correct it with a new version there."),
        )
        return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    form_class = CORRECTION_FORMS[event.type]
    if request.method != "POST":
        context.update(
            {"client": client, "case": case, "form": make_form(form_class, case, event=event)}
        )
        return render(request, "cases/entry.html", context)
    form = make_form(form_class, case, request.POST, event=event)
    return flow(request, client, case, form, context)


class RemoveForm(EntryForm):
    """Remove one recorded event (its revision keeps what it was)."""

    reason = forms.CharField(
        label=_("Why it is removed"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    AGREEMENT_FIELDS = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in EntryForm.AGREEMENT_FIELDS:
            del self.fields[name]

    def agreement(self) -> proposals.Agreement | None:
        return None

    def events(self) -> list[dict[str, Any]]:
        return []

    def change(self) -> Change:
        assert self.event is not None
        return Change(remove=[self.event.pk], reason=self.cleaned_data.get("reason", ""))

    def field_for(self, index: int, key: str) -> str | None:
        return "reason"


@client_view(Action.EDIT)
def event_remove(
    request: ClientRequest, client: Client, case_id: int, event_id: int
) -> HttpResponse:
    """Remove a recorded event: preview what it would do, confirm."""
    case = case_of(client, case_id)
    event = _event_of(case, event_id)
    context: dict[str, Any] = {
        "heading": gettext("Remove: %(event)s") % {"event": describe(event.data, short=True)},
        "removing": describe(event.data),
    }
    if request.method != "POST":
        context.update({"client": client, "case": case, "form": RemoveForm(case=case, event=event)})
        return render(request, "cases/entry.html", context)
    form = RemoveForm(request.POST, case=case, event=event)
    return flow(request, client, case, form, context)
