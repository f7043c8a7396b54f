"""Invariants of the engine over generated valid case files (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.rules import evaluate, parse_case
from tests.conftest import examples
from tests.rules.strategies import cases, eval_dates, events

SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _later(event: dict[str, Any], on: date, shift: int) -> dict[str, Any]:
    """``event`` moved so that it is dated after ``on``."""
    moved = dict(event)
    day = on + timedelta(days=1 + shift)
    if "from" in moved:
        length = 0
        if "to" in moved:
            length = (date.fromisoformat(moved["to"]) - date.fromisoformat(moved["from"])).days
            moved["to"] = (day + timedelta(days=length)).isoformat()
        moved["from"] = day.isoformat()
        if moved["type"] == "certificate":
            moved["date"] = day.isoformat()
    else:
        moved["date"] = day.isoformat()
    return moved


@SETTINGS
@given(cases(), eval_dates)
def test_never_crashes_and_is_deterministic(data: dict[str, Any], on: date) -> None:
    first = evaluate(parse_case(data), on).to_dict(explain=True)
    second = evaluate(parse_case(data), on).to_dict(explain=True)
    assert first == second
    assert first["on"] == on.isoformat()


@SETTINGS
@given(cases(), eval_dates)
def test_due_never_before_its_cause(data: dict[str, Any], on: date) -> None:
    for finding in evaluate(parse_case(data), on).findings:
        if finding.severity == "due":
            assert finding.due is not None
            if finding.date is not None:
                assert finding.due >= finding.date, finding
        else:
            assert finding.due is None


@SETTINGS
@given(cases(), eval_dates, events(), st.integers(min_value=0, max_value=60))
def test_event_after_on_changes_nothing(
    data: dict[str, Any], on: date, extra: dict[str, Any], shift: int
) -> None:
    before = evaluate(parse_case(data), on).to_dict(explain=True)
    data = {**data, "events": [*data["events"], _later(extra, on, shift)]}
    after = evaluate(parse_case(data), on).to_dict(explain=True)
    assert after == before


@SETTINGS
@given(cases())
def test_round_trip(data: dict[str, Any]) -> None:
    case = parse_case(data)
    assert parse_case(case.to_json_dict()) == case
