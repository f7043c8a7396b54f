"""Benchmark: billing a month (issue 14).

    python bench/billing.py [--cases 10000] [--month 2026-09] [--pdfs 20]

Reports, for ``--cases`` synthetic cases of every service (``bench/run.py``'s generator):
the time of ``luotsi check`` (parse + evaluate) and of billing the month (parse +
billable units, and priced into invoices), with the ratio of billing to check; then
Finvoice 3.0 messages per second and specification PDF pages per second. Not a test:
nothing is asserted (the target, ≤ 10 s for 10,000 cases, is read off the report).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import SERVICES, synthetic_case

from luotsi.billing.finvoice import finvoice_xml
from luotsi.billing.invoice import Header, build_invoice, due_date
from luotsi.billing.prices import parse_prices
from luotsi.demo.prices import price_list_text
from luotsi.rules import evaluate, parse_case
from luotsi.rules.billable import billable_units


def best(func, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--month", default="2026-09")
    parser.add_argument("--pdfs", type=int, default=20, help="specification PDFs to render")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (the best counts)")
    args = parser.parse_args()
    start = date.fromisoformat(f"{args.month}-01")
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    on = end + timedelta(days=15)
    blobs = [json.dumps(synthetic_case(i, SERVICES)).encode() for i in range(args.cases)]
    prices = parse_prices(price_list_text(date(2026, 1, 1)), "bench prices")
    print(f"load average at start: {_load()}")
    print(f"{args.cases} cases of {', '.join(SERVICES)}; month {args.month}, evaluated on {on}")

    def check() -> None:
        for blob in blobs:
            evaluate(parse_case(blob), on)

    invoices = []

    def bill() -> None:
        invoices.clear()
        for blob in blobs:
            units = billable_units(parse_case(blob), start, end, on)
            invoices.append(build_invoice(units, prices))

    check()  # warm the caches (parameters, holidays, imports)
    checked = best(check, args.repeat)
    billed = best(bill, args.repeat)
    with_lines = [i for i in invoices if i.lines]
    units = sum(line.quantity for i in with_lines for line in i.lines)
    print(
        f"  luotsi check (parse + evaluate)      {checked:6.2f} s  "
        f"{args.cases / checked:7.0f} cases/s"
    )
    print(
        f"  billing the month (parse + units + prices) {billed:6.2f} s  "
        f"{args.cases / billed:7.0f} cases/s  {billed / checked:4.2f} x check"
    )
    print(f"  {len(with_lines)} invoices with {units} units; target ≤ 10 s for 10,000 cases")

    header = Header("2026000123", on, due_date(on))
    sample = with_lines[: min(len(with_lines), 2000)]

    def xml() -> None:
        for invoice in sample:
            finvoice_xml(invoice, header, prices)

    seconds = best(xml, args.repeat)
    print(
        f"  Finvoice 3.0 {len(sample)} messages  {seconds:6.2f} s  "
        f"{len(sample) / seconds:7.0f} invoices/s  {seconds / len(sample) * 1000:5.2f} ms each"
    )
    _pdfs(with_lines[: args.pdfs], header, prices)
    print(f"load average at end: {_load()}")
    return 0


def _pdfs(invoices, header, prices) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from luotsi.billing.specification import invoice_context
    from luotsi.documents import render_pdf

    case = parse_case(
        json.dumps(
            {
                "format": "luotsi-case/1", "id": "BENCH-1", "service": "TK",
                "decision": {"received": "2026-01-05"},
                "client": {"name": "Bench Client", "identity_code": "010190-950A"},
                "events": [],
            }
        )
    )  # fmt: skip
    render_pdf(invoice_context(case, invoices[0], header, prices, "fi"))  # warm fonts
    pages = 0
    started = time.perf_counter()
    for invoice in invoices:
        data = render_pdf(invoice_context(case, invoice, header, prices, "fi"))
        pages += len(PdfReader(io.BytesIO(data)).pages)
    seconds = time.perf_counter() - started
    print(
        f"  specification PDF {len(invoices)} invoices, {pages} pages  {seconds:6.2f} s  "
        f"{pages / seconds:5.1f} pages/s"
    )


def _load() -> str:
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
