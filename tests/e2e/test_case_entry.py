"""A coach adds a decision, records a meeting and a week of days (preview, then confirm)
in a real browser, and sees the case timeline."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from luotsi.cases.models import Case, CaseEvent
from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_adds_a_decision_and_records_a_meeting_and_a_week(page):
    load_demo()
    today = timezone.localdate()
    # Last week's Monday and Tuesday: days already past, whatever weekday today is.
    monday = today - dt.timedelta(days=today.weekday() + 7)
    received = monday - dt.timedelta(days=7)

    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill("aino.koskinen")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/")

    page.goto("/clients/")
    page.get_by_role("link", name="Virtanen").first.click()
    page.get_by_role("link", name="Uusi päätös").click()
    page.get_by_label("Palvelu").select_option("TK")
    page.get_by_label("Asianumero").fill("E2E-TK-1")
    page.get_by_label("Päätös saapunut").fill(received.isoformat())
    page.get_by_label("Myönnetyt päivät").fill("45")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url("**/clients/*/cases/*/")
    assert "E2E-TK-1" in page.locator("h1").inner_text()
    case = Case.objects.get(external_id="E2E-TK-1")

    # A meeting at the office, from the case page: preview, then confirm.
    page.locator("summary", has_text="Tapaaminen").click()
    page.locator("#meeting_date").fill(received.isoformat())
    page.locator("#meeting_mode").select_option("face_to_face")
    page.locator("#meeting_place").select_option("provider_office")
    page.locator("#meeting_office").select_option(index=1)
    page.locator("#meeting_kind").select_option("individual")
    page.locator("#meeting_phase").select_option("planning")
    page.locator("#meeting_minutes").fill("90")
    page.get_by_role("button", name="Esikatsele").first.click()
    expect(page.get_by_role("heading", name="Mitä tämä muutos vaikuttaisi")).to_be_visible()
    assert not CaseEvent.objects.filter(case=case).exists()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    page.wait_for_url(f"**/clients/*/cases/{case.pk}/")
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()
    assert CaseEvent.objects.filter(case=case, type="meeting").count() == 1

    # A week of rehabilitation days: only the filled days become rehabilitation days.
    page.locator("summary", has_text="Viikon kuntoutuspäivät").click()
    page.get_by_label("Viikko alkaen maanantaista").fill(monday.isoformat())
    page.locator("#days_mon_hours").fill("6")
    page.locator("#days_tue_hours").fill("6")
    page.get_by_label("Tiistai: tunnit työpaikalla").fill("5")
    page.locator("details[open] button", has_text="Esikatsele").click()
    expect(page.get_by_role("heading", name="Mitä tämä muutos vaikuttaisi")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    page.wait_for_url(f"**/clients/*/cases/{case.pk}/")
    assert CaseEvent.objects.filter(case=case, type="rehab_day").count() == 2

    # The timeline: an accessible SVG with the meeting and the days.
    svg = page.locator("svg[role=img]")
    expect(svg).to_be_visible()
    assert page.locator("svg .meeting-office").count() == 1
    assert page.locator("svg .rehab-day").count() == 2
    assert page.locator("svg .today").count() == 1
    expect(page.get_by_role("heading", name="Määräajat")).to_be_visible()
