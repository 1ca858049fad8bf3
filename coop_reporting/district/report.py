"""The district report as PDF: what a Dinas Koperasi office reads about its cooperatives.

Title with the region and financial year; totals (cooperatives by activity status and
health category, open warnings by kind, RATs on the year before on time / late / missing,
members, marketplace sales this and last year); charts of marketplace sales by month
(this year against the last) and of cooperatives by health category; then every
cooperative with an open warning and the reasons.

Everything comes from ``supervision.selectors.district_totals`` (four queries whatever the
number of cooperatives) and the summary rows of the flagged cooperatives, read in chunks.
Sales by category are not drawn: the rollups are kept per cooperative only, not per
category, and summing the sale facts of a whole province is not cheap.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import formats
from django.utils.dates import MONTHS_3
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coop_reporting.district import exports as district
from coop_reporting.district import selectors
from coop_reporting.district.exports import DistrictExport, chunks, file_name, flag_text
from coop_reporting.district.models import ActivityStatus, RatYearStatus
from coop_reporting.district.selectors import DistrictTotals
from coop_reporting.exports import pdf
from coop_reporting.exports.registry import BuiltFile
from coop_reporting.rat.services import KSP_HEALTH_RULES
from coop_reporting.rules.loader import load_rules
from coop_reporting.sales import periods
from coop_reporting.sales.selectors import flag_label
from marketplace.core.money import format_rupiah
from marketplace.regions.models import Regency
from marketplace.village_hubs.models import CooperativeJenis

ROWS_PER_TABLE = 100  # long tables split into several: reportlab lays them out faster


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _signed_percent(value: Decimal | None) -> str:
    if value is None:
        return "-"
    sign = "+" if value > 0 else ""
    return f"{sign}{formats.number_format(value, decimal_pos=1)}%"


def _count_axis(value: float) -> str:
    return formats.number_format(value, decimal_pos=0)


def health_categories_in_order(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Every health category of the rules (best first, zeros included), any other
    category found, then the cooperatives not assessed (``""``) when there are any."""
    bands = [band["label"] for band in load_rules(KSP_HEALTH_RULES)["categories"]]
    others = sorted(category for category in counts if category and category not in bands)
    result = [(category, counts.get(category, 0)) for category in [*bands, *others]]
    if counts.get(""):
        result.append(("", counts[""]))
    return result


def _category_label(category: str) -> str:
    return category or _("Not assessed")


def describe_filters(export: DistrictExport) -> list[str]:
    """The list filters of the export, for people (empty when none)."""
    filters = export.filters
    parts = []
    if filters.search:
        parts.append(_("name or NIK “%(search)s”") % {"search": filters.search})
    if filters.jenis:
        labels = [str(CooperativeJenis(value).label) for value in filters.jenis]
        parts.append(_("type: %(values)s") % {"values": ", ".join(labels)})
    if filters.activity_status:
        labels = [str(ActivityStatus(value).label) for value in filters.activity_status]
        parts.append(_("activity: %(values)s") % {"values": ", ".join(labels)})
    if filters.health_category:
        parts.append(
            _("health category: %(values)s") % {"values": ", ".join(filters.health_category)}
        )
    if filters.flags:
        labels = [flag_label(kind) for kind in filters.flags]
        parts.append(_("warnings: %(values)s") % {"values": ", ".join(labels)})
    flags = {
        "flagged": (_("with open warnings"), _("without open warnings")),
        "has_savings_unit": (
            _("with a savings and loan unit"),
            _("without a savings and loan unit"),
        ),
        "merah_putih": (
            _("Merah Putih village cooperatives"),
            _("not Merah Putih village cooperatives"),
        ),
    }
    for name, (yes, no) in flags.items():
        value = getattr(filters, name)
        if value is not None:
            parts.append(yes if value else no)
    return parts


# --- sections ------------------------------------------------------------------------------


def _summary(totals: DistrictTotals) -> list[Any]:
    year = totals.financial_year
    rows = [
        [_("Figure"), _("Value")],
        [_("Cooperatives"), str(totals.cooperatives)],
        [_("Members"), formats.number_format(totals.members, force_grouping=True)],
        [_("Marketplace sales %(year)s") % {"year": year}, format_rupiah(totals.sales_this_year)],
        [
            _("Marketplace sales %(year)s") % {"year": year - 1},
            format_rupiah(totals.sales_previous_year),
        ],
        [
            _("Marketplace sales %(year)s, same period") % {"year": year - 1},
            format_rupiah(totals.sales_previous_year_to_date),
        ],
        [
            _("Change in marketplace sales against the same period"),
            _signed_percent(totals.sales_trend_percent),
        ],
        [_("Cooperatives with open warnings"), str(totals.flagged)],
    ]
    return [
        pdf.heading(_("Summary")),
        pdf.table(rows, widths=(112 * pdf.mm, 60 * pdf.mm), right_columns=(1,)),
    ]


def _counts_table(title: str, rows: list[tuple[str, int]]) -> Any:
    return pdf.table(
        [[title, _("Cooperatives")], *[[label, str(count)] for label, count in rows]],
        widths=(112 * pdf.mm, 60 * pdf.mm),
        right_columns=(1,),
    )


def _statuses(totals: DistrictTotals) -> list[Any]:
    activity = [
        (str(status.label), totals.by_activity_status.get(status.value, 0))
        for status in ActivityStatus
    ]
    health = [
        (_category_label(category), count)
        for category, count in health_categories_in_order(totals.by_health_category)
    ]
    warnings = [(flag_label(kind), count) for kind, count in sorted(totals.by_flag.items())]
    rat = [
        (str(RatYearStatus.ON_TIME.label), totals.rat_on_time),
        (str(RatYearStatus.LATE.label), totals.rat_late),
        (str(RatYearStatus.OVERDUE.label), totals.rat_overdue),
        (str(RatYearStatus.NOT_DUE.label), totals.rat_not_due),
    ]
    story: list[Any] = [
        pdf.heading(_("Cooperatives by activity status")),
        _counts_table(_("Activity status"), activity),
        pdf.heading(_("Cooperatives by health category")),
        pdf.paragraph(
            _("Latest health assessment of the savings and loan units, up to %(year)s.")
            % {"year": totals.financial_year},
            "small",
        ),
        _counts_table(_("Health category"), health),
        pdf.heading(_("Open early warnings")),
    ]
    if warnings:
        story.append(_counts_table(_("Warning"), warnings))
    else:
        story.append(pdf.paragraph(_("No early warnings."), "small"))
    story += [
        pdf.heading(_("RAT on financial year %(year)s") % {"year": totals.financial_year - 1}),
        _counts_table(_("RAT"), rat),
    ]
    return story


def _short_month(month: datetime.date) -> str:
    return str(MONTHS_3[month.month]).title()


def _charts(totals: DistrictTotals) -> list[Any]:
    year = totals.financial_year
    this_year = [month for month in totals.monthly if month.financial_year == year]
    last_year = [month for month in totals.monthly if month.financial_year == year - 1]
    sales = pdf.bar_chart(
        [_short_month(month.month) for month in this_year],
        [
            (str(year - 1), [month.sales for month in last_year]),
            (str(year), [month.sales for month in this_year]),
        ],
        title=_("Marketplace sales by month: %(year)s against %(previous)s")
        % {"year": year, "previous": year - 1},
        palette=(pdf.PALETTE[2], pdf.PALETTE[0]),
    )
    health = health_categories_in_order(totals.by_health_category)
    top = max((count for _category, count in health), default=0)
    categories = pdf.horizontal_bar_chart(
        [_category_label(category) for category, _count in health],
        [(_("Cooperatives"), [count for _category, count in health])],
        value_format=_count_axis,
        value_max=max(5, -(-top // 5) * 5),  # whole numbers on the axis
    )
    months = [[_("Month"), str(year - 1), str(year), _("Orders %(year)s") % {"year": year}]]
    months.extend(
        [
            f"{_short_month(current.month)}",
            format_rupiah(previous.sales),
            format_rupiah(current.sales),
            str(current.orders),
        ]
        for previous, current in zip(last_year, this_year, strict=True)
    )
    return [
        pdf.heading(_("Marketplace sales by month")),
        sales,
        pdf.spacer(2),
        pdf.table(
            months,
            widths=(34 * pdf.mm, 50 * pdf.mm, 50 * pdf.mm, 38 * pdf.mm),
            right_columns=(1, 2, 3),
        ),
        pdf.keep(pdf.heading(_("Cooperatives by health category")), categories),
    ]


def _flagged(export: DistrictExport, totals: DistrictTotals) -> list[Any]:
    story: list[Any] = [
        pdf.heading(_("Cooperatives with open warnings (%(count)s)") % {"count": totals.flagged})
    ]
    rows = (
        export.summaries()
        .filter(~Q(open_flag_kinds=[]))
        .order_by("name", "cooperative_id")
        .only("cooperative_id", "name", "regency_code", "open_flag_kinds")
    )
    regencies = dict(Regency.objects.values_list("code", "name"))
    header = [_("Cooperative"), _("Regency or city"), _("Warnings and reasons")]
    any_rows = False
    pending: list[list[str]] = []

    def flush(count: int) -> None:
        story.append(
            pdf.table([header, *pending[:count]], widths=(50 * pdf.mm, 32 * pdf.mm, 92 * pdf.mm))
        )
        del pending[:count]

    for chunk in chunks(rows.iterator(chunk_size=district.CHUNK_SIZE)):
        flags = selectors.open_flags_of([row.cooperative_id for row in chunk])
        for row in chunk:
            any_rows = True
            pending.append(
                [
                    row.name,
                    regencies.get(row.regency_code, row.regency_code),
                    flag_text(flags[row.cooperative_id]).replace("; ", "\n"),
                ]
            )
            # a table is cut only when enough rows follow, so the last one is never a
            # lone row or two on a page of its own
            if len(pending) >= ROWS_PER_TABLE + pdf.MIN_ROWS_AT_BREAK:
                flush(ROWS_PER_TABLE)
    if pending:
        flush(len(pending))
    if not any_rows:
        story.append(pdf.paragraph(_("No early warnings."), "small"))
    return story


def district_report_pdf(export: DistrictExport) -> BuiltFile:
    totals = selectors.district_totals(
        export.scope,
        financial_year=export.financial_year,
        today=export.as_of,
        filters=export.filters,
    )
    region = export.region_name()
    title = _("Cooperatives of %(region)s, financial year %(year)s") % {
        "region": region,
        "year": export.financial_year,
    }
    start, end = periods.financial_year_bounds(export.financial_year)
    lines = [
        _("District report of the Dinas Koperasi"),
        _("Financial year %(year)s: %(start)s to %(end)s")
        % {
            "year": export.financial_year,
            "start": _day(start),
            "end": _day(end - datetime.timedelta(days=1)),
        },
        _("Activity statuses and RAT deadlines as of %(date)s.") % {"date": _day(export.as_of)},
    ]
    described = describe_filters(export)
    if described:
        lines.append(_("Only cooperatives: %(filters)s.") % {"filters": "; ".join(described)})
    story: list[Any] = [pdf.paragraph(title, "title"), pdf.paragraph("\n".join(lines), "subtitle")]
    for section in (_summary, _statuses, _charts):
        story.extend(section(totals))
    story.extend(_flagged(export, totals))
    content = pdf.render(story, title=title, footer=region)
    name = file_name(export, "pdf", stem=slugify(_("cooperative report")), region=region)
    return BuiltFile(name=name, content=content)


def build_report(parameters: Mapping[str, Any], file_format: str) -> BuiltFile:
    """The district report file (PDF), in the active language."""
    return district_report_pdf(DistrictExport.from_parameters(parameters))
