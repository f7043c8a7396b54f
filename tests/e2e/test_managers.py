"""A team lead hands a coach's clients over for a holiday; a quality manager lands on the
organisation's figures and opens a number's list."""

import re

import pytest
from playwright.sync_api import expect

from luotsi.access import policy
from luotsi.demo.loader import DEMO_PASSWORD, load_demo
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()


def test_a_team_lead_hands_a_coachs_clients_over(page, world):
    from tests.factories import make_case, one_of_each

    one_of_each(make_case(world.own_client, "TK", "OWN-1"))
    log_in(page, "lead", PASSWORD)
    page.wait_for_url("**/clients/team/")
    expect(page.get_by_role("heading", name="Tiimin asiakkaat")).to_be_visible()
    coach_row = page.get_by_role("row", name=re.compile("Coach Testinen"))
    expect(coach_row.get_by_role("cell").nth(2)).to_have_text("2")  # late: 2
    coach_row.get_by_role("link", name=re.compile("Siirrä")).click()
    page.wait_for_url("**/clients/team/handover/?from=*")
    page.get_by_label("Oma, Oona").check()
    page.get_by_label("Uusi vastuuvalmentaja").select_option(label="Coachb Testinen")
    page.get_by_role("button", name="Siirrä").click()
    page.wait_for_url("**/clients/team/")
    expect(page.get_by_role("status")).to_contain_text("1 asiakas siirrettiin")
    expect(page.get_by_role("row", name=re.compile("Coachb Testinen"))).to_be_visible()
    world.own_client.refresh_from_db()
    assert world.own_client.responsible_coach == world.coach_b
    assert policy.can(world.coach_b, "edit", world.own_client)


def test_a_quality_manager_lands_on_the_figures_and_opens_a_list(page):
    load_demo()
    log_in(page, "paivi.laine", DEMO_PASSWORD)
    page.wait_for_url("**/clients/quality/")
    expect(page.get_by_role("heading", name="Havainnot säännöittäin")).to_be_visible()
    expect(page.get_by_role("group", name="Havainnot kuukausittain")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("START.DEADLINE")).first
    expect(row).to_be_visible()
    service = row.get_by_role("cell").first.inner_text().strip()
    row.get_by_role("link").last.click()  # the row's total
    page.wait_for_url(re.compile(r".*/clients/due/\?.*rule=START.DEADLINE.*"))
    rows = page.locator("table.findings tbody tr")
    expect(rows.first).to_be_visible()
    for text in rows.all_inner_texts():
        assert "START.DEADLINE" in text and f"· {service}" in text
