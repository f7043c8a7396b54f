"""Each role × each client-data view and command × own / another coach's / another
organisation's client → allowed or refused.

The expectations below are written out by hand from issue 7, not computed from
``luotsi.access.policy``, so a change in the policy that breaks them fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse

from luotsi.access.decorators import client_view, is_client_data_view
from luotsi.clients import service as client_service
from luotsi.consents import service as consent_service
from luotsi.consents.models import Consent
from tests.client_views import (
    CLIENT_DATA_VIEWS,
    add_document,
    case_kwargs,
    client_data_urls,
)

pytestmark = pytest.mark.django_db

ROLES = ["coach", "team_lead", "quality_manager", "administrator"]
RELATIONS = ["own", "other_coach", "other_org"]
CARE = {"view", "edit", "export", "print", "document"}
QUALITY = {"view", "export", "print", "audit"}

# role -> relation -> the actions allowed. "own" means: the coach's own client; for the team
# lead, a client of their team; for the quality manager and administrator, a client of their
# organisation. "other_coach": a client of a coach in another team of the same organisation.
EXPECTED = {
    "coach": {"own": CARE, "other_coach": set(), "other_org": set()},
    "team_lead": {"own": CARE, "other_coach": set(), "other_org": set()},
    "quality_manager": {"own": QUALITY, "other_coach": QUALITY, "other_org": set()},
    "administrator": {"own": {"audit"}, "other_coach": {"audit"}, "other_org": set()},
}
# Views that are not about one client: which roles may open them at all.
COLLECTION_ALLOWED = {
    "list": {"coach", "team_lead", "quality_manager"},
    "create": {"coach", "team_lead"},
    "edit": {"coach", "team_lead"},  # a Taito group period for a roster
    "audit": {"quality_manager", "administrator"},
}


def user_for(world, role):
    return getattr(world, role)


def client_for(world, relation):
    return {
        "own": world.own_client,
        "other_coach": world.other_coach_client,
        "other_org": world.other_org_client,
    }[relation]


def add_consent(client):
    return Consent.objects.create(
        client=client,
        recipient_kind="treating_party",
        recipient_name="Satasairaala",
        scope="Palauteraportti",
        given_on=dt.date(2026, 1, 5),
    )


# --- every client-data URL is declared and protected ------------------------------------


def test_every_client_data_url_is_decorated_and_in_the_matrix():
    found = list(client_data_urls())
    assert found, "the client URLs were not found at all"
    for route, name, view in found:
        assert is_client_data_view(view), (
            f"{route} ({name}) serves client data without luotsi.access.decorators"
        )
        assert name in CLIENT_DATA_VIEWS, (
            f"{route} ({name}) has no row in the authorization matrix (tests/client_views.py)"
        )
    assert {name for _, name, _ in found} == set(CLIENT_DATA_VIEWS)


def undecorated(request, client_id):
    return HttpResponse("secret")


@client_view("view")
def decorated(request, client):
    return HttpResponse("fine")


urlpatterns = [
    path("clients/<int:client_id>/fine/", decorated, name="fine"),
    path("clients/<int:client_id>/leak/", undecorated, name="leak"),
]


def test_the_scan_catches_an_undecorated_client_view():
    found = {name: view for _, name, view in client_data_urls(urlconf=__name__)}
    assert is_client_data_view(found["fine"])
    assert not is_client_data_view(found["leak"])


# --- the views --------------------------------------------------------------------------

PER_CLIENT = [name for name, spec in CLIENT_DATA_VIEWS.items() if spec.per_client]
COLLECTION = [
    name for name, spec in CLIENT_DATA_VIEWS.items() if not spec.per_client and not spec.by_token
]
BY_TOKEN = [name for name, spec in CLIENT_DATA_VIEWS.items() if spec.by_token]


def request_view(http, world, name, client):
    spec = CLIENT_DATA_VIEWS[name]
    kwargs = {"client_id": client.pk}
    if "consent_id" in spec.extra_kwargs:
        kwargs["consent_id"] = add_consent(client).pk
    if "document_id" in spec.extra_kwargs:
        document = add_document(client, final=name == "clients:document_pdf")
        kwargs.update(case_id=document.case_id, document_id=document.pk)
    elif "case_id" in spec.extra_kwargs:
        kwargs.update(case_kwargs(client, spec, name))
    url = reverse(name, kwargs=kwargs)
    return getattr(http, spec.method)(url, spec.data)


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("name", PER_CLIENT)
@pytest.mark.parametrize("role", ROLES)
def test_per_client_view(client, world, role, name, relation):
    spec = CLIENT_DATA_VIEWS[name]
    client.force_login(user_for(world, role))
    response = request_view(client, world, name, client_for(world, relation))
    allowed = spec.action in EXPECTED[role][relation]
    if allowed:
        assert response.status_code in spec.ok_status, (role, name, relation)
    else:
        assert response.status_code == 404, (role, name, relation)


@pytest.mark.parametrize("name", COLLECTION)
@pytest.mark.parametrize("role", ROLES)
def test_collection_view(client, world, role, name):
    spec = CLIENT_DATA_VIEWS[name]
    client.force_login(user_for(world, role))
    response = client.get(reverse(name))
    if role in (spec.allowed_roles or COLLECTION_ALLOWED[spec.action]):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


# Roles that may have a token-opened feed of their own clients (tests/dashboards has more).
BY_TOKEN_ALLOWED = {"coach"}


@pytest.mark.parametrize("name", BY_TOKEN)
@pytest.mark.parametrize("role", ROLES)
def test_view_by_token(client, world, role, name):
    from luotsi.dashboards.tokens import issue_token

    token = issue_token(user_for(world, role))
    response = client.get(reverse(name, kwargs={"token": token}))
    assert response.status_code == (200 if role in BY_TOKEN_ALLOWED else 404), role


@pytest.mark.parametrize("name", BY_TOKEN)
def test_a_wrong_token_is_not_found(client, world, name):
    client.force_login(world.coach)  # a session does not stand in for the token
    response = client.get(reverse(name, kwargs={"token": "x" * 43}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", [n for n in CLIENT_DATA_VIEWS if n not in BY_TOKEN])
def test_anonymous_is_sent_to_login(client, world, name):
    spec = CLIENT_DATA_VIEWS[name]
    kwargs = {"client_id": world.own_client.pk} if spec.per_client else {}
    if "consent_id" in spec.extra_kwargs:
        kwargs["consent_id"] = add_consent(world.own_client).pk
    if "document_id" in spec.extra_kwargs:
        document = add_document(world.own_client)
        kwargs.update(case_id=document.case_id, document_id=document.pk)
    elif "case_id" in spec.extra_kwargs:
        kwargs.update(case_kwargs(world.own_client, spec, name))
    response = getattr(client, spec.method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_exactly_the_clients_in_reach(client, world, role):
    client.force_login(user_for(world, role))
    response = client.get(reverse("clients:list"))
    if role not in COLLECTION_ALLOWED["list"]:
        assert response.status_code == 403
        return
    body = response.content.decode()
    for relation in RELATIONS:
        shown = client_for(world, relation).last_name in body
        assert shown == ("view" in EXPECTED[role][relation]), (role, relation)


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_audit_lookup_by_identity_code(client, world, role, relation):
    target = client_for(world, relation)
    client.force_login(user_for(world, role))
    response = client.post(reverse("clients:audit_lookup"), {"identity_code": target.identity_code})
    if role not in COLLECTION_ALLOWED["audit"]:
        assert response.status_code == 403
    elif "audit" in EXPECTED[role][relation]:
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "clients:access_log", kwargs={"client_id": target.pk}
        )
    else:
        assert response.status_code == 200
        assert "identity_code" in response.context["form"].errors


# --- the commands (service functions) ---------------------------------------------------


def run_update(world, user, client):
    return client_service.update_client(user, client, phone="+358 40 000 0000")


def run_record_consent(world, user, client):
    return consent_service.record_consent(
        user,
        client,
        recipient_kind="network",
        recipient_name="Työpaikka",
        scope="Palauteraportti",
        covers_health_data=False,
        given_on=dt.date(2026, 1, 5),
    )


def run_revoke_consent(world, user, client):
    return consent_service.revoke_consent(user, add_consent(client))


def run_disclose(world, user, client):
    return consent_service.disclose(
        user,
        client,
        recipient_kind="kela",
        recipient_name="Kela",
        document="Palauteraportti",
        contains_health_data=True,
    )


COMMANDS = {
    "update_client": ("edit", run_update),
    "record_consent": ("edit", run_record_consent),
    "revoke_consent": ("edit", run_revoke_consent),
    "disclose": ("document", run_disclose),
}


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("role", ROLES)
def test_command(world, role, command, relation):
    action, run = COMMANDS[command]
    user = user_for(world, role)
    target = client_for(world, relation)
    if action in EXPECTED[role][relation]:
        assert run(world, user, target) is not None
    else:
        with pytest.raises(PermissionDenied):
            run(world, user, target)


@pytest.mark.parametrize("role", ROLES)
def test_create_client_command(world, role):
    from luotsi.demo.identity import make_identity_code

    user = user_for(world, role)
    kwargs = {
        "identity_code": make_identity_code(dt.date(2000, 3, 3), 950),
        "first_name": "Uusi",
        "last_name": "Asiakas",
        "team": world.team_a,
    }
    if role in COLLECTION_ALLOWED["create"]:
        created = client_service.create_client(user, **kwargs)
        assert created.organisation == world.org
    else:
        with pytest.raises(PermissionDenied):
            client_service.create_client(user, **kwargs)
