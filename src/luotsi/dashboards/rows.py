"""The dashboards' table rows: stored findings' tuples (``findings.finding_rows``) turned
into escaped HTML rows in Python, and grouped for the coach's week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from luotsi.cases.labels import SEVERITY_LABELS, rule_titles
from luotsi.rules.calendar import finnish_date

from .findings import (
    GROUP_HELP,
    GROUP_LABELS,
    GROUPS,
    ROW_COLUMNS,
    SEVERITY_ICONS,
    days_late,
    group_for,
    week_end,
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
    acknowledged: bool = False
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
        self.acknowledged = escape(gettext("Acknowledged"))

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
        """A row of the due list; after ``ROW_COLUMNS`` the coach's first, last and user
        name, and (when acknowledged violations are shown) whether this one was."""
        row = self.row(values)
        n = len(ROW_COLUMNS)
        first, last, username = values[n : n + 3]
        row.coach = f"{first or ''} {last or ''}".strip() or (username or "")
        row.acknowledged = bool(values[n + 3]) if len(values) > n + 3 else False
        cells = self.cells(row)
        if row.acknowledged:
            cells["badge"] += f'<br><span class="badge">{self.acknowledged}</span>'
            cells["act"] = ""
        row.html = mark_safe(  # noqa: S308 - every cell escaped
            _DUE_ROW.format(group=self.labels[row.group], coach=escape(row.coach or "–"), **cells)
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
