"""Rows to CSV (UTF-8 with BOM, for spreadsheet apps) and to XLSX workbooks.

Amounts stay plain integers (whole rupiah) so spreadsheets can add them up; the labels
say "(Rp)". ``csv_file`` and ``xlsx_file`` write long lists row by row into a temporary
file (openpyxl's write-only mode), so neither the rows nor the file are ever all in
memory.

Every cell goes through ``marketplace.core.spreadsheets``: text that a spreadsheet app
would run as a formula (a cooperative named ``=HYPERLINK(…)``) is written as text (CSV:
with a leading ``'``; XLSX: a quoted string cell, shown as typed).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from marketplace.core.spreadsheets import csv_row, first_worksheet, text_cell, xlsx_cell

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Row = Sequence[object]

# Rupiah in XLSX: a number (so the reader can add it up) shown as "Rp15.000". Number
# formats are stored with "," for grouping whatever the language, and the reader shows
# its own locale's separators; "[$Rp-421]" is the currency symbol Rp tagged with the
# Indonesian locale (LCID 0x421), so LibreOffice shows "Rp15.000" everywhere and Excel
# shows "Rp15.000" on an Indonesian system ("Rp15,000" on an English one).
RUPIAH_XLSX_FORMAT = "[$Rp-421]#,##0;-[$Rp-421]#,##0"
DATE_XLSX_FORMAT = "dd/mm/yyyy"  # a real date cell, shown day first as in Indonesia


def csv_bytes(rows: Iterable[Row]) -> bytes:
    """Comma-separated, CRLF line ends, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_row(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    sheets: Sequence[tuple[str, Iterable[Row]]],
    *,
    widths: Sequence[int] = (28, 38),
    bold_rows: Sequence[int] = (),
) -> bytes:
    """One sheet per ``(title, rows)``; ``bold_rows``: 1-based rows set in bold on every
    sheet (headers); ``widths``: of the first columns."""
    workbook = Workbook()
    workbook.remove(first_worksheet(workbook))
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
        for number in bold_rows:
            for cell in sheet[number] if sheet.max_row >= number else ():
                cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(rows: Iterable[Row]) -> IO[bytes]:
    """As ``csv_bytes``, written row by row into a temporary file, returned rewound (it
    is deleted when closed)."""
    handle = tempfile.TemporaryFile()
    try:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        csv.writer(text, lineterminator="\r\n").writerows(csv_row(row) for row in rows)
        text.flush()
        text.detach()  # closing the wrapper would close the file
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


def xlsx_file(
    title: str,
    rows: Iterable[Row],
    *,
    widths: Sequence[int] = (),
    header_rows: int = 1,
    number_formats: dict[int, str] | None = None,
) -> IO[bytes]:
    """One sheet written row by row (openpyxl write-only mode) into a temporary file,
    returned rewound. The first ``header_rows`` rows are bold and stay in view when
    scrolling; ``widths`` are of the first columns; ``number_formats`` maps 0-based
    column indexes to Excel number formats for the rows below the header."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if header_rows:
        sheet.freeze_panes = f"A{header_rows + 1}"
    bold = Font(bold=True)
    formats = number_formats or {}
    for number, row in enumerate(rows, start=1):
        if number <= header_rows:
            sheet.append([_cell(sheet, value, font=bold) for value in row])
        elif formats:
            sheet.append(
                [
                    _cell(sheet, value, number_format=formats[index])
                    if index in formats
                    else xlsx_cell(sheet, value)
                    for index, value in enumerate(row)
                ]
            )
        else:
            sheet.append([xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()
    try:
        workbook.save(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


def _cell(
    sheet: WriteOnlyWorksheet,
    value: object,
    *,
    font: Font | None = None,
    number_format: str | None = None,
) -> Cell:
    # openpyxl takes any cell value (int, Decimal, date, text, None) and checks it at run
    # time; its stubs narrow WriteOnlyCell's value to str | float | datetime | None
    cell = text_cell(WriteOnlyCell(sheet, value=value))  # type: ignore[arg-type]
    if font is not None:
        cell.font = font
    if number_format is not None and value is not None:
        cell.number_format = number_format
    return cell


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters and with ``[]:*?/\\``."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Sheet"
