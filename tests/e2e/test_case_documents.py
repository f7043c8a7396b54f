"""A coach makes, edits and finalises a feedback report in a real browser, by keyboard."""

from __future__ import annotations

import io
import os

import pypdf
import pytest
from playwright.sync_api import expect

from luotsi.casedocs.models import Document, Status
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import case_file
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, username: str = "coach") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_feedback_report_by_keyboard(page, world):
    world.coach.phone = "040 765 4321"
    world.coach.save()
    ended = case_file()
    ended["events"].append({"type": "end", "date": "2026-03-31", "reason": "completed"})
    case = import_case(world.coach, world.org, world.own_client, ended)
    login(page)

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
    page.get_by_role("textbox", name="Ammatillinen suunnitelma").fill("Kaupan ala.")
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


GAS_LEVELS = {
    "+2: paljon odotettua parempi": "Kokoaikatyösopimus",
    "+1: odotettua parempi": "Osa-aikatyösopimus",
    "0: odotettu taso": "Työkokeilu suoritettu loppuun",
    "−1: odotettua huonompi": "Työkokeilu kesken",
    "−2: paljon odotettua huonompi": "Ei työkokeilupaikkaa",
}


def test_gas_goals_recorded_and_seen_in_the_finalised_feedback_report(page, world):
    world.coach.phone = "040 765 4321"
    world.coach.save()
    ended = case_file()
    ended["events"].append({"type": "end", "date": "2026-03-31", "reason": "completed"})
    case = import_case(world.coach, world.org, world.own_client, ended)
    login(page)

    # From the case's documents to its GAS goals.
    page.goto(f"/clients/{world.own_client.pk}/cases/{case.pk}/documents/")
    page.get_by_role("link", name="GAS-tavoitteet").click()
    expect(page.get_by_role("heading", name="Lisää GAS-tavoite")).to_be_visible()

    # An incomplete goal is refused at its fields; what was typed stays.
    page.get_by_role("textbox", name="Tavoite").fill("Osa-aikatyö kaupan alalla")
    page.get_by_role("button", name="Lisää tavoite").click()
    expect(page.get_by_role("alert")).to_contain_text("Mitään ei tallennettu")
    expect(page.get_by_role("textbox", name="Tavoite")).to_have_value("Osa-aikatyö kaupan alalla")

    page.get_by_role("textbox", name="Mittari").fill("Työsopimus")
    for label, text in GAS_LEVELS.items():
        page.get_by_role("textbox", name=label).fill(text)
    page.get_by_role("textbox", name="Aikataulu").fill("Työkokeilun loppuun")
    page.get_by_label("Lopussa saavutettu taso").select_option("1")
    page.get_by_role("button", name="Lisää tavoite").click()
    expect(page.get_by_role("status")).to_contain_text("GAS-tavoite tallennettiin")
    expect(page.locator("table.gas-goals")).to_contain_text("Osa-aikatyö kaupan alalla")
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/gas.png", full_page=True)

    # The feedback report prints them; it is finalised once its required parts are written.
    page.get_by_role("link", name="Asiakirjat").click()
    page.get_by_label("Uusi asiakirja").select_option("feedback")
    page.get_by_role("button", name="Tee luonnos").click()
    page.wait_for_url("**/documents/new/**")
    page.get_by_role("button", name="Tee luonnos").click()
    page.wait_for_url("**/documents/*/")
    expect(page.locator("article.document")).to_contain_text("Tavoite 1: Osa-aikatyö kaupan alalla")

    page.get_by_role("button", name="Viimeistele").click()
    expect(page.get_by_role("alert").first).to_contain_text("Ammatillinen suunnitelma")
    page.get_by_role("textbox", name="Ammatillinen suunnitelma").fill("Kaupan ala.")
    page.get_by_role("textbox", name="Suositukset jatkosta").fill("Työhönvalmennus.")
    page.get_by_role("button", name="Viimeistele").click()
    expect(page.get_by_role("status")).to_contain_text("Asiakirja viimeisteltiin")

    final = page.locator("article.document")
    expect(final).to_contain_text("Tavoite 1: Osa-aikatyö kaupan alalla")
    expect(final).to_contain_text("Kokoaikatyösopimus")
    expect(final).to_contain_text("Saavutettu taso+1")
    expect(final).to_contain_text("GAS-lomake: tavoitteiden saavuttamisen arviointi")
    expect(final).not_to_contain_text("LUONNOS")
    document = Document.objects.get(case=case)
    assert document.status == Status.FINAL
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in pypdf.PdfReader(io.BytesIO(bytes(document.pdf))).pages
    )
    assert "Tavoite 1: Osa-aikatyö kaupan alalla" in text and "+1 Osa-aikatyösopimus" in text
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/gas-final.png", full_page=True)
