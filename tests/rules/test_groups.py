"""GROUP.MIN_START: below / at / above each minimum, and the postponement window."""

from __future__ import annotations

from datetime import date

import pytest

from luotsi.rules.groups import group_start

ON = date(2027, 2, 1)
D = [date(2027, 1, 10), date(2027, 1, 20)]


@pytest.mark.parametrize(
    ("max_size", "enrolled", "verdict"),
    [
        (10, 6, "may_postpone"),
        (10, 7, "must_start"),
        (10, 8, "must_start"),
        (9, 5, "may_postpone"),
        (9, 6, "must_start"),
        (8, 5, "may_postpone"),
        (8, 6, "must_start"),
        (7, 3, "may_postpone"),
        (7, 4, "must_start"),
        (6, 3, "may_postpone"),
        (6, 4, "must_start"),
        (5, 4, "cannot_determine"),
        (11, 9, "cannot_determine"),
    ],
)
def test_minimum_by_planned_size(max_size: int, enrolled: int, verdict: str) -> None:
    result = group_start(max_size, enrolled, D, ON)
    assert result.verdict == verdict
    assert result.notify is (verdict == "may_postpone")
    assert (result.latest is not None) is (verdict == "may_postpone")


def test_postponement_window_per_client() -> None:
    result = group_start(10, 6, [date(2027, 10, 31), date(2027, 9, 15)], ON)
    assert result.windows == (
        (date(2027, 9, 15), date(2027, 11, 15), date(2028, 1, 15)),
        (date(2027, 10, 31), date(2027, 12, 31), date(2028, 2, 29)),
    )
    assert result.latest == date(2028, 1, 15)  # the earliest client's 4 months


def test_dict_names_rule_source_and_parameter() -> None:
    out = group_start(10, 6, D, ON).to_dict("fi")
    assert out["rule"] == "GROUP.MIN_START" and out["postpone_until"] == "2027-05-10"
    assert "viranomaislinjalle" in out["message"]
    assert out["parameters"][0]["name"] == "group_min_start"


@pytest.mark.parametrize(("enrolled", "over"), [(9, False), (10, False), (11, True), (13, True)])
def test_group_max_flags_more_than_the_maximum(enrolled: int, over: bool) -> None:
    """GROUP.MAX (003 Vastaus 13): 13 enrolled for a maximum of 10 still must start, and is
    flagged."""
    result = group_start(10, enrolled, D, ON)
    assert result.verdict == "must_start"
    assert result.over_maximum is over
    out = result.to_dict("fi")
    assert [w["rule"] for w in out["warnings"]] == (["GROUP.MAX"] if over else [])
    if over:
        assert f"{enrolled} asiakasta" in out["warnings"][0]["message"]


@pytest.mark.parametrize(
    ("service", "enrolled", "verdict"),
    [
        ("TEAK-TV", 6, "not_postponed"),
        ("TEAK-TV", 7, "must_start"),
        ("TEAK-YHD", 3, "not_postponed"),
        ("TAITO", 6, "may_postpone"),
    ],
)
def test_teak_start_is_not_postponed_for_the_group_form(
    service: str, enrolled: int, verdict: str
) -> None:
    result = group_start(10, enrolled, D, ON, service)
    assert result.verdict == verdict
    assert result.notify is (verdict == "may_postpone")
    if verdict == "not_postponed":
        assert result.to_dict("fi")["source"] == "004 Ryhmämuotoinen kuntoutus"
