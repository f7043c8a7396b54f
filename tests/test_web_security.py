"""Security headers, CSRF on every unsafe request, escaping of stored free text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from luotsi.access.models import RecipientKind
from luotsi.clients.service import update_client
from luotsi.consents.service import disclose, record_consent
from tests.client_views import add_case, add_document, add_invoice, add_job

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize("url_name", ["accounts:login", "dashboards:home", "clients:list"])
def test_security_headers_on_html_pages(client, world, url_name):
    client.force_login(world.coach)
    response = client.get(reverse(url_name))
    assert response["Content-Type"].startswith("text/html")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_templates_have_no_inline_script_or_style(client, world):
    """The CSP forbids inline code; a page with some would break in the browser."""
    client.force_login(world.quality_manager)
    for url in [
        reverse("clients:list"),
        reverse("clients:detail", kwargs={"client_id": world.own_client.pk}),
        reverse("clients:access_log", kwargs={"client_id": world.own_client.pk}),
        reverse("clients:access_report", kwargs={"client_id": world.own_client.pk}),
        reverse("accounts:login"),
    ]:
        body = client.get(url).content.decode().lower()
        assert "<script" not in body
        assert "<style" not in body
        assert " style=" not in body
        assert " onclick=" not in body


# --- CSRF ---------------------------------------------------------------------------------


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def unsafe_urls(world, consent_pk):
    """Every named URL of Luotsi (the admin's are Django's own and CSRF-protected too)."""
    values = {
        "client_id": world.own_client.pk,
        "consent_id": consent_pk,
        "case_id": add_case(world.own_client).pk,
        "token": "x" * 43,  # a calendar feed token (the feed itself is GET only)
        "event_id": 1,  # a case event or planned meeting: CSRF refuses before the view
        "planned_id": 1,
        "fmt": "csv",  # an export's format (the exports are GET only)
        "user_id": world.coach.pk,
        "token_id": 1,  # an API token to revoke (its own page)
    }
    document = add_document(world.own_client)
    values.update(case_id=document.case_id, document_id=document.pk)
    values["invoice_id"] = add_invoice(world.own_client).pk
    values["job_id"] = add_job(world.coach).pk
    # the employment area's plan, review and consultation ids (refused before any lookup)
    values.update(plan_id=1, review_id=1, consultation_id=1)
    for name, pattern in _routes(get_resolver().url_patterns):
        if name.startswith(("admin:", "api:")):  # the API reads no cookies: see below
            continue
        # Any other id (a staff member, an audit, ...): CSRF refuses before the view looks.
        kwargs = {key: values.get(key, 1) for key in pattern.pattern.converters}
        yield reverse(name, kwargs=kwargs)
    yield reverse("admin:accounts_user_add")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_unsafe_request_without_a_csrf_token_is_refused(world, method):
    consent = record_consent(
        world.coach,
        world.own_client,
        recipient_kind="network",
        recipient_name="Työpaikka",
        scope="Palauteraportti",
        covers_health_data=False,
        given_on=dt.date(2026, 1, 5),
    )
    http = Client(enforce_csrf_checks=True)
    http.force_login(world.coach)
    urls = list(unsafe_urls(world, consent.pk))
    assert reverse("clients:edit", kwargs={"client_id": world.own_client.pk}) in urls
    for url in urls:
        response = getattr(http, method)(url, {})
        assert response.status_code == 403, url
    consent.refresh_from_db()
    assert consent.revoked_on is None


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_ignores_the_session_so_csrf_cannot_reach_it(world, method):
    """The REST API authenticates by bearer token only (docs/api.md): a browser's session
    cookie opens nothing there, so a forged cross-site request has nothing to ride on."""
    http = Client(enforce_csrf_checks=True)
    http.force_login(world.coach)
    response = getattr(http, method)(
        reverse("api:client_update", kwargs={"client_id": world.own_client.pk}),
        '{"phone": "+358 40 1"}',
        content_type="application/json",
    )
    assert response.status_code in (401, 405)
    world.own_client.refresh_from_db()
    assert world.own_client.phone == ""


def test_a_login_without_a_csrf_token_is_refused(world):
    http = Client(enforce_csrf_checks=True)
    response = http.post(reverse("accounts:login"), {"username": "coach", "password": "x"})
    assert response.status_code == 403


# --- stored XSS -----------------------------------------------------------------------------


def test_stored_script_in_every_free_text_field_comes_back_escaped(client, world):
    target = world.own_client
    update_client(
        world.coach,
        target,
        first_name=PAYLOAD,
        last_name=PAYLOAD,
        phone=PAYLOAD,
        address=PAYLOAD,
    )
    record_consent(
        world.coach,
        target,
        recipient_kind="network",
        recipient_name=PAYLOAD,
        scope=PAYLOAD,
        covers_health_data=False,
        given_on=dt.date(2026, 1, 5),
    )
    disclose(
        world.coach,
        target,
        recipient_kind=RecipientKind.KELA,
        recipient_name=PAYLOAD,
        document=PAYLOAD,
        contains_health_data=False,
    )
    world.coach.first_name = PAYLOAD  # staff names show in logs and the header
    world.coach.save()
    pages = {
        world.coach: [
            reverse("clients:list"),
            reverse("clients:list") + "?q=script",
            reverse("clients:detail", kwargs={"client_id": target.pk}),
            reverse("clients:print", kwargs={"client_id": target.pk}),
            reverse("clients:edit", kwargs={"client_id": target.pk}),
            reverse("clients:disclosure_create", kwargs={"client_id": target.pk}),
            reverse("clients:consent_create", kwargs={"client_id": target.pk}),
        ],
        world.quality_manager: [
            reverse("clients:access_log", kwargs={"client_id": target.pk}),
            reverse("clients:access_report", kwargs={"client_id": target.pk}),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            body = client.get(url).content.decode()
            assert PAYLOAD not in body, url
            assert ESCAPED in body, url


def test_an_email_with_markup_is_refused(client, world):
    client.force_login(world.coach)
    url = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    response = client.post(
        url,
        {
            "first_name": "Oona",
            "last_name": "Oma",
            "identity_code": world.own_client.identity_code,
            "language": "fi",
            "email": f"{PAYLOAD}@example.fi",
        },
    )
    assert "email" in response.context["form"].errors
    assert PAYLOAD not in response.content.decode()
