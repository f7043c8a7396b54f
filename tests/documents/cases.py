"""Realistic case files for the document tests."""

from __future__ import annotations

import copy
from typing import Any

XSS = '<script>alert("x")</script><img src="http://evil.example/x.png">Oy <b>Paha</b> & Co'
OFFICE = "Pori, Yrjönkatu 1"


def _meeting(date: str, phase: str, kind: str = "individual", **extra: Any) -> dict[str, Any]:
    m: dict[str, Any] = {"type": "meeting", "date": date, "phase": phase, "kind": kind,
                         "mode": "face_to_face", "minutes": 60}  # fmt: skip
    if phase in ("planning", "job_search"):
        m.update(place="provider_office", office=OFFICE)
    else:
        m.update(place="workplace")
    m.update(extra)
    return m


def _days(*dates: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"type": "rehab_day", "date": d, "hours": 6, "workplace_hours": 5, **extra}
            for d in dates]  # fmt: skip


def tk_case(lang: str = "fi", employer: str = "Oy Esimerkki Ab") -> dict[str, Any]:
    """A work trial (TK) with an absence, a pause, flexibility, remote and future days."""
    events: list[dict[str, Any]] = [
        _meeting("2027-01-11", "planning"),
        _meeting("2027-01-14", "planning"),
        _meeting("2027-01-19", "planning", kind="network"),
        {"type": "absence", "from": "2027-01-20", "to": "2027-01-26", "reason": "sickness"},
        _meeting("2027-01-27", "job_search"),
        {"type": "workplace", "from": "2027-02-08", "to": "2027-04-30", "employer": employer,
         "kind": "open_market"},
        {"type": "phase", "date": "2027-02-08", "phase": "workplace"},
        _meeting("2027-02-08", "workplace", kind="workplace_visit", employer_present=True),
        *_days("2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"),
        *_days("2027-02-12", remote=True),
        {"type": "absence", "from": "2027-02-15", "to": "2027-02-16", "reason": "annual_leave"},
        {"type": "pause", "from": "2027-02-17", "to": "2027-02-19",
         "reason": "workplace_closed"},
        {"type": "flex", "from": "2027-02-22", "to": "2027-03-05", "days_per_week": 3,
         "hours_per_day": 4, "reason": "capacity"},
        *_days("2027-02-22", "2027-02-24", "2027-02-26", "2027-03-01"),
        *_days("2027-03-08", "2027-03-09"),
        {"type": "certificate", "date": "2027-03-02", "from": "2027-02-01", "to": "2027-03-31",
         "author_name": "Valmentaja Virtanen", "author_phone": "040 123 4567",
         "includes_future": True},
        {"type": "kela_notice", "date": "2027-02-17", "topic": "Tauko: työpaikka suljettu"},
        {"type": "end", "date": "2027-04-30", "reason": "completed"},
    ]  # fmt: skip
    return {
        "format": "luotsi-case/1",
        "id": "DOC-1",
        "service": "TK",
        "decision": {"received": "2027-01-04", "granted_days": 45, "first_decision": True},
        "client": {"name": "Maija Meikäläinen" if lang == "fi" else "Maja Martinsson",
                   "identity_code": "020490-998X", "language": lang,
                   "applies_allowance": True},
        "contract": {"provider": "Kuntoutus Oy", "business_id": "1234567-1",
                     "offices": [OFFICE]},
        "events": events,
    }  # fmt: skip


def interrupted_case(lang: str = "fi") -> dict[str, Any]:
    data = tk_case(lang)
    data["events"] = [
        e
        for e in data["events"]
        if e["type"] != "end" and not (e["type"] in ("rehab_day",) and e["date"] >= "2027-03-01")
    ]
    data["events"].append({"type": "end", "date": "2027-03-01", "reason": "interrupted"})
    return data


def without(data: dict[str, Any], *path: str) -> dict[str, Any]:
    """A copy with the field at ``path`` removed."""
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


def taito_case(lang: str = "fi") -> dict[str, Any]:
    """Taito after the final group period, with two follow-up visits (video and at the office)."""
    data = tk_case(lang)
    data["id"] = "TAITO-1"
    data["service"] = "TAITO"
    data["decision"]["medical_statement_b"] = "2026-12-01"
    data["events"] = [
        {"type": "phase", "date": "2027-01-11", "phase": "start"},
        *_days("2027-01-11", "2027-01-12", group=True),
        {"type": "phase", "date": "2027-05-03", "phase": "final"},
        *_days("2027-05-03", "2027-05-04", "2027-05-05", group=True),
        _meeting("2027-07-20", "followup", mode="video", place="other"),
        {**_meeting("2027-10-26", "followup", place="provider_office"), "office": OFFICE},
        {"type": "end", "date": "2027-10-26", "reason": "completed"},
    ]
    return data


def _weekdays(first: str, last: str) -> list[str]:
    import datetime as dt

    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    out = []
    while day <= end:
        if day.weekday() < 5:
            out.append(day.isoformat())
        day += dt.timedelta(days=1)
    return out


def tv_pauses_case(lang: str = "fi") -> dict[str, Any]:
    """Job coaching (TV) with an open-ended workplace over three pauses, 6.5-hour days, a
    day recorded inside the second pause (DAYS.ON_PAUSE), and an end: long enough that the
    certificate runs over several pages."""
    days = [d for d in _weekdays("2027-02-11", "2027-05-10")
            if not ("2027-03-01" <= d <= "2027-03-05" or "2027-03-29" <= d <= "2027-04-09"
                    or "2027-04-26" <= d <= "2027-04-30")]  # fmt: skip
    events: list[dict[str, Any]] = [
        _meeting("2027-01-11", "planning"),
        {"type": "workplace", "from": "2027-02-11", "employer": "Kone Oy",
         "kind": "open_market", "paid": True},
        {"type": "phase", "date": "2027-02-11", "phase": "workplace"},
        _meeting("2027-02-15", "workplace", kind="workplace_visit"),
        *[{"type": "rehab_day", "date": d, "hours": 6.5, "workplace_hours": 5.5,
           "paid_work": True} for d in days],
        {"type": "rehab_day", "date": "2027-04-01", "hours": 6, "workplace_hours": 5,
         "paid_work": True},  # inside the second pause: a data error, never printed
        {"type": "pause", "from": "2027-03-01", "to": "2027-03-05", "reason": "employer_delay"},
        {"type": "pause", "from": "2027-03-29", "to": "2027-04-09",
         "reason": "workplace_closed"},
        {"type": "pause", "from": "2027-04-26", "to": "2027-04-30", "reason": "client_own"},
        {"type": "flex", "from": "2027-04-12", "to": "2027-04-23", "days_per_week": 4,
         "hours_per_day": 4.5, "reason": "capacity"},
        {"type": "end", "date": "2027-05-10", "reason": "completed"},
    ]  # fmt: skip
    data = tk_case(lang)
    data.update(id="DOC-TV", service="TV", events=events)
    data["decision"]["granted_days"] = 95
    return data


def teak_independent_case(lang: str = "fi", independent: int = 11) -> dict[str, Any]:
    """TEAK-TV under the first decision with ``independent`` independent days."""
    days = _weekdays("2027-03-29", "2027-06-11")
    events: list[dict[str, Any]] = [
        _meeting("2027-03-22", "planning"),
        *[{"type": "rehab_day", "date": d, "hours": 6, "workplace_hours": 5,
           "independent": i < independent} for i, d in enumerate(days)],
        {"type": "end", "date": "2027-06-17", "reason": "completed"},
    ]  # fmt: skip
    data = tk_case(lang)
    data.update(id="DOC-TEAK", service="TEAK-TV", events=events)
    return data
