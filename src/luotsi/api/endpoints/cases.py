"""Cases as ``luotsi-case/1`` in and out, their stored findings and their documents.

The case file is read and validated by the rules engine's own parser
(``luotsi.rules.parse_case`` through ``luotsi.cases.service.import_case``), so the API's
errors are the same JSON pointers and messages as ``luotsi check``'s.
"""

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router

from luotsi.access.models import Action
from luotsi.api.access import client_data, current_client, forbidden, not_found, note
from luotsi.api.problems import ApiProblem, Problem, invalid
from luotsi.api.schemas import CaseSummary, DocumentOut, StoredFinding
from luotsi.casedocs.models import Document
from luotsi.cases import service
from luotsi.cases.models import Case
from luotsi.clients.crypto import normalise_identity_code

from .common import ERRORS, WRITE_ERRORS, Lang, case_of, lang_of, stored_finding_json

router = Router(tags=["cases"])

CASE_FILE = {"$ref": "#/components/schemas/CaseFile"}
CASE_FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": CASE_FILE}},
        "description": "A case file (luotsi-case/1). Its client part must be this client.",
    }
}


def etag(case: Case) -> str:
    return f'"{case.version}"'


def read_json(request: HttpRequest) -> Any:
    """The request body as JSON, or a 400 naming where it stops being JSON."""
    try:
        return json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        where = (
            _("line %(line)d, column %(column)d") % {"line": exc.lineno, "column": exc.colno}
            if isinstance(exc, json.JSONDecodeError)
            else _("not UTF-8")
        )
        detail = _("The request body is not valid JSON (%(where)s).") % {"where": where}
        raise ApiProblem(
            400, "malformed-json", _("Malformed JSON."), detail, errors=[("", detail)]
        ) from None


def case_response(case: Case, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(service.export_case(case), ensure_ascii=False),
        status=status,
        content_type="application/json",
    )
    response["ETag"] = etag(case)
    return response


def summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.external_id,
        "service": case.service,
        "received": case.received,
        "version": case.version,
        "evaluated_on": case.evaluated_on,
    }


@router.get(
    "/clients/{client_id}/cases",
    response={200: list[CaseSummary], ERRORS: Problem},
    url_name="cases",
    summary="The client's cases",
)
@client_data(Action.VIEW)
def list_cases(request: HttpRequest, client_id: int) -> Any:
    cases = Case.objects.filter(client=current_client(request)).order_by("-received", "pk")
    note(request, "API case list")
    return [summary(case) for case in cases]


@router.get(
    "/clients/{client_id}/cases/{case_id}",
    response={ERRORS: Problem},
    url_name="case",
    summary="The case as a luotsi-case/1 file; its ETag is the case version",
    openapi_extra={
        "responses": {
            200: {
                "description": "The case file",
                "content": {"application/json": {"schema": CASE_FILE}},
                "headers": {"ETag": {"schema": {"type": "string"}}},
            }
        }
    },
)
@client_data(Action.VIEW)
def read_case(request: HttpRequest, client_id: int, case_id: int) -> Any:
    case = case_of(current_client(request), case_id)
    note(request, f"API case {case.pk}")
    return case_response(case)


@router.post(
    "/clients/{client_id}/cases",
    response={WRITE_ERRORS: Problem},
    url_name="case_create",
    summary="Store a case file (luotsi-case/1) as a new case of this client",
    openapi_extra={
        **CASE_FILE_BODY,
        "responses": {
            201: {
                "description": "The stored case file",
                "content": {"application/json": {"schema": CASE_FILE}},
                "headers": {"ETag": {"schema": {"type": "string"}}},
            }
        },
    },
)
@client_data(Action.EDIT)
def create_case(request: HttpRequest, client_id: int) -> Any:
    client = current_client(request)
    data = read_json(request)
    if isinstance(data, dict):
        code = (
            (data.get("client") or {}).get("identity_code")
            if isinstance(data.get("client"), dict)
            else None
        )
        if isinstance(code, str) and normalise_identity_code(code) != client.identity_code:
            raise ApiProblem(
                422,
                "invalid",
                _("The request is not valid."),
                _("The case file names another person than this client."),
                errors=[
                    (
                        "/client/identity_code",
                        _("The case file names another person than this client."),
                    )
                ],
            )
    try:
        case = service.import_case(request.user, client.organisation, client, data)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise invalid(exc) from None
    except PermissionDenied:
        raise forbidden() from None
    note(request, f"API case {case.pk} created")
    response = case_response(case, status=201)
    response["Location"] = reverse("api:case", kwargs={"client_id": client.pk, "case_id": case.pk})
    return response


@router.get(
    "/clients/{client_id}/cases/{case_id}/findings",
    response={200: list[StoredFinding], ERRORS: Problem},
    url_name="case_findings",
    summary="The case's stored findings (as of its last evaluation), by due date",
)
@client_data(Action.VIEW)
def case_findings(
    request: HttpRequest, client_id: int, case_id: int, lang: Lang | None = None
) -> Any:
    case = case_of(current_client(request), case_id)
    note(request, f"API findings of case {case.pk}")
    language = lang_of(lang)
    return [stored_finding_json(row, language) for row in case.findings.all()]


def document_json(document: Document, client_id: int) -> dict[str, Any]:
    pdf = None
    if document.is_final:
        pdf = reverse(
            "api:document_pdf",
            kwargs={
                "client_id": client_id,
                "case_id": document.case_id,
                "document_id": document.pk,
            },
        )
    return {
        "id": document.pk,
        "case_id": document.case_id,
        "kind": document.kind,
        "language": document.language,
        "status": document.status,
        "version": document.version,
        "period_from": document.period_from,
        "period_to": document.period_to,
        "replaces": document.replaces_id,
        "created_at": document.created_at,
        "finalised_at": document.finalised_at,
        "sha256": document.sha256,
        "pdf": pdf,
    }


METADATA = ("pdf", "html", "body", "text")


@router.get(
    "/clients/{client_id}/cases/{case_id}/documents",
    response={200: list[DocumentOut], ERRORS: Problem},
    url_name="documents",
    summary="The case's documents (metadata), newest first",
)
@client_data(Action.VIEW)
def list_documents(request: HttpRequest, client_id: int, case_id: int) -> Any:
    case = case_of(current_client(request), case_id)
    note(request, f"API documents of case {case.pk}")
    return [document_json(d, client_id) for d in case.documents.defer(*METADATA)]


def _document(request: HttpRequest, case_id: int, document_id: int) -> Document:
    case = case_of(current_client(request), case_id)
    document = Document.objects.filter(pk=document_id, case=case).first()
    if document is None:
        raise not_found()
    return document


@router.get(
    "/clients/{client_id}/cases/{case_id}/documents/{document_id}",
    response={200: DocumentOut, ERRORS: Problem},
    url_name="document",
    summary="One document's metadata",
)
@client_data(Action.VIEW)
def read_document(request: HttpRequest, client_id: int, case_id: int, document_id: int) -> Any:
    document = _document(request, case_id, document_id)
    note(request, f"API document {document.pk}")
    return document_json(document, client_id)


@router.get(
    "/clients/{client_id}/cases/{case_id}/documents/{document_id}/pdf",
    response={ERRORS: Problem},
    url_name="document_pdf",
    summary="A final document's PDF (a draft has none: 404)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
@client_data(Action.PRINT)
def document_pdf(request: HttpRequest, client_id: int, case_id: int, document_id: int) -> Any:
    document = _document(request, case_id, document_id)
    if not document.is_final or document.pdf is None:
        raise not_found()
    note(request, f"API document {document.pk} PDF")
    name = f"{document.kind}-{document.case.external_id}-v{document.version}.pdf"
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
