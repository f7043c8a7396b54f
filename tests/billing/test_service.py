"""The billing service: the monthly run all or nothing, gap-free numbers, immutability, a
unit billed once, credit notes, new price annexes, sending to Kela and the case's view."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from luotsi.access.models import DisclosureLogEntry
from luotsi.billing import selectors, service
from luotsi.billing.models import BilledUnit, ImmutableInvoiceError, Invoice, InvoiceCounter
from luotsi.cases import service as cases
from luotsi.rules.billable import billable_units
from tests.billing.xsd import assert_valid_finvoice

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
ON = dt.date(2026, 4, 15)
PRICES = (DATA / "prices.yaml").read_text(encoding="utf-8")


def case_data(external_id: str = "C-001") -> dict:
    data = json.loads((DATA / "case.json").read_text(encoding="utf-8"))
    data["id"] = external_id
    del data["client"], data["contract"]
    # The web app refuses a day inside an absence: the stored case has none on 11.3.; two
    # granted days make 12.3. a day beyond them.
    data["events"] = [e for e in data["events"] if e.get("date") != "2026-03-11"]
    data["decision"]["granted_days"] = 2
    return data


@pytest.fixture
def billing(world):
    service.import_price_list(world.billing, world.org, PRICES, "prices.yaml")
    world.case = cases.import_case(None, world.org, world.own_client, case_data(), on=ON)
    world.case_b = cases.import_case(
        None, world.org, world.other_coach_client, case_data("C-002"), on=ON
    )
    return world


def test_preview_shows_each_case_with_totals_refusals_and_findings(billing):
    bills = service.preview_month(billing.org, "2026-03", ON)
    assert [b.case.external_id for b in bills] == ["C-001", "C-002"]
    bill = bills[0]
    assert bill.total == Decimal("335.00") and not bill.error
    assert [(r.unit, r.reason) for r in bill.billable.refused] == [
        ("rehab_day", "beyond_granted"), ("meal", "beyond_granted"),
    ]  # fmt: skip
    assert Invoice.objects.count() == 0  # a preview writes nothing


def test_approve_numbers_without_gaps_and_bills_each_unit_once(billing):
    made = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    assert [i.number for i in made] == ["1", "2"]
    assert InvoiceCounter.objects.get(organisation=billing.org).last == 2
    assert BilledUnit.objects.filter(active=True).count() == 2 * 5  # 1 meeting, 2 days, 2 meals
    with pytest.raises(ValidationError) as caught:
        service.approve_month(billing.billing, billing.org, "2026-03", ON)
    assert [e.code for e in caught.value.error_dict["month"]] == ["nothing"]
    assert InvoiceCounter.objects.get(organisation=billing.org).last == 2
    february = service.approve_month(billing.billing, billing.org, "2026-02", ON)
    assert [i.number for i in february] == ["3", "4"]  # the meeting of 10.2.
    invoice = made[0]
    assert invoice.state == "approved" and invoice.total == Decimal("335.00")
    assert invoice.due_date == ON + dt.timedelta(days=14)
    assert_valid_finvoice(service.finvoice(invoice))


def test_a_failed_run_writes_nothing_and_uses_no_number(billing):
    prices = yaml.safe_load(PRICES)
    prices["services"]["TK"].pop(2)  # no price for meals
    prices["valid_from"] = dt.date(2026, 3, 1)
    service.import_price_list(billing.billing, billing.org, yaml.safe_dump(prices), "new.yaml")
    with pytest.raises(ValidationError) as caught:
        service.approve_month(billing.billing, billing.org, "2026-03", ON)
    assert "C-001" in str(caught.value) and "meal" in str(caught.value)  # the case, the unit
    assert Invoice.objects.count() == 0 and BilledUnit.objects.count() == 0
    assert not InvoiceCounter.objects.filter(organisation=billing.org, last__gt=0).exists()


def test_an_approved_invoice_is_immutable(billing):
    invoice = service.approve_month(billing.billing, billing.org, "2026-03", ON)[0]
    invoice.total = Decimal("1.00")
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=invoice.pk).update(total=Decimal("1.00"))
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=invoice.pk).delete()
    invoice.refresh_from_db()
    invoice.state = "paid"  # approved → paid skips sending
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()


def test_the_database_refuses_a_unit_billed_twice(billing):
    invoice = service.approve_month(billing.billing, billing.org, "2026-03", ON)[0]
    unit = invoice.units.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BilledUnit.objects.create(
            invoice=invoice, case=unit.case, unit=unit.unit, date=unit.date, seq=unit.seq
        )


def test_sent_writes_a_disclosure_row_per_client_and_credit_releases_the_units(billing):
    made = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    assert service.mark_sent(billing.billing, made) == 2
    rows = DisclosureLogEntry.objects.filter(recipient_kind="kela").order_by("pk")
    assert [r.client_id for r in rows] == [billing.own_client.pk, billing.other_coach_client.pk]
    assert {r.legal_basis for r in rows} == {"kela_law"}
    assert "1" in rows[0].document
    note = service.credit_invoice(billing.billing, made[0], on=dt.date(2026, 5, 2))
    assert (note.kind, note.number, note.credits_id) == ("INV02", "3", made[0].pk)
    assert note.total == Decimal("-335.00")
    made[0].refresh_from_db()
    assert made[0].state == "credited"
    document = assert_valid_finvoice(service.finvoice(note))
    assert document.findtext("InvoiceDetails/OriginalInvoiceNumber") == "1"
    assert document.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount") == "-335,00"
    with pytest.raises(ValidationError):
        service.credit_invoice(billing.billing, made[0])
    # The credited units may be billed again.
    again = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    assert [i.case.external_id for i in again] == ["C-001"] and again[0].number == "4"


def test_only_a_biller_bills(billing):
    with pytest.raises(PermissionDenied):
        service.approve_month(billing.coach, billing.org, "2026-03", ON)
    with pytest.raises(PermissionDenied):
        service.import_price_list(billing.coach, billing.org, PRICES, "p.yaml")
    assert Invoice.objects.count() == 0


def test_a_new_annex_does_not_change_invoices_made(billing):
    made = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    prices = yaml.safe_load(PRICES)
    prices["valid_from"] = dt.date(2026, 4, 1)
    prices["services"]["TK"][1]["price"] = "99.00"
    service.import_price_list(billing.billing, billing.org, yaml.safe_dump(prices), "annex.yaml")
    made[0].refresh_from_db()
    assert made[0].total == Decimal("335.00")
    assert b"95,00" in service.finvoice(made[0])
    assert selectors.price_list_for(billing.org.pk, "TK", dt.date(2026, 3, 31)).valid_from == (
        dt.date(2026, 1, 1)
    )
    assert selectors.price_list_for(billing.org.pk, "TK", dt.date(2026, 4, 1)).valid_from == (
        dt.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError):  # the same annex twice
        service.import_price_list(billing.billing, billing.org, yaml.safe_dump(prices), "a.yaml")


def test_a_bad_price_list_names_the_field(billing):
    with pytest.raises(ValidationError) as caught:
        service.import_price_list(billing.billing, billing.org, "format: x", "bad.yaml")
    assert "bad.yaml: /format" in caught.value.message_dict["file"][0]


def test_a_change_to_a_billed_day_is_allowed_and_shows_the_credit_needed(billing):
    made = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    case = billing.case
    case.refresh_from_db()
    day = case.events.get(type="rehab_day", date=dt.date(2026, 3, 10))
    cases.remove_event(None, case, day.pk, case.version, on=ON)
    now = billable_units(cases.contract_case(case), case.received, ON, ON)
    wrong = service.needs_credit(case, now, selectors.billed_keys(case.pk))
    assert [(i.number, units) for i, units in wrong] == [
        ("1", [(dt.date(2026, 3, 10), "meal"), (dt.date(2026, 3, 10), "rehab_day")])
    ]
    assert made[1].case_id != case.pk


def test_the_credit_note_pdf_names_the_invoice_it_credits(billing):
    import io

    from pypdf import PdfReader

    made = service.approve_month(billing.billing, billing.org, "2026-03", ON)
    service.mark_sent(billing.billing, made[:1])
    note = service.credit_invoice(billing.billing, made[0], on=dt.date(2026, 5, 2))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(service.specification_pdf(note))).pages]
    assert "Hyvityslasku" in pages[0] and "Hyvitettävä lasku" in pages[0]
    assert "−335,00" in pages[0] or "-335,00" in pages[0]
    assert "Hyvitettävät suoritteet" in pages[1] and "Oona Oma" in pages[1]


def test_a_month_with_nothing_recorded_shows_no_case(billing):
    assert service.preview_month(billing.org, "2026-05", ON) == []
    assert [b.case.external_id for b in service.preview_month(billing.org, "2026-02", ON)] == [
        "C-001", "C-002",
    ]  # fmt: skip
