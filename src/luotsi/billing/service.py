"""Billing's public face: price lists, the monthly billing run, sending, payment, credit notes.

Every write validates, runs in one transaction and writes the audit trail
(``luotsi.access.audit.log_change``) per client. Invoice numbers come from the
organisation's ``InvoiceCounter``, locked in the transaction that numbers: numbers have no
gaps, and a run that fails consumes none. A unit is billed at most once across invoices
that are not credited: the run leaves out units already billed, and ``BilledUnit``'s
unique constraint refuses a second billing even from a concurrent run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action, RecipientKind
from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.cases.service import contract_case
from luotsi.consents.service import disclose
from luotsi.organisations.models import Organisation
from luotsi.rules import CaseFileError
from luotsi.rules.billable import Billable, billable_units
from luotsi.rules.calendar import finnish_date

from . import invoice as pure
from .documents import finvoice, pure_invoice, specification_pdf
from .models import BilledUnit, Invoice, InvoiceCounter, Kind, PriceList, State
from .prices import PriceListError, parse_prices
from .selectors import month_bounds, price_list_for

__all__ = [
    "approve_month",
    "credit_invoice",
    "finvoice",
    "import_price_list",
    "mark_paid",
    "mark_sent",
    "needs_credit",
    "preview_month",
    "pure_invoice",
    "specification_pdf",
]

KELA_DOCUMENT = "Laskun erittely {number} (Kela, KKRL 59 §)"


def _require(actor: User | None) -> None:
    if actor is not None and not policy.can_bill(actor):
        raise PermissionDenied(_("You may not bill."))


def _log(actor: User | None, invoice: Invoice, action: str, fields: Iterable[str]) -> None:
    log_change(
        actor,
        organisation_id=invoice.organisation_id,
        client_id=invoice.case.client_id,
        action=action,
        object_type="invoice",
        object_id=invoice.pk,
        fields=fields,
    )


# --- price lists ---------------------------------------------------------------------------


@transaction.atomic
def import_price_list(
    actor: User | None, organisation: Organisation, source: str, file_name: str = ""
) -> PriceList:
    """Store a ``luotsi-prices/1`` file; refused (field ``file``) when it is not valid."""
    _require(actor)
    try:
        prices = parse_prices(source, file_name or "price list")
    except PriceListError as exc:
        raise ValidationError({"file": ValidationError(str(exc), code="invalid")}) from None
    if PriceList.objects.filter(
        organisation=organisation, contract=prices.contract, valid_from=prices.valid_from
    ).exists():
        raise ValidationError(
            {
                "file": ValidationError(
                    _("This contract already has a price list from this date."), code="duplicate"
                )
            }
        )
    return PriceList.objects.create(
        organisation=organisation,
        contract=prices.contract,
        valid_from=prices.valid_from,
        valid_to=prices.valid_to,
        services=",".join(prices.services),
        source=source,
        file_name=file_name[:200],
        created_by=actor,
    )


# --- the monthly run ---------------------------------------------------------------------


@dataclass
class CaseBill:
    """One case's part of a month: the invoice to make, or why it cannot be made."""

    case: Case
    billable: Billable | None = None
    invoice: pure.Invoice | None = None
    price_list: PriceList | None = None
    already_billed: list[tuple[str, str]] = field(default_factory=list)  # (unit key, number)
    to_credit: list[str] = field(default_factory=list)  # invoices a change has made wrong
    findings: list[CaseFinding] = field(default_factory=list)
    error: str = ""

    @property
    def total(self) -> Decimal:
        return self.invoice.total if self.invoice else Decimal("0.00")

    @property
    def billable_lines(self) -> bool:
        return bool(self.invoice and self.invoice.lines)


def _active_billed(case_ids: list[int]) -> dict[int, dict[str, str]]:
    rows = BilledUnit.objects.filter(case_id__in=case_ids, active=True).values_list(
        "case_id", "unit", "date", "seq", "invoice__number"
    )
    out: dict[int, dict[str, str]] = {}
    for case_id, unit, day, seq, number in rows:
        out.setdefault(case_id, {})[f"{unit}:{day.isoformat()}:{seq}"] = number
    return out


def _without(billable: Billable, billed: dict[str, str]) -> tuple[Billable, list]:
    keep = tuple(u for u in billable.units if u.key not in billed)
    gone = [(u.key, billed[u.key]) for u in billable.units if u.key in billed]
    return Billable(
        billable.case_id, billable.service, billable.start, billable.end, billable.on, keep,
        billable.refused,
    ), gone  # fmt: skip


def preview_month(
    organisation: Organisation, month: str, on: dt.date | None = None
) -> list[CaseBill]:
    """Every case of the organisation with something in ``month``: its invoice as it would
    be made now (units already billed left out), refused units and open BILLING.* findings."""
    start, end = month_bounds(month)
    on = on or timezone.localdate()
    # Units are days and meetings: only a case with one of them in the month, or with a
    # unit billed in the month (it may need a credit note), has anything to show.
    active = CaseEvent.objects.filter(
        type__in=("rehab_day", "meeting"), date__range=(start, end)
    ).values("case_id")
    billed_in_month = BilledUnit.objects.filter(active=True, date__range=(start, end)).values(
        "case_id"
    )
    cases = list(
        Case.objects.filter(organisation=organisation)
        .filter(Q(pk__in=active) | Q(pk__in=billed_in_month))
        .select_related("client", "organisation")
        .prefetch_related("events", "organisation__offices")
        .order_by("external_id")
    )
    billed = _active_billed([c.pk for c in cases])
    findings: dict[int, list[CaseFinding]] = {}
    for finding in CaseFinding.objects.filter(case__in=cases, rule__startswith="BILLING.").order_by(
        "date", "pk"
    ):
        findings.setdefault(finding.case_id, []).append(finding)
    bills: list[CaseBill] = []
    lists: dict[str, PriceList | None] = {}
    parsed: dict[int, Any] = {}
    for case in cases:
        bill = CaseBill(case=case, findings=findings.get(case.pk, []))
        try:
            everything = billable_units(contract_case(case), start, end, on)
        except (CaseFileError, ValidationError):
            bill.error = _("The case file is not valid; correct the case first.")
            bills.append(bill)
            continue
        billable, bill.already_billed = _without(everything, billed.get(case.pk, {}))
        bill.billable = billable
        bill.to_credit = _to_credit(everything, billed.get(case.pk, {}))
        if not billable.units and not billable.refused and not bill.already_billed:
            continue  # nothing happened in the month
        if case.service not in lists:
            lists[case.service] = price_list_for(organisation.pk, case.service, start)
        bill.price_list = lists[case.service]
        if bill.price_list is None:
            if billable.units:
                bill.error = _("No price list in force for %(service)s on %(date)s.") % {
                    "service": case.service,
                    "date": finnish_date(start),
                }
        else:
            try:
                if bill.price_list.pk not in parsed:
                    parsed[bill.price_list.pk] = bill.price_list.parsed()
                bill.invoice = pure.build_invoice(billable, parsed[bill.price_list.pk])
            except pure.MissingPrice as exc:
                bill.error = _("The price list has no price for %(service)s unit %(unit)s.") % {
                    "service": exc.service,
                    "unit": exc.unit,
                }
        bills.append(bill)
    return bills


def _to_credit(billable: Billable, billed: dict[str, str]) -> list[str]:
    """Numbers of invoices that billed a unit of the period that is no longer billable."""
    now = {u.key for u in billable.units}
    first, last = billable.start.isoformat(), billable.end.isoformat()
    return sorted(
        {
            number
            for key, number in billed.items()
            if key not in now and first <= key.split(":")[1] <= last
        },
        key=int,
    )


def _next_number(counter: InvoiceCounter) -> str:
    counter.last += 1
    return str(counter.last)


def _counter(organisation: Organisation) -> InvoiceCounter:
    """The organisation's counter row, locked until the transaction ends."""
    try:
        with transaction.atomic():
            InvoiceCounter.objects.get_or_create(organisation=organisation)
    except IntegrityError:
        pass  # another run created it first
    return InvoiceCounter.objects.select_for_update().get(organisation=organisation)


def approve_month(
    actor: User | None, organisation: Organisation, month: str, on: dt.date | None = None
) -> list[Invoice]:
    """Make and number the month's invoices, all or nothing.

    Refused (``ValidationError``, nothing written, no number used) when any case cannot be
    invoiced (no price list, a unit with no price) or when there is nothing left to bill."""
    _require(actor)
    month_bounds(month)  # ValueError for what is not a month
    invoice_date = on or timezone.localdate()
    try:
        with transaction.atomic():
            counter = _counter(organisation)
            bills = preview_month(organisation, month, on)  # under the lock: what is left now
            errors = [f"{b.case.external_id}: {b.error}" for b in bills if b.error]
            if errors:
                raise ValidationError({"month": [ValidationError(e) for e in errors]})
            ready = [b for b in bills if b.billable_lines]
            if not ready:
                raise ValidationError(
                    {
                        "month": ValidationError(
                            _("Nothing to bill: the month is already billed or empty."),
                            code="nothing",
                        )
                    }
                )
            made = [_make(actor, organisation, counter, b, invoice_date) for b in ready]
            counter.save(update_fields=["last"])
            return made
    except IntegrityError:
        # A concurrent run billed the same units first (BilledUnit's constraint).
        raise ValidationError(
            {
                "month": ValidationError(
                    _("Another billing run billed these units first; nothing was billed."),
                    code="concurrent",
                )
            }
        ) from None


def _make(
    actor: User | None,
    organisation: Organisation,
    counter: InvoiceCounter,
    bill: CaseBill,
    invoice_date: dt.date,
) -> Invoice:
    assert bill.invoice is not None and bill.price_list is not None
    data = bill.invoice
    invoice = Invoice.objects.create(
        organisation=organisation,
        case=bill.case,
        price_list=bill.price_list,
        kind=Kind.INVOICE,
        number=_next_number(counter),
        state=State.APPROVED,
        period_start=data.start,
        period_end=data.end,
        invoice_date=invoice_date,
        due_date=pure.due_date(invoice_date),
        total=data.total,
        lines=[line.as_dict() for line in data.lines],
        refused=[_stored_refusal(r) for r in data.refused],
        created_by=actor,
    )
    BilledUnit.objects.bulk_create(
        BilledUnit(invoice=invoice, case=bill.case, unit=u.unit, date=u.date, seq=u.seq)
        for line in data.lines
        for u in line.units
    )
    _log(actor, invoice, Action.CREATE, ["invoice"])
    return invoice


# --- after approval ----------------------------------------------------------------------------


@transaction.atomic
def mark_sent(actor: User, invoices: Iterable[Invoice]) -> int:
    """Approved invoices (and credit notes) sent to Kela: one disclosure-log row per client,
    legal basis Kela's law (KKRL 59 §: the specification names the client)."""
    _require(actor)
    count = 0
    now = timezone.now()
    for invoice in invoices:
        invoice = (
            Invoice.objects.select_for_update().select_related("case__client").get(pk=invoice.pk)
        )
        if invoice.state != State.APPROVED:
            continue
        client = invoice.case.client
        disclose(
            actor,
            client,
            recipient_kind=RecipientKind.KELA,
            recipient_name="Kela",
            document=KELA_DOCUMENT.format(number=invoice.number),
            contains_health_data=True,
            billing=True,
        )
        invoice.state, invoice.sent_at, invoice.sent_by = State.SENT, now, actor
        invoice.save(update_fields=["state", "sent_at", "sent_by"])
        _log(actor, invoice, Action.EDIT, ["state", "sent_at"])
        count += 1
    return count


@transaction.atomic
def mark_paid(actor: User, invoice: Invoice) -> Invoice:
    _require(actor)
    invoice = Invoice.objects.select_for_update().select_related("case").get(pk=invoice.pk)
    if invoice.state != State.SENT or invoice.is_credit_note:
        raise ValidationError({"state": _("Only a sent invoice can be marked paid.")})
    invoice.state, invoice.paid_at = State.PAID, timezone.now()
    invoice.save(update_fields=["state", "paid_at"])
    _log(actor, invoice, Action.EDIT, ["state", "paid_at"])
    return invoice


def credit_invoice(actor: User | None, invoice: Invoice, on: dt.date | None = None) -> Invoice:
    """A credit note (INV02) that reverses a sent (or paid) invoice and names it; the
    invoice becomes credited and its units may be billed again."""
    _require(actor)
    day = on or timezone.localdate()
    with transaction.atomic():
        counter = _counter(invoice.organisation)
        original = Invoice.objects.select_for_update().select_related("case").get(pk=invoice.pk)
        if original.is_credit_note or original.state not in (State.SENT, State.PAID):
            raise ValidationError(
                {"state": _("Only a sent or paid invoice can be credited.")}, code="state"
            )
        note = Invoice.objects.create(
            organisation=original.organisation,
            case=original.case,
            price_list=original.price_list,
            kind=Kind.CREDIT_NOTE,
            number=_next_number(counter),
            state=State.APPROVED,
            period_start=original.period_start,
            period_end=original.period_end,
            invoice_date=day,
            due_date=pure.due_date(day),
            total=-original.total,
            lines=original.lines,
            refused=[],
            credits=original,
            created_by=actor,
        )
        counter.save(update_fields=["last"])
        original.state, original.credited_at = State.CREDITED, timezone.now()
        original.save(update_fields=["state", "credited_at"])
        BilledUnit.objects.filter(invoice=original, active=True).update(active=False)
        _log(actor, note, Action.CREATE, ["credit_note"])
        _log(actor, original, Action.EDIT, ["state", "credited_at"])
        return note


def _stored_refusal(refusal: Any) -> dict[str, Any]:
    """A refusal as the invoice keeps it: the contract's fields and the message arguments."""
    args = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in refusal.args}
    return {**refusal.as_dict(), "args": args}


def needs_credit(
    case: Case, billable: Billable | None, billed: dict[str, Invoice]
) -> list[tuple[Invoice, list[tuple[dt.date, str]]]]:
    """Invoices with a billed unit that the case, as it stands now, no longer has as
    billable (a sickness recorded afterwards, a day removed): each needs a credit note.

    ``billable``: the case's units from its start until today; ``billed``: its active billed
    units (``selectors.billed_keys``). A change to a billed day is allowed; this shows it."""
    if billable is None:
        return []
    now = {u.key for u in billable.units}
    wrong: dict[int, tuple[Invoice, list[tuple[dt.date, str]]]] = {}
    for key, invoice in sorted(billed.items()):
        if key in now:
            continue
        unit, day, _seq = key.split(":")
        wrong.setdefault(invoice.pk, (invoice, []))[1].append((dt.date.fromisoformat(day), unit))
    return sorted(wrong.values(), key=lambda item: item[0].number)
