"""``luotsi invoice``: one case's invoice for one period, as JSON, Finvoice 3.0 or the PDF.

No Django. Exit status 0 when the invoice was produced; 2 when the case file or the price
list is invalid, a delivered unit has no price, or ``finvoice``/``pdf`` has nothing to bill:
the message names the file and the JSON pointer or the unit, and no output file is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from luotsi.commands.documents import _write


def _date(value: str) -> dt.date:
    from luotsi.rules.calendar import DATE_MAX, DATE_MIN, in_date_range

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r} (use YYYY-MM-DD)") from None
    if not in_date_range(day):
        raise argparse.ArgumentTypeError(
            f"{value} is outside {DATE_MIN.isoformat()}…{DATE_MAX.isoformat()}"
        )
    return day


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "invoice", help="invoice of a case for a period (JSON, Finvoice 3.0 or the PDF)"
    )
    p.add_argument("case", metavar="CASE.json", help="a luotsi-case/1 file")
    p.add_argument("--prices", required=True, metavar="PRICES.yaml", help="luotsi-prices/1")
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="evaluation date (today)")
    p.add_argument("--number", metavar="N", help="invoice number (digits; finvoice, pdf)")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="invoice date (--on)")
    p.add_argument("--format", choices=["json", "finvoice", "pdf"], default="json")
    p.add_argument("--lang", choices=["fi", "sv"], help="PDF language (client.language)")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: stdout)")
    p.set_defaults(handler=invoice)


def _fail(message: str) -> int:
    print(f"luotsi: {message}", file=sys.stderr)
    return 2


def invoice(args: argparse.Namespace) -> int:
    from luotsi.billing.invoice import (
        MAX_NUMBER_DIGITS,
        Header,
        MissingPrice,
        build_invoice,
        due_date,
    )
    from luotsi.billing.prices import PriceListError, load_prices
    from luotsi.rules import CaseFileError, parse_case
    from luotsi.rules.billable import billable_units

    if args.end < args.start:
        return _fail(f"--to {args.end.isoformat()} is before --from {args.start.isoformat()}")
    document = args.format != "json"
    number = args.number
    if document:
        if number is None:
            return _fail(f"--number is required for --format {args.format}; nothing written")
        if not (number.isascii() and number.isdigit() and len(number) <= MAX_NUMBER_DIGITS):
            return _fail(f"--number: {number!r} is not 1–{MAX_NUMBER_DIGITS} digits")
    try:
        case = parse_case(Path(args.case).read_bytes(), source=args.case)
    except OSError as exc:
        return _fail(f"{args.case}: cannot read ({exc.strerror})")
    except CaseFileError as exc:
        return _fail(str(exc))
    try:
        prices = load_prices(args.prices)
    except OSError as exc:
        return _fail(f"{args.prices}: cannot read ({exc.strerror})")
    except PriceListError as exc:
        return _fail(str(exc))
    on = args.on or dt.date.today()
    billable = billable_units(case, args.start, args.end, on)
    try:
        result = build_invoice(billable, prices)
    except MissingPrice as exc:
        return _fail(f"{args.prices}: /services/{exc.service}: {exc}; nothing written")
    if not document:
        text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
        return _emit(args.output, text.encode("utf-8"))
    if not result.lines:
        return _fail(f"{args.case}: nothing to bill in {args.start}…{args.end}; nothing written")
    invoice_date = args.date or on
    header = Header(number, invoice_date, due_date(invoice_date))
    if args.format == "finvoice":
        from luotsi.billing.finvoice import finvoice_xml

        return _emit(args.output, finvoice_xml(result, header, prices))
    from luotsi.billing.specification import invoice_context
    from luotsi.documents import render_pdf

    lang = args.lang or case.client.language
    return _emit(args.output, render_pdf(invoice_context(case, result, header, prices, lang)))


def _emit(output: str | None, data: bytes) -> int:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        return 0
    try:
        _write(output, data)
    except OSError as exc:
        return _fail(f"{output}: cannot write ({exc.strerror})")
    return 0
