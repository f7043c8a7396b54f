"""``luotsi check`` on jobseeker files (``luotsi-jobseeker/1``) through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_check import run, write
from tests.rules.builders import case

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "jobseeker"


def test_the_documented_examples_evaluate_as_json_lines() -> None:
    paths = sorted(EXAMPLES.glob("*.json"))
    assert len(paths) == 3
    result = run("check", *map(str, paths), "--on", "2027-03-10", "--format", "json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["case"] for line in lines] == ["TA-2027-0003", "TA-2027-0001", "TA-2027-0002"]
    assert {line["service"] for line in lines} == {"luotsi-jobseeker/1"}
    integration, tym, youth = lines
    assert [f["rule"] for f in integration["findings"]] == ["KOTO.PLAN"]
    assert integration["findings"][0]["due"] == "2027-05-19"
    assert integration["counters"]["integration_days_left"] == 70
    assert {f["rule"] for f in tym["findings"]} == {"TYM.PLAN", "KUTY.PLAN_CONTENT"}
    assert tym["counters"]["referral"] == "refer"
    assert youth["counters"]["unemployed_clause"] == "1.2_under_weekly_hours"


def test_a_folder_may_mix_case_files_and_jobseeker_files(tmp_path: Path) -> None:
    write(tmp_path / "a.json", case())
    write(tmp_path / "b.json", (EXAMPLES / "youth.json").read_text(encoding="utf-8"))
    result = run("check", str(tmp_path), "--on", "2027-03-10", "--format", "json", "--lang", "fi")
    assert result.returncode == 0, result.stderr
    services = [json.loads(line)["service"] for line in result.stdout.splitlines()]
    assert services == ["TK", "luotsi-jobseeker/1"]


def test_bad_input_exits_2_naming_the_file_and_the_pointer(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "tym-adult.json").read_text(encoding="utf-8"))
    data["activation_plans"][0]["days_per_week"] = 9
    bad = write(tmp_path / "bad.json", data)
    good = write(tmp_path / "good.json", (EXAMPLES / "youth.json").read_text(encoding="utf-8"))
    result = run("check", str(bad), str(good), "--on", "2027-03-10", "--format", "json")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}: /activation_plans/0/days_per_week: ")
    assert len(result.stdout.splitlines()) == 1  # the good file is still evaluated


def test_text_output_in_finnish_and_explain(tmp_path: Path) -> None:
    path = EXAMPLES / "integration.json"
    result = run("check", str(path), "--on", "2027-03-10", "--lang", "fi", "--explain")
    assert result.returncode == 0, result.stderr
    assert "Kotoutumisaika päättyy 19.5.2027; jäljellä 70 päivää." in result.stdout
    assert "parameter: koto_notice_days = 90" in result.stdout


def test_schema_of_the_jobseeker_format() -> None:
    result = run("schema", "--jobseeker")
    schema = json.loads(result.stdout)
    assert schema["properties"]["format"]["const"] == "luotsi-jobseeker/1"
    assert "activation_plans" in schema["properties"]
