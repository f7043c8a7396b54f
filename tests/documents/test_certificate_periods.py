"""Participation certificate as Kela's handler reads it: periods split at pauses and
absences, no day inside a pause, the allowance statement, a header on every page, totals,
independent days, the workplace as a visit's place, one hours format, on request."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from luotsi.cli import main
from luotsi.documents import DocumentRefused, certificate_context, render_pdf
from luotsi.documents.days import split
from luotsi.rules import parse_case
from tests.documents.cases import teak_independent_case, tk_case, tv_pauses_case

D = dt.date
TV_PERIOD = (D(2027, 2, 1), D(2027, 5, 31))


def pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def tv_certificate(lang: str = "fi", **kwargs: Any) -> bytes:
    context = certificate_context(
        parse_case(tv_pauses_case(lang)), *TV_PERIOD, lang=lang, author="Valmentaja V",
        phone="040 1", issued=D(2027, 5, 12), **kwargs,
    )  # fmt: skip
    return render_pdf(context)


@pytest.mark.parametrize(
    ("span", "breaks", "expected"),
    [
        ((D(2027, 2, 1), D(2027, 2, 28)), [], [(D(2027, 2, 1), D(2027, 2, 28))]),
        # A break starting on the first day, ending on the last day, in the middle.
        ((D(2027, 2, 1), D(2027, 2, 28)), [(D(2027, 2, 1), D(2027, 2, 3))],
         [(D(2027, 2, 4), D(2027, 2, 28))]),
        ((D(2027, 2, 1), D(2027, 2, 28)), [(D(2027, 2, 27), D(2027, 3, 5))],
         [(D(2027, 2, 1), D(2027, 2, 26))]),
        ((D(2027, 2, 1), D(2027, 2, 28)), [(D(2027, 2, 10), D(2027, 2, 10))],
         [(D(2027, 2, 1), D(2027, 2, 9)), (D(2027, 2, 11), D(2027, 2, 28))]),
        # The day before and the day after the span: nothing cut.
        ((D(2027, 2, 1), D(2027, 2, 28)), [(D(2027, 1, 20), D(2027, 1, 31)),
                                           (D(2027, 3, 1), D(2027, 3, 2))],
         [(D(2027, 2, 1), D(2027, 2, 28))]),
        # A break covering the whole span leaves nothing.
        ((D(2027, 2, 1), D(2027, 2, 28)), [(D(2027, 1, 1), D.max)], []),
    ],
)  # fmt: skip
def test_split_cuts_every_break_out(span: Any, breaks: Any, expected: Any) -> None:
    assert split(span, breaks) == expected


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_periods_split_at_every_pause_with_start_and_end(lang: str) -> None:
    text = " ".join(pages(tv_certificate(lang)))
    # Kone Oy from 11.2 (open-ended, the case ended 10.5), pauses 1.–5.3, 29.3.–9.4., 26.–30.4.
    for period in ("11.2.2027–28.2.2027", "6.3.2027–28.3.2027", "10.4.2027–25.4.2027",
                   "1.5.2027–10.5.2027"):  # fmt: skip
        assert f"{period} Kone Oy" in text, period
    assert "11.2.2027–10.5.2027" not in text and "toistaiseksi" not in text
    assert "tills vidare" not in text


def test_periods_split_at_an_absence_too() -> None:
    context = certificate_context(parse_case(tk_case()), D(2027, 2, 1), D(2027, 3, 31), "fi")
    periods = [row.when for row in context["sections"]["periods"].rows]
    # Annual leave 15.–16.2., pause 17.–19.2.; the certificate was issued 2.3.
    assert periods == ["8.2.2027–14.2.2027", "20.2.2027–2.3.2027"]


def test_no_day_inside_a_pause_is_printed_or_counted() -> None:
    context = certificate_context(
        parse_case(tv_pauses_case()), *TV_PERIOD, lang="fi", author="V", phone="1",
        issued=D(2027, 5, 12),
    )  # fmt: skip
    printed = [row.when for row in context["sections"]["days"].rows]
    assert "1.4.2027" not in printed  # recorded inside the pause 29.3.–9.4. (DAYS.ON_PAUSE)
    assert "26.3.2027" in printed and "12.4.2027" in printed  # the days either side
    text = " ".join(pages(render_pdf(context)))
    assert not re.search(r"(?<![\d.])1\.4\.2027", text)
    # Weekdays 11.2.–10.5. outside the three pauses: 43 (the day on 1.4. not among them).
    assert context["realised_total"] == len(printed) == 43


@pytest.mark.parametrize(
    ("lang", "statement"),
    [("fi", "Todistus on laadittu Kelalle kuntoutusrahan hakemista varten."),
     ("sv", "Intyget har upprättats för FPA för ansökan om rehabiliteringspenning.")],
)  # fmt: skip
def test_states_it_is_made_for_the_allowance(lang: str, statement: str) -> None:
    assert statement in " ".join(pages(tv_certificate(lang)))


@pytest.mark.parametrize(
    ("lang", "header", "total"),
    [("fi", "Maija Meikäläinen · 020490-998X · Osallistumistodistus",
      "Toteutuneita kuntoutuspäiviä yhteensä 43"),
     ("sv", "Maja Martinsson · 020490-998X · Deltagarintyg",
      "Genomförda rehabiliteringsdagar totalt 43")],
)  # fmt: skip
def test_every_page_names_client_and_document_and_numbers_itself(
    lang: str, header: str, total: str
) -> None:
    texts = pages(tv_certificate(lang))
    assert len(texts) >= 3
    word = "Sivu" if lang == "fi" else "Sida"
    for number, text in enumerate(texts, start=1):
        assert header in text, number
        assert f"{word} {number} / {len(texts)}" in text
    assert header in texts[1] and f"{word} 2 / {len(texts)}" in texts[1]  # page 2
    assert total in " ".join(texts)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_hours_in_one_format_with_a_decimal_comma(lang: str) -> None:
    text = " ".join(pages(tv_certificate(lang)))
    assert "11.2.2027 6,5 h" in text and "6.5 h" not in text and "6.5h" not in text
    hours = "4,5 tuntia päivässä" if lang == "fi" else "4,5 timmar om dagen"
    assert hours in text  # the flexibility's hours too
    context = certificate_context(parse_case(tk_case(lang)), D(2027, 2, 1), D(2027, 3, 31), lang)
    assert context["sections"]["days"].rows[0].what == "6 h"  # whole hours: "6 h", not "6h"


def test_independent_days_are_marked_and_counted() -> None:
    data = teak_independent_case()
    data["client"]["applies_allowance"] = True
    context = certificate_context(
        parse_case(data), D(2027, 3, 29), D(2027, 4, 30), "fi", author="V", phone="1",
        issued=D(2027, 5, 3),
    )  # fmt: skip
    rows = context["sections"]["days"].rows
    assert rows[0].what == "6 h, itsenäisesti toteutettu"
    assert sum("itsenäisesti" in r.what for r in rows) == 11
    assert context["independent_total"] == 11
    assert "joista itsenäisesti toteutettuja 11" in " ".join(pages(render_pdf(context)))


def test_a_workplace_visit_names_the_workplace_as_its_place() -> None:
    text = " ".join(pages(tv_certificate("fi")))
    assert "15.2.2027 työpaikkakäynti, kasvokkain, 60 min työpaikalla: Kone Oy" in text
    assert "på arbetsplatsen: Kone Oy" in " ".join(pages(tv_certificate("sv")))


def test_without_the_allowance_refused_unless_on_request() -> None:
    data = tk_case()
    data["client"]["applies_allowance"] = False
    case = parse_case(data)
    with pytest.raises(DocumentRefused) as refused:
        certificate_context(case, D(2027, 2, 1), D(2027, 3, 31), "fi")
    assert refused.value.pointer == "/client/applies_allowance"
    text = " ".join(
        pages(render_pdf(certificate_context(
            case, D(2027, 2, 1), D(2027, 3, 31), "fi", on_request=True
        )))
    )  # fmt: skip
    assert "Asiakas ei hae kuntoutusrahaa, joten todistusta ei tarvita" in text
    assert "kuntoutusrahan hakemista varten" not in text


def test_cli_date_and_on_request(tmp_path: Path) -> None:
    data = tk_case()
    data["client"]["applies_allowance"] = False
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "c.pdf"
    args = ["certificate", str(path), "--from", "2027-02-01", "--to", "2027-03-31",
            "--date", "2027-03-05", "-o", str(out)]  # fmt: skip
    assert main(args) == 2 and not out.exists()
    assert main([*args, "--on-request"]) == 0
    text = " ".join(pages(out.read_bytes()))
    assert "Päiväys 5.3.2027" in text and "todistusta ei tarvita" in text


def test_an_open_pause_of_an_ended_case_ends_with_the_case() -> None:
    data = tv_pauses_case()
    data["events"] = [e for e in data["events"] if e.get("from") != "2027-04-26"]
    data["events"].append({"type": "pause", "from": "2027-05-03", "reason": "client_own"})
    context = certificate_context(
        parse_case(data), *TV_PERIOD, lang="fi", author="V", phone="1", issued=D(2027, 5, 12)
    )
    pauses = [row.when for row in context["sections"]["pauses"].rows]
    assert pauses[-1] == "3.5.2027–10.5.2027"
    periods = [row.when for row in context["sections"]["periods"].rows]
    assert periods[-1] == "10.4.2027–2.5.2027"
