"""The quality manager's page: the organisation's findings by service × rule × month, as a
table and a server-rendered SVG chart; every number links to the due list of those findings.

A finding counts in the month of its deadline, else of its date, else of the day it was
evaluated (``findings.finding_day``). Acknowledged violations count (they happened); the
table says how many of them were acknowledged. One query, whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Exists, Q, prefetch_related_objects
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view
from luotsi.access.models import Action
from luotsi.accounts.models import Role
from luotsi.cases.labels import rule_titles
from luotsi.cases.models import Service

from .findings import SHOWN_SEVERITIES, acknowledged, finding_day, findings_of
from .months import last_months, month_key, month_range

MONTHS = 12
SEVERITY_CHOICES = [
    ("violation", gettext_lazy("Violations")),
    ("", gettext_lazy("Everything to act on")),
    ("due", gettext_lazy("Due")),
    ("action", gettext_lazy("Action needed")),
    ("warning", gettext_lazy("Warning")),
]


def is_quality_manager(user: Any) -> bool:
    return policy.can_list_clients(user) and user.has_role(Role.QUALITY_MANAGER)


class QualityFilter(forms.Form):
    severity = forms.ChoiceField(
        label=gettext_lazy("Findings"), required=False, choices=SEVERITY_CHOICES
    )


@dataclass
class RuleRow:
    service: str
    rule: str
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    acknowledged: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def figures(user: Any, severities: tuple[str, ...], months: list[dt.date]) -> list[Any]:
    """(service, rule, month, count, acknowledged) for the user's reach over ``months``."""
    first, last = months[0], month_range(month_key(months[-1]))[1]
    findings = findings_of(
        policy.clients_for(user, Action.LIST),
        user.organisation_id,
        severities,
        month=(first, last),
        with_acknowledged=True,
    )
    return list(
        findings.annotate(month_start=TruncMonth(finding_day()))
        .values("case__service", "rule", "month_start")
        .annotate(
            n=Count("pk"),
            acked=Count("pk", filter=Q(severity="violation") & Q(Exists(acknowledged()))),
        )
        .order_by()
        .values_list("case__service", "rule", "month_start", "n", "acked")
    )


def _month_of(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return month_key(value)


def chart_svg(keys: list[str], labels: list[str], totals: list[int], link: Any) -> SafeString:
    """A bar chart of the month totals, one bar per month, each a link to that month's
    list; the numbers are written on the bars (not colour alone). The table below is the
    same data for screen readers."""
    width, height, top, bottom, left = 720, 240, 24, 40, 8
    step = (width - left * 2) / max(len(keys), 1)
    bar = step * 0.6
    peak = max(totals, default=0) or 1
    title = escape(_("Findings per month"))
    described = escape(_("The same numbers are in the table below."))
    parts = [
        # A group, not an image: its bars are links (an image may hold no controls).
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="chart-title" aria-describedby="chart-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{title}</title>',
        f'<desc id="chart-desc">{described}</desc>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        'class="axis"/>',
    ]
    for n, (key, label, total) in enumerate(zip(keys, labels, totals, strict=True)):
        x = left + n * step + (step - bar) / 2
        h = (height - top - bottom) * total / peak
        y = height - bottom - h
        parts.append(
            f'<a href="{escape(link(key))}" aria-label="{escape(label)}: {total}">'
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" '
            f'width="{bar:.1f}" height="{h:.1f}"><title>{escape(label)}: {total}</title></rect>'
            f'<text class="value" x="{x + bar / 2:.1f}" y="{y - 6:.1f}" '
            f'text-anchor="middle">{total}</text></a>'
            f'<text class="label" x="{x + bar / 2:.1f}" y="{height - bottom + 18:.1f}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped, numbers formatted


@client_collection_view(Action.LIST, allowed=is_quality_manager)
def quality(request: HttpRequest) -> HttpResponse:
    """The organisation's findings by service × rule × month (the last 12 months)."""
    user = request.user
    prefetch_related_objects([user], "role_assignments")
    form = QualityFilter(request.GET or None, initial={"severity": "violation"})
    severity = form.cleaned_data["severity"] if form.is_bound and form.is_valid() else "violation"
    severities = (severity,) if severity else SHOWN_SEVERITIES
    today = timezone.localdate()
    months = last_months(today, MONTHS)
    keys = [month_key(m) for m in months]
    labels = [f"{m.month}/{m.year % 100:02d}" for m in months]
    titles = rule_titles()
    rows: dict[tuple[str, str], RuleRow] = {}
    for service, rule, month_start, count, acked in figures(user, severities, months):
        row = rows.setdefault((service, rule), RuleRow(service, rule, titles.get(rule, rule)))
        key = _month_of(month_start)
        row.counts[key] = row.counts.get(key, 0) + count
        row.acknowledged += acked
    ordered = sorted(rows.values(), key=lambda r: (r.service, -r.total, r.rule))
    due_url = reverse("clients:due_list")
    base = {"with_acknowledged": "on", **({"severity": severity} if severity else {})}

    def link(month: str | None = None, **extra: str) -> str:
        query = {**base, **extra, **({"month": month} if month else {})}
        return f"{due_url}?{urlencode(query)}"

    table = [
        (
            row,
            [
                (row.counts.get(key, 0), link(key, service=row.service, rule=row.rule))
                for key in keys
            ],
            link(service=row.service, rule=row.rule),
        )
        for row in ordered
    ]
    totals = [sum(row.counts.get(key, 0) for row in ordered) for key in keys]
    services = dict(Service.choices)
    request.access.detail = f"quality figures: {len(ordered)} rows"  # type: ignore[attr-defined]
    return render(
        request,
        "dashboards/quality.html",
        {
            "form": form,
            "table": table,
            "month_labels": list(zip(keys, labels, strict=True)),
            "totals": [(total, link(key)) for key, total in zip(keys, totals, strict=True)],
            "grand_total": sum(totals),
            "chart": chart_svg(keys, labels, totals, lambda key: link(key)),
            "services": services,
            "first_month": months[0],
            "today": today,
        },
    )
