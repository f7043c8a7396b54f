"""An employment officer's path in a real browser (issue 18): log in, assess a jobseeker's
multi-sector service need, make the TYM plan with the wellbeing county and Kela, an
activation plan (refused until the law's six items are there), and review the plan."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from luotsi.accounts.models import Role
from luotsi.demo.identity import make_identity_code
from luotsi.demo.loader import DEMO_PASSWORD
from luotsi.employment import service
from luotsi.employment.models import ActivationPlan, PartnerAuthority, TymPlan, Unit
from luotsi.organisations.models import Organisation
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_assesses_plans_with_the_partners_and_reviews(page):
    today = timezone.localdate()
    area = Organisation.objects.create(
        name="Satakunnan työllisyysalue", business_id="0204819-8", kind="employment_area"
    )
    unit = Unit.objects.create(organisation=area, name="Monialaiset palvelut", kind="adults")
    for kind, name in (("wellbeing_county", "Satakunnan hyvinvointialue"), ("kela", "Kela")):
        PartnerAuthority.objects.create(organisation=area, kind=kind, name=name)
    officer = make_user("henna", area, [Role.EMPLOYMENT_OFFICER])
    officer.set_password(DEMO_PASSWORD)
    officer.save()
    unit.members.add(officer)
    js = service.create_jobseeker(
        None,
        organisation=area,
        identity_code=make_identity_code(dt.date(1979, 3, 14), 961),
        first_name="Ville",
        last_name="Vuorinen",
        unit=unit,
        responsible_officer=officer,
        job_search_start=today - dt.timedelta(days=200),
    )

    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill("henna")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/clients/employment/")
    expect(page.get_by_role("heading", name="Ajankohtaiset")).to_be_visible()
    page.get_by_role("link", name="Työnhakijat").click()
    page.get_by_role("link", name="Vuorinen, Ville").click()
    page.wait_for_url(f"**/clients/{js.client_id}/employment/")

    # The multi-sector service-need assessment with the county and Kela.
    page.get_by_role("link", name="Uusi arviointi").click()
    page.get_by_label("Arvioinnin päivämäärä").fill(today.isoformat())
    page.get_by_label("Hyvinvointialue osallistui").check()
    page.get_by_label("Kela osallistui").check()
    page.get_by_label("työ- ja toimintakyvyn rajoitteet").select_option("yes")
    page.get_by_label("elämänhallinnan ongelmat").select_option("no")
    page.get_by_label("Ratkaisut vaativat monialaista tukea").select_option("yes")
    page.get_by_label("julkisilla työvoimapalveluilla").select_option("no")
    page.get_by_label("pitkäkestoinen tai intensiivinen").select_option("yes")
    page.get_by_label("Ohjauspäätös").select_option("refer")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(f"**/clients/{js.client_id}/employment/#assessment")
    expect(page.get_by_text("Täyttyvät: ohjataan monialaiseen palveluun")).to_be_visible()
    expect(page.get_by_text("Esteenä ovat työ- ja toimintakyvyn rajoitteet")).to_be_visible()

    # The multi-sector employment plan: each party's services and the review date.
    review_by = today + dt.timedelta(days=60)
    page.get_by_role("link", name="Uusi suunnitelma").click()
    page.get_by_label("Suunnitelman päivämäärä").fill(today.isoformat())
    expect(page.get_by_label("Hyvinvointialue on osapuoli")).to_be_checked()  # from the assessment
    page.get_by_label("Työvoimaviranomaisen palvelut").fill("Työhönvalmennus")
    page.get_by_label("Hyvinvointialueen palvelut").fill("Kuntouttava työtoiminta\nPäihdepalvelut")
    page.get_by_label("Kelan palvelut").fill("Ammatillinen kuntoutusselvitys (AKSE)")
    page.get_by_label("Suunnitelma tarkistetaan viimeistään").fill(review_by.isoformat())
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(f"**/clients/{js.client_id}/employment/#tym-plan")
    services = page.locator("#tym-plan table")
    expect(services).to_contain_text("Päihdepalvelut")
    expect(services).to_contain_text("Ammatillinen kuntoutusselvitys (AKSE)")
    assert TymPlan.objects.get(jobseeker=js).with_kela

    # An activation plan: finalising without item 4 is refused at its field.
    start = today + dt.timedelta(days=7)
    page.get_by_role("link", name="Uusi aktivointisuunnitelma").click()
    page.get_by_label("1. Kuntouttavan työtoiminnan tavoite").fill("Päivärytmi")
    page.get_by_label("1. Kuvaus").fill("Puutyöt")
    page.get_by_label("1. Järjestämispaikka").fill("Porin työpaja")
    page.get_by_label("2. Tuntia päivässä").fill("4")
    page.get_by_label("2. Päivää viikossa").fill("3")
    page.get_by_label("3. Alkaa").fill(start.isoformat())
    page.get_by_label("3. Päättyy").fill((start + dt.timedelta(days=95)).isoformat())
    page.get_by_label("5. Muut sosiaali-").fill("Aikuissosiaalityö")
    page.get_by_label("6. Vaikutukset arvioidaan").fill((start + dt.timedelta(days=80)).isoformat())
    page.get_by_role("button", name="Tallenna ja viimeistele").click()
    expect(page.get_by_role("alert")).to_contain_text("4 tuki ja ohjaus")
    expect(page.locator(".field-error")).to_contain_text(["kohta 4 tuki ja ohjaus"])
    assert not ActivationPlan.objects.exists()
    page.get_by_label("4. Tuki ja ohjaus").fill("Työpajaohjaaja päivittäin")
    page.get_by_role("button", name="Tallenna ja viimeistele").click()
    page.wait_for_url(f"**/clients/{js.client_id}/employment/#kuty")
    expect(page.locator("#kuty table")).to_contain_text("Valmis")
    assert ActivationPlan.objects.get(jobseeker=js).status == "final"

    # The plan's review, and the next one set.
    page.get_by_role("link", name="Kirjaa tarkistus").click()
    page.get_by_label("Tarkistettu").fill(today.isoformat())
    page.get_by_label("Seuraava tarkistus viimeistään").fill(
        (today + dt.timedelta(days=90)).isoformat()
    )
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(f"**/clients/{js.client_id}/employment/#tym-plan")
    expect(page.locator("#tym-plan")).to_contain_text(
        f"tarkistettu {today.day}.{today.month}.{today.year}"
    )

    # The due list shows the next review and the KUTY evaluation date.
    page.get_by_role("link", name="Ajankohtaiset").click()
    page.wait_for_url("**/clients/employment/")
    rows = page.locator("tbody tr", has_text="Vuorinen, Ville")
    expect(rows.filter(has_text="TYM.PLAN")).to_have_count(1)
    expect(rows.filter(has_text="KUTY.PLAN_CONTENT")).to_have_count(1)
