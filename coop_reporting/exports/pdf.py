"""PDF reports with reportlab: A4 pages, tables and charts (reportlab.graphics).

Text is whatever the caller passes, already translated (the worker renders a report in
the requester's language, Bahasa Indonesia by default); amounts in tables are written as
``format_rupiah`` writes them (``Rp15.000``), chart axes in short form (``Rp1,5 jt``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
PALETTE = (
    colors.HexColor("#1f6f4a"),  # green: marketplace, this year
    colors.HexColor("#e0a526"),  # gold: offline sales, maximum
    colors.HexColor("#8aa6c1"),  # grey-blue: previous year
    colors.HexColor("#b04a3b"),
)
HEADER_BACKGROUND = colors.HexColor("#e8f0eb")

_BASE = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle("LumbungTitle", parent=_BASE["Title"], fontSize=17, leading=21),
    "subtitle": ParagraphStyle(
        "LumbungSubtitle", parent=_BASE["Normal"], fontSize=10.5, leading=14, alignment=TA_LEFT
    ),
    # keepWithNext: a heading never ends a page; it moves on with the chart or table (or
    # that table's first rows) that follows it.
    "heading": ParagraphStyle(
        "LumbungHeading",
        parent=_BASE["Heading2"],
        fontSize=12.5,
        spaceBefore=10,
        spaceAfter=4,
        keepWithNext=1,
    ),
    "body": ParagraphStyle("LumbungBody", parent=_BASE["Normal"], fontSize=9.5, leading=12.5),
    "small": ParagraphStyle(
        "LumbungSmall", parent=_BASE["Normal"], fontSize=8, leading=10, textColor=colors.grey
    ),
    "cell": ParagraphStyle("LumbungCell", parent=_BASE["Normal"], fontSize=8.5, leading=10.5),
}


def paragraph(text: object, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: names may hold ``&`` or ``<``)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), STYLES[style])


def heading(text: str) -> Paragraph:
    return paragraph(text, "heading")


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


MIN_ROWS_AT_BREAK = 3  # body rows a table keeps on each side of a page break


class _Table(Table):
    """A table that splits across pages only where each part keeps at least
    ``MIN_ROWS_AT_BREAK`` body rows (besides the repeated header), so no page holds a
    lone row; a shorter table moves to the next page whole. reportlab makes the parts
    with ``self.__class__``, so they follow the same rule."""

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:  # noqa: N802, N803 (reportlab's names)
        # reportlab's split hook and row heights are its own (private, not in its stubs)
        split_at = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)  # type: ignore[misc]
        rows = len(self._rowHeights)  # type: ignore[attr-defined]
        if split_at >= rows:
            return split_at
        repeat = self.repeatRows
        header = repeat if isinstance(repeat, int) else max(repeat) + 1
        split_at = min(split_at, rows - MIN_ROWS_AT_BREAK)
        if split_at - header < MIN_ROWS_AT_BREAK:
            return 0  # no split here: the table starts on the next page
        return split_at


def table(
    rows: Sequence[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
    header: bool = True,
    right_columns: Sequence[int] = (),
) -> Table:
    """A table of text cells; long text wraps; ``right_columns`` (numbers) are aligned
    right. The header row repeats on every page, and a page break leaves at least
    ``MIN_ROWS_AT_BREAK`` rows on each side."""
    cells = [
        [cell if isinstance(cell, Flowable) else paragraph(cell, "cell") for cell in row]
        for row in rows
    ]
    for row in cells:
        for index in right_columns:
            cell = row[index] if index < len(row) else None
            if isinstance(cell, Paragraph):
                cell.style = ParagraphStyle("LumbungCellRight", parent=STYLES["cell"], alignment=2)
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c5cfc9")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND))
    return _Table(
        cells,
        colWidths=list(widths) if widths else None,
        repeatRows=1 if header else 0,
        style=TableStyle(style),
        hAlign="LEFT",
    )


def short_rupiah(value: float) -> str:
    """Axis labels: ``Rp0``, ``Rp750 rb``, ``Rp1,5 jt``, ``Rp2 M`` (in Indonesian)."""
    amount = Decimal(str(value))
    units = (
        (Decimal(10) ** 12, gettext("T")),  # triliun
        (Decimal(10) ** 9, gettext("B")),  # miliar
        (Decimal(10) ** 6, gettext("M")),  # juta
        (Decimal(10) ** 3, gettext("k")),  # ribu
    )
    for size, suffix in units:
        if abs(amount) >= size:
            number = (amount / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            text = formats.number_format(number.normalize(), use_l10n=True)
            return f"Rp{text} {suffix}"
    return f"Rp{int(amount)}"


def _nice_max(value: float) -> float:
    """A round upper bound for a value axis (1, 2, 2.5 or 5 × a power of ten)."""
    if value <= 0:
        return 10
    power = 1
    while power * 10 <= value:
        power *= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return int(step * power) if step * power >= 10 else step * power
    return 10 * power  # pragma: no cover


def _legend(x: float, y: float, items: Sequence[tuple[colors.Color, str]]) -> Legend:
    legend = Legend()
    # reportlab's stubs type positions and sizes as int; it takes points as floats
    legend.x, legend.y = x, y  # type: ignore[assignment]
    legend.alignment = "right"
    legend.fontName = "Helvetica"
    legend.fontSize = 7.5
    legend.columnMaximum = 1
    legend.variColumn = True  # each column as wide as its text
    legend.deltax = 0
    legend.autoXPadding = 12
    legend.dx = legend.dy = 7
    legend.boxAnchor = "ne"  # (x, y) is the legend's top right corner
    legend.colorNamePairs = list(items)
    return legend


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str = "",
    stacked: bool = False,
    value_format: Callable[[float], str] = short_rupiah,
    height: float = 62 * mm,
    palette: Sequence[colors.Color] = PALETTE,
) -> Drawing:
    """Vertical bars, one group per category, one bar (or stacked block) per series
    (coloured in ``palette`` order)."""
    drawing = Drawing(CONTENT_WIDTH, height)
    if title:
        drawing.add(String(0, height - 10, title, fontName="Helvetica-Bold", fontSize=9.5))
    chart = VerticalBarChart()
    chart.x, chart.y = 52, 30
    # points are floats (reportlab's stubs say int)
    chart.width, chart.height = CONTENT_WIDTH - 60, height - 62  # type: ignore[assignment]
    chart.data = [list(values) for _name, values in series] or [[0] * len(categories)]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 0
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.style = "stacked" if stacked else "parallel"
    totals = (
        [sum(values) for values in zip(*chart.data, strict=True)]
        if stacked
        else [value for values in chart.data for value in values]
    )
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(totals, default=0))
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3df")
    chart.barSpacing = 0.5  # type: ignore[assignment]  # points: floats (stubs: int)
    chart.groupSpacing = 4
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = palette[index % len(palette)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    drawing.add(
        _legend(
            CONTENT_WIDTH,
            height - 2,
            [(palette[i % len(palette)], name) for i, (name, _values) in enumerate(series)],
        )
    )
    return drawing


def horizontal_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str = "",
    value_format: Callable[[float], str] = short_rupiah,
    value_max: float | None = None,
) -> Drawing:
    """Horizontal bars, one row per category (first category on top)."""
    rows = max(len(categories), 1)
    bar_block = 8 * len(series) + 6
    height = rows * bar_block + 58
    drawing = Drawing(CONTENT_WIDTH, height)
    if title:
        drawing.add(String(0, height - 10, title, fontName="Helvetica-Bold", fontSize=9.5))
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 22
    # points are floats (reportlab's stubs say int)
    chart.width, chart.height = CONTENT_WIDTH - 165, height - 58  # type: ignore[assignment]
    # reportlab draws the first category at the bottom: reverse so it reads top-down.
    chart.data = [list(reversed(values)) for _name, values in series]
    chart.categoryAxis.categoryNames = [name[:34] for name in reversed(categories)]
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    top = max((value for _name, values in series for value in values), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = value_max if value_max is not None else _nice_max(top)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3df")
    chart.barSpacing = 1
    chart.groupSpacing = 5
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(
            _legend(
                CONTENT_WIDTH,
                height - 2,
                [(PALETTE[i % len(PALETTE)], name) for i, (name, _values) in enumerate(series)],
            )
        )
    return drawing


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def render(story: Sequence[Flowable], *, title: str, footer: str) -> bytes:
    """The PDF bytes of ``story`` on A4 pages, numbered, with ``footer`` on each page."""
    buffer = io.BytesIO()
    generated = gettext("Made by Lumbung on %(date)s") % {
        "date": formats.date_format(timezone.localdate(), "j F Y")
    }

    def decorate(canvas, document) -> None:  # noqa: ANN001 (reportlab's callback)
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, 10 * mm, f"{footer} · {generated}")
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN, 10 * mm, gettext("Page %(page)s") % {"page": document.page}
        )
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author="Lumbung",
        lang=_language(),
    )
    document.build(list(story), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def _language() -> str:
    from django.utils.translation import get_language

    return get_language() or "id"
