"""Creating and editing clients: field-level errors, nothing saved on error, tenancy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from luotsi.access.models import ChangeLogEntry
from luotsi.clients.models import Client
from luotsi.clients.service import create_client, update_client
from luotsi.demo.identity import make_identity_code

pytestmark = pytest.mark.django_db

NEW_CODE = make_identity_code(dt.date(1991, 10, 12), 944)


def form_data(world, **overrides):
    data = {
        "first_name": "Uusi",
        "last_name": "Asiakas",
        "identity_code": NEW_CODE,
        "language": "sv",
        "phone": "+358 40 555 1234",
        "email": "uusi@example.fi",
        "address": "Testikatu 1, 28100 Pori",
        "responsible_coach": world.coach.pk,
        "team": world.team_a.pk,
    }
    data.update(overrides)
    return data


def test_a_coach_adds_a_client(client, world):
    client.force_login(world.coach)
    response = client.post(reverse("clients:create"), form_data(world))
    created = Client.objects.get(last_name="Asiakas")
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", kwargs={"client_id": created.pk})
    assert created.organisation == world.org
    assert created.identity_code == NEW_CODE
    assert created.birth_date == dt.date(1991, 10, 12)
    assert created.language == "sv"
    change = ChangeLogEntry.objects.get(client=created)
    assert change.action == "create"
    assert change.user == world.coach


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (NEW_CODE[:-1] + ("A" if NEW_CODE[-1] != "A" else "B"), "check character"),
        ("320191-944X", "impossible date"),
        ("abc", "not an identity code"),
        ("", "required"),
    ],
)
def test_an_invalid_identity_code_is_shown_at_the_field_and_nothing_is_saved(
    client, world, code, message
):
    client.force_login(world.coach)
    client.cookies["django_language"] = "en"  # the user chose English
    clients_before = Client.objects.count()
    changes_before = ChangeLogEntry.objects.count()
    response = client.post(reverse("clients:create"), form_data(world, identity_code=code))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["identity_code"]
    assert message in errors["identity_code"][0]
    assert Client.objects.count() == clients_before
    assert ChangeLogEntry.objects.count() == changes_before
    assert 'id="id_identity_code_error"' in response.content.decode()


def test_another_organisations_team_is_refused_at_the_field(world):
    from luotsi.organisations.models import Team

    other_team = Team.objects.get(organisation=world.other_org)
    with pytest.raises(ValidationError) as info:
        create_client(
            world.coach,
            identity_code=NEW_CODE,
            first_name="A",
            last_name="B",
            responsible_coach=world.other_coach,
            team=other_team,
        )
    assert set(info.value.error_dict) == {"responsible_coach", "team"}
    assert not Client.objects.filter(last_name="B").exists()


def test_a_coach_cannot_create_a_client_out_of_their_own_reach(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("clients:create"),
        form_data(world, responsible_coach=world.coach_b.pk, team=world.team_b.pk),
    )
    assert response.status_code == 200
    assert "team" in response.context["form"].errors
    assert not Client.objects.filter(last_name="Asiakas").exists()
    assert not ChangeLogEntry.objects.filter(object_type="client", action="create").exclude(
        client__in=[world.own_client, world.other_coach_client, world.other_org_client]
    )


def test_moving_a_client_out_of_reach_is_refused_and_rolled_back(world):
    with pytest.raises(ValidationError) as info:
        update_client(
            world.coach, world.own_client, responsible_coach=world.coach_b, team=world.team_b
        )
    assert "team" in info.value.error_dict
    world.own_client.refresh_from_db()
    assert world.own_client.team == world.team_a


def test_editing_the_identity_code_updates_the_hash_and_the_birth_date(client, world):
    update_client(world.coach, world.own_client, identity_code=NEW_CODE)
    stored = Client.objects.get(pk=world.own_client.pk)
    assert stored.identity_code == NEW_CODE
    assert stored.birth_date == dt.date(1991, 10, 12)
    client.force_login(world.coach)
    response = client.post(reverse("clients:list"), {"q": NEW_CODE})
    assert list(response.context["page"].object_list) == [stored]
    change = ChangeLogEntry.objects.filter(client=stored, action="edit").get()
    assert change.fields == ["identity_code"]


def test_an_unchanged_save_writes_no_change_row(world):
    before = ChangeLogEntry.objects.count()
    update_client(
        world.coach,
        world.own_client,
        first_name=world.own_client.first_name,
        identity_code=world.own_client.identity_code,
    )
    assert ChangeLogEntry.objects.count() == before


def test_an_invalid_email_is_shown_at_the_field(client, world):
    client.force_login(world.coach)
    url = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    response = client.post(
        url, form_data(world, identity_code=world.own_client.identity_code, email="not-an-email")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]


def _list_queries(client, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("clients:list"))
    assert response.status_code == 200
    return len(queries), response.content.decode().count("/clients/")


def test_client_list_queries_do_not_grow_with_the_clients(client, world):
    few, _ = _list_queries(client, world.quality_manager)
    for number in range(8):
        create_client(
            None,
            organisation=world.org,
            identity_code=make_identity_code(dt.date(1980, 1, number + 1), 950 + number),
            first_name=f"Lisä{number}",
            last_name="Asiakas",
            responsible_coach=world.coach if number % 2 else world.coach_b,
            team=world.team_a if number % 2 else world.team_b,
        )
    many, links = _list_queries(client, world.quality_manager)
    assert many == few
    assert links > 8
