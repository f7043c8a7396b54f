"""The audit evidence pack (a client-data view, mounted under ``clients/``)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.access import policy
from luotsi.access.decorators import AccessRecord, client_collection_view, record_access
from luotsi.access.models import Action
from luotsi.cases.models import Service
from luotsi.forms import DateField
from luotsi.jobs import service as jobs

from . import evidence
from . import jobs as quality_jobs


class EvidenceForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("The same seed gives the same sample: write it down to repeat it."),
    )
    per_service = forms.IntegerField(
        label=_("Cases per service"), min_value=1, max_value=evidence.MAX_PER_SERVICE, initial=3
    )
    services = forms.MultipleChoiceField(
        label=_("Services"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(Service.values),
    )
    start = DateField(label=_("Decision received from"), required=False)
    end = DateField(label=_("Decision received to"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot be before the start."))
        return data

    def sample_request(self) -> evidence.SampleRequest:
        d = self.cleaned_data
        return evidence.SampleRequest(
            seed=d["seed"],
            per_service=d["per_service"],
            services=tuple(sorted(d["services"])),
            start=d.get("start"),
            end=d.get("end"),
        )


@client_collection_view(Action.EXPORT, allowed=policy.can_export_evidence_pack)
def evidence_pack(request: HttpRequest) -> HttpResponse:
    """GET: the form (a new random seed), nothing exported. POST: the ZIP — or, for a
    sample of more than ``evidence.INLINE_CASES`` cases, a background job that packs it
    with a progress bar; either way each sampled client gets an ``export`` row in the
    access log here, besides the request's own row."""
    if request.method != "POST":
        request.access.detail = "evidence pack form: nothing exported"  # type: ignore[attr-defined]
        form = EvidenceForm(initial={"seed": secrets.randbelow(1_000_000)})
        return render(
            request,
            "quality/evidence.html",
            {"form": form, "inline_cases": evidence.INLINE_CASES},
        )
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        request.access.detail = "evidence pack form with errors: nothing exported"  # type: ignore[attr-defined]
        return render(
            request,
            "quality/evidence.html",
            {"form": form, "inline_cases": evidence.INLINE_CASES},
        )
    wanted = form.sample_request()
    cases = evidence.sample(request.user, wanted)
    now = timezone.now()
    detail = f"evidence pack seed {wanted.seed}, {wanted.per_service} per service"
    if len(cases) > evidence.INLINE_CASES:  # a large sample: packed by a background job
        job, _created = jobs.start(
            quality_jobs.evidence_pack,
            user=request.user,
            seed=wanted.seed,
            per_service=wanted.per_service,
            services=list(wanted.services),
            start=wanted.start.isoformat() if wanted.start else None,
            end=wanted.end.isoformat() if wanted.end else None,
            cases=[c.pk for c in cases],
            at=now.isoformat(),
        )
        response: HttpResponse = redirect(job)
        request.access.detail = f"{detail}: {len(cases)} cases, as a background job"  # type: ignore[attr-defined]
    else:
        content = evidence.build_pack(request.user, wanted, cases, now)
        request.access.detail = f"{detail}: {len(cases)} cases"  # type: ignore[attr-defined]
        response = HttpResponse(content, content_type="application/zip")
        name = quality_jobs.pack_name(now.date(), wanted.seed)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    for client in {c.client_id: c.client for c in cases}.values():
        record_access(request, AccessRecord(action=Action.EXPORT, client=client, detail=detail))
    return response
