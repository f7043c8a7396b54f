"""The quality manager records a Kela audit in a real browser and takes it from the visit
to closed findings: a finding, its corrective action, done, refused closing without the
effectiveness check, checked, closed, and the response sent."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from luotsi.quality.models import Audit, AuditDueItem, CorrectiveAction
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['LUOTSI_SCREENSHOTS']}/{name}.png", full_page=True)


def test_an_audit_from_visit_to_closed_findings(page, world):
    today = dt.date.today()
    visit = today - dt.timedelta(days=3)
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(world.quality_manager.username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Laatu").click()
    expect(page.get_by_role("heading", name="Laatu ja auditoinnit")).to_be_visible()
    page.get_by_role("link", name="Kelan auditoinnit").click()
    page.get_by_role("link", name="Kirjaa auditointikäynti").click()
    page.get_by_label("Auditointikäynti").fill(visit.isoformat())
    page.get_by_label("Auditoijat").fill("Kela, laaturyhmä")
    page.get_by_label("Laajuus").fill("Työkokeilu, Porin toimipiste")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Auditointikäynti")
    expect(page.locator("#due-items")).to_contain_text("vastine Kelalle on annettava")

    page.get_by_label("Havainnon laji").select_option("major")
    page.get_by_label("Laadun osa-alue").select_option("client_safety")
    page.get_by_role("textbox", name="Havainto").fill("Ensiapukoulutus puuttui.")
    page.get_by_role("button", name="Lisää havainto").click()
    expect(page.locator("#finding-1")).to_contain_text("Merkittävä poikkeama")
    expect(page.locator("#due-items")).to_contain_text("ei ole korjaavaa toimenpidettä")

    page.locator("#finding-1 summary").click()
    page.locator("#finding-1").get_by_label("Korjaava toimenpide").fill("EA 1 -koulutus kaikille.")
    page.locator("#finding-1").get_by_label("Vastuuhenkilö").select_option(
        str(world.quality_manager.pk)
    )
    page.locator("#finding-1").get_by_role("button", name="Lisää toimenpide").click()
    expect(page.locator("#action-1\\.1")).to_contain_text("Kesken")

    action = page.locator("#action-1\\.1")
    action.get_by_label("Toteutettu").fill(today.isoformat())
    action.get_by_label("Näyttö").fill("EA 1 -todistukset arkistossa.")
    action.get_by_role("button", name="Merkitse toteutetuksi").click()
    expect(page.locator("#action-1\\.1")).to_contain_text("vaikuttavuutta ei vielä arvioitu")

    page.locator("#action-1\\.1").get_by_role("button", name="Sulje toimenpide").click()
    expect(page.locator("#action-1\\.1 .form-errors")).to_contain_text(
        "Arvioi toimenpiteen vaikuttavuus ennen sen sulkemista."
    )
    shot(page, "audit-refused-close")

    action = page.locator("#action-1\\.1")
    action.get_by_label("Arvioitu").fill(today.isoformat())
    action.get_by_label("Vaikuttavuuden arviointi").fill(
        "Vuorolistoissa ensiapuvalmius joka päivä."
    )
    action.get_by_role("button", name="Kirjaa vaikuttavuuden arviointi").click()
    expect(page.locator("#action-1\\.1 .status")).to_have_text("Vaikuttavuus arvioitu")
    page.locator("#action-1\\.1").get_by_role("button", name="Sulje toimenpide").click()
    expect(page.locator("#action-1\\.1 .status")).to_have_text("Suljettu")
    expect(page.locator("#finding-1")).to_contain_text("Suljettu")

    page.get_by_role("link", name="Muokkaa auditointia").click()
    page.get_by_label("Vastine lähetetty Kelaan").fill(today.isoformat())
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator("#due-items")).to_contain_text("Ei avoimia määräaikoja")
    shot(page, "audit-closed")

    audit = Audit.objects.get()
    assert audit.response_sent_on == today
    assert CorrectiveAction.objects.get().closed_on == today
    assert not AuditDueItem.objects.filter(audit=audit).exists()
