"""The import's background jobs, for files of more than ``service.inline_rows()`` rows:
the dry run of an uploaded file and its confirmed import, each with a progress bar.

Both work from the stored ``ImportBatch`` (the file encrypted, never a parameter) and
write in one transaction: the dry run's is rolled back and its result kept in one
statement, the import is all or nothing. A worker killed in the middle leaves the batch as
it was (``CHECKING``, or ``PREVIEWED`` and nothing imported), and *Try again* runs the
step again. The result to download is the rows' outcomes as CSV (names and case numbers:
client data, so for the importer only); the job's page leads on to the preview.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.jobs.kinds import JobError, JobResult, job

from . import service
from .models import ImportBatch, Status


def _preview_url(job: Any) -> str | None:
    """The batch's preview while it waits for its confirmation, else the import page."""
    batch = ImportBatch.objects.filter(pk=job.params.get("batch"), user_id=job.user_id).first()
    if batch is not None and batch.status == Status.PREVIEWED:
        return f"{reverse('clients:import')}?batch={batch.pk}"
    return reverse("clients:import")


def _batch(ctx: Any, batch_id: int) -> ImportBatch:
    batch = ImportBatch.objects.filter(pk=batch_id, user_id=ctx.user_id).first()
    if batch is None:
        raise JobError(_("The uploaded file is no longer available."))
    return batch


def _result(batch: ImportBatch, result: service.Result, step: str) -> JobResult:
    return JobResult(
        name=f"tuonti-{batch.pk}-{step}.csv",
        content_type="text/csv; charset=utf-8",
        data=service.result_csv(result),
        has_client_data=True,
    )


@job(
    title=gettext_lazy("Check a spreadsheet before importing it"),
    next_url=_preview_url,
    next_label=gettext_lazy("Open the preview"),
)
def check_import(ctx: Any, *, batch: int) -> JobResult:
    found = _batch(ctx, batch)
    ctx.progress(0, 0, _("Checking the rows"))
    try:
        result = service.check(ctx.user, found, progress=ctx.progress)
    except PermissionDenied:
        raise JobError(_("You may no longer import into this organisation.")) from None
    except ValidationError as exc:
        raise JobError(" ".join(exc.messages)) from None
    ctx.progress(len(result.rows), len(result.rows), _("Checked"))
    return _result(found, result, "esikatselu")


@job(
    title=gettext_lazy("Import a spreadsheet"),
    next_url=_preview_url,
    next_label=gettext_lazy("Back to the import"),
)
def confirm_import(ctx: Any, *, batch: int, digest: str) -> JobResult:
    found = _batch(ctx, batch)
    ctx.progress(0, len(found.preview), _("Importing the rows"))
    try:
        result = service.confirm(ctx.user, found, digest, progress=ctx.progress)
    except PermissionDenied:
        raise JobError(_("You may no longer import into this organisation.")) from None
    except ValidationError as exc:  # refused rows, a changed preview: nothing imported
        raise JobError(" ".join(exc.messages)) from None
    ctx.progress(len(result.rows), len(result.rows), _("Imported"))
    return _result(found, result, "tuotu")
