"""Spreadsheets people open: cells that cannot run.

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
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?|-")


def looks_like_formula(value: object) -> bool:
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
