"""Producer statements as files: CSV (UTF-8 with BOM, for spreadsheet apps) and XLSX.

Both hold the same rows: a summary (label, value) block, an empty row, then one row per
order and kind (sale or refund). Labels are gettext messages rendered in ``language``
(Bahasa Indonesia by default); amounts are whole rupiah as plain integers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from coop_reporting.sales.models import SaleFactKind
from coop_reporting.sales.selectors import ProducerStatement


def _rows(statement: ProducerStatement) -> Iterator[list[object]]:
    yield [_("Producer"), statement.producer_name]
    yield [_("Cooperative"), statement.cooperative_name]
    yield [_("From"), statement.starts_on.isoformat()]
    yield [_("Until"), statement.ends_on.isoformat()]
    yield [_("Units sold"), statement.units_sold]
    yield [_("Gross sales (Rp)"), statement.gross_sales]
    yield [_("Units refunded"), statement.units_refunded]
    yield [_("Refunds (Rp)"), statement.refunds]
    yield [_("Net sales (Rp)"), statement.net_sales]
    yield [_("Cooperative fee (%)"), str(statement.fee_percentage)]
    yield [_("Cooperative fee (Rp)"), statement.cooperative_fee]
    yield [_("Owed to the producer (Rp)"), statement.net_owed]
    yield []
    yield [_("Date"), _("Order"), _("Type"), _("Units"), _("Amount (Rp)")]
    for line in statement.lines:
        kind = _("Sale") if line.kind == SaleFactKind.SALE else _("Refund")
        yield [line.booked_on.isoformat(), line.order_id, kind, line.quantity, line.amount]


def producer_statement_csv(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as CSV bytes (UTF-8 with BOM, comma-separated)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    with translation.override(language):
        writer.writerows(_rows(statement))
    return buffer.getvalue().encode("utf-8-sig")


def producer_statement_xlsx(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as an XLSX workbook (one sheet) in bytes."""
    workbook = Workbook()
    sheet = workbook.active
    with translation.override(language):
        sheet.title = _("Statement")[:31]
        for row in _rows(statement):
            sheet.append(row)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 38
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
