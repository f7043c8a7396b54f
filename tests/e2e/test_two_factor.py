"""A coach sets up two-factor login in a real browser, by keyboard, and then needs the code."""

from __future__ import annotations

import os
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def code_for(key: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for the key as the page shows it."""
    secret = key.replace(" ", "")
    secret += "=" * (-len(secret) % 8)
    return f"{totp(b32decode(secret), drift=steps_ahead):06d}"


def log_in(page, token: str = "") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill("coach")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_label("Kertakäyttökoodi").fill(token)
    with page.expect_navigation():  # to the next page, or back to the form with its errors
        page.get_by_role("button", name="Kirjaudu sisään").click()


def test_a_coach_sets_up_two_factor_login_by_keyboard(page, world):
    log_in(page)
    page.get_by_role("link", name="Coach").press("Enter")  # their name in the header
    page.wait_for_url("**/accounts/two-factor/")
    assert page.locator("h1").inner_text() == "Kaksivaiheinen kirjautuminen"
    expect(page.locator("figure.qr svg")).to_be_visible()
    key = page.locator(".otp-key").inner_text()
    assert len(key.replace(" ", "")) == 32
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/two_factor_setup.png")

    field = page.get_by_label("Kertakäyttökoodi")
    field.fill(code_for(key))
    field.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("on nyt käytössä")
    assert TOTPDevice.objects.get(user=world.coach).confirmed
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/two_factor_on.png")

    with page.expect_navigation():
        page.get_by_role("button", name="Kirjaudu ulos").click()
    log_in(page)  # no code
    assert "/accounts/login/" in page.url
    # The same answer as a wrong password: no password oracle (docs/security.md).
    expect(page.get_by_role("alert")).to_contain_text(
        "Käyttäjätunnus, salasana tai kertakäyttökoodi on väärin"
    )
    log_in(page, code_for(key, 1))  # the next step's code: a code is accepted only once
    assert "/accounts/login/" not in page.url
