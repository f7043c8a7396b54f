"""The invoice's specification PDF (laskun erittely), laid out like Kela's provider statement
KU 206 and its per-client specification: page 1 the biller and the provider, page 2 the
client, the service, the decision, the period, every line with its dates and the units that
were not billed, with their reasons.

Django-free: ``invoice_context`` makes the plain context and ``render_pdf`` (the one PDF
path) renders ``documents/invoice.html``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from luotsi.billing.invoice import CREDIT_NOTE, Header, Invoice
from luotsi.billing.prices import PriceList
from luotsi.documents.build import DocumentRefused
from luotsi.documents.i18n import SERVICES, fmt_date, fmt_span
from luotsi.rules import Case

UNIT_NAMES = {
    "fi": {
        "meeting": "tapaaminen", "rehab_day": "kuntoutuspäivä", "group_day": "ryhmäpäivä",
        "visit": "yksilökäynti", "followup_visit": "seurantakäynti", "meal": "ruokailu",
    },
    "sv": {
        "meeting": "träff", "rehab_day": "rehabiliteringsdag", "group_day": "gruppdag",
        "visit": "individuellt besök", "followup_visit": "uppföljningsbesök", "meal": "måltid",
    },
}  # fmt: skip

STRINGS = {
    "fi": {
        "title": "Tilitys kuntoutuskustannuksista, palveluntuottaja",
        "credit_title": "Hyvityslasku: tilitys kuntoutuskustannuksista, palveluntuottaja",
        "specification": "Asiakaskohtainen erittely",
        "biller": "Laskuttaja",
        "provider": "Palveluntuottaja",
        "recipient": "Laskun vastaanottaja",
        "name": "Nimi",
        "business_id": "Y-tunnus",
        "address": "Osoite",
        "email": "Sähköposti",
        "account": "Tilinumero (IBAN, BIC)",
        "contract": "Sopimus",
        "invoice": "Lasku",
        "number": "Laskun numero",
        "date": "Laskun päivämäärä",
        "reference": "Viitenumero",
        "due": "Eräpäivä",
        "terms": "Maksuehto",
        "terms_text": "{days} päivää netto",
        "total": "Yhteensä",
        "vat": "Arvonlisävero 0 % (arvonlisäveroton sosiaali- ja terveyspalvelu)",
        "credits": "Hyvitettävä lasku",
        "client": "Asiakas",
        "identity_code": "Henkilötunnus",
        "case": "Asian tunnus",
        "service": "Palvelu",
        "decision": "Kelan päätös saapunut",
        "period": "Laskutuskausi",
        "lines": "Laskutettavat suoritteet",
        "credit_lines": "Hyvitettävät suoritteet",
        "price_type": "Hintalaji",
        "line_name": "Suorite",
        "dates": "Päivät",
        "quantity": "Määrä",
        "unit_price": "À-hinta",
        "amount": "Summa",
        "refused": "Suoritteet, joita ei laskuteta",
        "refused_none": "Kaikki kauden suoritteet laskutetaan.",
        "day": "Päivä",
        "unit": "Suorite",
        "reason": "Syy",
        "rule": "Sääntö",
        "page": "Sivu",
    },
    "sv": {
        "title": "Redovisning av rehabiliteringskostnader, serviceproducent",
        "credit_title": "Kreditnota: redovisning av rehabiliteringskostnader, serviceproducent",
        "specification": "Specifikation per klient",
        "biller": "Fakturerare",
        "provider": "Serviceproducent",
        "recipient": "Fakturans mottagare",
        "name": "Namn",
        "business_id": "FO-nummer",
        "address": "Adress",
        "email": "E-post",
        "account": "Kontonummer (IBAN, BIC)",
        "contract": "Avtal",
        "invoice": "Faktura",
        "number": "Fakturanummer",
        "date": "Fakturadatum",
        "reference": "Referensnummer",
        "due": "Förfallodag",
        "terms": "Betalningsvillkor",
        "terms_text": "{days} dagar netto",
        "total": "Sammanlagt",
        "vat": "Mervärdesskatt 0 % (momsfri social- och hälsovårdstjänst)",
        "credits": "Faktura som krediteras",
        "client": "Klient",
        "identity_code": "Personbeteckning",
        "case": "Ärendenummer",
        "service": "Tjänst",
        "decision": "FPA:s beslut har kommit",
        "period": "Faktureringsperiod",
        "lines": "Prestationer som faktureras",
        "credit_lines": "Prestationer som krediteras",
        "price_type": "Prisslag",
        "line_name": "Prestation",
        "dates": "Dagar",
        "quantity": "Antal",
        "unit_price": "À-pris",
        "amount": "Belopp",
        "refused": "Prestationer som inte faktureras",
        "refused_none": "Alla prestationer under perioden faktureras.",
        "day": "Dag",
        "unit": "Prestation",
        "reason": "Orsak",
        "rule": "Regel",
        "page": "Sida",
    },
}


def money(value: Decimal) -> str:
    """1 234,50 € the Finnish (and Finland-Swedish) way."""
    text = f"{value.quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", "\u00a0").replace(".", ",") + "\u00a0€"


def invoice_context(
    case: Case, invoice: Invoice, header: Header, prices: PriceList, lang: str
) -> dict[str, Any]:
    """The specification's context; refuses an empty invoice (nothing to bill)."""
    if not invoice.lines:
        raise DocumentRefused("/events", "nothing to bill: the period has no billable units")
    if header.kind == CREDIT_NOTE:
        invoice = invoice.credit()
    s = STRINGS[lang]
    seller = prices.seller
    address = seller.address
    provider = case.contract.provider or seller.name
    provider_id = case.contract.business_id or seller.business_id
    return {
        "kind": "invoice",
        "lang": lang,
        "s": s,
        "title": s["credit_title"] if header.kind == CREDIT_NOTE else s["title"],
        "seller": {
            "name": seller.name,
            "business_id": seller.business_id,
            "address": f"{address.street}, {address.postcode} {address.town}" if address else "",
            "email": seller.email,
            "account": f"{seller.iban}, {seller.bic}",
        },
        "provider": {"name": provider, "business_id": provider_id},
        "buyer": {"name": prices.buyer.name, "business_id": prices.buyer.business_id},
        "contract": prices.contract,
        "number": header.number,
        "date": fmt_date(header.date),
        "reference": header.reference,
        "due": fmt_date(header.due),
        "terms": s["terms_text"].format(days=(header.due - header.date).days),
        "credited": header.credited_number if header.kind == CREDIT_NOTE else "",
        "lines_title": s["credit_lines"] if header.kind == CREDIT_NOTE else s["lines"],
        "total": money(invoice.total),
        "client_name": case.client.name or "–",
        "identity_code": case.client.identity_code or "–",
        "case_id": case.id,
        "service": SERVICES[lang].get(case.service, case.service),
        "decision": fmt_date(case.decision.received),
        "period": fmt_span(invoice.start, invoice.end, lang),
        "lines": [
            {
                "price_type": line.price_type,
                "name": line.name,
                "dates": ", ".join(fmt_date(d) for d in line.dates),
                "quantity": line.quantity,
                "unit_price": money(line.unit_price),
                "amount": money(line.amount),
            }
            for line in invoice.lines
        ],
        "refused": [
            {
                "date": fmt_date(r.date),
                "unit": UNIT_NAMES[lang][r.unit],
                "reason": r.message(lang),
                "rule": r.rule,
            }
            for r in invoice.refused
        ],
    }
