"""Luotsi's own 403/404/500 pages in the user's language (also under DEBUG), the favicon,
and no blank 405 when a POST-only address is reloaded."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import path, reverse

from luotsi.conf import urls as project_urls

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [*project_urls.urlpatterns, path("boom/", boom)]
handler404 = project_urls.handler404
handler403 = project_urls.handler403
handler500 = project_urls.handler500


def test_the_404_page_is_luotsis_in_the_chosen_language(client, world):
    client.force_login(world.coach)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sivua ei löydy" in html and 'href="/static/luotsi/site.css"' in html
    client.cookies["django_language"] = "sv"
    assert "Sidan hittades inte" in client.get("/no/such/page/").content.decode()


@override_settings(DEBUG=True)
def test_the_404_page_is_luotsis_under_debug_too(client, world):
    client.force_login(world.coach)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sivua ei löydy" in html and "URLconf" not in html
    # A 404 raised by a view (a client outside the reach) as well.
    other = reverse("clients:detail", kwargs={"client_id": world.other_org_client.pk})
    assert "Sivua ei löydy" in client.get(other).content.decode()


@override_settings(DEBUG=True, LUOTSI_FRIENDLY_404=False)
def test_the_technical_404_when_asked_for(client, world):
    assert "URLconf" in client.get("/no/such/page/").content.decode()


def test_the_403_page(client, world):
    client.force_login(world.administrator)
    response = client.get(reverse("clients:dashboard"))
    assert response.status_code == 403
    assert "Ei käyttöoikeutta" in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_styled_403(world):
    from django.test import Client

    http = Client(enforce_csrf_checks=True)
    http.force_login(world.coach)
    response = http.post(reverse("clients:edit", kwargs={"client_id": world.own_client.pk}), {})
    assert response.status_code == 403
    assert "Ei käyttöoikeutta" in response.content.decode()
    assert "Nothing was saved" in response.content.decode() or "Mitään ei tallennettu" in (
        response.content.decode()
    )


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_runs_no_query_and_speaks_the_language(
    client, world, django_assert_num_queries
):
    client.raise_request_exception = False
    client.cookies["django_language"] = "sv"
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_the_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_a_get_of_a_post_only_address_goes_to_its_page(client, world):
    from tests.client_views import add_document

    document = add_document(world.own_client)
    client.force_login(world.coach)
    kwargs = {
        "client_id": world.own_client.pk,
        "case_id": document.case_id,
        "document_id": document.pk,
    }
    response = client.get(reverse("clients:document_finalise", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:document_detail", kwargs=kwargs)
    consent = reverse(
        "clients:consent_revoke", kwargs={"client_id": world.own_client.pk, "consent_id": 1}
    )
    assert client.get(consent)["Location"] == reverse(
        "clients:detail", kwargs={"client_id": world.own_client.pk}
    )
