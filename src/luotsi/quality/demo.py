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
