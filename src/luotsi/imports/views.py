"""*Tuo taulukosta*: upload a spreadsheet, see what each row would do, confirm or discard.

One page (``clients:import``): GET shows the form, or with ``?batch=<id>`` the dry run of
an uploaded file; POST with a file uploads and previews it; POST with ``batch`` and
``confirm`` (or ``discard``) finishes it. Team leads only (``service.may_import``); each
request is access-logged, and every client or case written has its change-log row.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luotsi import tabular
from luotsi.access.decorators import client_collection_view
from luotsi.access.models import Action
from luotsi.forms import add_service_errors

from . import service
from .columns import KIND_LABELS, KINDS
from .forms import UploadForm
from .models import ImportBatch, Status


def _batch(request: HttpRequest, batch_id: str | None) -> ImportBatch:
    batch = ImportBatch.objects.filter(
        pk=int(batch_id) if batch_id and batch_id.isdigit() else 0,
        user=request.user,
        status=Status.PREVIEWED,
    ).first()
    if batch is None:
        raise Http404
    return batch


def _preview(request: HttpRequest, batch: ImportBatch, status: int = 200) -> HttpResponse:
    """The batch's last dry run (made by the upload, or by a refused confirmation)."""
    batch.refresh_from_db()
    result = service.Result.stored(batch)
    language = {"fi": 0, "sv": 1}.get((get_language() or "fi")[:2], 2)
    headers = {column.key: column.headers[language] for column in KINDS[batch.kind]}
    for row in result.rows:  # the changed fields by their column headers
        row.changed_labels = [headers.get(key, key) for key in row.changed]  # type: ignore[attr-defined]
        row.shown_labels = [(headers.get(key, key), text) for key, text in row.shown]  # type: ignore[attr-defined]
    request.access.detail = (  # type: ignore[attr-defined]
        f"import preview of {batch.kind}: {len(result.rows)} rows"
    )
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


@client_collection_view(Action.CREATE, allowed=service.may_import)
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "batch" in request.POST:
        batch = _batch(request, request.POST.get("batch"))
        if "discard" in request.POST:
            service.discard(request.user, batch)  # type: ignore[arg-type]
            request.access.detail = "import discarded"  # type: ignore[attr-defined]
            messages.success(request, _("The file was discarded: nothing was imported."))
            return redirect("clients:import")
        try:
            result = service.confirm(request.user, batch, request.POST.get("digest", ""))  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return _preview(request, batch, status=409)
        summary = result.summary()
        request.access.detail = f"import of {batch.kind}: {summary}"  # type: ignore[attr-defined]
        messages.success(
            request,
            _("Imported: %(create)d new, %(update)d updated, %(unchanged)d unchanged.") % summary,
        )
        return redirect("clients:import")
    if request.method == "GET" and request.GET.get("batch"):
        return _preview(request, _batch(request, request.GET.get("batch")))
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
                batch, _result = service.upload(
                    request.user,  # type: ignore[arg-type]
                    form.cleaned_data["kind"],
                    upload.name,
                    upload.read(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                return redirect(f"{request.path}?batch={batch.pk}")
    elif request.method == "POST":
        status = 400
    request.access.detail = "import form"  # type: ignore[attr-defined]
    return render(
        request, "imports/upload.html", {"form": form, "kinds": KIND_LABELS}, status=status
    )


@client_collection_view(Action.CREATE, allowed=service.may_import)
def import_template(request: HttpRequest) -> HttpResponse:
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
    request.access.detail = f"import template {kind}.{fmt}"  # type: ignore[attr-defined]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="luotsi-{kind}.{extension}"'
    return response
