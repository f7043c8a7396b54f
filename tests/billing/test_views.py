"""The billing pages: roles, access logging of every client shown, the run through HTTP
(preview → approve → download → sent), a case's invoice pages and the case page section."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from luotsi.access.models import AccessLogEntry, DisclosureLogEntry
from luotsi.billing import service
from luotsi.billing.models import Invoice
from luotsi.cases import service as cases
from tests.billing.test_service import ON, PRICES, case_data
from tests.billing.xsd import assert_valid_finvoice

pytestmark = pytest.mark.django_db
MONTH = reverse("billing:month") + "?month=2026-03"


@pytest.fixture
def billing(world):
    service.import_price_list(world.billing, world.org, PRICES, "prices.yaml")
    world.case = cases.import_case(None, world.org, world.own_client, case_data(), on=ON)
    cases.import_case(None, world.org, world.other_coach_client, case_data("C-002"), on=ON)
    return world


@pytest.mark.parametrize("role", ["coach", "team_lead"])
def test_care_roles_may_not_bill(client, billing, role):
    client.force_login(getattr(billing, role))
    assert client.get(MONTH).status_code == 403
    assert client.post(reverse("billing:approve"), {"month": "2026-03"}).status_code == 403
    assert Invoice.objects.count() == 0


def test_the_month_page_logs_every_client_it_shows(client, billing, django_assert_max_num_queries):
    client.force_login(billing.quality_manager)
    with django_assert_max_num_queries(25):
        response = client.get(MONTH)
    assert response.status_code == 200
    body = response.content.decode()
    assert "C-001" in body and "C-002" in body and "335,00" in body
    logged = AccessLogEntry.objects.filter(view_name="billing:month")
    assert {e.client_id for e in logged} == {
        None, billing.own_client.pk, billing.other_coach_client.pk
    }  # fmt: skip
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("bad", ["2026-13", "1899-12", "2101-01", "march", "0000-01"])
def test_a_bad_month_falls_back_to_this_month(client, billing, bad):
    client.force_login(billing.billing)
    response = client.get(reverse("billing:month") + f"?month={bad}")
    assert response.status_code == 200
    from django.utils import timezone

    assert response.context["month"] == timezone.localdate().strftime("%Y-%m")


def test_the_run_through_http(client, billing):
    client.force_login(billing.billing)
    response = client.post(reverse("billing:approve"), {"month": "2026-03"})
    assert response.status_code == 302 and response["Location"] == MONTH
    invoices = list(Invoice.objects.order_by("number"))
    assert [i.number for i in invoices] == ["1", "2"]
    again = client.post(reverse("billing:approve"), {"month": "2026-03"}, follow=True)
    assert Invoice.objects.count() == 2  # the month is already billed: nothing new
    assert any(m.level_tag == "error" for m in again.context["messages"])
    download = client.get(reverse("billing:month_zip") + "?month=2026-03")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        names = sorted(archive.namelist())
        assert names == ["1.pdf", "1.xml", "2.pdf", "2.xml"]
        assert_valid_finvoice(archive.read("1.xml"))
        assert archive.read("1.pdf").startswith(b"%PDF")
    client.post(reverse("billing:send"), {"month": "2026-03"})
    assert set(Invoice.objects.values_list("state", flat=True)) == {"sent"}
    assert DisclosureLogEntry.objects.filter(recipient_kind="kela").count() == 2


def test_get_on_a_post_only_url_goes_back_to_the_page(client, billing):
    client.force_login(billing.billing)
    response = client.get(reverse("billing:approve") + "?month=2026-03")
    assert response.status_code == 302 and response["Location"] == MONTH
    assert Invoice.objects.count() == 0


def test_invoice_pages_credit_and_downloads(client, billing):
    made = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    service.mark_sent(billing.billing, made)
    invoice = made[0]
    kwargs = {
        "client_id": billing.own_client.pk,
        "case_id": invoice.case_id,
        "invoice_id": invoice.pk,
    }
    client.force_login(billing.billing)
    page = client.get(reverse("clients:invoice_detail", kwargs=kwargs))
    assert page.status_code == 200 and page.context["reference"] == "0013"
    assert_valid_finvoice(client.get(reverse("clients:invoice_finvoice", kwargs=kwargs)).content)
    pdf = client.get(reverse("clients:invoice_pdf", kwargs=kwargs) + "?lang=sv")
    assert pdf["Content-Type"] == "application/pdf"
    response = client.post(reverse("clients:invoice_credit", kwargs=kwargs))
    note = Invoice.objects.get(credits=invoice)
    assert response.status_code == 302 and str(note.pk) in response["Location"]
    # Another organisation's client is not found.
    other = {**kwargs, "client_id": billing.other_org_client.pk}
    assert client.get(reverse("clients:invoice_detail", kwargs=other)).status_code == 404


def test_the_case_page_shows_billing_and_the_credit_a_change_needs(client, billing):
    service.approve_month(billing.billing, billing.org, "2026-03", ON)
    case = billing.case
    case.refresh_from_db()
    day = case.events.get(type="rehab_day", date=dt.date(2026, 3, 10))
    cases.remove_event(None, case, day.pk, case.version, on=ON)
    client.force_login(billing.coach)
    url = reverse(
        "clients:case_detail", kwargs={"client_id": billing.own_client.pk, "case_id": case.pk}
    )
    response = client.get(url)
    body = response.content.decode()
    assert 'id="billing"' in body
    section = body[body.index('id="billing"') :]
    assert "10.3.2026" in section  # invoice 1 needs a credit note
    ((invoice, units),) = response.context["to_credit"]
    assert invoice.number == "1" and [day for day, _unit in units] == [dt.date(2026, 3, 10)] * 2
    # 12.3. is now within the granted days: its day and meal are not yet billed.
    unbilled = [(month, count) for month, _unit, count in response.context["unbilled"]]
    assert unbilled == [
        (dt.date(2026, 2, 1), 1),
        (dt.date(2026, 3, 1), 1),
        (dt.date(2026, 3, 1), 1),
    ]
    assert 'role="alert"' in section


def test_a_month_beyond_the_pdf_limit_is_refused_with_a_message(client, billing, monkeypatch):
    from luotsi.billing import views

    service.approve_month(billing.billing, billing.org, "2026-03", ON)
    monkeypatch.setattr(views, "MONTH_PDF_LIMIT", 1)
    client.force_login(billing.billing)
    response = client.get(reverse("billing:month_zip") + "?month=2026-03", follow=True)
    assert response.redirect_chain[0][0] == MONTH
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert not AccessLogEntry.objects.filter(action="print").exists()  # nothing rendered


def test_the_month_zip_as_a_background_job(client, billing, monkeypatch):
    from luotsi.billing import views
    from luotsi.jobs.models import Job, State
    from tests.jobs.conftest import run_queued

    service.approve_month(billing.billing, billing.org, "2026-03", ON)
    monkeypatch.setattr(views, "MONTH_PDF_LIMIT", 1)  # two invoices: too many for the request
    client.force_login(billing.billing)
    page = client.get(MONTH).content.decode()
    assert "billing:month_zip" not in page and "taustatyönä" in page
    response = client.post(reverse("billing:month_zip"), {"month": "2026-03"})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.params == {
        "month": "2026-03",
        "invoices": list(Invoice.objects.order_by("number").values_list("pk", flat=True)),
    }
    # Each client's print row is written when the ZIP is asked for, as in the request.
    printed = AccessLogEntry.objects.filter(view_name="billing:month_zip", action="print")
    assert {e.client_id for e in printed} == {billing.own_client.pk, billing.other_coach_client.pk}
    run_queued()
    job.refresh_from_db()
    assert job.state == State.DONE and (job.done, job.total) == (2, 2)
    detail = client.get(job.get_absolute_url()).content.decode()
    assert MONTH in detail.replace("&amp;", "&")  # back to the month
    download = client.get(reverse("clients:job_result", kwargs={"job_id": job.pk}))
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert sorted(archive.namelist()) == ["1.pdf", "1.xml", "2.pdf", "2.xml"]
        assert_valid_finvoice(archive.read("2.xml"))
        assert archive.read("1.pdf").startswith(b"%PDF")
    # The ZIP names clients: the organisation's administrator may see the job, not the file.
    client.force_login(billing.administrator)
    assert client.get(reverse("clients:job_result", kwargs={"job_id": job.pk})).status_code == 404


def test_the_month_page_queries_do_not_grow_with_the_cases(client, billing):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(billing.quality_manager)
    with CaptureQueriesContext(connection) as two:
        client.get(MONTH)
    for n in range(3, 6):
        cases.import_case(None, billing.org, billing.own_client, case_data(f"C-00{n}"), on=ON)
    with CaptureQueriesContext(connection) as five:
        response = client.get(MONTH)
    assert len(response.context["bills"]) == 5
    assert len(five.captured_queries) == len(two.captured_queries)


def test_the_month_shows_an_invoice_a_change_has_made_wrong(client, billing):
    service.approve_month(billing.billing, billing.org, "2026-03", ON)
    case = billing.case
    case.refresh_from_db()
    day = case.events.get(type="rehab_day", date=dt.date(2026, 3, 10))
    cases.remove_event(None, case, day.pk, case.version, on=ON)
    client.force_login(billing.billing)
    response = client.get(MONTH)
    (bill,) = [b for b in response.context["bills"] if b.case.pk == case.pk]
    assert bill.to_credit == ["1"]
    assert [b.to_credit for b in response.context["fully_billed"]] == [[]]  # C-002


def test_uploading_a_price_list(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from luotsi.billing.models import PriceList

    client.force_login(world.billing)
    url = reverse("billing:price_list_upload")
    bad = SimpleUploadedFile("bad.yaml", PRICES.replace('"95.00"', "95.0").encode())
    response = client.post(url, {"file": bad})
    assert response.status_code == 200
    assert "bad.yaml: /services/TK/1/price" in response.context["price_form"].errors["file"][0]
    assert not PriceList.objects.exists()
    good = SimpleUploadedFile("prices.yaml", PRICES.encode())
    assert client.post(url, {"file": good}).status_code == 302
    assert PriceList.objects.get().services == "TK,TV"
    page = client.get(reverse("billing:home")).content.decode()
    assert "Kela contract 2026/123" in page and "TK, TV" in page
