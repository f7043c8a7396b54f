"""The employment area's caseload figures (CASELOAD): rows for the table, an SVG chart and
an XLSX workbook. Counts only, no client data; the rules engine does the counting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from luotsi import tabular
from luotsi.rules import calendar as cal
from luotsi.rules.employment.caseload import Span, UnitMonth, active_per_month, caseload, months

from .models import ActivationPlan, Jobseeker, TymPlan, Unit


@dataclass(frozen=True)
class Figures:
    months: list[dt.date]
    units: list[tuple[str, str]]  # (kind, name)
    rows: list[UnitMonth]
    officers: dict[str, str]  # id -> name
    tym: dict[dt.date, int]
    kuty: dict[dt.date, int]

    def cell(self, month: dt.date, unit: str) -> UnitMonth | None:
        return next((r for r in self.rows if r.month == month and r.unit == unit), None)

    def table(self) -> list[tuple[dt.date, list[UnitMonth | None], int, int]]:
        """One line per month: each unit's figures, TYM clients, KUTY participants."""
        return [
            (m, [self.cell(m, kind) for kind, _name in self.units], self.tym[m], self.kuty[m])
            for m in self.months
        ]

    def officer_rows(self) -> list[tuple[str, str, list[int]]]:
        """(unit name, officer name, clients per month) for every officer with clients."""
        names = dict(self.units)
        keys = sorted(
            {(r.unit, o) for r in self.rows for o in r.per_officer},
            key=lambda k: (names.get(k[0], k[0]), self.officers.get(k[1], "")),
        )
        out = []
        for unit, officer in keys:
            counts = []
            for m in self.months:
                row = self.cell(m, unit)
                counts.append(row.per_officer.get(officer, 0) if row else 0)
            out.append((names.get(unit, unit), self.officers.get(officer, "–"), counts))
        return out


def last_months(today: dt.date, count: int) -> list[dt.date]:
    first = cal.add_months(today.replace(day=1), -(count - 1))
    return months(first, today)


def figures(organisation_id: int, in_months: list[dt.date]) -> Figures:
    """Clients per officer per unit per month, TYM clients and active KUTY participants."""
    first, last = in_months[0], cal.add_days(cal.add_months(in_months[-1], 1), -1)
    people = (
        Jobseeker.objects.filter(organisation_id=organisation_id)
        .annotate(since=Coalesce("moved_to_unit_on", "job_search_start"))
        .filter(since__lte=last)
        .exclude(ended_on__lt=first)
        .values_list(
            "pk",
            "since",
            "ended_on",
            "unit__kind",
            "responsible_officer_id",
            "responsible_officer__first_name",
            "responsible_officer__last_name",
        )
    )
    spans, officers = [], {}
    for pk, since, ended, unit, officer, first_name, last_name in people:
        key = str(officer or "")
        officers[key] = f"{first_name} {last_name}" if officer else "–"
        spans.append(Span(pk, since, ended, unit, key))
    tym = TymPlan.objects.filter(jobseeker__organisation_id=organisation_id, date__lte=last)
    tym_spans = [
        Span(js, start, end)
        for js, start, end in tym.exclude(ended__lt=first).values_list(
            "jobseeker_id", "date", "ended"
        )
    ]
    kuty = ActivationPlan.objects.filter(
        jobseeker__organisation_id=organisation_id, start__isnull=False, start__lte=last
    ).exclude(end__lt=first)
    kuty_spans = [
        Span(js, start, end) for js, start, end in kuty.values_list("jobseeker_id", "start", "end")
    ]
    units = list(
        Unit.objects.filter(organisation_id=organisation_id)
        .order_by(F("kind"))
        .values_list("kind", "name")
    )
    return Figures(
        in_months,
        units,
        caseload(spans, in_months),
        officers,
        active_per_month(tym_spans, in_months),
        active_per_month(kuty_spans, in_months),
    )


COLOURS = ("#0b5c8c", "#a4161a", "#2b6a30", "#8a5a00")
DASHES = ("", "6 3", "2 2", "8 3 2 3")


def chart(f: Figures, title: str, month_label: Any) -> SafeString:
    """An accessible inline SVG: clients per officer per unit, one line per unit (colour and
    dash), months on the x axis; the table next to it holds the same numbers."""
    width, height, left, bottom, top, right = 640, 240, 48, 28, 16, 36
    plot_w, plot_h = width - left - right, height - bottom - top
    legend_rows = (len(f.units) + 1) // 2
    series = [
        (name, [(r.average if (r := f.cell(m, kind)) else 0.0) for m in f.months])
        for kind, name in f.units
    ]
    peak = max([v for _n, values in series for v in values] + [1.0])
    step = plot_w / max(len(f.months) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(v: float) -> float:
        return top + plot_h - v / peak * plot_h

    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
        ((round(x(i), 1), height - bottom + 16, month_label(m)) for i, m in enumerate(f.months)),
    )
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d6dbe1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>',
        (
            (
                left,
                round(y(v), 1),
                width - right,
                round(y(v), 1),
                left - 6,
                round(y(v), 1) + 4,
                f"{v:g}",
            )
            for v in (0, round(peak / 2, 1), round(peak, 1))
        ),
    )
    lines, legend = [], []
    for n, (name, values) in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        lines.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="{}"><title>{}</title></polyline>',
                points,
                colour,
                dash,
                name,
            )
        )
        legend.append(
            format_html(
                '<g transform="translate({},{})"><line x1="0" y1="0" x2="24" y2="0" stroke="{}" '
                'stroke-width="2.5" stroke-dasharray="{}"/><text x="30" y="4" font-size="12">{}'
                "</text></g>",
                left + (n % 2) * 290,
                height + 14 + (n // 2) * 20,
                colour,
                dash,
                name,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="caseload-chart-title"><title id="caseload-chart-title">{}</title>'
        "{}{}{}{}</svg>",
        width,
        height + 16 + legend_rows * 20,
        title,
        grid,
        ticks,
        mark_safe("".join(lines)),  # noqa: S308
        mark_safe("".join(legend)),  # noqa: S308 - built with format_html above
    )


def workbook(f: Figures, labels: dict[str, str], month_label: Any) -> bytes:
    """The figures as an XLSX workbook: units by month, officers by month, TYM and KUTY
    (through the one tabular writer, ``luotsi.tabular``)."""
    units = [
        [month_label(month), name, row.clients, row.officers, row.average]
        for month, cells, _tym, _kuty in f.table()
        for (_kind, name), row in zip(f.units, cells, strict=True)
        if row is not None
    ]
    return tabular.xlsx_bytes(
        [
            tabular.Sheet(
                labels["units_sheet"][:31],
                [
                    labels["month"],
                    labels["unit"],
                    labels["clients"],
                    labels["officers"],
                    labels["per_officer"],
                ],
                units,
            ),
            tabular.Sheet(
                labels["officers_sheet"][:31],
                [labels["unit"], labels["officer"], *map(month_label, f.months)],
                [[unit, officer, *counts] for unit, officer, counts in f.officer_rows()],
            ),
            tabular.Sheet(
                labels["tym_sheet"][:31],
                [labels["month"], labels["tym"], labels["kuty"]],
                [[month_label(month), tym, kuty] for month, _cells, tym, kuty in f.table()],
            ),
        ]
    )
