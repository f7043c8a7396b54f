"""The Finnish and Swedish strings of the documents: whole phrases, never fragments."""

from __future__ import annotations

import datetime as dt

from luotsi.rules.calendar import finnish_date

LANGUAGES = ("fi", "sv")

STRINGS: dict[str, dict[str, str]] = {
    "fi": {
        "certificate_title": "Osallistumistodistus",
        "feedback_title": "Kuntoutuspalaute (KU148)",
        "survey_title": "Asiakaspalaute",
        "survey_text": "Kerro kokemuksestasi nimettömästi: avaa osoite tai lue QR-koodi "
        "puhelimella. Vastaustasi ei voi yhdistää sinuun.",
        "feedback_title_short": "Kuntoutuspalaute, lyhyt (keskeytynyt kuntoutus, KU148)",
        "draft": "LUONNOS – valmentaja täydentää ja viimeistelee",
        "change_title": "Ilmoitus Kelaan: muutos tai poikkeama",
        "queue_title": "Ilmoitus Kelaan: asiakas jonossa",
        "client": "Asiakas",
        "name": "Nimi",
        "identity_code": "Henkilötunnus",
        "service": "Palvelu",
        "decision": "Kelan päätös saapunut",
        "granted_days": "Myönnetyt kuntoutuspäivät",
        "provider": "Palveluntuottaja",
        "business_id": "Y-tunnus",
        "office": "Toimipiste",
        "period": "Todistuksen ajanjakso",
        "periods": "Toteutuneet kuntoutusjaksot",
        "future_periods": "Tulevat kuntoutusjaksot",
        "future_note": "Tulevat jaksot ovat suunniteltuja, eivät toteutuneita.",
        "meetings": "Tapaamiset",
        "days": "Yksittäiset kuntoutuspäivät",
        "remote_days": "Etäkuntoutuspäivät",
        "absences": "Poissaolot",
        "pauses": "Tauot",
        "flex": "Joustot",
        "reason": "Syy",
        "justification": "Perustelu",
        "none": "Ei ole.",
        "date": "Päivämäärä",
        "hours": "Tunnit",
        "workplace": "Työpaikka",
        "author": "Todistuksen laatija",
        "author_name": "Nimi",
        "author_phone": "Puhelinnumero",
        "issued": "Päiväys",
        "from_to": "Ajalla",
        "open_end": "toistaiseksi",
        "days_per_week": "päivää viikossa",
        "hours_per_day": "tuntia päivässä",
        "remote": "etänä",
        "due": "Palaute toimitettava Kelaan viimeistään",
        "end": "Kuntoutus päättynyt",
        "end_date": "Päättymispäivä",
        "goals": "Kuntoutuksen tavoitteet ja niiden toteutuminen",
        "goals_fill": "Valmentaja kirjaa tavoitteet ja arvion niiden toteutumisesta.",
        "realised": "Toteutuneet tapaamiset ja kuntoutuspäivät",
        "meeting_count": "Tapaamisia",
        "day_count": "Kuntoutuspäiviä",
        "remote_count": "joista etäpäiviä",
        "independent_count": "joista itsenäisiä päiviä",
        "plan": "Ammatillinen suunnitelma",
        "plan_fill": "Valmentaja kirjaa asiakkaan ammatillisen suunnitelman.",
        "workplaces": "Työkokeilu- ja työpaikat",
        "network": "Verkostotyö",
        "sickness_ext": "Ensimmäisen vaiheen määräajan pidentäminen sairauden vuoksi",
        "sickness_ext_none": "Määräaikaa ei ole pidennetty sairauden vuoksi.",
        "recommend": "Suositukset jatkosta",
        "recommend_fill": "Valmentaja kirjaa suositukset jatkotoimenpiteistä.",
        "interrupted_note": "Kuntoutus keskeytyi. Lyhyt palaute.",
        "what_changed": "Mikä muuttui",
        "change_date": "Muutoksen ajankohta",
        "new_certificate": "Uusi osallistumistodistus laadittu",
        "yes": "Kyllä",
        "no": "Ei",
        "queue_reason": "Syy, miksi kuntoutus ei ala määräajassa",
        "expected_start": "Arvioitu aloituspäivä",
        "case": "Asian tunnus",
        "sender": "Ilmoittaja",
        "meeting": "Tapaaminen",
        "notice": "Ilmoitus",
        "extension": "Pidennys",
        "n_days": "{n} pv",
        "content": "Sisältö",
        "extent": "Laajuus",
        "topic": "Aihe",
        "notices": "Ilmoitukset Kelaan",
        "network_work": "Verkostotyön kuvaus",
        "network_work_fill": "Valmentaja kuvaa verkostotyön ja yhteistyön verkoston kanssa.",
        "version": "Versio",
        "replaces": "Korvaa aiemman todistuksen, päivätty",
        "changes": "Muutokset edelliseen versioon",
        "followup_title": "Taito-kuntoutuksen seurantapalaute",
        "final_group_end": "Viimeinen ryhmäjakso päättynyt",
        "followup_visits": "Seurantakäynnit",
        "followup_dates": "Seurannan ajankohdat",
        "followup_mode": "Toteutustapa",
        "situation": "Asiakkaan tilanne seurantakäynneillä",
        "situation_fill": "Valmentaja kuvaa asiakkaan tilanteen seurantakäynneillä.",
        "plan_progress": "Ammatillisen suunnitelman toteutuminen",
        "plan_progress_fill": "Valmentaja kirjaa, miten ammatillinen suunnitelma on edennyt.",
        "further_support": "Jatkotuen tarve",
        "further_support_fill": "Valmentaja kirjaa asiakkaan jatkotuen tarpeen.",
        "followup_due": "Seurantapalaute toimitettava viimeistään",
        "allowance_statement": "Todistus on laadittu Kelalle kuntoutusrahan hakemista varten.",
        "on_request_statement": (
            "Asiakas ei hae kuntoutusrahaa, joten todistusta ei tarvita kuntoutusrahaa varten. "
            "Todistus on laadittu asiakkaan pyynnöstä."
        ),
        "page": "Sivu",
        "summary": "Yhteenveto",
        "realised_total": "Toteutuneita kuntoutuspäiviä yhteensä",
        "of_which_remote": "joista etäkuntoutuspäiviä",
        "of_which_independent": "joista itsenäisesti toteutettuja",
        "independent": "itsenäisesti toteutettu",
        "place": "Paikka",
        "at_workplace": "työpaikalla: {employer}",
        "at_workplace_unnamed": "työpaikalla",
        "hours_value": "{hours} h",
        "recipients": "Jakelu",
        "recipient": "Vastaanottaja",
        "basis": "Peruste",
        "kela": "Kela",
        "kela_basis": "Laki Kelan kuntoutusetuuksista ja kuntoutusrahaetuuksista (566/2005)",
        "the_client": "Asiakas: {name}",
        "client_basis": "Asiakkaan omat tiedot",
        "treating_party_named": "Hoitava taho: {name}",
        "network_named": "Verkosto: {name}",
        "consent_basis": "Asiakkaan kirjallinen suostumus {given}: {scope}",
        "gas": "Tavoitteet ja niiden saavuttaminen (GAS)",
        "gas_none": "GAS-tavoitteita ei ole kirjattu.",
        "gas_goal": "Tavoite {n}",
        "goal": "Tavoite",
        "indicator": "Mittari",
        "timetable": "Aikataulu",
        "level": "Taso",
        "level_description": "Kuvaus",
        "reached": "Saavutettu taso",
        "not_assessed": "ei arvioitu",
        "reached_mark": "saavutettu",
        "goals_assessment": "Arvio tavoitteiden toteutumisesta",
        "attachments": "Liitteet",
        "attachment_gas": "GAS-lomake: tavoitteiden saavuttamisen arviointi",
        "attachment_ku5": "KU5-lomake",
        "attachments_none": "Ei liitteitä.",
        "interruption_reason": "Keskeytymisen syy",
        "interruption_reason_fill": "Valmentaja kirjaa, miksi kuntoutus keskeytyi.",
        "independent_too_many": (
            "Itsenäisesti toteutettuja kuntoutuspäiviä on {n}, enemmän kuin palvelukuvauksen "
            "enimmäismäärä {max} (INDEPENDENT.TOO_MANY)."
        ),
        "report_author": "Palautteen laatija",
        "signature": "Allekirjoitus",
        "name_clarification": "Nimenselvennys",
    },
    "sv": {
        "certificate_title": "Deltagarintyg",
        "feedback_title": "Rehabiliteringsrespons (KU148)",
        "survey_title": "Kundrespons",
        "survey_text": "Berätta anonymt om din erfarenhet: öppna adressen eller läs QR-koden med "
        "telefonen. Ditt svar kan inte kopplas till dig.",
        "feedback_title_short": "Rehabiliteringsrespons, kort (avbruten rehabilitering, KU148)",
        "draft": "UTKAST – coachen kompletterar och slutför",
        "change_title": "Anmälan till FPA: ändring eller avvikelse",
        "queue_title": "Anmälan till FPA: klienten i kö",
        "client": "Klient",
        "name": "Namn",
        "identity_code": "Personbeteckning",
        "service": "Tjänst",
        "decision": "FPA:s beslut mottaget",
        "granted_days": "Beviljade rehabiliteringsdagar",
        "provider": "Serviceproducent",
        "business_id": "FO-nummer",
        "office": "Verksamhetsställe",
        "period": "Intygets period",
        "periods": "Genomförda rehabiliteringsperioder",
        "future_periods": "Kommande rehabiliteringsperioder",
        "future_note": "Kommande perioder är planerade, inte genomförda.",
        "meetings": "Möten",
        "days": "Enskilda rehabiliteringsdagar",
        "remote_days": "Distansrehabiliteringsdagar",
        "absences": "Frånvaro",
        "pauses": "Pauser",
        "flex": "Flexibilitet",
        "reason": "Orsak",
        "justification": "Motivering",
        "none": "Inga.",
        "date": "Datum",
        "hours": "Timmar",
        "workplace": "Arbetsplats",
        "author": "Intyget upprättat av",
        "author_name": "Namn",
        "author_phone": "Telefonnummer",
        "issued": "Datum",
        "from_to": "Period",
        "open_end": "tills vidare",
        "days_per_week": "dagar i veckan",
        "hours_per_day": "timmar om dagen",
        "remote": "på distans",
        "due": "Responsen ska lämnas till FPA senast",
        "end": "Rehabiliteringen avslutad",
        "end_date": "Avslutad den",
        "goals": "Rehabiliteringens mål och hur de uppnåtts",
        "goals_fill": "Coachen antecknar målen och en bedömning av hur de uppnåtts.",
        "realised": "Genomförda möten och rehabiliteringsdagar",
        "meeting_count": "Möten",
        "day_count": "Rehabiliteringsdagar",
        "remote_count": "varav distansdagar",
        "independent_count": "varav självständiga dagar",
        "plan": "Yrkesinriktad plan",
        "plan_fill": "Coachen antecknar klientens yrkesinriktade plan.",
        "workplaces": "Arbetsprövnings- och arbetsplatser",
        "network": "Nätverksarbete",
        "sickness_ext": "Förlängning av första fasens tidsfrist på grund av sjukdom",
        "sickness_ext_none": "Tidsfristen har inte förlängts på grund av sjukdom.",
        "recommend": "Rekommendationer för fortsättningen",
        "recommend_fill": "Coachen antecknar rekommendationer för fortsatta åtgärder.",
        "interrupted_note": "Rehabiliteringen avbröts. Kort respons.",
        "what_changed": "Vad ändrades",
        "change_date": "Tidpunkt för ändringen",
        "new_certificate": "Nytt deltagarintyg upprättat",
        "yes": "Ja",
        "no": "Nej",
        "queue_reason": "Orsak till att rehabiliteringen inte börjar inom tidsfristen",
        "expected_start": "Beräknad startdag",
        "case": "Ärendets beteckning",
        "sender": "Anmälare",
        "meeting": "Möte",
        "notice": "Anmälan",
        "extension": "Förlängning",
        "n_days": "{n} dagar",
        "content": "Innehåll",
        "extent": "Omfattning",
        "topic": "Ämne",
        "notices": "Anmälningar till FPA",
        "network_work": "Beskrivning av nätverksarbetet",
        "network_work_fill": "Coachen beskriver nätverksarbetet och samarbetet med nätverket.",
        "version": "Version",
        "replaces": "Ersätter det tidigare intyget, daterat",
        "changes": "Ändringar jämfört med föregående version",
        "followup_title": "Uppföljningsrespons för Taito-rehabilitering",
        "final_group_end": "Den sista gruppperioden avslutades",
        "followup_visits": "Uppföljningsbesök",
        "followup_dates": "Uppföljningens tidpunkter",
        "followup_mode": "Genomförande",
        "situation": "Klientens situation vid uppföljningsbesöken",
        "situation_fill": "Coachen beskriver klientens situation vid uppföljningsbesöken.",
        "plan_progress": "Hur den yrkesinriktade planen har genomförts",
        "plan_progress_fill": "Coachen antecknar hur den yrkesinriktade planen har framskridit.",
        "further_support": "Behov av fortsatt stöd",
        "further_support_fill": "Coachen antecknar klientens behov av fortsatt stöd.",
        "followup_due": "Uppföljningsresponsen ska lämnas senast",
        "allowance_statement": (
            "Intyget har upprättats för FPA för ansökan om rehabiliteringspenning."
        ),
        "on_request_statement": (
            "Klienten ansöker inte om rehabiliteringspenning, så intyget behövs inte för "
            "rehabiliteringspenningen. Intyget har upprättats på klientens begäran."
        ),
        "page": "Sida",
        "summary": "Sammanfattning",
        "realised_total": "Genomförda rehabiliteringsdagar totalt",
        "of_which_remote": "varav distansrehabiliteringsdagar",
        "of_which_independent": "varav självständigt genomförda",
        "independent": "självständigt genomförd",
        "place": "Plats",
        "at_workplace": "på arbetsplatsen: {employer}",
        "at_workplace_unnamed": "på arbetsplatsen",
        "hours_value": "{hours} h",
        "recipients": "Sändlista",
        "recipient": "Mottagare",
        "basis": "Grund",
        "kela": "FPA",
        "kela_basis": (
            "Lagen om FPA-rehabiliteringsförmåner och rehabiliteringspenningförmåner (566/2005)"
        ),
        "the_client": "Klienten: {name}",
        "client_basis": "Klientens egna uppgifter",
        "treating_party_named": "Vårdande instans: {name}",
        "network_named": "Nätverket: {name}",
        "consent_basis": "Klientens skriftliga samtycke {given}: {scope}",
        "gas": "Mål och måluppfyllelse (GAS)",
        "gas_none": "Inga GAS-mål har antecknats.",
        "gas_goal": "Mål {n}",
        "goal": "Mål",
        "indicator": "Mätare",
        "timetable": "Tidsplan",
        "level": "Nivå",
        "level_description": "Beskrivning",
        "reached": "Uppnådd nivå",
        "not_assessed": "inte bedömd",
        "reached_mark": "uppnådd",
        "goals_assessment": "Bedömning av hur målen uppnåtts",
        "attachments": "Bilagor",
        "attachment_gas": "GAS-blankett: bedömning av måluppfyllelse",
        "attachment_ku5": "Blankett KU5",
        "attachments_none": "Inga bilagor.",
        "interruption_reason": "Orsak till avbrottet",
        "interruption_reason_fill": "Coachen antecknar varför rehabiliteringen avbröts.",
        "independent_too_many": (
            "Självständigt genomförda rehabiliteringsdagar är {n}, fler än "
            "servicebeskrivningens maximum {max} (INDEPENDENT.TOO_MANY)."
        ),
        "report_author": "Responsen upprättad av",
        "signature": "Underskrift",
        "name_clarification": "Namnförtydligande",
    },
}

SERVICES = {
    "fi": {
        "TK": "Työkokeilu", "TV": "Työhönvalmennus", "TEAK-TK": "TEAK-työkokeilu",
        "TEAK-TV": "TEAK-työhönvalmennus", "TEAK-YHD": "TEAK-yhdistelmä",
        "TAITO": "Taito-kuntoutus",
    },
    "sv": {
        "TK": "Arbetsprövning", "TV": "Arbetsträning", "TEAK-TK": "TEAK-arbetsprövning",
        "TEAK-TV": "TEAK-arbetsträning", "TEAK-YHD": "TEAK-kombination",
        "TAITO": "Taito-rehabilitering",
    },
}  # fmt: skip

REASONS = {
    "fi": {
        "sickness": "sairaus", "annual_leave": "vuosiloma", "other": "muu syy",
        "employer_delay": "työnantajasta johtuva viive", "workplace_closed": "työpaikka suljettu",
        "awaiting_employer_replies": "odotetaan työnantajien vastauksia",
        "employment_ended": "työsuhde päättyi", "client_own": "asiakkaasta johtuva syy",
        "capacity": "asiakkaan toimintakyky", "client": "asiakkaan tilanne",
        "workplace": "työpaikan tilanne",
    },
    "sv": {
        "sickness": "sjukdom", "annual_leave": "semester", "other": "annan orsak",
        "employer_delay": "försening hos arbetsgivaren", "workplace_closed": "arbetsplatsen stängd",
        "awaiting_employer_replies": "väntar på svar från arbetsgivare",
        "employment_ended": "anställningen upphörde", "client_own": "orsak hos klienten",
        "capacity": "klientens funktionsförmåga", "client": "klientens situation",
        "workplace": "arbetsplatsens situation",
    },
}  # fmt: skip

MEETING_KINDS = {
    "fi": {
        "individual": "yksilötapaaminen", "workplace_visit": "työpaikkakäynti",
        "network": "verkostotapaaminen", "final_discussion": "loppukeskustelu",
        "phone_contact": "puhelinyhteydenotto",
    },
    "sv": {
        "individual": "individuellt möte", "workplace_visit": "arbetsplatsbesök",
        "network": "nätverksmöte", "final_discussion": "slutsamtal",
        "phone_contact": "telefonkontakt",
    },
}  # fmt: skip

MODES = {
    "fi": {"face_to_face": "kasvokkain", "video": "videoyhteys", "phone": "puhelin"},
    "sv": {"face_to_face": "ansikte mot ansikte", "video": "videoförbindelse", "phone": "telefon"},
}


# A date the Finnish (and Finland-Swedish) way: 13.3.2026.
fmt_date = finnish_date


# The GAS scale's five levels, from much worse to much better than expected.
GAS_LEVELS = (-2, -1, 0, 1, 2)
GAS_LEVEL_NAMES = {
    "fi": {-2: "paljon odotettua huonompi", -1: "odotettua huonompi", 0: "odotettu taso",
           1: "odotettua parempi", 2: "paljon odotettua parempi"},
    "sv": {-2: "mycket sämre än väntat", -1: "sämre än väntat", 0: "förväntad nivå",
           1: "bättre än väntat", 2: "mycket bättre än väntat"},
}  # fmt: skip


def fmt_level(level: int) -> str:
    """A GAS level with its sign: −2, −1, 0, +1, +2 (a real minus sign)."""
    return f"+{level}" if level > 0 else ("0" if level == 0 else f"\u2212{-level}")


def fmt_number(value: float, lang: str) -> str:
    """A number the Finnish and Swedish way: no trailing zeros, a decimal comma (6, 6,5)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang in LANGUAGES else text


def fmt_hours(hours: float, lang: str) -> str:
    """Hours in one format: "6 h", "6,5 h"."""
    return STRINGS[lang]["hours_value"].format(hours=fmt_number(hours, lang))


def fmt_span(start: dt.date, end: dt.date | None, lang: str) -> str:
    if end is None:
        return f"{fmt_date(start)}–{STRINGS[lang]['open_end']}"
    if start == end:
        return fmt_date(start)
    return f"{fmt_date(start)}–{fmt_date(end)}"
