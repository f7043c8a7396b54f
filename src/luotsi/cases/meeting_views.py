"""A planned meeting marked held (the meeting form filled in from the plan, previewed and
confirmed) or cancelled (with a reason)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.access.typing import ClientRequest
from luotsi.clients.models import Client
from luotsi.forms import add_service_errors

from . import planning, service
from .checks import Change
from .entry_forms import MeetingForm
from .entry_views import case_of, flow, keep_typed, make_form
from .models import Case, MeetingStatus, PlannedMeeting


def _planned_of(case: Case, planned_id: int) -> PlannedMeeting:
    return get_object_or_404(PlannedMeeting, pk=planned_id, case=case, status=MeetingStatus.PLANNED)


@client_view(Action.EDIT)
def meeting_held(
    request: ClientRequest, client: Client, case_id: int, planned_id: int
) -> HttpResponse:
    """A planned meeting took place: the meeting form, filled in from the plan."""
    case = case_of(client, case_id)
    planned = _planned_of(case, planned_id)
    context: dict[str, Any] = {"heading": gettext("Mark the meeting held"), "held": planned}
    if request.method != "POST":
        initial = {
            "date": planned.date,
            "mode": planned.mode,
            "kind": planned.kind,
            "place": planned.place,
            "office": planned.office,
            "phase": planned.phase,
            "minutes": planned.minutes,
        }
        form = make_form(MeetingForm, case, initial=initial)
        del form.fields["start_time"]
        context.update({"client": client, "case": case, "form": form})
        return render(request, "cases/entry.html", context)
    form = make_form(MeetingForm, case, request.POST)
    del form.fields["start_time"]

    def save(change: Change, digest: str) -> None:
        planning.hold_meeting(
            request.user,
            case,
            planned,
            change,
            form.cleaned_data["version"],
            digest,
            form.agreement(),
        )

    return flow(request, client, case, form, context, save=save)


class CancelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("Why the meeting was cancelled"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@client_view(Action.EDIT)
def meeting_cancel(
    request: ClientRequest, client: Client, case_id: int, planned_id: int
) -> HttpResponse:
    """A planned meeting will not take place: cancelled, with the reason."""
    case = case_of(client, case_id)
    planned = _planned_of(case, planned_id)
    form = CancelForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            planning.cancel_meeting(
                request.user,
                case,
                planned,
                form.cleaned_data["reason"],
                form.cleaned_data["version"],
            )
        except service.StaleVersion as exc:
            form.add_error(None, exc)
            keep_typed(form, case)
        except ValidationError as exc:
            add_service_errors(form, exc, {"/cancel_reason": "reason"})
        else:
            messages.success(request, gettext("The meeting was cancelled."))
            return redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    return render(
        request,
        "cases/cancel.html",
        {"client": client, "case": case, "planned": planned, "form": form},
    )
