"""An approved invoice as files: the Finvoice 3.0 message and the specification PDF.

Both are made from what the invoice stored when it was approved (its lines, its refused
units, the price list it was made with), never recomputed from the case: only the client's
name and identity code on the PDF come from the client record as it is now.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from luotsi.cases.service import contract_case
from luotsi.rules.billable import Refusal

from . import invoice as pure
from .models import Invoice


def pure_invoice(invoice: Invoice) -> tuple[pure.Invoice, pure.Header]:
    """The stored invoice as the format layer's invoice and header (a credit note's lines
    are its invoice's: the formats reverse them)."""
    lines = tuple(
        pure.Line(
            price_type=line["price_type"],
            unit=line["unit"],
            name=line["name"],
            dates=tuple(dt.date.fromisoformat(d) for d in line["dates"]),
            quantity=line["quantity"],
            unit_price=Decimal(line["unit_price"]),
            amount=Decimal(line["amount"]),
        )
        for line in invoice.lines
    )
    total = -invoice.total if invoice.is_credit_note else invoice.total
    data = pure.Invoice(
        invoice.case.external_id, invoice.case.service, invoice.period_start, invoice.period_end,
        lines, tuple(_refusal(r) for r in invoice.refused), total,
    )  # fmt: skip
    credits = invoice.credits
    header = pure.Header(
        number=invoice.number,
        date=invoice.invoice_date,
        due=invoice.due_date,
        kind=invoice.kind,
        credited_number=credits.number if credits else "",
        credited_date=credits.invoice_date if credits else None,
    )
    return data, header


def _refusal(row: dict[str, Any]) -> Any:
    args = tuple(sorted((row.get("args") or {}).items()))
    return Refusal(dt.date.fromisoformat(row["date"]), row["unit"], 0, row["rule"],
                   row["reason"], args)  # fmt: skip


def finvoice(invoice: Invoice) -> bytes:
    from .finvoice import finvoice_xml

    data, header = pure_invoice(invoice)  # a credit note's lines are reversed there
    return finvoice_xml(data, header, invoice.price_list.parsed())


def specification_pdf(invoice: Invoice, lang: str | None = None) -> bytes:
    from luotsi.billing.specification import invoice_context
    from luotsi.documents import render_pdf

    data, header = pure_invoice(invoice)
    case = contract_case(invoice.case)
    language = lang or case.client.language
    return render_pdf(invoice_context(case, data, header, invoice.price_list.parsed(), language))
