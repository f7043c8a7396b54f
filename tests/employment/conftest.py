"""An employment area with its units, officers, partner authorities and jobseekers."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from luotsi.accounts.models import Role
from luotsi.demo.identity import make_identity_code
from luotsi.employment import service
from luotsi.employment.models import (
    Assessment,
    PartnerAuthority,
    TymPlan,
    Unit,
    UnitKind,
)
from luotsi.organisations.models import Organisation, OrganisationKind
from tests.factories import make_user

ON = dt.date(2027, 3, 1)


def add_jobseeker(area, number, unit, officer, last_name, born=dt.date(1980, 5, 15), **extra):
    return service.create_jobseeker(
        None,
        organisation=area.org,
        identity_code=make_identity_code(born, number),
        first_name="Testi",
        last_name=last_name,
        unit=unit,
        responsible_officer=officer,
        job_search_start=dt.date(2026, 9, 1),
        on=ON,
        **extra,
    )


@pytest.fixture
def area(db, world):
    """``world`` (the provider organisation) plus the employment area of Satakunta."""
    org = Organisation.objects.create(
        name="Satakunnan työllisyysalue",
        business_id="0204819-8",
        kind=OrganisationKind.EMPLOYMENT_AREA,
    )
    a = SimpleNamespace(org=org, world=world)
    a.adults = Unit.objects.create(
        organisation=org, name="Monialaiset aikuiset", kind=UnitKind.ADULTS
    )
    a.youth = Unit.objects.create(organisation=org, name="Nuorten tiimi", kind=UnitKind.YOUTH)
    a.integration = Unit.objects.create(
        organisation=org, name="Koto-tiimi", kind=UnitKind.INTEGRATION
    )
    a.county = PartnerAuthority.objects.create(
        organisation=org, kind="wellbeing_county", name="Satakunnan hyvinvointialue"
    )
    a.kela = PartnerAuthority.objects.create(organisation=org, kind="kela", name="Kela")
    a.officer = make_user("officer", org, [Role.EMPLOYMENT_OFFICER])
    a.officer.employment_units.add(a.adults)
    a.youth_officer = make_user("youthofficer", org, [Role.EMPLOYMENT_OFFICER])
    a.youth_officer.employment_units.add(a.youth)
    a.manager = make_user("manager", org, [Role.EMPLOYMENT_MANAGER])
    a.county_worker = make_user("countyworker", org, [Role.COUNTY_TYM_WORKER])
    a.kela_officer = make_user("kelaofficer", org, [Role.KELA_TYM_OFFICER])
    a.area_admin = make_user("areaadmin", org, [Role.ADMINISTRATOR])
    a.own = add_jobseeker(a, 911, a.adults, a.officer, "Aikuinen")
    a.other_unit = add_jobseeker(a, 912, a.youth, a.youth_officer, "Nuori", dt.date(2003, 4, 4))
    a.tym = add_jobseeker(a, 913, a.adults, a.officer, "Tymmi")
    Assessment.objects.create(
        jobseeker=a.tym,
        date=dt.date(2027, 1, 10),
        with_county=True,
        with_kela=False,
        capacity_limits=True,
        multi_sector_support=True,
        public_services_suffice=False,
        long_term_or_intensive=True,
        decision="refer",
    )
    TymPlan.objects.create(jobseeker=a.tym, date=dt.date(2027, 1, 20), with_county=True)
    a.consented = add_jobseeker(a, 914, a.adults, a.officer, "Suostunut")
    service.record_partner_consent(
        a.officer,
        a.consented,
        authority=a.kela,
        scope="Kaikki suunnitelmat",
        covers_health_data=True,
        given_on=dt.date(2026, 12, 1),
    )
    return a
