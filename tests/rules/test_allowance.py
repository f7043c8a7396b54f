"""The rehabilitation allowance (ALLOWANCE.*): boundary tables for the report and findings.

Decision received Mon 2027-01-04, first meeting Mon 2027-01-11, TEAK-TV, allowance applied
for; a certificate covers January-March unless a row says otherwise.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import pytest

from luotsi.rules import evaluate, parse_case
from tests.rules.builders import case, day, ev

CERT = {"author_name": "V. Virtanen", "author_phone": "+358 40 1"}
Q1 = ev("certificate", date="2027-01-11", from_="2027-01-01", to="2027-03-31", **CERT)


def allowance_case(
    *events: dict[str, Any], working_life: bool = False, cert: bool = True, **kw: Any
) -> dict[str, Any]:
    data = case(*events, *([Q1] if cert else []), service="TEAK-TV", **kw)
    data["client"]["in_working_life_at_start"] = working_life
    return data


def flex(days: int | None = 3, reason: str = "capacity") -> dict[str, Any]:
    return ev("flex", from_="2027-02-01", to="2027-02-07", days_per_week=days, reason=reason)


class Row(NamedTuple):
    label: str
    case: dict[str, Any]
    day: str
    reason: str | None  # None: payable; "waiting"/"interim": a counted waiting/interim day
    rule: str | None = None  # the finding expected (None: no ALLOWANCE finding for the day)
    on: str = "2027-03-31"


ROWS = [
    Row("Saturday", allowance_case(day("2027-01-16")), "2027-01-16", None),
    Row("Sunday", allowance_case(day("2027-01-17")), "2027-01-17", "sunday", "ALLOWANCE.DAYS"),
    Row("Monday", allowance_case(day("2027-01-18")), "2027-01-18", None),
    Row(
        "Epiphany",
        allowance_case(day("2027-01-06")),
        "2027-01-06",
        "public_holiday",
        "ALLOWANCE.DAYS",
    ),
    Row(
        "certificate ends the day before",
        allowance_case(
            day("2027-01-20"),
            ev("certificate", date="2027-01-19", from_="2027-01-11", to="2027-01-19", **CERT),
            cert=False,
        ),
        "2027-01-20",
        "no_certificate",
    ),
    Row(
        "certificate ends on the day",
        allowance_case(
            day("2027-01-20"),
            ev("certificate", date="2027-01-20", from_="2027-01-11", to="2027-01-20", **CERT),
            cert=False,
        ),
        "2027-01-20",
        None,
    ),
    Row(
        "sickness day",
        allowance_case(
            ev("absence", from_="2027-01-20", to="2027-01-20", reason="sickness"), day("2027-01-20")
        ),
        "2027-01-20",
        "absence",
    ),
    # Flex: capacity reason, >= 3 days that week, the client does not work that day
    Row(
        "flex 3 days that week",
        allowance_case(flex(), day("2027-02-01"), day("2027-02-02"), day("2027-02-03")),
        "2027-02-01",
        None,
    ),
    Row(
        "flex 2 days that week",
        allowance_case(flex(), day("2027-02-01"), day("2027-02-02")),
        "2027-02-01",
        "flex_under_min_days",
        "ALLOWANCE.FLEX",
    ),
    Row(
        "flex planned 2 a week",
        allowance_case(flex(2), day("2027-02-01"), day("2027-02-02"), day("2027-02-03")),
        "2027-02-01",
        "flex_under_min_days",
        "ALLOWANCE.FLEX",
    ),
    Row(
        "flex 4 days that week",
        allowance_case(flex(4), *(day(f"2027-02-0{i}") for i in range(1, 5))),
        "2027-02-01",
        None,
    ),
    Row(
        "flex for a client reason",
        allowance_case(flex(reason="client"), *(day(f"2027-02-0{i}") for i in range(1, 4))),
        "2027-02-01",
        "flex_not_capacity",
        "ALLOWANCE.FLEX",
    ),
    Row(
        "flex day worked",
        allowance_case(
            flex(), day("2027-02-01", client_worked=True), day("2027-02-02"), day("2027-02-03")
        ),
        "2027-02-01",
        "flex_client_worked",
        "ALLOWANCE.FLEX",
    ),
    # Working life at the start: >= 4 h, no work
    Row(
        "working life 3.5 h",
        allowance_case(day("2027-01-20", hours=3.5), working_life=True),
        "2027-01-20",
        "working_life_short_day",
        "ALLOWANCE.WORK",
    ),
    Row(
        "working life 4 h",
        allowance_case(day("2027-01-20", hours=4), working_life=True),
        "2027-01-20",
        None,
    ),
    Row(
        "working life 4.5 h",
        allowance_case(day("2027-01-20", hours=4.5), working_life=True),
        "2027-01-20",
        None,
    ),
    Row(
        "outside working life 3.5 h",
        allowance_case(day("2027-01-20", hours=3.5)),
        "2027-01-20",
        None,
    ),
    Row(
        "working life, worked",
        allowance_case(day("2027-01-20", client_worked=True), working_life=True),
        "2027-01-20",
        "working_life_worked",
        "ALLOWANCE.WORK",
    ),
    Row(
        "outside working life, worked",
        allowance_case(day("2027-01-20", client_worked=True)),
        "2027-01-20",
        None,
    ),
    # Interim: pauses the client cannot influence
    Row(
        "interim, employer delay",
        allowance_case(ev("pause", from_="2027-02-01", to="2027-02-07", reason="employer_delay")),
        "2027-02-01",
        "interim",
    ),
    Row(
        "interim, client's own",
        allowance_case(ev("pause", from_="2027-02-01", to="2027-02-07", reason="client_own")),
        "2027-02-01",
        "interim_self_chosen",
        "ALLOWANCE.WAIT_INTERIM",
    ),
    Row(
        "interim, reason unknown",
        allowance_case(ev("pause", from_="2027-02-01", to="2027-02-07")),
        "2027-02-01",
        "interim_reason_unknown",
        "ALLOWANCE.WAIT_INTERIM",
    ),
    # Waiting time from 2027-01-07 (decision 2027-01-06): its 75th allowance day (3 months x
    # 25 days, Kela's convention) is 2027-04-06 (no start yet)
    Row(
        "waiting, day before the cap end",
        allowance_case(first_meeting=None, received="2027-01-06"),
        "2027-04-05",
        "waiting",
        on="2027-04-05",
    ),
    Row(
        "waiting, last day of the cap",
        allowance_case(first_meeting=None, received="2027-01-06"),
        "2027-04-06",
        "waiting",
        on="2027-04-06",
    ),
    Row(
        "waiting, day after the cap",
        allowance_case(first_meeting=None, received="2027-01-06"),
        "2027-04-07",
        "wait_cap",
        "ALLOWANCE.WAIT_INTERIM",
        on="2027-04-10",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.label for r in ROWS])
def test_allowance_day(row: Row) -> None:
    result = evaluate(parse_case(row.case), date.fromisoformat(row.on))
    out = result.to_dict()
    report = out["allowance"]
    excluded = {e["date"]: e["reason"] for e in report["excluded"]}
    if row.reason is None:
        assert row.day not in excluded
        assert row.day in report["payable"]
    elif row.reason in ("waiting", "interim"):
        assert row.day not in excluded
        assert row.day in report[row.reason]
        assert row.day not in report["payable"]
    else:
        assert excluded.get(row.day) == row.reason
        assert row.day not in report["payable"]
    if row.rule is not None:
        assert [
            f
            for f in result.findings
            if f.rule == row.rule and f.date and f.date.isoformat() <= row.day
        ]
    else:
        assert not [f for f in result.findings if f.rule.startswith("ALLOWANCE.")], [
            f.message() for f in result.findings if f.rule.startswith("ALLOWANCE.")
        ]


def test_counts_waiting_and_interim_days() -> None:
    data = allowance_case(
        ev("pause", from_="2027-02-01", to="2027-02-07", reason="employer_delay"), day("2027-01-12")
    )
    report = evaluate(parse_case(data), date(2027, 3, 1)).to_dict()["allowance"]
    # waiting 2027-01-05..2027-01-10: Tue, Thu, Fri, Sat (Wed 6th is Epiphany, Sun 10th)
    assert report["waiting_days"] == 4
    # interim Mon-Sat 2027-02-01..06
    assert report["interim_days"] == 6
    assert report["payable"] == ["2027-01-11", "2027-01-12"]
    assert report["payable_count"] == 2


def test_waiting_cap_counts() -> None:
    # Waiting from 2027-01-05: its 75th allowance day (3 months x 25 days) is 2027-04-05.
    data = allowance_case(first_meeting=None)
    before = evaluate(parse_case(data), date(2027, 4, 5)).to_dict()["allowance"]
    after = evaluate(parse_case(data), date(2027, 4, 10)).to_dict()["allowance"]
    assert before["waiting_days"] == after["waiting_days"] == 75
    assert "wait_cap" not in {e["reason"] for e in before["excluded"]}


def test_no_allowance_key_when_not_applied_for() -> None:
    data = allowance_case(day("2027-01-17"), applies_allowance=False)
    result = evaluate(parse_case(data), date(2027, 3, 1))
    assert "allowance" not in result.to_dict()
    assert not [f for f in result.findings if f.rule.startswith("ALLOWANCE.")]


def test_explain_names_the_parameters() -> None:
    data = allowance_case(flex(), day("2027-02-01"), day("2027-02-02"))
    result = evaluate(parse_case(data), date(2027, 3, 1)).to_dict(lang="fi", explain=True)
    found = [f for f in result["findings"] if f["rule"] == "ALLOWANCE.FLEX"]
    assert found and "viikossa" in found[0]["message"]
    names = {p["name"] for p in found[0]["explain"]["parameters"]}
    assert "flex_min_days_per_week" in names
