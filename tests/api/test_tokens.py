"""Personal API tokens: made on the user's own page and shown once, stored hashed, scoped,
expiring, revocable; refused once revoked, expired or their user deactivated; throttled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from luotsi.access.models import AccessLogEntry
from luotsi.api import tokens
from luotsi.api.models import ApiToken
from tests.api.conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db


def client_url(client):
    return reverse("api:client", kwargs={"client_id": client.pk})


def test_the_token_page_shows_a_new_token_once_and_stores_only_its_hash(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.coach)
    made = client.post(
        reverse("api_tokens:list"), {"name": "payroll", "scope": "read", "days": "30"}
    )
    assert made.status_code == 302  # then the page shows it once
    response = client.get(made["Location"])
    token = response.context["new_token"]
    assert token.startswith("lt_") and len(token) == 46
    assert token in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get(user=world.coach)
    assert row.token_hash == tokens.token_hash(token) and token not in str(row.__dict__)
    again = client.get(reverse("api_tokens:list"))
    assert token not in again.content.decode()  # shown once
    assert "payroll" in again.content.decode()
    assert ApiClient(token).get(client_url(world.own_client)).status_code == 200


def test_the_lifetime_is_limited(client, world, settings):
    settings.LUOTSI_API_TOKEN_MAX_DAYS = 90
    client.cookies["django_language"] = "en"
    client.force_login(world.coach)
    response = client.post(
        reverse("api_tokens:list"), {"name": "forever", "scope": "write", "days": "91"}
    )
    assert response.status_code == 200
    assert "days" in response.context["form"].errors
    assert not ApiToken.objects.exists()
    with pytest.raises(ValidationError) as refused:
        tokens.issue_token(world.coach, name="x", scope="write", days=365)
    assert "days" in refused.value.error_dict


def test_a_revoked_token_is_refused(client, world):
    token = token_for(world.coach)
    api = ApiClient(token)
    assert api.get(client_url(world.own_client)).status_code == 200
    client.force_login(world.coach)
    row = ApiToken.objects.get(user=world.coach)
    response = client.post(reverse("api_tokens:revoke", kwargs={"token_id": row.pk}))
    assert response.status_code == 302
    refused = api.get(client_url(world.own_client))
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"


def test_a_user_cannot_revoke_someone_elses_token(client, world):
    token_for(world.coach)
    row = ApiToken.objects.get(user=world.coach)
    client.force_login(world.team_lead)
    client.post(reverse("api_tokens:revoke", kwargs={"token_id": row.pk}))
    row.refresh_from_db()
    assert row.revoked_at is None


def test_an_expired_token_is_refused(world):
    token = token_for(world.coach)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert ApiClient(token).get(client_url(world.own_client)).status_code == 401


def test_a_deactivated_users_token_is_refused(world):
    token = token_for(world.coach)
    world.coach.is_active = False
    world.coach.save()
    assert ApiClient(token).get(client_url(world.own_client)).status_code == 401


@pytest.mark.parametrize("token", ["", "lt_short", "lt_" + "x" * 43, "Basic abc"])
def test_a_wrong_token_is_refused(world, token):
    api = ApiClient(None)
    response = api.get(client_url(world.own_client), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_another_organisations_token_finds_nothing_here(world):
    api = ApiClient(token_for(world.other_coach))
    assert api.get(client_url(world.own_client)).status_code == 404
    listed = api.get(reverse("api:clients")).json()
    assert [c["id"] for c in listed["results"]] == [world.other_org_client.pk]


def test_a_read_is_logged_with_the_token_named(world):
    api = ApiClient(token_for(world.quality_manager, "read"))
    api.get(client_url(world.own_client))
    row = AccessLogEntry.objects.get()
    assert row.client == world.own_client and row.action == "view"
    assert row.user == world.quality_manager
    assert row.detail.startswith("API token 'quality-read' (lt_")
    assert row.view_name == "api:client"


def test_requests_over_the_rate_are_throttled(world, settings):
    settings.LUOTSI_API_RATE = "3/min"
    api = ApiClient(token_for(world.coach))
    statuses = [api.get(client_url(world.own_client)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get(client_url(world.own_client))
    assert int(refused["Retry-After"]) >= 1
    # another token of another user is counted on its own
    other = ApiClient(token_for(world.team_lead))
    assert other.get(client_url(world.own_client)).status_code == 200


def test_problems_speak_the_users_language(world):
    api = ApiClient(token_for(world.coach))
    del api.http.cookies["django_language"]  # no choice made: Finnish, as on the web
    response = api.get(client_url(world.other_org_client))
    assert response.json()["detail"] == "Tällaista ei ole."
    api.http.cookies["django_language"] = "sv"
    assert api.get(client_url(world.other_org_client)).json()["detail"] == "Det finns inget sådant."
