"""The documents of a case: list, new draft, edit, preview, finalise, PDF, text, sent, new
version.

Mounted under ``/clients/<client_id>/cases/<case_id>/documents/``: client-data views.
Reading needs ``view`` (the PDF and a notice's plain text ``print``); making and changing
documents needs ``document`` (coaches and team leads, not the quality manager).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luotsi.access import policy
from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.cases.models import Case, CaseFinding
from luotsi.clients.models import Client
from luotsi.documents import DocumentRefused, render_body, render_html, render_text
from luotsi.rules.calendar import finnish_date

from . import notices, refusals, report, selectors, service
from .forms import CreateForm, DraftForm
from .models import Document, Kind

REQUIRED_KEPT = {
    "author_name": gettext_lazy(
        "Not finalised: the author's name is required. The name it had was kept; check it "
        "and finalise again."
    ),
    "author_phone": gettext_lazy(
        "Not finalised: the author's phone number is required. The number it had was kept; "
        "check it and finalise again."
    ),
}

# The standalone preview is the document's own page with its embedded CSS.
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def _case(client: Client, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.select_related("client", "organisation"), pk=case_id, client=client
    )


def _document(client: Client, case_id: int, document_id: int) -> Document:
    case = _case(client, case_id)
    document = get_object_or_404(
        Document.objects.select_related("case", "replaces"), pk=document_id, case=case
    )
    document.case = case
    return document


def _detail(document: Document) -> HttpResponse:
    return redirect(
        "clients:document_detail",
        client_id=document.case.client_id,
        case_id=document.case_id,
        document_id=document.pk,
    )


def _error_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@client_view(Action.VIEW)
def case_documents(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    case = _case(client, case_id)
    return render(request, "casedocs/list.html", {"client": client, "case": case})


@client_view(Action.DOCUMENT)
def document_create(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    case = _case(client, case_id)
    kinds = selectors.available_kinds(case)
    period_from, period_to = selectors.certificate_period(case)
    initial = {
        "language": client.language,
        "kind": request.GET.get("kind"),
        "period_from": period_from,
        "period_to": period_to,
    }
    form = CreateForm(
        request.POST or None, kinds=kinds, allowance=case.applies_allowance, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = service.create_draft(
                request.user,  # type: ignore[arg-type]
                case,
                data["kind"],
                data["language"],
                data["period_from"],
                data["period_to"],
                on_request=bool(data.get("on_request")),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The draft was made."))
            return _detail(document)
    return render(
        request,
        "casedocs/create.html",
        {"client": client, "case": case, "form": form, "allowance": case.applies_allowance},
    )


def _shown_elsewhere(
    request: HttpRequest, form: DraftForm | None, field: str | None, text: str
) -> bool:
    """Whether the page already says ``text``: on the form's field or as a message."""
    if form is not None and form.is_bound and field in form.errors:
        return True
    # Reading the messages here leaves them for the page (they are shown on it anyway).
    return any(str(m) == text for m in messages.get_messages(request))


def _detail_page(
    request: HttpRequest,
    client: Client,
    document: Document,
    form: DraftForm | None = None,
    finalise_refused: bool = False,
) -> HttpResponse:
    can_document = policy.can(request.user, Action.DOCUMENT, client)
    preview = refusal = text_preview = None
    if not document.is_final:
        try:
            context = selectors.build_context(document)
            preview = render_body(context)
            if document.kind in selectors.NOTICE_KINDS:
                text_preview = render_text(context)
        except DocumentRefused as exc:
            field, refusal = refusals.refusal_message(exc)
            if _shown_elsewhere(request, form, field, refusal):  # say it once
                refusal = _("The preview cannot be shown: see the error above.")
        if can_document and form is None:
            form = DraftForm(document=document)
    superseded_by = document.superseded_by if document.is_final else None
    return render(
        request,
        "casedocs/detail.html",
        {
            "client": client,
            "case": document.case,
            "document": document,
            "form": form if can_document else None,
            "can_document": can_document,
            "preview": preview,
            "text_preview": text_preview,
            "refusal": refusal,
            "finalise_refused": finalise_refused,
            "superseded_by": superseded_by,
            "sendings": list(document.sendings.select_related("disclosure")),
            "recipients": selectors.recipients(document),
            "on_pause": []
            if document.is_final
            else [finnish_date(day) for day in report.days_on_pause(document)],
            "consent_recipients": report.listed_consents(document)
            if document.kind == Kind.FEEDBACK
            else [],
            "next_draft": document.successors.filter(status="draft").first(),
            "stale": selectors.stale_findings(document) if document.is_final else [],
        },
    )


@client_view(Action.VIEW)
def document_detail(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    document = _document(client, case_id, document_id)
    request.access.detail = f"document {document.pk}"  # type: ignore[attr-defined]
    return _detail_page(request, client, document)


@require_POST
@client_view(Action.DOCUMENT)
def document_edit(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    document = _document(client, case_id, document_id)
    if document.is_final:
        messages.error(
            request, _("A finalised document cannot be changed. Make a new version instead.")
        )
        return _detail(document)
    refused = _save_draft(request, client, document)
    if refused is None:
        messages.success(request, _("The draft was saved."))
    return refused or _detail(document)


# What a draft is prefilled with (from the user): finalising with the field emptied keeps it.
PREFILLED = ("author_name", "author_phone")


def _save_draft(
    request: HttpRequest, client: Client, document: Document, keep_prefilled: bool = False
) -> HttpResponse | None:
    """Save the posted draft form; the page to show instead when it is refused.

    ``keep_prefilled`` (finalising): an emptied author's name or phone that the document
    needs is not saved over the prefilled value, and finalising is refused with the field
    showing the kept value, so nothing prefilled is lost to a refused finalise."""
    form = DraftForm(request.POST, document=document)
    if not form.is_valid():
        return _detail_page(request, client, document, form, finalise_refused=keep_prefilled)
    changes = form.changes()
    for key in PREFILLED:  # a form without the field (not this kind's) changes nothing
        if key not in request.POST:
            changes.pop(key, None)
    emptied = []
    if keep_prefilled:
        emptied = [
            key
            for key in PREFILLED
            if key in changes
            and not str(changes[key] or "").strip()
            and getattr(document, key)
            and getattr(form.fields[key], "required_note", None)
        ]
        for key in emptied:
            del changes[key]
    try:
        document = service.update_draft(request.user, document, **changes)  # type: ignore[arg-type]
    except ValidationError as exc:
        _error_messages(request, exc)
        return _detail(document)
    if emptied:
        data = request.POST.copy()
        for key in emptied:
            data[key] = getattr(document, key)
        form = DraftForm(data, document=document)
        form.is_valid()
        for key in emptied:
            form.add_error(key, REQUIRED_KEPT[key])
        document.case = _case(client, document.case_id)
        return _detail_page(request, client, document, form, finalise_refused=True)
    return None


@client_view(Action.VIEW)
def document_preview(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    """The document as its own page: exactly the HTML the PDF is made from — for a draft
    from the case as it is now, for a final version the page stored with its PDF."""
    document = _document(client, case_id, document_id)
    if document.is_final:
        if not document.html:
            raise Http404
        request.access.detail = f"document {document.pk} final"  # type: ignore[attr-defined]
        html = document.html
    else:
        try:
            html = render_html(selectors.build_context(document))
        except DocumentRefused as exc:
            messages.error(request, refusals.refusal_message(exc)[1])
            return _detail(document)
    response = HttpResponse(html)
    response["Content-Security-Policy"] = PREVIEW_CSP
    return response


@require_POST
@client_view(Action.DOCUMENT)
def document_finalise(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    document = _document(client, case_id, document_id)
    try:
        version = int(request.POST.get("case_version", ""))
    except ValueError:
        messages.error(request, _("The case version is missing: reload the page."))
        return _detail(document)
    if "language" in request.POST:  # "Finalise" pressed in the edit form: save it first
        refused = _save_draft(request, client, document, keep_prefilled=True)
        if refused is not None:
            return refused
    try:
        service.finalise(request.user, document, version)  # type: ignore[arg-type]
    except ValidationError as exc:
        document = _document(client, case_id, document_id)  # as saved above
        form = _refused_form(request, document, exc)
        if form is not None:
            return _detail_page(request, client, document, form, finalise_refused=True)
    else:
        if document.kind in selectors.NOTICE_KINDS:
            messages.success(
                request,
                _(
                    "The notice was finalised. Send it to Kela and mark it sent: that records "
                    "it on the case."
                ),
            )
        else:
            messages.success(request, _("The document was finalised and recorded on the case."))
    return _detail(document)


def _refused_form(
    request: HttpRequest, document: Document, exc: ValidationError
) -> DraftForm | None:
    """The draft form with a finalising refusal's errors on the fields they name (as the
    new-document form shows a certificate's missing period), or None when no error names a
    field of the form; errors without a field of the form become page messages."""
    errors = getattr(exc, "error_dict", None) or {}
    form = None
    if not document.is_final and errors:
        posted = "language" in request.POST
        data = request.POST if posted else DraftForm.initial_for(document)
        form = DraftForm(data, document=document)
        if not form.is_valid() or not any(field in form.fields for field in errors):
            form = None
    if form is None:
        _error_messages(request, exc)
        return None
    for field, field_errors in errors.items():
        for error in field_errors:
            if field in form.fields:
                form.add_error(field, error)
            elif field == NON_FIELD_ERRORS:  # e.g. the report's empty sections, named
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
    return form


@client_view(Action.PRINT)
def document_pdf(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    document = _document(client, case_id, document_id)
    if not document.is_final or document.pdf is None:
        raise Http404
    request.access.detail = f"document {document.pk} PDF"  # type: ignore[attr-defined]
    name = f"{document.kind}-{document.case.external_id}-v{document.version}.pdf"
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@client_view(Action.PRINT)
def document_text(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    """A final notice to Kela as plain text for Kela's secure e-mail (stored when it was
    finalised, from the same context as its PDF); ``?download=1`` saves it as a file."""
    document = _document(client, case_id, document_id)
    if not document.is_final or not document.text:
        messages.error(request, _("Only a finalised notice to Kela has a plain-text version."))
        return _detail(document)
    request.access.detail = f"document {document.pk} text"  # type: ignore[attr-defined]
    response = HttpResponse(document.text, content_type="text/plain; charset=utf-8")
    name = f"{document.kind}-{document.case.external_id}-v{document.version}.txt"
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@require_POST
@client_view(Action.DOCUMENT)
def document_sent(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    """Record a sending: ``recipient`` ``kela`` (default) or ``client``."""
    document = _document(client, case_id, document_id)
    recipient = request.POST.get("recipient") or selectors.KELA
    try:
        service.mark_sent(request.user, document, recipient)  # type: ignore[arg-type]
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        if recipient == selectors.CLIENT:
            messages.success(
                request, _("Giving the document to the client was recorded in the disclosure log.")
            )
        elif document.kind in selectors.NOTICE_KINDS:
            messages.success(
                request,
                _("The sending to Kela was recorded in the disclosure log and on the case."),
            )
        else:
            messages.success(request, _("The sending to Kela was recorded in the disclosure log."))
    return _detail(document)


@require_POST
@client_view(Action.DOCUMENT)
def document_new_version(
    request: HttpRequest, client: Client, case_id: int, document_id: int
) -> HttpResponse:
    document = _document(client, case_id, document_id)
    try:
        draft = service.new_version(request.user, document)  # type: ignore[arg-type]
    except ValidationError as exc:
        _error_messages(request, exc)
        return _detail(document)
    if draft.kind == Kind.CERTIFICATE:
        messages.success(request, _("A new version of the certificate was drafted."))
    else:
        messages.success(request, _("A new version was drafted."))
    return _detail(draft)


@client_view(Action.DOCUMENT)
def finding_notice(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """POST ``finding``: a notice draft prefilled from that KELA.NOTIFY / QUEUE.NOTIFY /
    PROCESS.STEP_SKIPPED / CLIENT.CANNOT_COMMIT finding of the case, then the draft's page.
    A GET, or a finding no longer on the case (re-evaluated since the page was read), goes
    back to the case page."""
    case = _case(client, case_id)
    back = redirect("clients:case_detail", client_id=client.pk, case_id=case.pk)
    if request.method != "POST":
        return back
    finding_id = request.POST.get("finding", "")
    finding = (
        CaseFinding.objects.filter(
            pk=int(finding_id), case=case, rule__in=notices.NOTICE_RULES
        ).first()
        if finding_id.isdigit()
        else None
    )
    if finding is None:
        messages.error(
            request,
            _("That finding is no longer on the case (it was re-evaluated). Check the findings."),
        )
        return back
    try:
        document = notices.draft_from_finding(request.user, case, finding)  # type: ignore[arg-type]
    except ValidationError as exc:
        _error_messages(request, exc)
        return back
    messages.success(
        request,
        _("A notice draft was made from the finding. Check it, finalise it and send it to Kela."),
    )
    return _detail(document)
