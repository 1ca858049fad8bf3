"""Spreadsheets people open (exports) and spreadsheets people send (imports).

**Cells that cannot run.** Text typed by users (a cooperative's or a producer's name, a
warning's reason) ends up in CSV and XLSX files that Dinas officers and pengurus open in
Excel or LibreOffice. Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be read there as a formula (``=HYPERLINK("http://…")``, DDE). Following
OWASP's advice on CSV injection, every writer passes its cells through here:

- ``csv_cell``: such text gets a leading apostrophe (``'=1+1``), which spreadsheet apps
  read as "this is text";
- ``xlsx_cell``: such text is stored as a plain string cell (never a formula, which
  openpyxl would otherwise make of any string starting with ``=``) with Excel's
  *quote prefix* style, so it shows exactly as typed and stays text when edited.

Numbers (``int``, ``Decimal``, ``float``), dates and empty cells pass unchanged: a
negative amount stays a number the spreadsheet can add up. So does text that is only a
signed number as the writers format them (``-12,5``, ``-1.250``, ``+3%``) and the lone
``-`` that stands for "unknown": neither can run.

**Workbooks that cannot explode.** An XLSX file is a zip archive; a few hundred
kilobytes can unpack to gigabytes (a zip bomb). ``xlsx_archive_check`` reads only the
archive's directory and refuses, before any XML is parsed, archives that are not zip
files, have too many entries, unpack to more than ``XLSX_MAX_UNCOMPRESSED_BYTES`` in all
(or in one entry), or compress one entry more than ``XLSX_MAX_COMPRESSION_RATIO`` times.
The sizes are the ones the archive declares; Python's ``zipfile`` (which openpyxl reads
through) never unpacks more than an entry declares, so a lying archive gains nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeGuard

from django.conf import settings

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?|-")

DEFAULT_XLSX_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
DEFAULT_XLSX_MAX_ENTRIES = 1_000
DEFAULT_XLSX_MAX_COMPRESSION_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024


def first_worksheet(workbook: Workbook) -> Worksheet:
    """The worksheet a new ``Workbook()`` starts with (openpyxl's ``active`` sheet)."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook always starts with one
        raise TypeError("the workbook has no worksheet to start with")
    return sheet


def looks_like_formula(value: object) -> TypeGuard[str]:
    """Whether ``value`` is text a spreadsheet app would run as a formula."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_TRIGGERS)
        and _PLAIN_NUMBER.fullmatch(value) is None
    )


def csv_cell(value: object) -> object:
    """``value`` safe to write into a CSV cell (text that looks like a formula gets a
    leading ``'``; anything else unchanged)."""
    if looks_like_formula(value):
        return f"'{value}"
    return value


def csv_row(row: Any) -> list[object]:
    """Every cell of ``row`` through ``csv_cell``."""
    return [csv_cell(value) for value in row]


def xlsx_cell(sheet: Any, value: object) -> Any:
    """``value`` ready to append to an openpyxl sheet: unchanged, or, for text that looks
    like a formula, a string cell with the quote prefix (shown as typed, never run).

    Works for normal and write-only sheets (``WriteOnlyCell`` is a ``Cell`` too)."""
    if not looks_like_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    text_cell(cell)
    return cell


def text_cell(cell: Any) -> Any:
    """Make an openpyxl cell holding formula-like text a quoted string cell (in place)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


# --- XLSX archives ----------------------------------------------------------------------


class ArchiveProblem(Enum):
    NOT_ZIP = "not_zip"
    TOO_MANY_ENTRIES = "too_many_entries"
    TOO_LARGE = "too_large"  # unpacks to more than allowed
    RATIO = "ratio"  # one entry compressed absurdly well


class ArchiveRefused(Exception):  # noqa: N818 -- a refusal, not a bug
    def __init__(self, problem: ArchiveProblem, limit_bytes: int) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.limit_bytes = limit_bytes


def xlsx_max_uncompressed_bytes() -> int:
    return int(
        getattr(settings, "XLSX_MAX_UNCOMPRESSED_BYTES", DEFAULT_XLSX_MAX_UNCOMPRESSED_BYTES)
    )


def xlsx_archive_check(content: bytes) -> None:
    """Refuse an XLSX (zip) file whose unpacking could exhaust memory or time, from the
    zip directory alone (nothing is decompressed). Raises ``ArchiveRefused``."""
    limit = xlsx_max_uncompressed_bytes()
    max_entries = int(getattr(settings, "XLSX_MAX_ENTRIES", DEFAULT_XLSX_MAX_ENTRIES))
    max_ratio = int(
        getattr(settings, "XLSX_MAX_COMPRESSION_RATIO", DEFAULT_XLSX_MAX_COMPRESSION_RATIO)
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ArchiveRefused(ArchiveProblem.NOT_ZIP, limit) from None
    if not entries:
        raise ArchiveRefused(ArchiveProblem.NOT_ZIP, limit)
    if len(entries) > max_entries:
        raise ArchiveRefused(ArchiveProblem.TOO_MANY_ENTRIES, limit)
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > limit or total > limit:
            raise ArchiveRefused(ArchiveProblem.TOO_LARGE, limit)
        # Small entries may compress very well (a sheet of empty cells); only large ones
        # count. A 10,000-row product sheet compresses about 20 times.
        if entry.file_size > RATIO_FROM_BYTES and entry.file_size > max_ratio * max(
            entry.compress_size, 1
        ):
            raise ArchiveRefused(ArchiveProblem.RATIO, limit)
