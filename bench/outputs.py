"""Dump the engine's outputs of the bench cases, to prove a change leaves them byte-identical.

    python bench/outputs.py OUT.jsonl [--cases 1500]

Writes, for each synthetic case of ``bench/run.py`` (all services, with variants: no
allowance, working-life clients, Kela agreements, long open sicknesses, flexibility,
invoice lines, employer-delay pauses, no-interpreter spans, Kela notices, continuation
decisions, granted days; half parsed from bytes, half from dicts), evaluated on four
dates: ``to_dict(explain=True)``, ``to_dict("fi")``, ``to_dict("sv", True)`` and
``to_json_dict()`` as JSON lines, and prints their MD5. Run it before and after a change
and compare (``cmp``). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import SERVICES, synthetic_case

from luotsi.rules import CaseFileError, evaluate, parse_case

DATES = [date(2027, 12, 31), date(2026, 6, 15), date(2026, 10, 1), date(2027, 3, 1)]


def _days(case: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((e for e in case["events"] if e["type"] == "rehab_day"), key=lambda e: e["date"])


def variants(count: int) -> Iterator[dict[str, Any]]:
    """The bench cases, every few of them changed to reach more rules."""
    for i in range(count):
        case = synthetic_case(i, SERVICES)
        events, days = case["events"], _days(case)
        if i % 3 == 0:
            case["client"]["applies_allowance"] = False
        if i % 5 == 0:
            case["client"]["in_working_life_at_start"] = True
        if i % 7 == 0 and days:
            events.append(
                {"type": "kela_agreement", "date": days[0]["date"], "rule": "CERT.MISSING"}
            )
        if i % 11 == 0 and days:
            events.append(
                {"type": "absence", "from": days[len(days) // 2]["date"], "reason": "sickness"}
            )
        if i % 17 == 0 and len(days) > 20:
            events += [
                {"type": "flex", "from": days[3]["date"], "to": days[20]["date"],
                 "days_per_week": 3, "hours_per_day": 4, "reason": "capacity"},
                {"type": "invoice_line", "date": days[5]["date"], "price_type": 1, "quantity": 2.5},
                {"type": "pause", "from": days[10]["date"], "to": days[12]["date"],
                 "reason": "employer_delay"},
                {"type": "no_interpreter", "from": case["decision"]["received"]},
                {"type": "kela_notice", "date": days[-1]["date"], "topic": "x"},
            ]  # fmt: skip
        if i % 19 == 0:
            case["decision"]["first_decision"] = False
            case["decision"]["given"] = case["decision"]["received"]
        if i % 13 == 0:
            case["decision"]["granted_days"] = 30
        yield case


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=1500)
    args = parser.parse_args()
    digest = hashlib.md5(usedforsecurity=False)
    with args.out.open("w", encoding="utf-8") as out:

        def write(line: str) -> None:
            out.write(line + "\n")
            digest.update((line + "\n").encode())

        for i, data in enumerate(variants(args.cases)):
            try:
                case = parse_case(json.dumps(data).encode()) if i % 2 else parse_case(data)
            except CaseFileError as exc:
                write(f"ERR {exc}")
                continue
            for on in DATES:
                evaluation = evaluate(case, on)
                for output in (
                    evaluation.to_dict(explain=True),
                    evaluation.to_dict("fi"),
                    evaluation.to_dict("sv", True),
                ):
                    write(json.dumps(output, ensure_ascii=False))
            write(json.dumps(case.to_json_dict(), default=str))
    print(digest.hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
