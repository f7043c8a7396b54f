"""Issue 15 (M8) in a real browser: a KELA.NOTIFY finding's "make the notice" action, the
prefilled draft, finalising, marking it sent to Kela, and the finding gone from the case."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from luotsi.access.models import DisclosureLogEntry
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import case_file
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['LUOTSI_SCREENSHOTS']}/{name}.png", full_page=True)


def test_notice_from_a_finding_clears_it_when_sent(page, world):
    world.coach.phone = "040 765 4321"
    world.coach.save()
    case = import_case(world.coach, world.org, world.own_client, case_file())
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill("coach")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"/clients/{world.own_client.pk}/cases/{case.pk}/")
    row = page.get_by_role("row").filter(has_text="KELA.NOTIFY")
    expect(row).to_have_count(1)
    _shot(page, "notice-finding")
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        row.screenshot(path=f"{os.environ['LUOTSI_SCREENSHOTS']}/notice-finding-row.png")
    row.get_by_role("button", name="Tee ilmoitus Kelaan (KELA.NOTIFY)").click()
    page.wait_for_url("**/documents/*/")
    expect(page.locator("article.document")).to_contain_text("Kela, viranomaislinja")
    expect(page.locator("article.document")).to_contain_text("020 692 235")
    expect(page.get_by_label("Mikä muuttui")).to_have_value(
        "Tauko (jaksotus) 11.2.2026–13.2.2026, syy: työpaikka suljettu."
    )
    _shot(page, "notice-draft")

    page.get_by_role("button", name="Viimeistele").click()
    expect(page.get_by_role("status")).to_contain_text("Ilmoitus viimeisteltiin")
    page.get_by_role("button", name="Merkitse lähetetyksi Kelaan").click()
    expect(page.get_by_role("status")).to_contain_text("luovutuslokiin ja asiaan")
    assert DisclosureLogEntry.objects.filter(client=world.own_client).count() == 1
    assert Case.objects.get(pk=case.pk).events.filter(type="kela_notice").count() == 1

    page.get_by_role("link", name="Takaisin asiaan").click()
    expect(page.get_by_role("row").filter(has_text="KELA.NOTIFY")).to_have_count(0)
    _shot(page, "notice-cleared")
