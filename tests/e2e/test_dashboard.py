"""Monday morning: a coach logs in, sees the week's groups and reaches a case by keyboard."""

import pytest

from luotsi.accounts.models import User
from luotsi.cases.models import CaseFinding
from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_lands_on_the_week_and_opens_a_case_with_the_keyboard(page):
    load_demo()
    coach = User.objects.get(username="mikko.lehtonen")
    assert CaseFinding.objects.filter(case__client__responsible_coach=coach).exists()
    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill("mikko.lehtonen")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/clients/dashboard/")
    for title in ("Myöhässä tai rikottu", "Ilmoitettava Kelalle", "Erääntyy tällä viikolla"):
        assert page.get_by_role("heading", name=title).count() == 1
    assert page.get_by_role("heading", name="Omat asiakkaat").count() == 1

    first_case = page.locator("section table tbody a[href*='/cases/']").first
    href = first_case.get_attribute("href")
    first_case.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    assert page.get_by_role("heading", name="Havainnot").count() == 1


def test_the_due_list_filters_are_labelled_and_work(page):
    load_demo()
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill("paivi.laine")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/clients/quality/")
    example = CaseFinding.objects.filter(severity="violation").select_related("case").first()
    service = example.case.service
    page.goto("/clients/due/")
    page.get_by_label("Palvelu").select_option(service)
    page.get_by_label("Vakavuus").select_option("violation")
    page.get_by_role("button", name="Rajaa").click()
    page.wait_for_url(f"**service={service}**")
    rows = page.locator("table tbody tr")
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert f"· {service}" in text
        assert "Myöhässä tai rikottu" in text
