"""The employment area's demo: Satakunta's employment area (Pori responsible), its three
units, officers, partner authorities and 60 jobseekers in every state, dated from today.

Every jobseeker and plan goes through ``luotsi.employment.service`` (validated, logged,
evaluated), as an officer's would. Loading again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from luotsi.accounts.models import Role, RoleAssignment, User
from luotsi.employment.models import Jobseeker, PartnerAuthority, Unit, UnitKind
from luotsi.organisations.models import Organisation, OrganisationKind

from .jobseekers import add_jobseekers

AREA = {"name": "Satakunnan työllisyysalue (Porin kaupunki)", "business_id": "0204819-8"}
UNITS = [
    ("Monialaiset palvelut (yli 30 v)", UnitKind.ADULTS),
    ("Nuorten tiimi", UnitKind.YOUTH),
    ("Koto-tiimi", UnitKind.INTEGRATION),
    ("Alku- ja työnvälityspalvelut", UnitKind.INITIAL),
]
PARTNERS = [
    ("wellbeing_county", "Satakunnan hyvinvointialue"),
    ("kela", "Kela, Länsi-Suomen vakuutuspiiri"),
]
STAFF = [
    # username, first, last, title, unit kinds, roles
    (
        "henna.virkailija",
        "Henna",
        "Koivula",
        "Työllisyysasiantuntija",
        [UnitKind.ADULTS],
        [Role.EMPLOYMENT_OFFICER],
    ),
    (
        "ari.virkailija",
        "Ari",
        "Lähteenmäki",
        "Työllisyysasiantuntija",
        [UnitKind.ADULTS],
        [Role.EMPLOYMENT_OFFICER],
    ),
    (
        "noora.nuoret",
        "Noora",
        "Mäntylä",
        "Nuorten työllisyysasiantuntija",
        [UnitKind.YOUTH],
        [Role.EMPLOYMENT_OFFICER],
    ),
    (
        "kalle.nuoret",
        "Kalle",
        "Rinta-Aho",
        "Nuorten työllisyysasiantuntija",
        [UnitKind.YOUTH],
        [Role.EMPLOYMENT_OFFICER],
    ),
    (
        "amina.koto",
        "Amina",
        "Hassan",
        "Kotoutumisen asiantuntija",
        [UnitKind.INTEGRATION, UnitKind.INITIAL],
        [Role.EMPLOYMENT_OFFICER],
    ),
    ("leena.esihenkilo", "Leena", "Santala", "Palvelupäällikkö", [], [Role.EMPLOYMENT_MANAGER]),
    (
        "kaisa.hyvinvointialue",
        "Kaisa",
        "Lehto",
        "Sosiaalityöntekijä (TYM)",
        [],
        [Role.COUNTY_TYM_WORKER],
    ),
    ("olli.kela", "Olli", "Ranta", "Kelan TYM-virkailija", [], [Role.KELA_TYM_OFFICER]),
]
ROLE_DESCRIPTIONS = {
    Role.EMPLOYMENT_OFFICER: "työllisyysasiantuntija",
    Role.EMPLOYMENT_MANAGER: "esihenkilö",
    Role.COUNTY_TYM_WORKER: "hyvinvointialueen TYM-työntekijä",
    Role.KELA_TYM_OFFICER: "Kelan TYM-virkailija",
}
SEED = 18


@dataclass
class AreaSummary:
    organisation: str
    logins: list[tuple[str, str]] = field(default_factory=list)
    jobseekers: int = 0


def load_employment_demo(today: dt.date, seed: int = SEED) -> AreaSummary:
    """The area, its units, staff and partners; then the 60 jobseekers (once)."""
    area, _ = Organisation.objects.update_or_create(
        business_id=AREA["business_id"],
        defaults={"name": AREA["name"], "kind": OrganisationKind.EMPLOYMENT_AREA},
    )
    units = {}
    for name, kind in UNITS:
        units[kind], _ = Unit.objects.update_or_create(
            organisation=area, name=name, defaults={"kind": kind}
        )
    for kind, name in PARTNERS:
        PartnerAuthority.objects.update_or_create(
            organisation=area, kind=kind, defaults={"name": name}
        )
    from .loader import DEMO_PASSWORD

    summary = AreaSummary(organisation=area.name)
    staff = {}
    for username, first, last, title, unit_kinds, roles in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "organisation": area,
                "title": title,
                "email": f"{username}@example.fi",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for kind in unit_kinds:
            units[kind].members.add(user)
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
        staff[username] = user
        description = ", ".join(ROLE_DESCRIPTIONS[r] for r in roles)
        summary.logins.append((username, f"{first} {last} — {description} ({AREA['name']})"))
    if not Jobseeker.objects.filter(organisation=area).exists():
        add_jobseekers(area, units, staff, today, random.Random(seed))
    summary.jobseekers = Jobseeker.objects.filter(organisation=area).count()
    return summary
