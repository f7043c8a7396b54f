"""What the dashboards show: stored findings (``CaseFinding``), never the engine.

A finding falls into one group, decided by its severity and its due date against today:

* ``late``      — a violation, or a ``due`` finding whose due date has already passed
                  (the stored finding was evaluated before that day);
* ``kela``      — ``action``: notify Kela, contact Kela, reissue a certificate;
* ``this_week`` — ``due`` within the next 7 days (today and the six days after it, so
                  that on a Sunday "this week" is still a week long);
* ``later``     — ``due`` after that;
* ``risk``      — ``warning``: a risk or a missing justification to check.

``info`` findings (agreed deviations, notes) stay on the case page. A violation that was
acknowledged (``FindingAcknowledgement``) leaves the lists unless they ask for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import DateField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from luotsi.cases.models import CaseFinding
from luotsi.rules.calendar import DATE_MIN

from .models import FindingAcknowledgement

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
    "this_week": _("Open deadlines within the next 7 days."),
    "later": _("Open deadlines after the next 7 days."),
    "risk": _("Risks and missing justifications: check them on the case page."),
}

# The columns a dashboard row needs, in this order (``values_list``): no model instances.
# The message is read in the UI language only (``message_column``).
ROW_COLUMNS = (
    "rule",
    "severity",
    "due",
    "date",
    "deadline",
    "<message>",
    "source",
    "case_id",
    "case__external_id",
    "case__service",
    "case__client_id",
    "case__client__first_name",
    "case__client__last_name",
)
COACH_EXTRA = ("evaluated_on",)  # the coach's page says when findings were last evaluated
DUE_EXTRA = (  # the due list shows the responsible coach
    "case__client__responsible_coach__first_name",
    "case__client__responsible_coach__last_name",
    "case__client__responsible_coach__username",
)


# A shape as well as a colour: never colour alone (WCAG 1.4.1).
SEVERITY_ICONS = {"violation": "✖", "due": "◔", "action": "➤", "warning": "▲", "info": "ℹ"}
WEEK_DAYS = 7


def week_end(today: dt.date) -> dt.date:
    """The last day of "this week": the next 7 days, today included (a Sunday's week is
    Sunday to Saturday, not one day)."""
    return today + dt.timedelta(days=WEEK_DAYS - 1)


def days_late(deadline: dt.date | None, date: dt.date | None, today: dt.date) -> int:
    """How many days late: until the obligation was met late (``date`` after the deadline:
    e.g. the meeting's day), else until today. 0 when not late."""
    if deadline is None:
        return 0
    end = date if date is not None and date > deadline else today
    return max((end - deadline).days, 0)


def group_for(severity: str, due: dt.date | None, today: dt.date, sunday: dt.date) -> str | None:
    """The group of a finding of ``severity`` due on ``due`` (``sunday``: ``week_end(today)``)."""
    if severity == "violation":
        return "late"
    if severity == "due":
        if due is not None and due < today:
            return "late"
        if due is None or due <= sunday:
            return "this_week"
        return "later"
    if severity == "action":
        return "kela"
    if severity == "warning":
        return "risk"
    return None


def message_column(lang: str) -> str:
    """The stored message column of the UI language (English for any other)."""
    return {"fi": "message_fi", "sv": "message_sv"}.get(lang, "message_en")


# An extra column the due list asks for when it shows acknowledged violations too.
ACKNOWLEDGED_COLUMN = "<acknowledged>"


def _columns(lang: str, extra: Sequence[str]) -> list[str]:
    message = message_column(lang)
    columns = [message if c == "<message>" else c for c in ROW_COLUMNS]
    return columns + ["is_acknowledged" if c == ACKNOWLEDGED_COLUMN else c for c in extra]


# Due date, none last, then the event date, then id (index ``casefinding_due_order``).
ORDER = (F("due").asc(nulls_last=True), F("date").asc(nulls_last=True), "pk")


def findings_of(
    clients: QuerySet[Any],
    organisation_id: int,
    severities: Sequence[str] = SHOWN_SEVERITIES,
    **filters: Any,
) -> QuerySet[CaseFinding]:
    """The stored findings of ``clients`` (a policy queryset) of ``severities``, further
    filtered by ``filters`` (no order: the due list counts them with this).

    ``due_by=<date>``: what must be acted on by that day, i.e. due on or before it, and
    everything without a due date (already broken or to report: it is late already)."""
    due_by = filters.pop("due_by", None)
    group = filters.pop("group", None)
    month = filters.pop("month", None)
    with_acknowledged = filters.pop("with_acknowledged", False)
    findings = CaseFinding.objects.filter(
        case__organisation_id=organisation_id,
        case__client__in=clients.values("pk"),
        severity__in=severities,
        **filters,
    )
    if due_by is not None:
        findings = findings.filter(Q(due__lte=due_by) | Q(due__isnull=True))
    if group is not None:
        findings = findings.filter(group_condition(*group))
    if month is not None:
        first, last = month
        findings = findings.alias(month_day=finding_day()).filter(
            month_day__gte=first, month_day__lte=last
        )
    if not with_acknowledged:
        findings = findings.exclude(Q(severity="violation") & Exists(acknowledged()))
    return findings


def acknowledged() -> QuerySet[FindingAcknowledgement]:
    """The acknowledgement of the outer query's finding (by case, rule, date and due)."""
    no_date = Value(DATE_MIN, output_field=DateField())
    return FindingAcknowledgement.objects.filter(
        case_id=OuterRef("case_id"),
        rule=OuterRef("rule"),
        finding_date=Coalesce(OuterRef("date"), no_date),
        finding_due=Coalesce(OuterRef("due"), no_date),
    )


def finding_day() -> Coalesce:
    """The day a finding counts on in the quality figures: its deadline, else its date,
    else the day it was evaluated."""
    return Coalesce("deadline", "date", "evaluated_on", output_field=DateField())


def group_condition(group: str, today: dt.date) -> Q:
    """The findings of one dashboard group on ``today`` (as ``group_for`` decides)."""
    sunday = week_end(today)
    return {
        "late": Q(severity="violation") | Q(severity="due", due__lt=today),
        "kela": Q(severity="action"),
        "this_week": Q(severity="due") & (Q(due__isnull=True) | Q(due__gte=today, due__lte=sunday)),
        "later": Q(severity="due", due__gt=sunday),
        "risk": Q(severity="warning"),
    }[group]


def finding_rows(
    clients: QuerySet[Any],
    organisation_id: int,
    lang: str,
    extra: Sequence[str] = (),
    severities: Sequence[str] = SHOWN_SEVERITIES,
    **filters: Any,
) -> QuerySet[Any]:
    """The rows of ``findings_of(...)`` in due-date order as tuples of ``ROW_COLUMNS`` +
    ``extra``: one query, joined case and client, no model instances. (Built with as few
    queryset clones as possible: building and compiling the query is most of the Python
    side's time.)"""
    findings = findings_of(clients, organisation_id, severities, **filters)
    if ACKNOWLEDGED_COLUMN in extra:
        findings = findings.annotate(is_acknowledged=Exists(acknowledged()))
    return findings.order_by(*ORDER).values_list(*_columns(lang, extra))
