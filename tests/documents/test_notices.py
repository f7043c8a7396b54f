"""Notices to Kela (issue 15, M8): addressee and channel on the PDF and in the text, the
skipped-step and deviation notices, and the group-start postponement (notice + letters)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from luotsi.cli import main
from luotsi.documents import DocumentRefused, group_notice_contexts, notice_context, render_text
from luotsi.rules import parse_case
from tests.documents.cases import tk_case
from tests.documents.test_documents import flat, pdf_text, write

AUTHORITY = "020 692 235"
QUEUE_EMAIL = "kuntoutusetuudet_keskus@kela.fi"


@pytest.mark.parametrize(
    ("kind", "args", "addressee", "channel"),
    [
        ("change", [], "Kela, viranomaislinja", AUTHORITY),
        ("queue", ["--reason", "Valmentajat varattu"], "Kela, kuntoutusetuudet", QUEUE_EMAIL),
        (
            "skipped-step",
            ["--step", "Verkostotapaaminen", "--reason", "Asiakas sairaalassa",
             "--when", "2027-03-01"],
            "Kela, viranomaislinja", AUTHORITY,
        ),
        (
            "deviation",
            ["--what", "Asiakas aloitti palkallisen työkokeilun", "--when", "2027-03-01"],
            "Kela, viranomaislinja", AUTHORITY,
        ),
    ],
)  # fmt: skip
def test_every_notice_names_addressee_and_channel(
    tmp_path: Path, kind: str, args: list[str], addressee: str, channel: str
) -> None:
    path = write(tmp_path, tk_case())
    pdf, txt = tmp_path / "n.pdf", tmp_path / "n.txt"
    assert main(["notice", str(path), "--kind", kind, *args, "-o", str(pdf)]) == 0
    assert main(["notice", str(path), "--kind", kind, *args, "--text", "-o", str(txt)]) == 0
    text = flat(pdf_text(pdf))
    body = txt.read_text(encoding="utf-8")
    for shown in (text, body):
        assert "Vastaanottaja" in shown and addressee in shown and channel in shown
        assert "Ilmoitustapa" in shown


def test_queue_notice_goes_by_email_in_swedish_too() -> None:
    case = parse_case(tk_case("sv"))
    body = render_text(notice_context(case, "queue", "sv", reason="Coacherna upptagna"))
    assert "Mottagare: FPA, rehabiliteringsförmåner" in body
    assert f"per e-post till {QUEUE_EMAIL}" in body


def test_skipped_step_notice_takes_the_step_from_the_case(tmp_path: Path) -> None:
    data = tk_case()
    data["events"].append(
        {"type": "step_skipped", "date": "2027-03-15", "step": "Verkostotapaaminen",
         "reason": "Asiakas on sairaalahoidossa"}
    )  # fmt: skip
    path = write(tmp_path, data)
    out = tmp_path / "s.pdf"
    assert main(["notice", str(path), "--kind", "skipped-step", "-o", str(out)]) == 0
    text = flat(pdf_text(out))
    assert "kuntoutusprosessin vaihe jäi toteutumatta" in text
    assert "Verkostotapaaminen" in text and "Asiakas on sairaalahoidossa" in text
    assert "15.3.2027" in text


def test_skipped_step_without_a_reason_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, tk_case())
    out = tmp_path / "s.pdf"
    args = ["notice", str(path), "--kind", "skipped-step", "--step", "X", "-o", str(out)]
    assert main(args) == 2
    assert "--reason" in capsys.readouterr().err and not out.exists()


def _client(index: int, decision: str) -> dict[str, Any]:
    data = copy.deepcopy(tk_case())
    data.update(id=f"G-{index}", service="TAITO", events=[])
    data["decision"] = {"received": decision, "granted_days": 60}
    data["client"]["name"] = f"Asiakas {index}"
    return data


CODES = ["010190-901R", "020290-9027", "030390-903P", "040490-9046", "050590-905N"]


def _group(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        data = _client(index + 1, f"2027-01-{10 + index:02d}")
        data["client"]["identity_code"] = CODES[index]
        paths.append(str(write(tmp_path, data, f"c{index}.json")))
    return paths


def test_group_postponement_notice_and_letters(tmp_path: Path) -> None:
    paths = _group(tmp_path, 5)
    out, letters = tmp_path / "kela.pdf", tmp_path / "letters"
    args = ["group-notice", *paths, "--max-size", "10", "--group", "Taito Pori 2/2027",
            "--planned-start", "2027-02-15", "--new-start", "2027-04-12",
            "--sender", "Valmentaja Virtanen", "--phone", "040 123 4567", "--on", "2027-02-01",
            "-o", str(out), "--letters", str(letters)]  # fmt: skip
    assert main(args) == 0
    text = flat(pdf_text(out))
    assert "ryhmän aloitusajankohdan siirto" in text and "Taito Pori 2/2027" in text
    assert "Kela, viranomaislinja" in text and AUTHORITY in text
    assert "Asiakas 1" in text and "010190-901R" in text and "12.4.2027" in text
    assert "10.3.2027–10.5.2027" in text  # client 1: decision 10.1. + 2 to 4 months
    files = sorted(p.name for p in letters.iterdir())
    assert files == [f"G-{i}.pdf" for i in range(1, 6)]
    letter = flat(pdf_text(letters / "G-3.pdf"))
    assert "Asiakas 3" in letter and "030390-903P" in letter
    assert "Ryhmän aloitusajankohta siirtyy" in letter and "12.4.2027" in letter
    assert "kirjeenä asiakkaalle" in letter


def test_group_notice_as_text(tmp_path: Path) -> None:
    paths = _group(tmp_path, 2)
    out, letters = tmp_path / "kela.txt", tmp_path / "l"
    args = ["group-notice", *paths, "--max-size", "8", "--group", "G", "--planned-start",
            "2027-02-15", "--new-start", "2027-03-15", "--sender", "V", "--on", "2027-02-01",
            "--lang", "sv", "--text", "-o", str(out), "--letters", str(letters)]  # fmt: skip
    assert main(args) == 0
    body = out.read_text(encoding="utf-8")
    assert "Mottagare: FPA, myndighetslinjen" in body and AUTHORITY in body
    assert "Minimiantal för att starta: 6" in body
    assert (
        (letters / "G-1.txt")
        .read_text(encoding="utf-8")
        .startswith("Gruppens starttidpunkt skjuts upp")
    )


@pytest.mark.parametrize(
    ("count", "max_size", "new_start", "pointer"),
    [
        (7, 10, "2027-04-12", "--max-size"),  # 7 of 10: must start
        (5, 10, "2027-05-11", "--new-start"),  # after the earliest client's 4 months
    ],
)
def test_group_notice_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    count: int,
    max_size: int,
    new_start: str,
    pointer: str,
) -> None:
    paths = []
    for index in range(count):
        data = _client(index + 1, "2027-01-10")
        data["client"]["identity_code"] = CODES[index % 5]
        paths.append(str(write(tmp_path, data, f"c{index}.json")))
    out, letters = tmp_path / "kela.pdf", tmp_path / "letters"
    args = ["group-notice", *paths, "--max-size", str(max_size), "--group", "G",
            "--planned-start", "2027-02-15", "--new-start", new_start, "--sender", "V",
            "--on", "2027-02-01", "-o", str(out), "--letters", str(letters)]  # fmt: skip
    assert main(args) == 2
    assert pointer in capsys.readouterr().err
    assert not out.exists() and not letters.exists()


def test_group_notice_needs_names_of_the_clients() -> None:
    data = _client(1, "2027-01-10")
    del data["client"]["name"]
    with pytest.raises(DocumentRefused) as refused:
        group_notice_contexts(
            [parse_case(json.dumps(data))], 10, "fi", "G",
            *(parse_case(json.dumps(data)).decision.received,) * 2, sender="V",
        )  # fmt: skip
    assert refused.value.pointer == "/client/name"
