"""The page where a violation that can no longer be put right is acknowledged, and where the
case's acknowledgements are listed (who, when, why)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.cases.labels import rule_title
from luotsi.cases.models import Case
from luotsi.clients.models import Client
from luotsi.forms import DateField

from . import service


class AcknowledgementForm(forms.Form):
    """The finding's key (hidden, from the dashboard's link) and the coach's note."""

    rule = forms.CharField(max_length=60, widget=forms.HiddenInput)
    date = DateField(required=False, widget=forms.HiddenInput)
    due = DateField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Why is it acknowledged?"),
        max_length=service.NOTE_MAX,
        help_text=gettext_lazy(
            "What happened and what was done, e.g. reported to Kela on 3.12.2026. "
            "The note, your name and the time stay in the case's history."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


@client_view(Action.EDIT)
def acknowledge(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """GET: the violation named in the query (``rule``, ``date``, ``due``) with a note field,
    and the case's acknowledgements; POST: acknowledge it and go back."""
    case = get_object_or_404(Case, pk=case_id, client=client)
    form = AcknowledgementForm(request.POST if request.method == "POST" else request.GET)
    case_url = reverse("clients:case_detail", kwargs={"client_id": client.pk, "case_id": case.pk})
    back = _safe_next(request, case_url)
    finding = None
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.acknowledge(
                    request.user,  # type: ignore[arg-type]
                    case,
                    rule=data["rule"],
                    date=data["date"],
                    due=data["due"],
                    note=data["note"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error("note" if field == "note" else None, errors)
            else:
                messages.success(
                    request,
                    _("The violation was acknowledged. It stays in the case's history."),
                )
                return redirect(back)
    else:
        form.errors.clear()  # the note is asked for, not yet missing
    key = form.data.get("rule"), form.data.get("date") or None, form.data.get("due") or None
    if key[0]:
        try:
            date = dt.date.fromisoformat(key[1]) if key[1] else None
            due = dt.date.fromisoformat(key[2]) if key[2] else None
        except ValueError:
            date = due = None
        else:
            finding = service.open_violation(case, key[0], date, due)
    lang = (request.LANGUAGE_CODE or "fi")[:2]  # type: ignore[attr-defined]
    return _render(
        request,
        client,
        case,
        form=form,
        finding=finding,
        message=finding.message(lang) if finding else "",
        title=rule_title(finding.rule) if finding else "",
        next=back,
    )


def _render(request: HttpRequest, client: Client, case: Case, **extra: object) -> HttpResponse:
    return render(
        request,
        "dashboards/acknowledge.html",
        {
            "client": client,
            "case": case,
            "case_url": reverse(
                "clients:case_detail", kwargs={"client_id": client.pk, "case_id": case.pk}
            ),
            "acknowledgements": [
                (item, rule_title(item.rule)) for item in case.acknowledgements.all()
            ],
            "no_date": service.NO_DATE,
            **extra,
        },
    )


@client_view(Action.VIEW)
def acknowledgements(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """The case's acknowledged violations (who, when, why): for everyone who may view the
    case, the quality manager included."""
    case = get_object_or_404(Case, pk=case_id, client=client)
    return _render(request, client, case, form=None)
