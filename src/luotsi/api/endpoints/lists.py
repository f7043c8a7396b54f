"""The due list, the caseload export and the client's data export."""

import datetime as dt
import json
from typing import Any, Literal

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from luotsi import tabular
from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.api.access import client_data, current_client, note
from luotsi.api.problems import Problem
from luotsi.api.schemas import DuePage, Severity
from luotsi.cases.record import client_record, client_sheets
from luotsi.dashboards.findings import SHOWN_SEVERITIES, group_for, week_end
from luotsi.dashboards.views import due_rows

from .common import ERRORS, PAGE_SIZE, Lang, lang_of, pages

router = Router(tags=["lists and exports"])

ServiceCode = Literal["TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"]


class DueFilter(Schema):
    service: ServiceCode | None = None
    severity: Severity | None = None
    coach: str | None = Field(default=None, max_length=150, description="A coach's user name")
    due_before: dt.date | None = Field(
        default=None, description="Due on or before this day (and everything without a due date)"
    )
    page: int = Field(default=1, ge=1, le=100_000)
    lang: Lang | None = None


@router.get(
    "/due",
    response={200: DuePage, ERRORS: Problem},
    url_name="due_list",
    summary="The due list: every stored finding in the token user's reach, by due date",
)
@client_data(Action.LIST, per_client=False, allowed=policy.can_list_clients)
def due_list(request: HttpRequest, filters: Query[DueFilter]) -> Any:
    user: Any = request.user
    lang = lang_of(filters.lang)
    severities = (filters.severity,) if filters.severity else SHOWN_SEVERITIES
    where: dict[str, Any] = {}
    if filters.service:
        where["case__service"] = filters.service
    if filters.coach:
        coach = User.objects.filter(organisation_id=user.organisation_id, username=filters.coach)
        where["case__client__responsible_coach"] = coach.first() or 0
    if filters.due_before:
        where["due_by"] = filters.due_before
    rows = due_rows(user, lang, severities, **where)
    count = rows.count()
    start = (filters.page - 1) * PAGE_SIZE
    today = timezone.localdate()
    sunday = week_end(today)
    results = []
    for values in rows[start : start + PAGE_SIZE]:
        (rule, severity, due, date, deadline, message, source, case_id, number, service,
         client_id, first, last, _coach_first, _coach_last, coach_username) = values  # fmt: skip
        results.append(
            {
                "rule": rule,
                "severity": severity,
                "group": group_for(severity, due, today, sunday),
                "due": due,
                "date": date,
                "deadline": deadline,
                "message": message,
                "source": source,
                "case_id": case_id,
                "case_number": number,
                "service": service,
                "client_id": client_id,
                "client_name": f"{first} {last}",
                "responsible_coach": coach_username,
            }
        )
    note(request, f"API due list: {len(results)} findings shown")
    return {"count": count, "page": filters.page, "pages": pages(count), "results": results}


TableFormat = Literal["xlsx", "csv"]
FILE_RESPONSES = {
    200: {
        "description": "The file",
        "content": {
            tabular.XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string"}},
            tabular.ZIP_TYPE: {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class CaseloadFormat(Schema):
    format: TableFormat = "xlsx"


@router.get(
    "/caseload",
    response={ERRORS: Problem},
    url_name="caseload",
    summary="The caseload as XLSX or CSV: each client in reach, their cases and findings",
    openapi_extra={"responses": FILE_RESPONSES},
)
@client_data(Action.EXPORT, per_client=False, allowed=policy.can_list_clients)
def caseload(request: HttpRequest, query: Query[CaseloadFormat]) -> Any:
    clients = policy.clients_for(request.user, Action.EXPORT)
    counts = {
        severity: Count("cases__findings", filter=Q(cases__findings__severity=severity))
        for severity in ("violation", "due", "action", "warning")
    }
    rows = (
        clients.annotate(case_count=Count("cases", distinct=True), **counts)
        .order_by("last_name", "first_name", "pk")
        .values_list(
            "pk",
            "last_name",
            "first_name",
            "responsible_coach__username",
            "team__name",
            "case_count",
            "violation",
            "due",
            "action",
            "warning",
        )
    )
    sheet = tabular.Sheet(
        "caseload",
        ("client_id", "last_name", "first_name", "responsible_coach", "team", "cases",
         "violations", "due", "to_report", "warnings"),
        list(rows),
    )  # fmt: skip
    content, content_type, extension = tabular.render([sheet], query.format)
    note(request, f"API caseload export as {query.format}: {len(sheet.rows)} clients")  # type: ignore[arg-type]
    return _file(content, content_type, f"caseload.{extension}")


class ExportFormat(Schema):
    format: Literal["json", "xlsx", "csv"] = "json"


@router.get(
    "/clients/{client_id}/export",
    response={ERRORS: Problem},
    url_name="client_export",
    summary="The client's data (their right of access) as JSON, XLSX or CSV (a zip)",
    openapi_extra={"responses": FILE_RESPONSES},
)
@client_data(Action.EXPORT)
def client_export(request: HttpRequest, client_id: int, query: Query[ExportFormat]) -> Any:
    client = current_client(request)
    note(request, f"API client data as {query.format}")
    if query.format == "json":
        return _file(
            json.dumps(client_record(client), ensure_ascii=False).encode(),
            "application/json",
            f"client-{client.pk}.json",
        )
    content, content_type, extension = tabular.render(client_sheets(client), query.format)
    return _file(content, content_type, f"client-{client.pk}.{extension}")
