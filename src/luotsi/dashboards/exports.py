"""The due list and the caseload as CSV and XLSX.

An export takes client data out of the logged pages, so besides the view's own row
(``client_collection_view(EXPORT)``) it writes one access-log row per client exported
(action ``export``), and a client's access report lists it. The scope is
``policy.clients_for(user, EXPORT)``. Cells that a spreadsheet would read as a formula
(starting with = + - @) get a leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi import tabular
from luotsi.access import policy
from luotsi.access.decorators import client_collection_view, client_ip
from luotsi.access.models import AccessLogEntry, Action
from luotsi.cases.labels import rule_titles

from .findings import (
    GROUPS,
    SHOWN_SEVERITIES,
    finding_rows,
    findings_of,
    group_for,
    week_end,
)
from .forms import DueListFilter
from .rows import RowMaker
from .views import DUE_EXTRA, _lang, due_filters


def _render(
    fmt: str, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """One sheet through the one tabular writer (``luotsi.tabular``: formula cells escaped)."""
    body, content_type, extension = tabular.render([tabular.Sheet(name, header, rows)], fmt)
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="luotsi-{name}-{stamp}.{extension}"'
    return response


def _log_clients(request: HttpRequest, client_ids: Iterable[int], what: str) -> int:
    """One ``export`` row per client exported."""
    user = request.user
    match = request.resolver_match
    ids = sorted(set(client_ids))
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            organisation_id=user.organisation_id,  # type: ignore[union-attr]
            user=user,
            user_name=user.log_name,  # type: ignore[union-attr]
            client_id=client_id,
            action=Action.EXPORT,
            view_name=match.view_name if match else "",
            path=request.path[:500],
            ip_address=client_ip(request),
            detail=what,
        )
        for client_id in ids
    )
    return len(ids)


def _check(fmt: str) -> None:
    if fmt not in tabular.FORMATS:
        raise Http404


@client_collection_view(Action.EXPORT, allowed=policy.can_list_clients)
def due_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The due list with its filters (the same query string), every row, as CSV or XLSX."""
    _check(fmt)
    user = request.user
    form = DueListFilter(request.GET or None, organisation_id=user.organisation_id)  # type: ignore[union-attr]
    today = timezone.localdate()
    severities, filters = due_filters(form, today)
    values = finding_rows(
        policy.clients_for(user, Action.EXPORT),
        user.organisation_id,  # type: ignore[union-attr]
        _lang(),
        DUE_EXTRA,
        severities,
        **filters,
    )
    maker = RowMaker(today)
    rows = [maker.due_row(v) for v in values]
    header = [
        _("Due"),
        _("Days late"),
        _("Group"),
        _("Client"),
        _("Case"),
        _("Service"),
        _("Responsible coach"),
        _("Rule"),
        _("Rule ID"),
        _("Severity"),
        _("Finding"),
        _("Source"),
    ]
    labels = {key: str(label) for key, label in GROUPS.items()}
    titles = rule_titles()
    table = [
        (
            row.deadline,
            row.late or "",
            labels.get(row.group, row.group),
            row.client_name,
            row.case_number,
            row.service,
            row.coach,
            titles.get(row.rule, row.rule),
            row.rule,
            row.severity,
            row.message,
            row.source,
        )
        for row in rows
    ]
    clients = _log_clients(request, (row.client_id for row in rows), "due list export")
    request.access.detail = f"due list export ({fmt}): {len(rows)} findings, {clients} clients"  # type: ignore[attr-defined]
    return _render(fmt, "due-list", header, table)


@client_collection_view(Action.EXPORT, allowed=policy.can_list_clients)
def caseload_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every client in the user's reach (``?coach=<id>``: that coach's), with the team,
    the responsible coach, the cases and the findings per dashboard group."""
    _check(fmt)
    user = request.user
    today = timezone.localdate()
    clients = policy.clients_for(user, Action.EXPORT)
    coach = request.GET.get("coach", "")
    if coach.isdigit():
        clients = clients.filter(responsible_coach_id=int(coach))
    people = list(
        clients.order_by("last_name", "first_name", "pk").values_list(
            "pk",
            "last_name",
            "first_name",
            "team__name",
            "responsible_coach__first_name",
            "responsible_coach__last_name",
        )
    )
    cases: dict[int, list[str]] = {}
    from luotsi.cases.models import Case

    for client_id, number, service in (
        Case.objects.filter(organisation_id=user.organisation_id, client__in=clients.values("pk"))  # type: ignore[union-attr]
        .order_by("external_id")
        .values_list("client_id", "external_id", "service")
    ):
        cases.setdefault(client_id, []).append(f"{number} ({service})")
    counts: dict[int, dict[str, int]] = {}
    sunday = week_end(today)
    for client_id, severity, due in findings_of(
        clients,
        user.organisation_id,
        SHOWN_SEVERITIES,  # type: ignore[union-attr]
    ).values_list("case__client_id", "severity", "due"):
        group = group_for(severity, due, today, sunday)
        if group is not None:
            per = counts.setdefault(client_id, {})
            per[group] = per.get(group, 0) + 1
    header = [_("Client"), _("Team"), _("Responsible coach"), _("Cases")] + [
        str(label) for label in GROUPS.values()
    ]
    table = [
        (
            f"{last}, {first}",
            team or "",
            f"{coach_first or ''} {coach_last or ''}".strip(),
            ", ".join(cases.get(pk, [])),
            *(counts.get(pk, {}).get(key, 0) for key in GROUPS),
        )
        for pk, last, first, team, coach_first, coach_last in people
    ]
    logged = _log_clients(request, (person[0] for person in people), "caseload export")
    request.access.detail = f"caseload export ({fmt}): {logged} clients"  # type: ignore[attr-defined]
    return _render(fmt, "caseload", header, table)
