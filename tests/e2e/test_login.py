"""A coach logs in through a real browser and lands on the Finnish home page."""

import pytest
from playwright.sync_api import expect

from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_logs_in_and_switches_language(page):
    load_demo()
    page.goto("/")
    assert page.locator("h1").inner_text() == "Kirjaudu sisään"
    page.get_by_label("Käyttäjätunnus").fill("aino.koskinen")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.locator("h1")).to_contain_text("Tervetuloa, Aino")

    page.get_by_label("Kieli").select_option("sv")
    page.get_by_role("button", name="Vaihda").click()
    expect(page.locator("h1")).to_contain_text("Välkommen, Aino")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_wrong_password_shows_an_error(page):
    load_demo()
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill("aino.koskinen")
    page.get_by_label("Salasana").fill("not-the-password")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.get_by_role("alert")).to_be_visible()
