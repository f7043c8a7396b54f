"""The case timeline as a server-rendered inline SVG (no JavaScript).

Lanes across time: phases, pauses and absences, meetings (a different shape *and* colour
per mode, with a legend), rehabilitation days; every deadline of the stored counters and
findings as a dashed line with a marker, and today. Built with ``xml.etree`` so every text
and attribute is escaped. ``x(day)`` is linear: ``LEFT + (day - start).days * scale``,
where ``start`` is the first day of the first month shown (``data-start`` on the root).

Accessible: ``role="img"`` with ``<title>`` and ``<desc>`` (``aria-labelledby``), and the
page shows the deadlines as a list too (``Timeline.deadlines``).
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from luotsi.rules import Case as ContractCase
from luotsi.rules.calendar import finnish_date

from .vocabulary import PHASE_LABELS as PHASES

WIDTH = 960
LEFT = 170
RIGHT = 20
PLOT = WIDTH - LEFT - RIGHT
TOP = 60  # first lane; deadline labels above it
LANE = 36
LANES = ("phases", "breaks", "meetings", "days")

# mode → (shape, colour). Shapes differ so that colour is never the only cue.
MEETING_STYLES = {
    "office": ("circle", "#1f5fa8"),
    "workplace": ("square", "#2e7d32"),
    "elsewhere": ("diamond", "#7a5c00"),
    "remote": ("triangle", "#7b1fa2"),
    "phone": ("cross", "#c2410c"),
}
PLANNED_COLOUR = "#1f5fa8"
PAUSE_COLOUR = "#f2a900"
ABSENCE_COLOUR = "#9e9e9e"
DAY_COLOUR = "#00695c"
DEADLINE_COLOUR = "#b71c1c"
TODAY_COLOUR = "#111111"
PHASE_COLOURS = ("#cfe3f7", "#d7ecd4")

# Counters that are deadlines, with their labels.
COUNTER_DEADLINES = ("phase1_deadline", "total_deadline")


def meeting_category(meeting: Any) -> str:
    if meeting.mode == "video":
        return "remote"
    if meeting.mode == "phone":
        return "phone"
    if meeting.place == "workplace" or (
        meeting.place is None and meeting.kind == "workplace_visit"
    ):
        return "workplace"
    if meeting.place in ("network_premises", "other"):
        return "elsewhere"
    return "office"


def meeting_labels() -> dict[str, str]:
    return {
        "office": _("Meeting at the office"),
        "workplace": _("Meeting at the workplace"),
        "elsewhere": _("Meeting elsewhere"),
        "remote": _("Video meeting"),
        "phone": _("Phone meeting"),
    }


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    label: str
    key: str  # a counter name or a rule ID

    @property
    def finnish(self) -> str:
        return finnish_date(self.day)


@dataclass
class Timeline:
    svg: str
    start: dt.date
    end: dt.date
    today: dt.date
    deadlines: list[Deadline] = field(default_factory=list)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, day = [], start
    while day <= end:
        out.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class _Canvas:
    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start = start
        self.end = end
        self.scale = PLOT / ((end - start).days + 1)

    def x(self, day: dt.date) -> float:
        return LEFT + (day - self.start).days * self.scale


def lane_y(lane: str) -> int:
    return TOP + LANES.index(lane) * LANE


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()}
    )
    if text is not None:
        element.text = text
    return element


def _shape(
    parent: ET.Element, shape: str, cx: float, cy: float, colour: str, **attrs: Any
) -> ET.Element:
    r = 6
    if shape == "circle":
        return _sub(parent, "circle", cx=_num(cx), cy=_num(cy), r=r, fill=colour, **attrs)
    if shape == "square":
        return _sub(
            parent,
            "rect",
            x=_num(cx - r),
            y=_num(cy - r),
            width=2 * r,
            height=2 * r,
            fill=colour,
            **attrs,
        )
    if shape == "diamond":
        corners = [(cx, cy - r - 1), (cx + r + 1, cy), (cx, cy + r + 1), (cx - r - 1, cy)]
        points = " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)
        return _sub(parent, "polygon", points=points, fill=colour, **attrs)
    if shape == "triangle":
        corners = [(cx, cy - r - 1), (cx + r + 1, cy + r), (cx - r - 1, cy + r)]
        points = " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)
        return _sub(parent, "polygon", points=points, fill=colour, **attrs)
    if shape == "planned":  # hollow: not held yet
        return _sub(
            parent, "circle", cx=_num(cx), cy=_num(cy), r=r, fill="#ffffff", stroke=colour,
            stroke_width=2.5, stroke_dasharray="3 2", **attrs,
        )  # fmt: skip
    # cross
    d = (
        f"M{_num(cx - r)},{_num(cy - r)} L{_num(cx + r)},{_num(cy + r)} "
        f"M{_num(cx - r)},{_num(cy + r)} L{_num(cx + r)},{_num(cy - r)}"
    )
    return _sub(parent, "path", d=d, stroke=colour, stroke_width=3, fill="none", **attrs)


def _phase_segments(case: ContractCase, today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    events = case.events
    meetings = sorted(e.date for e in events if e.type == "meeting")
    days = sorted(e.date for e in events if e.type == "rehab_day")
    ends = sorted(e.date for e in events if e.type == "end")
    starts: list[tuple[dt.date, str]] = sorted(
        (e.date, e.phase or "") for e in events if e.type == "phase"
    )
    first = None
    if case.service in ("TK", "TV") and meetings:
        first = (meetings[0], "phase1")
    elif case.service.startswith("TEAK") and days:
        first = (days[0], "rehabilitation")
    if first and (not starts or first[0] < starts[0][0]):
        starts.insert(0, first)
    last = ends[0] if ends else max(today, *(s for s, _p in starts)) if starts else today
    segments = []
    for n, (begin, name) in enumerate(starts):
        stop = starts[n + 1][0] - dt.timedelta(days=1) if n + 1 < len(starts) else last
        if stop >= begin:
            segments.append((name, begin, stop))
    return segments


def _phase_label(name: str) -> str:
    if name == "phase1":
        return _("Planning and job search")
    if name == "rehabilitation":
        return _("Rehabilitation")
    return str(PHASES.get(name, name))


def deadlines_of(counters: dict[str, Any], findings: list[Any]) -> list[Deadline]:
    """Every deadline of the counters and the findings' due dates, by date, without repeats."""
    labels = {"phase1_deadline": _("Phase 1 deadline"), "total_deadline": _("Total duration ends")}
    found: dict[tuple[dt.date, str], Deadline] = {}
    for key in COUNTER_DEADLINES:
        value = counters.get(key)
        if value:
            day = dt.date.fromisoformat(value)
            found[(day, key)] = Deadline(day, labels[key], key)
    for finding in findings:
        if finding.due is not None:
            label = _("%(rule)s due") % {"rule": finding.rule}
            found.setdefault(
                (finding.due, finding.rule), Deadline(finding.due, label, finding.rule)
            )
    return sorted(found.values(), key=lambda d: (d.day, d.key))


def build(
    case: ContractCase,
    counters: dict[str, Any],
    findings: list[Any],
    today: dt.date,
    title: str,
    planned: list[tuple[dt.date, dt.time]] = (),  # type: ignore[assignment]
) -> Timeline:
    """The timeline of ``case``; ``findings`` need ``rule`` and ``due`` (stored findings);
    ``planned``: the planned meetings' days and start times (hollow marks)."""
    deadlines = deadlines_of(counters, findings)
    dates = [case.decision.received, today, *(d.day for d in deadlines), *(p[0] for p in planned)]
    for e in case.events:
        if e.type in ("absence", "pause", "flex", "workplace", "no_interpreter"):
            dates.append(e.from_)
            if e.to:
                dates.append(e.to)
        else:
            dates.append(e.date)
    start, end = _month_start(min(dates)), _month_end(max(dates))
    canvas = _Canvas(start, end)
    bottom = TOP + len(LANES) * LANE
    height = bottom + 110
    uid = "timeline"
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{uid}-title {uid}-desc",
            "class": "timeline",
            "data-start": start.isoformat(),
            "data-end": end.isoformat(),
            "font-family": "sans-serif",
            "font-size": "12",
        },
    )
    _sub(svg, "title", title, id=f"{uid}-title")
    meetings = [e for e in case.events if e.type == "meeting"]
    days = [e for e in case.events if e.type == "rehab_day"]
    pauses = [e for e in case.events if e.type == "pause"]
    absences = [e for e in case.events if e.type == "absence"]
    _sub(
        svg,
        "desc",
        _(
            "From %(start)s to %(end)s: %(meetings)d meetings, %(days)d rehabilitation days, "
            "%(pauses)d pauses, %(absences)d absences and %(deadlines)d deadlines; "
            "today is %(today)s. The deadlines are also listed below the picture."
        )
        % {
            "start": finnish_date(start),
            "end": finnish_date(end),
            "meetings": len(meetings),
            "days": len(days),
            "pauses": len(pauses),
            "absences": len(absences),
            "deadlines": len(deadlines),
            "today": finnish_date(today),
        },
        id=f"{uid}-desc",
    )

    # lanes and their names
    lane_names = {
        "phases": _("Phases"),
        "breaks": _("Pauses and absences"),
        "meetings": _("Meetings"),
        "days": _("Rehabilitation days"),
    }
    for n, lane in enumerate(LANES):
        y = lane_y(lane)
        _sub(
            svg,
            "rect",
            x=LEFT,
            y=y,
            width=PLOT,
            height=LANE,
            fill="#f7f7f7" if n % 2 == 0 else "#ffffff",
            class_="lane",
        )
        _sub(svg, "text", lane_names[lane], x=LEFT - 8, y=y + LANE / 2 + 4, text_anchor="end")

    # month ticks
    months = _months(start, end)
    step = max(1, math.ceil(70 / (30.4 * canvas.scale)))
    axis = _sub(svg, "g", class_="axis")
    for n, month in enumerate(months):
        x = _num(canvas.x(month))
        _sub(axis, "line", x1=x, x2=x, y1=TOP, y2=bottom + 4, stroke="#c8c8c8")
        if n % step == 0:
            _sub(
                axis,
                "text",
                finnish_date(month),
                x=x,
                y=bottom + 18,
                text_anchor="middle",
                class_="month",
                data_date=month.isoformat(),
            )

    # phases
    group = _sub(svg, "g", class_="phases")
    y = lane_y("phases")
    for n, (name, begin, stop) in enumerate(_phase_segments(case, today)):
        x1, x2 = canvas.x(begin), canvas.x(stop + dt.timedelta(days=1))
        label = _phase_label(name)
        rect = _sub(
            group,
            "rect",
            x=_num(x1),
            y=y + 4,
            width=_num(max(x2 - x1, 1)),
            height=LANE - 8,
            fill=PHASE_COLOURS[n % 2],
            stroke="#6b7c93",
            class_="phase",
            data_date=begin.isoformat(),
        )
        _sub(rect, "title", f"{label}: {finnish_date(begin)}–{finnish_date(stop)}")
        if x2 - x1 > 8 * len(label):
            _sub(group, "text", label, x=_num(x1 + 4), y=y + LANE / 2 + 4)

    # pauses and absences
    group = _sub(svg, "g", class_="breaks")
    y = lane_y("breaks")
    for kind, spans, colour, label in (
        ("pause", pauses, PAUSE_COLOUR, _("Pause")),
        ("absence", absences, ABSENCE_COLOUR, _("Absence")),
    ):
        for span in spans:
            stop = span.to or max(today, span.from_)
            x1, x2 = canvas.x(span.from_), canvas.x(stop + dt.timedelta(days=1))
            offset = 4 if kind == "pause" else LANE / 2
            rect = _sub(
                group,
                "rect",
                x=_num(x1),
                y=_num(y + offset),
                width=_num(max(x2 - x1, 2)),
                height=_num(LANE / 2 - 4),
                fill=colour,
                stroke="#333333",
                class_=kind,
                data_date=span.from_.isoformat(),
            )
            ending = finnish_date(span.to) if span.to else _("open")
            _sub(rect, "title", f"{label}: {finnish_date(span.from_)}–{ending}")

    # meetings
    group = _sub(svg, "g", class_="meetings")
    cy = lane_y("meetings") + LANE / 2
    labels = meeting_labels()
    for meeting in sorted(meetings, key=lambda m: m.date):
        category = meeting_category(meeting)
        shape, colour = MEETING_STYLES[category]
        marker = _shape(
            group,
            shape,
            canvas.x(meeting.date),
            cy,
            colour,
            class_=f"meeting meeting-{category}",
            data_date=meeting.date.isoformat(),
        )
        _sub(marker, "title", f"{labels[category]} {finnish_date(meeting.date)}")
    for day, start_time in sorted(planned):
        marker = _shape(
            group,
            "planned",
            canvas.x(day),
            cy,
            PLANNED_COLOUR,
            class_="meeting meeting-planned",
            data_date=day.isoformat(),
        )
        _sub(
            marker,
            "title",
            _("Planned meeting %(date)s at %(time)s")
            % {"date": finnish_date(day), "time": start_time.strftime("%H.%M")},
        )

    # rehabilitation days
    group = _sub(svg, "g", class_="days")
    y = lane_y("days")
    for day in sorted(days, key=lambda d: d.date):
        rect = _sub(
            group,
            "rect",
            x=_num(canvas.x(day.date)),
            y=y + 8,
            width=_num(max(canvas.scale - 0.5, 1)),
            height=LANE - 16,
            fill=DAY_COLOUR,
            class_="rehab-day",
            data_date=day.date.isoformat(),
        )
        _sub(
            rect,
            "title",
            _("Rehabilitation day %(date)s, %(hours)s h")
            % {"date": finnish_date(day.date), "hours": _num(day.hours)},
        )

    # deadlines
    group = _sub(svg, "g", class_="deadlines")
    for n, deadline in enumerate(deadlines):
        x = canvas.x(deadline.day)
        mark = _sub(
            group, "g", class_="deadline", data_date=deadline.day.isoformat(), data_key=deadline.key
        )
        _sub(mark, "title", f"{deadline.label}: {deadline.finnish}")
        _sub(
            mark,
            "line",
            x1=_num(x),
            x2=_num(x),
            y1=TOP - 8,
            y2=bottom,
            stroke=DEADLINE_COLOUR,
            stroke_dasharray="4 3",
            stroke_width=1.5,
        )
        _sub(
            mark,
            "polygon",
            fill=DEADLINE_COLOUR,
            points=f"{_num(x - 5)},{TOP - 14} {_num(x + 5)},{TOP - 14} {_num(x)},{TOP - 6}",
        )
        _sub(
            mark,
            "text",
            deadline.label if deadline.key in COUNTER_DEADLINES else deadline.key,
            x=_num(x),
            y=12 + 14 * (n % 3),
            text_anchor="middle",
            fill=DEADLINE_COLOUR,
            font_size=10,
        )

    # today
    x = _num(canvas.x(today))
    mark = _sub(svg, "g", class_="today", data_date=today.isoformat())
    _sub(mark, "title", _("Today %(date)s") % {"date": finnish_date(today)})
    _sub(mark, "line", x1=x, x2=x, y1=TOP - 4, y2=bottom + 4, stroke=TODAY_COLOUR, stroke_width=2.5)
    _sub(mark, "text", _("Today"), x=x, y=bottom + 32, text_anchor="middle", font_weight="bold")

    # legend
    legend = _sub(svg, "g", class_="legend")
    y = bottom + 56
    entries: list[tuple[str, str, str]] = [
        (shape, colour, labels[key]) for key, (shape, colour) in MEETING_STYLES.items()
    ]
    entries += [
        ("planned", PLANNED_COLOUR, _("Planned meeting")),
        ("bar", PAUSE_COLOUR, _("Pause")),
        ("bar", ABSENCE_COLOUR, _("Absence")),
        ("bar", DAY_COLOUR, _("Rehabilitation day")),
        ("deadline", DEADLINE_COLOUR, _("Deadline")),
        ("today", TODAY_COLOUR, _("Today")),
    ]
    per_row = 5
    col = (WIDTH - 20) / per_row
    for n, (shape, colour, label) in enumerate(entries):
        lx = 20 + (n % per_row) * col
        ly = y + (n // per_row) * 22
        item = _sub(legend, "g", class_="legend-item")
        if shape == "bar":
            _sub(
                item,
                "rect",
                x=_num(lx - 6),
                y=ly - 6,
                width=12,
                height=12,
                fill=colour,
                stroke="#333333",
            )
        elif shape == "deadline":
            _sub(
                item,
                "line",
                x1=_num(lx),
                x2=_num(lx),
                y1=ly - 8,
                y2=ly + 8,
                stroke=colour,
                stroke_dasharray="4 3",
                stroke_width=1.5,
            )
        elif shape == "today":
            _sub(
                item,
                "line",
                x1=_num(lx),
                x2=_num(lx),
                y1=ly - 8,
                y2=ly + 8,
                stroke=colour,
                stroke_width=2.5,
            )
        else:
            _shape(item, shape, lx, ly, colour)
        _sub(item, "text", label, x=_num(lx + 12), y=ly + 4)

    return Timeline(
        svg=ET.tostring(svg, encoding="unicode"),
        start=start,
        end=end,
        today=today,
        deadlines=deadlines,
    )
