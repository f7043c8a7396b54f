"""The due list and the caseload as CSV and XLSX: the rows in reach, one access-log row per
client exported, no spreadsheet formulas from client data."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from luotsi.access.models import AccessLogEntry
from tests.factories import make_case, make_client, one_of_each

pytestmark = pytest.mark.django_db


def _csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_due_list_exports_the_filtered_rows_and_logs_each_client(client, world, cases):
    client.force_login(world.quality_manager)
    before = AccessLogEntry.objects.count()
    response = client.get(
        reverse("clients:due_list_export", kwargs={"fmt": "csv"}), {"service": "TV"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][:3] == ["Määräaika", "Myöhässä päivää", "Ryhmä"]
    numbers = {row[4] for row in rows[1:]}
    assert numbers == {"TEAM-1", "OTHER-1"}
    exported = AccessLogEntry.objects.filter(pk__gt=0).order_by("-pk")[
        : AccessLogEntry.objects.count() - before
    ]
    per_client = [row for row in exported if row.client_id is not None]
    assert {row.client_id for row in per_client} == {
        cases.teammate.client_id,
        cases.other_team.client_id,
    }
    assert all(row.action == "export" for row in exported)


def test_the_caseload_exports_as_xlsx(client, world, cases):
    for n in range(3):
        one_of_each(
            make_case(make_client(world, f"Uusi{n}", "=HYPERLINK(1)", world.coach, world.team_a))
        )
    client.force_login(world.team_lead)
    response = client.get(reverse("clients:caseload_export", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Asiakas", "Tiimi", "Vastuuvalmentaja", "Asiakkuudet")
    names = [row[0] for row in rows[1:]]
    assert "Oma, Oona" in names and "Tiimiläinen, Tiina" in names
    assert "Toinen, Toivo" not in names  # team B: outside the lead's reach
    assert all(not str(name).startswith("=") for name in names)  # never a formula
    own = next(row for row in rows if row[0] == "Oma, Oona")
    assert own[3] == "OWN-1 (TK)"
    assert own[4:9] == (2, 1, 1, 1, 1)  # late, Kela, this week, later, risks
    logged = AccessLogEntry.objects.filter(action="export", client__isnull=False)
    assert logged.count() == len(rows) - 1


def test_an_unknown_format_is_not_found(client, world):
    client.force_login(world.coach)
    assert client.get("/clients/due/export.pdf").status_code == 404


def test_the_administrator_may_not_export(client, world):
    client.force_login(world.administrator)
    assert client.get(reverse("clients:due_list_export", kwargs={"fmt": "csv"})).status_code == 403


@pytest.mark.parametrize("name", ["clients:due_list_export", "clients:caseload_export"])
def test_an_export_makes_the_same_number_of_queries_for_more_clients(
    client, world, cases, name, django_assert_max_num_queries
):
    client.force_login(world.quality_manager)
    url = reverse(name, kwargs={"fmt": "csv"})
    client.get(url)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    few = len(captured)
    for n in range(12):
        one_of_each(make_case(make_client(world, f"Lisä{n}", "Asiakas", world.coach, world.team_a)))
    with django_assert_max_num_queries(few):
        client.get(url)
