"""A user sets up two-factor login (TOTP) for themselves, and turns it off, with codes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_wait(settings):
    """django-otp makes a user wait after a wrong code (1 s, then 2, 4 ...): off for the
    flows, on in the test of the wait itself."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


PAGE = reverse("accounts:two_factor")
LOGIN = reverse("accounts:login")


def code(device, steps_ahead=0):
    """The code the app shows now (or ``steps_ahead`` 30-second steps later: a code is
    accepted once, so a second code in the same test comes from the next step)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead):06d}"


def test_set_up_with_the_qr_code_and_a_first_code(client, world, no_wait):
    client.force_login(world.coach)
    page = client.get(PAGE)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'class="otp-key"' in html
    [device] = TOTPDevice.objects.filter(user=world.coach)
    assert not device.confirmed and "issuer=Luotsi" in device.config_url
    client.get(PAGE)  # the same key while it is not confirmed
    assert TOTPDevice.objects.filter(user=world.coach).count() == 1

    wrong = client.post(PAGE, {"otp_token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "otp_token" in wrong.context["form"].errors
    device.refresh_from_db()
    assert not device.confirmed

    response = client.post(PAGE, {"otp_token": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # This session stays verified: client pages still open.
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    url = reverse("clients:detail", kwargs={"client_id": world.own_client.pk})
    assert client.get(url).status_code == 200

    # The next login needs a code.
    client.logout()
    login = client.post(LOGIN, {"username": "coach", "password": PASSWORD, "otp_token": ""})
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    login = client.post(
        LOGIN, {"username": "coach", "password": PASSWORD, "otp_token": code(device, 1)}
    )
    assert login.status_code == 302 and "_auth_user_id" in client.session


def test_turning_off_needs_a_current_code(client, world, no_wait):
    device = TOTPDevice.objects.create(user=world.coach, name="phone", confirmed=True)
    other = TOTPDevice.objects.create(user=world.coach_b, name="phone", confirmed=True)
    client.post(LOGIN, {"username": "coach", "password": PASSWORD, "otp_token": code(device)})
    page = client.get(PAGE)
    assert (
        page.status_code == 200 and page.context["enabled"] and "<svg" not in page.content.decode()
    )

    refused = client.post(PAGE, {"otp_token": "12345x"})
    assert "otp_token" in refused.context["form"].errors
    assert TOTPDevice.objects.filter(user=world.coach, confirmed=True).exists()

    assert client.post(PAGE, {"otp_token": code(device, 1)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.coach).exists()
    assert TOTPDevice.objects.filter(pk=other.pk).exists()  # nobody else's


def test_a_session_without_the_second_factor_cannot_turn_it_off(client, world):
    TOTPDevice.objects.create(user=world.coach, name="phone", confirmed=True)
    client.force_login(world.coach)  # password only
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_logged_out_users_are_sent_to_log_in(client, world):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not TOTPDevice.objects.exists()


def test_the_header_links_to_the_page(client, world):
    client.force_login(world.coach)
    assert f'href="{PAGE}"' in client.get(reverse("dashboards:home"), follow=True).content.decode()


def test_after_a_wrong_code_the_user_must_wait(client, world):
    client.force_login(world.coach)
    client.get(PAGE)
    device = TOTPDevice.objects.get(user=world.coach)
    client.post(PAGE, {"otp_token": "000000" if code(device) != "000000" else "111111"})
    response = client.post(PAGE, {"otp_token": code(device)})
    assert response.context["form"].errors["otp_token"][0].startswith("Liian monta")
    device.refresh_from_db()
    assert not device.confirmed
