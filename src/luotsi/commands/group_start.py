"""``luotsi group-start``: GROUP.MIN_START for a planned group (no Django)."""

from __future__ import annotations

import argparse
import json
from datetime import date

from luotsi.commands.check import default_language

SERVICES = ("TAITO", "TEAK-TK", "TEAK-TV", "TEAK-YHD")


def run(args: argparse.Namespace) -> int:
    from luotsi.rules.groups import group_start
    from luotsi.rules.messages import render

    on = args.on or date.today()
    result = group_start(args.max_size, args.enrolled, args.decisions, on, args.service)
    lang = default_language(args.lang)
    if args.format == "json":
        print(json.dumps(result.to_dict(lang), ensure_ascii=False))
        return 0
    values = {
        "enrolled": result.enrolled, "minimum": result.minimum, "max_size": result.max_size,
        "until": result.latest.isoformat() if result.latest else "",
    }  # fmt: skip
    print(render(f"GROUP.MIN_START.{result.verdict}", lang, values))
    if result.over_maximum:
        print(render("GROUP.MAX.over", lang, values))
    if result.verdict == "may_postpone":
        for decision, start, until in result.windows:
            line = {"decision": decision, "start": start, "until": until}
            print("  " + render("GROUP.MIN_START.client", lang, line))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "group-start", help="GROUP.MIN_START: must a group start, or until when may it wait?"
    )
    p.add_argument("--max-size", type=int, required=True, help="planned maximum group size")
    p.add_argument("--enrolled", type=int, required=True, help="clients enrolled")
    p.add_argument(
        "--decisions", type=date.fromisoformat, nargs="+", required=True, metavar="DATE",
        help="each enrolled client's decision date (YYYY-MM-DD)",
    )  # fmt: skip
    p.add_argument("--on", type=date.fromisoformat, help="date (default: today)")
    p.add_argument(
        "--service", choices=SERVICES, default="TAITO",
        help="TAITO (default); TEAK-*: a start is never postponed because of the group form",
    )  # fmt: skip
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="default: LANG, else English")
    p.set_defaults(handler=run)
