"""Reads of the district view: the list of a supervisor's cooperatives, its totals and
monthly trends, and the statuses they show.

Whom a viewer supervises is ``coop_reporting.supervision`` (``SupervisionScope``). The
district list and totals read ``CooperativeReportingSummary`` (one row per cooperative)
and, for the monthly trends, the month rollups; never the sale facts. For the current
financial year every figure is a column of the summary (indexed). Another financial year
is answered from the year rollups, RAT reports and health assessments with one indexed
lookup per cooperative, under the same annotation names, so filters, sorts and totals
work the same way for any year.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf, Round
from django.utils import timezone

from coop_reporting.district.models import (
    ActivityStatus,
    CooperativeReportingSummary,
    RatYearStatus,
    RegionMonthSales,
)
from coop_reporting.rat import deadlines
from coop_reporting.rat.models import (
    HealthAssessment,
    RatDeadlineOverride,
    RatReport,
    RatReportStatus,
)
from coop_reporting.sales import periods
from coop_reporting.sales.models import CooperativeFlag, SalesRollup
from coop_reporting.supervision.selectors import SupervisionScope

PERCENT_PLACES = Decimal("0.1")


# --- statuses ----------------------------------------------------------------------------


def local_today() -> datetime.date:
    """Today in the project's time zone: the day statuses and the current year refer to."""
    return timezone.localdate()


def current_financial_year(today: datetime.date | None = None) -> int:
    """The financial year ``today`` lies in (``COOP_FINANCIAL_YEAR_START_MONTH``)."""
    return periods.financial_year_of(today or local_today())


def recent_sales_since(today: datetime.date) -> datetime.date:
    """A sale after this day is recent business activity (the no-sales warning's window)."""
    return today - datetime.timedelta(days=int(settings.COOP_WARNING_NO_SALES_DAYS))


def activity_status(
    last_rat_date: datetime.date | None, last_sale_date: datetime.date | None, today: datetime.date
) -> ActivityStatus:
    """The ``ActivityStatus`` of a cooperative on ``today``."""
    rat = last_rat_date is not None and last_rat_date >= deadlines.active_window_start(today)
    sales = last_sale_date is not None and last_sale_date > recent_sales_since(today)
    if rat and sales:
        return ActivityStatus.ACTIVE
    if rat:
        return ActivityStatus.NO_RECENT_SALES
    if sales:
        return ActivityStatus.NO_RECENT_RAT
    return ActivityStatus.INACTIVE


def _activity_q(status: str, today: datetime.date) -> Q:
    rat = Q(last_rat_date__gte=deadlines.active_window_start(today))
    sales = Q(last_sale_date__gt=recent_sales_since(today))
    return {
        ActivityStatus.ACTIVE: rat & sales,
        ActivityStatus.NO_RECENT_SALES: rat & ~sales,
        ActivityStatus.NO_RECENT_RAT: ~rat & sales,
        ActivityStatus.INACTIVE: ~rat & ~sales,
    }[ActivityStatus(status)]


def rat_deadline(financial_year: int, months_after_year_end: int | None) -> datetime.date:
    """The RAT deadline of ``financial_year``: the regulation's, or the cooperative's own
    number of months after the year end."""
    return deadlines.rat_deadline(financial_year, months_after_year_end=months_after_year_end)


def rat_year_status(
    rat_date: datetime.date | None,
    days_late: int | None,
    deadline: datetime.date,
    today: datetime.date,
) -> RatYearStatus:
    """The ``RatYearStatus`` of a year's RAT from its report (date, days late) and deadline."""
    if rat_date is not None:
        return RatYearStatus.LATE if (days_late or 0) > 0 else RatYearStatus.ON_TIME
    return RatYearStatus.OVERDUE if today > deadline else RatYearStatus.NOT_DUE


def _overrides() -> QuerySet[RatDeadlineOverride]:
    return RatDeadlineOverride.objects.filter(cooperative_id=OuterRef("cooperative_id"))


def _rat_deadline_passed_q(rat_year: int, today: datetime.date) -> Q:
    """Rows whose deadline for the RAT on ``rat_year`` has passed by ``today``: the
    default deadline, or the cooperative's own number of months (1–12, a model
    constraint). Subqueries, not joins, so counting rows joins nothing."""
    passed = [m for m in range(1, 13) if today > rat_deadline(rat_year, m)]
    condition = Q(Exists(_overrides().filter(months_after_year_end__in=passed)))
    if today > rat_deadline(rat_year, None):
        condition |= ~Q(Exists(_overrides()))
    return condition


def _percent_change(current: int, previous: int) -> Decimal | None:
    if not previous:
        return None
    change = Decimal(current - previous) * 100 / Decimal(previous)
    return change.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


# --- the district list ---------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictFilters:
    """Filters of the district list; ``None`` (or empty) means "any"."""

    regency: str | None = None
    province: str | None = None
    search: str | None = None
    jenis: Sequence[str] = ()
    activity_status: Sequence[str] = ()
    health_category: Sequence[str] = ()
    flags: Sequence[str] = ()
    flagged: bool | None = None
    has_savings_unit: bool | None = None
    merah_putih: bool | None = None


# Annotation names the list, its sorts and the totals read, for any financial year.
YEAR_FIELDS = (
    "fy_sales",
    "fy_previous_sales",
    "fy_previous_sales_to_date",
    "fy_trend",
    "fy_orders",
    "fy_rat_date",
    "fy_rat_days_late",
    "fy_health_year",
    "fy_health_category",
    "fy_health_score",
)


def _current_year_annotations() -> dict[str, object]:
    return {
        "fy_sales": F("sales_this_year"),
        "fy_previous_sales": F("sales_previous_year"),
        "fy_previous_sales_to_date": F("sales_previous_year_to_date"),
        "fy_trend": F("sales_trend_percent"),
        "fy_orders": F("orders_this_year"),
        "fy_rat_date": F("rat_date"),
        "fy_rat_days_late": F("rat_days_late"),
        "fy_health_year": F("health_financial_year"),
        "fy_health_category": F("health_category"),
        "fy_health_score": F("health_score"),
    }


def _other_year_annotations(financial_year: int) -> dict[str, object]:
    """The same figures for another year: sales and orders from the summary row's
    figures by year, RAT and health from the sources, one lookup per cooperative (each
    on a foreign-key index)."""
    money: BigIntegerField[int, int] = BigIntegerField()

    def of_year(column: str, year: int) -> Coalesce:
        start = periods.financial_year_start(year).isoformat()
        return Coalesce(Cast(KeyTextTransform(start, column), money), 0, output_field=money)

    sales = of_year("sales_by_year", financial_year)
    previous = of_year("sales_by_year", financial_year - 1)
    rat = RatReport.objects.filter(
        cooperative_id=OuterRef("cooperative_id"),
        financial_year=financial_year - 1,
        status=RatReportStatus.SUBMITTED,
    ).order_by("-version")
    health = HealthAssessment.objects.filter(
        cooperative_id=OuterRef("cooperative_id"),
        is_assessable=True,
        financial_year__lte=financial_year,
    ).order_by("-financial_year", "-computed_at")
    percent: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=1)
    return {
        "fy_sales": sales,
        "fy_previous_sales": previous,
        "fy_previous_sales_to_date": previous,  # a closed year is compared whole
        "fy_trend": Round(
            ExpressionWrapper(
                (sales - previous) * Value(Decimal(100)) / NullIf(previous, 0),
                output_field=DecimalField(),
            ),
            1,
            output_field=percent,
        ),
        "fy_orders": of_year("orders_by_year", financial_year),
        "fy_rat_date": Subquery(rat.values("rat_date")[:1]),
        "fy_rat_days_late": Subquery(rat.values("days_late")[:1]),
        "fy_health_year": Subquery(health.values("financial_year")[:1]),
        "fy_health_category": Coalesce(Subquery(health.values("category")[:1]), Value("")),
        "fy_health_score": Subquery(health.values("total")[:1]),
    }


def _rat_status_annotation(financial_year: int, today: datetime.date) -> Case:
    return Case(
        When(
            Q(fy_rat_date__isnull=False, fy_rat_days_late__gt=0),
            then=Value(RatYearStatus.LATE.value),
        ),
        When(fy_rat_date__isnull=False, then=Value(RatYearStatus.ON_TIME.value)),
        When(
            _rat_deadline_passed_q(financial_year - 1, today),
            then=Value(RatYearStatus.OVERDUE.value),
        ),
        default=Value(RatYearStatus.NOT_DUE.value),
    )


def district_summaries(
    scope: SupervisionScope,
    *,
    financial_year: int,
    today: datetime.date,
    filters: DistrictFilters | None = None,
) -> QuerySet[CooperativeReportingSummary]:
    """The summary rows of the cooperatives in ``scope`` that pass ``filters``, annotated
    with ``YEAR_FIELDS`` for ``financial_year``, ``fy_rat_status`` (the RAT on the year
    before) and ``rat_deadline_months`` (the cooperative's own deadline, if any).

    A region filter outside the scope gives no rows (it narrows the scope, never widens
    it). Unordered: the caller sorts.
    """
    queryset = CooperativeReportingSummary.objects.all()
    if scope.is_empty:
        return queryset.none()
    queryset = queryset.filter(scope.summaries_q())
    if financial_year == current_financial_year(today):
        queryset = queryset.annotate(**_current_year_annotations())
    else:
        queryset = queryset.annotate(**_other_year_annotations(financial_year))
    queryset = queryset.annotate(
        fy_rat_status=_rat_status_annotation(financial_year, today),
        rat_deadline_months=Subquery(_overrides().values("months_after_year_end")[:1]),
    )
    return _filter(queryset, filters or DistrictFilters(), today)


def _filter(
    queryset: QuerySet[CooperativeReportingSummary], filters: DistrictFilters, today: datetime.date
) -> QuerySet[CooperativeReportingSummary]:
    if filters.regency:
        queryset = queryset.filter(regency_code=filters.regency)
    if filters.province:
        queryset = queryset.filter(province_code=filters.province)
    search = (filters.search or "").strip()
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(nomor_induk_koperasi__startswith=search)
        )
    if filters.jenis:
        queryset = queryset.filter(jenis__in=list(filters.jenis))
    if filters.activity_status:
        condition = Q(pk__in=[])
        for status in filters.activity_status:
            condition |= _activity_q(status, today)
        queryset = queryset.filter(condition)
    if filters.health_category:
        # a Q: the plugin checks filter() keywords against the model's fields, and the
        # fy_* annotations come from a per-year dict it cannot see
        queryset = queryset.filter(Q(fy_health_category__in=list(filters.health_category)))
    if filters.flags:
        queryset = queryset.filter(open_flag_kinds__overlap=list(filters.flags))
    if filters.flagged is not None:
        flagged = ~Q(open_flag_kinds=[])
        queryset = queryset.filter(flagged if filters.flagged else ~flagged)
    if filters.has_savings_unit is not None:
        queryset = queryset.filter(has_savings_unit=filters.has_savings_unit)
    if filters.merah_putih is not None:
        queryset = queryset.filter(is_merah_putih=filters.merah_putih)
    return queryset


def open_flags_of(cooperative_ids: Sequence[int]) -> dict[int, list[CooperativeFlag]]:
    """The open flags of several cooperatives (oldest first), in one query."""
    grouped: dict[int, list[CooperativeFlag]] = {pk: [] for pk in cooperative_ids}
    flags = CooperativeFlag.objects.filter(
        cooperative_id__in=list(cooperative_ids), cleared_at__isnull=True
    ).order_by("raised_at", "pk")
    for flag in flags:
        grouped[flag.cooperative_id].append(flag)
    return grouped


# --- district totals and monthly trends ----------------------------------------------------


@dataclass(frozen=True)
class MonthTrend:
    month: datetime.date  # first day
    financial_year: int
    sales: int  # marketplace sales, whole rupiah, net of reversals
    orders: int
    cooperatives_with_sales: int


@dataclass(frozen=True)
class DistrictTotals:
    """Totals of the cooperatives of a scope for ``financial_year`` (amounts in rupiah).

    ``rat_*`` count the RAT on the previous financial year (held during this one).
    ``by_health_category`` maps the category of the latest assessment ("" when none).
    ``monthly`` has one entry per month of the previous and this financial year.
    """

    financial_year: int
    cooperatives: int
    members: int
    by_activity_status: dict[str, int]
    by_health_category: dict[str, int]
    flagged: int
    by_flag: dict[str, int]
    sales_this_year: int
    sales_previous_year: int
    sales_previous_year_to_date: int  # the same period of the previous year
    sales_trend_percent: Decimal | None  # this year against that same period
    rat_on_time: int
    rat_late: int
    rat_overdue: int
    rat_not_due: int
    monthly: list[MonthTrend]


def district_totals(
    scope: SupervisionScope,
    *,
    financial_year: int,
    today: datetime.date,
    filters: DistrictFilters | None = None,
) -> DistrictTotals:
    """Totals and monthly trends of the cooperatives in ``scope`` passing ``filters``:
    four queries whatever the number of cooperatives (totals, health categories, flag
    kinds, months)."""
    rows = district_summaries(scope, financial_year=financial_year, today=today, filters=filters)
    counts = {
        f"status_{status.value}": Count("pk", filter=_activity_q(status, today))
        for status in ActivityStatus
    } | {
        f"rat_{status.value}": Count("pk", filter=Q(fy_rat_status=status.value))
        for status in RatYearStatus
    }
    totals = rows.aggregate(
        cooperatives=Count("pk"),
        members=Coalesce(Sum("member_count"), 0),
        sales=Coalesce(Sum("fy_sales"), 0),
        previous=Coalesce(Sum("fy_previous_sales"), 0),
        previous_to_date=Coalesce(Sum("fy_previous_sales_to_date"), 0),
        flagged=Count("pk", filter=~Q(open_flag_kinds=[])),
        **counts,
    )
    by_health = dict(
        rows.order_by()
        # fy_health_category is an annotation from a per-year dict the plugin cannot see
        .values_list("fy_health_category")  # type: ignore[misc]
        .annotate(n=Count("pk"))
        .values_list("fy_health_category", "n")
    )
    by_flag = _flag_counts(rows)
    sales, previous = int(totals["sales"]), int(totals["previous"])
    previous_to_date = int(totals["previous_to_date"])
    return DistrictTotals(
        financial_year=financial_year,
        cooperatives=totals["cooperatives"],
        members=int(totals["members"]),
        by_activity_status={s.value: totals[f"status_{s.value}"] for s in ActivityStatus},
        by_health_category=by_health,
        flagged=totals["flagged"],
        by_flag=by_flag,
        sales_this_year=sales,
        sales_previous_year=previous,
        sales_previous_year_to_date=previous_to_date,
        sales_trend_percent=_percent_change(sales, previous_to_date),
        rat_on_time=totals[f"rat_{RatYearStatus.ON_TIME.value}"],
        rat_late=totals[f"rat_{RatYearStatus.LATE.value}"],
        rat_overdue=totals[f"rat_{RatYearStatus.OVERDUE.value}"],
        rat_not_due=totals[f"rat_{RatYearStatus.NOT_DUE.value}"],
        monthly=_monthly_trends(rows, scope, filters, financial_year=financial_year),
    )


def _flag_counts(rows: QuerySet[CooperativeReportingSummary]) -> dict[str, int]:
    """Cooperatives per open flag kind: one query grouping the unnested flag arrays."""
    sql, params = rows.order_by().values("open_flag_kinds").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, COUNT(*) FROM ({sql}) AS rows, unnest(rows.open_flag_kinds) AS kind "
            "GROUP BY kind ORDER BY kind",
            params,
        )
        return dict(cursor.fetchall())


def _trend_months(financial_year: int) -> tuple[datetime.date, datetime.date]:
    """The first month of the previous financial year and the end of this one."""
    _this_start, end = periods.financial_year_bounds(financial_year)
    return periods.financial_year_start(financial_year - 1), end


def _month_trends(by_month: dict, start: datetime.date, end: datetime.date) -> list[MonthTrend]:
    months = []
    month = start
    while month < end:
        row = by_month.get(month, {})
        months.append(
            MonthTrend(
                month=month,
                financial_year=periods.financial_year_of(month),
                sales=int(row.get("month_sales") or 0),
                orders=int(row.get("month_orders") or 0),
                cooperatives_with_sales=int(row.get("sellers") or 0),
            )
        )
        month = periods.add_months(month, 1)
    return months


def regions_of(scope: SupervisionScope, filters: DistrictFilters | None) -> list[str] | None:
    """Regency and province codes whose cooperatives are exactly those of ``scope``
    passing ``filters``, none inside another ("*" standing for every province), or None
    when a filter other than the region narrows the cooperatives."""
    filters = filters or DistrictFilters()
    if filters != DistrictFilters(regency=filters.regency, province=filters.province):
        return None
    if scope.is_empty:
        return []
    if filters.regency:
        inside = filters.province is None or filters.regency[:2] == filters.province
        return [filters.regency] if inside and scope.covers(filters.regency) else []
    if scope.everything:
        return [filters.province] if filters.province else ["*"]
    provinces = set(scope.province_codes)
    regencies = {code for code in scope.regency_codes if code[:2] not in provinces}
    if filters.province:
        if filters.province in provinces:
            return [filters.province]
        return sorted(code for code in regencies if code[:2] == filters.province)
    return sorted(provinces | regencies)


def _monthly_trends(
    rows: QuerySet[CooperativeReportingSummary],
    scope: SupervisionScope,
    filters: DistrictFilters | None,
    *,
    financial_year: int,
) -> list[MonthTrend]:
    """The monthly trends of ``rows``: for whole regions (``regions_of``) from their
    month totals (``RegionMonthSales``, a few dozen rows), unless a cooperative moved to
    another regency since its months were counted; otherwise from the cooperatives'
    month rollups (``district_monthly_trends``). The same figures either way."""
    regions = regions_of(scope, filters)
    if regions is None:
        return district_monthly_trends(rows, financial_year=financial_year)
    start, end = _trend_months(financial_year)
    summary = CooperativeReportingSummary._meta.db_table
    region = "region_code ~ '^[0-9]{2}$'" if regions == ["*"] else "region_code = ANY(%s)"
    # One query: the regions' months, and whether a cooperative moved since its months
    # were counted (then the months are added up from the cooperatives instead).
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT EXISTS (SELECT 1 FROM {summary} s WHERE {_MOVED}), months.*
            FROM (SELECT 1) AS one
            LEFT JOIN (
                SELECT month, SUM(sales), SUM(orders), SUM(cooperatives_with_sales)
                FROM {RegionMonthSales._meta.db_table}
                WHERE {region} AND month >= %s AND month < %s
                GROUP BY month
            ) AS months ON TRUE
            """,
            ([] if regions == ["*"] else [regions]) + [start, end],
        )
        found = cursor.fetchall()
    if found[0][0]:
        return district_monthly_trends(rows, financial_year=financial_year)
    by_month = {
        month: {"month_sales": sales, "month_orders": orders, "sellers": sellers}
        for _moved, month, sales, orders, sellers in found
        if month is not None
    }
    return _month_trends(by_month, start, end)


# Cooperatives moved to another regency since their months were counted (until their
# next refresh or the nightly rebuild; a partial index of normally no rows).
_MOVED = "s.months_regency_code <> '' AND s.months_regency_code <> s.regency_code"


def _moved_cooperatives_pending() -> bool:
    """Whether a cooperative moved to another regency since its months were counted
    (until its next refresh or the nightly rebuild; an index of normally no rows)."""
    return CooperativeReportingSummary.objects.filter(
        ~Q(months_regency_code="") & ~Q(months_regency_code=F("regency_code"))
    ).exists()


def district_monthly_trends(
    rows: QuerySet[CooperativeReportingSummary], *, financial_year: int
) -> list[MonthTrend]:
    """Per month of the previous and this financial year: marketplace sales, orders and
    cooperatives with sales of the cooperatives in ``rows``, from the month rollups in one
    grouped query (months without sales are zeros)."""
    start, end = _trend_months(financial_year)
    grouped = (
        SalesRollup.objects.filter(
            scope=SalesRollup.Scope.COOPERATIVE,
            period=SalesRollup.Period.MONTH,
            period_start__gte=start,
            period_start__lt=end,
            scope_id__in=rows.order_by().values("cooperative_id"),
        )
        .order_by()
        .values("period_start")
        .annotate(
            month_sales=Sum("gross_amount"),
            month_orders=Sum("orders"),
            sellers=Count("pk", filter=Q(orders__gt=0)),
        )
    )
    return _month_trends({row["period_start"]: row for row in grouped}, start, end)
