"""A team lead imports clients from a spreadsheet and makes an API token, in a real
browser; the token then opens the API."""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from playwright.sync_api import expect

from luotsi.clients.models import Client
from luotsi.demo.identity import make_identity_code
from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username="aino.koskinen"):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.locator("h1")).to_contain_text("Tervetuloa")


def test_a_team_lead_imports_clients_after_seeing_the_preview(page, tmp_path):
    load_demo()
    good = make_identity_code(dt.date(1980, 1, 1), 960)
    sheet = tmp_path / "asiakkaat.csv"
    sheet.write_text(
        "Henkilötunnus;Etunimi;Sukunimi;Vastuuvalmentaja;Tiimi\r\n"
        f"{good};Tuotu;Taulukosta;aino.koskinen;Porin tiimi\r\n"
        "020490-9011;Väärä;Tunnus;aino.koskinen;Porin tiimi\r\n",
        encoding="utf-8",
    )
    log_in(page)
    page.goto("/clients/")
    page.get_by_role("link", name="Tuo taulukosta").click()
    page.get_by_label("Mitä tiedostossa on").select_option("clients")
    page.get_by_label("Taulukko").set_input_files(sheet)
    page.get_by_role("button", name="Tarkista tiedosto").click()
    expect(
        page.get_by_text("Uusia: 1. Päivitettäviä: 0. Ennallaan: 0. Hylättyjä: 1.")
    ).to_be_visible()
    expect(page.get_by_text("A3: Henkilötunnuksen tarkistusmerkki on väärä.")).to_be_visible()
    expect(page.get_by_role("button", name="Vahvista ja tuo")).to_have_count(0)
    assert not Client.objects.filter(first_name="Tuotu").exists()

    sheet.write_text(
        "Henkilötunnus;Etunimi;Sukunimi;Vastuuvalmentaja;Tiimi\r\n"
        f"{good};Tuotu;Taulukosta;aino.koskinen;Porin tiimi\r\n",
        encoding="utf-8",
    )
    page.get_by_role("button", name="Hylkää tiedosto").click()
    expect(page.get_by_text("Tiedosto hylättiin: mitään ei tuotu.")).to_be_visible()
    page.get_by_label("Taulukko").set_input_files(sheet)
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Vahvista ja tuo").click()
    expect(page.get_by_text("Tuotu: 1 uutta, 0 päivitetty, 0 ennallaan.")).to_be_visible()
    assert Client.objects.get(first_name="Tuotu").responsible_coach.username == "aino.koskinen"


def test_a_token_is_shown_once_and_opens_the_api(page, live_server):
    load_demo()
    log_in(page)
    page.goto("/accounts/two-factor/")
    page.get_by_role("link", name="API-avaimesi").click()
    page.get_by_label("Nimi").fill("Palkanlaskenta")
    page.get_by_label("Laajuus").select_option("read")
    page.get_by_role("button", name="Tee avain").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("lt_")
    page.goto("/api-tokens/")
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.get_by_role("cell", name="Palkanlaskenta")).to_be_visible()

    api = HttpClient(headers={"Authorization": f"Bearer {token}"})
    listed = api.get("/api/clients")
    assert listed.status_code == 200 and listed.json()["count"] > 0
    page.get_by_role("button", name="Peru").click()
    expect(page.get_by_text("Avain peruttiin: se ei enää toimi.")).to_be_visible()
    assert api.get("/api/clients").status_code == 401
