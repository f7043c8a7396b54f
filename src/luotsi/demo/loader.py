"""Load the demo organisation, offices, teams and staff. Safe to run again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.models import Role, RoleAssignment, User
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from luotsi.clients import crypto
from luotsi.clients.models import Client
from luotsi.clients.service import create_client
from luotsi.organisations.models import Office, Organisation, Team

from .billing import load_billing
from .scenarios import COACHES, SEED, demo_clients
from .workspace import add_workspace_records

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


@dataclass
class DemoSummary:
    organisation: str
    logins: list[tuple[str, str]] = field(default_factory=list)


@transaction.atomic
def load_demo(today: dt.date | None = None, seed: int = SEED) -> DemoSummary:
    """Load the demo; ``today`` (default: today) dates the cases, ``seed`` the people.

    Safe to run again: existing staff, clients and cases are kept (cases keep the dates of
    the day they were first loaded; drop the database for fresh ones).
    """
    today = today or timezone.localdate()
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
    _load_clients_and_cases(organisation, teams, today, seed)
    load_workload(organisation)  # acknowledgements and a holiday cover (demo/workload.py)
    load_billing(organisation, today)  # luotsi.demo.billing: price list, invoices, a credit
    from .employment import load_employment_demo  # the employment area (issue 18)

    summary.logins.extend(load_employment_demo(today).logins)
    _load_quality(organisation, today)
    return summary


def load_workload(organisation: Organisation) -> None:
    from .workload import load_workload as load

    load(organisation)


def _load_quality(organisation: Organisation, today: dt.date) -> None:
    """The staff register, an audit, a self-monitoring plan and survey answers (their own
    demo modules)."""
    from luotsi.quality.demo import load_audit_demo, load_self_monitoring_demo, load_survey_demo
    from luotsi.staff.demo import load_staff_demo

    load_staff_demo(organisation, today)
    load_audit_demo(organisation, today)
    load_self_monitoring_demo(organisation, today)
    load_survey_demo(organisation, today)


def _load_clients_and_cases(
    organisation: Organisation, teams: dict[str, Team], today: dt.date, seed: int
) -> None:
    """One client and one case per demo scenario; existing ones are left as they are."""
    coaches = {u.username: u for u in User.objects.filter(username__in=COACHES)}
    existing_clients = {
        c.identity_code_hmac: c for c in Client.objects.filter(organisation=organisation)
    }
    existing_cases = set(
        Case.objects.filter(organisation=organisation, external_id__startswith="DEMO-").values_list(
            "external_id", flat=True
        )
    )
    loaded: dict[str, Case] = {}
    for demo in demo_clients(today, seed):
        code = demo.identity_code
        client = existing_clients.get(crypto.identity_code_hmac(code))
        if client is None:
            email_name = f"{demo.first_name}.{demo.last_name}".lower()
            client = create_client(
                None,
                organisation=organisation,
                identity_code=code,
                first_name=demo.first_name,
                last_name=demo.last_name,
                language=demo.language,
                phone=f"+358 50 555 0{demo.individual_number}",
                email=f"{_ascii(email_name)}@example.fi",
                address=demo.address,
                responsible_coach=coaches[demo.coach],
                team=teams[demo.team],
            )
        if demo.case_id not in existing_cases:
            loaded[demo.case_id] = import_case(None, organisation, client, demo.case, on=today)
    add_workspace_records(loaded, today)


def _ascii(text: str) -> str:
    return text.translate(str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e"}))
