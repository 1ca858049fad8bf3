"""Reads: RAT reports a user may see, version history, the current report, health
assessments and a cooperative's activity status (coop-health.md §4)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Field, OuterRef, Q, QuerySet, Subquery

from coop_reporting.rat import deadlines
from coop_reporting.rat.models import (
    HealthAssessment,
    RatDeadlineOverride,
    RatReport,
    RatReportStatus,
)
from coop_reporting.rules import early_warning
from coop_reporting.sales import selectors as sales_selectors
from coop_reporting.supervision.selectors import cooperatives_supervised_by
from marketplace.accounts.models import User
from marketplace.members import selectors as member_selectors
from marketplace.village_hubs import selectors as hub_selectors
from marketplace.village_hubs.models import Cooperative


def rat_reports_visible_to(user: User | AnonymousUser) -> QuerySet[RatReport]:
    """Every version of the reports of the cooperatives the user works for (any role) or
    supervises as a Dinas officer; all reports for platform staff."""
    return RatReport.objects.filter(
        Q(cooperative__in=hub_selectors.cooperatives_managed_by(user))
        | Q(cooperative__in=cooperatives_supervised_by(user))
    )


def rat_reports_for_members(cooperative: Cooperative) -> QuerySet[RatReport]:
    """What the cooperative's members see: each year's latest submitted report, newest
    year first (drafts never)."""
    latest = (
        RatReport.objects.filter(
            cooperative=cooperative,
            financial_year=OuterRef("financial_year"),
            status=RatReportStatus.SUBMITTED,
        )
        .order_by("-version")
        .values("pk")[:1]
    )
    return RatReport.objects.filter(
        cooperative=cooperative, status=RatReportStatus.SUBMITTED, pk=Subquery(latest)
    ).order_by("-financial_year")


BALANCE_SHEET_FIELDS = (
    "current_assets", "fixed_assets", "other_assets", "total_assets", "current_liabilities",
    "long_term_liabilities", "equity_simpanan_pokok", "equity_simpanan_wajib",
    "equity_cadangan", "equity_hibah", "equity_modal_penyertaan",
    "equity_shu_tahun_berjalan", "total_equity", "total_liabilities_and_equity",
)  # fmt: skip
INCOME_STATEMENT_FIELDS = (
    "revenue_members", "revenue_other", "cost_of_revenue", "operating_expenses",
    "cooperative_expenses", "shu_before_tax", "tax", "shu_net",
)  # fmt: skip


def financial_statement_rows(report: RatReport, fields: tuple[str, ...]) -> list[tuple[str, int]]:
    """(label, rupiah) of the report's filled-in amounts among ``fields``, in order."""
    rows = []
    for name in fields:
        value = getattr(report, name)
        if value is not None:
            field = RatReport._meta.get_field(name)
            label = field.verbose_name if isinstance(field, Field) else name
            rows.append((str(label), value))
    return rows


def registry_member_counts(report: RatReport) -> dict[str, int]:
    """The RAT form's member counts from the member registry, to prefill the fields the
    report leaves empty: active members by sex (L/P). Empty when the registry has no
    active member (the cooperative types its counts in)."""
    counts = member_selectors.member_counts(report.cooperative)
    if not counts.active:
        return {}
    registry = {"members_male": counts.active_male, "members_female": counts.active_female}
    return {name: value for name, value in registry.items() if getattr(report, name) is None}


def rat_report_versions(report: RatReport) -> QuerySet[RatReport]:
    """All versions of the report's cooperative and year, oldest first."""
    return RatReport.objects.filter(
        cooperative_id=report.cooperative_id, financial_year=report.financial_year
    ).order_by("version")


def rat_report_current(cooperative: Cooperative, financial_year: int) -> RatReport | None:
    """The latest submitted version for the year, or ``None``."""
    return (
        RatReport.objects.filter(
            cooperative=cooperative,
            financial_year=financial_year,
            status=RatReportStatus.SUBMITTED,
        )
        .order_by("-version")
        .first()
    )


def health_assessment_get(
    cooperative: Cooperative, financial_year: int, rules_id: str | None = None
) -> HealthAssessment | None:
    queryset = HealthAssessment.objects.filter(
        cooperative=cooperative, financial_year=financial_year
    )
    if rules_id:
        queryset = queryset.filter(rules_id=rules_id)
    return queryset.order_by("-computed_at").first()


@dataclass(frozen=True)
class CooperativeStatus:
    """Activity of a cooperative on ``today`` (Kemenkop's *koperasi aktif*, RAT KPIs).

    ``has_recent_sales`` is business activity from the sales area: a marketplace sale
    (not reversed) on ``last_sale_date``, within the no-sales window of the early-warning
    rules (``coop_reporting/rules/early_warning.json``, 60 days) before ``today``.
    ``own_deadline_months``: the cooperative's own RAT deadline in months after the year
    end (its articles), ``None`` when the regulation's applies.
    """

    cooperative_id: int
    today: datetime.date
    last_rat_date: datetime.date | None
    last_rat_financial_year: int | None
    aktif: bool  # an RAT held within the activity window (3 years)
    rat_held_this_year: bool  # an RAT held in today's calendar year
    rat_overdue: bool  # the last closed year's deadline passed without a submitted report
    overdue_financial_year: int | None
    overdue_deadline: datetime.date | None
    days_overdue: int
    has_recent_sales: bool | None
    last_sale_date: datetime.date | None = None
    own_deadline_months: int | None = None
    rat_financial_year: int | None = None  # the last closed financial year
    rat_deadline: datetime.date | None = None  # its RAT's due date (the override's if set)
    rat_reported: bool = False  # a report for it was submitted


def cooperative_status(
    cooperative: Cooperative,
    today: datetime.date,
    *,
    has_recent_sales: bool | None = None,
) -> CooperativeStatus:
    """The cooperative's activity status on ``today``, from its submitted RAT reports and
    its sales rollups (``has_recent_sales`` given by the caller wins over the rollups)."""
    last_sale_date = sales_selectors.cooperative_last_sale_date(cooperative.pk, today)
    if has_recent_sales is None:
        has_recent_sales = (
            last_sale_date is not None
            and (today - last_sale_date).days < early_warning.no_sales_days()
        )
    submitted = RatReport.objects.filter(
        cooperative=cooperative, status=RatReportStatus.SUBMITTED, rat_date__lte=today
    )
    last = submitted.order_by("-rat_date", "-version").only("rat_date", "financial_year").first()
    last_rat_date = last.rat_date if last else None
    window_start = deadlines.active_window_start(today)

    year = deadlines.latest_closed_financial_year(today)
    override = RatDeadlineOverride.objects.filter(cooperative=cooperative).first()
    deadline = deadlines.rat_deadline(
        year, months_after_year_end=override.months_after_year_end if override else None
    )
    reported = RatReport.objects.filter(
        cooperative=cooperative, financial_year=year, status=RatReportStatus.SUBMITTED
    ).exists()
    overdue = today > deadline and not reported
    return CooperativeStatus(
        cooperative_id=cooperative.pk,
        today=today,
        last_rat_date=last_rat_date,
        last_rat_financial_year=last.financial_year if last else None,
        aktif=last_rat_date is not None and last_rat_date >= window_start,
        rat_held_this_year=last_rat_date is not None and last_rat_date.year == today.year,
        rat_overdue=overdue,
        overdue_financial_year=year if overdue else None,
        overdue_deadline=deadline if overdue else None,
        days_overdue=(today - deadline).days if overdue else 0,
        has_recent_sales=has_recent_sales,
        last_sale_date=last_sale_date,
        own_deadline_months=override.months_after_year_end if override else None,
        rat_financial_year=year,
        rat_deadline=deadline,
        rat_reported=reported,
    )
