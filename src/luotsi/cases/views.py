"""The case page. Mounted under ``/clients/<client_id>/cases/``: a client-data view."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client

from .models import Case


@client_view(Action.VIEW)
def case_detail(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=case_id, client=client)
    lang = (get_language() or "en")[:2]
    findings = [
        (finding, finding.message(lang))
        for finding in case.findings.order_by(
            F("due").asc(nulls_last=True), F("date").asc(nulls_last=True), "rule", "pk"
        )
    ]
    return render(
        request,
        "cases/detail.html",
        {"client": client, "case": case, "findings": findings},
    )
