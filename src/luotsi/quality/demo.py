"""The demo organisation's Kela audit: a visit 20 days ago with a major deviation fixed and
closed, a minor one whose action awaits its effectiveness check, a development suggestion
and a strength; the response is due in eight days. Loading again adds nothing."""

from __future__ import annotations

import datetime as dt

from luotsi.accounts.models import User
from luotsi.organisations.models import Organisation

from . import service
from .models import Audit


def load_audit_demo(organisation: Organisation, today: dt.date) -> None:
    if Audit.objects.filter(organisation=organisation).exists():
        return
    visit = today - dt.timedelta(days=20)
    quality = User.objects.get(username="paivi.laine")
    lead = User.objects.get(username="aino.koskinen")
    audit = service.save_audit(
        None,
        organisation,
        visited_on=visit,
        auditors="Kela, kuntoutuspalvelujen laaturyhmä (kaksi auditoijaa)",
        scope="Työkokeilu ja työhönvalmennus, Porin ja Rauman toimipisteet; "
        "kuuden asiakkaan kuntoutusprosessi.",
        services=["TK", "TV"],
        report_received_on=visit + dt.timedelta(days=12),
        on=today,
    )
    major = service.add_finding(
        None,
        audit,
        kind="major",
        area="client_safety",
        safety=True,
        description="Rauman toimipisteessä ei ollut kahtena päivänä paikalla ketään, "
        "jolla on voimassa oleva ensiapukoulutus.",
        on=today,
    )
    action = service.add_action(
        None,
        major,
        owner=quality,
        on=today,
        description="Ensiapukoulutus (EA 1) kahdelle Rauman valmentajalle; ensiapuvalmius "
        "seurataan henkilöstörekisterissä jokaisena aukiolopäivänä.",
    )
    service.mark_done(
        None,
        action,
        done_on=visit,
        on=today,
        evidence="EA 1 -todistukset (SPR) arkistossa; henkilöstörekisterin ensiapuvalmius.",
    )
    service.record_check(
        None,
        action,
        checked_on=visit + dt.timedelta(days=10),
        on=today,
        effectiveness_check="Henkilöstörekisteri ei näytä yhtään päivää ilman "
        "ensiapuvalmiutta seuraavan neljän kuukauden aikana.",
    )
    service.close_action(None, action, on=visit + dt.timedelta(days=10))
    minor = service.add_finding(
        None,
        audit,
        kind="minor",
        area="documentation",
        description="Kahden asiakkaan kuntoutuspalaute toimitettiin Kelaan myöhässä.",
        on=today,
    )
    follow = service.add_action(
        None,
        minor,
        owner=lead,
        on=today,
        description="Kuntoutuspalautteen määräajat valmentajien viikkonäkymään; "
        "tiiminvetäjä tarkistaa myöhästymisuhat viikoittain.",
    )
    service.mark_done(
        None,
        follow,
        done_on=visit + dt.timedelta(days=7),
        on=today,
        evidence="Tiimipalaverin muistio; Luotsin erääntymislista.",
    )
    gas = service.add_finding(
        None,
        audit,
        kind="suggestion",
        area="client_process",
        description="GAS-tavoitteiden käyttöä kannattaa yhtenäistää.",
        on=today,
    )
    service.add_action(
        None,
        gas,
        owner=lead,
        due=today + dt.timedelta(days=30),
        on=today,
        description="GAS-koulutus koko henkilöstölle.",
    )
    service.add_finding(
        None,
        audit,
        kind="strength",
        area="client_process",
        description="Asiakkaat kuvasivat valmennusta asiakaslähtöiseksi.",
        on=today,
    )


PLAN_TEXTS = {
    "mission": "Tuemme kuntoutujaa löytämään oman polkunsa työelämään Kelan palvelukuvauksen "
    "mukaisesti: asiakaslähtöisesti, tavoitteellisesti ja yhteistyössä verkoston kanssa.",
    "responsibility": "Palvelujen laadusta vastaa toimitusjohtaja; omavalvonnan käytännön "
    "toteutuksesta vastaa laatupäällikkö. Tiiminvetäjät seuraavat tiimiensä määräaikoja "
    "viikoittain.",
    "risk_management": "Riskit tunnistetaan tiimipalavereissa ja Luotsin havainnoista. "
    "Poikkeamat kirjataan, korjaavat toimenpiteet nimetään vastuuhenkilölle ja niiden "
    "vaikuttavuus arvioidaan ennen sulkemista.",
    "premises": "Esteettömät toimitilat; pelastussuunnitelma päivitetään vuosittain.",
    "medication": "Yksikkö ei toteuta lääkehoitoa: asiakkaat huolehtivat omista "
    "lääkkeistään. Ensiaputilanteissa toimitaan ensiapukoulutuksen mukaan.",
    "client_safety": "Ensiapuvalmius on joka aukiolopäivä; menettelyohjeet uhka- ja "
    "kriisitilanteisiin käydään läpi perehdytyksessä.",
    "client_rights": "Asiakas saa tiedon kuntoutuksen kulusta ja oikeuksistaan ensitapaamisessa. "
    "Muistutukset käsittelee laatupäällikkö; sosiaaliasiavastaavan yhteystiedot ovat "
    "verkkosivuilla.",
    "data_protection": "Asiakastiedot käsitellään Luotsissa; jokainen käsittely kirjautuu "
    "käyttölokiin. Tietosuojavastaava seuraa lokeja kuukausittain.",
    "purchased_services": "Palvelu tuotetaan omana työnä; työkokeilupaikkojen kanssa tehdään "
    "kirjalliset sopimukset.",
    "implementation": "Suunnitelma päivitetään vähintään kerran vuodessa ja aina toiminnan "
    "muuttuessa. Havainnot ja toimenpiteet julkaistaan neljän kuukauden välein.",
}


def load_self_monitoring_demo(organisation: Organisation, today: dt.date) -> None:
    from luotsi.organisations.models import Office

    from . import selfmonitoring as sm
    from .models import SelfMonitoringPlan

    office = Office.objects.get(organisation=organisation, name="Porin toimipiste")
    if SelfMonitoringPlan.objects.filter(office=office).exists():
        return
    plan = sm.new_plan_version(None, office, on=today)
    sm.save_plan(None, plan, {**plan.content, **PLAN_TEXTS})
    sm.publish_plan(None, plan, on=today)
    month = (today.month - 1) // sm.REPORT_MONTHS * sm.REPORT_MONTHS + 1
    start = dt.date(today.year, month, 1)
    previous = dt.date(start.year - 1, 9, 1) if month == 1 else dt.date(start.year, month - 4, 1)
    sm.save_report(
        None,
        office,
        period_start=previous,
        publish=True,
        on=today,
        observations="Kahden asiakkaan kuntoutuspalaute myöhästyi; Kelan auditoinnissa havaittiin "
        "ensiapuvalmiuden puute Rauman toimipisteessä.",
        measures="Palautteiden määräajat viikkoseurantaan; ensiapukoulutus kahdelle "
        "valmentajalle ja ensiapuvalmiuden seuranta henkilöstörekisterissä.",
    )


def load_survey_demo(organisation: Organisation, today: dt.date) -> None:
    """Answers of the last quarter (TK: six, shown; TV: three, suppressed) through the
    public path: a token issued on an ended case, then answered."""
    from luotsi.cases.models import Case

    from . import survey
    from .models import SurveyAnswer

    if SurveyAnswer.objects.filter(organisation=organisation).exists():
        return
    cases = {
        s: list(Case.objects.filter(organisation=organisation, service=s)) for s in ("TK", "TV")
    }
    ratings = [(5, 4, 5, 5), (4, 4, 5, 4), (3, 4, 4, 3), (5, 5, 5, 5), (4, 3, 5, 4), (5, 4, 4, 5)]
    answered_on = today - dt.timedelta(days=3)
    for kind, count in (("TK", 6), ("TV", 3)):
        for case, values in zip(cases[kind][:count], ratings, strict=False):
            token = survey.issue(case, answered_on)
            survey.answer(token, dict(zip(survey.QUESTIONS, values, strict=True)), on=answered_on)
