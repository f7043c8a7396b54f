"""The staff register's service: validation naming the field, change log, and the stored
findings recomputed on every change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from luotsi.access.models import ChangeLogEntry
from luotsi.staff import service as staff
from luotsi.staff.models import StaffFinding, StaffMember

from .conftest import ON


def rules_of(org) -> list[str]:
    return sorted(StaffFinding.objects.filter(organisation=org).values_list("rule", flat=True))


def test_findings_are_recomputed_on_each_change(register) -> None:
    org = register.world.org
    # Rauma has nobody: no first aid there. Team A has its three coaches.
    assert rules_of(org) == ["STAFF.FIRST_AID"]
    staff.add_absence(
        None,
        register.coaches[2],
        kind="holiday",
        start=dt.date(2026, 7, 1),
        end=dt.date(2026, 7, 20),
        on=ON,
    )
    assert rules_of(org) == ["STAFF.FIRST_AID", "TEAM.MIN_COACHES"]
    short = StaffFinding.objects.get(rule="TEAM.MIN_COACHES")
    assert short.severity == "due" and short.due == dt.date(2026, 7, 1)
    assert (
        "Tiimi A" in short.message_fi
        and "1.7.2026" in short.message_fi
        and "20.7.2026" in short.message_fi
    )
    absence = register.coaches[2].absences.get()
    staff.remove_absence(None, absence, on=ON)
    assert rules_of(org) == ["STAFF.FIRST_AID"]


def test_first_aid_expiring_is_due_and_validity_is_three_years(register) -> None:
    org = register.world.org
    member = register.coaches[1]
    training = staff.add_training(
        None, member, kind=register.aid, completed_on=dt.date(2023, 7, 1), on=ON
    )
    assert training.valid_until == dt.date(2026, 6, 30)
    due = StaffFinding.objects.get(organisation=org, rule="STAFF.TRAINING")
    assert due.severity == "due" and due.due == dt.date(2026, 6, 30)
    assert "Bertta Valmentaja" in due.message_fi
    lasting = staff.add_training(
        None, member, kind=register.safety, completed_on=dt.date(2024, 1, 15), on=ON
    )
    assert lasting.valid_until == dt.date(2029, 1, 14)


def test_changes_are_logged_without_a_client(register) -> None:
    qm = register.world.quality_manager
    member = staff.save_member(
        qm,
        register.world.org,
        member=register.coaches[0],
        qualifications="Sosionomi (AMK)",
        offices=[register.pori],
        teams=[register.world.team_a],
        on=ON,
    )
    entry = ChangeLogEntry.objects.filter(
        object_type="staff_member", object_id=str(member.pk)
    ).first()
    assert entry.client_id is None and entry.user == qm and entry.fields == ["qualifications"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": " "}, "first_name"),
        ({"role": "wizard"}, "role"),
        ({"services": ["XX"]}, "services"),
        (
            {"active_from": dt.date(2026, 2, 1), "active_until": dt.date(2026, 1, 31)},
            "active_until",
        ),
        ({"active_from": dt.date(1800, 1, 1)}, "active_from"),
    ],
)
def test_bad_member_data_names_the_field_and_saves_nothing(register, data, field) -> None:
    fields = {
        "first_name": "Uusi",
        "last_name": "Henkilö",
        "role": "coach",
        "services": ["TK"],
        **data,
    }
    before = StaffMember.objects.count()
    with pytest.raises(ValidationError) as refused:
        staff.save_member(None, register.world.org, on=ON, **fields)
    assert field in refused.value.error_dict
    assert StaffMember.objects.count() == before


def test_absence_end_before_start_is_refused(register) -> None:
    with pytest.raises(ValidationError) as refused:
        staff.add_absence(
            None,
            register.coaches[0],
            kind="holiday",
            start=dt.date(2026, 7, 2),
            end=dt.date(2026, 7, 1),
            on=ON,
        )
    assert "end" in refused.value.error_dict


def test_a_training_in_the_future_is_refused(register) -> None:
    with pytest.raises(ValidationError) as refused:
        staff.add_training(
            None, register.coaches[0], kind=register.aid, completed_on=dt.date(2026, 6, 2), on=ON
        )
    assert "completed_on" in refused.value.error_dict


def test_only_quality_manager_or_administrator_of_the_organisation(register) -> None:
    w = register.world
    for user in (w.coach, w.team_lead, w.other_administrator):
        with pytest.raises(PermissionDenied):
            staff.save_member(user, w.org, first_name="X", last_name="Y", role="coach")
    staff.save_member(w.administrator, w.org, first_name="X", last_name="Y", role="other", on=ON)


def test_offices_of_another_organisation_are_refused(register) -> None:
    from luotsi.organisations.models import Office

    foreign = Office.objects.create(
        organisation=register.world.other_org,
        name="Muu",
        street_address="Katu 1",
        postal_code="00100",
        city="Helsinki",
    )
    with pytest.raises(ValidationError) as refused:
        staff.save_member(
            None, register.world.org, first_name="X", last_name="Y", role="coach", offices=[foreign]
        )
    assert "offices" in refused.value.error_dict
