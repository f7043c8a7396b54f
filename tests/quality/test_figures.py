"""The quality figures: counted from stored findings, cells add up, pending deadlines
count neither way, a fixed number of queries, the page, the access-logged XLSX export."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from luotsi.access.models import AccessLogEntry
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.organisations.models import Office
from luotsi.quality import figures
from tests.factories import PASSWORD

JAN = dt.date(2026, 1, 1)
FEB = dt.date(2026, 2, 1)
_numbers = itertools.count(1)


def make_case(client, service, received, findings=(), ended=False) -> Case:
    case = Case.objects.create(
        organisation=client.organisation,
        client=client,
        service=service,
        external_id=f"F-{next(_numbers)}",
        received=received,
    )
    for rule, severity in findings:
        CaseFinding.objects.create(
            case=case,
            rule=rule,
            severity=severity,
            message_fi="x",
            message_sv="x",
            message_en="x",
            evaluated_on=received,
        )
    if ended:
        CaseEvent.objects.create(case=case, type="end", date=received, data={"type": "end"})
    return case


@pytest.fixture
def cohort(world):
    pori = Office.objects.create(
        organisation=world.org,
        name="Pori",
        street_address="Katu 1",
        postal_code="28100",
        city="Pori",
    )
    world.team_a.office = pori
    world.team_a.save()
    own = world.own_client  # team A: Pori
    other = world.other_coach_client  # team B: no office
    make_case(
        own,
        "TK",
        dt.date(2026, 1, 5),
        [
            ("START.DEADLINE", "violation"),
            ("CERT.MISSING", "violation"),
            ("CERT.MISSING", "violation"),
        ],
        ended=True,
    )
    make_case(own, "TK", dt.date(2026, 1, 20), [("FEEDBACK.DEADLINE", "violation")], ended=True)
    make_case(own, "TK", dt.date(2026, 1, 25), [("START.DEADLINE", "due")])  # not started: pending
    make_case(
        own, "TV", dt.date(2026, 2, 3), [("PHASE1.DEADLINE", "due"), ("START.DEADLINE", "info")]
    )
    make_case(other, "TEAK-TK", dt.date(2026, 2, 10), [("START.DEADLINE", "violation")], ended=True)
    make_case(world.other_org_client, "TK", dt.date(2026, 1, 5), [("START.DEADLINE", "violation")])
    return world


def test_the_figures_from_stored_findings(cohort) -> None:
    found = figures.cells(cohort.org)
    jan = found[(JAN, "TK", "Pori")]
    assert jan.cases == 3 and jan.ended == 2
    assert (jan.judged("started"), jan.on_time("started")) == (2, 1)  # the pending one excluded
    assert jan.share("started") == 50.0
    assert (jan.judged("feedback"), jan.on_time("feedback")) == (2, 1)
    assert (jan.judged("certificates"), jan.on_time("certificates")) == (2, 1)
    assert jan.violations == {"START.DEADLINE": 1, "CERT.MISSING": 2, "FEEDBACK.DEADLINE": 1}
    assert jan.per_100("CERT.MISSING") == pytest.approx(200 / 3)
    feb = found[(FEB, "TV", "Pori")]
    assert feb.judged("phase1") == 0 and feb.share("phase1") is None  # pending
    assert feb.share("started") == 100.0  # an agreed deviation (info) is not a violation
    teak = found[(FEB, "TEAK-TK", "")]
    assert teak.applicable["phase1"] == 0  # TEAK has no phase 1
    assert teak.share("started") == 0.0
    assert figures.total(found).cases == 5  # the other organisation's case is not counted


def test_cells_add_up_whatever_the_grouping(cohort) -> None:
    found = figures.cells(cohort.org)
    overall = figures.total(found)
    for by in (lambda k: k[0], lambda k: k[1], lambda k: k[2]):
        groups = figures.grouped(found, by)
        assert sum(c.cases for c in groups.values()) == overall.cases
        assert sum(c.on_time("started") for c in groups.values()) == overall.on_time("started")


@pytest.mark.parametrize(
    ("filters", "cases"),
    [
        (figures.Filters(start=FEB), 2),
        (figures.Filters(end=JAN), 3),
        (figures.Filters(service="TK"), 3),
        (figures.Filters(office="Pori"), 4),
    ],
)
def test_filters(cohort, filters, cases) -> None:
    assert figures.total(figures.cells(cohort.org, filters)).cases == cases


def test_three_queries_whatever_the_number_of_cases(cohort, django_assert_num_queries) -> None:
    with django_assert_num_queries(3):
        figures.cells(cohort.org)
    for day in range(1, 20):
        make_case(
            cohort.own_client,
            "TV",
            dt.date(2026, 3, day),
            [("START.DEADLINE", "violation")],
            ended=True,
        )
    with django_assert_num_queries(3):
        figures.cells(cohort.org)


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_the_page_and_its_query_count(client, cohort, django_assert_max_num_queries) -> None:
    login(client, cohort.quality_manager)
    url = reverse("quality:figures") + "?start=2026-01-01&end=2026-03-31"
    with django_assert_max_num_queries(15) as few:
        page = client.get(url)
    text = page.content.decode()
    assert (
        page.status_code == 200 and "<svg" in text and "50,0 %" in text and "CERT.MISSING" in text
    )
    for day in range(1, 10):
        make_case(cohort.own_client, "TV", dt.date(2026, 3, day), [("CERT.AUTHOR", "violation")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_xlsx_export_is_logged(client, cohort) -> None:
    login(client, cohort.quality_manager)
    response = client.get(reverse("quality:figures_export") + "?start=2026-01-01&end=2026-02-28")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].values)
    assert len(rows) == 1 + 3  # header, Jan TK Pori, Feb TV Pori, Feb TEAK-TK
    assert rows[1][:4] == ("1/2026", "TK", "Pori", 3)
    entry = AccessLogEntry.objects.get(action="export")
    assert (
        entry.client_id is None
        and "quality figures" in entry.detail
        and entry.user == cohort.quality_manager
    )


@pytest.mark.parametrize("name", ["quality:figures", "quality:figures_export"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("quality_manager", 200), ("administrator", 200), ("coach", 403), ("team_lead", 403)],
)
def test_authorization(client, cohort, name, role, status) -> None:
    login(client, getattr(cohort, role))
    assert client.get(reverse(name)).status_code == status


def test_the_page_title_is_plain(client, cohort) -> None:
    client.force_login(cohort.quality_manager)
    page = client.get(reverse("quality:figures")).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "Laatuluvut" in title
