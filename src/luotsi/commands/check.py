"""``luotsi check`` and ``luotsi schema``: the rules engine on case files (no Django)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from luotsi.commands.dates import date_argument

SEVERITY_TITLES = {
    "en": {"violation": "Violations", "due": "Due", "action": "Actions", "warning": "Warnings",
           "info": "Information"},
    "fi": {"violation": "Rikkomukset", "due": "Määräajat", "action": "Toimenpiteet",
           "warning": "Varoitukset", "info": "Tiedoksi"},
    "sv": {"violation": "Överträdelser", "due": "Tidsfrister", "action": "Åtgärder",
           "warning": "Varningar", "info": "För kännedom"},
}  # fmt: skip
LABELS = {
    "en": {"case": "Case", "on": "evaluated on", "none": "No findings.", "due": "due",
           "counters": "Counters", "allowance": "Allowance days",
           "allowance_counts": "payable {p}, waiting {w}, interim {i}, excluded {e}"},
    "fi": {"case": "Asia", "on": "arvioitu", "none": "Ei havaintoja.", "due": "määräaika",
           "counters": "Laskurit", "allowance": "Kuntoutusrahapäivät",
           "allowance_counts": "maksettavia {p}, odotusaika {w}, väliaika {i}, ei makseta {e}"},
    "sv": {"case": "Ärende", "on": "bedömt", "none": "Inga iakttagelser.", "due": "senast",
           "counters": "Räknare", "allowance": "Rehabiliteringspenningdagar",
           "allowance_counts": "betalas {p}, väntetid {w}, mellantid {i}, betalas inte {e}"},
}  # fmt: skip


def default_language(explicit: str | None) -> str:
    """``--lang``, else ``LANG`` (fi/sv prefix), else English."""
    if explicit:
        return explicit
    env = os.environ.get("LANG", "").lower()
    for lang in ("fi", "sv"):
        if env.startswith(lang):
            return lang
    return "en"


def case_files(paths: list[str]) -> list[tuple[Path, bool]]:
    """The files to check, each with whether it was found by scanning a folder."""
    files: list[tuple[Path, bool]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                (p, True) for p in sorted(path.iterdir()) if p.suffix == ".json" and p.is_file()
            )
        else:
            files.append((path, False))
    return files


def is_other_json_document(data: bytes) -> bool:
    """A JSON document whose top level is not an object cannot be a case file.

    Folders of case files may hold such companions (an ``expected.json`` list, say); they
    are skipped with a note. A file named on the command line is always validated.
    """
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(stripped) and stripped[:1] == b"["


def render_text(result: dict[str, Any], lang: str) -> str:
    labels = LABELS[lang]
    titles = SEVERITY_TITLES[lang]
    lines = [
        f"{labels['case']} {result['case']} ({result['service']}), {labels['on']} {result['on']}"
    ]
    findings = result["findings"]
    if not findings:
        lines.append(f"  {labels['none']}")
    for severity in ("violation", "due", "action", "warning", "info"):
        group = [f for f in findings if f["severity"] == severity]
        if not group:
            continue
        lines.append(f"  {titles[severity]} ({len(group)}):")
        for f in group:
            when = f" [{labels['due']} {f['due']}]" if f["due"] else ""
            on = f" {f['date']}" if f["date"] else ""
            lines.append(f"    - {f['rule']}{on}{when}: {f['message']}")
            lines.append(f"      ({f['source']})")
            if "explain" in f:
                for e in f["explain"]["events"]:
                    lines.append(f"      event: {e['type']} {e['date']}")
                for p in f["explain"]["parameters"]:
                    lines.append(
                        f"      parameter: {p['name']} = {json.dumps(p['value'])} "
                        f"(from {p['valid_from']}; {p['source']})"
                    )
    counters = ", ".join(f"{k}={v}" for k, v in result["counters"].items() if v is not None)
    lines.append(f"  {labels['counters']}: {counters}")
    allowance = result.get("allowance")
    if allowance is not None:
        counts = labels["allowance_counts"].format(
            p=allowance["payable_count"], w=allowance["waiting_days"],
            i=allowance["interim_days"], e=len(allowance["excluded"]),
        )  # fmt: skip
        lines.append(f"  {labels['allowance']}: {counts}")
    return "\n".join(lines)


def is_jobseeker_file(data: bytes) -> bool:
    """A file whose ``format`` is ``luotsi-jobseeker/1`` (docs/employment.md) is a jobseeker's
    plans, evaluated by the employment-area rules; everything else is read as a case file."""
    if b"luotsi-jobseeker/" not in data:
        return False
    try:
        document = json.loads(data)
    except ValueError:
        return False
    return isinstance(document, dict) and str(document.get("format", "")).startswith(
        "luotsi-jobseeker/"
    )


def check_jobseeker(data: bytes, source: str, on: date, lang: str, explain: bool) -> dict[str, Any]:
    from luotsi.rules.employment import evaluate_jobseeker, parse_jobseeker

    file = parse_jobseeker(data, source=source)
    return evaluate_jobseeker(file, on).to_dict(lang=lang, explain=explain)


def check(args: argparse.Namespace) -> int:
    from luotsi.rules import CaseFileError, evaluate, parse_case
    from luotsi.rules.employment import JobseekerFileError

    lang = default_language(args.lang)
    on = args.on or date.today()
    status = 0
    out = sys.stdout
    first = True
    for path, from_folder in case_files(args.paths):
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            status = 2
            continue
        if from_folder and is_other_json_document(data):
            print(f"{path}: skipped: a JSON list, not a case file", file=sys.stderr)
            continue
        try:
            if is_jobseeker_file(data):
                result = check_jobseeker(data, str(path), on, lang, args.explain)
            else:
                case = parse_case(data, source=str(path))
                result = evaluate(case, on).to_dict(lang=lang, explain=args.explain)
        except (CaseFileError, JobseekerFileError) as exc:
            print(str(exc), file=sys.stderr)
            status = 2
            continue
        if args.format == "json":
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            if not first:
                out.write("\n")
            out.write(render_text(result, lang) + "\n")
        first = False
        out.flush()
    return status


def schema(args: argparse.Namespace) -> int:
    if args.jobseeker:
        from luotsi.rules.employment import json_schema
    else:
        from luotsi.rules import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "check",
        help="evaluate case files (luotsi-case/1) and jobseeker files (luotsi-jobseeker/1)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a case file or a folder of them")
    p.add_argument("--on", type=date_argument, help="evaluation date (default: today)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="default: LANG, else English")
    p.add_argument("--explain", action="store_true", help="show events and parameters used")
    p.set_defaults(handler=check)

    p = subparsers.add_parser("schema", help="print the JSON Schema of the case-file format")
    p.add_argument(
        "--jobseeker", action="store_true", help="the jobseeker format (luotsi-jobseeker/1)"
    )
    p.set_defaults(handler=schema)
