"""A cooperative's activity profile for one financial year as CSV, XLSX or PDF.

The figures of coop-health.md §4 (marketplace sales, offline sales, volume usaha, orders,
buyers, active producers, member participation, months with sales), the trend against
the previous year, sales by month and by category, the RAT status, open early warnings
and, for savings-and-loan units, the latest health assessment. The PDF draws sales by
month, sales by category and the health aspects as charts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coop_reporting.exports import pdf
from coop_reporting.exports.error_codes import ReportExportErrorCode
from coop_reporting.exports.models import ReportExportFormat
from coop_reporting.exports.registry import BuiltFile, ExportFailed
from coop_reporting.exports.tabular import Row, csv_bytes, xlsx_bytes
from coop_reporting.rat import selectors as rat_selectors
from coop_reporting.rat.models import HealthAssessment
from coop_reporting.sales import periods
from coop_reporting.sales import selectors as sales_selectors
from coop_reporting.sales.models import CooperativeFlag
from marketplace.core.exceptions import field_error
from marketplace.core.money import format_rupiah
from marketplace.village_hubs.models import Cooperative

FIRST_YEAR = 2000
TOP_CATEGORIES = 12


@dataclass(frozen=True)
class CooperativeProfileReport:
    cooperative: Cooperative
    profile: sales_selectors.CooperativeActivityProfile
    trend: sales_selectors.ActivityTrend
    months: list[sales_selectors.MonthlySales]
    categories: list[sales_selectors.CategorySales]
    status: rat_selectors.CooperativeStatus
    flags: list[CooperativeFlag]
    health: HealthAssessment | None


def cooperative_profile_report(cooperative: Cooperative, year: int) -> CooperativeProfileReport:
    """Everything the profile report shows (about fifteen queries)."""
    profile = sales_selectors.cooperative_activity_profile(cooperative, year)
    previous = sales_selectors.cooperative_activity_profile(cooperative, year - 1)
    health = (
        HealthAssessment.objects.filter(cooperative=cooperative, is_assessable=True)
        .order_by("-financial_year", "-computed_at")
        .first()
    )
    return CooperativeProfileReport(
        cooperative=cooperative,
        profile=profile,
        trend=sales_selectors.cooperative_activity_trend(profile, previous),
        months=sales_selectors.cooperative_sales_by_month(cooperative, year),
        categories=sales_selectors.cooperative_sales_by_category(cooperative, year),
        status=rat_selectors.cooperative_status(cooperative, timezone.localdate()),
        flags=sales_selectors.cooperative_open_flags(cooperative),
        health=health,
    )


# --- rows shared by CSV and XLSX -----------------------------------------------------------


def _yes_no(value: bool | None) -> str:
    if value is None:
        return "-"
    return _("Yes") if value else _("No")


def _percent(value: Decimal | None) -> str:
    return "-" if value is None else formats.number_format(value, decimal_pos=1)


def _day(value: datetime.date | None) -> str:
    return "-" if value is None else formats.date_format(value, "j F Y")


def _participation(profile: sales_selectors.CooperativeActivityProfile) -> Decimal | None:
    share = profile.member_participation
    return None if share is None else share * 100


def _summary_rows(report: CooperativeProfileReport) -> list[list[object]]:
    cooperative, profile, trend = report.cooperative, report.profile, report.trend
    return [
        [_("Cooperative"), cooperative.name],
        [_("Type"), cooperative.get_jenis_display()],
        [_("Cooperative registration number (NIK)"), cooperative.nomor_induk_koperasi or "-"],
        [_("Financial year"), profile.financial_year],
        [_("From"), profile.starts_on.isoformat()],
        [_("Until"), profile.ends_on.isoformat()],
        [_("Marketplace sales (Rp)"), profile.marketplace_sales],
        [_("Offline sales (Rp)"), profile.offline_sales],
        [_("Business volume (Rp)"), profile.volume_usaha],
        [_("Units sold"), profile.units_sold],
        [_("Orders"), profile.orders],
        [_("Buyers"), profile.buyers],
        [_("Repeat buyers"), profile.repeat_buyers],
        [_("Active producers"), profile.active_producers],
        [_("Members"), profile.member_count if profile.member_count is not None else "-"],
        [_("Member participation (%)"), _percent(_participation(profile))],
        [_("Months with sales"), profile.months_with_sales],
        [_("Business volume a year earlier (Rp)"), trend.previous_volume_usaha],
        [_("Change in business volume (%)"), _percent(trend.volume_usaha_change_percent)],
        [_("Marketplace sales a year earlier (Rp)"), trend.previous_marketplace_sales],
        [_("Change in marketplace sales (%)"), _percent(trend.marketplace_sales_change_percent)],
        [_("Orders a year earlier"), trend.previous_orders],
        [_("Change in orders (%)"), _percent(trend.orders_change_percent)],
        [_("Buyers a year earlier"), trend.previous_buyers],
        [_("Change in buyers (%)"), _percent(trend.buyers_change_percent)],
        [_("Active cooperative (RAT in the last three years)"), _yes_no(report.status.aktif)],
        [_("Last RAT"), _day(report.status.last_rat_date)],
        [_("RAT overdue"), _yes_no(report.status.rat_overdue)],
    ]


def _month_name(month: datetime.date) -> str:
    return f"{MONTHS[month.month]} {month.year}"


def _month_rows(report: CooperativeProfileReport) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            _("Month"),
            _("Marketplace sales (Rp)"),
            _("Offline sales (Rp)"),
            _("Business volume (Rp)"),
            _("Orders"),
            _("Units sold"),
            _("Business volume a year earlier (Rp)"),
        ]
    ]
    rows.extend(
        [
            month.month.strftime("%Y-%m"),
            month.marketplace_sales,
            month.offline_sales,
            month.volume_usaha,
            month.orders,
            month.units_sold,
            month.previous_year_volume_usaha,
        ]
        for month in report.months
    )
    return rows


def _category_rows(report: CooperativeProfileReport) -> list[list[object]]:
    rows: list[list[object]] = [[_("Category"), _("Units sold"), _("Marketplace sales (Rp)")]]
    rows.extend([item.name, item.units_sold, item.sales] for item in report.categories)
    return rows


def _number(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _health_rows(report: CooperativeProfileReport) -> list[list[object]]:
    health = report.health
    if health is None:
        return [[_("No health assessment (only for savings and loan units).")]]
    rows: list[list[object]] = [
        [_("Financial year"), health.financial_year],
        [_("Regulation"), health.regulation or health.rules_id],
        [_("Total score"), str(health.total)],
        [_("Category"), health.category],
        [],
        [_("Aspect"), _("Weight"), _("Score"), _("Category")],
    ]
    rows.extend(
        [aspect["name"], aspect["weight"], aspect["skor"], aspect["category"]]
        for aspect in health.aspects
    )
    return rows


def _flag_rows(report: CooperativeProfileReport) -> list[list[object]]:
    rows: list[list[object]] = [[_("Warning"), _("Reason"), _("Since")]]
    rows.extend(
        [sales_selectors.flag_label(flag.kind), flag.reason, timezone.localdate(flag.raised_at)]
        for flag in report.flags
    )
    return rows


def _sections(report: CooperativeProfileReport) -> list[tuple[str, list[list[object]]]]:
    return [
        (_("Summary"), _summary_rows(report)),
        (_("Sales by month"), _month_rows(report)),
        (_("Sales by category"), _category_rows(report)),
        (_("Health"), _health_rows(report)),
        (_("Early warnings"), _flag_rows(report)),
    ]


def _csv_rows(report: CooperativeProfileReport) -> Iterator[Row]:
    yield [_("Cooperative activity profile")]
    for index, (title, rows) in enumerate(_sections(report)):
        if index:
            yield []
            yield [title]
        yield from (
            [value.isoformat() if isinstance(value, datetime.date) else value for value in row]
            for row in rows
        )


def profile_csv(report: CooperativeProfileReport) -> bytes:
    """Sections one after the other, each but the summary under its title row."""
    return csv_bytes(list(_csv_rows(report)))


def profile_xlsx(report: CooperativeProfileReport) -> bytes:
    """One sheet per section."""
    return xlsx_bytes(_sections(report), widths=(40, 24, 20, 20, 14, 14, 24))


# --- PDF -----------------------------------------------------------------------------------


def _short_month(month: datetime.date) -> str:
    return f"{str(MONTHS_3[month.month]).title()} {month:%y}"


def _pdf_summary(report: CooperativeProfileReport) -> list[Any]:
    profile, trend = report.profile, report.trend
    rows = [
        [_("Figure"), str(profile.financial_year), str(trend.previous_financial_year), _("Change")],
        [
            _("Marketplace sales"),
            format_rupiah(profile.marketplace_sales),
            format_rupiah(trend.previous_marketplace_sales),
            _signed_percent(trend.marketplace_sales_change_percent),
        ],
        [_("Offline sales"), format_rupiah(profile.offline_sales), "", ""],
        [
            _("Business volume"),
            format_rupiah(profile.volume_usaha),
            format_rupiah(trend.previous_volume_usaha),
            _signed_percent(trend.volume_usaha_change_percent),
        ],
        [
            _("Orders"),
            str(profile.orders),
            str(trend.previous_orders),
            _signed_percent(trend.orders_change_percent),
        ],
        [
            _("Buyers"),
            str(profile.buyers),
            str(trend.previous_buyers),
            _signed_percent(trend.buyers_change_percent),
        ],
        [_("Repeat buyers"), str(profile.repeat_buyers), "", ""],
        [_("Units sold"), str(profile.units_sold), "", ""],
        [
            _("Active producers"),
            str(profile.active_producers),
            str(trend.previous_active_producers),
            _signed_percent(trend.active_producers_change_percent),
        ],
        [
            _("Member participation"),
            "-"
            if profile.member_participation is None
            else f"{_percent(_participation(profile))}%",
            "",
            "",
        ],
        [_("Months with sales"), f"{profile.months_with_sales} / 12", "", ""],
    ]
    return [
        pdf.heading(_("Business activity")),
        pdf.table(
            rows,
            widths=(62 * pdf.mm, 40 * pdf.mm, 40 * pdf.mm, 30 * pdf.mm),
            right_columns=(1, 2, 3),
        ),
    ]


def _signed_percent(value: Decimal | None) -> str:
    if value is None:
        return "-"
    sign = "+" if value > 0 else ""
    return f"{sign}{_percent(value)}%"


def _pdf_status(report: CooperativeProfileReport) -> list[Any]:
    status = report.status
    rows = [
        [_("Active cooperative (RAT in the last three years)"), _yes_no(status.aktif)],
        [_("RAT held this year"), _yes_no(status.rat_held_this_year)],
        [_("Last RAT"), _day(status.last_rat_date)],
        [_("RAT overdue"), _yes_no(status.rat_overdue)],
    ]
    story: list[Any] = [
        pdf.heading(_("RAT and early warnings")),
        pdf.table(rows, widths=(110 * pdf.mm, 62 * pdf.mm), header=False),
    ]
    if report.flags:
        story.append(pdf.spacer(2))
        story.append(
            pdf.table(
                [[_("Warning"), _("Reason")]]
                + [[sales_selectors.flag_label(f.kind), f.reason] for f in report.flags],
                widths=(40 * pdf.mm, 132 * pdf.mm),
            )
        )
    else:
        story.append(pdf.paragraph(_("No early warnings."), "small"))
    return story


def _pdf_months(report: CooperativeProfileReport) -> list[Any]:
    months = report.months
    chart = pdf.bar_chart(
        [_short_month(m.month) for m in months],
        [
            (_("Marketplace sales"), [m.marketplace_sales for m in months]),
            (_("Offline sales"), [m.offline_sales for m in months]),
        ],
        stacked=True,
    )
    rows = [
        [_("Month"), _("Marketplace sales"), _("Offline sales"), _("Business volume"), _("Orders")]
    ]
    rows.extend(
        [
            _month_name(m.month),
            format_rupiah(m.marketplace_sales),
            format_rupiah(m.offline_sales),
            format_rupiah(m.volume_usaha),
            str(m.orders),
        ]
        for m in months
    )
    return [
        pdf.heading(_("Sales by month")),
        chart,
        pdf.spacer(2),
        pdf.table(
            rows,
            widths=(36 * pdf.mm, 38 * pdf.mm, 36 * pdf.mm, 38 * pdf.mm, 24 * pdf.mm),
            right_columns=(1, 2, 3, 4),
        ),
    ]


def _pdf_categories(report: CooperativeProfileReport) -> list[Any]:
    story: list[Any] = [pdf.heading(_("Sales by category"))]
    if not report.categories:
        story.append(pdf.paragraph(_("No marketplace sales in this financial year.")))
        return story
    top = report.categories[:TOP_CATEGORIES]
    story.append(
        pdf.horizontal_bar_chart(
            [item.name for item in top],
            [(_("Marketplace sales"), [item.sales for item in top])],
        )
    )
    rows = [[_("Category"), _("Units sold"), _("Marketplace sales")]]
    rows.extend(
        [item.name, str(item.units_sold), format_rupiah(item.sales)] for item in report.categories
    )
    story.append(
        pdf.table(rows, widths=(92 * pdf.mm, 30 * pdf.mm, 50 * pdf.mm), right_columns=(1, 2))
    )
    return story


def _pdf_health(report: CooperativeProfileReport) -> list[Any]:
    health = report.health
    story: list[Any] = [pdf.heading(_("Health of the savings and loan unit"))]
    if health is None:
        story.append(pdf.paragraph(_("No health assessment (only for savings and loan units).")))
        return story
    aspects = health.aspects
    story.append(
        pdf.paragraph(
            _("Financial year %(year)s, %(regulation)s: total score %(total)s, %(category)s.")
            % {
                "year": health.financial_year,
                "regulation": health.regulation or health.rules_id,
                # an assessable assessment has a total (a database constraint)
                "total": formats.number_format(health.total, decimal_pos=2)
                if health.total is not None
                else "",
                "category": health.category,
            }
        )
    )
    story.append(
        pdf.horizontal_bar_chart(
            [aspect["name"] for aspect in aspects],
            [
                (_("Score"), [float(_number(a["skor"]) or 0) for a in aspects]),
                (_("Weight"), [float(_number(a["weight"]) or 0) for a in aspects]),
            ],
            title=_("Health aspects: score against weight"),
            value_format=lambda value: formats.number_format(value, decimal_pos=0),
        )
    )
    rows = [[_("Aspect"), _("Weight"), _("Score"), _("Category")]]
    rows.extend(
        [
            aspect["name"],
            formats.number_format(_number(aspect["weight"]) or 0, decimal_pos=2),
            formats.number_format(_number(aspect["skor"]) or 0, decimal_pos=2),
            aspect["category"],
        ]
        for aspect in aspects
    )
    story.append(
        pdf.table(
            rows,
            widths=(72 * pdf.mm, 28 * pdf.mm, 28 * pdf.mm, 44 * pdf.mm),
            right_columns=(1, 2),
        )
    )
    return story


def profile_pdf(report: CooperativeProfileReport) -> bytes:
    cooperative, profile = report.cooperative, report.profile
    title = _("Cooperative activity profile")
    subtitle = "\n".join(
        [
            f"{cooperative.name} ({cooperative.get_jenis_display()})",
            _("Financial year %(year)s: %(start)s to %(end)s")
            % {
                "year": profile.financial_year,
                "start": _day(profile.starts_on),
                "end": _day(profile.ends_on),
            },
        ]
    )
    story: list[Any] = [pdf.paragraph(title, "title"), pdf.paragraph(subtitle, "subtitle")]
    for section in (_pdf_summary, _pdf_status, _pdf_months, _pdf_categories, _pdf_health):
        story.extend(section(report))
    return pdf.render(story, title=f"{title}: {cooperative.name}", footer=cooperative.name)


# --- the export kind ---------------------------------------------------------------------


def _current_year() -> int:
    return periods.financial_year_of(timezone.localdate())


def clean(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Checks a request: ``cooperative_id`` (required), ``financial_year`` (default: the
    current one; from 2000 to the current one). Errors on ``cooperative`` and
    ``financial_year``."""
    cooperative_id = parameters.get("cooperative_id")
    if cooperative_id is None:
        raise field_error("cooperative", _("Choose a cooperative."), ReportExportErrorCode.REQUIRED)
    if not Cooperative.objects.filter(pk=cooperative_id).exists():
        raise field_error(
            "cooperative",
            _("Couldn't find the object with this ID."),
            ReportExportErrorCode.NOT_FOUND,
        )
    year = parameters.get("financial_year")
    current = _current_year()
    if year is None:
        year = current
    if not FIRST_YEAR <= year <= current:
        raise field_error(
            "financial_year",
            _("Choose a financial year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": current},
            ReportExportErrorCode.INVALID,
        )
    return {"cooperative_id": cooperative_id, "financial_year": year}


def build(parameters: Mapping[str, Any], file_format: str) -> BuiltFile:
    """The profile file, in the active language."""
    cooperative = Cooperative.objects.filter(pk=parameters["cooperative_id"]).first()
    if cooperative is None:
        raise ExportFailed(_("The cooperative no longer exists."))
    year = int(parameters["financial_year"])
    report = cooperative_profile_report(cooperative, year)
    writer = {
        ReportExportFormat.CSV.value: profile_csv,
        ReportExportFormat.XLSX.value: profile_xlsx,
        ReportExportFormat.PDF.value: profile_pdf,
    }[file_format]
    stem = slugify(_("cooperative profile"))
    name = f"{stem}-{slugify(cooperative.name) or cooperative.pk}-{year}.{file_format}"
    return BuiltFile(name=name, content=writer(report))
