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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.db.models import DateField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from luotsi.cases.models import CaseFinding
from luotsi.rules.calendar import DATE_MIN, finnish_date

from .models import FindingAcknowledgement
from .rule_titles import rule_titles

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


SEVERITY_LABELS = {
    "violation": _("Violation"),
    "due": _("Due"),
    "action": _("Action needed"),
    "warning": _("Warning"),
    "info": _("Information"),
}
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


def _columns(lang: str, extra: Sequence[str]) -> list[str]:
    message = message_column(lang)
    return [message if c == "<message>" else c for c in ROW_COLUMNS] + list(extra)


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
    return (
        findings_of(clients, organisation_id, severities, **filters)
        .order_by(*ORDER)
        .values_list(*_columns(lang, extra))
    )


def url_maker(name: str, *kwargs: str) -> Callable[..., str]:
    """``reverse`` once, then fill in the integer ids per row (a reverse per row was a
    noticeable share of a page with a few hundred rows)."""
    marks = [str(900_000_001 + n) for n in range(len(kwargs))]
    pattern = reverse(name, kwargs=dict(zip(kwargs, map(int, marks), strict=True)))
    pattern = pattern.replace("{", "{{").replace("}", "}}")
    for n, mark in enumerate(marks):
        pattern = pattern.replace(mark, f"{{{n}}}", 1)
    return pattern.format


_COACH_ROW = (
    '<tr class="severity-{severity}"><td class="nowrap">{when}</td><td>{client}</td>'
    '<td><a class="nowrap" href="{url}">{case}</a> · <span class="nowrap">{service}</span></td>'
    "<td>{rule}</td><td>{badge}</td><td>{message}</td><td>{source}</td><td>{act}</td></tr>"
)
_DUE_ROW = (
    '<tr class="severity-{severity}"><td class="nowrap">{when}</td><td>{group}</td>'
    '<td>{client}</td><td><a class="nowrap" href="{url}">{case}</a> · '
    '<span class="nowrap">{service}</span></td><td>{coach}</td>'
    "<td>{rule}</td><td>{badge}</td><td>{message}</td><td>{source}</td>"
    "<td>{act}</td></tr>"
)


@dataclass(slots=True)
class Row:
    """One finding as a table row. ``html`` is the whole ``<tr>``, every cell escaped: the
    template prints it as is (the template language's lookups per cell were most of the
    page's time with a few hundred rows; docs/performance.md)."""

    group: str
    rule: str
    severity: str
    due: dt.date | None
    date: dt.date | None
    deadline: dt.date | None
    when: str  # the deadline, else the date of the event behind the finding
    late: int  # days late (0: not late)
    message: str
    source: str
    case_id: int
    case_number: str
    service: str
    client_id: int
    client_name: str
    coach: str = ""
    html: SafeString = field(default_factory=lambda: mark_safe(""))


class RowMaker:
    """Turns the tuples of ``finding_rows`` into ``Row``s for one request (today, the
    language's labels and the link pattern computed once)."""

    def __init__(self, today: dt.date, may_acknowledge: bool = False, back: str = "") -> None:
        self.today = today
        self.sunday = week_end(today)
        self.event = gettext("event %(date)s")
        self.labels = {key: escape(str(label)) for key, label in GROUP_LABELS.items()}
        self.titles = rule_titles()
        self.badges = {
            key: (
                f'<span class="severity severity-{key}"><span aria-hidden="true">'
                f"{SEVERITY_ICONS[key]}</span> {escape(str(label))}</span>"
            )
            for key, label in SEVERITY_LABELS.items()
        }
        self.case_url = url_maker("clients:case_detail", "client_id", "case_id")
        self.ack_url = url_maker("clients:acknowledge", "client_id", "case_id")
        self.may_acknowledge = may_acknowledge
        self.back = back  # where the acknowledgement page returns to
        self.acknowledge = escape(gettext("Acknowledge"))

    def row(self, values: Sequence[Any], group: str | None = None) -> Row:
        rule, severity, due, date, deadline, message, source, case_id, number, service = values[:10]
        if group is None:
            group = group_for(severity, due, self.today, self.sunday) or "info"
        deadline = deadline or due
        when = finnish_date(deadline) or (
            self.event % {"date": finnish_date(date)} if date else "–"
        )
        late = days_late(deadline, date, self.today) if group == "late" else 0
        return Row(
            group,
            rule,
            severity,
            due,
            date,
            deadline,
            when,
            late,
            message,
            source,
            case_id,
            number,
            service,
            values[10],
            f"{values[12]}, {values[11]}",
        )

    def cells(self, row: Row) -> dict[str, str]:
        when = escape(row.when)
        if row.late:
            late = ngettext("late by %(days)d day", "late by %(days)d days", row.late)
            when += f'<br><span class="late">{escape(late % {"days": row.late})}</span>'
        act = ""
        if self.may_acknowledge and row.severity == "violation":
            query = urlencode(
                {
                    "rule": row.rule,
                    "date": row.date.isoformat() if row.date else "",
                    "due": row.due.isoformat() if row.due else "",
                    **({"next": self.back} if self.back else {}),
                }
            )
            act = (
                f'<a class="button small" href="'
                f'{escape(self.ack_url(row.client_id, row.case_id))}?{escape(query)}">'
                f"{self.acknowledge}</a>"
            )
        title = self.titles.get(row.rule, row.rule)
        return {
            "severity": escape(row.severity),
            "when": when,
            "client": escape(row.client_name),
            "url": escape(self.case_url(row.client_id, row.case_id)),
            "case": escape(row.case_number),
            "service": escape(row.service),
            "rule": f'{escape(title)}<br><span class="rule-id code">{escape(row.rule)}</span>',
            "badge": self.badges.get(row.severity, escape(row.severity)),
            "message": escape(row.message),
            "source": escape(row.source),
            "act": act,
        }

    def coach_row(self, values: Sequence[Any]) -> Row | None:
        """A row of the coach's week, or None for a finding no group shows."""
        group = group_for(values[1], values[2], self.today, self.sunday)
        if group is None:
            return None
        row = self.row(values, group)
        row.html = mark_safe(_COACH_ROW.format(**self.cells(row)))  # noqa: S308 - escaped
        return row

    def due_row(self, values: Sequence[Any]) -> Row:
        """A row of the due list; ``values`` end with the coach's first, last and user name."""
        row = self.row(values)
        first, last, username = values[-3:]
        row.coach = f"{first or ''} {last or ''}".strip() or (username or "")
        row.html = mark_safe(  # noqa: S308 - every cell escaped
            _DUE_ROW.format(
                group=self.labels[row.group],
                coach=escape(row.coach or "–"),
                **self.cells(row),
            )
        )
        return row


@dataclass
class Group:
    key: str
    title: str
    help: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ClientCounts:
    """A row of "my clients": the client, their cases and their findings per group."""

    client_id: int
    name: str
    url: str
    cases: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ``GROUPS``."""
        return [self.counts.get(key, 0) for key in GROUPS]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def html(self) -> SafeString:
        counts = "".join(f"<td>{count}</td>" for count in self.cells)
        return mark_safe(  # noqa: S308 - the name is escaped, the rest are numbers and our URL
            f'<tr><th scope="row"><a href="{escape(self.url)}">{escape(self.name)}</a></th>'
            f"<td>{self.cases}</td>{counts}</tr>"
        )


def grouped(rows: Iterable[Sequence[Any]], maker: RowMaker) -> list[Group]:
    """The rows (tuples of ``finding_rows``) in their groups, in the order a coach works
    through them."""
    groups = {key: Group(key, str(title), str(GROUP_HELP[key])) for key, title in GROUPS.items()}
    for values in rows:
        row = maker.coach_row(values)
        if row is not None:
            groups[row.group].rows.append(row)
    return list(groups.values())
