"""A year's SHU shares as a spreadsheet (CSV or XLSX): one row per member with the
inputs, both parts and the explanation. Amounts are numbers (the average savings with
two decimals); text goes through ``core.spreadsheets`` so a name typed as a formula
never runs. No NIK is ever written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from coop_reporting.shu.explanation import share_explanation
from coop_reporting.shu.selectors import ShuYear, rupiah_exact
from marketplace.core.spreadsheets import csv_row, xlsx_cell

HEADERS = (
    "no_anggota",
    "nama",
    "rata_rata_simpanan",
    "pembelian",
    "penjualan_produsen",
    "transaksi_offline",
    "jumlah_transaksi",
    "jasa_modal",
    "jasa_usaha",
    "jumlah_shu",
    "keterangan",
)
AMOUNT_COLUMNS = frozenset(range(2, 10))
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(year: ShuYear) -> Iterator[list[Any]]:
    for share in year.members:
        yield [
            share.number,
            share.name,
            rupiah_exact(share.average_savings),
            share.purchases,
            share.producer_sales,
            share.offline,
            share.transactions,
            share.capital.amount,
            share.patronage.amount,
            share.total,
            " ".join(share_explanation(year, share)),
        ]


def shu_year_file(year: ShuYear, *, file_format: str) -> tuple[bytes, str]:
    """The file's bytes and content type; ``file_format`` is ``csv`` or ``xlsx``."""
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADERS)
        for row in _rows(year):
            writer.writerow(csv_row(row))
        return buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    return _xlsx(year), XLSX_TYPE


def _xlsx(year: ShuYear) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(f"shu-{year.financial_year}")
    sheet.append(list(HEADERS))
    for row in _rows(year):
        cells: list[Any] = []
        for index, value in enumerate(row):
            if index in AMOUNT_COLUMNS:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = '"Rp"#,##0.00' if index == 2 else '"Rp"#,##0'
                cells.append(cell)
            elif isinstance(value, str):
                cells.append(xlsx_cell(sheet, value))
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
