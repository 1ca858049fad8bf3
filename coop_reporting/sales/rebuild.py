"""Rebuilding cooperative sales reporting from orders (``manage.py rebuild_reporting``).

The rebuild trusts orders, never the reporting tables: every paid line is loaded into a
temporary table with one SQL statement (``marketplace.orders.reporting``'s
``paid_order_lines_query``, which computes hub-local dates and buyer keys in the
database), compared with the facts, and what is missing is recorded:

* a few orders without sales (lost notifications): one by one through
  ``services.order_sales_record``, as the worker would;
* many (a first recording of a whole history): in one ``INSERT … SELECT``; into an empty
  ledger without its indexes and foreign keys, which are made again afterwards (the way
  PostgreSQL's manual advises to populate a table: about five times faster here);
* units refunded but not reversed yet: per order through ``order_sales_record``.

Facts are never deleted: reversals stay history. Then every rollup is recomputed from
the facts in SQL (``_rebuild_rollups_from_facts``), an independent path from the
incremental one, which the tests compare it with. Only what reports read is kept
(``models``): the cooperatives' days, months and financial years, and their buyers per
financial year; producer and hub stay on the facts.
"""

from __future__ import annotations

import datetime
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop_reporting.sales import periods
from coop_reporting.sales.models import (
    RollupBuyer,
    SaleFact,
    SaleFactKind,
    SalesRollup,
)
from coop_reporting.sales.services import FACT_COLUMNS, order_sales_record
from marketplace.orders.reporting import PAID_LINE_COLUMNS, paid_order_lines_query

logger = logging.getLogger(__name__)

EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# Settings of the rebuild's own transactions (``SET LOCAL``; nothing else sees them):
# memory for its sorts and groupings (the server's default, 4 MB, makes grouping millions
# of facts spill to disk many times over) and for making indexes again; both cores for
# its scans and index builds; and commits that do not wait for the disk (a rebuild that
# a crash interrupts is run again, and any later commit flushes its writes first).
REBUILD_SETTINGS = {
    "work_mem": "256MB",
    "maintenance_work_mem": "512MB",
    "max_parallel_workers_per_gather": "2",
    "max_parallel_maintenance_workers": "2",
    "synchronous_commit": "off",
}
# A rebuild records orders without sales one by one (``order_sales_record``, a few ms
# each) while they are at most this share of the paid lines; beyond, it records every
# missing sale in one statement (some µs each).
REBUILD_ONE_BY_ONE_SHARE = 0.01
# What the rebuild does, in order; ``reporting_rebuild`` names each as it starts.
REBUILD_STEPS = (
    _("Loading paid order lines"),
    _("Recording missing sales"),
    _("Reversing refunds"),
    _("Computing rollups"),
)
PAID_TABLE = "coop_rebuild_paid"  # temporary: this connection's paid lines


@dataclass(frozen=True)
class ReportingRebuilt:
    lines_seen: int
    sales_added: int
    orders_reconciled: int
    rollups: int


@contextmanager
def timed_step(name: str) -> Iterator[None]:
    """Log how long the block took, at INFO (``coop_sales_rebuild_step step=… seconds=…``):
    where a rebuild's time goes, for operators and the benchmark."""
    started = time.monotonic()
    yield
    seconds = round(time.monotonic() - started, 2)
    logger.info("coop_sales_rebuild_step", extra={"step": name, "seconds": seconds})


def _tune(cursor) -> None:
    """``REBUILD_SETTINGS`` for the current transaction only."""
    for setting, value in REBUILD_SETTINGS.items():
        cursor.execute("SELECT set_config(%s, %s, true)", [setting, value])


# --- paid lines ---------------------------------------------------------------------------


def _load_paid_lines(end: datetime.datetime) -> int:
    """Every line paid before ``end`` (``PAID_LINE_COLUMNS``) into the temporary table
    ``coop_rebuild_paid``, indexed by line, in one ``CREATE TABLE … AS`` (the database may
    scan orders on both cores); the number of lines."""
    lines_sql, params = paid_order_lines_query(EPOCH, end)
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{PAID_TABLE}")
        with timed_step("paid_lines_load"):
            cursor.execute(
                f"CREATE TEMP TABLE {PAID_TABLE} AS SELECT * FROM ({lines_sql}) AS paid "
                f"({', '.join(PAID_LINE_COLUMNS)})",
                params,
            )
        count = cursor.rowcount  # CREATE TABLE … AS reports the rows it wrote
        with timed_step("paid_lines_index"):
            cursor.execute(f"CREATE INDEX ON {PAID_TABLE} (line_id)")
            cursor.execute(f"ANALYZE {PAID_TABLE}")
    return count


def _orders_missing_sales(limit: int) -> list[uuid.UUID]:
    """Up to ``limit`` orders with a paid line that has no sale fact."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT DISTINCT p.order_id FROM {PAID_TABLE} p
            WHERE NOT EXISTS (
                SELECT 1 FROM {SaleFact._meta.db_table} f
                WHERE f.order_line_id = p.line_id AND f.kind = %s
            )
            ORDER BY p.order_id
            LIMIT %s
            """,
            [SaleFactKind.SALE.value, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _orders_with_refunds() -> list[uuid.UUID]:
    """Orders with a line refunded in part (``coop_rebuild_paid``): after a ledger was
    filled from that table alone, the lines whose refunds have no reversal yet, as
    ``_orders_with_unrecorded_refunds`` would find them without reading every fact."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT order_id FROM {PAID_TABLE} WHERE quantity_refunded > 0 "
            "ORDER BY order_id"
        )
        return [row[0] for row in cursor.fetchall()]


def _orders_with_unrecorded_refunds() -> list[uuid.UUID]:
    """Orders with a line still selling in the facts whose recorded refunds fall short of
    what orders says (``coop_rebuild_paid``): units refunded since, or the line no longer
    paid at all (not in the table: all its units count as refunded)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT DISTINCT line.order_id FROM (
                SELECT order_line_id, order_id,
                       COALESCE(SUM(quantity) FILTER (WHERE kind = %s), 0) AS sold,
                       SUM(quantity) AS left_sold
                FROM {SaleFact._meta.db_table} GROUP BY order_line_id, order_id
            ) line
            LEFT JOIN {PAID_TABLE} p ON p.line_id = line.order_line_id
            WHERE line.left_sold > 0
              AND line.sold - line.left_sold < COALESCE(p.quantity_refunded, line.sold)
            ORDER BY line.order_id
            """,
            [SaleFactKind.SALE.value],
        )
        return [row[0] for row in cursor.fetchall()]


# --- sales --------------------------------------------------------------------------------


@contextmanager
def _indexes_made_again_after(cursor, table: str) -> Iterator[None]:
    """Drop ``table``'s indexes, unique constraints and foreign keys (not its primary key
    nor its checks) and make them again, with the same names and definitions, when the
    block is done: a bulk load then writes plain rows, and each index is built once,
    sorted, instead of being updated row by row (and each foreign key is checked with one
    join instead of a trigger per row). In the caller's transaction, which holds the
    table for itself: on failure nothing is dropped."""
    quoted = connection.ops.quote_name(table)
    # No table may be altered with foreign-key checks pending on it (rows written
    # earlier in an enclosing transaction): run them now; Django's keys are checked at
    # commit again afterwards (its foreign keys are all INITIALLY DEFERRED).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname
        """,
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
        WHERE indrelid = %s::regclass AND NOT indisprimary
          AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = %s::regclass)
        ORDER BY 1
        """,
        [table, table],
    )
    indexes = cursor.fetchall()
    for name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    with timed_step(f"{table}_index"):
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(
                f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} "
                f"{definition}"
            )
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _ledger_empty(cursor) -> bool:
    cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {SaleFact._meta.db_table})")
    return cursor.fetchone()[0]


@dataclass(frozen=True)
class _SalesRecorded:
    added: int
    into_empty_ledger: bool  # every fact came from ``coop_rebuild_paid``, all sales


def _insert_missing_sales(now: datetime.datetime) -> _SalesRecorded:
    """Insert the sale fact of every paid line in ``coop_rebuild_paid`` that has none, in
    one ``INSERT … SELECT`` (the unique key skips what was recorded meanwhile). Into an
    empty ledger, taken for the transaction, without its indexes and keys
    (``_indexes_made_again_after``), then analyzed: the refunds and the rollups that
    follow read it at once."""
    facts = SaleFact._meta.db_table
    insert = f"""
        INSERT INTO {facts} ({", ".join(FACT_COLUMNS)})
        SELECT line_id, %s, 1, order_id, cooperative_id, producer_id, hub_id, village_code,
               category_id, quantity, gross_amount, paid_on, paid_on, buyer_key, %s
        FROM {PAID_TABLE} p
    """
    params = (SaleFactKind.SALE.value, now)
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        if _ledger_empty(cursor):
            cursor.execute(f"LOCK TABLE {facts} IN ACCESS EXCLUSIVE MODE")
            if _ledger_empty(cursor):  # still, now that no one else may write
                with _indexes_made_again_after(cursor, facts):
                    # In the order the profiles read them: a cooperative's facts together.
                    with timed_step("sale_facts_write"):
                        cursor.execute(
                            f"{insert} ORDER BY cooperative_id, paid_on, line_id", params
                        )
                    added = cursor.rowcount
                with timed_step("sale_facts_analyze"):
                    cursor.execute(f"ANALYZE {facts}")
                return _SalesRecorded(added, into_empty_ledger=True)
        cursor.execute(
            f"""
            {insert}
            WHERE NOT EXISTS (
                SELECT 1 FROM {facts} f WHERE f.order_line_id = p.line_id AND f.kind = %s
            )
            ORDER BY line_id
            ON CONFLICT (order_line_id, kind, sequence) DO NOTHING
            """,
            (*params, SaleFactKind.SALE.value),
        )
        return _SalesRecorded(cursor.rowcount, into_empty_ledger=False)


def _record_missing_sales(lines_seen: int, now: datetime.datetime) -> _SalesRecorded:
    """Record the sales of paid lines that have none: order by order when they are a few
    orders (lost notifications), else every one in one statement (a first recording of
    a whole history, at once when the ledger is empty: looking for the orders would
    read every paid line for nothing)."""
    if lines_seen:
        with connection.cursor() as cursor:
            if _ledger_empty(cursor):
                return _insert_missing_sales(now)
    few = int(lines_seen * REBUILD_ONE_BY_ONE_SHARE)
    missing = _orders_missing_sales(limit=few + 1)
    if len(missing) <= few:
        added = sum(order_sales_record(order_id=str(order_id)).sales for order_id in missing)
        return _SalesRecorded(added, into_empty_ledger=False)
    return _insert_missing_sales(now)


# --- rollups ------------------------------------------------------------------------------


# The rebuild's groupings (temporary tables of its connection), each from the one before:
# the facts per cooperative, day, buyer and order; the orders per cooperative and day, and
# per cooperative, financial year and buyer (``BUYER_PERIODS``); the days per month.
GROUPED_TABLES = {"order": "coop_rebuild_order", "day": "coop_rebuild_day",
                  "month": "coop_rebuild_month", "year": "coop_rebuild_year"}  # fmt: skip


def _group_facts_by_order(cursor) -> None:
    """One pass over the facts: per cooperative, day, buyer and order, the units and
    amount still sold, and ``selling``: the order still has units sold there (each line's
    reversals never exceed its sale, so a positive sum means a line still sells). No
    ``COUNT(DISTINCT …)``. The buyer is kept ``COLLATE "C"``: the grouping by buyer that
    follows compares bytewise (equality is the same; the server's locale made each
    comparison a ``strcoll``)."""
    cursor.execute(
        f"""
        CREATE TEMP TABLE {GROUPED_TABLES["order"]} AS
        SELECT cooperative_id, sale_date, buyer_key COLLATE "C" AS buyer_key,
               SUM(quantity) AS quantity, SUM(gross_amount) AS gross_amount,
               SUM(quantity) > 0 AS selling
        FROM {SaleFact._meta.db_table}
        GROUP BY cooperative_id, sale_date, buyer_key, order_id
        """
    )


def _group_orders_by_period(cursor) -> None:
    """Days from the order rows; months from the days: each line's units and amount
    never fall below zero and its reversals share its sale date, so a month is exactly
    the sum of its days, and an order, paid on one day, counts in one day of it. Buyers
    per financial year from the order rows (an order has one buyer), whose sums are the
    year's rollup."""
    shift = periods.financial_year_start_month() - 1
    year_start = (
        f"make_date(extract(year FROM sale_date - make_interval(months => {shift}))::int,"
        f" {shift + 1}, 1)"
    )
    with timed_step("group_by_day"):
        cursor.execute(
            f"""
            CREATE TEMP TABLE {GROUPED_TABLES["day"]} AS
            SELECT cooperative_id, sale_date AS period_start,
                   SUM(quantity) AS quantity, SUM(gross_amount) AS gross_amount,
                   COUNT(*) FILTER (WHERE selling) AS orders
            FROM {GROUPED_TABLES["order"]} GROUP BY cooperative_id, sale_date
            HAVING SUM(quantity) <> 0 OR SUM(gross_amount) <> 0 OR bool_or(selling)
            """
        )
    with timed_step("group_by_month"):
        cursor.execute(
            f"""
            CREATE TEMP TABLE {GROUPED_TABLES["month"]} AS
            SELECT cooperative_id, date_trunc('month', period_start)::date AS period_start,
                   SUM(quantity) AS quantity, SUM(gross_amount) AS gross_amount,
                   SUM(orders) AS orders
            FROM {GROUPED_TABLES["day"]} GROUP BY 1, 2
            """
        )
    with timed_step("group_by_year"):
        cursor.execute(
            f"""
            CREATE TEMP TABLE {GROUPED_TABLES["year"]} AS
            SELECT cooperative_id, {year_start} AS period_start, buyer_key,
                   SUM(quantity) AS quantity, SUM(gross_amount) AS gross_amount,
                   COUNT(*) FILTER (WHERE selling) AS orders, bool_or(selling) AS selling
            FROM {GROUPED_TABLES["order"]} GROUP BY 1, 2, 3
            """
        )


def _rollups_sql() -> str:
    """Every rollup, all of the cooperative's, from the groupings: days and months (no
    buyers), and years from their buyer rows (each selling buyer counts once)."""
    days_and_months = [
        f"""
        SELECT cooperative_id, '{period}' AS period, period_start, quantity, gross_amount,
               orders, 0 AS buyers
        FROM {GROUPED_TABLES[period]}
        """
        for period in ("day", "month")
    ]
    years = f"""
        SELECT cooperative_id, 'year' AS period, period_start,
               SUM(quantity) AS quantity, SUM(gross_amount) AS gross_amount,
               SUM(orders) AS orders, COUNT(*) FILTER (WHERE selling) AS buyers
        FROM {GROUPED_TABLES["year"]} GROUP BY cooperative_id, period_start
        HAVING SUM(quantity) <> 0 OR SUM(gross_amount) <> 0 OR bool_or(selling)
    """
    return " UNION ALL ".join([*days_and_months, years])


def _write_rollups(cursor) -> None:
    """Fill the emptied rollups without their indexes, made again afterwards, in key
    order: a cooperative's rollups together, as the profiles read them."""
    rollups = SalesRollup._meta.db_table
    with _indexes_made_again_after(cursor, rollups), timed_step("rollups_write"):
        cursor.execute(
            f"""
            INSERT INTO {rollups}
                (scope, scope_id, period, period_start, quantity, gross_amount, orders, buyers)
            SELECT %s, rollup.* FROM ({_rollups_sql()}) AS rollup
            ORDER BY cooperative_id, period COLLATE "C", period_start
            """,
            [SalesRollup.Scope.COOPERATIVE.value],
        )


def _write_buyers(cursor) -> None:
    """Fill the emptied buyer rows without their indexes: every buyer still selling in a
    cooperative's financial year, with their orders there."""
    buyers = RollupBuyer._meta.db_table
    with _indexes_made_again_after(cursor, buyers), timed_step("buyers_write"):
        cursor.execute(
            f"""
            INSERT INTO {buyers} (scope, scope_id, period, period_start, buyer_key, orders)
            SELECT %s, cooperative_id, %s, period_start, buyer_key, orders
            FROM {GROUPED_TABLES["year"]} WHERE selling
            """,
            [SalesRollup.Scope.COOPERATIVE.value, SalesRollup.Period.YEAR.value],
        )


def _rebuild_rollups_from_facts() -> None:
    """Replace every rollup with one computed in SQL from the facts (an independent path
    from the incremental one, which the tests compare it with): the facts grouped per
    order, then per day, month and buyer's year, then written. Only what reports read
    (``models``): the cooperative's rollups, and buyer rows per financial year
    (``BUYER_PERIODS``). The groupings get ``REBUILD_SETTINGS``' memory.

    Locks: writers of rollups (the recording task) wait from the start; readers only
    while the new rows are written and indexed (``TRUNCATE`` takes the tables for
    itself), after the grouping is done.
    """
    rollups, buyers = SalesRollup._meta.db_table, RollupBuyer._meta.db_table
    grouped = ", ".join(f"pg_temp.{table}" for table in GROUPED_TABLES.values())
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {rollups}, {buyers} IN EXCLUSIVE MODE")
        _tune(cursor)
        cursor.execute(f"DROP TABLE IF EXISTS {grouped}")
        with timed_step("group_by_order"):
            _group_facts_by_order(cursor)
        _group_orders_by_period(cursor)
        # Replace the rows in one go: TRUNCATE (no dead rows), then fill the empty tables
        # without their indexes, made again afterwards (``_indexes_made_again_after``).
        cursor.execute(f"TRUNCATE {rollups}, {buyers}")
        _write_rollups(cursor)
        _write_buyers(cursor)
        cursor.execute(f"DROP TABLE {grouped}")


# --- the whole rebuild --------------------------------------------------------------------


def reporting_rebuild(
    *, on_step: Callable[[str], None] | None = None, now: datetime.datetime | None = None
) -> ReportingRebuilt:
    """Rebuild reporting from orders over all time (see the module docstring).

    ``on_step``: called with the name of each of ``REBUILD_STEPS`` as it starts (the
    command's progress bar).
    """
    now = now or timezone.now()

    def step(index: int) -> None:
        if on_step is not None:
            on_step(str(REBUILD_STEPS[index]))

    try:
        step(0)
        lines_seen = _load_paid_lines(now + datetime.timedelta(days=1))
        step(1)
        with timed_step("sales_record"):
            recorded = _record_missing_sales(lines_seen, now)
        step(2)
        with timed_step("refunds_find"):
            if recorded.into_empty_ledger:
                stale = _orders_with_refunds()
            else:
                stale = _orders_with_unrecorded_refunds()
        with timed_step("refunds_reverse"):
            for order_id in stale:
                order_sales_record(order_id=str(order_id))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{PAID_TABLE}")
    step(3)
    with timed_step("rollups"), transaction.atomic():
        _rebuild_rollups_from_facts()
    tables = (SaleFact, SalesRollup, RollupBuyer)
    with timed_step("analyze"), connection.cursor() as cursor:
        # The tables were refilled: the planner needs their new statistics now, not
        # whenever autovacuum (if on) comes by; stale ones made the nightly warnings
        # scan every cooperative's months for each cooperative.
        cursor.execute(f"ANALYZE {', '.join(model._meta.db_table for model in tables)}")
    result = ReportingRebuilt(
        lines_seen=lines_seen,
        sales_added=recorded.added,
        orders_reconciled=len(stale),
        rollups=SalesRollup.objects.count(),
    )
    logger.info(
        "coop_sales_rebuilt",
        extra={
            "lines_seen": result.lines_seen,
            "sales_added": result.sales_added,
            "orders_reconciled": result.orders_reconciled,
            "rollups": result.rollups,
        },
    )
    return result
