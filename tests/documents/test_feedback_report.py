"""The feedback report (KU148 structure): recipients by consent, GAS goals, attachments,
the interruption's reason, flexibility, day counts without pause days, too many independent
days, an ended case's real end, the signature block, and ``--date`` on every document."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pypdf
import pytest

from luotsi.cli import main
from luotsi.documents import GasGoal, Recipient, feedback_context, missing_sections, render_pdf
from luotsi.rules import parse_case
from tests.documents.cases import interrupted_case, teak_independent_case, tk_case, tv_pauses_case

D = dt.date

GOALS = [
    GasGoal(
        goal="Osa-aikatyö kaupan alalla",
        indicator="Työsopimus tai työkokeilupaikan arvio",
        levels={
            -2: "Ei työkokeilupaikkaa",
            -1: "Työkokeilu kesken",
            0: "Työkokeilu läpi",
            1: "Osa-aikatyösopimus",
            2: "Kokoaikatyösopimus",
        },
        timetable="Työkokeilun loppuun 30.4.2027",
        reached=1,
    ),
    GasGoal(goal="Säännöllinen päivärytmi", indicator="Läsnäolo", levels={0: "4 pv/vko"}),
]
CONSENT = Recipient(
    kind="treating_party", name="Porin työterveys", given=D(2027, 1, 12), scope="Kuntoutuspalaute"
)


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages
    )


def report(lang: str = "fi", data: dict | None = None, **kwargs: object) -> str:
    case = parse_case(data or tk_case(lang))
    return text_of(render_pdf(feedback_context(case, lang, **kwargs)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fi", ["Jakelu", "Asiakas: Maija Meikäläinen Asiakkaan omat tiedot",
             "Kela Laki Kelan kuntoutusetuuksista",
             "Hoitava taho: Porin työterveys Asiakkaan kirjallinen suostumus 12.1.2027: "
             "Kuntoutuspalaute"]),
     ("sv", ["Sändlista", "Klienten: Maja Martinsson Klientens egna uppgifter", "FPA Lagen om",
             "Vårdande instans: Porin työterveys Klientens skriftliga samtycke 12.1.2027"])],
)  # fmt: skip
def test_recipients_the_client_kela_and_others_by_their_consent(
    lang: str, expected: list[str]
) -> None:
    text = report(lang, recipients=[CONSENT])
    for item in expected:
        assert item in text, item
    without = report(lang)
    assert "Porin työterveys" not in without  # no consent given: not a recipient


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_gas_goals_are_printed_with_their_levels_and_the_level_reached(lang: str) -> None:
    text = report(lang, goals=GOALS)
    goal = "Tavoite 1: Osa-aikatyö kaupan alalla" if lang == "fi" else "Mål 1: Osa-aikatyö"
    assert goal in text
    reached = "Saavutettu taso +1" if lang == "fi" else "Uppnådd nivå +1"
    assert reached in text
    for row in ("+2 Kokoaikatyösopimus", "+1 Osa-aikatyösopimus", "0 Työkokeilu läpi",
                "−1 Työkokeilu kesken", "−2 Ei työkokeilupaikkaa"):  # fmt: skip
        assert row in text, row
    assert "Työkokeilun loppuun 30.4.2027" in text
    # The second goal: levels not described print the scale's own words; not assessed yet.
    assert ("ei arvioitu" if lang == "fi" else "inte bedömd") in text
    assert ("paljon odotettua parempi" if lang == "fi" else "mycket bättre än väntat") in text
    attachment = "GAS-lomake" if lang == "fi" else "GAS-blankett"
    assert attachment in text


def test_attachments_gas_and_ku5_for_teak_none_otherwise() -> None:
    teak = report(data=teak_independent_case())
    attachments = teak.split("Liitteet", 1)[1]
    assert "GAS-lomake: tavoitteiden saavuttamisen arviointi" in attachments
    assert "KU5-lomake" in attachments and "Ei liitteitä." not in attachments
    assert "Liitteet Ei liitteitä." in report()


def test_more_than_ten_independent_days_are_named() -> None:
    text = report(data=teak_independent_case(independent=11))
    assert "joista itsenäisiä päiviä 11" in text
    assert "enemmän kuin palvelukuvauksen enimmäismäärä 10 (INDEPENDENT.TOO_MANY)" in text
    assert "INDEPENDENT.TOO_MANY" not in report(data=teak_independent_case(independent=10))


def test_day_count_leaves_out_days_inside_a_pause() -> None:
    context = feedback_context(parse_case(tv_pauses_case()), "fi")
    assert context["day_count"] == 43  # 44 recorded, one inside the pause 29.3.–9.4.


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_ended_case_prints_its_real_end_and_flexibility(lang: str) -> None:
    text = report(lang, data=tv_pauses_case(lang))
    assert "11.2.2027–10.5.2027 Kone Oy" in text  # the open workplace ended with the case
    assert "toistaiseksi" not in text and "tills vidare" not in text
    flex = (
        "4 päivää viikossa, 4,5 tuntia päivässä asiakkaan toimintakyky"
        if lang == "fi"
        else ("4 dagar i veckan, 4,5 timmar om dagen klientens funktionsförmåga")
    )
    assert "12.4.2027–23.4.2027 " + flex in text


def test_the_interrupted_short_report_states_its_reason() -> None:
    text = report(data=interrupted_case(), texts={"interruption_reason": "Asiakas muutti."})
    assert "Kuntoutuspalaute, lyhyt" in text
    assert "Keskeytymisen syy Asiakas muutti." in text
    assert "Keskeytymisen syy" not in report()


def test_signature_block_with_author_and_date() -> None:
    text = report(author="Valmentaja Virtanen", issued=D(2027, 5, 5), draft=False)
    assert "Palautteen laatija Päiväys 5.5.2027 Nimenselvennys Valmentaja Virtanen" in text
    assert "Allekirjoitus" in text
    sv = report("sv", author="Valmentaja Virtanen", issued=D(2027, 5, 5))
    assert "Responsen upprättad av Datum 5.5.2027 Namnförtydligande Valmentaja Virtanen" in sv


def test_missing_sections_names_what_a_final_report_lacks() -> None:
    case = parse_case(tk_case())
    assert missing_sections(case, {}) == ["goals", "plan", "recommendations"]
    assert missing_sections(case, {"plan": "x", "recommendations": "y"}, GOALS) == []
    assert missing_sections(case, {"goals": "x", "plan": "x"}) == ["recommendations"]
    short = parse_case(interrupted_case())
    assert missing_sections(short, {}) == ["goals", "interruption_reason"]


def _write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_cli_date_sets_each_documents_date(tmp_path: Path) -> None:
    path = _write(tmp_path, tk_case())
    out = tmp_path / "out.pdf"
    assert (
        main(["feedback", path, "--date", "2027-05-06", "--author", "V. V.", "-o", str(out)]) == 0
    )
    assert "Päiväys 5.5.2027" not in text_of(out.read_bytes())
    assert "Päiväys 6.5.2027 Nimenselvennys V. V." in text_of(out.read_bytes())
    # A notice: --date is its date, --when the change's.
    args = ["notice", path, "--kind", "change", "--what", "Työpaikka vaihtui",
            "--when", "2027-03-10", "--date", "2027-03-12", "--text", "-o", str(out)]  # fmt: skip
    assert main(args) == 0
    body = out.read_text(encoding="utf-8")
    assert "10.3.2027" in body and "12.3.2027" in body
    assert main(["notice", path, "--kind", "queue", "--reason", "Valmentajat varattu",
                 "--date", "2027-01-08", "--text", "-o", str(out)]) == 0  # fmt: skip
    assert "8.1.2027" in out.read_text(encoding="utf-8")
    for bad in ("2027-13-01", "1899-12-31"):
        with pytest.raises(SystemExit) as exit_:
            main(
                ["notice", path, "--kind", "queue", "--reason", "x", "--date", bad, "-o", str(out)]
            )
        assert exit_.value.code == 2
