"""The quality app's background job: the audit evidence pack of a large sample.

The page (``evidence_views.evidence_pack``) draws the sample and writes the access log's
``export`` row for each sampled client when the pack is asked for, as the download in the
request does; the job packs exactly those cases (their ids are its parameters, with the
seed and the period: no client data) and writes nothing but its result, so a worker killed
in the middle leaves nothing behind and *Try again* packs them again. The ZIP holds client
data: only the quality manager who asked for it downloads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.cases.models import Case
from luotsi.jobs.kinds import JobError, JobResult, job

from . import evidence


def _form_url(job: Any) -> str:
    return reverse("clients:evidence_pack")


def pack_name(day: dt.date, seed: int) -> str:
    return f"auditointiaineisto-{day.isoformat()}-{seed}.zip"


@job(
    title=gettext_lazy("Audit evidence pack"),
    next_url=_form_url,
    next_label=gettext_lazy("Back to the evidence pack"),
)
def evidence_pack(
    ctx: Any,
    *,
    seed: int,
    per_service: int,
    services: list[str],
    start: str | None,
    end: str | None,
    cases: list[int],
    at: str,
) -> JobResult:
    user = ctx.user
    if user is None or not policy.can_export_evidence_pack(user):
        raise JobError(_("You may no longer export the evidence pack."))
    wanted = evidence.SampleRequest(
        seed=seed,
        per_service=per_service,
        services=tuple(services),
        start=dt.date.fromisoformat(start) if start else None,
        end=dt.date.fromisoformat(end) if end else None,
    )
    allowed = policy.clients_for(user, Action.EXPORT)
    found = {
        c.pk: c
        for c in Case.objects.filter(
            pk__in=cases, organisation_id=ctx.organisation_id, client__in=allowed
        ).select_related("client", "organisation")
    }
    if len(found) != len(cases):
        raise JobError(_("Some of the sampled cases are no longer yours to export."))
    ctx.progress(0, len(cases), _("Packing the sampled cases"))
    now = dt.datetime.fromisoformat(at)
    data = evidence.build_pack(user, wanted, [found[pk] for pk in cases], now, ctx.progress)
    ctx.progress(len(cases), len(cases))
    return JobResult(
        name=pack_name(now.date(), seed),
        content_type="application/zip",
        data=data,
        has_client_data=True,
    )
