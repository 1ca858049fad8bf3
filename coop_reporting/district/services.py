"""Writes of the district view's projection: the reporting summaries.

``reporting_summaries_refresh`` recomputes the reporting columns of some cooperatives'
summary rows from the rollups, RAT reports, health assessments and open flags; it runs on
``coop_reporting.signals.cooperative_figures_changed``, which the sales and RAT
services send right after their own writes, in their transaction (received in ``apps``).
``reporting_summaries_rebuild`` does the same for every cooperative (``manage.py
rebuild_reporting`` and the nightly task, which also moves the rows to a new financial
year). Both run one SQL statement, so the incremental and the full path cannot drift.

Concurrency: a refresh first locks the summary rows (in cooperative order), then reads
the sources in a new statement. Whoever refreshes a row last therefore sees every write
committed by the refreshes before it, so a sale and an RAT submitted at the same moment
cannot overwrite each other's figures.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from coop_reporting.district import selectors
from coop_reporting.district.models import (
    CooperativeMonthSales,
    CooperativeReportingSummary,
    RegionMonthSales,
)
from coop_reporting.rat.models import HealthAssessment, RatReport, RatReportStatus
from coop_reporting.sales import periods
from coop_reporting.sales.models import CooperativeFlag, SalesRollup
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)

SUMMARY_COLUMNS = (
    "cooperative_id",
    "name",
    "nomor_induk_koperasi",
    "jenis",
    "is_merah_putih",
    "has_savings_unit",
    "is_active",
    "member_count",
    "regency_code",
    "province_code",
    "sales_this_year",
    "sales_previous_year",
    "sales_previous_year_to_date",
    "sales_trend_percent",
    "orders_this_year",
    "sales_by_year",
    "orders_by_year",
    "last_sale_date",
    "last_rat_date",
    "rat_date",
    "rat_days_late",
    "health_financial_year",
    "health_category",
    "health_score",
    "open_flag_kinds",
    "refreshed_at",
    "months_regency_code",
)


# long: one SQL statement (the summaries' upsert and the region totals' change), read as a
# whole; split into Python pieces it would no longer read as the query the database runs
def _summary_sql(*, only_some: bool) -> str:
    summary = CooperativeReportingSummary._meta.db_table
    cooperatives = Cooperative._meta.db_table
    rollups = SalesRollup._meta.db_table
    reports = RatReport._meta.db_table
    health = HealthAssessment._meta.db_table
    flags = CooperativeFlag._meta.db_table
    where = "WHERE c.id = ANY(%(ids)s)" if only_some else ""
    months = _months_sql() if only_some else ""
    updates = ",\n            ".join(
        f"{column} = EXCLUDED.{column}" for column in SUMMARY_COLUMNS[1:]
    )
    return f"""
        {months}
        INSERT INTO {summary} AS s ({", ".join(SUMMARY_COLUMNS)})
        SELECT
            c.id, c.name, c.nomor_induk_koperasi, c.jenis, c.is_merah_putih,
            c.has_savings_unit, c.is_active, c.member_count,
            left(c.village_id, 5), left(c.village_id, 2),
            COALESCE(cur.gross_amount, 0),
            COALESCE(prev.gross_amount, 0),
            ytd.sales,
            round((COALESCE(cur.gross_amount, 0) - ytd.sales) * 100.0
                  / NULLIF(ytd.sales, 0), 1),
            COALESCE(cur.orders, 0),
            COALESCE(years.sales, '{{}}'),
            COALESCE(years.orders, '{{}}'),
            (SELECT max(d.period_start) FROM {rollups} d
             WHERE d.scope = 'cooperative' AND d.scope_id = c.id AND d.period = 'day'
               AND d.orders > 0),
            (SELECT max(r.rat_date) FROM {reports} r
             WHERE r.cooperative_id = c.id AND r.status = %(submitted)s),
            rat.rat_date,
            rat.days_late,
            h.financial_year,
            COALESCE(h.category, ''),
            h.total,
            COALESCE(
                (SELECT array_agg(f.kind ORDER BY f.kind) FROM {flags} f
                 WHERE f.cooperative_id = c.id AND f.cleared_at IS NULL),
                '{{}}'),
            %(now)s,
            left(c.village_id, 5)
        FROM {cooperatives} c
        LEFT JOIN {rollups} cur
            ON cur.scope = 'cooperative' AND cur.scope_id = c.id AND cur.period = 'year'
           AND cur.period_start = %(this_start)s
        LEFT JOIN {rollups} prev
            ON prev.scope = 'cooperative' AND prev.scope_id = c.id AND prev.period = 'year'
           AND prev.period_start = %(previous_start)s
        LEFT JOIN LATERAL (
            -- the previous year up to the same day a year ago: its whole months, then the
            -- days of that day's month (at most 12 + 31 rollup rows per cooperative)
            SELECT COALESCE(sum(p.gross_amount), 0) AS sales FROM {rollups} p
            WHERE p.scope = 'cooperative' AND p.scope_id = c.id
              AND ((p.period = 'month' AND p.period_start >= %(previous_start)s
                    AND p.period_start < %(year_ago_month)s)
                   OR (p.period = 'day' AND p.period_start >= %(year_ago_month)s
                       AND p.period_start >= %(previous_start)s
                       AND p.period_start <= %(year_ago)s))
        ) ytd ON TRUE
        LEFT JOIN LATERAL (
            SELECT jsonb_object_agg(y.period_start::text, y.gross_amount) AS sales,
                   jsonb_object_agg(y.period_start::text, y.orders) AS orders
            FROM {rollups} y
            WHERE y.scope = 'cooperative' AND y.scope_id = c.id AND y.period = 'year'
        ) years ON TRUE
        LEFT JOIN LATERAL (
            SELECT r.rat_date, r.days_late FROM {reports} r
            WHERE r.cooperative_id = c.id AND r.financial_year = %(rat_year)s
              AND r.status = %(submitted)s
            ORDER BY r.version DESC LIMIT 1
        ) rat ON TRUE
        LEFT JOIN LATERAL (
            SELECT a.financial_year, a.category, a.total FROM {health} a
            WHERE a.cooperative_id = c.id AND a.is_assessable
              AND a.financial_year <= %(year)s
            ORDER BY a.financial_year DESC, a.computed_at DESC LIMIT 1
        ) h ON TRUE
        {where}
        ORDER BY c.id
        ON CONFLICT (cooperative_id) DO UPDATE SET
            {updates}
    """


def _months_sql() -> str:
    """CTEs run with a refresh (same statement): the cooperatives' month rollups replace
    their rows in ``CooperativeMonthSales``, and each region's ``RegionMonthSales`` row
    changes by the difference (old rows under the region they were counted in, new ones
    under the cooperative's current one), in region and month order. A refresh that
    changes no month (RAT, health, flags) writes nothing there."""
    summary = CooperativeReportingSummary._meta.db_table
    rollups = SalesRollup._meta.db_table
    counted = CooperativeMonthSales._meta.db_table
    regions = RegionMonthSales._meta.db_table
    return f"""
        WITH new_month AS (
            SELECT r.scope_id AS cooperative_id, r.period_start AS month,
                   t.regency_code, t.province_code, r.gross_amount AS sales, r.orders
            FROM {rollups} r JOIN {summary} t ON t.cooperative_id = r.scope_id
            WHERE r.scope = 'cooperative' AND r.period = 'month' AND r.scope_id = ANY(%(ids)s)
        ), old_month AS (
            SELECT cooperative_id, month, regency_code, province_code, sales, orders
            FROM {counted} WHERE cooperative_id = ANY(%(ids)s)
        ), change AS (
            SELECT region_code, month, SUM(sales) AS sales, SUM(orders) AS orders,
                   SUM(sellers) AS sellers
            FROM (
                SELECT n.regency_code AS region_code, n.month, n.sales, n.orders,
                       (n.orders > 0)::int AS sellers FROM new_month n
                UNION ALL
                SELECT n.province_code, n.month, n.sales, n.orders, (n.orders > 0)::int
                FROM new_month n
                UNION ALL
                SELECT o.regency_code, o.month, -o.sales, -o.orders, -(o.orders > 0)::int
                FROM old_month o
                UNION ALL
                SELECT o.province_code, o.month, -o.sales, -o.orders, -(o.orders > 0)::int
                FROM old_month o
            ) AS d
            GROUP BY region_code, month
            HAVING SUM(sales) <> 0 OR SUM(orders) <> 0 OR SUM(sellers) <> 0
        ), region_changed AS (
            INSERT INTO {regions} AS g (region_code, month, sales, orders, cooperatives_with_sales)
            SELECT region_code, month, sales, orders, sellers FROM change
            ORDER BY region_code, month
            ON CONFLICT (region_code, month) DO UPDATE SET
                sales = g.sales + EXCLUDED.sales,
                orders = g.orders + EXCLUDED.orders,
                cooperatives_with_sales = g.cooperatives_with_sales
                    + EXCLUDED.cooperatives_with_sales
            RETURNING 1
        ), month_gone AS (
            DELETE FROM {counted} m
            WHERE m.cooperative_id = ANY(%(ids)s)
              AND NOT EXISTS (SELECT 1 FROM new_month n
                              WHERE n.cooperative_id = m.cooperative_id AND n.month = m.month)
            RETURNING 1
        ), month_counted AS (
            INSERT INTO {counted} AS m
                (cooperative_id, month, regency_code, province_code, sales, orders)
            SELECT cooperative_id, month, regency_code, province_code, sales, orders
            FROM new_month
            ON CONFLICT (cooperative_id, month) DO UPDATE SET
                regency_code = EXCLUDED.regency_code,
                province_code = EXCLUDED.province_code,
                sales = EXCLUDED.sales,
                orders = EXCLUDED.orders
            WHERE (m.regency_code, m.province_code, m.sales, m.orders)
                IS DISTINCT FROM (EXCLUDED.regency_code, EXCLUDED.province_code,
                                  EXCLUDED.sales, EXCLUDED.orders)
            RETURNING 1
        )
    """


def _months_rebuild(cursor) -> None:
    """Count every cooperative's months again (``reporting_summaries_rebuild``)."""
    summary = CooperativeReportingSummary._meta.db_table
    rollups = SalesRollup._meta.db_table
    counted = CooperativeMonthSales._meta.db_table
    regions = RegionMonthSales._meta.db_table
    cursor.execute(f"TRUNCATE {counted}, {regions}")
    cursor.execute(
        f"""
        INSERT INTO {counted} (cooperative_id, month, regency_code, province_code, sales, orders)
        SELECT r.scope_id, r.period_start, t.regency_code, t.province_code, r.gross_amount,
               r.orders
        FROM {rollups} r JOIN {summary} t ON t.cooperative_id = r.scope_id
        WHERE r.scope = 'cooperative' AND r.period = 'month'
        ORDER BY r.scope_id, r.period_start
        """
    )
    cursor.execute(
        f"""
        INSERT INTO {regions} (region_code, month, sales, orders, cooperatives_with_sales)
        SELECT region_code, month, SUM(sales), SUM(orders), COUNT(*) FILTER (WHERE orders > 0)
        FROM (
            SELECT regency_code AS region_code, month, sales, orders FROM {counted}
            UNION ALL
            SELECT province_code, month, sales, orders FROM {counted}
        ) AS m
        GROUP BY region_code, month
        ORDER BY region_code, month
        """
    )
    cursor.execute(f"ANALYZE {counted}, {regions}")


# what the summary SQL's named parameters take (dates and times, numbers, text, id lists)
_SqlParams = dict[str, datetime.date | int | str | list[int]]


def _params(today: datetime.date | None) -> _SqlParams:
    day = today or selectors.local_today()
    year = selectors.current_financial_year(day)
    year_ago = same_day_a_year_earlier(day)
    return {
        "year_ago": year_ago,
        "year_ago_month": periods.month_start(year_ago),
        "year": year,
        "rat_year": year - 1,
        "this_start": periods.financial_year_start(year),
        "previous_start": periods.financial_year_start(year - 1),
        "submitted": RatReportStatus.SUBMITTED.value,
        "now": timezone.now(),
    }


def same_day_a_year_earlier(day: datetime.date) -> datetime.date:
    """The same day one year before (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def reporting_summaries_refresh(
    cooperative_ids: Iterable[int], *, today: datetime.date | None = None
) -> int:
    """Recompute the summary rows of these cooperatives (the financial year of ``today``,
    by default the current one); returns how many rows were written. Cheap enough to call
    after every write that changes a figure: a handful of index lookups per cooperative.
    """
    ids = sorted({int(pk) for pk in cooperative_ids})
    if not ids:
        return 0
    summary = CooperativeReportingSummary._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT cooperative_id FROM {summary} WHERE cooperative_id = ANY(%s) "
            "ORDER BY cooperative_id FOR UPDATE",
            [ids],
        )
        params: _SqlParams = {**_params(today), "ids": ids}
        cursor.execute(_summary_sql(only_some=True), params)
        return cursor.rowcount


def reporting_summaries_rebuild(*, today: datetime.date | None = None) -> int:
    """Recompute every cooperative's summary row (and add missing ones); the row count.

    Locks the summaries against other writers while it runs (reads go on), so refreshes
    waiting behind it recompute their rows on top of the rebuilt ones.
    """
    summary = CooperativeReportingSummary._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {summary} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(_summary_sql(only_some=False), _params(today))
        count = cursor.rowcount
        _months_rebuild(cursor)
    logger.info("coop_reporting_summaries_rebuilt", extra={"cooperatives": count})
    return count


def summaries_refresh_on_change(sender: object, cooperative_ids: Iterable[int], **kwargs) -> None:
    """``cooperative_figures_changed`` receiver: refresh those cooperatives' rows."""
    reporting_summaries_refresh(cooperative_ids)
