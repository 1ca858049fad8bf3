"""Producer statements as files: CSV, XLSX and PDF.

CSV and XLSX hold the same rows: a summary (label, value) block, an empty row, then one
row per order and kind (sale or refund). Labels are gettext messages rendered in
``language`` (Bahasa Indonesia by default); amounts are whole rupiah as plain integers
(formatted ``Rp15.000`` in the PDF).
"""

from __future__ import annotations

import datetime
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
from coop_reporting.exports.tabular import csv_bytes, xlsx_bytes
from coop_reporting.sales.models import SaleFactKind
from coop_reporting.sales.selectors import ProducerStatement, producer_statement
from marketplace.core.exceptions import field_error
from marketplace.core.money import format_rupiah
from marketplace.village_hubs.models import Producer

MAX_PERIOD_DAYS = 366


def _kind_label(kind: str) -> str:
    return _("Sale") if kind == SaleFactKind.SALE else _("Refund")


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
        yield [
            line.booked_on.isoformat(),
            line.order_id,
            _kind_label(line.kind),
            line.quantity,
            line.amount,
        ]


def producer_statement_csv(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as CSV bytes (UTF-8 with BOM, comma-separated)."""
    with translation.override(language):
        return csv_bytes(list(_rows(statement)))


def producer_statement_xlsx(statement: ProducerStatement, *, language: str = "id") -> bytes:
    """The statement as an XLSX workbook (one sheet) in bytes."""
    with translation.override(language):
        return xlsx_bytes([(_("Statement"), list(_rows(statement)))])


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
            rows: list[list[object]] = [[_("Date"), _("Order"), _("Type"), _("Units"), _("Amount")]]
            rows.extend(
                [
                    _date(line.booked_on),
                    line.order_id[:8].upper(),
                    _kind_label(line.kind),
                    str(line.quantity),
                    format_rupiah(line.amount),
                ]
                for line in statement.lines
            )
            story.append(
                pdf.table(
                    rows,
                    widths=(34 * pdf.mm, 30 * pdf.mm, 30 * pdf.mm, 22 * pdf.mm, 40 * pdf.mm),
                    right_columns=(3, 4),
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
