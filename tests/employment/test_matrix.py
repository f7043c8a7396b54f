"""Each employment-area role × each workspace view × own / other unit / TYM / consented
jobseeker → allowed (its status) or 404; every read writes one access-log row.

Expectations are written out by hand (tests/employment/test_access.py EXPECTED, per
section), not computed from the policy.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from tests.client_views import EMPLOYMENT_VIEWS, employment_kwargs
from tests.employment.test_access import EXPECTED, JOBSEEKERS

pytestmark = pytest.mark.django_db

ROLES = list(EXPECTED)
PER_CLIENT = [n for n, s in EMPLOYMENT_VIEWS.items() if s.per_client]
COLLECTION = [n for n, s in EMPLOYMENT_VIEWS.items() if not s.per_client]
COLLECTION_ALLOWED = {
    "list": {"officer", "youth_officer", "manager", "county_worker", "kela_officer"},
    "create": {"officer", "youth_officer"},
}
# The caseload figures (counts, no client data): the area's officers and managers.
CASELOAD = {"officer", "youth_officer", "manager"}
ALLOWED_BY_VIEW = {
    "clients:employment_caseload": CASELOAD,
    "clients:employment_caseload_xlsx": CASELOAD,
}


@pytest.mark.parametrize("jobseeker", JOBSEEKERS)
@pytest.mark.parametrize("name", PER_CLIENT)
@pytest.mark.parametrize("role", ROLES)
def test_per_client_view(client, area, role, name, jobseeker):
    spec = EMPLOYMENT_VIEWS[name]
    client.force_login(getattr(area, role))
    target = getattr(area, jobseeker).client
    before = AccessLogEntry.objects.count()
    response = getattr(client, spec.method)(reverse(name, kwargs=employment_kwargs(target, spec)))
    allowed = spec.action in EXPECTED[role][jobseeker][spec.section]
    if allowed:
        assert response.status_code in spec.ok_status, (role, name, jobseeker)
        assert AccessLogEntry.objects.count() == before + 1
        entry = AccessLogEntry.objects.latest("pk")
        assert (entry.client, entry.user, entry.view_name) == (target, getattr(area, role), name)
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code == 404, (role, name, jobseeker)
        assert AccessLogEntry.objects.count() == before  # a refusal writes nothing


@pytest.mark.parametrize("name", COLLECTION)
@pytest.mark.parametrize("role", ROLES)
def test_collection_view(client, area, role, name):
    spec = EMPLOYMENT_VIEWS[name]
    client.force_login(getattr(area, role))
    before = AccessLogEntry.objects.count()
    response = client.get(reverse(name))
    if role in ALLOWED_BY_VIEW.get(name, COLLECTION_ALLOWED.get(spec.action, set())):
        assert response.status_code == 200
        assert AccessLogEntry.objects.count() == before + 1
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_exactly_the_jobseekers_in_reach(client, area, role):
    client.force_login(getattr(area, role))
    response = client.get(reverse("clients:employment_jobseekers"))
    if role not in COLLECTION_ALLOWED["list"]:
        assert response.status_code == 403
        return
    body = response.content.decode()
    for jobseeker in JOBSEEKERS:
        shown = getattr(area, jobseeker).client.last_name in body
        expected = EXPECTED[role][jobseeker]
        assert shown == bool("view" in expected["all"] or "view" in expected["tym"]), (
            role,
            jobseeker,
        )


@pytest.mark.parametrize("role", ROLES)
def test_the_landing_page_leads_to_the_workspace(client, area, role):
    client.force_login(getattr(area, role))
    response = client.get(reverse("dashboards:home"))
    if role in COLLECTION_ALLOWED["list"]:
        assert response["Location"] == reverse("clients:employment_dashboard")
    elif role == "area_admin":  # an administrator lands on the users page, as everywhere
        assert response["Location"] == reverse("accounts:users")
    else:
        assert response.status_code == 200  # the welcome page
