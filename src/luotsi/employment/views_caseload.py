"""Caseload figures (CASELOAD): a table, an SVG chart and an XLSX export (access-logged)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view
from luotsi.access.models import Action

from .caseload import chart, figures, last_months, workbook

MONTH_CHOICES = (6, 12, 24)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def month_label(month: dt.date) -> str:
    return f"{month.month}/{month.year}"


def _months(request: HttpRequest) -> list[dt.date]:
    try:
        count = int(request.GET.get("months", 12))
    except ValueError:
        count = 12
    count = count if count in MONTH_CHOICES else 12
    return last_months(timezone.localdate(), count)


@client_collection_view(Action.LIST, allowed=policy.can_see_caseload)
def caseload_view(request: HttpRequest) -> HttpResponse:
    """Clients per officer per unit per month, TYM clients, active KUTY participants."""
    in_months = _months(request)
    f = figures(request.user.organisation_id, in_months)  # type: ignore[union-attr]
    request.access.detail = f"caseload figures: {len(in_months)} months"  # type: ignore[attr-defined]
    return render(
        request,
        "employment/caseload.html",
        {
            "f": f,
            "table": [(month_label(m), cells, tym, kuty) for m, cells, tym, kuty in f.table()],
            "officer_rows": f.officer_rows(),
            "month_labels": [month_label(m) for m in in_months],
            "chart": chart(f, _("Clients per officer by unit"), month_label),
            "months": len(in_months),
            "month_choices": MONTH_CHOICES,
            "can_see_caseload": True,
        },
    )


@client_collection_view(Action.EXPORT, allowed=policy.can_see_caseload)
def caseload_xlsx(request: HttpRequest) -> HttpResponse:
    in_months = _months(request)
    f = figures(request.user.organisation_id, in_months)  # type: ignore[union-attr]
    labels = {
        "units_sheet": _("Units"),
        "officers_sheet": _("Officers"),
        "tym_sheet": _("TYM and KUTY"),
        "month": _("Month"),
        "unit": _("Unit"),
        "clients": _("Clients"),
        "officers": _("Officers with clients"),
        "per_officer": _("Clients per officer"),
        "officer": _("Officer"),
        "tym": _("TYM clients"),
        "kuty": _("Active KUTY participants"),
    }
    request.access.detail = f"caseload figures as XLSX: {len(in_months)} months"  # type: ignore[attr-defined]
    response = HttpResponse(workbook(f, labels, month_label), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="asiakasmaarat.xlsx"'
    return response
