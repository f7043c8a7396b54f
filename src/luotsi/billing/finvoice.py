"""Finvoice 3.0: the e-invoice message Kela receives with the specification PDF.

Django-free, written with the standard library's ElementTree. The message carries the
parties, the invoice and its rows, never the client: no name, no identity code, no case
number (the case is named on the PDF only). Amounts use a decimal comma (``190,00``) and
dates the ``CCYYMMDD`` format. ``tests/billing/test_finvoice.py`` validates every message it
makes against ``../shared/standards/finvoice/Finvoice3.0.xsd``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

from luotsi.billing.invoice import CREDIT_NOTE, Header, Invoice, NothingToBill
from luotsi.billing.prices import Party, PriceList

VAT_EXEMPT_TEXT = "Arvonlisäverolain 34 §:n mukainen veroton sosiaalihuollon palvelu"
TYPE_TEXT = {"INV01": "LASKU", "INV02": "HYVITYSLASKU"}


def money(value: Decimal) -> str:
    """``190,00``: two decimals, a decimal comma, a minus sign for a credit."""
    return f"{value.quantize(Decimal('0.01')):f}".replace(".", ",")


def quantity(value: int) -> str:
    return str(value)


def _date(parent: ET.Element, tag: str, day: dt.date) -> ET.Element:
    element = ET.SubElement(parent, tag, Format="CCYYMMDD")
    element.text = day.strftime("%Y%m%d")
    return element


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _amount(parent: ET.Element, tag: str, value: Decimal, currency: str) -> ET.Element:
    return _text(parent, tag, money(value), AmountCurrencyIdentifier=currency)


def _clip(text: str, length: int) -> str:
    return text[:length]


def _party(root: ET.Element, prefix: str, party: Party) -> None:
    details = ET.SubElement(root, f"{prefix}PartyDetails")
    _text(details, f"{prefix}PartyIdentifier", party.business_id)
    _text(details, f"{prefix}OrganisationName", _clip(party.name, 70))
    _text(details, f"{prefix}OrganisationTaxCode", "FI" + party.business_id.replace("-", ""))
    if party.address is not None:
        address = ET.SubElement(details, f"{prefix}PostalAddressDetails")
        _text(address, f"{prefix}StreetName", _clip(party.address.street, 35))
        _text(address, f"{prefix}TownName", _clip(party.address.town, 35))
        _text(address, f"{prefix}PostCodeIdentifier", party.address.postcode)
        _text(address, "CountryCode", "FI")


def finvoice_xml(invoice: Invoice, header: Header, prices: PriceList) -> bytes:
    """The Finvoice 3.0 message of ``invoice`` (a credit note when ``header.kind`` is INV02:
    pass the credited invoice, its amounts are reversed here)."""
    if not invoice.lines:
        raise NothingToBill("nothing to bill: the period has no billable units")
    if header.kind == CREDIT_NOTE:
        invoice = invoice.credit()
    seller = prices.seller
    currency = invoice.currency
    root = ET.Element("Finvoice", Version="3.0")
    root.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root.set("xsi:noNamespaceSchemaLocation", "Finvoice3.0.xsd")
    if seller.einvoice_address and seller.intermediator:
        transmission = ET.SubElement(root, "MessageTransmissionDetails")
        sender = ET.SubElement(transmission, "MessageSenderDetails")
        _text(sender, "FromIdentifier", seller.einvoice_address)
        _text(sender, "FromIntermediator", seller.intermediator)
        receiver = ET.SubElement(transmission, "MessageReceiverDetails")
        _text(receiver, "ToIdentifier", prices.buyer.business_id.replace("-", ""))
        _text(receiver, "ToIntermediator", "KELA")
        message = ET.SubElement(transmission, "MessageDetails")
        _text(message, "MessageIdentifier", f"{header.kind}-{header.number}")
        _text(message, "MessageTimeStamp", f"{header.date.isoformat()}T00:00:00")
    _party(root, "Seller", seller)
    communication = ET.SubElement(root, "SellerCommunicationDetails")
    _text(communication, "SellerEmailaddressIdentifier", seller.email)
    information = ET.SubElement(root, "SellerInformationDetails")
    account = ET.SubElement(information, "SellerAccountDetails")
    _text(account, "SellerAccountID", seller.iban, IdentificationSchemeName="IBAN")
    _text(account, "SellerBic", seller.bic, IdentificationSchemeName="BIC")
    _party(root, "Buyer", prices.buyer)
    _details(root, invoice, header, prices, currency)
    for line in invoice.lines:
        row = ET.SubElement(root, "InvoiceRow")
        _text(row, "ArticleIdentifier", str(line.price_type))
        _text(row, "ArticleName", _clip(line.name, 100))
        _text(row, "DeliveredQuantity", quantity(line.quantity), QuantityUnitCode="kpl")
        _text(row, "InvoicedQuantity", quantity(line.quantity), QuantityUnitCode="kpl")
        _date(row, "StartDate", invoice.start)
        _date(row, "EndDate", invoice.end)
        _amount(row, "UnitPriceAmount", line.unit_price, currency)
        if header.kind == CREDIT_NOTE:
            _text(row, "OriginalInvoiceNumber", header.credited_number)
        _text(row, "RowVatRatePercent", "0")
        _text(row, "RowVatCode", "E")
        _amount(row, "RowVatAmount", Decimal("0"), currency)
        _amount(row, "RowVatExcludedAmount", line.amount, currency)
        _amount(row, "RowAmount", line.amount, currency)
    _epi(root, invoice, header, seller, currency)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _details(
    root: ET.Element, invoice: Invoice, header: Header, prices: PriceList, currency: str
) -> None:
    details = ET.SubElement(root, "InvoiceDetails")
    _text(details, "InvoiceTypeCode", header.kind, CodeListAgencyIdentifier="SPY")
    _text(details, "InvoiceTypeText", TYPE_TEXT[header.kind])
    _text(details, "OriginCode", "Original")
    _text(details, "InvoiceNumber", header.number)
    _date(details, "InvoiceDate", header.date)
    if header.kind == CREDIT_NOTE:
        _text(details, "OriginalInvoiceNumber", header.credited_number)
        if header.credited_date is not None:
            _date(details, "OriginalInvoiceDate", header.credited_date)
    _date(details, "InvoicingPeriodStartDate", invoice.start)
    _date(details, "InvoicingPeriodEndDate", invoice.end)
    _text(details, "SellerReferenceIdentifier", prices.seller.business_id)
    _text(details, "AgreementIdentifier", _clip(prices.contract, 70))
    _amount(details, "RowsTotalVatExcludedAmount", invoice.total, currency)
    _amount(details, "InvoiceTotalVatExcludedAmount", invoice.total, currency)
    _amount(details, "InvoiceTotalVatAmount", Decimal("0"), currency)
    _amount(details, "InvoiceTotalVatIncludedAmount", invoice.total, currency)
    vat = ET.SubElement(details, "VatSpecificationDetails")
    _amount(vat, "VatBaseAmount", invoice.total, currency)
    _text(vat, "VatRatePercent", "0")
    _text(vat, "VatCode", "E")
    _amount(vat, "VatRateAmount", Decimal("0"), currency)
    _text(vat, "VatFreeText", VAT_EXEMPT_TEXT)
    terms = ET.SubElement(details, "PaymentTermsDetails")
    days = (header.due - header.date).days
    _text(terms, "PaymentTermsFreeText", f"{days} pv netto")
    _date(terms, "InvoiceDueDate", header.due)


def _epi(root: ET.Element, invoice: Invoice, header: Header, seller: Party, currency: str) -> None:
    epi = ET.SubElement(root, "EpiDetails")
    identification = ET.SubElement(epi, "EpiIdentificationDetails")
    _date(identification, "EpiDate", header.date)
    _text(identification, "EpiReference", header.number)
    party = ET.SubElement(epi, "EpiPartyDetails")
    bank = ET.SubElement(party, "EpiBfiPartyDetails")
    _text(bank, "EpiBfiIdentifier", seller.bic, IdentificationSchemeName="BIC")
    beneficiary = ET.SubElement(party, "EpiBeneficiaryPartyDetails")
    _text(beneficiary, "EpiNameAddressDetails", _clip(seller.name, 35))
    _text(beneficiary, "EpiBei", seller.business_id)
    _text(beneficiary, "EpiAccountID", seller.iban, IdentificationSchemeName="IBAN")
    payment = ET.SubElement(epi, "EpiPaymentInstructionDetails")
    _text(payment, "EpiRemittanceInfoIdentifier", header.reference, IdentificationSchemeName="SPY")
    _amount(payment, "EpiInstructedAmount", invoice.total, currency)
    _text(payment, "EpiCharge", "SHA", ChargeOption="SHA")
    _date(payment, "EpiDateOptionDate", header.due)
