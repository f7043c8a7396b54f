"""Every view of the staff and quality namespaces, found by walking the URLconf: coaches
and team leads are refused (403) on GET and POST, a logged-out visitor goes to the login,
the quality manager and the administrator are let in; the public pages need no login."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from luotsi.organisations.models import Office
from luotsi.quality import selfmonitoring as sm
from luotsi.quality import service as audits
from luotsi.staff import service as staff

NAMESPACES = ("staff", "quality")


def quality_urls() -> list[tuple[str, list[str]]]:
    found = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in NAMESPACES:
                    for q in p.url_patterns:
                        if isinstance(q, URLPattern):
                            found.append(
                                (
                                    f"{p.namespace}:{q.name}",
                                    re.findall(r"<int:(\w+)>", str(q.pattern)),
                                )
                            )
                else:
                    walk(p.url_patterns)

    walk(get_resolver().url_patterns)
    return found


URLS = quality_urls()


def test_the_walk_finds_the_views() -> None:
    names = {name for name, _args in URLS}
    assert {
        "staff:register",
        "quality:audit",
        "quality:action_close",
        "quality:figures_export",
        "quality:sm_plan",
    } <= names


@pytest.fixture
def objects(world):
    office = Office.objects.create(
        organisation=world.org,
        name="Pori",
        street_address="Katu 1",
        postal_code="28100",
        city="Pori",
    )
    member = staff.save_member(None, world.org, first_name="A", last_name="B", role="coach")
    kind = staff.save_training_kind(None, world.org, name="EA", is_first_aid=True)
    training = staff.add_training(None, member, kind=kind, completed_on=member.updated_at.date())
    absence = staff.add_absence(
        None, member, kind="holiday", start=member.updated_at.date(), end=member.updated_at.date()
    )
    import datetime as dt

    audit = audits.save_audit(
        None, world.org, visited_on=dt.date(2026, 3, 10), auditors="K", scope="S"
    )
    finding = audits.add_finding(None, audit, kind="minor", area="staff", description="x")
    action = audits.add_action(None, finding, description="y", owner=world.quality_manager)
    plan = sm.new_plan_version(None, office)
    return {
        "member_id": member.pk,
        "training_id": training.pk,
        "absence_id": absence.pk,
        "audit_id": audit.pk,
        "finding_id": finding.pk,
        "action_id": action.pk,
        "office_id": office.pk,
        "plan_id": plan.pk,
    }


@pytest.mark.parametrize(("name", "args"), URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_coaches_and_team_leads_are_refused(client, world, objects, name, args, method) -> None:
    url = reverse(name, kwargs={a: objects[a] for a in args})
    for role in ("coach", "team_lead"):
        client.force_login(getattr(world, role))
        assert getattr(client, method)(url).status_code == 403, (name, role, method)
    client.logout()
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "args"), URLS)
def test_the_quality_manager_and_administrator_are_let_in(
    client, world, objects, name, args
) -> None:
    url = reverse(name, kwargs={a: objects[a] for a in args})
    for role in ("quality_manager", "administrator"):
        client.force_login(getattr(world, role))
        assert client.get(url).status_code in (200, 302), (name, role)


@pytest.mark.parametrize(("name", "args"), [(n, a) for n, a in URLS if a])
def test_another_organisations_objects_are_not_found(client, world, objects, name, args) -> None:
    client.force_login(world.other_administrator)
    url = reverse(name, kwargs={a: objects[a] for a in args})
    assert client.get(url).status_code == 404, name
