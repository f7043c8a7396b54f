"""``luotsi check`` and ``luotsi schema`` through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.rules.builders import case, ev
from tests.shared import EXAMPLES, require

PAUSES = [
    ev("pause", from_="2027-03-01", to="2027-03-05", reason="workplace_closed"),
    ev("pause", from_="2027-04-01", to="2027-04-05", reason="workplace_closed"),
]


def run(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")}
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "luotsi.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def write(path: Path, data: dict[str, Any] | str) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_json_output_matches_the_contract(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", case(*PAUSES, applies_allowance=False))
    result = run("check", str(path), "--on", "2027-05-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    out = json.loads(line)
    assert list(out) == ["case", "service", "on", "findings", "counters"]
    assert (out["case"], out["service"], out["on"]) == ("T-1", "TK", "2027-05-01")
    finding = next(f for f in out["findings"] if f["rule"] == "PAUSE.TOO_MANY")
    assert list(finding) == ["rule", "severity", "due", "date", "message", "source"]
    assert finding["severity"] == "violation" and finding["date"] == "2027-04-01"
    assert out["counters"]["pauses_used"] == 2 and out["counters"]["pauses_allowed"] == 1


def test_explain_lists_events_and_parameters(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", case(*PAUSES))
    result = run("check", str(path), "--on", "2027-05-01", "--format", "json", "--explain")
    out = json.loads(result.stdout)
    finding = next(f for f in out["findings"] if f["rule"] == "PAUSE.TOO_MANY")
    assert {"type": "pause", "date": "2027-04-01"} in finding["explain"]["events"]
    (param,) = finding["explain"]["parameters"]
    assert (param["name"], param["value"]) == ("pause_max_count", 1)
    assert param["valid_from"] and param["source"]


@pytest.mark.parametrize(
    ("args", "lang", "word"),
    [
        (["--lang", "fi"], None, "Taukoja"),
        (["--lang", "sv"], None, "pauser"),
        ([], "fi_FI.UTF-8", "Taukoja"),
        ([], "sv_FI.UTF-8", "pauser"),
        ([], None, "pauses"),
        (["--lang", "en"], "fi_FI.UTF-8", "pauses"),
    ],
)
def test_language(tmp_path: Path, args: list[str], lang: str | None, word: str) -> None:
    path = write(tmp_path / "a.json", case(*PAUSES))
    result = run("check", str(path), "--on", "2027-05-01", "--format", "json", *args, lang=lang)
    out = json.loads(result.stdout)
    message = next(f["message"] for f in out["findings"] if f["rule"] == "PAUSE.TOO_MANY")
    assert word in message


def test_text_report_groups_by_severity(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", case(*PAUSES))
    result = run("check", str(path), "--on", "2027-05-01", "--lang", "en")
    assert result.returncode == 0
    text = result.stdout
    assert "Case T-1 (TK)" in text
    assert text.index("Violations") < text.index("Actions")
    assert "PAUSE.TOO_MANY 2027-04-01" in text


def test_folder_with_invalid_files(tmp_path: Path) -> None:
    good = case(*PAUSES)
    write(tmp_path / "1-good.json", {**good, "id": "first"})
    bad = case()
    bad["events"].append(ev("rehab_day", date="2026-13-01"))
    write(tmp_path / "2-bad.json", bad)
    write(tmp_path / "3-good.json", {**good, "id": "third"})
    write(tmp_path / "4-broken.json", "{")
    (tmp_path / "notes.txt").write_text("not a case")
    result = run("check", str(tmp_path), "--on", "2027-05-01", "--format", "json")
    assert result.returncode == 2
    assert [json.loads(line)["case"] for line in result.stdout.splitlines()] == ["first", "third"]
    assert f'{tmp_path / "2-bad.json"}: /events/1/date: invalid date "2026-13-01"' in result.stderr
    assert f"{tmp_path / '4-broken.json'}: /: not valid JSON" in result.stderr


def test_nothing_after_on(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", case(*PAUSES))
    result = run("check", str(path), "--on", "2027-03-31", "--format", "json")
    out = json.loads(result.stdout)
    assert "PAUSE.TOO_MANY" not in {f["rule"] for f in out["findings"]}


def test_schema_is_a_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "events" in schema["properties"]
    assert "Meeting" in schema["$defs"]


def test_check_does_not_import_django(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", case())
    code = (
        "import sys\nfrom luotsi.cli import main\n"
        f"main(['check', {str(path)!r}, '--on', '2027-05-01'])\n"
        "assert 'django' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """``luotsi check ... | head -1``: no traceback when the pipe closes."""
    for index in range(400):  # far more output than a pipe's buffer holds
        data = case()
        data["id"] = f"case-{index}"
        write(tmp_path / f"c{index:03}.json", data)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "luotsi.cli",
            "check",
            str(tmp_path),
            "--on",
            "2027-05-01",
            "--format",
            "json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = json.loads(process.stdout.readline())
    process.stdout.close()  # as ``head -1`` does after its line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert first["case"] == "case-0"
    assert stderr == ""


SHARED_EXAMPLES = EXAMPLES


def test_companion_json_list_in_a_folder_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a.json", {**case(*PAUSES), "id": "only"})
    write(tmp_path / "expected.json", "[]")
    result = run("check", str(tmp_path), "--on", "2027-05-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["case"] for line in result.stdout.splitlines()] == ["only"]
    assert "expected.json: skipped" in result.stderr


def test_a_json_list_named_explicitly_is_invalid(tmp_path: Path) -> None:
    path = write(tmp_path / "list.json", "[]")
    result = run("check", str(path), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""


def test_shared_examples_folder_matches_expected_json() -> None:
    require(SHARED_EXAMPLES / "expected.json")
    expected = json.loads((SHARED_EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    for entry in expected:
        result = run("check", str(SHARED_EXAMPLES), "--on", entry["on"], "--format", "json")
        assert result.returncode == 0, result.stderr
        outputs = {
            json.loads(line)["case"]: json.loads(line) for line in result.stdout.splitlines()
        }
        found = {(f["rule"], f["severity"]) for f in outputs[entry["case"]]["findings"]}
        for rule, severity in entry["must_include"]:
            assert (rule, severity) in found
        for rule, severity in entry["must_not_include"]:
            assert (rule, severity) not in found
        if entry["no_violations"]:
            assert not any(severity == "violation" for _, severity in found)


def test_allowance_object_when_applied_for(tmp_path: Path) -> None:
    cert = ev("certificate", date="2027-01-11", from_="2027-01-11", to="2027-01-31")
    data = case(cert, ev("rehab_day", date="2027-01-17"), service="TEAK-TV")
    path = write(tmp_path / "a.json", data)
    result = run("check", str(path), "--on", "2027-02-01", "--format", "json", "--explain")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == ["case", "service", "on", "findings", "counters", "allowance"]
    allowance = out["allowance"]
    assert allowance["payable"] == ["2027-01-11"] and allowance["payable_count"] == 1
    assert {"date": "2027-01-17", "reason": "sunday", "rule": "ALLOWANCE.DAYS"} in allowance[
        "excluded"
    ]
    assert allowance["waiting_days"] == 4
    finding = next(f for f in out["findings"] if f["rule"] == "ALLOWANCE.DAYS")
    assert finding["explain"]["parameters"]


def test_group_start_command() -> None:
    args = ["group-start", "--max-size", "10", "--enrolled", "6", "--on", "2027-02-01"]
    result = run(*args, "--decisions", "2027-01-10", "2027-01-20", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "may be postponed" in result.stdout and "2027-05-10" in result.stdout
    assert "authority line" in result.stdout
    result = run(*args[:4], "7", "--decisions", "2027-01-10", "--format", "json")
    out = json.loads(result.stdout)
    assert out["verdict"] == "must_start" and out["notify_kela_and_clients"] is False


def test_group_start_names_a_group_over_its_maximum() -> None:
    """Issue 15: ``--max-size 10 --enrolled 13`` must start, and says 13 exceeds the maximum."""
    args = ["group-start", "--max-size", "10", "--enrolled", "13", "--on", "2027-02-01"]
    result = run(*args, "--decisions", "2027-01-10", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "must start" in result.stdout
    assert "13 clients are enrolled, more than the planned maximum of 10" in result.stdout
    out = json.loads(run(*args, "--decisions", "2027-01-10", "--format", "json").stdout)
    assert out["over_maximum"] is True and out["warnings"][0]["rule"] == "GROUP.MAX"


def test_group_start_teak_is_not_postponed() -> None:
    args = ["group-start", "--max-size", "10", "--enrolled", "5", "--service", "TEAK-TV"]
    result = run(*args, "--decisions", "2027-01-10", "--on", "2027-02-01", "--lang", "fi")
    assert result.returncode == 0, result.stderr
    assert "aloitusta ei voi siirtää" in result.stdout


def test_group_start_does_not_import_django() -> None:
    code = (
        "import sys\nfrom luotsi.cli import main\n"
        "main(['group-start', '--max-size', '8', '--enrolled', '2', '--decisions', '2027-01-01'])\n"
        "assert 'django' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_text_report_summarises_the_allowance(tmp_path: Path) -> None:
    cert = ev("certificate", date="2027-01-11", from_="2027-01-11", to="2027-01-31")
    path = write(tmp_path / "a.json", case(cert, service="TEAK-TV"))
    result = run("check", str(path), "--on", "2027-02-01", "--lang", "en")
    assert "Allowance days: payable 1, waiting 4, interim 0, excluded 0" in result.stdout
    path = write(tmp_path / "b.json", case(cert, service="TEAK-TV", applies_allowance=False))
    result = run("check", str(path), "--on", "2027-02-01", "--lang", "en")
    assert result.returncode == 0 and "Allowance days" not in result.stdout
