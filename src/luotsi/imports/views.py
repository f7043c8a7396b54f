"""*Tuo taulukosta*: upload a spreadsheet, see what each row would do, confirm or discard.

One page (``clients:import``): GET shows the form, or with ``?batch=<id>`` the dry run of
an uploaded file; POST with a file uploads and previews it; POST with ``batch`` and
``confirm`` (or ``discard``) finishes it. Team leads only (``policy.may_import``); each
request is access-logged, and every client or case written has its change-log row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luotsi import tabular
from luotsi.access import policy
from luotsi.access.decorators import client_collection_view
from luotsi.access.models import Action
from luotsi.access.typing import ClientRequest
from luotsi.forms import add_service_errors
from luotsi.jobs import service as jobs
from luotsi.jobs.models import UNFINISHED, Job

from . import jobs as import_jobs
from . import service
from .columns import KIND_LABELS, KINDS
from .forms import UploadForm
from .models import ImportBatch, Status


def _batch(request: ClientRequest, batch_id: str | None) -> ImportBatch:
    batch = ImportBatch.objects.filter(
        pk=int(batch_id) if batch_id and batch_id.isdigit() else 0,
        user=request.user,
        status__in=(Status.PREVIEWED, Status.CHECKING),
    ).first()
    if batch is None:
        raise Http404
    return batch


def _unfinished_job(batch: ImportBatch) -> Job | None:
    """The batch's dry-run or import job while it is queued or running."""
    if batch.job is None:
        return None
    return Job.objects.filter(pk=batch.job, state__in=UNFINISHED).only("pk").first()


def _start(request: ClientRequest, batch: ImportBatch, kind: Any, **params: Any) -> HttpResponse:
    """Run a step of a big file as a background job and show its progress page."""
    with transaction.atomic():
        job, _created = jobs.start(kind, user=request.user, batch=batch.pk, **params)
        ImportBatch.objects.filter(pk=batch.pk).update(job=job.pk)
    return redirect(job)


def _preview(request: ClientRequest, batch: ImportBatch, status: int = 200) -> HttpResponse:
    """The batch's last dry run (made by the upload, or by a refused confirmation)."""
    batch.refresh_from_db()
    result = service.Result.stored(batch)
    language = {"fi": 0, "sv": 1}.get((get_language() or "fi")[:2], 2)
    headers = {column.key: column.headers[language] for column in KINDS[batch.kind]}
    for row in result.rows:  # the changed fields by their column headers
        row.changed_labels = [headers.get(key, key) for key in row.changed]  # type: ignore[attr-defined]
        row.shown_labels = [(headers.get(key, key), text) for key, text in row.shown]  # type: ignore[attr-defined]
    request.access.detail = f"import preview of {batch.kind}: {len(result.rows)} rows"
    return render(
        request,
        "imports/preview.html",
        {
            "batch": batch,
            "kind_label": KIND_LABELS[batch.kind],
            "result": result,
            "summary": result.summary(),
            "digest": batch.digest,
        },
        status=status,
    )


@client_collection_view(Action.CREATE, allowed=policy.may_import)
def import_page(request: ClientRequest) -> HttpResponse:
    if request.method == "POST" and "batch" in request.POST:
        batch = _batch(request, request.POST.get("batch"))
        if "discard" in request.POST:
            service.discard(request.user, batch)
            request.access.detail = "import discarded"
            messages.success(request, _("The file was discarded: nothing was imported."))
            return redirect("clients:import")
        running = _unfinished_job(batch)
        if running is not None or batch.status != Status.PREVIEWED:
            request.access.detail = "import: its job is not finished"
            return redirect(running) if running is not None else redirect("clients:import")
        if len(batch.preview) > service.inline_rows():
            request.access.detail = (
                f"import of {batch.kind}: {len(batch.preview)} rows, as a background job"
            )
            return _start(
                request, batch, import_jobs.confirm_import, digest=request.POST.get("digest", "")
            )
        try:
            result = service.confirm(request.user, batch, request.POST.get("digest", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return _preview(request, batch, status=409)
        summary = result.summary()
        request.access.detail = f"import of {batch.kind}: {summary}"
        messages.success(
            request,
            _("Imported: %(create)d new, %(update)d updated, %(unchanged)d unchanged.") % summary,
        )
        return redirect("clients:import")
    if request.method == "GET" and request.GET.get("batch"):
        batch = _batch(request, request.GET.get("batch"))
        running = _unfinished_job(batch)
        if running is not None:  # its dry run or its import is under way: show its progress
            request.access.detail = "import: its job is not finished"
            return redirect(running)
        if batch.status == Status.CHECKING:  # the dry run's job failed: offer to try again
            request.access.detail = "import: its check failed"
            if batch.job is not None:
                return redirect("jobs:detail", job_id=batch.job)
            raise Http404
        return _preview(request, batch)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > service.max_bytes():  # refused before reading it into memory
            form.add_error(
                "file",
                _("The file is %(size).1f MB; at most %(max)d MB can be imported at a time. "
                  "Split it into smaller files.")
                % {"size": upload.size / 1024 / 1024, "max": service.max_bytes() // 1024 // 1024},
            )  # fmt: skip
            status = 413
        else:
            try:
                batch, to_check = service.receive(
                    request.user,
                    form.cleaned_data["kind"],
                    upload.name,
                    upload.read(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                if to_check:  # a big file: its dry run is a job with a progress bar
                    request.access.detail = (
                        f"import upload of {batch.kind}: checked as a background job"
                    )
                    return _start(request, batch, import_jobs.check_import)
                return redirect(f"{request.path}?batch={batch.pk}")
    elif request.method == "POST":
        status = 400
    request.access.detail = "import form"
    return render(
        request, "imports/upload.html", {"form": form, "kinds": KIND_LABELS}, status=status
    )


@client_collection_view(Action.CREATE, allowed=policy.may_import)
def import_template(request: ClientRequest) -> HttpResponse:
    """A sample file with the columns and one example row (no client data)."""
    kind = request.GET.get("kind", "clients")
    fmt = request.GET.get("format", "xlsx")
    if kind not in KINDS or fmt not in tabular.FORMATS:
        raise Http404
    columns = KINDS[kind]
    sheet = tabular.Sheet(
        str(KIND_LABELS[kind]),
        [column.headers[0] for column in columns],
        [[column.example for column in columns]],
    )
    content, content_type, extension = tabular.render([sheet], fmt)
    request.access.detail = f"import template {kind}.{fmt}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="luotsi-{kind}.{extension}"'
    return response
