"""The contract's example cases evaluate as ``expected.json`` says."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from luotsi.rules import evaluate, parse_case

EXAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "contract" / "examples"
EXPECTED = EXAMPLES / "expected.json"

pytestmark = pytest.mark.skipif(
    not EXPECTED.is_file(), reason=f"shared contract examples not found at {EXAMPLES}"
)


def _expected() -> list[dict[str, object]]:
    if not EXPECTED.is_file():
        return []
    data: list[dict[str, object]] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("spec", _expected(), ids=lambda s: str(s["case"]))
def test_example(spec: dict[str, object]) -> None:
    path = EXAMPLES / f"{spec['case']}.json"
    case = parse_case(path.read_bytes(), source=str(path))
    result = evaluate(case, date.fromisoformat(str(spec["on"])))
    pairs = {(f.rule, f.severity) for f in result.findings}
    for rule, severity in spec["must_include"]:  # type: ignore[attr-defined]
        assert (rule, severity) in pairs
    for rule, severity in spec["must_not_include"]:  # type: ignore[attr-defined]
        assert (rule, severity) not in pairs
    if spec["no_violations"]:
        assert [f for f in result.findings if f.severity == "violation"] == []


@pytest.mark.parametrize("spec", _expected(), ids=lambda s: str(s["case"]))
def test_example_round_trips(spec: dict[str, object]) -> None:
    path = EXAMPLES / f"{spec['case']}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    case = parse_case(raw)
    assert case.to_json_dict() == raw
    assert parse_case(case.to_json_dict()) == case
