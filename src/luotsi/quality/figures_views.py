"""The quality figures page and its XLSX export (quality manager, administrator)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi import tabular
from luotsi.access.decorators import AccessRecord, record_access
from luotsi.access.models import Action
from luotsi.cases.models import Service
from luotsi.forms import DateField
from luotsi.organisations.models import Office
from luotsi.staff.access import quality_view

from . import charts, figures, survey

MEASURE_LABELS = {
    "started": gettext_lazy("Started within the deadline"),
    "phase1": gettext_lazy("Phase 1 on time"),
    "feedback": gettext_lazy("Feedback within 14 days"),
    "certificates": gettext_lazy("Certificates complete and on time"),
}


SURVEY_LABELS = {
    "support": gettext_lazy("Support"),
    "goals": gettext_lazy("Goals agreed"),
    "respect": gettext_lazy("Respect"),
    "recommend": gettext_lazy("Would recommend"),
}


class FiguresFilter(forms.Form):
    start = DateField(label=gettext_lazy("From"), required=False)
    end = DateField(label=gettext_lazy("To"), required=False)
    service = forms.ChoiceField(
        label=gettext_lazy("Service"),
        required=False,
        choices=[("", gettext_lazy("All services")), *Service.choices],
    )
    office = forms.ChoiceField(label=gettext_lazy("Office"), required=False)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = Office.objects.filter(organisation=organisation).values_list("name", flat=True)
        self.fields["office"].choices = [("", _("All offices")), *((n, n) for n in names)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return data


def default_start(today: dt.date) -> dt.date:
    """The first day of the month eleven months back: twelve months with this one."""
    month = today.year * 12 + today.month - 1 - 11
    return dt.date(month // 12, month % 12 + 1, 1)


def _filters(request: HttpRequest) -> tuple[FiguresFilter, figures.Filters]:
    organisation = request.user.organisation  # type: ignore[union-attr]
    today = timezone.localdate()
    data = request.GET if request.GET else None
    form = FiguresFilter(
        data, organisation=organisation, initial={"start": default_start(today), "end": today}
    )
    start, end, service, office = default_start(today), today.replace(day=1), "", ""
    if form.is_valid():
        start = (form.cleaned_data.get("start") or start).replace(day=1)
        end = (form.cleaned_data.get("end") or today).replace(day=1)
        service = form.cleaned_data.get("service") or ""
        office = form.cleaned_data.get("office") or ""
    return form, figures.Filters(start=start, end=end, service=service, office=office)


def month_label(month: dt.date) -> str:
    return f"{month.month}/{month.year}"


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}".replace(".", ",")
    return f"{text} %"


def figure_tables(organisation: Any, filters: figures.Filters) -> dict[str, Any]:
    found = figures.cells(organisation, filters)
    by_month = figures.grouped(found, lambda k: k[0])
    by_service = figures.grouped(found, lambda k: k[1])
    by_office = figures.grouped(found, lambda k: k[2])
    overall = figures.total(found)
    rules = sorted(
        set(figures.rules_seen(found.values())) | set(overall.acknowledged)
    )  # an acknowledged violation since corrected is still a row

    def rows(groups: dict[Any, figures.Cell], label: Any) -> list[dict[str, Any]]:
        return [
            {
                "label": label(key),
                "cases": cell.cases,
                "shares": [
                    (_pct(cell.share(m)), cell.on_time(m), cell.judged(m)) for m in figures.MEASURES
                ],
                "violations": cell.violation_count,
                "per_100": _per100(cell),
                "acknowledged": cell.acknowledged_count,
                "refused": cell.refused,
                "billed": cell.billed_months,
            }
            for key, cell in groups.items()
        ]

    return {
        "measures": [MEASURE_LABELS[m] for m in figures.MEASURES],
        "by_month": rows(by_month, month_label),
        "by_service": rows(by_service, lambda s: s),
        "by_office": rows(by_office, lambda o: o or _("No office")),
        "total": rows({"all": overall}, lambda _k: _("All"))[0],
        "rules": [
            {
                "rule": r,
                "count": overall.violations.get(r, 0),
                "per_100": _number(overall.per_100(r)),
                "acknowledged": overall.acknowledged.get(r, 0),
            }
            for r in rules
        ],
        "survey": survey.survey_rows(organisation, filters.start, filters.end),
        "survey_questions": [SURVEY_LABELS[q] for q in survey.QUESTIONS],
        "survey_min": survey.MIN_GROUP,
        "charts": [
            _chart(
                _("Started within the deadline by month of the decision, %"),
                by_month,
                [c.share("started") for c in by_month.values()],
            ),
            _chart(
                _("Feedback within 14 days by month of the decision, %"),
                by_month,
                [c.share("feedback") for c in by_month.values()],
            ),
            _chart(
                _("Violations per 100 cases by month of the decision"),
                by_month,
                [
                    (100.0 * c.violation_count / c.cases) if c.cases else None
                    for c in by_month.values()
                ],
                maximum=None,
            ),
            _chart(
                _("Acknowledged violations per 100 cases by month of the decision"),
                by_month,
                [_rate(c.acknowledged_count, c.cases) for c in by_month.values()],
                maximum=None,
            ),
            _chart(
                _("Billing refusals (units) per 100 cases by month of the decision"),
                by_month,
                [_rate(c.refused, c.cases) for c in by_month.values()],
                maximum=None,
            ),
        ],
        "cells": found,
    }


def _chart(
    title: str,
    by_month: dict[Any, figures.Cell],
    values: list[float | None],
    maximum: float | None = 100.0,
) -> tuple[str, Any]:
    labels = [month_label(k) for k in by_month]
    return title, charts.bar_chart(
        title, labels, values, maximum=maximum, unit="" if maximum is None else " %"
    )


def _rate(count: int, cases: int) -> float | None:
    return 100.0 * count / cases if cases else None


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def _per100(cell: figures.Cell) -> str:
    return _number(100.0 * cell.violation_count / cell.cases if cell.cases else None)


@quality_view
def figures_page(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    context = {
        "form": form,
        "filters": filters,
        **figure_tables(request.user.organisation, filters),
    }  # type: ignore[union-attr]
    return render(request, "quality/figures.html", context)


@quality_view
def figures_export(request: HttpRequest) -> HttpResponse:
    """The same figures as an XLSX workbook; each export is access-logged."""
    _form, filters = _filters(request)
    organisation = request.user.organisation  # type: ignore[union-attr]
    data = figure_tables(organisation, filters)
    content = workbook(data, filters)
    record_access(
        request,
        AccessRecord(
            action=Action.EXPORT,
            detail=" ".join(
                (
                    "quality figures",
                    f"{filters.start}…{filters.end}",
                    filters.service,
                    filters.office,
                )
            ).strip(),
        ),
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="laatuluvut-{filters.start}-{filters.end}.xlsx"'
    )
    return response


def workbook(data: dict[str, Any], filters: figures.Filters) -> bytes:
    """The figures as XLSX through the one tabular writer (``luotsi.tabular``)."""
    heads = [_("Month"), _("Service"), _("Office"), _("Cases")]
    for m in figures.MEASURES:
        heads += [
            _("%(measure)s: on time") % {"measure": MEASURE_LABELS[m]},
            _("%(measure)s: settled") % {"measure": MEASURE_LABELS[m]},
        ]
    heads += [_("Violations"), _("Acknowledged violations"), _("Billing refusals (units)")]
    heads.append(_("Invoiced case months"))
    cells: list[list[Any]] = []
    for (month, service, office), cell in sorted(data["cells"].items()):
        row: list[Any] = [month_label(month), service, office, cell.cases]
        for m in figures.MEASURES:
            row += [cell.on_time(m), cell.judged(m)]
        row += [cell.violation_count, cell.acknowledged_count, cell.refused, cell.billed_months]
        cells.append(row)
    return tabular.xlsx_bytes(
        [
            tabular.Sheet(_("Cells")[:31], [str(h) for h in heads], cells),
            tabular.Sheet(
                _("Violations by rule")[:31],
                [_("Rule"), _("Violations"), _("Per 100 cases"), _("Acknowledged violations")],
                [[r["rule"], r["count"], r["per_100"], r["acknowledged"]] for r in data["rules"]],
            ),
            tabular.Sheet(
                _("Client feedback")[:31],
                [_("Quarter"), _("Service"), _("Answers"), *map(str, data["survey_questions"])],
                [
                    [r["quarter"], r["service"], r["answers"], *r["averages"]]
                    for r in data["survey"]
                ],
            ),
        ]
    )
