"""The employment area's documents: the activation plan (KUTY) and the integration plan
(KOTO), made from a ``luotsi-jobseeker/1`` file through the one PDF path of this package.

Django-free like the rest of ``luotsi.documents``: the builders turn the jobseeker file
(and the names the file does not carry) into a plain context; the Jinja2 templates make the
page; ``render_pdf`` the PDF/UA-1 file. Strings are whole Finnish and Swedish phrases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from luotsi.documents.build import DocumentRefused
from luotsi.rules.calendar import finnish_date
from luotsi.rules.employment import koto, kuty
from luotsi.rules.employment.schema import JobseekerFile

STRINGS: dict[str, dict[str, str]] = {
    "fi": {
        "activation_title": "Aktivointisuunnitelma: kuntouttava työtoiminta",
        "integration_title": "Kotoutumissuunnitelma",
        "draft": "LUONNOS – ei vielä lopullinen",
        "area": "Työllisyysalue",
        "unit": "Yksikkö",
        "officer": "Vastuuvirkailija",
        "client": "Asiakas",
        "name": "Nimi",
        "identity_code": "Henkilötunnus",
        "made": "Laadittu",
        "law": "Laki kuntouttavasta työtoiminnasta edellyttää suunnitelmaan ainakin seuraavat "
        "kohdat.",
        "item1": "1. Kuntouttavan työtoiminnan tavoite, kuvaus ja järjestämispaikka",
        "goal": "Tavoite",
        "description": "Kuvaus",
        "place": "Järjestämispaikka",
        "item2": "2. Päivittäinen ja viikoittainen kesto",
        "hours_days": "{hours} tuntia päivässä, {days} päivää viikossa",
        "item3": "3. Jakson alkamisajankohta ja pituus",
        "period": "{start}–{end} ({months} kk)",
        "item4": "4. Henkilölle annettava tuki ja ohjaus",
        "item5": "5. Muut sosiaali-, terveys-, kuntoutus- ja koulutuspalvelut",
        "item6": "6. Vaikutusten arviointi ja jatkotoimista päättäminen viimeistään",
        "renewal": "Aktivointisuunnitelmaa uudistetaan, kunnes työssäoloehto täyttyy.",
        "signatures": "Allekirjoitukset",
        "sign_client": "Asiakas",
        "sign_officer": "Työvoimaviranomainen",
        "issued": "Päiväys",
        "integration_time": "Kotoutumisaika",
        "initial_assessment": "Alkukartoitus",
        "time_ends": "Suunnitelmat enintään",
        "used_left_label": "Käytetty ja jäljellä",
        "extended": "Pidennetty kolmeen vuoteen; peruste",
        "used_left": "Käytetty {used} päivää, jäljellä {left} päivää ({on})",
        "plans": "Kotoutumissuunnitelmat",
        "from_to": "Ajalla",
        "goals": "Tavoitteet",
        "services": "Palvelut",
        "none": "Ei kirjattu.",
        "limits": "Ensimmäinen kotoutumissuunnitelma voidaan laatia enintään yhdeksi vuodeksi; "
        "suunnitelmien yhteenlaskettu enimmäiskesto on kaksi vuotta ensimmäisen laatimisesta, "
        "pidennettävissä kolmeen vuoteen esim. työ- ja toimintakykyyn liittyvistä syistä.",
    },
    "sv": {
        "activation_title": "Aktiveringsplan: arbetsverksamhet i rehabiliteringssyfte",
        "integration_title": "Integrationsplan",
        "draft": "UTKAST – ännu inte slutlig",
        "area": "Sysselsättningsområde",
        "unit": "Enhet",
        "officer": "Ansvarig tjänsteman",
        "client": "Kund",
        "name": "Namn",
        "identity_code": "Personbeteckning",
        "made": "Uppgjord",
        "law": "Lagen om arbetsverksamhet i rehabiliteringssyfte kräver minst följande punkter "
        "i planen.",
        "item1": "1. Målet med arbetsverksamheten, en beskrivning och platsen där den ordnas",
        "goal": "Mål",
        "description": "Beskrivning",
        "place": "Plats",
        "item2": "2. Längd per dag och per vecka",
        "hours_days": "{hours} timmar per dag, {days} dagar per vecka",
        "item3": "3. Periodens början och längd",
        "period": "{start}–{end} ({months} mån.)",
        "item4": "4. Stöd och handledning under verksamheten",
        "item5": "5. Övriga social-, hälso-, rehabiliterings- och utbildningstjänster",
        "item6": "6. Effekterna bedöms och fortsättningen beslutas senast",
        "renewal": "Aktiveringsplanen förnyas tills arbetsvillkoret är uppfyllt.",
        "signatures": "Underskrifter",
        "sign_client": "Kund",
        "sign_officer": "Arbetskraftsmyndigheten",
        "issued": "Datum",
        "integration_time": "Integrationstid",
        "initial_assessment": "Inledande kartläggning",
        "time_ends": "Planerna högst till",
        "used_left_label": "Använt och kvar",
        "extended": "Förlängd till tre år; grund",
        "used_left": "Använt {used} dagar, {left} dagar kvar ({on})",
        "plans": "Integrationsplaner",
        "from_to": "Tid",
        "goals": "Mål",
        "services": "Tjänster",
        "none": "Inte antecknat.",
        "limits": "Den första integrationsplanen kan göras för högst ett år; planernas "
        "sammanlagda längd är högst två år från den första planen och kan förlängas till tre "
        "år t.ex. av skäl som gäller arbets- och funktionsförmågan.",
    },
}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _months(start: dt.date, end: dt.date) -> str:
    days = (end - start).days + 1
    return _number(round(days / 30.44, 1))


def activation_plan_context(
    file: JobseekerFile,
    plan_id: str,
    *,
    lang: str,
    names: dict[str, str],
    issued: dt.date,
    draft: bool = False,
) -> dict[str, Any]:
    """The activation plan ``plan_id`` of ``file`` as a document. ``names``: client_name,
    identity_code, area, unit, officer. Refused (``DocumentRefused`` naming the first
    missing item's field) unless the six items are recorded, except for a draft."""
    index, plan = next((i, p) for i, p in enumerate(file.activation_plans) if p.id == plan_id)
    missing = kuty.missing_fields(plan)
    if missing and not draft:
        items = ", ".join(str(i) for i in kuty.missing_items(plan))
        raise DocumentRefused(
            f"/activation_plans/{index}/{missing[0]}",
            f"the activation plan lacks the items the law requires: {items}",
            code="missing",
        )
    s = STRINGS[lang]
    period = ""
    if plan.start and plan.end:
        period = s["period"].format(
            start=finnish_date(plan.start),
            end=finnish_date(plan.end),
            months=_months(plan.start, plan.end),
        )
    hours_days = ""
    if plan.hours_per_day is not None and plan.days_per_week is not None:
        hours_days = s["hours_days"].format(
            hours=_number(plan.hours_per_day), days=plan.days_per_week
        )
    return {
        "kind": "activation_plan",
        "lang": lang,
        "s": s,
        "title": s["activation_title"],
        "draft": draft,
        **names,
        "made": finnish_date(plan.made),
        "goal": plan.goal,
        "description": plan.description,
        "place": plan.place,
        "hours_days": hours_days,
        "period": period,
        "support": plan.support,
        "other_services": plan.other_services,
        "evaluate_by": finnish_date(plan.evaluate_by) if plan.evaluate_by else "",
        "issued": finnish_date(issued),
    }


def integration_plan_context(
    file: JobseekerFile,
    *,
    lang: str,
    names: dict[str, str],
    texts: list[tuple[str, str]],
    on: dt.date,
    issued: dt.date,
) -> dict[str, Any]:
    """The jobseeker's integration plans as one document with the integration time used and
    left on ``on``. ``texts``: the goals and services of each plan, in the file's order."""
    integration = file.integration
    if integration is None or not integration.plans:
        raise DocumentRefused("/integration/plans", "there is no integration plan", code="missing")
    time = koto.integration_time(integration, on)
    assert time is not None
    s = STRINGS[lang]
    plans = [
        {
            "span": f"{finnish_date(p.from_)}–{finnish_date(p.to)}",
            "goals": goals,
            "services": services,
        }
        for p, (goals, services) in zip(integration.plans, texts, strict=True)
    ]
    return {
        "kind": "integration_plan",
        "lang": lang,
        "s": s,
        "title": s["integration_title"],
        "draft": False,
        **names,
        "initial_assessment": finnish_date(time.starts),
        "time_ends": finnish_date(time.ends),
        "extension_reason": integration.extension_reason if time.extended else "",
        "used_left": s["used_left"].format(
            used=time.used_days, left=time.left_days, on=finnish_date(on)
        ),
        "plans": plans,
        "issued": finnish_date(issued),
    }
