"""``luotsi certificate``, ``luotsi feedback`` and ``luotsi notice``: documents from case files.

Exit status 0 when the file was written, 2 when the input is invalid or the document is
refused (a required field is missing); then the message names the file and the field, and
no output file is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from luotsi.commands.dates import date_argument


def _date(value: str) -> dt.date:
    return date_argument(value)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("case", metavar="CASE.json", help="a luotsi-case/1 file")
    parser.add_argument("--lang", choices=["fi", "sv"], help="default: client.language")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "certificate", help="participation certificate (osallistumistodistus) as PDF"
    )
    _common(p)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument("--author", help="author's name (default: the covering certificate event)")
    p.add_argument("--phone", help="author's phone (default: the covering certificate event)")
    p.add_argument(
        "--date", type=_date, help="the certificate's date (default: the certificate event's)"
    )
    p.add_argument(
        "--on-request",
        action="store_true",
        help="make one although the client does not apply for the allowance (it says so)",
    )
    p.set_defaults(handler=certificate)

    p = subparsers.add_parser("feedback", help="feedback report draft (KU148) as PDF")
    _common(p)
    p.add_argument(
        "--followup",
        action="store_true",
        help="Taito: the follow-up report after the last follow-up visit",
    )
    p.add_argument("--date", type=_date, help="the report's date (default: today)")
    p.add_argument("--author", help="the report's author (name in the signature block)")
    p.set_defaults(handler=feedback)

    p = subparsers.add_parser(
        "notice",
        help="notice to Kela (PDF or text): change, queue, skipped step or deviation",
    )
    _common(p)
    p.add_argument(
        "--kind", choices=["change", "queue", "skipped-step", "deviation"], required=True,
        help="skipped-step: a process step left undone (PROCESS.STEP_SKIPPED); deviation: "
        "other work alongside, a paid work trial, a client who cannot commit",
    )  # fmt: skip
    p.add_argument(
        "--what",
        help="change: what changed (default: latest kela_notice topic); deviation: what deviates",
    )
    p.add_argument(
        "--when", type=_date,
        help="change: when it changed; deviation: since when; skipped-step: the step's date",
    )  # fmt: skip
    p.add_argument("--step", help="skipped-step: the step (default: the step_skipped event's)")
    p.add_argument("--date", type=_date, help="the notice's date (default: today)")
    cert = p.add_mutually_exclusive_group()
    cert.add_argument(
        "--new-certificate",
        dest="new_certificate",
        action="store_true",
        default=None,
        help="change: a new certificate was made",
    )
    cert.add_argument("--no-new-certificate", dest="new_certificate", action="store_false")
    p.add_argument(
        "--reason",
        help="queue: why the rehabilitation cannot start in time; skipped-step: why the step "
        "did not happen (default: the step_skipped event's)",
    )
    p.add_argument("--expected-start", type=_date, help="queue: expected start date")
    p.add_argument("--sender", help="sender's name (default: latest certificate author)")
    p.add_argument("--phone", help="sender's phone")
    p.add_argument("--text", action="store_true", help="plain text for Kela's secure e-mail")
    p.set_defaults(handler=notice)  # fmt: skip


def _fail(message: str) -> int:
    print(f"luotsi: {message}", file=sys.stderr)
    return 2


def _load(path: str) -> Any:
    from luotsi.rules import parse_case

    return parse_case(Path(path).read_bytes(), source=path)


def _write(output: str, data: bytes) -> None:
    """Write atomically: a failure never leaves a partial file behind."""
    target = Path(output)
    fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=".luotsi-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _run(args: argparse.Namespace, build: Any, text: bool = False) -> int:
    from luotsi.documents import DocumentRefused, render_pdf, render_text
    from luotsi.rules import CaseFileError

    try:
        case = _load(args.case)
    except OSError as exc:
        return _fail(f"{args.case}: cannot read ({exc.strerror})")
    except CaseFileError as exc:
        return _fail(str(exc))
    lang = args.lang or case.client.language
    try:
        context = build(case, lang)
    except DocumentRefused as exc:
        return _fail(f"{args.case}: {exc.pointer}: {exc.problem}; nothing written")
    data = render_text(context).encode("utf-8") if text else render_pdf(context)
    try:
        _write(args.output, data)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write ({exc.strerror})")
    return 0


def certificate(args: argparse.Namespace) -> int:
    from luotsi.documents import certificate_context

    return _run(
        args,
        lambda case, lang: certificate_context(
            case, args.start, args.end, lang, author=args.author, phone=args.phone,
            issued=args.date, on_request=args.on_request,
        ),
    )  # fmt: skip


def feedback(args: argparse.Namespace) -> int:
    from luotsi.documents import feedback_context, followup_context

    build = followup_context if args.followup else feedback_context
    return _run(args, lambda case, lang: build(case, lang, author=args.author, issued=args.date))


def notice(args: argparse.Namespace) -> int:
    from luotsi.documents import notice_context

    return _run(
        args,
        lambda case, lang: notice_context(
            case, args.kind.replace("-", "_"), lang, what=args.what, when=args.when,
            new_certificate=args.new_certificate, reason=args.reason,
            expected_start=args.expected_start, sender=args.sender, phone=args.phone,
            step=args.step, issued=args.date,
        ),
        text=args.text,
    )  # fmt: skip
