"""The demo organisation's staff register: three coaches in each TK/TV team, a
psychologist, first-aid trainings (one expiring soon) and a summer holiday that leaves
the Pori team short. Dated relative to the day of loading; loading again adds nothing."""

from __future__ import annotations

import datetime as dt

from luotsi.accounts.models import User
from luotsi.organisations.models import Office, Organisation, Team

from . import service
from .models import StaffMember

# first, last, username (login) or None, role, services, offices, teams, qualifications
MEMBERS = [
    (
        "Aino",
        "Koskinen",
        "aino.koskinen",
        "coach",
        ["TK", "TV"],
        ["Porin toimipiste"],
        ["Porin tiimi"],
        "Sosionomi (AMK)\nTyöhönvalmentajan erikoisammattitutkinto",
    ),
    (
        "Mikko",
        "Lehtonen",
        "mikko.lehtonen",
        "coach",
        ["TK", "TV"],
        ["Porin toimipiste"],
        ["Porin tiimi"],
        "Yhteisöpedagogi (AMK)",
    ),
    (
        "Riikka",
        "Virtanen",
        None,
        "coach",
        ["TK", "TV"],
        ["Porin toimipiste"],
        ["Porin tiimi"],
        "Sosionomi (AMK)",
    ),
    (
        "Sanna",
        "Mäkelä",
        "sanna.makela",
        "personal_coach",
        ["TEAK-TK", "TEAK-TV", "TEAK-YHD"],
        ["Rauman toimipiste"],
        ["Rauman tiimi"],
        "Sairaanhoitaja (AMK)",
    ),
    (
        "Jussi",
        "Heikkinen",
        "jussi.heikkinen",
        "coach",
        ["TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD"],
        ["Rauman toimipiste"],
        ["Rauman tiimi"],
        "Kuntoutuksen ohjaaja (AMK)",
    ),
    (
        "Hanna",
        "Nieminen",
        None,
        "coach",
        ["TK", "TV"],
        ["Rauman toimipiste"],
        ["Rauman tiimi"],
        "Sosionomi (AMK)",
    ),
    (
        "Olli",
        "Rantanen",
        None,
        "coach",
        ["TK", "TV", "TAITO"],
        ["Rauman toimipiste"],
        ["Rauman tiimi"],
        "Liikunnanohjaaja (AMK)",
    ),
    (
        "Leena",
        "Aalto",
        None,
        "psychologist",
        ["TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"],
        ["Rauman toimipiste"],
        [],
        "Psykologi (PsM), laillistettu",
    ),
]


def load_staff_demo(organisation: Organisation, today: dt.date) -> None:
    if StaffMember.objects.filter(organisation=organisation).exists():
        return
    aid = service.save_training_kind(None, organisation, name="Ensiapu EA 1", is_first_aid=True)
    safety = service.save_training_kind(
        None, organisation, name="Työturvallisuuskortti", validity_months=60
    )
    offices = {o.name: o for o in Office.objects.filter(organisation=organisation)}
    teams = {t.name: t for t in Team.objects.filter(organisation=organisation)}
    users = {u.username: u for u in User.objects.filter(organisation=organisation)}
    members = {}
    for first, last, username, role, services, office_names, team_names, quals in MEMBERS:
        members[first] = service.save_member(
            None,
            organisation,
            first_name=first,
            last_name=last,
            role=role,
            services=services,
            qualifications=quals,
            user=users.get(username or ""),
            offices=[offices[n] for n in office_names],
            teams=[teams[n] for n in team_names],
            on=today,
        )
    three_years = 365 * 3
    # Jussi's first aid expires in 40 days: due. The others are valid for a year or more.
    for first, days_ago in (
        ("Aino", 400),
        ("Sanna", 200),
        ("Jussi", three_years - 40),
        ("Olli", 700),
    ):
        service.add_training(
            None,
            members[first],
            kind=aid,
            completed_on=today - dt.timedelta(days=days_ago),
            on=today,
        )
    for first in ("Aino", "Mikko", "Jussi"):
        service.add_training(
            None, members[first], kind=safety, completed_on=today - dt.timedelta(days=500), on=today
        )
    # Mikko's summer holiday leaves the Pori team with two coaches for two weeks.
    start = today + dt.timedelta(days=30)
    service.add_absence(
        None,
        members["Mikko"],
        kind="holiday",
        start=start,
        end=start + dt.timedelta(days=13),
        on=today,
    )
