"""Clients through the API: the service's validation, the policy's reach, the due list's
query count, and the exports' content."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from luotsi.access.models import AccessLogEntry, ChangeLogEntry
from luotsi.cases.service import import_case
from luotsi.clients.models import Client
from luotsi.demo.identity import make_identity_code
from tests.cases.test_views import case_file

pytestmark = pytest.mark.django_db


def test_a_client_is_created_with_a_change_log_row(world, api_as):
    api = api_as("coach")
    code = make_identity_code(dt.date(1999, 9, 9), 955)
    body = {"identity_code": code, "first_name": "Aada", "last_name": "Api", "team": "Tiimi A"}
    response = api.post(reverse("api:client_create"), body)
    assert response.status_code == 201, response.content
    created = Client.objects.get(pk=response.json()["id"])
    assert created.identity_code == code and created.team == world.team_a
    assert ChangeLogEntry.objects.filter(client=created, action="create").exists()
    assert AccessLogEntry.objects.get(client=created).action == "create"


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"identity_code": "020490-9011"}, "/identity_code"),
        ({"responsible_coach": "nobody"}, "/responsible_coach"),
        ({"team": "Tiimi X"}, "/team"),
        ({"email": "not-an-address"}, "/email"),
        ({"language": "de"}, "/language"),
        ({"first_name": ""}, "/first_name"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_stored(world, api_as, change, pointer):
    api = api_as("coach")
    body = {
        "identity_code": make_identity_code(dt.date(1999, 9, 9), 956),
        "first_name": "Aada",
        "last_name": "Api",
        "team": "Tiimi A",
        **change,
    }
    before = Client.objects.count()
    response = api.post(reverse("api:client_create"), body)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["pointer"] == pointer
    assert Client.objects.count() == before


def test_a_duplicate_identity_code_is_logged_against_that_client(world, api_as):
    api = api_as("coach")
    body = {
        "identity_code": world.other_coach_client.identity_code,
        "first_name": "Kopio",
        "last_name": "Asiakas",
        "team": "Tiimi A",
    }
    response = api.post(reverse("api:client_create"), body)
    assert response.status_code == 422
    row = AccessLogEntry.objects.get(client=world.other_coach_client)
    assert "duplicate" in row.detail and "API token" in row.detail


def test_a_patch_changes_only_the_fields_given(world, api_as):
    api = api_as("team_lead")
    url = reverse("api:client_update", kwargs={"client_id": world.own_client.pk})
    response = api.patch(url, {"phone": "+358 40 765 4321"})
    assert response.status_code == 200
    world.own_client.refresh_from_db()
    assert world.own_client.phone == "+358 40 765 4321"
    assert world.own_client.first_name == "Oona"
    emptied = api.patch(url, {"last_name": None})
    assert emptied.status_code == 422 and emptied.json()["pointer"] == "/last_name"


def test_the_due_list_shows_the_reach_in_a_fixed_number_of_queries(
    world, api_as, django_assert_max_num_queries
):
    import_case(world.coach, world.org, world.own_client, case_file("D-1"))
    import_case(world.coach_b, world.org, world.other_coach_client, case_file("D-2"))
    coach = api_as("coach")
    with django_assert_max_num_queries(12):
        response = coach.get(reverse("api:due_list"))
    assert response.status_code == 200
    numbers = {row["case_number"] for row in response.json()["results"]}
    assert numbers == {"D-1"}
    quality = api_as("quality_manager").get(reverse("api:due_list") + "?lang=en").json()
    assert {row["case_number"] for row in quality["results"]} == {"D-1", "D-2"}
    filtered = api_as("quality_manager").get(reverse("api:due_list") + "?coach=coachb").json()
    assert {row["case_number"] for row in filtered["results"]} == {"D-2"}
    bad = api_as("quality_manager").get(reverse("api:due_list") + "?severity=awful")
    assert bad.status_code == 422 and bad.json()["pointer"] == "/query/severity"


def test_the_clients_data_exports_as_xlsx_and_csv(world, api_as, client):
    import_case(world.coach, world.org, world.own_client, case_file("X-1"))
    api = api_as("coach")
    url = reverse("api:client_export", kwargs={"client_id": world.own_client.pk})
    xlsx = api.get(url + "?format=xlsx")
    assert xlsx.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    assert len(book.sheet_names) == 6  # client, consents, cases, events, findings, notes
    basic = book.get_sheet_by_index(0).to_python()
    assert [world.own_client.identity_code] in [row[1:] for row in basic]
    events = book.get_sheet_by_index(3).to_python()
    assert len(events) == 1 + 5  # the header and the five events
    csv = api.get(url + "?format=csv")
    with zipfile.ZipFile(io.BytesIO(csv.content)) as archive:
        names = archive.namelist()
        assert len(names) == 6
        text = archive.read(names[2]).decode("utf-8-sig")
    assert "X-1;TK;2026-01-05" in text
    rows = AccessLogEntry.objects.filter(client=world.own_client, action="export")
    assert rows.count() == 2
    # the web page gives the same tables
    client.force_login(world.coach)
    web = client.get(
        reverse("clients:export", kwargs={"client_id": world.own_client.pk}), {"format": "xlsx"}
    )
    assert web.status_code == 200
    assert web["Content-Disposition"].endswith('.xlsx"')


def test_the_caseload_export_has_the_reach_only(world, api_as):
    response = api_as("coach").get(reverse("api:caseload") + "?format=csv")
    text = response.content.decode("utf-8-sig")
    assert "Oma;Oona" in text and "Toinen" not in text and "Vieras" not in text
    row = AccessLogEntry.objects.get(action="export")
    assert row.client is None and "caseload" in row.detail
