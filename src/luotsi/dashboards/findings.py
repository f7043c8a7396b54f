"""What the dashboards show: stored findings (``CaseFinding``), never the engine.

A finding falls into one group, decided by its severity and its due date against today:

* ``late``      — a violation, or a ``due`` finding whose due date has already passed
                  (the stored finding was evaluated before that day);
* ``kela``      — ``action``: notify Kela, contact Kela, reissue a certificate;
* ``this_week`` — ``due`` on a day from today to this week's Sunday;
* ``later``     — ``due`` after this week;
* ``risk``      — ``warning``: a risk or a missing justification to check.

``info`` findings (agreed deviations, notes) stay on the case page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luotsi.cases.models import CaseFinding

SHOWN_SEVERITIES = ("violation", "due", "action", "warning")
ALL_SEVERITIES = ("violation", "due", "action", "warning", "info")

GROUPS = {
    "late": _("Late or broken"),
    "kela": _("To report to Kela"),
    "this_week": _("Due this week"),
    "later": _("Due later"),
    "risk": _("Risks to check"),
}
GROUP_LABELS = {**GROUPS, "info": _("Information")}
GROUP_HELP = {
    "late": _("Violations, and deadlines that have already passed. Act on these first."),
    "kela": _("Notify or contact Kela's authority line, or make a new certificate."),
    "this_week": _("Open deadlines from today to Sunday."),
    "later": _("Open deadlines after this week."),
    "risk": _("Risks and missing justifications: check them on the case page."),
}


def week_end(today: dt.date) -> dt.date:
    """This week's Sunday (today when today is a Sunday)."""
    return today + dt.timedelta(days=6 - today.weekday())


def group_of(finding: CaseFinding, today: dt.date) -> str | None:
    severity = finding.severity
    if severity == "violation":
        return "late"
    if severity == "due":
        if finding.due is not None and finding.due < today:
            return "late"
        if finding.due is None or finding.due <= week_end(today):
            return "this_week"
        return "later"
    if severity == "action":
        return "kela"
    if severity == "warning":
        return "risk"
    return None


def findings_of(clients: QuerySet[Any], organisation_id: int) -> QuerySet[CaseFinding]:
    """The stored findings of ``clients`` (a policy queryset) with their case and client, in
    due-date order (no due date last). One query, however many rows."""
    return (
        CaseFinding.objects.filter(
            case__organisation_id=organisation_id, case__client__in=clients.values("pk")
        )
        .select_related("case", "case__client")
        .only(
            "rule",
            "severity",
            "due",
            "date",
            "message_fi",
            "message_sv",
            "message_en",
            "source",
            "evaluated_on",
            "case__id",
            "case__external_id",
            "case__service",
            "case__client__id",
            "case__client__first_name",
            "case__client__last_name",
            "case__client__responsible_coach_id",
        )
        .order_by(F("due").asc(nulls_last=True), F("date").asc(nulls_last=True), "pk")
    )


def finnish_date(day: dt.date | None) -> str:
    """13.3.2026 — the date as Finnish (and Finland-Swedish) readers write it."""
    return f"{day.day}.{day.month}.{day.year}" if day else ""


@dataclass
class Row:
    """One finding as a table row, its cells ready to print.

    The cells are computed here rather than in the template: a coach's week has a few
    hundred rows, and the template language's lookups and ``{% url %}`` per cell were most
    of the page's time (docs/performance.md)."""

    finding: CaseFinding
    message: str
    group: str
    rule: str
    severity: str
    source: str
    when: str  # the due date, else the date of the event behind the finding
    client_name: str
    case_number: str
    service: str
    case_url: str
    coach: str = ""

    @property
    def group_label(self) -> str:
        return str(GROUP_LABELS[self.group])

    @classmethod
    def of(cls, finding: CaseFinding, lang: str, group: str) -> Row:
        case = finding.case
        client = case.client
        return cls(
            finding=finding,
            message=finding.message(lang),
            group=group,
            rule=finding.rule,
            severity=finding.severity,
            source=finding.source,
            when=finnish_date(finding.due)
            or (
                gettext("event %(date)s") % {"date": finnish_date(finding.date)}
                if finding.date
                else "–"
            ),
            client_name=f"{client.last_name}, {client.first_name}",
            case_number=case.external_id,
            service=case.service,
            case_url=reverse(
                "clients:case_detail", kwargs={"client_id": client.pk, "case_id": case.pk}
            ),
        )


@dataclass
class Group:
    key: str
    title: str
    help: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ClientCounts:
    """A row of "my clients": the client, their cases and their findings per group."""

    client: Any
    cases: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.client.last_name}, {self.client.first_name}"

    @property
    def url(self) -> str:
        return reverse("clients:detail", kwargs={"client_id": self.client.pk})

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ``GROUPS``."""
        return [self.counts.get(key, 0) for key in GROUPS]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def grouped(findings: list[CaseFinding], today: dt.date, lang: str) -> list[Group]:
    """The findings in their groups, in the order a coach works through them."""
    groups = {key: Group(key, str(title), str(GROUP_HELP[key])) for key, title in GROUPS.items()}
    for finding in findings:
        key = group_of(finding, today)
        if key is not None:
            groups[key].rows.append(Row.of(finding, lang, key))
    return list(groups.values())
