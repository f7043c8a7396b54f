"""Small builders for case-file dicts (``luotsi-case/1``) used by the rule tests."""

from __future__ import annotations

from typing import Any

OFFICE = "Pori, Yrjönkatu 1"


def ev(type_: str, **fields: Any) -> dict[str, Any]:
    """An event; ``from_`` becomes ``from``."""
    event: dict[str, Any] = {"type": type_}
    for key, value in fields.items():
        event["from" if key == "from_" else key] = value
    return event


def meeting(day: str, phase: str = "planning", **fields: Any) -> dict[str, Any]:
    defaults: dict[str, Any] = {"kind": "individual", "mode": "face_to_face"}
    if phase in ("planning", "job_search"):
        defaults.update(place="provider_office", office=OFFICE)
    else:
        defaults.update(kind="workplace_visit", place="workplace")
    defaults.update(fields)
    return ev("meeting", date=day, phase=phase, **defaults)


def day(date: str, **fields: Any) -> dict[str, Any]:
    return ev("rehab_day", date=date, **fields)


def case(
    *events: dict[str, Any],
    service: str = "TK",
    received: str = "2027-01-04",
    granted_days: int | None = None,
    applies_allowance: bool = True,
    first_meeting: str | None = "2027-01-11",
) -> dict[str, Any]:
    """A case: decision received on ``received``, first meeting (unless None) plus ``events``."""
    decision: dict[str, Any] = {"received": received}
    if granted_days is not None:
        decision["granted_days"] = granted_days
    all_events = [meeting(first_meeting)] if first_meeting else []
    all_events += list(events)
    return {
        "format": "luotsi-case/1",
        "id": "T-1",
        "service": service,
        "decision": decision,
        "client": {"applies_allowance": applies_allowance},
        "contract": {"offices": [OFFICE]},
        "events": all_events,
    }


def workplace_phase(start: str, **fields: Any) -> list[dict[str, Any]]:
    """A workplace span and the ``phase`` event starting the workplace phase on ``start``."""
    return [
        ev("workplace", from_=start, employer="Oy Esimerkki Ab", kind="open_market", **fields),
        ev("phase", date=start, phase="workplace"),
    ]
