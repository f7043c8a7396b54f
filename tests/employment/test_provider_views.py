"""The area's roles × the client record's own views (clients, consents, cases, documents,
dashboards): the client's record is shared by both kinds of organisation, so an officer
may use it as a coach would for their own jobseekers, a manager read it, the partners
nothing at all (their access is the TYM plan, or the consent, only), the area's
administrator audit it. Written out by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.client_views import CLIENT_DATA_VIEWS
from tests.employment.test_access import JOBSEEKERS
from tests.test_authorization_matrix import request_view

pytestmark = pytest.mark.django_db

CARE = {"view", "edit", "export", "print", "document"}
READ = {"view", "export", "print"}
IN_REACH = {  # role -> the jobseekers in reach through clients_for (the policy's scope)
    "officer": {"own", "tym", "consented"},
    "youth_officer": {"other_unit"},
    "manager": set(JOBSEEKERS),
    "area_admin": set(JOBSEEKERS),
    "county_worker": set(),
    "kela_officer": set(),
}
ACTIONS = {
    "officer": CARE,
    "youth_officer": CARE,
    "manager": READ,
    "area_admin": {"audit"},
    "county_worker": set(),
    "kela_officer": set(),
}
PROVIDER_PER_CLIENT = [
    n for n, s in CLIENT_DATA_VIEWS.items() if s.area == "provider" and s.per_client
]
# lists and searches of the provider workspace: coaches', team leads' and quality
# managers'; the audit lookup: quality managers' and administrators'
COLLECTION_ALLOWED = {
    "clients:list": set(),
    "clients:create": set(),
    "clients:dashboard": set(),
    "clients:due_list": set(),
    "clients:audit_lookup": {"area_admin"},
}


# own: in an officer's reach, out of the youth officer's; tym: the partners' TYM client
@pytest.mark.parametrize("jobseeker", ["own", "tym"])
@pytest.mark.parametrize("name", PROVIDER_PER_CLIENT)
@pytest.mark.parametrize("role", list(IN_REACH))
def test_the_client_record_views(client, area, role, name, jobseeker):
    spec = CLIENT_DATA_VIEWS[name]
    client.force_login(getattr(area, role))
    response = request_view(client, area.world, name, getattr(area, jobseeker).client)
    allowed = jobseeker in IN_REACH[role] and spec.action in ACTIONS[role]
    if allowed:
        assert response.status_code in spec.ok_status, (role, name, jobseeker)
    else:
        assert response.status_code == 404, (role, name, jobseeker)


@pytest.mark.parametrize("name", list(COLLECTION_ALLOWED))
@pytest.mark.parametrize("role", list(IN_REACH))
def test_the_provider_lists(client, area, role, name):
    client.force_login(getattr(area, role))
    response = client.get(reverse(name))
    assert response.status_code == (200 if role in COLLECTION_ALLOWED[name] else 403), role
