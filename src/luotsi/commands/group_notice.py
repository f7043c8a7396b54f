"""``luotsi group-notice``: the group-start postponement (GROUP.MIN_START, 003 Vastaus 13) as
a notice to Kela's authority line and a letter for each client, made from ``group-start``'s
answer for the clients' case files.

Exit status 0 when every file was written, 2 when an input is invalid or the documents are
refused (the start is not postponed, a field is missing); then nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from luotsi.commands.documents import _date, _fail, _load, _write


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "group-notice",
        help="group-start postponement: notice to Kela's authority line and client letters",
    )
    p.add_argument("cases", nargs="+", metavar="CASE.json", help="each enrolled client's case")
    p.add_argument("--max-size", type=int, required=True, help="planned maximum group size")
    p.add_argument("--group", required=True, help="the group's name")
    p.add_argument("--planned-start", type=_date, required=True, metavar="DATE")
    p.add_argument("--new-start", type=_date, required=True, metavar="DATE")
    p.add_argument("--sender", required=True, help="the sender's name")
    p.add_argument("--phone", help="the sender's phone")
    p.add_argument("--on", type=_date, help="the notice's date (default: today)")
    p.add_argument("--lang", choices=["fi", "sv"], default="fi")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the notice to Kela")
    p.add_argument(
        "--letters", required=True, metavar="DIR",
        help="folder for the client letters (one file per case, named by the case id)",
    )  # fmt: skip
    p.add_argument("--text", action="store_true", help="plain text instead of PDF")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from luotsi.documents import DocumentRefused, group_notice_contexts, render_pdf, render_text
    from luotsi.rules import CaseFileError

    cases = []
    for path in args.cases:
        try:
            cases.append(_load(path))
        except OSError as exc:
            return _fail(f"{path}: cannot read ({exc.strerror})")
        except CaseFileError as exc:
            return _fail(str(exc))
    try:
        kela, letters = group_notice_contexts(
            cases, args.max_size, args.lang, args.group, args.planned_start, args.new_start,
            on=args.on or dt.date.today(), sender=args.sender, phone=args.phone,
        )  # fmt: skip
    except DocumentRefused as exc:
        return _fail(f"{exc.pointer}: {exc.problem}; nothing written")
    suffix = ".txt" if args.text else ".pdf"

    def render(context: dict[str, Any]) -> bytes:
        return render_text(context).encode("utf-8") if args.text else render_pdf(context)

    folder = Path(args.letters)
    outputs = [(Path(args.output), render(kela))]
    outputs += [
        (folder / f"{case.id}{suffix}", render(letter))
        for case, letter in zip(cases, letters, strict=True)
    ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target, data in outputs:
            _write(str(target), data)
    except OSError as exc:
        return _fail(f"cannot write ({exc.strerror})")
    print(f"{args.output}, {len(letters)} letters in {folder}", file=sys.stderr)
    return 0
