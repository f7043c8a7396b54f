"""Who may see which jobseeker in which section: the employment area's policy.

Written out by hand from the TYM act and issue 18 (not computed from the policy): the
three TYM authorities see a TYM client's plan; anything else needs the client's consent in
force; provider staff see nothing of the area, and the area's staff nothing of providers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from luotsi.access import policy
from luotsi.consents import service as consent_service
from luotsi.employment import service

pytestmark = pytest.mark.django_db

JOBSEEKERS = ["own", "other_unit", "tym", "consented"]
CARE = {"view", "edit", "export", "print", "document"}
READ = {"view", "export", "print"}

# role -> jobseeker -> section -> actions allowed
EXPECTED = {
    "officer": {
        "own": {"tym": CARE, "all": CARE},
        "other_unit": {"tym": set(), "all": set()},
        "tym": {"tym": CARE, "all": CARE},
        "consented": {"tym": CARE, "all": CARE},
    },
    "youth_officer": {
        "own": {"tym": set(), "all": set()},
        "other_unit": {"tym": CARE, "all": CARE},
        "tym": {"tym": set(), "all": set()},
        "consented": {"tym": set(), "all": set()},
    },
    "manager": {j: {"tym": READ, "all": READ} for j in JOBSEEKERS},
    "county_worker": {  # the TYM client's plan by law; nobody's other data without consent
        "own": {"tym": set(), "all": set()},
        "other_unit": {"tym": set(), "all": set()},
        "tym": {"tym": {"view"}, "all": set()},
        "consented": {"tym": set(), "all": set()},
    },
    "kela_officer": {  # not a party to the TYM plan; the consent names Kela
        "own": {"tym": set(), "all": set()},
        "other_unit": {"tym": set(), "all": set()},
        "tym": {"tym": set(), "all": set()},
        "consented": {"tym": {"view"}, "all": {"view"}},
    },
    "area_admin": {j: {"tym": set(), "all": set()} for j in JOBSEEKERS},
}
ACTIONS = ["view", "edit", "export", "print", "document"]


@pytest.mark.parametrize("section", ["tym", "all"])
@pytest.mark.parametrize("jobseeker", JOBSEEKERS)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_employment_matrix(area, role, jobseeker, section):
    user = getattr(area, role)
    client = getattr(area, jobseeker).client
    for action in ACTIONS:
        allowed = policy.employment_clients_for(user, action, section).filter(pk=client.pk).exists()
        assert allowed == (action in EXPECTED[role][jobseeker][section]), (
            role,
            jobseeker,
            section,
            action,
        )


@pytest.mark.parametrize("role", ["coach", "team_lead", "quality_manager", "administrator"])
def test_provider_staff_see_no_jobseeker(area, role):
    user = getattr(area.world, role)
    for jobseeker in JOBSEEKERS:
        client = getattr(area, jobseeker).client
        for action in [*ACTIONS, "audit"]:
            assert not policy.can(user, action, client)
            assert (
                not policy.employment_clients_for(user, action, "all").filter(pk=client.pk).exists()
            )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_area_staff_see_no_provider_client(area, role):
    user = getattr(area, role)
    for client in (
        area.world.own_client,
        area.world.other_coach_client,
        area.world.other_org_client,
    ):
        for action in [*ACTIONS, "audit"]:
            assert not policy.can(user, action, client)
            for section in ("tym", "all"):
                assert (
                    not policy.employment_clients_for(user, action, section)
                    .filter(pk=client.pk)
                    .exists()
                )


def test_the_area_administrator_audits_but_reads_nothing(area):
    assert policy.can(area.area_admin, "audit", area.own.client)
    assert not policy.can(area.area_admin, "view", area.own.client)


def test_a_revoked_consent_ends_the_partners_access(area):
    kela = area.kela_officer
    assert (
        policy.employment_clients_for(kela, "view", "all")
        .filter(pk=area.consented.client_id)
        .exists()
    )
    consent = area.consented.client.consents.get()
    consent_service.revoke_consent(area.officer, consent, revoked_on=dt.date.today())
    assert (
        not policy.employment_clients_for(kela, "view", "all")
        .filter(pk=area.consented.client_id)
        .exists()
    )


def test_an_ended_plan_ends_the_plans_legal_basis_but_not_the_assessments(area):
    plan = area.tym.tym_plans.get()
    plan.ended = dt.date(2027, 2, 1)
    plan.save()
    worker = area.county_worker
    # the county took part in the assessment: it still sees the TYM section
    assert (
        policy.employment_clients_for(worker, "view", "tym").filter(pk=area.tym.client_id).exists()
    )
    area.tym.assessments.update(with_county=False)
    assert (
        not policy.employment_clients_for(worker, "view", "tym")
        .filter(pk=area.tym.client_id)
        .exists()
    )


def test_officers_take_on_jobseekers_only_within_reach(area):
    from luotsi.demo.identity import make_identity_code

    with pytest.raises(PermissionDenied):
        service.create_jobseeker(
            area.county_worker,
            identity_code=make_identity_code(dt.date(1990, 1, 1), 950),
            first_name="A",
            last_name="B",
            unit=area.adults,
            job_search_start=dt.date(2027, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        service.create_jobseeker(
            area.world.coach,
            identity_code=make_identity_code(dt.date(1990, 1, 1), 951),
            first_name="A",
            last_name="B",
            unit=area.adults,
            job_search_start=dt.date(2027, 1, 1),
        )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        service.create_jobseeker(
            area.officer,
            identity_code=make_identity_code(dt.date(1990, 1, 1), 952),
            first_name="A",
            last_name="B",
            unit=area.youth,
            job_search_start=dt.date(2027, 1, 1),
        )
    assert "unit" in exc.value.error_dict
    from luotsi.clients.models import Client

    assert not Client.objects.filter(last_name="B").exists()  # nothing half-saved
    js = service.create_jobseeker(
        area.officer,
        identity_code=make_identity_code(dt.date(1990, 1, 1), 953),
        first_name="A",
        last_name="C",
        unit=area.adults,
        job_search_start=dt.date(2027, 1, 1),
    )
    assert js.client.organisation == area.org
    assert js.client.change_log.filter(user=area.officer).count() == 2  # client + jobseeker
