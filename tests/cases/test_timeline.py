"""The case timeline SVG: parsed with xml.etree, elements at the right x for known dates."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.utils import translation

from luotsi.cases import timeline
from luotsi.rules import parse_case

NS = {"svg": "http://www.w3.org/2000/svg"}
TODAY = dt.date(2026, 3, 2)
OFFICE = "Pori, Yrjönkatu 1"


def contract(case_id="C-1", events=None):
    return parse_case(
        {
            "format": "luotsi-case/1",
            "id": case_id,
            "service": "TK",
            "decision": {"received": "2026-01-05", "granted_days": 45},
            "events": events
            if events is not None
            else [
                {"type": "meeting", "date": "2026-01-12", "place": "provider_office"},
                {"type": "meeting", "date": "2026-01-20", "mode": "video"},
                {"type": "meeting", "date": "2026-01-27", "mode": "phone"},
                {"type": "meeting", "date": "2026-02-11", "place": "workplace"},
                {"type": "meeting", "date": "2026-02-13", "place": "network_premises"},
                {"type": "phase", "date": "2026-02-10", "phase": "workplace"},
                {"type": "rehab_day", "date": "2026-02-10"},
                {"type": "rehab_day", "date": "2026-02-11"},
                {"type": "pause", "from": "2026-02-16", "to": "2026-02-20"},
                {"type": "absence", "from": "2026-02-23", "to": "2026-02-24"},
            ],
        }
    )


COUNTERS = {"phase1_deadline": "2026-02-12", "total_deadline": "2026-06-12"}
FINDINGS = [
    SimpleNamespace(rule="FEEDBACK.DEADLINE", due=dt.date(2026, 7, 3)),
    SimpleNamespace(rule="CERT.MISSING", due=None),
]


def render(case=None, counters=COUNTERS, findings=FINDINGS, title="Aikajana"):
    with translation.override("fi"):
        built = timeline.build(case or contract(), counters, findings, TODAY, title)
    return built, ET.fromstring(built.svg)  # noqa: S314 - our own output


def expected_x(root, day):
    start = dt.date.fromisoformat(root.get("data-start"))
    end = dt.date.fromisoformat(root.get("data-end"))
    scale = timeline.PLOT / ((end - start).days + 1)
    return timeline.LEFT + (day - start).days * scale


def at(root, day):
    """x of ``day`` (attributes are rounded to 0.01)."""
    return pytest.approx(expected_x(root, day), abs=0.01)


def by_class(root, name):
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def test_range_runs_from_the_decision_month_to_the_last_deadline_month():
    built, root = render()
    assert root.get("data-start") == "2026-01-01"
    assert root.get("data-end") == "2026-07-31"  # FEEDBACK.DEADLINE due 3.7.
    assert (built.start, built.end) == (dt.date(2026, 1, 1), dt.date(2026, 7, 31))


def test_accessible_picture():
    _built, root = render()
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and title.text == "Aikajana"
    assert desc is not None and "5" in desc.text and "2.3.2026" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_meetings_have_a_shape_and_colour_per_mode_at_their_dates():
    _built, root = render()
    meetings = by_class(root, "meeting")
    found = {m.get("data-date"): m for m in meetings}
    assert set(found) == {"2026-01-12", "2026-01-20", "2026-01-27", "2026-02-11", "2026-02-13"}
    office = found["2026-01-12"]
    assert office.tag == "{http://www.w3.org/2000/svg}circle"
    assert "meeting-office" in office.get("class")
    assert float(office.get("cx")) == at(root, dt.date(2026, 1, 12))
    workplace = found["2026-02-11"]
    assert workplace.tag.endswith("rect") and "meeting-workplace" in workplace.get("class")
    assert float(workplace.get("x")) + 6 == at(root, dt.date(2026, 2, 11))
    assert "meeting-remote" in found["2026-01-20"].get("class")
    assert found["2026-01-20"].tag.endswith("polygon")
    assert "meeting-phone" in found["2026-01-27"].get("class")
    assert found["2026-01-27"].tag.endswith("path")
    assert "meeting-elsewhere" in found["2026-02-13"].get("class")
    # Shapes and colours differ per mode: not colour alone.
    styles = {(m.tag, m.get("fill"), m.get("stroke")) for m in meetings}
    assert len(styles) == 5
    # The legend names every mode.
    legend = " ".join(t.text for t in by_class(root, "legend")[0].iter() if t.text)
    with translation.override("fi"):
        labels = timeline.meeting_labels().values()
    assert "Tapaaminen työpaikalla" in labels
    for label in labels:
        assert label in legend


def test_spans_and_days_at_their_dates():
    _built, root = render()
    (pause,) = by_class(root, "pause")
    assert float(pause.get("x")) == at(root, dt.date(2026, 2, 16))
    width = expected_x(root, dt.date(2026, 2, 21)) - expected_x(root, dt.date(2026, 2, 16))
    assert float(pause.get("width")) == pytest.approx(width, abs=0.01)
    (absence,) = by_class(root, "absence")
    assert float(absence.get("x")) == at(root, dt.date(2026, 2, 23))
    days = by_class(root, "rehab-day")
    assert [d.get("data-date") for d in days] == ["2026-02-10", "2026-02-11"]
    assert float(days[1].get("x")) == at(root, dt.date(2026, 2, 11))
    phases = by_class(root, "phase")
    assert [p.get("data-date") for p in phases] == ["2026-01-12", "2026-02-10"]


def test_every_deadline_and_today_are_marked():
    built, root = render()
    marks = {m.get("data-key"): m for m in by_class(root, "deadline")}
    assert set(marks) == {"phase1_deadline", "total_deadline", "FEEDBACK.DEADLINE"}
    line = marks["total_deadline"].find("svg:line", NS)
    assert float(line.get("x1")) == at(root, dt.date(2026, 6, 12))
    assert marks["FEEDBACK.DEADLINE"].get("data-date") == "2026-07-03"
    assert [(d.key, d.finnish) for d in built.deadlines] == [
        ("phase1_deadline", "12.2.2026"),
        ("total_deadline", "12.6.2026"),
        ("FEEDBACK.DEADLINE", "3.7.2026"),
    ]
    (today,) = by_class(root, "today")
    assert today.get("data-date") == "2026-03-02"
    today_line = today.find("svg:line", NS)
    assert float(today_line.get("x1")) == at(root, TODAY)


def test_month_ticks_in_finnish_date_format():
    _built, root = render()
    months = [t.text for t in by_class(root, "month")]
    assert months[:3] == ["1.1.2026", "1.2.2026", "1.3.2026"]
    first = by_class(root, "month")[1]
    assert float(first.get("x")) == at(root, dt.date(2026, 2, 1))


def test_text_is_escaped():
    nasty = 'K-1 <script>alert("x")</script> & co'
    built, root = render(case=contract(case_id=nasty), title=f"Case {nasty}")
    assert "<script>" not in built.svg
    assert "&lt;script&gt;" in built.svg
    assert root.find("svg:title", NS).text == f"Case {nasty}"


def test_open_pause_runs_to_today_and_empty_case_still_shows_today():
    case = contract(events=[{"type": "pause", "from": "2026-02-20"}])
    _built, root = render(case=case, counters={}, findings=[])
    (pause,) = by_class(root, "pause")
    end = float(pause.get("x")) + float(pause.get("width"))
    assert end == at(root, TODAY + dt.timedelta(days=1))
    built, root = render(case=contract(events=[]), counters={}, findings=[])
    assert by_class(root, "today") and built.deadlines == []
