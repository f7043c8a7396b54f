"""The quality figures: counted from stored findings, cells add up, pending deadlines
count neither way, a fixed number of queries, the page, the access-logged XLSX export."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from luotsi.access.models import AccessLogEntry
from luotsi.billing import service as billing
from luotsi.cases import service as cases
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.dashboards import service as dashboards
from luotsi.dashboards.models import FindingAcknowledgement
from luotsi.organisations.models import Office
from luotsi.quality import figures
from tests.billing.test_service import ON, PRICES, case_data
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


def test_five_queries_whatever_the_number_of_cases(cohort, django_assert_num_queries) -> None:
    with django_assert_num_queries(5):
        figures.cells(cohort.org)
    for day in range(1, 20):
        case = make_case(
            cohort.own_client,
            "TV",
            dt.date(2026, 3, day),
            [("START.DEADLINE", "violation")],
            ended=True,
        )
        FindingAcknowledgement.objects.create(
            organisation=cohort.org, case=case, rule="START.DEADLINE",
            finding_date=case.received, finding_due=case.received, note="late",
            by=cohort.coach, by_name="Coach",
        )  # fmt: skip
    with django_assert_num_queries(5):
        found = figures.cells(cohort.org)
    assert figures.total(found).acknowledged_count == 19


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_the_page_and_its_query_count(client, cohort, django_assert_max_num_queries) -> None:
    login(client, cohort.quality_manager)
    url = reverse("quality:figures") + "?start=2026-01-01&end=2026-03-31"
    with django_assert_max_num_queries(17) as few:  # 15 before the two new figures
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


# ---- acknowledged violations and billing refusals (real data) --------------------------


@pytest.fixture
def billed(world):
    """Two real TK cases (tests/billing's case file, two granted days), March billed through
    the billing run: each invoice refuses a day beyond the granted days and its meal."""
    billing.import_price_list(world.billing, world.org, PRICES, "prices.yaml")
    world.case = cases.import_case(None, world.org, world.own_client, case_data(), on=ON)
    world.case_b = cases.import_case(
        None, world.org, world.other_coach_client, case_data("C-002"), on=ON
    )
    world.invoices = billing.approve_month(world.billing, world.org, "2026-03", ON)
    return world


def test_billing_refusals_are_counted_once_per_case_and_month(billed) -> None:
    month = billed.case.received.replace(day=1)
    assert [len(i.refused) for i in billed.invoices] == [2, 2]
    found = figures.cells(billed.org)
    assert found[(month, "TK", "")].refused == 2 + 2  # neither team has an office
    assert figures.total(found).billed_months == 2
    # A credit note keeps no refusals, and the month billed again repeats the same two:
    # still counted once for the case and month.
    billing.mark_sent(billed.billing, billed.invoices)
    billing.credit_invoice(billed.billing, billed.invoices[0], ON)
    again = billing.approve_month(billed.billing, billed.org, "2026-03", ON)
    assert [len(i.refused) for i in again] == [2]
    total = figures.total(figures.cells(billed.org))
    assert (total.refused, total.billed_months) == (4, 2)
    # February's invoice (a meeting, nothing refused) adds a month but no refusal.
    billing.approve_month(billed.billing, billed.org, "2026-02", ON)
    total = figures.total(figures.cells(billed.org))
    assert (total.refused, total.billed_months) == (4, 4)
    # The filters apply: the other service has none.
    assert figures.total(figures.cells(billed.org, figures.Filters(service="TV"))).refused == 0


def test_acknowledged_violations_by_rule(world) -> None:
    today = timezone.localdate()
    received = today - dt.timedelta(days=40)
    case = cases.create_case(
        None, world.org, world.own_client, service="TK", external_id="LATE-1",
        received=received, medical_statement_b_undated=True,
    )  # fmt: skip
    held = today - dt.timedelta(days=20)
    cases.add_event(
        None, case, {"type": "meeting", "date": held.isoformat(), "phase": "planning"},
        expected_version=case.version,
    )  # fmt: skip
    violation = CaseFinding.objects.get(case=case, rule="START.DEADLINE", severity="violation")
    key = (received.replace(day=1), "TK", "")
    assert figures.cells(world.org)[key].acknowledged == {}
    dashboards.acknowledge(
        world.coach, case, rule=violation.rule, date=violation.date, due=violation.due,
        note="Held late: the client was in hospital.",
    )  # fmt: skip
    found = figures.cells(world.org)
    assert found[key].acknowledged == {"START.DEADLINE": 1}
    assert found[key].violations["START.DEADLINE"] == 1  # still a violation in the figures
    assert figures.total(found).acknowledged_count == 1
    other_month = figures.Filters(start=(received + dt.timedelta(days=40)).replace(day=1))
    assert figures.total(figures.cells(world.org, other_month)).acknowledged_count == 0


def test_the_page_and_the_export_show_them(client, billed) -> None:
    login(client, billed.quality_manager)
    query = "?start=2026-01-01&end=2026-12-31"
    page = client.get(reverse("quality:figures") + query).content.decode()
    assert "Laskutuksen hylkäämät yksiköt" in page
    total_row = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert ">4 <span" in total_row  # the refused units, with the invoiced months
    response = client.get(reverse("quality:figures_export") + query)
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    refused = len(rows[0]) - 2  # …, violations, acknowledged, refused, invoiced months
    assert sum(r[refused] for r in rows[1:]) == 4 and sum(r[-1] for r in rows[1:]) == 2
