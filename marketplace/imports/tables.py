"""Reading the spreadsheets people send (CSV or XLSX), for every bulk import.

The first non-empty row is the header; headers are matched ignoring case, spaces/dashes
and a trailing note in brackets (``normalize_header``). CSV: UTF-8 with or without BOM,
``,`` ``;`` or tab as delimiter (guessed from the header line). XLSX: the first sheet,
read with openpyxl in read-only mode after its zip directory passed
``core.spreadsheets.xlsx_archive_check`` (zip bombs refused before anything is unpacked);
reading stops after ``EMPTY_ROW_BLOCK`` empty rows. Files above
``BULK_IMPORT_MAX_BYTES`` or with more than ``BULK_IMPORT_MAX_ROWS`` data rows are refused
(``FileRefused``, with a message in the active language and a ``BulkImportErrorCode``).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.core.spreadsheets import ArchiveProblem, ArchiveRefused, xlsx_archive_check

logger = logging.getLogger(__name__)

DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ERRORS = 1_000
EMPTY_ROW_BLOCK = 50  # XLSX: this many empty rows in a row end the data
MAX_QUANTITY = 2_147_483_647  # PostgreSQL integer (Stock.quantity, weights)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary Excel (.xls)


class BulkImportErrorCode(Enum):
    """Why a file, or a cell of it, was refused."""

    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    NOT_SUPPLIED = "not_supplied"
    INCONSISTENT = "inconsistent"
    INVALID_FILE = "invalid_file"
    FILE_TOO_LARGE = "file_too_large"
    TOO_MANY_ROWS = "too_many_rows"


Code = BulkImportErrorCode


@dataclass(frozen=True)
class BulkImportError:
    """One problem: ``row`` as numbered in the spreadsheet (header = 1; ``None`` for the
    whole file), ``column`` as the header reads in the file (``None`` for a whole row or
    file), ``field`` the canonical column name, ``message`` in the active language."""

    row: int | None
    column: str | None
    field: str | None
    message: str
    code: BulkImportErrorCode

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return gettext("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return gettext("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


_UNSUPPORTED_FILE = _("Upload a CSV or XLSX file.")
_OLD_EXCEL = _("Old Excel files (.xls) are not supported; save the file as .xlsx or CSV.")
_NOT_UTF8 = _("Save the CSV file as UTF-8 (in Excel: “CSV UTF-8”).")
_BAD_XLSX = _("The XLSX file cannot be read; save it again in Excel or upload a CSV file.")
_FILE_TOO_LARGE = _("The file is larger than %(max)s MB.")
_XLSX_TOO_LARGE = _(
    "Unpacked, the XLSX file is larger than %(max)s MB; split it into smaller files or "
    "upload a CSV file."
)
_XLSX_SUSPICIOUS = _(
    "The XLSX file is compressed unusually strongly and cannot be read safely; save it "
    "again in Excel or upload a CSV file."
)
_TOO_MANY_ROWS = _("The file has more than %(max)s rows; split it into smaller files.")
_EMPTY_FILE = _("The file has no header row.")
_NO_ROWS = _("The file has a header row but no data rows.")


def max_rows() -> int:
    return int(getattr(settings, "BULK_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def max_bytes() -> int:
    return int(getattr(settings, "BULK_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_errors() -> int:
    return int(getattr(settings, "BULK_IMPORT_MAX_ERRORS", DEFAULT_MAX_ERRORS))


class FileRefused(Exception):
    def __init__(self, message: str, code: BulkImportErrorCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Table:
    headers: list[Any]
    header_row: int
    rows: list[tuple[int, list[Any]]]  # (spreadsheet row number, cells)


def is_empty(cells: Any) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def read_table(content: bytes, filename: str, *, no_rows_message: Any = None) -> Table:
    """The header and data rows of a CSV or XLSX file; ``FileRefused`` when it cannot be read."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if content.startswith(_OLE_MAGIC) or extension == "xls":
        raise FileRefused(str(_OLD_EXCEL), Code.INVALID_FILE)
    if content.startswith(_ZIP_MAGIC) or extension in {"xlsx", "xlsm"}:
        if extension not in {"", "xlsx", "xlsm"}:
            raise FileRefused(str(_UNSUPPORTED_FILE), Code.INVALID_FILE)
        _check_xlsx_archive(content)
        return _table(_xlsx_rows(content), no_rows_message)
    if extension not in {"", "csv", "txt"}:
        raise FileRefused(str(_UNSUPPORTED_FILE), Code.INVALID_FILE)
    return _table(_csv_rows(content), no_rows_message)


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    if b"\x00" in content[:4096]:
        raise FileRefused(str(_UNSUPPORTED_FILE), Code.INVALID_FILE)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(str(_NOT_UTF8), Code.INVALID_FILE) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error:
        raise FileRefused(str(_UNSUPPORTED_FILE), Code.INVALID_FILE) from None


def _check_xlsx_archive(content: bytes) -> None:
    """Refuse zip bombs from the zip directory, before openpyxl unpacks anything."""
    try:
        xlsx_archive_check(content)
    except ArchiveRefused as refused:
        logger.info(
            "bulk_import_xlsx_refused",
            extra={"problem": refused.problem.value, "size": len(content)},
        )
        if refused.problem is ArchiveProblem.TOO_LARGE:
            megabytes = refused.limit_bytes // (1024 * 1024) or 1
            message = str(_XLSX_TOO_LARGE) % {"max": megabytes}
            raise FileRefused(message, Code.FILE_TOO_LARGE) from None
        if refused.problem is ArchiveProblem.RATIO:
            raise FileRefused(str(_XLSX_SUSPICIOUS), Code.FILE_TOO_LARGE) from None
        raise FileRefused(str(_BAD_XLSX), Code.INVALID_FILE) from None


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # only XLSX imports pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise FileRefused(str(_BAD_XLSX), Code.INVALID_FILE) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(str(_EMPTY_FILE), Code.INVALID_FILE)
        empty_run = 0
        rows = workbook.worksheets[0].iter_rows(min_row=1, values_only=True)
        for number, values in enumerate(rows, start=1):
            if is_empty(values):
                empty_run += 1
                if empty_run >= EMPTY_ROW_BLOCK:
                    return
            else:
                empty_run = 0
            yield number, list(values)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise FileRefused(str(_BAD_XLSX), Code.INVALID_FILE) from None
    finally:
        workbook.close()


def _table(records: Iterator[tuple[int, list[Any]]], no_rows_message: Any = None) -> Table:
    limit = max_rows()
    headers: list[Any] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in records:
        if is_empty(cells):
            continue
        if headers is None:
            headers, header_row = cells, number
            continue
        if len(rows) >= limit:
            message = str(_TOO_MANY_ROWS) % {"max": f"{limit:,}".replace(",", ".")}
            raise FileRefused(message, Code.TOO_MANY_ROWS)
        rows.append((number, cells))
    if headers is None:
        raise FileRefused(str(_EMPTY_FILE), Code.INVALID_FILE)
    if not rows:
        raise FileRefused(str(no_rows_message or _NO_ROWS), Code.INVALID_FILE)
    return Table(headers=headers, header_row=header_row, rows=rows)


def normalize_header(value: Any) -> str:
    text = str(value if value is not None else "").replace("\ufeff", "").strip().casefold()
    text = re.sub(r"\(.*\)$", "", text).strip().rstrip("*").strip()
    return re.sub(r"[\s\-]+", "_", text)


def cell_text(value: Any) -> str:
    """A cell as trimmed text (whole floats without ``.0``, booleans as ya/tidak)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").strip()


def read_upload(file: IO[bytes] | bytes) -> bytes:
    """The file's bytes, refused unread when its declared size is over the limit."""
    limit = max_bytes()
    declared = getattr(file, "size", None)
    too_large = isinstance(declared, int) and declared > limit
    if not too_large:
        content = bytes(file) if isinstance(file, bytes | bytearray) else file.read(limit + 1)
        too_large = len(content) > limit
    if too_large:
        message = str(_FILE_TOO_LARGE) % {"max": f"{limit / 1024 / 1024:g}"}
        raise FileRefused(message, Code.FILE_TOO_LARGE)
    return content
