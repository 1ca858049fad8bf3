"""Producer statements as files: CSV, XLSX and PDF.

CSV and XLSX hold the same rows: a summary (label, value) block, an empty row, then one
row per order line and kind (sale or refund) with the order's number and the product (and
variant) sold. Labels are gettext messages rendered in ``language`` (Bahasa Indonesia by
default); amounts are whole rupiah: plain integers in CSV, numbers shown as ``Rp15.000``
in XLSX (dates are date cells there), ``Rp15.000`` text in the PDF.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coop_reporting.exports import pdf
from coop_reporting.exports.error_codes import ReportExportErrorCode
from coop_reporting.exports.models import ReportExportFormat
from coop_reporting.exports.registry import BuiltFile, ExportFailed
from coop_reporting.exports.tabular import DATE_XLSX_FORMAT, RUPIAH_XLSX_FORMAT, csv_bytes
from coop_reporting.sales.models import SaleFactKind
from coop_reporting.sales.selectors import ProducerStatement, producer_statement
from marketplace.core.exceptions import field_error
from marketplace.core.money import format_rupiah
from marketplace.core.spreadsheets import first_worksheet, xlsx_cell
from marketplace.village_hubs.models import Producer

MAX_PERIOD_DAYS = 366


def _kind_label(kind: str) -> str:
    return _("Sale") if kind == SaleFactKind.SALE else _("Refund")


MONEY, DATE = "money", "date"


def _typed_rows(statement: ProducerStatement) -> Iterator[tuple[list[object], dict[int, str]]]:
    """Each row with the kinds of its typed cells (column index → ``MONEY`` or ``DATE``)."""
    money = {1: MONEY}
    yield [_("Producer"), statement.producer_name], {}
    yield [_("Cooperative"), statement.cooperative_name], {}
    yield [_("From"), statement.starts_on], {1: DATE}
    yield [_("Until"), statement.ends_on], {1: DATE}
    yield [_("Units sold"), statement.units_sold], {}
    yield [_("Gross sales (Rp)"), statement.gross_sales], money
    yield [_("Units refunded"), statement.units_refunded], {}
    yield [_("Refunds (Rp)"), statement.refunds], money
    yield [_("Net sales (Rp)"), statement.net_sales], money
    yield [_("Cooperative fee (%)"), str(statement.fee_percentage)], {}
    yield [_("Cooperative fee (Rp)"), statement.cooperative_fee], money
    yield [_("Owed to the producer (Rp)"), statement.net_owed], money
    yield [], {}
    yield [_("Date"), _("Order"), _("Product"), _("Type"), _("Units"), _("Amount (Rp)")], {}
    for line in statement.lines:
        yield (
            [
                line.booked_on,
                line.order_number,
                line.product_label,
                _kind_label(line.kind),
                line.quantity,
                line.amount,
            ],
            {0: DATE, 5: MONEY},
        )


def producer_statement_csv(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as CSV bytes (UTF-8 with BOM, comma-separated; dates as
    YYYY-MM-DD, amounts as plain whole rupiah)."""
    with translation.override(language):
        return csv_bytes(
            [
                [value.isoformat() if isinstance(value, datetime.date) else value for value in row]
                for row, _kinds in _typed_rows(statement)
            ]
        )


def producer_statement_xlsx(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as an XLSX workbook (one sheet) in bytes: dates are date cells,
    amounts numbers shown in rupiah (``RUPIAH_XLSX_FORMAT``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    number_formats = {MONEY: RUPIAH_XLSX_FORMAT, DATE: DATE_XLSX_FORMAT}
    with translation.override(language):
        workbook = Workbook()
        sheet = first_worksheet(workbook)
        sheet.title = _("Statement")
        header_row = 0
        for number, (row, kinds) in enumerate(_typed_rows(statement), start=1):
            sheet.append([xlsx_cell(sheet, value) for value in row])
            for index, kind in kinds.items():
                sheet.cell(row=number, column=index + 1).number_format = number_formats[kind]
            if row and row[0] == _("Date"):
                header_row = number
        for cell in sheet[header_row] if header_row else ():
            cell.font = Font(bold=True)
        for letter, width in zip("ABCDEF", (28, 38, 40, 12, 8, 16), strict=True):
            sheet.column_dimensions[letter].width = width
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _date(day: datetime.date) -> str:
    from django.utils import formats

    return formats.date_format(day, "j F Y")


def producer_statement_pdf(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as a PDF: the summary, then every sale and refund."""
    with translation.override(language):
        title = _("Producer statement")
        period = _("Period: %(start)s to %(end)s") % {
            "start": _date(statement.starts_on),
            "end": _date(statement.ends_on),
        }
        summary = [
            [_("Units sold"), str(statement.units_sold)],
            [_("Gross sales"), format_rupiah(statement.gross_sales)],
            [_("Units refunded"), str(statement.units_refunded)],
            [_("Refunds"), format_rupiah(statement.refunds)],
            [_("Net sales"), format_rupiah(statement.net_sales)],
            [
                _("Cooperative fee (%(percentage)s%%)")
                % {"percentage": _percentage(statement.fee_percentage)},
                format_rupiah(statement.cooperative_fee),
            ],
            [_("Owed to the producer"), format_rupiah(statement.net_owed)],
        ]
        story: list[Any] = [
            pdf.paragraph(title, "title"),
            pdf.paragraph(
                f"{statement.producer_name}\n{_('Cooperative')}: {statement.cooperative_name}"
                f"\n{period}",
                "subtitle",
            ),
            pdf.spacer(),
            pdf.heading(_("Summary")),
            pdf.table(summary, widths=(95 * pdf.mm, 60 * pdf.mm), header=False, right_columns=(1,)),
            pdf.heading(_("Sales and refunds")),
        ]
        if statement.lines:
            rows: list[list[object]] = [
                [_("Date"), _("Order"), _("Product"), _("Type"), _("Units"), _("Amount")]
            ]
            rows.extend(
                [
                    _date(line.booked_on),
                    "" if line.order_number is None else f"#{line.order_number}",
                    line.product_label,
                    _kind_label(line.kind),
                    str(line.quantity),
                    format_rupiah(line.amount),
                ]
                for line in statement.lines
            )
            story.append(
                pdf.table(
                    rows,
                    widths=[width * pdf.mm for width in (27, 17, 56, 20, 13, 27)],
                    right_columns=(4, 5),
                )
            )
        else:
            story.append(pdf.paragraph(_("No sales or refunds in this period.")))
        return pdf.render(story, title=title, footer=statement.producer_name)


def _percentage(value: Decimal) -> str:
    """``10`` for 10.00, ``2,5`` for 2.50 (in Indonesian)."""
    from django.utils import formats

    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return formats.number_format(value.normalize())


# --- the export kind ---------------------------------------------------------------------


def clean(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Checks a request: ``producer_id`` (required), ``starts_on`` ≤ ``ends_on`` (both
    required, at most ``MAX_PERIOD_DAYS`` days). Errors on the request's fields
    ``producer``, ``from``, ``until``."""
    producer_id = parameters.get("producer_id")
    if producer_id is None:
        raise field_error("producer", _("Choose a producer."), ReportExportErrorCode.REQUIRED)
    producer = Producer.objects.filter(pk=producer_id).first()
    if producer is None:
        raise field_error(
            "producer", _("Couldn't find the object with this ID."), ReportExportErrorCode.NOT_FOUND
        )
    starts_on, ends_on = parameters.get("starts_on"), parameters.get("ends_on")
    if starts_on is None:
        raise field_error(
            "from", _("Enter the first day of the period."), ReportExportErrorCode.REQUIRED
        )
    if ends_on is None:
        raise field_error(
            "until", _("Enter the last day of the period."), ReportExportErrorCode.REQUIRED
        )
    if ends_on < starts_on:
        raise field_error(
            "until",
            _("The end of the period is before its start."),
            ReportExportErrorCode.INVALID_PERIOD,
        )
    if (ends_on - starts_on).days + 1 > MAX_PERIOD_DAYS:
        raise field_error(
            "until",
            _("A statement covers at most %(days)s days.") % {"days": MAX_PERIOD_DAYS},
            ReportExportErrorCode.INVALID_PERIOD,
        )
    return {
        "producer_id": producer.pk,
        "cooperative_id": producer.cooperative_id,
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
    }


def build(parameters: Mapping[str, Any], file_format: str) -> BuiltFile:
    """The statement file, in the active language."""
    producer = (
        Producer.objects.select_related("cooperative").filter(pk=parameters["producer_id"]).first()
    )
    if producer is None:
        raise ExportFailed(_("The producer no longer exists."))
    starts_on = datetime.date.fromisoformat(parameters["starts_on"])
    ends_on = datetime.date.fromisoformat(parameters["ends_on"])
    statement = producer_statement(producer, starts_on, ends_on)
    language = translation.get_language() or "id"
    writer = {
        ReportExportFormat.CSV.value: producer_statement_csv,
        ReportExportFormat.XLSX.value: producer_statement_xlsx,
        ReportExportFormat.PDF.value: producer_statement_pdf,
    }[file_format]
    stem = slugify(_("producer statement"))
    name = f"{stem}-{slugify(producer.name) or producer.pk}-{starts_on:%Y%m%d}-{ends_on:%Y%m%d}"
    return BuiltFile(name=f"{name}.{file_format}", content=writer(statement, language=language))
