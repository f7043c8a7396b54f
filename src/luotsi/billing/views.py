"""Billing pages: the organisation's monthly run under ``/billing/`` and a case's invoices
under ``clients/`` (per-invoice pages and downloads).

Every view checks the ``bill`` action (``luotsi.access.policy``) and is access-logged; the
run's pages also write one access-log row for every client they show.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view, client_ip, client_view
from luotsi.access.models import AccessLogEntry, Action
from luotsi.clients.models import Client
from luotsi.jobs import service as jobs
from luotsi.rules.calendar import finnish_date, in_date_range

from . import jobs as billing_jobs
from . import selectors, service
from .labels import unit_label
from .models import Invoice, State

# A month of at most this many invoices may be rendered in the request (GET); any month,
# and a larger one always, as a background job with a progress bar (docs/billing.md).
MONTH_PDF_LIMIT = 10


class MonthForm(forms.Form):
    month = forms.CharField(
        label=gettext_lazy("Month"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=gettext_lazy("The month to bill, as YYYY-MM."),
    )

    def clean_month(self) -> str:
        month = self.cleaned_data["month"]
        try:
            start, end = selectors.month_bounds(month)
        except ValueError:
            raise ValidationError(_("Enter a month as YYYY-MM."), code="invalid") from None
        if not (in_date_range(start) and in_date_range(end)):  # Luotsi's one date range
            raise ValidationError(_("Enter a month as YYYY-MM."), code="invalid")
        return month


class PriceListForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Price list file"),
        help_text=gettext_lazy(
            "A luotsi-prices/1 file (YAML or JSON) of a contract's price annex."
        ),
    )


def _log_clients(request: HttpRequest, clients: list[Client], action: str = Action.BILL) -> None:
    """One access-log row for each client a billing page shows."""
    user = request.user
    match = request.resolver_match
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            organisation_id=user.organisation_id,  # type: ignore[union-attr]
            user=user,
            user_name=user.log_name,  # type: ignore[union-attr]
            client=client,
            action=action,
            view_name=match.view_name if match else "",
            path=request.path[:500],
            ip_address=client_ip(request),
        )
        for client in {c.pk: c for c in clients}.values()
    )


def _month(request: HttpRequest) -> str:
    form = MonthForm(request.GET or request.POST or None)
    if form.is_bound and form.is_valid():
        return str(form.cleaned_data["month"])
    return timezone.localdate().strftime("%Y-%m")


def _month_url(month: str) -> str:
    return f"{reverse('billing:month')}?month={month}"


@client_collection_view(Action.BILL, allowed=policy.can_bill)
def home(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    today = timezone.localdate()
    previous = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    return render(
        request,
        "billing/home.html",
        {
            "price_lists": selectors.price_lists(organisation.pk),
            "price_form": PriceListForm(),
            "month_form": MonthForm(initial={"month": previous}),
        },
    )


@client_collection_view(Action.BILL, allowed=policy.can_bill)
def price_list_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("billing:home")
    form = PriceListForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8")
            service.import_price_list(
                request.user,  # type: ignore[arg-type]
                request.user.organisation,  # type: ignore[union-attr]
                text,
                upload.name,
            )
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        except ValidationError as error:
            for message in error.message_dict.get("file", error.messages):
                form.add_error("file", message)
        else:
            messages.success(request, _("The price list was saved."))
            return redirect("billing:home")
    organisation = request.user.organisation  # type: ignore[union-attr]
    return render(
        request,
        "billing/home.html",
        {
            "price_lists": selectors.price_lists(organisation.pk),
            "price_form": form,
            "month_form": MonthForm(),
        },
    )


@client_collection_view(Action.BILL, allowed=policy.can_bill)
def month(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    chosen = _month(request)
    start, end = selectors.month_bounds(chosen)
    bills = service.preview_month(organisation, chosen)
    invoices = list(selectors.month_invoices(organisation.pk, start))
    _log_clients(request, [b.case.client for b in bills] + [i.case.client for i in invoices])
    ready = [b for b in bills if b.billable_lines]
    lang = (get_language() or "fi")[:2]
    for bill in bills:
        refused = bill.billable.refused if bill.billable else ()
        bill.refused_rows = [(r.date, unit_label(r.unit), r.message(lang)) for r in refused]
    return render(
        request,
        "billing/month.html",
        {
            "month": chosen,
            "start": start,
            "end": end,
            "month_form": MonthForm(initial={"month": chosen}),
            "bills": [
                b for b in bills if b.billable_lines or b.error or b.refused_rows or b.to_credit
            ],
            "fully_billed": [
                b for b in bills if b.already_billed and not (b.billable_lines or b.to_credit)
            ],
            "ready": ready,
            "errors": [b for b in bills if b.error],
            "preview_total": sum((b.total for b in ready), start=service.Decimal("0.00")),
            "invoices": invoices,
            "approved": [i for i in invoices if i.state == State.APPROVED],
            "pdf_limit": MONTH_PDF_LIMIT,
        },
    )


@client_collection_view(Action.BILL, allowed=policy.can_bill)
def approve(request: HttpRequest) -> HttpResponse:
    chosen = _month(request)
    if request.method != "POST":
        return redirect(_month_url(chosen))
    try:
        made = service.approve_month(
            request.user,  # type: ignore[arg-type]
            request.user.organisation,  # type: ignore[union-attr]
            chosen,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        _log_clients(request, [i.case.client for i in made])
        messages.success(
            request,
            ngettext(
                "%(count)s invoice was approved and numbered %(first)s.",
                "%(count)s invoices were approved and numbered %(first)s–%(last)s.",
                len(made),
            )
            % {"count": len(made), "first": made[0].number, "last": made[-1].number},
        )
    return redirect(_month_url(chosen))


@client_collection_view(Action.BILL, allowed=policy.can_bill)
def send(request: HttpRequest) -> HttpResponse:
    chosen = _month(request)
    if request.method != "POST":
        return redirect(_month_url(chosen))
    start, _end = selectors.month_bounds(chosen)
    invoices = list(
        selectors.month_invoices(request.user.organisation_id, start).filter(  # type: ignore[union-attr]
            state=State.APPROVED
        )
    )
    count = service.mark_sent(request.user, invoices)  # type: ignore[arg-type]
    _log_clients(request, [i.case.client for i in invoices], Action.BILL)
    messages.success(
        request,
        ngettext(
            "%(count)s invoice was marked sent to Kela; the disclosure log names the client.",
            "%(count)s invoices were marked sent to Kela; the disclosure log names each client.",
            count,
        )
        % {"count": count},
    )
    return redirect(_month_url(chosen))


@client_collection_view(Action.BILL, allowed=policy.can_bill)
def month_zip(request: HttpRequest) -> HttpResponse:
    """The month's invoices as one ZIP. GET: rendered in the request, for a month of at
    most ``MONTH_PDF_LIMIT`` invoices. POST: a background job with a progress bar
    (``billing.jobs.month_zip``), for a month of any size. Either way each client gets a
    ``print`` row in the access log here, when the ZIP is asked for."""
    chosen = _month(request)
    start, _end = selectors.month_bounds(chosen)
    invoices = list(selectors.month_invoices(request.user.organisation_id, start))  # type: ignore[union-attr]
    if not invoices:
        messages.error(request, _("The month has no approved invoices to download."))
        return redirect(_month_url(chosen))
    if request.method == "POST":
        _log_clients(request, [i.case.client for i in invoices], Action.PRINT)
        request.access.detail = f"invoices of {chosen}: {len(invoices)}, as a background job"  # type: ignore[attr-defined]
        job, _created = jobs.start(
            billing_jobs.month_zip,
            user=request.user,
            month=chosen,
            invoices=[i.pk for i in invoices],
        )
        return redirect(job)
    if len(invoices) > MONTH_PDF_LIMIT:
        messages.error(
            request,
            _(
                "The month has %(count)s invoices, more than the %(limit)s that one download "
                "renders while the page loads; render them as a background job."
            )
            % {"count": len(invoices), "limit": MONTH_PDF_LIMIT},
        )
        return redirect(_month_url(chosen))
    _log_clients(request, [i.case.client for i in invoices], Action.PRINT)
    response = HttpResponse(billing_jobs.month_archive(invoices), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="laskut-{chosen}.zip"'
    return response


# --- a case's invoices (client data, under clients/) -------------------------------------------


def _invoice(client: Client, case_id: int, invoice_id: int) -> Invoice:
    invoice = get_object_or_404(
        Invoice.objects.select_related("case", "price_list", "credits", "credit_note"),
        pk=invoice_id,
        case_id=case_id,
        case__client=client,
    )
    if invoice.state == State.DRAFT:
        raise Http404
    return invoice


@client_view(Action.BILL)
def invoice_detail(
    request: HttpRequest, client: Client, case_id: int, invoice_id: int
) -> HttpResponse:
    invoice = _invoice(client, case_id, invoice_id)
    data, header = service.pure_invoice(invoice)
    lang = (get_language() or "fi")[:2]
    return render(
        request,
        "billing/invoice.html",
        {
            "client": client,
            "case": invoice.case,
            "invoice": invoice,
            "lines": [
                {**line, "dates": ", ".join(finnish_date(d) for d in row.dates)}
                for line, row in zip(invoice.lines, data.lines, strict=True)
            ],
            "reference": header.reference,
            "refused": [(r, unit_label(r.unit), r.message(lang)) for r in data.refused],
            "can_credit": invoice.state in (State.SENT, State.PAID) and not invoice.is_credit_note,
            "can_pay": invoice.state == State.SENT and not invoice.is_credit_note,
        },
    )


@client_view(Action.BILL)
def invoice_finvoice(
    request: HttpRequest, client: Client, case_id: int, invoice_id: int
) -> HttpResponse:
    invoice = _invoice(client, case_id, invoice_id)
    response = HttpResponse(service.finvoice(invoice), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.xml"'
    return response


@client_view(Action.BILL)
def invoice_pdf(
    request: HttpRequest, client: Client, case_id: int, invoice_id: int
) -> HttpResponse:
    invoice = _invoice(client, case_id, invoice_id)
    lang = request.GET.get("lang")
    response = HttpResponse(
        service.specification_pdf(invoice, lang if lang in ("fi", "sv") else None),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


def _back(client: Client, case_id: int, invoice_id: int) -> HttpResponse:
    return redirect(
        "clients:invoice_detail", client_id=client.pk, case_id=case_id, invoice_id=invoice_id
    )


@client_view(Action.BILL)
def invoice_credit(
    request: HttpRequest, client: Client, case_id: int, invoice_id: int
) -> HttpResponse:
    invoice = _invoice(client, case_id, invoice_id)
    if request.method != "POST":
        return _back(client, case_id, invoice_id)
    try:
        note = service.credit_invoice(request.user, invoice)  # type: ignore[arg-type]
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _back(client, case_id, invoice_id)
    messages.success(request, _("Credit note %(number)s was made.") % {"number": note.number})
    return _back(client, case_id, note.pk)


@client_view(Action.BILL)
def invoice_paid(
    request: HttpRequest, client: Client, case_id: int, invoice_id: int
) -> HttpResponse:
    invoice = _invoice(client, case_id, invoice_id)
    if request.method == "POST":
        try:
            service.mark_paid(request.user, invoice)  # type: ignore[arg-type]
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The invoice was marked paid."))
    return _back(client, case_id, invoice_id)
