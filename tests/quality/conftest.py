"""A staff register for the ``world`` organisation: two offices, three TK coaches."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from luotsi.organisations.models import Office
from luotsi.staff import service as staff

ON = dt.date(2026, 6, 1)


@pytest.fixture
def register(world):
    org = world.org
    pori = Office.objects.create(
        organisation=org,
        name="Pori",
        street_address="Itsenäisyydenkatu 1",
        postal_code="28100",
        city="Pori",
    )
    rauma = Office.objects.create(
        organisation=org,
        name="Rauma",
        street_address="Kuninkaankatu 2",
        postal_code="26100",
        city="Rauma",
    )
    aid = staff.save_training_kind(None, org, name="Ensiapu EA 1", is_first_aid=True)
    safety = staff.save_training_kind(None, org, name="Työturvallisuuskortti", validity_months=60)
    coaches = []
    for first in ("Aino", "Bertta", "Cecilia"):
        coaches.append(
            staff.save_member(
                None,
                org,
                first_name=first,
                last_name="Valmentaja",
                role="coach",
                services=["TK", "TV"],
                offices=[pori],
                teams=[world.team_a],
                on=ON,
            )
        )
    staff.add_training(None, coaches[0], kind=aid, completed_on=dt.date(2025, 1, 10), on=ON)
    return SimpleNamespace(
        pori=pori, rauma=rauma, aid=aid, safety=safety, coaches=coaches, world=world
    )
