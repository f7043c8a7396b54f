"""The administrator's user page: roles, two-factor status, deactivation through the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts import service
from luotsi.accounts.models import StaffChangeLogEntry

pytestmark = pytest.mark.django_db
URL = reverse("accounts:users")


def test_the_page_lists_the_organisations_users_with_roles_and_two_factor(
    client, world, django_assert_max_num_queries
):
    TOTPDevice.objects.create(user=world.coach, name="Luotsi", confirmed=True)
    client.force_login(world.administrator)
    with django_assert_max_num_queries(16):
        response = client.get(URL)
    assert response.status_code == 200
    people = {person.username: person for person in response.context["people"]}
    assert set(people) == {
        "coach",
        "coachb",
        "lead",
        "quality",
        "admin",
        "billing",
    }  # not the other org's
    assert people["coach"].two_factor and not people["coachb"].two_factor
    html = response.content.decode()
    assert "Laatupäällikkö" in html  # the roles, in the UI language


def test_deactivating_ends_access_and_is_logged(client, world):
    client.force_login(world.administrator)
    response = client.post(
        reverse("accounts:set_active", kwargs={"user_id": world.coach.pk}), {"active": "0"}
    )
    assert response.status_code == 302
    world.coach.refresh_from_db()
    assert not world.coach.is_active
    entry = StaffChangeLogEntry.objects.get()
    assert (entry.actor, entry.user, entry.change) == (
        world.administrator,
        world.coach,
        "deactivated",
    )
    client.force_login(world.coach)  # force_login does not check; the backend's session load does
    assert client.get(reverse("clients:dashboard")).status_code == 302  # to the login page
    client.force_login(world.administrator)
    client.post(reverse("accounts:set_active", kwargs={"user_id": world.coach.pk}), {"active": "1"})
    world.coach.refresh_from_db()
    assert world.coach.is_active
    assert StaffChangeLogEntry.objects.count() == 2


def test_refusals(client, world):
    with pytest.raises(ValidationError):
        service.set_active(world.administrator, world.administrator, False)
    with pytest.raises(PermissionDenied):
        service.set_active(world.administrator, world.other_coach, False)
    with pytest.raises(PermissionDenied):
        service.set_active(world.coach, world.coach_b, False)
    for user in (world.coach, world.team_lead, world.quality_manager):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        response = client.post(reverse("accounts:set_active", kwargs={"user_id": world.coach_b.pk}))
        assert response.status_code == 403
    client.force_login(world.other_administrator)
    response = client.post(reverse("accounts:set_active", kwargs={"user_id": world.coach.pk}))
    assert response.status_code == 404
    world.coach.refresh_from_db()
    assert world.coach.is_active
    assert not StaffChangeLogEntry.objects.exists()


def test_a_get_of_the_post_only_address_goes_to_the_users_page(client, world):
    client.force_login(world.administrator)
    response = client.get(reverse("accounts:set_active", kwargs={"user_id": world.coach.pk}))
    assert response.status_code == 302
    assert response["Location"] == URL
