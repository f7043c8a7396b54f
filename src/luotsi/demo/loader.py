"""Load the demo organisation, offices, teams and staff. Safe to run again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from luotsi.accounts.models import Role, RoleAssignment, User
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from luotsi.clients import crypto
from luotsi.clients.models import Client
from luotsi.clients.service import create_client
from luotsi.organisations.models import Office, Organisation, Team

from .identity import make_identity_code

DEMO_PASSWORD = "luotsi-demo-2026"  # noqa: S105 - printed to the person running the demo

ORGANISATION = {"name": "Satakunnan Kuntoutuspalvelut Oy", "business_id": "2345678-0"}
OFFICES = [
    {
        "name": "Porin toimipiste",
        "street_address": "Yrjönkatu 1",
        "postal_code": "28100",
        "city": "Pori",
    },
    {
        "name": "Rauman toimipiste",
        "street_address": "Kauppakatu 5",
        "postal_code": "26100",
        "city": "Rauma",
    },
]
TEAMS = [("Porin tiimi", "Porin toimipiste"), ("Rauman tiimi", "Rauman toimipiste")]
STAFF = [
    # username, first, last, title, phone, team, roles
    (
        "aino.koskinen",
        "Aino",
        "Koskinen",
        "Työhönvalmentaja",
        "+358 40 710 2231",
        "Porin tiimi",
        [Role.COACH, Role.TEAM_LEAD],
    ),
    (
        "mikko.lehtonen",
        "Mikko",
        "Lehtonen",
        "Työhönvalmentaja",
        "+358 40 710 2232",
        "Porin tiimi",
        [Role.COACH],
    ),
    (
        "sanna.makela",
        "Sanna",
        "Mäkelä",
        "Omaohjaaja",
        "+358 40 710 2233",
        "Rauman tiimi",
        [Role.COACH],
    ),
    (
        "jussi.heikkinen",
        "Jussi",
        "Heikkinen",
        "Työhönvalmentaja",
        "+358 40 710 2234",
        "Rauman tiimi",
        [Role.COACH],
    ),
    (
        "paivi.laine",
        "Päivi",
        "Laine",
        "Laatupäällikkö",
        "+358 40 710 2235",
        None,
        [Role.QUALITY_MANAGER],
    ),
    (
        "timo.salonen",
        "Timo",
        "Salonen",
        "Järjestelmänvalvoja",
        "+358 40 710 2236",
        None,
        [Role.ADMINISTRATOR],
    ),
]
ROLE_DESCRIPTIONS = {
    Role.COACH: "valmentaja",
    Role.TEAM_LEAD: "tiimin vetäjä",
    Role.QUALITY_MANAGER: "laatupäällikkö",
    Role.ADMINISTRATOR: "ylläpitäjä",
}


# first, last, birth date, individual number (900-999: never a real person), language,
# responsible coach, team, street address
CLIENTS = [
    (
        "Matti",
        "Virtanen",
        dt.date(1988, 4, 2),
        913,
        "fi",
        "aino.koskinen",
        "Porin tiimi",
        "Itäpuisto 7 B 12, 28100 Pori",
    ),
    (
        "Liisa",
        "Nieminen",
        dt.date(1975, 11, 23),
        928,
        "fi",
        "aino.koskinen",
        "Porin tiimi",
        "Antinkatu 14 A 3, 28100 Pori",
    ),
    (
        "Juha",
        "Mäkinen",
        dt.date(1993, 7, 9),
        931,
        "fi",
        "mikko.lehtonen",
        "Porin tiimi",
        "Satakunnankatu 22, 28130 Pori",
    ),
    (
        "Kaisa",
        "Hämäläinen",
        dt.date(2001, 2, 17),
        946,
        "fi",
        "mikko.lehtonen",
        "Porin tiimi",
        "Mikonkatu 3 C 21, 28100 Pori",
    ),
    (
        "Anders",
        "Lindholm",
        dt.date(1969, 9, 30),
        952,
        "sv",
        "sanna.makela",
        "Rauman tiimi",
        "Kuninkaankatu 9, 26100 Rauma",
    ),
    (
        "Tiina",
        "Salminen",
        dt.date(1984, 12, 5),
        967,
        "fi",
        "sanna.makela",
        "Rauman tiimi",
        "Nortamonkatu 18, 26100 Rauma",
    ),
    (
        "Pekka",
        "Laine",
        dt.date(1979, 5, 14),
        974,
        "fi",
        "jussi.heikkinen",
        "Rauman tiimi",
        "Savilankatu 4 A 6, 26100 Rauma",
    ),
    (
        "Emma",
        "Koivisto",
        dt.date(1998, 8, 26),
        989,
        "fi",
        "jussi.heikkinen",
        "Rauman tiimi",
        "Pohjoiskatu 11, 26100 Rauma",
    ),
]


@dataclass
class DemoSummary:
    organisation: str
    logins: list[tuple[str, str]] = field(default_factory=list)


@transaction.atomic
def load_demo() -> DemoSummary:
    organisation, _ = Organisation.objects.update_or_create(
        business_id=ORGANISATION["business_id"], defaults={"name": ORGANISATION["name"]}
    )
    offices = {}
    for office in OFFICES:
        offices[office["name"]], _ = Office.objects.update_or_create(
            organisation=organisation, name=office["name"], defaults=office
        )
    teams = {}
    for team_name, office_name in TEAMS:
        teams[team_name], _ = Team.objects.update_or_create(
            organisation=organisation, name=team_name, defaults={"office": offices[office_name]}
        )
    summary = DemoSummary(organisation=organisation.name)
    for username, first, last, title, phone, team, roles in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "organisation": organisation,
                "title": title,
                "phone": phone,
                "email": f"{username}@example.fi",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if team:
            user.teams.add(teams[team])
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
        description = ", ".join(ROLE_DESCRIPTIONS[r] for r in roles)
        summary.logins.append((username, f"{first} {last} — {description}"))
    _load_clients(organisation, teams)
    _load_cases(organisation)
    return summary


def _load_clients(organisation: Organisation, teams: dict[str, Team]) -> None:
    for first, last, born, number, language, coach, team, address in CLIENTS:
        code = make_identity_code(born, number)
        exists = Client.objects.filter(
            organisation=organisation, identity_code_hmac=crypto.identity_code_hmac(code)
        ).exists()
        if exists:
            continue
        create_client(
            None,
            organisation=organisation,
            identity_code=code,
            first_name=first,
            last_name=last,
            language=language,
            phone=f"+358 50 555 0{number}",
            email=f"{first.lower()}.{last.lower()}@example.fi".replace("ä", "a"),
            address=address,
            responsible_coach=User.objects.get(username=coach),
            team=teams[team],
        )


# Demo cases: the shapes of the shared examples, dates as day offsets from a fixed Monday.
CASE_REFERENCE = dt.date(2026, 1, 5)
DEMO_OFFICE = "Pori, Yrjönkatu 1"


def _weekdays(start: int, count: int) -> list[int]:
    """``count`` weekday offsets from ``start`` (the reference is a Monday)."""
    days: list[int] = []
    offset = start
    while len(days) < count:
        if offset % 7 < 5:
            days.append(offset)
        offset += 1
    return days


def _demo_case(case_id: str, service: str, granted: int, pauses: bool) -> dict[str, object]:
    def day(offset: int) -> str:
        return (CASE_REFERENCE + dt.timedelta(days=offset)).isoformat()

    meeting = {"kind": "individual", "mode": "face_to_face", "minutes": 60}
    office = {"place": "provider_office", "office": DEMO_OFFICE}
    events: list[dict[str, object]] = [
        {"type": "meeting", "date": day(7), "phase": "planning", **meeting, **office},
        {"type": "meeting", "date": day(10), "phase": "planning", **meeting, **office},
        {"type": "meeting", "date": day(21), "phase": "job_search", **meeting, **office},
        {
            "type": "workplace",
            "from": day(35),
            "employer": "Oy Esimerkki Ab",
            "kind": "open_market",
        },
        {"type": "phase", "date": day(35), "phase": "workplace"},
    ]
    events += [{"type": "rehab_day", "date": day(d)} for d in _weekdays(35, 15)]
    if pauses:
        events += [
            {"type": "pause", "from": day(63), "to": day(67), "reason": "employer_delay"},
            {"type": "pause", "from": day(77), "to": day(81), "reason": "workplace_closed"},
        ]
    return {
        "format": "luotsi-case/1",
        "id": case_id,
        "service": service,
        "decision": {"received": day(0), "granted_days": granted, "first_decision": True},
        "events": events,
    }


DEMO_CASES = [
    # (case number, client's identity-code individual number, service, granted days, pauses)
    ("DEMO-TK-1", 913, "TK", 45, False),
    ("DEMO-TV-1", 928, "TV", 95, True),
    ("DEMO-TEAK-1", 952, "TEAK-TV", 60, False),
]


def _load_cases(organisation: Organisation) -> None:
    clients = {
        int(crypto.decrypt(c.identity_code_encrypted)[7:10]): c
        for c in Client.objects.filter(organisation=organisation)
    }
    for case_id, number, service, granted, pauses in DEMO_CASES:
        client = clients.get(number)
        if client is None:
            continue
        if Case.objects.filter(organisation=organisation, external_id=case_id).exists():
            continue
        import_case(None, organisation, client, _demo_case(case_id, service, granted, pauses))
