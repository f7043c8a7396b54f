"""The generated JSON Schema accepts what the parser accepts and rejects what it rejects."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings

from luotsi.rules import CaseFileError, json_schema, parse_case
from tests.conftest import examples
from tests.rules.builders import case, ev
from tests.rules.strategies import cases
from tests.shared import EXAMPLES, require

jsonschema = pytest.importorskip("jsonschema")
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_examples_match_the_schema() -> None:
    require(EXAMPLES)
    for path in sorted(EXAMPLES.glob("*.json")):
        if path.name != "expected.json":
            VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))


@settings(max_examples=examples(60), deadline=None)
@given(cases())
def test_generated_cases_match_the_schema(data: dict[str, Any]) -> None:
    VALIDATOR.validate(data)


@pytest.mark.parametrize(
    "bad",
    [
        {**case(), "extra": 1},
        {**case(), "service": "XX"},
        case(ev("meeting", date="2027-01-02", colour="red")),
        case(ev("holiday", date="2027-01-02")),
    ],
)
def test_schema_and_parser_both_reject(bad: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid(bad)
    with pytest.raises(CaseFileError):
        parse_case(bad)
