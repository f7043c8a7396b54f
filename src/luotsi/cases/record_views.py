"""The client's whole record: the export (their right of access) and the printout.
Mounted by ``luotsi.conf.urls`` in the ``clients`` namespace (``clients:export``,
``clients:print``). The record spans the client, their consents and their cases, so it
lives here, above all three (docs/architecture.md)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render

from luotsi import tabular
from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.access.typing import ClientRequest
from luotsi.clients.models import Client

from .labels import SEVERITY_LABELS, rule_titles
from .record import client_record, client_sheets


@client_view(Action.EXPORT)
def client_export(request: ClientRequest, client: Client) -> HttpResponse:
    """The client's data (the client's right of access, moving to another provider): JSON,
    or ``?format=xlsx`` / ``?format=csv`` as tables (``luotsi.cases.record``)."""
    fmt = request.GET.get("format", "json")
    if fmt in tabular.FORMATS:
        content, content_type, extension = tabular.render(client_sheets(client), fmt)
        request.access.detail = f"client data as {fmt}"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.{extension}"'
        return response
    data = client_record(client)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.json"'
    return response


@client_view(Action.PRINT)
def client_print(request: ClientRequest, client: Client) -> HttpResponse:
    """A printable summary of the client's basic data (full identity code; logged), with
    their cases and each case's stored findings (in the UI language, rule titles first)."""
    lang = (getattr(request, "LANGUAGE_CODE", "") or "fi")[:2]
    titles = rule_titles()
    cases = [
        (
            case,
            [
                (
                    finding,
                    titles.get(finding.rule, finding.rule),
                    finding.message(lang),
                    SEVERITY_LABELS.get(finding.severity, finding.severity),
                )
                for finding in case.findings.all()
            ],
        )
        for case in client.cases.order_by("received", "pk").prefetch_related("findings")
    ]
    return render(
        request,
        "clients/print.html",
        {"client": client, "consents": client.consents.all(), "cases": cases},
    )
