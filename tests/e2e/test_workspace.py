"""The workspace round 2 in a real browser: a day corrected into a sickness absence, a whole
TK case from decision to end with only the UI, a Taito group period for a roster, and a
planned meeting that becomes held."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from luotsi.accounts.models import Role
from luotsi.cases.models import Case, CaseEvent, CaseRevision, PlannedMeeting
from luotsi.cases.service import import_case
from luotsi.clients.service import create_client
from luotsi.demo.identity import make_identity_code
from luotsi.organisations.models import Office, Organisation, Team
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-2026"


@pytest.fixture
def coach(db):
    org = Organisation.objects.create(name="Testikuntoutus Oy", business_id="2345678-0")
    Office.objects.create(
        organisation=org,
        name="Pori",
        street_address="Yrjönkatu 1",
        postal_code="28100",
        city="Pori",
    )
    team = Team.objects.create(organisation=org, name="Tiimi")
    user = make_user("valmentaja", org, [Role.COACH], [team])
    user.set_password(PASSWORD)
    user.save()
    user.test_team = team
    return user


def client_of(coach, n):
    return create_client(
        None,
        organisation=coach.organisation,
        identity_code=make_identity_code(dt.date(1990, 1, 1 + n), 901 + n),
        first_name=f"Asiakas{n}",
        last_name=f"Testinen{n}",
        responsible_coach=coach,
        team=coach.test_team,
    )


def log_in(page, user):
    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/")


def case_page(page, case):
    page.goto(f"/clients/{case.client_id}/cases/{case.pk}/")


def preview_and_confirm(page):
    page.get_by_role("button", name="Esikatsele").first.click()
    expect(page.get_by_role("heading", name="Mitä tämä muutos vaikuttaisi")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()


def test_a_rehabilitation_day_is_corrected_into_a_sickness_absence(page, coach):
    today = timezone.localdate()
    day = today - dt.timedelta(days=today.weekday() + 7)  # last week's Monday
    case = import_case(
        coach,
        coach.organisation,
        client_of(coach, 0),
        {
            "format": "luotsi-case/1",
            "id": "E2E-SICK",
            "service": "TK",
            "decision": {"received": (day - dt.timedelta(days=20)).isoformat()},
            "events": [{"type": "rehab_day", "date": day.isoformat()}],
        },
    )
    log_in(page, coach)
    case_page(page, case)
    page.locator("summary", has_text="Poissaolo").click()
    page.locator("#absence_start").fill(day.isoformat())
    page.locator("#absence_end").fill(day.isoformat())
    page.locator("#absence_reason").select_option("sickness")
    page.locator("details[open] button", has_text="Esikatsele").click()
    # Refused at the field, with the day named and a choice offered.
    expect(page.get_by_text("Tämän poissaolon ajalle on kirjattu kuntoutuspäiviä")).to_be_visible()
    page.get_by_label("Poista tälle ajalle kirjatut kuntoutuspäivät").check()
    page.get_by_role("button", name="Esikatsele").click()
    expect(page.get_by_role("heading", name="Kirjaukset, jotka poistuisivat")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()
    assert not CaseEvent.objects.filter(case=case, type="rehab_day").exists()
    assert CaseEvent.objects.get(case=case, type="absence").data["reason"] == "sickness"
    # The history shows both changes, with the day as it was.
    page.get_by_role("link", name="Asian historia").click()
    expect(page.locator("tr.revision-remove").first).to_be_visible()
    expect(page.locator("tr.revision-add").first).to_be_visible()


def test_a_whole_tk_case_from_decision_to_end_with_only_the_ui(page, coach):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 14)
    received = monday - dt.timedelta(days=21)
    client = client_of(coach, 1)
    log_in(page, coach)
    page.goto(f"/clients/{client.pk}/")
    page.get_by_role("link", name="Uusi päätös").click()
    page.get_by_label("Palvelu").select_option("TK")
    page.get_by_label("Asianumero").fill("E2E-TK-WHOLE")
    page.get_by_label("Päätös saapunut").fill(received.isoformat())
    page.get_by_label("Myönnetyt päivät").fill("45")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url("**/clients/*/cases/*/")
    case = Case.objects.get(external_id="E2E-TK-WHOLE")

    page.locator("summary", has_text="Tapaaminen").click()
    page.locator("#meeting_date").fill((received + dt.timedelta(days=3)).isoformat())
    page.locator("#meeting_place").select_option("provider_office")
    page.locator("#meeting_office").select_option(index=1)
    page.locator("#meeting_phase").select_option("planning")
    page.locator("#meeting_minutes").fill("90")
    page.locator("details[open] button", has_text="Esikatsele").click()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()

    page.locator("summary", has_text="Työpaikka").click()
    page.locator("#workplace_start").fill(monday.isoformat())
    page.locator("#workplace_employer").fill("Oy Esimerkki Ab")
    page.locator("#workplace_kind").select_option("open_market")
    page.locator("details[open] button", has_text="Esikatsele").click()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()

    page.locator("summary", has_text="Vaiheen alkaminen").click()
    page.locator("#phase_date").fill(monday.isoformat())
    page.locator("#phase_phase").select_option("workplace")
    page.locator("details[open] button", has_text="Esikatsele").click()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()

    page.locator("summary", has_text="Viikon kuntoutuspäivät").click()
    page.get_by_label("Viikko alkaen maanantaista").fill(monday.isoformat())
    for key in ("mon", "tue", "wed"):
        page.locator(f"#days_{key}_hours").fill("6")
    page.locator("details[open] button", has_text="Esikatsele").click()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()

    page.locator("summary", has_text="Päättyminen tai keskeytyminen").click()
    page.locator("#end_date").fill((monday + dt.timedelta(days=4)).isoformat())
    page.locator("#end_reason").select_option("interrupted")
    page.locator("details[open] button", has_text="Esikatsele").click()
    expect(page.get_by_role("heading", name="Havainnot, jotka tulisivat")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Muutos tallennettiin.")).to_be_visible()

    types = sorted(CaseEvent.objects.filter(case=case).values_list("type", flat=True))
    assert types == ["end", "meeting", "phase", "rehab_day", "rehab_day", "rehab_day", "workplace"]
    rules = set(case.findings.values_list("rule", flat=True))
    assert "WORKPHASE.NOT_STARTED" not in rules
    # Ended: the short feedback report's clock runs.
    assert "FEEDBACK.DEADLINE" in rules
    expect(page.locator("table.recorded-events tbody tr")).to_have_count(7)


def test_a_taito_group_period_for_a_roster(page, coach):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    cases = []
    for n in range(8):
        cases.append(
            import_case(
                coach,
                coach.organisation,
                client_of(coach, 10 + n),
                {
                    "format": "luotsi-case/1",
                    "id": f"E2E-TAITO-{n}",
                    "service": "TAITO",
                    "decision": {
                        "received": (monday - dt.timedelta(days=30)).isoformat(),
                        "granted_days": 100,
                    },
                    "events": [],
                },
            )
        )
    log_in(page, coach)
    case_page(page, cases[0])
    page.get_by_role("link", name="Kirjaa ryhmäjakso koko ryhmälle").click()
    page.get_by_label("Viikko alkaen maanantaista").fill(monday.isoformat())
    for case in cases:
        page.get_by_label(f"{case.client.full_name} · {case.external_id}").check()
    page.get_by_role("button", name="Esikatsele").click()
    expect(page.locator("table.group-preview tbody tr")).to_have_count(8)
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Ryhmäpäivät kirjattiin 8 asiakkaalle.")).to_be_visible()
    for case in cases:
        days = CaseEvent.objects.filter(case=case, type="rehab_day")
        assert sorted(d.date.weekday() for d in days) == [0, 1, 2, 3]
        assert all(d.data["group"] for d in days)


def test_a_planned_meeting_becomes_held(page, coach):
    today = timezone.localdate()
    case = import_case(
        coach,
        coach.organisation,
        client_of(coach, 30),
        {
            "format": "luotsi-case/1",
            "id": "E2E-PLAN",
            "service": "TK",
            "decision": {"received": (today - dt.timedelta(days=5)).isoformat()},
            "events": [],
        },
    )
    start_due = set(case.findings.values_list("rule", flat=True))
    log_in(page, coach)
    case_page(page, case)
    page.locator("summary", has_text="Tapaaminen").click()
    page.locator("#meeting_date").fill((today + dt.timedelta(days=3)).isoformat())
    page.locator("#meeting_start_time").fill("10:30")
    page.locator("#meeting_minutes").fill("60")
    page.locator("#meeting_place").select_option("provider_office")
    page.locator("#meeting_office").select_option(index=1)
    page.locator("details[open] button", has_text="Esikatsele").click()
    expect(page.get_by_text("se tallennetaan suunniteltuna tapaamisena")).to_be_visible()
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_text("Tapaaminen suunniteltiin.")).to_be_visible()
    expect(page.get_by_role("heading", name="Suunnitellut tapaamiset")).to_be_visible()
    expect(page.locator("svg .meeting-planned")).to_have_count(1)
    # A plan counts for nothing: the start deadline is still open.
    assert set(case.findings.values_list("rule", flat=True)) == start_due
    assert not CaseEvent.objects.filter(case=case).exists()

    page.get_by_role("link", name="Merkitse pidetyksi").click()
    page.get_by_label("Päivämäärä").fill(today.isoformat())
    preview_and_confirm(page)
    planned = PlannedMeeting.objects.get(case=case)
    assert planned.status == "held"
    assert planned.held_event.data["date"] == today.isoformat()
    assert CaseRevision.objects.filter(case=case, action="hold").exists()
    expect(page.locator("svg .meeting-planned")).to_have_count(0)
    expect(page.locator("svg .meeting-office")).to_have_count(1)
