"""Small builders for case-file dicts (``luotsi-case/1``) used by the rule tests."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from luotsi.rules import evaluate, parse_case

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


class Row(NamedTuple):
    """One boundary case of a rule: the case, the evaluation date and what must be found."""

    rule: str
    label: str
    case: dict[str, Any]
    on: str
    severity: str | None
    due: str | None = None


def check_row(row: Row) -> None:
    """The rule reports ``row.severity`` (with ``row.due``), or nothing when it is None."""
    result = evaluate(parse_case(row.case), date.fromisoformat(row.on))
    found = [f for f in result.findings if f.rule == row.rule]
    if row.severity is None:
        assert found == [], [f.message() for f in found]
        return
    matching = [f for f in found if f.severity == row.severity]
    assert matching, [(f.severity, f.message()) for f in found]
    if row.due is not None:
        assert date.fromisoformat(row.due) in {f.due for f in matching}
