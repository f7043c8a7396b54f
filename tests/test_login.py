"""Login hardening: throttling (django-axes), optional TOTP (django-otp), sessions."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def attempt(client, username, password, token="", address="198.51.100.4", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "otp_token": token},
        REMOTE_ADDR=address,
        **extra,
    )


def logged_in(client):
    return "_auth_user_id" in client.session


def test_password_login_works(client, world):
    response = attempt(client, "coach", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_repeated_failures_lock_the_user_name_out(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "coach", "wrong password")
        assert response.status_code == 200
        assert not logged_in(client)
    # The failure that reaches the limit locks the user name out.
    assert attempt(client, "coach", "wrong password").status_code == 429
    # Now even the right password is refused.
    client.cookies["django_language"] = "en"  # the user chose English
    response = attempt(client, "coach", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    assert "Too many failed logins" in response.content.decode()
    # Another user from the same address is not locked out.
    assert attempt(client, "coachb", PASSWORD).status_code == 302


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(client, world):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "coach", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    response = attempt(client, "coach", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429
    assert not logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "coach", "wrong password")
    assert attempt(client, "coach", PASSWORD).status_code == 302


def make_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def current_token(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_user_with_a_totp_device_needs_the_code(client, world):
    make_device(world.coach)
    response = attempt(client, "coach", PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [INVALID_LOGIN]}
    assert not logged_in(client)
    response = attempt(client, "coach", PASSWORD, token="000000x")
    assert not logged_in(client)


INVALID_LOGIN = (
    "Käyttäjätunnus, salasana tai kertakäyttökoodi on väärin. Kertakäyttökoodia tarvitaan "
    "vain, jos olet ottanut kaksivaiheisen kirjautumisen käyttöön."
)


def _page_without_tokens(response) -> str:
    """The page, without what differs on every request (the CSRF token)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_right_password_without_the_code_answers_like_a_wrong_password(client, world):
    """No password oracle: a user with two-factor login gets the very same page for a right
    password without a code (or with a wrong code) as for a wrong password."""
    device = make_device(world.coach)
    wrong = "000000" if current_token(device) != "000000" else "111111"
    for token in ("", wrong):
        wrong_password = attempt(client, "coach", "wrong", token=token, address="198.51.100.5")
        right_password = attempt(client, "coach", PASSWORD, token=token, address="198.51.100.6")
        assert _page_without_tokens(wrong_password) == _page_without_tokens(right_password)
        assert INVALID_LOGIN in wrong_password.content.decode()
        for response in (wrong_password, right_password):
            assert response.status_code == 200
            assert response.context["form"].errors == {"__all__": [INVALID_LOGIN]}
    assert not logged_in(client)


def test_an_overlong_user_name_is_a_field_error(client, world):
    """Django's login form does not check the user name's length; the login throttle stores
    it in a 255-character column (a server error on PostgreSQL, found by fuzzing)."""
    response = attempt(client, "x" * 100_000, "wrong")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert not logged_in(client)


def test_the_right_code_logs_in_and_verifies_the_session(client, world):
    device = make_device(world.coach)
    response = attempt(client, "coach", PASSWORD, token=current_token(device))
    assert response.status_code == 302
    assert logged_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_wrong_codes_count_as_failed_logins(client, world):
    device = make_device(world.coach)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "coach", PASSWORD, token="123456")
    response = attempt(client, "coach", PASSWORD, token=current_token(device))
    assert response.status_code == 429
    assert not logged_in(client)


def test_an_unconfirmed_device_is_not_required(client, world):
    TOTPDevice.objects.create(user=world.coach, name="phone", confirmed=False)
    assert attempt(client, "coach", PASSWORD).status_code == 302


def test_the_admin_login_goes_through_luotsis_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert response["Location"].endswith("?next=/admin/")


def test_a_logged_in_user_who_is_not_staff_gets_403_from_the_admin_not_a_loop(client, world):
    client.force_login(world.administrator)  # not staff
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert [url for url, _status in response.redirect_chain] == ["/admin/login/?next=/admin/"]


def test_passwords_are_hashed_with_argon2_outside_tests():
    from luotsi.conf.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("a password").startswith("argon2$")


def test_session_settings():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_session_without_the_second_factor_cannot_open_client_data(client, world):
    client.force_login(world.coach)  # password only, as before the device existed
    url = reverse("clients:detail", kwargs={"client_id": world.own_client.pk})
    assert client.get(url).status_code == 200
    make_device(world.coach)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not logged_in(client)


def test_totp_enrolment_in_the_admin_shows_the_key_and_a_qr_code(client, world):
    operator = User.objects.create_superuser("operator", "op@example.fi", PASSWORD)
    device = make_device(world.coach)
    client.force_login(operator)
    config = client.get(reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk}))
    assert config.status_code == 200
    assert "otpauth://totp/" in config.content.decode()
    qr = client.get(reverse("admin:otp_totp_totpdevice_qrcode", kwargs={"pk": device.pk}))
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"


def test_the_test_client_login_works_in_the_test_settings(client, world):
    assert client.login(username="coach", password=PASSWORD)
    assert not client.login(username="coach", password="wrong")
