"""Boundary tables for the staff register's rules (TEAM.MIN_COACHES, STAFF.FIRST_AID,
STAFF.TRAINING, STAFF.WORK_PAIR): the day before, the day, the day after."""

from __future__ import annotations

import datetime as dt

import pytest

from luotsi.rules.quality.staff import (
    COACH,
    FIRST_AID,
    Absence,
    Member,
    Register,
    Training,
    evaluate_staff,
    first_aid,
    first_aid_valid_until,
    min_coaches,
    training_due,
    work_pair,
    working_days,
)

D = dt.date
ON = D(2026, 6, 1)  # a Monday
AID = Training(FIRST_AID, "EA 1", D(2025, 1, 1), D(2027, 12, 31))


def coach(name: str, *absences: Absence, team: str = "A", services=("TK",)) -> Member:
    return Member(
        name=name, roles=frozenset({COACH}), services=frozenset(services),
        offices=frozenset({"Pori"}), teams=frozenset({team}), absences=absences,
        trainings=(AID,),
    )  # fmt: skip


def register(*members: Member) -> Register:
    return Register(members=members, teams=("A",), offices=("Pori",))


def test_working_days_skip_weekends_and_public_holidays() -> None:
    days = working_days(ON)
    assert D(2026, 6, 6) not in days  # Saturday
    assert D(2026, 6, 19) not in days  # Midsummer Eve (juhannusaatto), a day off in the calendar
    assert D(2026, 6, 22) in days  # the Monday after
    assert days[0] == ON and days[-1] <= ON + dt.timedelta(days=120)


@pytest.mark.parametrize(
    ("holiday_start", "expected"),
    [
        # One of three coaches on holiday from ... : the team is short from that day.
        (D(2026, 5, 29), ("violation", None, ON)),  # began before: short today
        (ON, ("violation", None, ON)),  # begins today
        (D(2026, 6, 2), ("due", D(2026, 6, 2), D(2026, 6, 2))),  # tomorrow: due then
    ],
)
def test_min_coaches_counts_absences(holiday_start, expected) -> None:
    away = Absence(holiday_start, D(2026, 6, 12))
    found = min_coaches(register(coach("Aino"), coach("Bertta"), coach("Cecilia", away)), ON)
    assert [(f.rule, f.severity, f.due, f.date) for f in found] == [("TEAM.MIN_COACHES", *expected)]
    assert dict(found[0].args)["end"] == "2026-06-12"
    assert dict(found[0].args)["count"] == 2


@pytest.mark.parametrize(
    ("coaches", "findings"),
    [(2, 1), (3, 0), (4, 0)],  # the minimum is 3: two short, three enough, four enough
)
def test_min_coaches_minimum(coaches, findings) -> None:
    members = [coach(name) for name in ("Aino", "Bertta", "Cecilia", "Doris")[:coaches]]
    assert len(min_coaches(register(*members), ON)) == findings


def test_min_coaches_a_fourth_coach_stands_in_for_a_holiday() -> None:
    away = Absence(D(2026, 7, 1), D(2026, 7, 31))
    members = [coach("Aino"), coach("Bertta"), coach("Cecilia", away), coach("Doris")]
    assert min_coaches(register(*members), ON) == []
    both = [coach("Aino"), coach("Bertta", away), coach("Cecilia", away), coach("Doris")]
    found = min_coaches(register(*both), ON)
    assert [(f.due, dict(f.args)["end"], dict(f.args)["count"]) for f in found] == [
        (D(2026, 7, 1), "2026-07-31", 2)
    ]


def test_min_coaches_ignores_teams_without_tk_or_tv_and_non_coaches() -> None:
    teak = [coach(n, services=("TEAK-TK",)) for n in ("Aino", "Bertta")]
    assert min_coaches(register(*teak), ON) == []
    psychologist = Member(
        "Pirjo",
        roles=frozenset({"psychologist"}),
        services=frozenset({"TK"}),
        teams=frozenset({"A"}),
    )
    found = min_coaches(register(coach("Aino"), coach("Bertta"), psychologist), ON)
    assert len(found) == 1 and dict(found[0].args)["count"] == 2


def test_min_coaches_absence_over_a_weekend_only_is_no_gap() -> None:
    weekend = Absence(D(2026, 6, 6), D(2026, 6, 7))
    assert (
        min_coaches(register(coach("Aino"), coach("Bertta"), coach("Cecilia", weekend)), ON) == []
    )


@pytest.mark.parametrize(
    ("completed", "valid_until"),
    [
        (D(2023, 6, 1), D(2026, 5, 31)),
        (
            D(2024, 2, 29),
            D(2027, 2, 27),
        ),  # a leap day: three years later is 28.2., valid until the day before
    ],
)
def test_first_aid_is_valid_three_years(completed, valid_until) -> None:
    assert first_aid_valid_until(completed) == valid_until


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        (D(2026, 5, 31), ("violation", None, ON)),  # expired the day before: missing today
        (ON, ("due", D(2026, 6, 2), D(2026, 6, 2))),  # valid today, missing from tomorrow
        (D(2026, 6, 2), ("due", D(2026, 6, 3), D(2026, 6, 3))),
    ],
)
def test_first_aid_readiness_at_every_office(valid_until, expected) -> None:
    only = Member(
        "Aino",
        offices=frozenset({"Pori"}),
        trainings=(Training(FIRST_AID, "EA 1", D(2023, 1, 1), valid_until),),
    )
    found = first_aid(Register(members=(only,), offices=("Pori",)), ON)
    assert [(f.rule, f.severity, f.due, f.date) for f in found] == [("STAFF.FIRST_AID", *expected)]
    assert dict(found[0].args)["office"] == "Pori"


def test_first_aid_someone_absent_does_not_count() -> None:
    away = Absence(D(2026, 6, 8), D(2026, 6, 9))
    aino = Member("Aino", offices=frozenset({"Pori"}), trainings=(AID,), absences=(away,))
    bea = Member("Bea", offices=frozenset({"Pori"}))  # no first aid
    found = first_aid(Register(members=(aino, bea), offices=("Pori", "Rauma")), ON)
    assert [(dict(f.args)["office"], f.date, dict(f.args)["end"]) for f in found] == [
        ("Pori", D(2026, 6, 8), "2026-06-09"),
        ("Rauma", ON, "2026-09-29"),  # nobody works at Rauma: missing all along
    ]


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        (D(2026, 7, 30), ("due", D(2026, 7, 30))),  # 59 days ahead: due
        (D(2026, 7, 31), ("due", D(2026, 7, 31))),  # 60 days ahead: due
        (D(2026, 8, 1), None),  # 61 days ahead: not yet
        (D(2026, 5, 31), ("warning", None)),  # expired yesterday
        (ON, ("due", ON)),  # the last valid day
    ],
)
def test_training_due_within_60_days(valid_until, expected) -> None:
    member = Member("Aino", trainings=(Training(FIRST_AID, "EA 1", D(2023, 8, 1), valid_until),))
    found = training_due(Register(members=(member,)), ON)
    assert [(f.severity, f.due) for f in found] == ([expected] if expected else [])


def test_training_due_looks_at_the_latest_of_a_kind_and_skips_lasting_ones() -> None:
    old = Training(FIRST_AID, "EA 1", D(2022, 1, 1), D(2024, 12, 31))
    new = Training(FIRST_AID, "EA 1", D(2025, 1, 1), D(2027, 12, 31))
    lasting = Training("safety", "Työturvallisuuskortti", D(2020, 1, 1), None)
    assert (
        training_due(Register(members=(Member("Aino", trainings=(old, new, lasting)),)), ON) == []
    )


def pair_member(name: str, *absences: Absence, office: str = "Pori") -> Member:
    return Member(
        name, services=frozenset({"TEAK-TK"}), offices=frozenset({office}), absences=absences
    )


@pytest.mark.parametrize(
    ("absence_start", "expected"),
    [
        (D(2026, 5, 29), ("violation", None, ON)),
        (ON, ("violation", None, ON)),
        (D(2026, 6, 2), ("due", D(2026, 6, 2), D(2026, 6, 2))),
    ],
)
def test_work_pair(absence_start, expected) -> None:
    away = Absence(absence_start, D(2026, 6, 5))
    found = work_pair(
        Register(members=(pair_member("Aino"), pair_member("Bea", away)), offices=("Pori",)), ON
    )
    assert [(f.rule, f.severity, f.due, f.date) for f in found] == [("STAFF.WORK_PAIR", *expected)]
    assert dict(found[0].args)["count"] == 1


def test_work_pair_only_where_the_service_is_delivered() -> None:
    reg = Register(members=(pair_member("Aino"), pair_member("Bea")), offices=("Pori", "Rauma"))
    assert work_pair(reg, ON) == []
    alone = Register(
        members=(pair_member("Aino"), pair_member("Bea", office="Rauma")), offices=("Pori", "Rauma")
    )
    assert sorted(dict(f.args)["office"] for f in work_pair(alone, ON)) == ["Pori", "Rauma"]


def test_every_finding_renders_in_every_language() -> None:
    reg = Register(
        members=(coach("Aino"), pair_member("Bea")), teams=("A",), offices=("Pori", "Rauma")
    )
    found = evaluate_staff(reg, ON).findings
    assert {f.rule for f in found} >= {"TEAM.MIN_COACHES", "STAFF.FIRST_AID", "STAFF.WORK_PAIR"}
    for finding in found:
        for lang in ("fi", "sv", "en"):
            text = finding.message(lang)
            assert "{" not in text and text
    one = next(f for f in found if f.rule == "TEAM.MIN_COACHES")
    assert "vain 1 valmentaja " in one.message("fi") and "1.6.2026" in one.message("fi")
