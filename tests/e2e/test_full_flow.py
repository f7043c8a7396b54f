"""The coach's whole day in a real browser (issue #5): log in, add a client and a decision,
record a meeting and rehabilitation days, see the late start appear on the dashboard, open
the case from there and look at the timeline."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.clients.models import Client
from luotsi.demo.identity import make_identity_code
from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def preview_and_confirm(page, case):
    expect(page.get_by_role("heading", name="Mitä tämä muutos vaikuttaisi")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    page.wait_for_url(f"**/clients/*/cases/{case.pk}/")
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()


def test_coach_records_a_new_client_and_sees_the_late_start_on_the_dashboard(page):
    load_demo()
    today = timezone.localdate()
    # The decision arrived three weeks ago: the first meeting was due within 14 days.
    received = today - dt.timedelta(days=21)
    met = today - dt.timedelta(days=6)  # a day after the start deadline (received + 14)
    # Two weekdays of one week after the meeting, both already past or today.
    after = [met + dt.timedelta(days=n) for n in range(1, 7)]
    day1, day2 = next((a, b) for a, b in itertools.pairwise(after) if a.weekday() < b.weekday() < 5)
    monday = day1 - dt.timedelta(days=day1.weekday())
    names = ["mon", "tue", "wed", "thu", "fri"]

    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill("aino.koskinen")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/clients/dashboard/")
    assert page.get_by_text("Saarinen, Helmi").count() == 0

    # A new client, through the navigation.
    page.get_by_role("link", name="Asiakkaat").click()
    page.get_by_role("link", name="Lisää asiakas").click()
    page.get_by_label("Etunimi").fill("Helmi")
    page.get_by_label("Sukunimi").fill("Saarinen")
    page.get_by_label("Henkilötunnus").fill(make_identity_code(dt.date(1990, 4, 17), 977))
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url("**/clients/*/")
    client = Client.objects.get(last_name="Saarinen")
    assert client.responsible_coach.username == "aino.koskinen"

    # Her work-trial decision.
    page.get_by_role("link", name="Uusi päätös").click()
    page.get_by_label("Palvelu").select_option("TK")
    page.get_by_label("Asianumero").fill("E2E-FLOW-1")
    page.get_by_label("Päätös saapunut").fill(received.isoformat())
    page.get_by_label("Myönnetyt päivät").fill("45")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url("**/clients/*/cases/*/")
    case = Case.objects.get(external_id="E2E-FLOW-1", client=client)

    # The first meeting, held the day after the start deadline.
    page.locator("summary", has_text="Tapaaminen").click()
    page.locator("#meeting_date").fill(met.isoformat())
    page.locator("#meeting_mode").select_option("face_to_face")
    page.locator("#meeting_place").select_option("provider_office")
    page.locator("#meeting_office").select_option(index=1)
    page.locator("#meeting_kind").select_option("individual")
    page.locator("#meeting_phase").select_option("planning")
    page.locator("#meeting_minutes").fill("60")
    page.get_by_role("button", name="Esikatsele").first.click()
    preview_and_confirm(page, case)

    # Two rehabilitation days of one week.
    page.locator("summary", has_text="Viikon kuntoutuspäivät").click()
    page.get_by_label("Viikko alkaen maanantaista").fill(monday.isoformat())
    page.locator(f"#days_{names[day1.weekday()]}_hours").fill("5")
    page.locator(f"#days_{names[day2.weekday()]}_hours").fill("5")
    page.locator("details[open] button", has_text="Esikatsele").click()
    preview_and_confirm(page, case)
    assert CaseEvent.objects.filter(case=case, type="meeting").count() == 1
    assert CaseEvent.objects.filter(case=case, type="rehab_day").count() == 2

    # The engine found the late start; the coach's dashboard shows it with the client.
    late = CaseFinding.objects.get(case=case, rule="START.DEADLINE")
    assert late.severity == "violation"
    page.get_by_role("link", name="Etusivu").click()
    page.wait_for_url("**/clients/dashboard/")
    late_group = page.locator(
        "section", has=page.get_by_role("heading", name="Myöhässä tai rikottu")
    )
    row = late_group.locator("tr", has_text="E2E-FLOW-1").filter(has_text="START.DEADLINE")
    assert row.count() == 1
    assert "Saarinen" in row.inner_text()

    # From the row to the case, and its timeline with the deadline and today.
    row.locator("a[href*='/cases/']").first.click()
    page.wait_for_url(f"**/clients/{client.pk}/cases/{case.pk}/")
    svg = page.locator("svg[role=img]")
    expect(svg).to_be_visible()
    assert page.locator("svg .meeting-office").count() == 1
    assert page.locator("svg .rehab-day").count() == 2
    assert page.locator("svg .today").count() == 1
    assert page.locator("svg .deadline").count() >= 1
