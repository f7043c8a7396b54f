"""Caseload figures: clients per officer per unit per month, TYM clients, KUTY participants;
the table, the SVG chart and the XLSX export (access-logged)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from luotsi.access.models import AccessLogEntry
from luotsi.employment.caseload import figures
from luotsi.employment.models import ActivationPlan, Jobseeker, TymPlan
from luotsi.rules.employment.caseload import months

pytestmark = pytest.mark.django_db

MARCH, APRIL = dt.date(2025, 3, 1), dt.date(2025, 4, 1)


@pytest.fixture
def history(area):
    """The area's four adults in March 2025, one ending then; the youth one from April."""
    Jobseeker.objects.filter(organisation=area.org).update(job_search_start=dt.date(2025, 1, 10))
    Jobseeker.objects.filter(pk=area.other_unit.pk).update(job_search_start=dt.date(2025, 4, 2))
    Jobseeker.objects.filter(pk=area.consented.pk).update(ended_on=dt.date(2025, 3, 31))
    TymPlan.objects.filter(jobseeker=area.tym).update(date=dt.date(2025, 2, 1))
    ActivationPlan.objects.create(
        jobseeker=area.own,
        made=dt.date(2025, 3, 1),
        start=dt.date(2025, 3, 10),
        end=dt.date(2025, 6, 9),
    )
    return area


def test_figures_per_unit_and_officer(history):
    f = figures(history.org.pk, months(MARCH, APRIL))
    march, april = f.cell(MARCH, "adults"), f.cell(APRIL, "adults")
    assert (march.clients, march.officers, march.average) == (3, 1, 3.0)
    assert (april.clients, april.average) == (2, 2.0)  # the consented ended on 31.3.
    assert f.cell(MARCH, "youth") is None and f.cell(APRIL, "youth").clients == 1
    assert (f.tym[MARCH], f.kuty[MARCH], f.kuty[APRIL]) == (1, 1, 1)
    rows = {(unit, officer): counts for unit, officer, counts in f.officer_rows()}
    assert rows == {
        ("Monialaiset aikuiset", "Officer Testinen"): [3, 2],
        ("Nuorten tiimi", "Youthofficer Testinen"): [0, 1],
    }


def test_the_page_shows_the_table_and_the_chart(client, history, time_machine):
    time_machine.move_to(dt.datetime(2025, 4, 15, 12, 0))
    client.force_login(history.manager)
    response = client.get(reverse("clients:employment_caseload") + "?months=6")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and 'role="img"' in body
    table = response.context["table"]
    assert [label for label, *_rest in table] == [
        "11/2024",
        "12/2024",
        "1/2025",
        "2/2025",
        "3/2025",
        "4/2025",
    ]
    march = table[4]
    assert march[2:] == (1, 1)  # TYM clients, KUTY participants


def test_the_xlsx_export_is_logged(client, history, time_machine):
    time_machine.move_to(dt.datetime(2025, 4, 15, 12, 0))
    client.force_login(history.officer)
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("clients:employment_caseload_xlsx") + "?months=6")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) == 3
    units = list(wb.worksheets[0].iter_rows(values_only=True))
    assert ("3/2025", "Monialaiset aikuiset", 3, 1, 3.0) in units
    entry = AccessLogEntry.objects.latest("pk")
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.action, entry.user, entry.client) == ("export", history.officer, None)
