"""Every API operation × every role × every token scope × own / another coach's / another
organisation's client → allowed, refused for the scope (403), not found (404) or refused
for the role (403). The expectations are the web's, written out by hand in
tests/test_authorization_matrix.py; a read token may only GET."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from luotsi.api.access import ATTRIBUTE
from tests.api.conftest import ApiClient, token_for
from tests.api.operations import API_OPERATIONS, kwargs_for, operations
from tests.test_authorization_matrix import (
    COLLECTION_ALLOWED,
    EXPECTED,
    RELATIONS,
    ROLES,
    client_for,
)

pytestmark = pytest.mark.django_db

SCOPES = ["read", "write"]
# The caseload export: whoever may list clients exports the caseload in their reach.
COLLECTION = {**COLLECTION_ALLOWED, "export": {"coach", "team_lead", "quality_manager"}}


def test_every_api_operation_is_declared_and_in_the_matrix():
    found = operations()
    assert len(found) >= 19
    for path, name, view in found:
        assert getattr(view, ATTRIBUTE, None) is not None, (
            f"{path} ({name}) lacks client_data(...) or not_client_data"
        )
        assert name in API_OPERATIONS, f"{path} ({name}) has no row in tests/api/operations.py"
        assert getattr(view, ATTRIBUTE).action == API_OPERATIONS[name].action, name
    assert {name for _, name, _ in found} == set(API_OPERATIONS)


def call(api: ApiClient, world, name: str, client) -> object:
    spec = API_OPERATIONS[name]
    url = reverse(f"api:{name}", kwargs=kwargs_for(name, client))
    if spec.query:
        url += "?" + "&".join(f"{k}={v}" for k, v in spec.query.items())
    headers = {"If-Match": '"1"'} if spec.if_match else None
    if spec.method == "get":
        return api.get(url, headers=headers)
    if spec.method == "delete":
        return api.delete(url, headers=headers)
    body = spec.body(world) if spec.body else None
    return getattr(api, spec.method)(url, body, headers=headers)


def expected_status(spec, role, relation, scope):
    writes = spec.method != "get"
    if spec.action is None:
        return spec.ok_status
    if writes and scope == "read":
        return (403,)
    if spec.per_client:
        return spec.ok_status if spec.action in EXPECTED[role][relation] else (404,)
    return spec.ok_status if role in COLLECTION[spec.action] else (403,)


@pytest.mark.parametrize("name", list(API_OPERATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_operation(world, role, name):
    spec = API_OPERATIONS[name]
    user = getattr(world, role)
    relations = RELATIONS if spec.per_client else ["own"]
    for scope in SCOPES:
        api = ApiClient(token_for(user, scope))
        for relation in relations:
            before = AccessLogEntry.objects.count()
            response = call(api, world, name, client_for(world, relation))
            wanted = expected_status(spec, role, relation, scope)
            assert response.status_code in wanted, (
                role,
                name,
                relation,
                scope,
                response.status_code,
                response.content[:300],
            )
            logged = AccessLogEntry.objects.count() - before
            if response.status_code >= 400:
                assert response["Content-Type"] == "application/problem+json"
                assert logged == 0, "a refused request writes no access-log row"
            elif spec.action is not None:
                assert "no-store" in response["Cache-Control"], name
                assert logged == 1, "one access-log row per request"
                row = AccessLogEntry.objects.order_by("-pk").first()
                assert row.user == user
                assert f"{user.username}-{scope}" in row.detail  # the token is named
                if spec.per_client:
                    assert row.client == client_for(world, relation)
            else:
                assert logged == 0  # the engine on a posted file reads no stored data


@pytest.mark.parametrize("name", list(API_OPERATIONS))
def test_no_token_is_401(world, name):
    response = call(ApiClient(None), world, name, world.own_client)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["pointer"] == "/headers/Authorization"
