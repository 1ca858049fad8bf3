"""The member list as a spreadsheet (CSV or XLSX), in the import's columns so it can be
edited and imported elsewhere. The NIK column is written only when asked for (and the
caller checked ``permissions.can_see_member_nik``); text cells pass through
``core.spreadsheets`` so a name typed as a formula never runs; amounts are numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from marketplace.core.spreadsheets import csv_row, xlsx_cell
from marketplace.members.selectors import members_of
from marketplace.village_hubs.models import Cooperative

HEADERS = (
    "no_anggota",
    "nama",
    "nik",
    "jenis_kelamin",
    "desa",
    "tanggal_masuk",
    "status",
    "tanggal_status",
    "telepon",
    "email",
    "simpanan_pokok",
    "simpanan_wajib",
    "simpanan_sukarela",
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(cooperative: Cooperative, with_nik: bool) -> Iterator[list[Any]]:
    for member in members_of(cooperative).iterator(chunk_size=500):
        row = [
            member.number,
            member.name,
            member.nik if with_nik else None,
            member.sex,
            member.village_id,
            member.joined_on,
            member.status,
            member.status_changed_on,
            member.phone,
            member.email,
            member.pokok,
            member.wajib,
            member.sukarela,
        ]
        if not with_nik:
            del row[2]
        yield row


def member_list_file(
    cooperative: Cooperative, *, file_format: str, with_nik: bool = False
) -> tuple[bytes, str]:
    """The file's bytes and content type; ``file_format`` is ``csv`` or ``xlsx``."""
    headers = [h for h in HEADERS if with_nik or h != "nik"]
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in _rows(cooperative, with_nik):
            writer.writerow(csv_row(["" if v is None else v for v in row]))
        return buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    return _xlsx(cooperative, headers, with_nik), XLSX_TYPE


def _xlsx(cooperative: Cooperative, headers: list[str], with_nik: bool) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("anggota")
    sheet.append(headers)
    amounts = {index for index, name in enumerate(headers) if name.startswith("simpanan_")}
    dates = {index for index, name in enumerate(headers) if name.startswith("tanggal_")}
    for row in _rows(cooperative, with_nik):
        cells = []
        for index, value in enumerate(row):
            if index in amounts or (index in dates and value is not None):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = '"Rp"#,##0' if index in amounts else "yyyy-mm-dd"
                cells.append(cell)
            elif isinstance(value, str):
                cells.append(xlsx_cell(sheet, value))  # text stays text (NIK, phone)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
