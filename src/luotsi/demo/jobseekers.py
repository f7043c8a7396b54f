"""The employment area demo's 60 jobseekers in every state (``luotsi.demo.employment``
loads the area first). Each goes through ``luotsi.employment.service``, dated from today."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from luotsi.accounts.models import User
from luotsi.employment import service
from luotsi.employment.models import Jobseeker, PartnerAuthority, Unit, UnitKind
from luotsi.organisations.models import Organisation
from luotsi.rules import calendar as cal

from .identity import make_identity_code

FIRST = [
    "Aleksi",
    "Anni",
    "Eetu",
    "Essi",
    "Henri",
    "Iida",
    "Jesse",
    "Julia",
    "Kasper",
    "Laura",
    "Mikael",
    "Nelli",
    "Onni",
    "Pinja",
    "Roope",
    "Sanni",
    "Tuomas",
    "Venla",
    "Arja",
    "Esa",
    "Hannele",
    "Jukka",
    "Kirsi",
    "Marko",
    "Pirjo",
    "Reijo",
    "Seija",
    "Timo",
    "Ulla",
    "Vesa",
]
LAST = [
    "Aalto",
    "Heikkinen",
    "Hirvonen",
    "Jokela",
    "Kangas",
    "Koski",
    "Lampinen",
    "Mäki",
    "Nurmi",
    "Palo",
    "Rautio",
    "Salo",
    "Tuomi",
    "Uotila",
    "Vuorinen",
    "Ylinen",
    "Kujala",
    "Rosenberg",
    "Saari",
    "Valtonen",
]
NEWCOMERS = [
    ("Amir", "Rahimi"),
    ("Fatima", "Ali"),
    ("Oleksandr", "Kovalenko"),
    ("Iryna", "Shevchenko"),
    ("Mohamed", "Hussein"),
    ("Sara", "Tesfaye"),
    ("Nguyen", "Thi Lan"),
    ("Daniel", "Mensah"),
]


@dataclass
class Person:
    first: str
    last: str
    born: dt.date
    number: int


def _people(rng: random.Random, today: dt.date) -> Callable[[int, int, bool], Person]:
    used: set[tuple[str, str]] = set()
    counter = iter(range(900, 1000))

    def person(min_age: int, max_age: int, newcomer: bool = False) -> Person:
        if newcomer:  # a few names for many people: the identity codes tell them apart
            first, last = rng.choice(NEWCOMERS)
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            while (first, last) in used:
                first, last = rng.choice(FIRST), rng.choice(LAST)
            used.add((first, last))
        age_days = rng.randint(min_age * 365 + 30, max_age * 365 + 300)
        return Person(first, last, today - dt.timedelta(days=age_days), next(counter))

    return person


def add_jobseekers(
    area: Organisation,
    units: dict[str, Unit],
    staff: dict[str, User],
    today: dt.date,
    rng: random.Random,
) -> None:
    person = _people(rng, today)
    kela = "kela"
    authorities = {a.kind: a for a in PartnerAuthority.objects.filter(organisation=area)}
    adults_officers = [staff["henna.virkailija"], staff["ari.virkailija"]]
    youth_officers = [staff["noora.nuoret"], staff["kalle.nuoret"]]
    koto = staff["amina.koto"]

    def days(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    def new(p: Person, unit: str, officer: User, started: dt.date, **extra: object) -> Jobseeker:
        return service.create_jobseeker(
            None,
            organisation=area,
            identity_code=make_identity_code(p.born, p.number),
            first_name=p.first,
            last_name=p.last,
            unit=units[unit],
            responsible_officer=officer,
            job_search_start=started,
            on=today,
            **extra,
        )

    def assess(
        js: Jobseeker, on: dt.date, refer: bool, *, with_kela: bool = True, decided: bool = True
    ) -> None:
        service.record_assessment(
            None,
            js,
            date=on,
            with_county=True,
            with_kela=with_kela,
            capacity_limits=refer,
            life_management=rng.random() < 0.4,
            multi_sector_support=refer,
            public_services_suffice=not refer,
            long_term_or_intensive=refer,
            decision=("refer" if refer else "do_not_refer") if decided else "",
            on=today,
        )

    def tym(js: Jobseeker, on: dt.date, review: dt.date, *, with_kela: bool = True) -> None:
        services = {
            "employment_authority": ["Työhönvalmennus", "Uravalmennus"],
            "wellbeing_county": ["Kuntouttava työtoiminta", "Aikuissosiaalityö"],
        }
        if with_kela:
            services["kela"] = ["Ammatillinen kuntoutusselvitys (AKSE)"]
        service.save_tym_plan(
            None,
            js,
            date=on,
            review_by=review,
            with_county=True,
            with_kela=with_kela,
            goal="Työ- ja toimintakyvyn vahvistaminen",
            services=services,
            on=today,
        )

    def kuty(
        js: Jobseeker,
        start: dt.date,
        *,
        evaluate_in: int = 75,
        final: bool = True,
        evaluated: bool = False,
        months: int = 3,
    ) -> None:
        end = cal.add_days(cal.add_months(start, months), -1)
        values = {
            "made": start - dt.timedelta(days=7),
            "goal": "Päivärytmi ja työkyvyn arviointi",
            "description": "Kierrätyskeskuksen tehtävät",
            "place": "Porin Kierrätyskeskus",
            "hours_per_day": 4,
            "days_per_week": 3,
            "start": start,
            "end": end,
            "support": "Työpajaohjaaja päivittäin, omavalmentaja viikoittain",
            "other_services": "Aikuissosiaalityö, työttömien terveystarkastus",
            "evaluate_by": start + dt.timedelta(days=evaluate_in),
        }
        if not final:
            values.update(support="", evaluate_by=None)
        plan = service.save_activation_plan(None, js, finalise=final, on=today, **values)
        if evaluated and values["evaluate_by"] <= today:
            service.evaluate_activation_plan(
                None, plan, evaluated_on=values["evaluate_by"], on=today
            )

    # -- adults' multi-sector services (24) ----------------------------------------
    for i in range(24):
        p = person(31, 62)
        officer = adults_officers[i % 2]
        started = days(rng.randint(120, 540))
        js = new(
            p, UnitKind.ADULTS, officer, started, moved_to_unit_on=started + dt.timedelta(days=30)
        )
        kind = i % 8
        if kind == 0:  # assessed, referral decision still to record
            assess(js, days(6), True, decided=False)
        elif kind == 1:  # TYM client, review coming up with the county and Kela
            assess(js, days(60), True)
            tym(js, days(50), today + dt.timedelta(days=rng.randint(3, 20)))
        elif kind == 2:  # TYM client whose review was missed
            assess(js, days(140), True)
            tym(js, days(130), days(rng.randint(2, 12)), with_kela=False)
        elif kind == 3:  # TYM client in KUTY, evaluation due
            assess(js, days(120), True)
            tym(js, days(110), today + dt.timedelta(days=40))
            kuty(js, days(60), evaluate_in=rng.randint(65, 80))
        elif kind == 4:  # KUTY ended, evaluated, to renew
            kuty(js, cal.add_months(days(20), -3), evaluated=True, evaluate_in=70)
        elif kind == 5:  # KUTY plan as a draft with items missing
            kuty(js, today + dt.timedelta(days=14), final=False)
        elif kind == 6:  # assessed: public services suffice
            assess(js, days(30), False)
        else:  # a consultation to go through, and the Kela hand-off
            service.record_consultation(
                None,
                js,
                date=days(5),
                agreed_on=days(12),
                with_kela=True,
                topic="Ammatillisen kuntoutuksen mahdollisuudet",
                on=today,
            )
            service.save_rehabilitation(
                None,
                js,
                responsible=rng.choice(["kela", "unclear"]),
                criteria=["illness_weakens_capacity"],
                service="taito",
                applied_on=days(3),
                on=today,
            )
    # -- youth team and the youth route (18) ---------------------------------------
    for i in range(18):
        p = person(18, 28)
        kind = i % 6
        if kind == 0:  # in initial services, 5-month mark within a month
            started = cal.add_months(today + dt.timedelta(days=rng.randint(3, 25)), -5)
            new(p, UnitKind.INITIAL, koto, started)
        elif kind == 1:  # past the 5-month mark, not moved yet
            started = cal.add_months(days(rng.randint(3, 20)), -5)
            new(p, UnitKind.INITIAL, koto, started)
        elif kind == 2:  # moved to the youth team, a TYM need found
            js = new(p, UnitKind.YOUTH, youth_officers[i % 2], days(200), moved_to_unit_on=days(90))
            assess(js, days(80), True, with_kela=False)
            tym(js, days(70), today + dt.timedelta(days=rng.randint(10, 50)), with_kela=False)
        elif kind == 3:  # youth team, a consultation gone through
            js = new(
                p, UnitKind.YOUTH, youth_officers[i % 2], days(260), moved_to_unit_on=days(110)
            )
            service.record_consultation(
                None,
                js,
                date=days(20),
                agreed_on=days(25),
                with_county=True,
                topic="Asuminen ja päihteet",
                on=today,
            )
            c = js.consultations.get()
            service.consultation_gone_through(None, c, on_day=days(15), on=today)
        elif kind == 4:  # youth team, KUTY running
            js = new(
                p, UnitKind.YOUTH, youth_officers[i % 2], days(300), moved_to_unit_on=days(150)
            )
            kuty(js, days(30), evaluate_in=80)
        else:  # youth team, a consultation not yet gone through
            js = new(p, UnitKind.YOUTH, youth_officers[i % 2], days(220), moved_to_unit_on=days(60))
            service.record_consultation(
                None,
                js,
                date=days(rng.randint(1, 20)),
                agreed_on=days(25),
                with_kela=True,
                with_county=True,
                topic="Koulutuspolku",
                on=today,
            )
    # -- integration team (14) -------------------------------------------------------
    for i in range(14):
        p = person(24, 50, newcomer=True)
        kind = i % 4
        arrived = days({0: 120, 1: 640, 2: 800, 3: 300}[kind] + rng.randint(0, 30))
        js = new(p, UnitKind.INTEGRATION, koto, arrived, residence_permit=True)
        first_start = arrived + dt.timedelta(days=14)
        first_end = cal.add_days(cal.add_months(first_start, 12), -1)
        service.save_integration_plan(
            None,
            js,
            initial_assessment=arrived,
            start=first_start,
            end=min(first_end, today + dt.timedelta(days=200)),
            goals="Suomen kieli A2, ammatillinen suunta",
            services="Kotoutumiskoulutus",
            on=today,
        )
        if kind in (1, 2) and first_end < today:  # a second plan, near the end of 2 years
            second_end = cal.add_days(cal.add_months(first_start, 24), -1)
            reason = "Työ- ja toimintakyky: kuntoutus kesken" if kind == 2 else ""
            end = cal.add_days(cal.add_months(first_start, 36), -1) if reason else second_end
            service.save_integration_plan(
                None,
                js,
                start=cal.add_days(first_end, 1),
                end=end,
                extension_reason=reason,
                goals="Työkokeilu ja kielikoulutus",
                services="Työvoimakoulutus",
                on=today,
            )
    # -- initial services and the rest (4) ---------------------------------------------
    for i in range(4):
        p = person(30, 60)
        js = new(p, UnitKind.INITIAL, koto, days(rng.randint(10, 60)))
        if i == 0:  # working 20 h a week: not unemployed
            service.update_jobseeker(None, js, employed=True, weekly_hours=20, on=today)
        if i == 1:  # the client relationship ended
            service.update_jobseeker(None, js, ended_on=days(5), on=today)
    # a consent: Kela may see the whole file of one adult
    first_adult = Jobseeker.objects.filter(organisation=area, unit__kind=UnitKind.ADULTS).first()
    if first_adult is not None:
        service.record_partner_consent(
            staff["henna.virkailija"],
            first_adult,
            authority=authorities[kela],
            scope="Kaikki työllistymistä koskevat suunnitelmat",
            covers_health_data=True,
            given_on=days(10),
        )
