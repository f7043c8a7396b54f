"""Reading an uploaded spreadsheet into rows: XLSX (and XLS, ODS) with python-calamine,
CSV with the standard library (UTF-8 with or without BOM, or Windows-1252; ``;`` or ``,``).

Everything that is not one of those is refused with one message, whatever its name says.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from luotsi.tabular import FORMULA_START

# Zip (XLSX, ODS) and OLE2 (XLS) files start with these bytes.
SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


class NotASpreadsheet(ValueError):
    """The file cannot be read as a table; the message says why."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # data rows (the header row excluded), as read


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the spreadsheet's column names."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _blank(row: list[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _table(rows: list[list[Any]]) -> Table:
    while rows and _blank(rows[0]):
        rows = rows[1:]
    if not rows:
        raise NotASpreadsheet(_("The file has no rows."))
    headers = [str(value).strip() if value is not None else "" for value in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    data = [row[: len(headers)] for row in rows[1:]]
    while data and _blank(data[-1]):
        data.pop()
    return Table(headers, [row + [None] * (len(headers) - len(row)) for row in data])


def _read_workbook(content: bytes) -> Table:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, ValueError, IndexError) as exc:
        raise NotASpreadsheet(
            _("The file could not be read as a spreadsheet (%(error)s).") % {"error": exc}
        ) from None
    return _table([list(row) for row in rows])


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise NotASpreadsheet(_("The file is not a spreadsheet (XLSX or CSV)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotASpreadsheet(_("The file is not a spreadsheet (XLSX or CSV)."))  # pragma: no cover


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    if first.count(delimiter) == 0 and first.count("\t"):
        delimiter = "\t"
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise NotASpreadsheet(
            _("The file could not be read as CSV (%(error)s).") % {"error": exc}
        ) from None
    table = _table([[cell if cell.strip() else None for cell in row] for row in rows])
    if len(table.headers) < 2:
        raise NotASpreadsheet(_("The file is not a spreadsheet (XLSX or CSV)."))
    return table


def read_table(content: bytes) -> Table:
    """The first sheet of a workbook, or a CSV file, as a table (``NotASpreadsheet``)."""
    if not content:
        raise NotASpreadsheet(_("The file is empty."))
    if content.startswith(SPREADSHEET_MAGIC):
        return _read_workbook(content)
    if content.lstrip().startswith((b"%PDF", b"<", b"{", b"[")):
        raise NotASpreadsheet(_("The file is not a spreadsheet (XLSX or CSV)."))
    return _read_csv(content)


def text(value: Any) -> str:
    """A cell as text: numbers without a decimal part as integers (a phone number typed
    into a number cell), dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    result = str(value).strip()
    # luotsi.tabular writes "'+358…" so that a spreadsheet does not take it for a formula.
    if result.startswith("'") and result[1:2] in FORMULA_START:
        return result[1:]
    return result


def date(value: Any) -> dt.date | None:
    """A cell as a date: a date cell, ISO 8601, or the Finnish 13.3.2026 (``ValueError``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    day, _sep, rest = raw.partition(".")
    month, _sep, year = rest.partition(".")
    return dt.date(int(year), int(month), int(day))
