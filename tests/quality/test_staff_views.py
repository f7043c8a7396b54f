"""The staff register's pages: who may open them, forms with errors at the field, and a
query count that does not grow with the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from luotsi.staff import service as staff
from luotsi.staff.models import StaffAbsence, StaffMember, Training
from tests.factories import PASSWORD

from .conftest import ON


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_the_register_lists_members_trainings_and_findings(client, register) -> None:
    login(client, register.world.quality_manager)
    page = client.get(reverse("staff:register"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Valmentaja, Aino" in text and "Ensiapu EA 1" in text
    assert "STAFF.FIRST_AID" in text and "Rauma" in text


def test_the_register_query_count_does_not_grow(
    client, register, django_assert_max_num_queries
) -> None:
    org = register.world.org
    login(client, register.world.quality_manager)
    with django_assert_max_num_queries(
        17
    ) as few:  # session, user, device, roles, organisation, 6 register, findings, session save
        client.get(reverse("staff:register"))
    for i in range(8):
        m = staff.save_member(
            None,
            org,
            first_name=f"N{i}",
            last_name="Lisä",
            role="coach",
            services=["TK"],
            offices=[register.pori],
            teams=[register.world.team_a],
            on=ON,
        )
        staff.add_training(None, m, kind=register.aid, completed_on=dt.date(2024, 1, 1), on=ON)
        staff.add_absence(
            None, m, kind="holiday", start=dt.date(2026, 7, 1), end=dt.date(2026, 7, 2), on=ON
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("staff:register"))


def test_adding_a_member_training_and_absence_through_the_pages(client, register) -> None:
    w = register.world
    login(client, w.quality_manager)
    response = client.post(
        reverse("staff:member_create"),
        {
            "first_name": "Doris",
            "last_name": "Uusi",
            "role": "psychologist",
            "services": ["TK"],
            "offices": [register.rauma.pk],
        },
    )
    member = StaffMember.objects.get(first_name="Doris")
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:member", kwargs={"member_id": member.pk}
    )
    url = reverse("staff:training_add", kwargs={"member_id": member.pk})
    assert (
        client.post(
            url, {"training-kind": register.aid.pk, "training-completed_on": "2026-05-01"}
        ).status_code
        == 302
    )
    assert Training.objects.get(member=member).valid_until == dt.date(2029, 4, 30)
    url = reverse("staff:absence_add", kwargs={"member_id": member.pk})
    bad = client.post(
        url, {"absence-kind": "holiday", "absence-start": "2026-07-10", "absence-end": "2026-07-01"}
    )
    assert bad.status_code == 200 and list(bad.context["absence_form"].errors) == ["end"]
    assert "Päättyminen ei voi olla ennen alkamista." in bad.content.decode()
    assert not StaffAbsence.objects.filter(member=member).exists()
    assert (
        client.get(url).status_code == 302
    )  # a GET on the POST-only address goes back to the page


def test_a_bad_member_form_names_the_field(client, register) -> None:
    login(client, register.world.quality_manager)
    response = client.post(
        reverse("staff:member_create"),
        {"first_name": "", "last_name": "X", "role": "coach", "active_until": "1800-01-01"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"first_name", "active_until"}


QUALITY_URLS = [
    ("staff:register", {}),
    ("staff:member_create", {}),
    ("staff:training_kinds", {}),
    ("staff:member", {"member_id": "member"}),
    ("quality:home", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), QUALITY_URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("quality_manager", 200),
        ("administrator", 200),
        ("coach", 403),
        ("team_lead", 403),
        ("other_administrator", 404),
    ],
)
def test_authorization_matrix(client, register, name, kwargs, role, status) -> None:
    w = register.world
    member = register.coaches[0]
    kwargs = dict.fromkeys(kwargs, member.pk)
    login(client, getattr(w, role))
    expected = 200 if (status == 404 and not kwargs) else status
    if role == "other_administrator" and not kwargs:
        expected = 200  # their own organisation's (empty) page
    assert client.get(reverse(name, kwargs=kwargs)).status_code == expected


def test_anonymous_goes_to_the_login(client, register) -> None:
    response = client.get(reverse("staff:register"))
    assert response.status_code == 302 and "login" in response["Location"]
