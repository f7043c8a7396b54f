"""The documents from case files: certificate, feedback draft and notices, fi and sv."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from luotsi.cli import main
from luotsi.documents import (
    DocumentRefused,
    certificate_context,
    feedback_context,
    notice_context,
    render_body,
    render_html,
    render_pdf,
    render_text,
)
from luotsi.documents.render import FetchRefused, refuse_url
from luotsi.rules import parse_case
from tests.documents.cases import XSS, interrupted_case, tk_case, without

PERIOD = ["--from", "2027-02-01", "--to", "2027-03-31"]


def write(tmp_path: Path, data: dict[str, Any], name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pdf_text(path_or_bytes: Path | bytes) -> str:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


CERT_EXPECT = {
    "fi": ["Osallistumistodistus", "Maija Meikäläinen", "020490-998X", "Työkokeilu",
           "4.1.2027", "Kuntoutus Oy", "1234567-1", "Pori, Yrjönkatu 1",
           "Toteutuneet kuntoutusjaksot", "8.2.2027–14.2.2027", "20.2.2027–2.3.2027", "Tapaamiset",
           "Yksittäiset kuntoutuspäivät", "10.2.2027", "Etäkuntoutuspäivät", "12.2.2027",
           "etänä", "Tulevat kuntoutusjaksot", "3.3.2027–31.3.2027", "9.3.2027",
           "Poissaolot", "15.2.2027–16.2.2027", "vuosiloma", "Tauot", "työpaikka suljettu",
           "Joustot", "3 päivää viikossa", "asiakkaan toimintakyky",
           "Valmentaja Virtanen", "040 123 4567", "2.3.2027"],
    "sv": ["Deltagarintyg", "Maja Martinsson", "020490-998X", "Arbetsprövning",
           "Genomförda rehabiliteringsperioder", "Distansrehabiliteringsdagar",
           "Kommande rehabiliteringsperioder", "3.3.2027–31.3.2027", "Frånvaro", "semester",
           "Pauser", "arbetsplatsen stängd", "Flexibilitet", "klientens funktionsförmåga",
           "Telefonnummer", "040 123 4567", "Valmentaja Virtanen"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_certificate_states_every_required_field(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "cert.pdf"
    assert main(["certificate", str(write(tmp_path, tk_case(lang))), *PERIOD, "-o", str(out)]) == 0
    text = flat(pdf_text(out))
    for expected in CERT_EXPECT[lang]:
        assert expected in text, expected
    # Realised and future days are not mixed up: 9.3.2027 is after the issue date 2.3.2027.
    future_heading = (
        "Tulevat kuntoutusjaksot" if lang == "fi" else "Kommande rehabiliteringsperioder"
    )
    realised, future = text.split(future_heading, 1)
    assert "9.3.2027" not in realised and "9.3.2027" in future


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_pdf_is_pdf_ua_with_language_and_title(tmp_path: Path, lang: str) -> None:
    context = certificate_context(parse_case(tk_case(lang)), *_period(), lang=lang)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(context)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert reader.metadata is not None
    assert reader.metadata.title is not None and reader.metadata.title.startswith(
        "Osallistumistodistus" if lang == "fi" else "Deltagarintyg"
    )
    assert "/MarkInfo" in root and "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def _period() -> tuple[Any, Any]:
    import datetime as dt

    return dt.date(2027, 2, 1), dt.date(2027, 3, 31)


def test_language_defaults_to_the_clients(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    assert main(["certificate", str(write(tmp_path, tk_case("sv"))), *PERIOD, "-o", str(out)]) == 0
    assert "Deltagarintyg" in pdf_text(out)
    assert main(
        ["certificate", str(write(tmp_path, tk_case("sv"))), *PERIOD, "--lang", "fi",
         "-o", str(out)]
    ) == 0  # fmt: skip
    assert "Osallistumistodistus" in pdf_text(out)


def test_author_and_phone_options_override(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    args = ["certificate", str(write(tmp_path, tk_case())), *PERIOD, "-o", str(out)]
    assert main([*args, "--author", "Toinen Tekijä", "--phone", "050 765 4321"]) == 0
    text = pdf_text(out)
    assert "Toinen Tekijä" in text and "050 765 4321" in text


REFUSALS = [
    (without(tk_case(), "client", "name"), "/client/name"),
    (without(tk_case(), "client", "identity_code"), "/client/identity_code"),
    (without(tk_case(), "contract", "provider"), "/contract/provider"),
]


def _no_phone() -> dict[str, Any]:
    data = tk_case()
    for e in data["events"]:
        if e["type"] == "certificate":
            del e["author_phone"]
    return data


def _no_reason(kind: str) -> dict[str, Any]:
    data = tk_case()
    for e in data["events"]:
        if e["type"] == kind:
            del e["reason"]
    return data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        *REFUSALS,
        (_no_phone(), "author_phone"),
        (_no_reason("pause"), "reason"),
        (_no_reason("flex"), "reason"),
        ({**tk_case(), "client": {**tk_case()["client"], "applies_allowance": False}},
         "applies_allowance"),
    ],
)  # fmt: skip
def test_certificate_refusals_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: dict[str, Any], field: str
) -> None:
    path = write(tmp_path, data)
    out = tmp_path / "cert.pdf"
    assert main(["certificate", str(path), *PERIOD, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and field in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]


def test_no_allowance_message_is_clear() -> None:
    data = tk_case()
    data["client"]["applies_allowance"] = False
    with pytest.raises(DocumentRefused, match="does not apply for the rehabilitation allowance"):
        certificate_context(parse_case(data), *_period(), lang="fi")


def test_invalid_case_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "luotsi-case/1"}', encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert main(["certificate", str(path), *PERIOD, "-o", str(out)]) == 2
    assert "bad.json" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_feedback_draft(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "fb.pdf"
    assert main(["feedback", str(write(tmp_path, tk_case(lang))), "-o", str(out)]) == 0
    text = flat(pdf_text(out))
    expected = {
        "fi": ["Kuntoutuspalaute (KU148)", "LUONNOS", "Maija Meikäläinen", "020490-998X",
               "Tavoitteet ja niiden saavuttaminen (GAS)", "Ammatillinen suunnitelma",
               "Verkostotyö",
               "verkostotapaaminen", "19.1.2027", "sairauden vuoksi", "20.1.2027–26.1.2027",
               "sairaus", "7 pv", "Suositukset jatkosta", "30.4.2027", "14.5.2027",
               "Oy Esimerkki Ab", "Tauko: työpaikka suljettu"],
        "sv": ["Rehabiliteringsrespons (KU148)", "UTKAST", "Maja Martinsson",
               "Yrkesinriktad plan", "Nätverksarbete", "nätverksmöte", "sjukdom",
               "Rekommendationer", "14.5.2027"],
    }[lang]  # fmt: skip
    for item in expected:
        assert item in text, item


def test_swedish_feedback_uses_the_uis_terms_and_says_each_thing_once() -> None:
    """Pauses are "Pauser" (the UI's "Paus", the Finnish "Tauot"), not "Avbrott"
    (interruption); meetings are "möte"/"möten" as in the UI, never "träff"; the end's
    heading and its date row are not the same words twice."""
    html = render_body(feedback_context(parse_case(tk_case("sv")), "sv"))
    text = flat(re.sub(r"<[^>]+>", " ", html))
    assert "Pauser" in text and "Avbrott" not in text
    assert "träff" not in text.lower()
    assert "Möten" in text and "nätverksmöte" in text
    assert text.count("Rehabiliteringen avslutad") == 1
    assert "Avslutad den 30.4.2027" in text


def test_finnish_feedback_names_the_end_once() -> None:
    html = render_body(feedback_context(parse_case(tk_case("fi")), "fi"))
    text = flat(re.sub(r"<[^>]+>", " ", html))
    assert text.count("Kuntoutus päättynyt") == 1
    assert "Päättymispäivä 30.4.2027" in text and "Tauot" in text


def test_swedish_certificate_calls_pauses_pauser() -> None:
    context = certificate_context(parse_case(tk_case("sv")), *_period(), lang="sv")
    text = flat(re.sub(r"<[^>]+>", " ", render_body(context)))
    assert "Pauser" in text and "Avbrott" not in text and "träff" not in text.lower()


def test_feedback_without_sickness_extension_says_so(tmp_path: Path) -> None:
    data = tk_case()
    data["events"] = [e for e in data["events"] if e.get("reason") != "sickness"]
    out = tmp_path / "fb.pdf"
    assert main(["feedback", str(write(tmp_path, data)), "-o", str(out)]) == 0
    assert "Määräaikaa ei ole pidennetty sairauden vuoksi." in flat(pdf_text(out))
    out2 = tmp_path / "fb2.pdf"
    assert main(["feedback", str(write(tmp_path, tk_case(), "c2.json")), "-o", str(out2)]) == 0
    assert "ei ole pidennetty" not in flat(pdf_text(out2))


def test_interrupted_case_gets_a_short_feedback(tmp_path: Path) -> None:
    out = tmp_path / "fb.pdf"
    assert main(["feedback", str(write(tmp_path, interrupted_case())), "-o", str(out)]) == 0
    text = flat(pdf_text(out))
    assert "lyhyt" in text and "Kuntoutus keskeytyi" in text and "15.3.2027" in text


def test_feedback_refuses_without_identity_code(tmp_path: Path) -> None:
    out = tmp_path / "fb.pdf"
    path = write(tmp_path, without(tk_case(), "client", "identity_code"))
    assert main(["feedback", str(path), "-o", str(out)]) == 2
    assert not out.exists()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_change_notice_pdf_and_text(tmp_path: Path, lang: str) -> None:
    path = write(tmp_path, tk_case(lang))
    out = tmp_path / "n.pdf"
    assert main(["notice", str(path), "--kind", "change", "-o", str(out)]) == 0
    text = flat(pdf_text(out))
    assert "Tauko: työpaikka suljettu" in text and "17.2.2027" in text
    assert ("Kyllä" if lang == "fi" else "Ja") in text  # certificate made on 2.3.2027
    txt = tmp_path / "n.txt"
    args = ["notice", str(path), "--kind", "change", "--what", "Työpaikka vaihtui",
            "--when", "2027-03-10", "--text", "-o", str(txt)]  # fmt: skip
    assert main(args) == 0
    body = txt.read_text(encoding="utf-8")
    assert "Työpaikka vaihtui" in body and "10.3.2027" in body and "020490-998X" in body


def test_queue_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, tk_case())
    out = tmp_path / "q.txt"
    assert main(["notice", str(path), "--kind", "queue", "--text", "-o", str(out)]) == 2
    assert "--reason" in capsys.readouterr().err and not out.exists()
    args = ["notice", str(path), "--kind", "queue", "--reason", "Valmentajat varattu",
            "--expected-start", "2027-02-15", "-o", str(tmp_path / "q.pdf")]  # fmt: skip
    assert main(args) == 0
    text = flat(pdf_text(tmp_path / "q.pdf"))
    assert "jonossa" in text and "Valmentajat varattu" in text and "15.2.2027" in text


def test_free_text_is_inert_in_html_and_pdf(tmp_path: Path) -> None:
    data = tk_case(employer=XSS)
    data["events"].append({"type": "kela_notice", "date": "2027-03-20", "topic": XSS})
    case = parse_case(data)
    contexts = [
        certificate_context(case, *_period(), lang="fi"),
        feedback_context(case, lang="fi"),
        notice_context(case, "change", lang="fi"),
    ]
    for context in contexts:
        html = render_html(context)
        assert "<script" not in html and "<img" not in html and "<b>" not in html
        assert "&lt;script&gt;" in html and "&amp; Co" in html
        assert '<html lang="fi">' in html
        pdf = render_pdf(context)
        text = flat(pdf_text(pdf))
        assert '<script>alert("x")</script>' in text  # shown as text, not run or dropped
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
            assert "/Annots" not in page  # no link made from the payload
            xobjects = page["/Resources"].get("/XObject", {})
            assert not xobjects  # no image fetched
        assert "evil.example" in text
    assert XSS in render_text(contexts[2])  # plain text: shown exactly, never markup


def test_weasyprint_fetches_nothing() -> None:
    with pytest.raises(FetchRefused):
        refuse_url("http://evil.example/x.png")
    with pytest.raises(FetchRefused):
        refuse_url("file:///etc/passwd")


def test_command_line_exit_codes() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")}
    result = subprocess.run(
        [sys.executable, "-m", "luotsi.cli", "certificate", "/nonexistent/case.json", *PERIOD,
         "-o", "/nonexistent/out.pdf"],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "/nonexistent/case.json" in result.stderr


def test_missing_author_phone_names_the_certificate_events_pointer() -> None:
    data = _no_phone()
    index = next(i for i, e in enumerate(data["events"]) if e["type"] == "certificate")
    with pytest.raises(DocumentRefused) as refused:
        certificate_context(parse_case(data), *_period(), lang="fi")
    assert refused.value.pointer == f"/events/{index}/author_phone"


def test_no_covering_certificate_asks_for_the_author() -> None:
    data = tk_case()
    data["events"] = [e for e in data["events"] if e["type"] != "certificate"]
    with pytest.raises(DocumentRefused, match="--author") as refused:
        certificate_context(parse_case(data), *_period(), lang="fi")
    assert refused.value.pointer == "/events"
    context = certificate_context(
        parse_case(data), *_period(), lang="fi", author="Aino Koskinen", phone="040 710 2231"
    )
    assert context is not None


# --- the coach's texts, certificate versions and the Taito follow-up report --------------

FOLLOWUP_EXPECT = {
    "fi": ["Taito-kuntoutuksen seurantapalaute", "Taito-kuntoutus", "Seurantakäynnit",
           "Viimeinen ryhmäjakso päättynyt", "5.5.2027", "20.7.2027", "videoyhteys",
           "26.10.2027", "kasvokkain", "Pori, Yrjönkatu 1", "9.11.2027",
           "Asiakkaan tilanne seurantakäynneillä", "Jatkotuen tarve"],
    "sv": ["Uppföljningsrespons för Taito-rehabilitering", "Taito-rehabilitering",
           "Uppföljningsbesök", "Den sista gruppperioden avslutades", "5.5.2027",
           "20.7.2027", "videoförbindelse", "26.10.2027", "9.11.2027",
           "Klientens situation vid uppföljningsbesöken", "Behov av fortsatt stöd"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_taito_followup_report_from_the_command(tmp_path: Path, lang: str) -> None:
    from tests.documents.cases import taito_case

    out = tmp_path / "followup.pdf"
    case = write(tmp_path, taito_case(lang))
    assert main(["feedback", str(case), "--followup", "-o", str(out)]) == 0
    text = flat(pdf_text(out))
    for expected in FOLLOWUP_EXPECT[lang]:
        assert expected in text, expected
    # The group days before the final period are not follow-up visits.
    assert "11.1.2027" not in text


def test_followup_report_keeps_the_coachs_text_and_drops_the_draft_mark() -> None:
    from luotsi.documents import followup_context
    from tests.documents.cases import taito_case

    case = parse_case(taito_case("fi"))
    draft = followup_context(case, "fi")
    assert "LUONNOS" in render_html(draft)
    final = followup_context(
        case, "fi", texts={"situation": "Asiakas on töissä <b>osa-aikaisesti</b>."}, draft=False
    )
    html = render_html(final)
    assert "LUONNOS" not in html
    assert "Asiakas on töissä &lt;b&gt;osa-aikaisesti&lt;/b&gt;." in html
    assert "Valmentaja kuvaa asiakkaan tilanteen" not in html  # the filled part's hint is gone
    # A final report prints no instructions: an empty part is a dash.
    assert "Valmentaja kirjaa" not in html and '<p class="none">–</p>' in html
    assert "Valmentaja kirjaa asiakkaan jatkotuen tarpeen." in render_html(draft)


def test_followup_report_is_refused_outside_taito_and_before_any_visit(tmp_path: Path) -> None:
    from luotsi.documents import followup_context
    from tests.documents.cases import taito_case

    with pytest.raises(DocumentRefused) as refused:
        followup_context(parse_case(tk_case("fi")), "fi")
    assert refused.value.pointer == "/service"
    data = taito_case("fi")
    data["events"] = [e for e in data["events"] if e.get("phase") != "followup"]
    with pytest.raises(DocumentRefused) as refused:
        followup_context(parse_case(data), "fi")
    assert refused.value.pointer == "/events" and "follow-up visit" in refused.value.problem
    out = tmp_path / "none.pdf"
    assert main(["feedback", str(write(tmp_path, data)), "--followup", "-o", str(out)]) == 2
    assert not out.exists()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_feedback_prints_the_coachs_texts(lang: str) -> None:
    texts = {
        "goals": "Tavoite 1 saavutettiin.",
        "plan": "Hakeutuu logistiikka-alan koulutukseen.",
        "network_work": "Yhteistyö TE-palveluiden kanssa.",
        "recommendations": "Työhönvalmennus jatkoksi.",
    }
    ctx = feedback_context(parse_case(tk_case(lang)), lang, texts=texts, draft=False)
    text = flat(pdf_text(render_pdf(ctx)))
    for value in texts.values():
        assert value in text
    assert ("Verkostotyön kuvaus" if lang == "fi" else "Beskrivning av nätverksarbetet") in text
    assert ("LUONNOS" if lang == "fi" else "UTKAST") not in text


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_new_certificate_version_prints_what_changed(lang: str) -> None:
    import datetime as dt

    case = parse_case(tk_case(lang))
    ctx = certificate_context(
        case, dt.date(2027, 2, 1), dt.date(2027, 3, 31), lang,
        issued=dt.date(2027, 3, 20), what_changed="Poissaolo 15.2.–16.2. lisätty.",
        version=2, replaces=dt.date(2027, 3, 2),
    )  # fmt: skip
    text = flat(pdf_text(render_pdf(ctx)))
    heading = "Muutokset edelliseen versioon" if lang == "fi" else "Ändringar jämfört med"
    assert heading in text
    assert "Poissaolo 15.2.–16.2. lisätty." in text
    assert "2.3.2027" in text and "20.3.2027" in text
    # The issue date given wins over the covering event's: 9.3.2027 is now realised.
    future = "Tulevat kuntoutusjaksot" if lang == "fi" else "Kommande rehabiliteringsperioder"
    assert "9.3.2027" in text.split(future)[0]


def test_the_on_screen_body_is_the_same_document_without_a_second_main() -> None:
    from luotsi.documents import render_body

    ctx = feedback_context(parse_case(tk_case("sv")), "sv", texts={"goals": "Mål <uppnått>"})
    body = render_body(ctx)
    page = render_html(ctx)
    assert "<main>" in page and "<main" not in body and "<body" not in body
    assert body.strip().startswith('<article class="document" lang="sv"')
    assert "Mål &lt;uppnått&gt;" in body
    for heading in ("Rehabiliteringsrespons (KU148)", "Nätverksarbete", "Frånvaro"):
        assert heading in body and heading in page
