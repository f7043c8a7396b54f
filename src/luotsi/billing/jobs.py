"""Billing's background job: a month's invoices as one ZIP (Finvoice XML and the
specification PDF of each), with a progress bar.

The page that starts it (``views.month_zip``, POST) chooses the invoices and writes the
access log's ``print`` row for each client, as the download in the request always did;
the job renders exactly those invoices (their ids are its parameters: no client data) and
writes nothing but its result, so a worker killed in the middle leaves nothing behind and
*Try again* renders them again. The ZIP names clients: only its starter downloads it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.access import policy
from luotsi.jobs.kinds import JobError, JobResult, job

from . import service
from .models import Invoice


def month_archive(
    invoices: Sequence[Invoice], progress: Callable[[int, int], None] | None = None
) -> bytes:
    """``<number>.xml`` and ``<number>.pdf`` of each invoice, in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, invoice in enumerate(invoices, 1):
            archive.writestr(f"{invoice.number}.xml", service.finvoice(invoice))
            archive.writestr(f"{invoice.number}.pdf", service.specification_pdf(invoice))
            if progress is not None:
                progress(done, len(invoices))
    return buffer.getvalue()


def _month_url(job: Any) -> str:
    return f"{reverse('billing:month')}?month={job.params.get('month', '')}"


@job(
    title=gettext_lazy("A month's invoices as a ZIP (Finvoice and PDF)"),
    next_url=_month_url,
    next_label=gettext_lazy("Back to the month"),
)
def month_zip(ctx: Any, *, month: str, invoices: list[int]) -> JobResult:
    if ctx.user is None or not policy.can_bill(ctx.user):
        raise JobError(_("You may no longer bill for this organisation."))
    found = {
        i.pk: i
        for i in Invoice.objects.filter(
            organisation_id=ctx.organisation_id, pk__in=invoices
        ).select_related("case__client", "case__organisation", "price_list", "credits")
    }
    if len(found) != len(invoices):
        raise JobError(_("Some of the month's invoices are no longer available."))
    ctx.progress(0, len(invoices), _("Rendering the invoices"))
    data = month_archive([found[pk] for pk in invoices], ctx.progress)
    return JobResult(
        name=f"laskut-{month}.zip", content_type="application/zip", data=data, has_client_data=True
    )
