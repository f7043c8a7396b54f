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
