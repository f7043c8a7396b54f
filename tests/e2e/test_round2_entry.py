"""A coach records a TEAK invitation letter (rules round 2) from the case page in a real
browser: the preview says TEAK.INVITATION would disappear, confirming saves the event and
the finding is gone; the letter is then corrected with its history."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from luotsi.cases.models import Case, CaseEvent, CaseRevision
from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_records_and_corrects_an_invitation_letter(page):
    load_demo()
    # A starting TEAK case: the advance contact made, the invitation letter still due.
    case = Case.objects.select_related("client__responsible_coach").get(
        external_id="DEMO-TEAK-TK-01"
    )
    assert case.findings.filter(rule="TEAK.INVITATION", severity="due").exists()
    contact = case.events.get(type="precontact").date
    letter_day = min(contact + (timezone.localdate() - contact) // 2, timezone.localdate())

    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill(case.client.responsible_coach.username)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/")
    page.goto(f"/clients/{case.client_id}/cases/{case.pk}/")

    page.locator("summary", has_text="Kutsukirje lähetetty (TEAK)").click()
    page.locator("#invitation_letter_date").fill(letter_day.isoformat())
    page.locator("details[open] button", has_text="Esikatsele").click()
    expect(page.get_by_role("heading", name="Mitä tämä muutos vaikuttaisi")).to_be_visible()
    expect(page.locator("ul.findings-disappear")).to_contain_text("TEAK.INVITATION")
    assert not case.events.filter(type="invitation_letter").exists()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    page.wait_for_url(f"**/clients/*/cases/{case.pk}/")
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()
    letter = CaseEvent.objects.get(case=case, type="invitation_letter")
    assert letter.data == {"type": "invitation_letter", "date": letter_day.isoformat()}
    assert not case.findings.filter(rule="TEAK.INVITATION").exists()
    row = page.locator(f"#event-{letter.pk}")
    expect(row).to_contain_text("Kutsukirje")

    # Corrected to the day of the advance contact, with a reason: preview, confirm, history.
    row.get_by_role("link", name="Korjaa").click()
    page.get_by_label("Päivämäärä").fill(contact.isoformat())
    page.get_by_label("Miksi korjataan").fill("Lähetetty samana päivänä")
    page.get_by_role("button", name="Esikatsele").click()
    expect(page.get_by_role("heading", name="Mitä tämä muutos vaikuttaisi")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    page.wait_for_url(f"**/clients/*/cases/{case.pk}/")
    letter.refresh_from_db()
    assert letter.data["date"] == contact.isoformat()
    revision = CaseRevision.objects.get(case=case, event_type="invitation_letter", action="edit")
    assert revision.reason == "Lähetetty samana päivänä"
    assert revision.before["date"] == letter_day.isoformat()
