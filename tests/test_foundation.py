"""The foundation: Finnish login page, language switch, health check, demo logins."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from stdnum.fi import hetu

from luotsi.accounts.models import Role, User
from luotsi.dashboards.landing import landing_url
from luotsi.demo.identity import make_identity_code
from luotsi.demo.loader import DEMO_PASSWORD, STAFF, load_demo
from luotsi.organisations.models import Office, Organisation

pytestmark = pytest.mark.django_db


def test_login_page_is_finnish_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fi">' in html
    assert "Kirjaudu sisään" in html
    assert "Käyttäjätunnus" in html and "Salasana" in html


def test_language_switcher_changes_to_swedish(client):
    response = client.post(
        reverse("set_language"), {"language": "sv", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="sv">' in html
    assert "Logga in" in html
    assert "Kirjaudu sisään" not in html


def test_english_is_available(client):
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Log in" in html


def test_home_requires_login(client):
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    from django.db import connection

    assert body["database"] == connection.vendor


def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    from django.db import OperationalError, connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.parametrize("username", [row[0] for row in STAFF])
def test_every_demo_login_works(client, demo, username):
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    home = client.get(reverse("dashboards:home"), follow=True)  # each role: its own page
    assert home.status_code == 200
    user = User.objects.get(username=username)
    assert home.redirect_chain[-1][0] == landing_url(user)
    assert user.first_name in home.content.decode()


def test_wrong_password_is_refused_with_a_finnish_message(client, demo):
    response = client.post(
        reverse("accounts:login"), {"username": "aino.koskinen", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_demo_has_one_organisation_two_offices_four_coaches_and_a_quality_manager(demo):
    organisation = Organisation.objects.get(kind="provider")  # beside the employment area
    assert Office.objects.filter(organisation=organisation).count() == 2
    coaches = User.objects.filter(organisation=organisation, role_assignments__role=Role.COACH)
    assert coaches.count() == 4
    assert User.objects.filter(role_assignments__role=Role.QUALITY_MANAGER).count() == 1


def test_demo_loading_is_idempotent(demo):
    counts = (Organisation.objects.count(), Office.objects.count(), User.objects.count())
    load_demo()
    load_demo()
    assert (Organisation.objects.count(), Office.objects.count(), User.objects.count()) == counts


@pytest.mark.parametrize(
    "birth_date", [dt.date(1990, 4, 2), dt.date(1965, 12, 31), dt.date(2004, 2, 29)]
)
@pytest.mark.parametrize("individual", [900, 947, 999])
def test_demo_identity_codes_are_valid_temporary_codes(birth_date, individual):
    code = make_identity_code(birth_date, individual)
    assert hetu.is_valid(code, allow_temporary=True)
    # The 900-999 range is reserved for codes that never belong to a real person.
    assert not hetu.is_valid(code)
    assert re.fullmatch(r"\d{6}[-+A]9\d\d[0-9A-Y]", code)


def test_demo_identity_codes_refuse_real_individual_numbers():
    with pytest.raises(ValueError):
        make_identity_code(dt.date(1990, 4, 2), 123)


def test_an_english_browser_still_gets_finnish(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Kirjaudu sisään" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_finnish(client):
    client.cookies["django_language"] = "de"
    response = client.get(reverse("accounts:login"))
    assert '<html lang="fi">' in response.content.decode()


def test_home_leads_a_coach_to_the_clients(client, demo):
    client.force_login(User.objects.get(username="mikko.lehtonen"))
    response = client.get(reverse("dashboards:home"))
    assert response["Location"] == reverse("clients:dashboard")
    html = client.get(response["Location"]).content.decode()
    assert "Avaa asiakasluettelo" in html
    assert reverse("clients:list") in html
    assert "Tervetuloa, Mikko" in html


def test_home_offers_no_client_list_to_an_administrator(client, demo):
    client.force_login(User.objects.get(username="timo.salonen"))
    html = client.get(reverse("dashboards:home")).content.decode()
    assert "Avaa asiakasluettelo" not in html


def test_one_date_range():
    import datetime as dt

    from luotsi.rules.calendar import DATE_MAX, DATE_MIN, in_date_range

    assert in_date_range(DATE_MIN) and in_date_range(DATE_MAX)
    assert not in_date_range(DATE_MIN - dt.timedelta(days=1))
    assert not in_date_range(DATE_MAX + dt.timedelta(days=1))


def test_the_shared_date_field_refuses_a_date_outside_the_range_in_finnish():
    from django import forms
    from django.utils import translation

    from luotsi.forms import DateField

    class Form(forms.Form):
        day = DateField()

    with translation.override("fi"):
        form = Form(data={"day": "9999-12-31"})
        assert not form.is_valid()
        assert form.errors["day"] == ["Anna päivämäärä väliltä 1.1.1900–31.12.2100."]
    assert Form(data={"day": "2100-12-31"}).is_valid()
    assert 'min="1900-01-01"' in str(Form()["day"])
