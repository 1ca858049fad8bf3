"""Write use cases of cooperative sales reporting.

Recording (``order_sales_record``) is exactly-once per (order line, kind): the database's
unique constraint decides, ``INSERT … ON CONFLICT DO NOTHING RETURNING`` tells which facts
this call actually inserted, and only those are rolled up, in the same transaction. A
per-order advisory lock serialises runs for one order, so the "was this order already
counted in that rollup?" bookkeeping (orders and buyers counts) sees a stable history.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coop_reporting.sales import periods
from coop_reporting.sales.error_codes import CoopSalesErrorCode
from coop_reporting.sales.models import (
    CooperativeFlag,
    OfflineSale,
    RollupBuyer,
    SaleFact,
    SaleFactKind,
    SalesRollup,
)
from marketplace.core.exceptions import field_error
from marketplace.core.money import format_rupiah
from marketplace.orders.reporting import PaidOrderLine, paid_order_lines, paid_order_lines_between
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.village_hubs.selectors import user_can_manage_cooperative

if TYPE_CHECKING:
    from marketplace.accounts.models import User

logger = logging.getLogger(__name__)

FACT_COLUMNS = (
    "order_line_id",
    "kind",
    "order_id",
    "cooperative_id",
    "producer_id",
    "hub_id",
    "village_code",
    "category_id",
    "quantity",
    "gross_amount",
    "sale_date",
    "booked_on",
    "buyer_key",
    "recorded_at",
)
INSERT_BATCH = 500
DEFAULT_ZONE = "Asia/Jakarta"

FLAG_SALES_DROP = "sales_drop"
FLAG_NO_SALES = "no_sales"


@dataclass(frozen=True)
class _Fact:
    order_line_id: uuid.UUID
    kind: str
    order_id: uuid.UUID
    cooperative_id: int
    producer_id: int | None
    hub_id: int | None
    village_code: str
    category_id: int | None
    quantity: int
    gross_amount: int
    sale_date: datetime.date
    booked_on: datetime.date
    buyer_key: str
    recorded_at: datetime.datetime

    def values(self) -> tuple:
        return tuple(getattr(self, column) for column in FACT_COLUMNS)


@dataclass(frozen=True)
class OrderSalesRecorded:
    """What one ``order_sales_record`` call changed."""

    order_id: str
    sales: int  # sale facts inserted
    reversals: int  # reversal facts inserted
    cooperative_ids: frozenset[int]


# --- facts -------------------------------------------------------------------------------


def _sale_fact(line: PaidOrderLine, now: datetime.datetime) -> _Fact:
    return _Fact(
        order_line_id=uuid.UUID(line.line_id),
        kind=SaleFactKind.SALE,
        order_id=uuid.UUID(line.order_id),
        cooperative_id=line.cooperative_id,
        producer_id=line.producer_id,
        hub_id=line.hub_id,
        village_code=line.village_code or "",
        category_id=line.category_id,
        quantity=line.quantity,
        gross_amount=line.gross_amount,
        sale_date=line.paid_on,
        booked_on=line.paid_on,
        buyer_key=line.buyer_key,
        recorded_at=now,
    )


def _hub_today(hub_id: int | None, now: datetime.datetime) -> datetime.date:
    zone = VillageHub.objects.filter(pk=hub_id).values_list("time_zone", flat=True).first()
    return now.astimezone(ZoneInfo(zone or DEFAULT_ZONE)).date()


def _reversal_fact(sale: SaleFact, now: datetime.datetime, booked_on: datetime.date) -> _Fact:
    return _Fact(
        order_line_id=sale.order_line_id,
        kind=SaleFactKind.REVERSAL,
        order_id=sale.order_id,
        cooperative_id=sale.cooperative_id,
        producer_id=sale.producer_id,
        hub_id=sale.hub_id,
        village_code=sale.village_code,
        category_id=sale.category_id,
        quantity=-sale.quantity,
        gross_amount=-sale.gross_amount,
        sale_date=sale.sale_date,
        booked_on=booked_on,
        buyer_key=sale.buyer_key,
        recorded_at=now,
    )


def _insert_facts(facts: Sequence[_Fact]) -> list[_Fact]:
    """Insert facts, skipping (order line, kind) pairs already recorded; return the
    facts this statement inserted (``ON CONFLICT DO NOTHING RETURNING``)."""
    inserted: list[_Fact] = []
    table = SaleFact._meta.db_table
    ordered = sorted(facts, key=lambda fact: (str(fact.order_line_id), fact.kind))
    by_key = {(fact.order_line_id, fact.kind): fact for fact in ordered}
    row = "(" + ", ".join(["%s"] * len(FACT_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), INSERT_BATCH):
            batch = ordered[start : start + INSERT_BATCH]
            sql = (
                f"INSERT INTO {table} ({', '.join(FACT_COLUMNS)}) VALUES "
                + ", ".join([row] * len(batch))
                + " ON CONFLICT (order_line_id, kind) DO NOTHING RETURNING order_line_id, kind"
            )
            cursor.execute(sql, [value for fact in batch for value in fact.values()])
            inserted.extend(by_key[(line_id, kind)] for line_id, kind in cursor.fetchall())
    return inserted


# --- rollups -----------------------------------------------------------------------------

_RollupKey = tuple[str, int, str, datetime.date]


def _scopes(fact: _Fact | SaleFact) -> Iterator[tuple[str, int]]:
    yield SalesRollup.Scope.COOPERATIVE.value, fact.cooperative_id
    if fact.producer_id is not None:
        yield SalesRollup.Scope.PRODUCER.value, fact.producer_id
    if fact.hub_id is not None:
        yield SalesRollup.Scope.HUB.value, fact.hub_id


def _rollup_keys(fact: _Fact | SaleFact) -> Iterator[_RollupKey]:
    for scope, scope_id in _scopes(fact):
        for period, start in periods.period_starts(fact.sale_date):
            yield scope, scope_id, period, start


def _upsert_rollups(deltas: dict[_RollupKey, list[int]]) -> None:
    """Add ``[quantity, gross, orders, buyers]`` deltas, then drop rows that fell back to
    all zeros.

    Existing rows are locked first in key order (no deadlocks between concurrent orders)
    and updated; missing ones are inserted. Not a single ``INSERT … ON CONFLICT DO
    UPDATE``: PostgreSQL checks CHECK constraints on the proposed row before the conflict,
    and a negative delta is not a valid row.
    """
    if not deltas:
        return
    table = SalesRollup._meta.db_table
    keys = sorted(deltas)
    key_params = [value for key in keys for value in key]
    key_list = ", ".join(["(%s, %s, %s, %s::date)"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT scope, scope_id, period, period_start FROM {table}
            WHERE (scope, scope_id, period, period_start) IN ({key_list})
            ORDER BY scope, scope_id, period, period_start
            FOR UPDATE
            """,
            key_params,
        )
        existing = {tuple(row) for row in cursor.fetchall()}
        for group, sql in (
            (
                [key for key in keys if key in existing],
                f"""
                UPDATE {table} AS r SET
                    quantity = r.quantity + d.quantity,
                    gross_amount = r.gross_amount + d.gross_amount,
                    orders = r.orders + d.orders,
                    buyers = r.buyers + d.buyers
                FROM (VALUES %s) AS d
                    (scope, scope_id, period, period_start, quantity, gross_amount, orders,
                     buyers)
                WHERE (r.scope, r.scope_id, r.period, r.period_start)
                    = (d.scope, d.scope_id, d.period, d.period_start)
                """,
            ),
            (
                [key for key in keys if key not in existing],
                f"""
                INSERT INTO {table} AS r
                    (scope, scope_id, period, period_start, quantity, gross_amount, orders,
                     buyers)
                VALUES %s
                ON CONFLICT (scope, scope_id, period, period_start) DO UPDATE SET
                    quantity = r.quantity + EXCLUDED.quantity,
                    gross_amount = r.gross_amount + EXCLUDED.gross_amount,
                    orders = r.orders + EXCLUDED.orders,
                    buyers = r.buyers + EXCLUDED.buyers
                """,
            ),
        ):
            if not group:
                continue
            values = ", ".join(
                ["(%s, %s::bigint, %s, %s::date, %s::bigint, %s::bigint, %s::int, %s::int)"]
                * len(group)
            )
            cursor.execute(
                sql.replace("VALUES %s", f"VALUES {values}"),
                [value for key in group for value in (*key, *deltas[key])],
            )
        cursor.execute(
            f"""
            DELETE FROM {table}
            WHERE quantity = 0 AND gross_amount = 0 AND orders = 0 AND buyers = 0
              AND (scope, scope_id, period, period_start) IN ({key_list})
            """,
            key_params,
        )


def _buyer_order_added(key: _RollupKey, buyer_key: str) -> bool:
    """Count one more order of this buyer in the key; True when it is their first."""
    table = RollupBuyer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} AS b (scope, scope_id, period, period_start, buyer_key, orders)
            VALUES (%s, %s, %s, %s, %s, 1)
            ON CONFLICT (scope, scope_id, period, period_start, buyer_key)
            DO UPDATE SET orders = b.orders + 1
            RETURNING orders
            """,
            [*key, buyer_key],
        )
        return cursor.fetchone()[0] == 1


def _buyer_order_removed(key: _RollupKey, buyer_key: str) -> bool:
    """Count one order less; True when it was the buyer's last one in the key."""
    scope, scope_id, period, period_start = key
    row = RollupBuyer.objects.filter(
        scope=scope,
        scope_id=scope_id,
        period=period,
        period_start=period_start,
        buyer_key=buyer_key,
    )
    buyer = row.select_for_update().first()
    if buyer is None:  # not expected: the order was counted when recorded
        logger.warning("coop_sales_buyer_missing", extra={"scope": scope, "scope_id": scope_id})
        return False
    if buyer.orders <= 1:
        buyer.delete()
        return True
    row.update(orders=buyer.orders - 1)
    return False


def _active_keys(facts: Iterable[_Fact | SaleFact]) -> set[_RollupKey]:
    return {key for fact in facts for key in _rollup_keys(fact)}


def _apply_to_rollups(
    inserted: Sequence[_Fact], active_before: Sequence[SaleFact | _Fact], buyer_key: str
) -> None:
    """Roll up the facts just inserted for one order. ``active_before``: the order's sale
    facts not reversed before this call."""
    deltas: dict[_RollupKey, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for fact in inserted:
        for key in _rollup_keys(fact):
            deltas[key][0] += fact.quantity
            deltas[key][1] += fact.gross_amount
    reversed_lines = {f.order_line_id for f in inserted if f.kind == SaleFactKind.REVERSAL}
    active_after = [f for f in active_before if f.order_line_id not in reversed_lines] + [
        f for f in inserted if f.kind == SaleFactKind.SALE
    ]
    before, after = _active_keys(active_before), _active_keys(active_after)
    for key in sorted(after - before):
        deltas[key][2] += 1
        if _buyer_order_added(key, buyer_key):
            deltas[key][3] += 1
    for key in sorted(before - after):
        deltas[key][2] -= 1
        if _buyer_order_removed(key, buyer_key):
            deltas[key][3] -= 1
    _upsert_rollups(dict(deltas))


# --- recording ---------------------------------------------------------------------------


def _lock_order(order_id: uuid.UUID) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"coop_sales:{order_id}"]
        )


@transaction.atomic
def order_sales_record(*, order_id: str) -> OrderSalesRecorded:
    """Bring one order's sale facts and rollups in line with what orders reports as paid.

    Lines paid and not yet recorded get a ``sale`` fact; recorded lines no longer paid
    (the order was canceled or refunded after payment) get a ``reversal`` fact. Safe to run
    any number of times, also concurrently: each (line, kind) is recorded once.
    """
    try:
        order_uuid = uuid.UUID(str(order_id))
    except ValueError:
        logger.warning("coop_sales_order_id_invalid", extra={"order_id": str(order_id)[:64]})
        return OrderSalesRecorded(str(order_id), 0, 0, frozenset())
    _lock_order(order_uuid)
    now = timezone.now()
    paid = list(paid_order_lines(order_uuid))
    facts = list(SaleFact.objects.filter(order_id=order_uuid))
    sold = {f.order_line_id: f for f in facts if f.kind == SaleFactKind.SALE}
    reversed_lines = {f.order_line_id for f in facts if f.kind == SaleFactKind.REVERSAL}
    active_before = [f for line_id, f in sold.items() if line_id not in reversed_lines]
    paid_lines = {uuid.UUID(line.line_id) for line in paid}

    new: list[_Fact] = [
        _sale_fact(line, now) for line in paid if uuid.UUID(line.line_id) not in sold
    ]
    to_reverse = [f for f in active_before if f.order_line_id not in paid_lines]
    if to_reverse:
        booked_on = _hub_today(to_reverse[0].hub_id, now)
        new.extend(_reversal_fact(f, now, booked_on) for f in to_reverse)
    inserted = _insert_facts(new) if new else []
    if inserted:
        _apply_to_rollups(inserted, active_before, inserted[0].buyer_key)
    result = OrderSalesRecorded(
        order_id=str(order_uuid),
        sales=sum(1 for f in inserted if f.kind == SaleFactKind.SALE),
        reversals=sum(1 for f in inserted if f.kind == SaleFactKind.REVERSAL),
        cooperative_ids=frozenset(f.cooperative_id for f in inserted),
    )
    logger.info(
        "coop_sales_order_recorded",
        extra={"order_id": result.order_id, "sales": result.sales, "reversals": result.reversals},
    )
    return result


# --- rebuild -----------------------------------------------------------------------------

EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _rebuild_rollups_from_facts() -> None:
    """Replace every rollup with one computed in SQL from the facts (an independent path
    from the incremental one, which the tests compare it with)."""
    rollups, buyers = SalesRollup._meta.db_table, RollupBuyer._meta.db_table
    facts = SaleFact._meta.db_table
    shift = periods.financial_year_start_month() - 1
    keyed = f"""
        WITH active AS (
            SELECT s.* FROM {facts} s
            WHERE s.kind = 'sale' AND NOT EXISTS (
                SELECT 1 FROM {facts} r
                WHERE r.order_line_id = s.order_line_id AND r.kind = 'reversal'
            )
        ), scoped AS (
            SELECT 'cooperative' AS scope, cooperative_id AS scope_id, a.* FROM active a
            UNION ALL
            SELECT 'producer', producer_id, a.* FROM active a WHERE producer_id IS NOT NULL
            UNION ALL
            SELECT 'hub', hub_id, a.* FROM active a WHERE hub_id IS NOT NULL
        ), keyed AS (
            SELECT scope, scope_id, 'day' AS period, sale_date AS period_start,
                   order_id, buyer_key, quantity, gross_amount FROM scoped
            UNION ALL
            SELECT scope, scope_id, 'month', date_trunc('month', sale_date)::date,
                   order_id, buyer_key, quantity, gross_amount FROM scoped
            UNION ALL
            SELECT scope, scope_id, 'year',
                   make_date(
                       extract(year FROM sale_date - make_interval(months => {shift}))::int,
                       {shift + 1}, 1),
                   order_id, buyer_key, quantity, gross_amount FROM scoped
        )
    """
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {rollups}, {buyers} IN EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {buyers}")
        cursor.execute(f"DELETE FROM {rollups}")
        cursor.execute(
            keyed
            + f"""
            INSERT INTO {rollups}
                (scope, scope_id, period, period_start, quantity, gross_amount, orders, buyers)
            SELECT scope, scope_id, period, period_start, SUM(quantity), SUM(gross_amount),
                   COUNT(DISTINCT order_id), COUNT(DISTINCT buyer_key)
            FROM keyed GROUP BY scope, scope_id, period, period_start
            """
        )
        cursor.execute(
            keyed
            + f"""
            INSERT INTO {buyers} (scope, scope_id, period, period_start, buyer_key, orders)
            SELECT scope, scope_id, period, period_start, buyer_key, COUNT(DISTINCT order_id)
            FROM keyed GROUP BY scope, scope_id, period, period_start, buyer_key
            """
        )


@dataclass(frozen=True)
class ReportingRebuilt:
    lines_seen: int
    sales_added: int
    orders_reconciled: int
    rollups: int


def reporting_rebuild(
    *, progress: object | None = None, now: datetime.datetime | None = None
) -> ReportingRebuilt:
    """Rebuild reporting from orders over all time.

    1. Every paid line (``paid_order_lines_between`` since 2000) gets its sale fact if it
       is missing (a lost notification); facts are never deleted: reversals stay history.
    2. Orders with unreversed sales whose lines are no longer paid are re-recorded through
       ``order_sales_record`` (which adds their reversals under the order's lock).
    3. All rollups are recomputed from the facts, under a table lock.

    ``progress``: a callable wrapping an iterator (``tqdm``), for the command.
    """
    now = now or timezone.now()
    rows: Iterable[PaidOrderLine] = paid_order_lines_between(
        EPOCH, now + datetime.timedelta(days=1)
    )
    if progress is not None:
        rows = progress(rows)  # type: ignore[operator]
    seen: set[uuid.UUID] = set()
    batch: list[_Fact] = []
    added = 0
    for line in rows:
        seen.add(uuid.UUID(line.line_id))
        batch.append(_sale_fact(line, now))
        if len(batch) >= INSERT_BATCH:
            with transaction.atomic():
                added += len(_insert_facts(batch))
            batch = []
    if batch:
        with transaction.atomic():
            added += len(_insert_facts(batch))
    stale_orders = {
        order_id
        for line_id, order_id in SaleFact.objects.filter(kind=SaleFactKind.SALE)
        .exclude(
            order_line_id__in=SaleFact.objects.filter(kind=SaleFactKind.REVERSAL).values(
                "order_line_id"
            )
        )
        .values_list("order_line_id", "order_id")
        .iterator(chunk_size=2000)
        if line_id not in seen
    }
    for order_id in sorted(stale_orders, key=str):
        order_sales_record(order_id=str(order_id))
    with transaction.atomic():
        _rebuild_rollups_from_facts()
    result = ReportingRebuilt(
        lines_seen=len(seen),
        sales_added=added,
        orders_reconciled=len(stale_orders),
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


# --- offline sales -----------------------------------------------------------------------


def _local_today() -> datetime.date:
    return timezone.localdate()


@transaction.atomic
def offline_sale_record(
    *,
    cooperative: Cooperative,
    month: datetime.date,
    amount: int,
    note: str = "",
    entered_by: User,
) -> OfflineSale:
    """Record sales a cooperative made outside the marketplace in one month.

    Only the cooperative's staff and platform staff may (``PermissionDenied`` otherwise).
    CoopSalesErrorCode: REQUIRED / INVALID on ``amount`` (a whole positive rupiah amount),
    FUTURE_MONTH on ``month`` (after the current month), INVALID on ``note`` (over 255
    characters). ``month`` may be any day of the month; the first day is stored.
    """
    if not user_can_manage_cooperative(entered_by, cooperative):
        raise PermissionDenied(gettext("You cannot enter sales for this cooperative."))
    if amount is None:
        raise field_error("amount", _("Enter the amount."), CoopSalesErrorCode.REQUIRED)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise field_error(
            "amount",
            _("Enter the amount as a whole number of rupiah above zero."),
            CoopSalesErrorCode.INVALID,
        )
    if amount >= 10**15:
        raise field_error("amount", _("The amount is too large."), CoopSalesErrorCode.INVALID)
    if month is None:
        raise field_error("month", _("Enter the month."), CoopSalesErrorCode.REQUIRED)
    first = periods.month_start(month)
    if first > periods.month_start(_local_today()):
        raise field_error(
            "month",
            _("Sales cannot be entered for a month that has not started."),
            CoopSalesErrorCode.FUTURE_MONTH,
        )
    note = (note or "").strip()
    if len(note) > 255:
        raise field_error(
            "note", _("The note is longer than 255 characters."), CoopSalesErrorCode.INVALID
        )
    sale = OfflineSale.objects.create(
        cooperative=cooperative, month=first, amount=amount, note=note, entered_by=entered_by
    )
    logger.info(
        "coop_sales_offline_recorded",
        extra={
            "cooperative_id": cooperative.pk,
            "offline_sale_id": sale.pk,
            "actor_id": entered_by.pk,
        },
    )
    return sale


# --- flags -------------------------------------------------------------------------------


def cooperative_flags_set(
    *, cooperative: Cooperative, kind: str, active: bool, reason: str = ""
) -> CooperativeFlag | None:
    """Raise (``active``) or clear a flag of ``kind`` on a cooperative; idempotent.

    Raising an already-open flag keeps its ``raised_at`` and refreshes the reason;
    clearing stamps ``cleared_at`` on the open flag. Returns the open flag, or None.
    """
    if not kind:
        raise field_error("kind", _("Enter the kind of flag."), CoopSalesErrorCode.REQUIRED)
    now = timezone.now()
    with transaction.atomic():
        open_flag = (
            CooperativeFlag.objects.select_for_update()
            .filter(cooperative=cooperative, kind=kind, cleared_at__isnull=True)
            .first()
        )
        if not active:
            if open_flag is not None:
                open_flag.cleared_at = now
                open_flag.save(update_fields=["cleared_at"])
                logger.info(
                    "coop_flag_cleared", extra={"cooperative_id": cooperative.pk, "kind": kind}
                )
            return None
        if open_flag is not None:
            if open_flag.reason != reason:
                open_flag.reason = reason
                open_flag.save(update_fields=["reason"])
            return open_flag
        try:
            with transaction.atomic():
                flag = CooperativeFlag.objects.create(
                    cooperative=cooperative, kind=kind, reason=reason, raised_at=now
                )
        except IntegrityError:  # raised concurrently
            return CooperativeFlag.objects.get(
                cooperative=cooperative, kind=kind, cleared_at__isnull=True
            )
    logger.info("coop_flag_raised", extra={"cooperative_id": cooperative.pk, "kind": kind})
    return flag


def _month_sales(cooperative_id: int, first: datetime.date, end: datetime.date) -> int:
    rows = SalesRollup.objects.filter(
        scope=SalesRollup.Scope.COOPERATIVE,
        scope_id=cooperative_id,
        period=SalesRollup.Period.MONTH,
        period_start__gte=first,
        period_start__lt=end,
    ).values_list("gross_amount", flat=True)
    return sum(rows)


def cooperative_flags_recompute(
    *, cooperative: Cooperative, today: datetime.date | None = None
) -> None:
    """Raise or clear the sales-based early warnings of one cooperative.

    ``sales_drop``: marketplace sales of the last three full months are at least
    ``COOP_WARNING_SALES_DROP_SHARE`` below the same months a year earlier.
    ``no_sales``: no marketplace sale in the last ``COOP_WARNING_NO_SALES_DAYS`` days
    (counted from the cooperative's creation when it never sold).
    """
    today = today or _local_today()
    share = Decimal(str(settings.COOP_WARNING_SALES_DROP_SHARE))
    days = int(settings.COOP_WARNING_NO_SALES_DAYS)

    end = periods.month_start(today)
    start = periods.add_months(end, -3)
    current = _month_sales(cooperative.pk, start, end)
    previous = _month_sales(
        cooperative.pk, periods.add_months(start, -12), end.replace(year=end.year - 1)
    )
    dropped = previous > 0 and Decimal(current) <= Decimal(previous) * (1 - share)
    reason = ""
    if dropped:
        fall = (Decimal(previous - current) * 100 / Decimal(previous)).quantize(Decimal(1))
        reason = gettext(
            "Marketplace sales from %(start)s to %(last)s were %(current)s, %(fall)s%% less "
            "than %(previous)s a year earlier (warning at a drop of %(threshold)s%% or more)."
        ) % {
            "start": start.strftime("%Y-%m"),
            "last": periods.add_months(end, -1).strftime("%Y-%m"),
            "current": format_rupiah(current),
            "previous": format_rupiah(previous),
            "fall": fall,
            "threshold": (share * 100).quantize(Decimal(1)),
        }
    cooperative_flags_set(
        cooperative=cooperative, kind=FLAG_SALES_DROP, active=dropped, reason=reason
    )

    last_sale = (
        SalesRollup.objects.filter(
            scope=SalesRollup.Scope.COOPERATIVE,
            scope_id=cooperative.pk,
            period=SalesRollup.Period.DAY,
            orders__gt=0,
            period_start__lte=today,
        )
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    since = last_sale or timezone.localdate(cooperative.created_at)
    idle = (today - since).days >= days
    reason = ""
    if idle and last_sale is not None:
        reason = gettext(
            "No marketplace sales for %(days)s days: the last sale was on %(last)s "
            "(warning after %(threshold)s days)."
        ) % {"days": (today - last_sale).days, "last": last_sale.isoformat(), "threshold": days}
    elif idle:
        reason = gettext(
            "No marketplace sales since the cooperative joined on %(joined)s "
            "(warning after %(threshold)s days)."
        ) % {"joined": since.isoformat(), "threshold": days}
    cooperative_flags_set(cooperative=cooperative, kind=FLAG_NO_SALES, active=idle, reason=reason)


def cooperative_flags_recompute_all(*, today: datetime.date | None = None) -> int:
    """Recompute sales-based flags of every active cooperative; returns how many."""
    count = 0
    for cooperative in Cooperative.objects.filter(is_active=True).iterator(chunk_size=500):
        cooperative_flags_recompute(cooperative=cooperative, today=today)
        count += 1
    logger.info("coop_flags_recomputed", extra={"cooperatives": count})
    return count
