"""The one tabular writer: sheets of rows as XLSX (XlsxWriter) or CSV.

Every export that hands a person a spreadsheet goes through here (the client's data, the
API's caseload, the dashboards' due list and caseload, the quality figures, the employment
area's caseload figures), so the formats
are the same everywhere: dates as dates (XLSX) or ISO 8601 (CSV), a bold header row, UTF-8
CSV with a byte-order mark (so that Excel opens ä and ö right) and ``;`` as the separator
(Finnish Excel's list separator), text that would start a formula with an apostrophe (both
formats). Several sheets as CSV are a zip with one file a sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import xlsxwriter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
ZIP_TYPE = "application/zip"
FORMATS = ("xlsx", "csv")
HELSINKI = ZoneInfo("Europe/Helsinki")
# Cells that a spreadsheet would take for a formula (CSV/formula injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Sheet:
    name: str  # at most 31 characters (Excel's limit)
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return _local(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _escaped(str(value))


def _escaped(text: str) -> str:
    """Text a spreadsheet would take for a formula, with a leading apostrophe."""
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _local(moment: dt.datetime) -> dt.datetime:
    """A timestamp as Helsinki time (aware ones converted; naive ones taken as they are)."""
    return moment.astimezone(HELSINKI) if moment.tzinfo is not None else moment


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_bytes(sheet: Sheet) -> bytes:
    """One sheet as CSV: UTF-8 with BOM, ``;``-separated, every value as text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_text(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_zip(sheets: Sequence[Sheet]) -> bytes:
    """Several sheets as a zip of CSV files, one a sheet (``<name>.csv``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            archive.writestr(f"{sheet.name}.csv", csv_bytes(sheet))
    return out.getvalue()


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one XLSX workbook (dates as dates, bold headers, frozen header row)."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "d.m.yyyy"})
    moment = workbook.add_format({"num_format": "d.m.yyyy h:mm"})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name[:31])
        worksheet.write_row(0, 0, list(sheet.headers), bold)
        worksheet.freeze_panes(1, 0)
        widths = [len(str(h)) for h in sheet.headers]
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    worksheet.write_datetime(r, c, _local(value).replace(tzinfo=None), moment)
                elif isinstance(value, dt.date):
                    worksheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                elif value is None:
                    continue
                elif isinstance(value, bool | int | float | Decimal):
                    worksheet.write(r, c, value)
                else:  # never a formula, whatever the reader does with the cell
                    worksheet.write_string(r, c, _escaped(str(value)))
                if c < len(widths):
                    widths[c] = max(widths[c], min(len(str(value)), 60))
        for c, width in enumerate(widths):
            worksheet.set_column(c, c, width + 2)
    workbook.close()
    return out.getvalue()


def render(sheets: Sequence[Sheet], fmt: str) -> tuple[bytes, str, str]:
    """``(content, content type, file extension)`` of ``sheets`` in ``fmt`` (xlsx/csv)."""
    if fmt == "xlsx":
        return xlsx_bytes(sheets), XLSX_TYPE, "xlsx"
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}")
    if len(sheets) == 1:
        return csv_bytes(sheets[0]), CSV_TYPE, "csv"
    return csv_zip(sheets), ZIP_TYPE, "zip"
