"""Consent and disclosure pages of a client (``clients:consent_create``,
``clients:consent_revoke``, ``clients:disclosure_create``), mounted by ``luotsi.conf.urls``
in the ``clients`` namespace. Every view wears ``client_view`` (luotsi.access.decorators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luotsi.access.decorators import client_view
from luotsi.access.models import Action, RecipientKind
from luotsi.access.typing import ClientRequest
from luotsi.clients.models import Client
from luotsi.forms import add_service_errors

from . import service as consent_service
from .forms import ConsentForm, DisclosureForm
from .models import Consent


@client_view(Action.EDIT)
def consent_create(request: ClientRequest, client: Client) -> HttpResponse:
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_service.record_consent(request.user, client, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "clients/record_form.html",
        {"form": form, "client": client, "heading": _("Record a consent")},
    )


@require_POST
@client_view(Action.EDIT)
def consent_revoke(request: ClientRequest, client: Client, consent_id: int) -> HttpResponse:
    consent = get_object_or_404(Consent, pk=consent_id, client=client)
    try:
        consent_service.revoke_consent(request.user, consent)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The consent was revoked."))
    return redirect("clients:detail", client_id=client.pk)


@client_view(Action.DOCUMENT)
def disclosure_create(request: ClientRequest, client: Client) -> HttpResponse:
    """Record that a document was sent to Kela, the treating party or the network."""
    form = DisclosureForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consent = data["consent"]
        recipient_name = data["recipient_name"]
        if data["recipient_kind"] == RecipientKind.KELA:
            recipient_name = recipient_name or "Kela"
        elif consent is not None:
            recipient_name = consent.recipient_name
        try:
            consent_service.disclose(
                request.user,
                client,
                recipient_kind=data["recipient_kind"],
                recipient_name=recipient_name,
                document=data["document"],
                contains_health_data=data["contains_health_data"],
                consent=consent,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The disclosure was recorded."))
            return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "clients/record_form.html",
        {"form": form, "client": client, "heading": _("Record a disclosure")},
    )
