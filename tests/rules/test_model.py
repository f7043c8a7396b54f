"""The case-file parser: defaults, validation and error pointers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from luotsi.rules import CaseFileError, parse_case
from luotsi.rules.model import Meeting, RehabDay, json_schema
from tests.rules.builders import case, day, ev


def _error(data: dict[str, Any] | str) -> CaseFileError:
    with pytest.raises(CaseFileError) as info:
        parse_case(data if isinstance(data, dict) else data.encode(), source="case.json")
    return info.value


def test_defaults_from_the_contract() -> None:
    parsed = parse_case(case(day("2027-03-01")))
    meeting, rehab = parsed.events
    assert isinstance(meeting, Meeting) and isinstance(rehab, RehabDay)
    assert (rehab.hours, rehab.workplace_hours, rehab.paid_work) == (6, 5, False)
    assert parsed.client.language == "fi"
    assert parsed.contract.offices == ("Pori, Yrjönkatu 1",)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["events"].append(ev("rehab_day", date="2026-13-01")),
         'case.json: /events/1/date: invalid date "2026-13-01"'),
        (lambda d: d["events"].append(ev("rehab_day", date="2027-01-02", hour=6)),
         "case.json: /events/1/hour: unknown field"),
        (lambda d: d["events"].append(ev("holiday", date="2027-01-02")),
         'case.json: /events/1/type: unknown event type "holiday"'),
        (lambda d: d["events"].append(ev("pause", from_="2027-02-02", to="2027-02-01")),
         "case.json: /events/1: "),
        (lambda d: d["decision"].pop("received"),
         "case.json: /decision/received: required field is missing"),
        (lambda d: d.update(service="XX"), "case.json: /service: "),
        (lambda d: d["client"].update(identity_code="020490-998Y"),
         "case.json: /client/identity_code: invalid identity code"),
        (lambda d: d["contract"].update(business_id="1234567-2"),
         "case.json: /contract/business_id: invalid business ID"),
        (lambda d: d.update(colour="red"), "case.json: /colour: unknown field"),
    ],
)  # fmt: skip
def test_errors_name_file_and_pointer(mutate: Any, message: str) -> None:
    data = case()
    mutate(data)
    assert str(_error(data)).startswith(message)
    assert str(_error(json.dumps(data))).startswith(message)


def test_valid_codes_accepted() -> None:
    data = case()
    data["client"]["identity_code"] = "020490-998X"  # temporary (900-999) code
    data["contract"]["business_id"] = "1234567-1"
    assert parse_case(data).client.identity_code == "020490-998X"


def test_all_services_accepted() -> None:
    for service in ("TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"):
        assert parse_case(case(service=service)).service == service


def test_not_json() -> None:
    assert str(_error("{nope")).startswith("case.json: /: not valid JSON")


def test_schema_describes_the_format() -> None:
    schema = json_schema()
    assert schema["title"] == "luotsi-case/1"
    assert set(schema["required"]) >= {"format", "id", "service", "decision", "events"}
    assert schema["additionalProperties"] is False
