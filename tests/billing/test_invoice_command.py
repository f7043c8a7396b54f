"""``luotsi invoice`` through the command line: the contract's JSON, Finvoice 3.0 valid
against the shipped XSD, the specification PDF in Finnish and Swedish, and exit 2 with a
named field (never a traceback) for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from luotsi.cli import main
from tests.billing.xsd import assert_valid_finvoice

DATA = Path(__file__).parent / "data"
CASE = str(DATA / "case.json")
PRICES = str(DATA / "prices.yaml")
MARCH = ["--from", "2026-03-01", "--to", "2026-03-31", "--on", "2026-04-15"]


def run(capsysbinary: Any, *args: str) -> tuple[int, bytes, str]:
    code = main(["invoice", *args])
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


def test_json_is_the_contract(capsysbinary: Any) -> None:
    code, out, err = run(capsysbinary, CASE, "--prices", PRICES, *MARCH)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["case"] == "C-001" and data["service"] == "TK"
    assert data["period"] == {"from": "2026-03-01", "to": "2026-03-31"}
    assert [line["unit"] for line in data["lines"]] == ["meeting", "rehab_day", "meal"]
    day = data["lines"][1]
    assert day == {
        "price_type": 2, "unit": "rehab_day", "name": "Kuntoutuspäivä",
        "dates": ["2026-03-09", "2026-03-10", "2026-03-12"], "quantity": 3,
        "unit_price": "95.00", "amount": "285.00",
    }  # fmt: skip
    for line in data["lines"]:
        assert isinstance(line["amount"], str)
        assert Decimal(line["amount"]) == line["quantity"] * Decimal(line["unit_price"])
    assert data["total"] == "442.50" and data["currency"] == "EUR"
    assert sum(Decimal(line["amount"]) for line in data["lines"]) == Decimal(data["total"])
    assert data["refused"][0] == {
        "unit": "rehab_day", "date": "2026-03-11", "rule": "BILLING.NOT_BILLABLE",
        "reason": "sickness", "message": "A day of sickness absence is not billed.",
    }  # fmt: skip
    assert '"amount": "285.00"' in out.decode()  # strings, never floats


def test_an_empty_period_is_zero_in_json_and_refused_as_a_document(
    capsysbinary: Any, tmp_path: Path
) -> None:
    empty = ["--from", "2026-05-01", "--to", "2026-05-31", "--on", "2026-06-15"]
    code, out, _ = run(capsysbinary, CASE, "--prices", PRICES, *empty)
    assert code == 0
    data = json.loads(out)
    assert (data["lines"], data["total"]) == ([], "0.00")
    for fmt in ("finvoice", "pdf"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = run(capsysbinary, CASE, "--prices", PRICES, *empty, "--format", fmt,
                           "--number", "1", "-o", str(target))  # fmt: skip
        assert code == 2 and "nothing to bill" in err
        assert not target.exists()


def test_finvoice_validates_and_carries_no_client_identity(capsysbinary: Any) -> None:
    code, out, err = run(capsysbinary, CASE, "--prices", PRICES, *MARCH, "--format",
                         "finvoice", "--number", "2026001", "--date", "2026-04-01")  # fmt: skip
    assert (code, err) == (0, "")
    document = assert_valid_finvoice(out)
    assert document.get("Version") == "3.0"
    text = out.decode()
    for secret in ("Maija", "Meikäläinen", "010190-950A", "C-001"):
        assert secret not in text
    assert document.findtext("InvoiceDetails/InvoiceTypeCode") == "INV01"
    assert document.findtext("InvoiceDetails/InvoiceNumber") == "2026001"
    assert document.findtext("InvoiceDetails/InvoiceDate") == "20260401"
    assert document.findtext("InvoiceDetails/SellerReferenceIdentifier") == "1234567-1"
    assert document.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount") == "442,50"
    assert document.findtext("BuyerPartyDetails/BuyerPartyIdentifier") == "0246246-0"
    assert document.findtext("BuyerPartyDetails/BuyerOrganisationName") == "Kansaneläkelaitos"
    account = "SellerInformationDetails/SellerAccountDetails/"
    assert document.findtext(account + "SellerAccountID") == "FI2112345600000785"
    assert document.findtext(account + "SellerBic") == "NDEAFIMM"
    rows = document.findall("InvoiceRow")
    assert [r.findtext("ArticleIdentifier") for r in rows] == ["1", "2", "8"]
    assert [r.findtext("RowAmount") for r in rows] == ["120,00", "285,00", "37,50"]
    assert rows[1].findtext("StartDate") == "20260301" and rows[1].findtext("EndDate") == "20260331"
    epi = document.find("EpiDetails/EpiPaymentInstructionDetails")
    assert epi is not None
    assert epi.findtext("EpiRemittanceInfoIdentifier") == "20260011"
    assert epi.findtext("EpiInstructedAmount") == "442,50"
    assert epi.findtext("EpiDateOptionDate") == "20260415"  # 14 days net


def _pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize(
    ("lang", "page1", "page2"),
    [
        ("fi", ["Tilitys kuntoutuskustannuksista", "Laskuttaja", "Palveluntuottaja",
                "Viitenumero", "20260011", "442,50", "Eräpäivä", "15.4.2026"],
         ["Maija Meikäläinen", "010190-950A", "Työkokeilu", "2.2.2026", "1.3.2026–31.3.2026",
          "12.3.2026", "Sairauspoissaolopäivää ei laskuteta.", "BILLING.NOT_BILLABLE"]),
        ("sv", ["Redovisning av rehabiliteringskostnader", "Fakturerare", "Referensnummer",
                "Förfallodag"],
         ["Personbeteckning", "Arbetsprövning", "En dag av sjukfrånvaro faktureras inte."]),
    ],
)  # fmt: skip
def test_pdf_pages_in_finnish_and_swedish(
    capsysbinary: Any, tmp_path: Path, lang: str, page1: list[str], page2: list[str]
) -> None:
    target = tmp_path / "invoice.pdf"
    code, _, err = run(capsysbinary, CASE, "--prices", PRICES, *MARCH, "--format", "pdf",
                       "--number", "2026001", "--lang", lang, "-o", str(target))  # fmt: skip
    assert (code, err) == (0, "")
    pages = _pdf_pages(target.read_bytes())
    assert len(pages) == 2
    for text in page1:
        assert text in pages[0], text
    for text in page2:
        assert text in pages[1], text
    assert "010190-950A" not in pages[0]  # the client only on the specification page


def _bad_prices(tmp_path: Path, change: Any) -> str:
    data = yaml.safe_load(Path(PRICES).read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "prices.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_bad_input_exits_2_naming_the_field(capsysbinary: Any, tmp_path: Path) -> None:
    no_meal = _bad_prices(tmp_path, lambda d: d["services"]["TK"].pop(2))
    code, out, err = run(capsysbinary, CASE, "--prices", no_meal, *MARCH)
    assert code == 2 and out == b""
    assert "/services/TK" in err and "'meal'" in err and "2026-03-09" in err
    code, _, err = run(capsysbinary, CASE, "--prices", _bad_prices(
        tmp_path, lambda d: d["services"]["TK"][1].update(price=95.0)), *MARCH)  # fmt: skip
    assert code == 2 and "/services/TK/1/price" in err
    bad_case = tmp_path / "case.json"
    bad_case.write_text('{"format": "luotsi-case/1", "id": "x"}', encoding="utf-8")
    code, _, err = run(capsysbinary, str(bad_case), "--prices", PRICES, *MARCH)
    assert code == 2 and str(bad_case) in err and "/service" in err
    code, _, err = run(capsysbinary, CASE, "--prices", str(tmp_path / "none.yaml"), *MARCH)
    assert code == 2 and "cannot read" in err
    code, _, err = run(capsysbinary, CASE, "--prices", PRICES, *MARCH, "--format", "pdf")
    assert code == 2 and "--number" in err
    code, _, err = run(capsysbinary, CASE, "--prices", PRICES, *MARCH, "--format", "finvoice",
                       "--number", "12a")  # fmt: skip
    assert code == 2 and "--number" in err
    code, _, err = run(capsysbinary, CASE, "--prices", PRICES, "--from", "2026-03-31",
                       "--to", "2026-03-01")  # fmt: skip
    assert code == 2 and "before --from" in err


@pytest.mark.parametrize("bad", [["--from", "2026-02-30"], ["--from", "1899-12-31"]])
def test_a_bad_date_is_a_usage_error_not_a_traceback(bad: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "luotsi.cli", "invoice", CASE, "--prices", PRICES, *bad,
         "--to", "2026-03-31"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "--from" in result.stderr
