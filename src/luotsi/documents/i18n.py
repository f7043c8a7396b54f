"""The Finnish and Swedish strings of the documents: whole phrases, never fragments."""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("fi", "sv")

STRINGS: dict[str, dict[str, str]] = {
    "fi": {
        "certificate_title": "Osallistumistodistus",
        "feedback_title": "Kuntoutuspalaute (KU148)",
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
    },
    "sv": {
        "certificate_title": "Deltagarintyg",
        "feedback_title": "Rehabiliteringsrespons (KU148)",
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
        "meetings": "Träffar",
        "days": "Enskilda rehabiliteringsdagar",
        "remote_days": "Distansrehabiliteringsdagar",
        "absences": "Frånvaro",
        "pauses": "Avbrott",
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
        "goals": "Rehabiliteringens mål och hur de uppnåtts",
        "goals_fill": "Coachen antecknar målen och en bedömning av hur de uppnåtts.",
        "realised": "Genomförda träffar och rehabiliteringsdagar",
        "meeting_count": "Träffar",
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
        "meeting": "Träff",
        "notice": "Anmälan",
        "extension": "Förlängning",
        "n_days": "{n} dagar",
        "content": "Innehåll",
        "extent": "Omfattning",
        "topic": "Ämne",
        "notices": "Anmälningar till FPA",
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
        "individual": "individuell träff", "workplace_visit": "arbetsplatsbesök",
        "network": "nätverksträff", "final_discussion": "slutsamtal",
        "phone_contact": "telefonkontakt",
    },
}  # fmt: skip

MODES = {
    "fi": {"face_to_face": "kasvokkain", "video": "videoyhteys", "phone": "puhelin"},
    "sv": {"face_to_face": "ansikte mot ansikte", "video": "videoförbindelse", "phone": "telefon"},
}


def fmt_date(value: dt.date | None) -> str:
    """A date the Finnish (and Finland-Swedish) way: 13.3.2026."""
    if value is None:
        return ""
    return f"{value.day}.{value.month}.{value.year}"


def fmt_span(start: dt.date, end: dt.date | None, lang: str) -> str:
    if end is None:
        return f"{fmt_date(start)}–{STRINGS[lang]['open_end']}"
    if start == end:
        return fmt_date(start)
    return f"{fmt_date(start)}–{fmt_date(end)}"
