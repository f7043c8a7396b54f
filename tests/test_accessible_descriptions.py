"""Every ``aria-describedby`` names elements that are on the page: a screen reader reads a
field's help text and its errors only through these ids.

Django renders ``aria-describedby="<id>_helptext"`` (and ``<id>_error`` when the field has
errors) on the widget; the templates that render fields by hand must give the help text and
the error list these ids. Each page is fetched empty and, where it has a form, once with
errors.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from luotsi.cases.models import Case
from tests.client_views import add_document
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    """The element ids of a page, and the ids its ``aria-describedby`` attributes name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.described: list[tuple[str, str]] = []  # (the element, the id it names)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids[values["id"]] += 1
        for name in (values.get("aria-describedby") or "").split():
            self.described.append((f"<{tag} id={values.get('id')!r}>", name))


def described_ids(response) -> list[tuple[str, str]]:
    """Assert that every id an ``aria-describedby`` names is the id of exactly one element
    of the page; return the (element, id) pairs."""
    assert response.status_code == 200, response.status_code
    parser = _Ids()
    parser.feed(response.content.decode())
    parser.close()
    missing = [(element, name) for element, name in parser.described if not parser.ids[name]]
    assert not missing, f"aria-describedby names ids not on the page: {missing}"
    repeated = sorted({name for _e, name in parser.described if parser.ids[name] > 1})
    assert not repeated, f"aria-describedby names ids that several elements have: {repeated}"
    return parser.described


def names(response) -> set[str]:
    return {name for _element, name in described_ids(response)}


@pytest.fixture
def coach(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.coach)
    return client


@pytest.fixture
def case(world):
    return Case.objects.create(
        organisation_id=world.org.pk,
        client=world.own_client,
        service="TK",
        external_id="A11Y-1",
        received=dt.date(2026, 1, 5),
    )


def client_url(name, world, **kwargs):
    return reverse(name, kwargs={"client_id": world.own_client.pk, **kwargs})


def case_url(name, case):
    return reverse(name, kwargs={"client_id": case.client_id, "case_id": case.pk})


# --- logging in ---------------------------------------------------------------------------


def test_login_page(client, world):
    assert "id_otp_token_helptext" in names(client.get(reverse("accounts:login")))


def test_login_page_with_field_errors(client, world):
    response = client.post(
        reverse("accounts:login"),
        {"username": "", "password": PASSWORD, "otp_token": ""},
        REMOTE_ADDR="198.51.100.7",
    )
    assert "id_username_error" in names(response)


def test_two_factor_page_with_and_without_errors(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(world.coach)
    page = reverse("accounts:two_factor")
    described_ids(client.get(page))
    response = client.post(page, {"otp_token": "not a code"})
    assert "otp_token" in response.context["form"].errors
    assert "id_otp_token_error" in names(response)


# --- clients, consents, disclosures -------------------------------------------------------


def test_client_search(coach, world):
    assert "id_q_helptext" in names(coach.get(reverse("clients:list")))


def test_client_forms(coach, world):
    described_ids(coach.get(reverse("clients:create")))
    described_ids(coach.get(client_url("clients:edit", world)))


def test_client_form_with_field_errors(coach, world):
    response = coach.post(reverse("clients:create"), {"first_name": "", "language": "fi"})
    assert {"id_first_name_error", "id_identity_code_error"} <= names(response)


def test_consent_form(coach, world):
    url = client_url("clients:consent_create", world)
    assert "id_scope_helptext" in names(coach.get(url))
    response = coach.post(url, {"recipient_kind": "network", "scope": ""})
    assert {"id_scope_helptext", "id_scope_error"} <= names(response)


def test_disclosure_form(coach, world):
    url = client_url("clients:disclosure_create", world)
    assert "id_recipient_name_helptext" in names(coach.get(url))
    response = coach.post(url, {"recipient_kind": "kela", "document": ""})
    assert "id_document_error" in names(response)


# --- cases --------------------------------------------------------------------------------


def test_new_case_form(coach, world):
    url = client_url("clients:case_create", world)
    assert {"id_received_helptext", "id_granted_days_helptext"} <= names(coach.get(url))
    response = coach.post(
        url, {"service": "TK", "external_id": "", "received": "2099-01-01", "granted_days": "x"}
    )
    assert {
        "id_external_id_error",
        "id_received_helptext",
        "id_received_error",
        "id_granted_days_error",
    } <= names(response)


def test_case_page_with_its_fast_entry_forms(coach, case):
    described = names(coach.get(case_url("clients:case_detail", case)))
    assert {"days_week_helptext", "absence_end_helptext", "pause_end_helptext"} <= described


@pytest.mark.parametrize("name", ["case_days", "case_meeting", "case_absence", "case_pause"])
def test_fast_entry_pages(coach, case, name):
    described_ids(coach.get(case_url(f"clients:{name}", case)))


def test_pause_ending_before_it_starts(coach, case):
    response = coach.post(
        case_url("clients:case_pause", case),
        {
            "version": case.version,
            "start": "2026-02-25",
            "end": "2026-02-23",
            "reason": "employer_delay",
        },
    )
    assert "end" in response.context["form"].errors
    assert {"id_end_helptext", "id_end_error"} <= names(response)


def test_a_week_with_errors_in_the_day_table(coach, case):
    response = coach.post(
        case_url("clients:case_days", case),
        {
            "version": case.version,
            "week": "2026-02-23",
            "wed_hours": "6",
            "wed_workplace_hours": "7",
        },
    )
    assert "wed_workplace_hours" in response.context["form"].errors
    assert "id_wed_workplace_hours_error" in names(response)


# --- documents and the due list -----------------------------------------------------------


def test_document_draft_page(coach, world):
    document = add_document(world.own_client)
    url = reverse(
        "clients:document_detail",
        kwargs={
            "client_id": world.own_client.pk,
            "case_id": document.case_id,
            "document_id": document.pk,
        },
    )
    described_ids(coach.get(url))


def test_due_list_filters(client, world):
    client.force_login(world.team_lead)
    url = reverse("clients:due_list")
    assert "id_due_before_helptext" in names(client.get(url))
    response = client.get(url, {"due_before": "not a day"})
    assert {"id_due_before_helptext", "id_due_before_error"} <= names(response)
