"""A coach makes, edits and finalises a feedback report in a real browser, by keyboard."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from luotsi.casedocs.models import Document, Status
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import case_file
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_feedback_report_by_keyboard(page, world):
    world.coach.phone = "040 765 4321"
    world.coach.save()
    ended = case_file()
    ended["events"].append({"type": "end", "date": "2026-03-31", "reason": "completed"})
    case = import_case(world.coach, world.org, world.own_client, ended)
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill("coach")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"/clients/{world.own_client.pk}/cases/{case.pk}/")
    page.get_by_label("Uusi asiakirja").select_option("feedback")
    page.get_by_label("Uusi asiakirja").press("Tab")
    page.keyboard.press("Enter")  # "Tee luonnos": the GET form to the new-draft page
    page.wait_for_url("**/documents/new/**")
    page.get_by_role("button", name="Tee luonnos").press("Enter")
    page.wait_for_url("**/documents/*/")
    assert page.locator("article.document").get_attribute("lang") == "fi"
    assert "LUONNOS" in page.locator("article.document").inner_text()

    page.get_by_role("textbox", name="Tavoitteet ja niiden toteutuminen").fill(
        "Tavoite saavutettiin."
    )
    page.get_by_role("button", name="Tallenna luonnos").press("Enter")
    expect(page.locator("article.document")).to_contain_text("Tavoite saavutettiin.")
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/draft.png", full_page=True)

    # Finalising saves what was typed since.
    page.get_by_role("textbox", name="Suositukset jatkosta").fill("Työhönvalmennus.")
    page.get_by_role("button", name="Viimeistele").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Asiakirja viimeisteltiin")
    document = Document.objects.get(case=case)
    assert document.status == Status.FINAL
    assert document.content["recommendations"] == "Työhönvalmennus."
    assert Case.objects.get(pk=case.pk).events.filter(type="feedback").count() == 1
    expect(page.get_by_role("link", name="Lataa PDF")).to_be_visible()
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/final.png", full_page=True)
