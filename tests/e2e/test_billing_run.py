"""The monthly billing run in a real browser: preview → approve → download the month."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from luotsi.billing import service
from luotsi.billing.models import Invoice
from luotsi.cases.service import import_case
from tests.billing.test_service import ON, PRICES, case_data
from tests.billing.xsd import assert_valid_finvoice
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_preview_approve_download(page, world):
    service.import_price_list(world.billing, world.org, PRICES, "prices.yaml")
    import_case(None, world.org, world.own_client, case_data(), on=ON)
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill("billing")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.get_by_role("link", name="Laskutus").click()
    page.get_by_label("Kuukausi").fill("2026-03")
    page.get_by_role("button", name="Esikatsele kuukausi").click()
    preview = page.locator("table.billing-preview")
    expect(preview).to_contain_text("C-001")
    expect(preview).to_contain_text("Oma")
    expect(page.locator("#preview-total")).to_contain_text("335,00")
    expect(preview).to_contain_text("Päivä ylittää myönnetyt 2 kuntoutuspäivää.")
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/preview.png", full_page=True)

    page.get_by_role("button", name="Hyväksy 1 lasku").click()
    expect(page.get_by_role("status")).to_contain_text("hyväksyttiin numerolla 1")
    expect(page.get_by_role("cell", name="Hyväksytty")).to_be_visible()
    assert Invoice.objects.get().number == "1"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lataa kuukausi (Finvoice ja PDF, ZIP)").click()
    data = Path(download_info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["1.pdf", "1.xml"]
        assert_valid_finvoice(archive.read("1.xml"))

    page.get_by_role("button", name="Merkitse 1 lasku lähetetyksi Kelaan").click()
    expect(page.get_by_role("cell", name="Lähetetty")).to_be_visible()
    if os.environ.get("LUOTSI_SCREENSHOTS"):
        page.screenshot(path=os.environ["LUOTSI_SCREENSHOTS"] + "/sent.png", full_page=True)
