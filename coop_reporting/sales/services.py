"""Write use cases of cooperative sales reporting.

Recording (``order_sales_record``) is exactly-once per (order line, kind, sequence): the
database's unique constraint decides, ``INSERT … ON CONFLICT DO NOTHING RETURNING`` tells
which facts this call actually inserted, and only those are rolled up, in the same
transaction. A per-order advisory lock serialises runs for one order, so the "was this
order already counted in that rollup?" bookkeeping (orders and buyers counts) sees a
stable history.

Cost per order is flat: a fixed number of statements whatever the order's lines and the
history (the buyers of all its rollup keys in one ``INSERT … ON CONFLICT``, a sale's
rollup deltas in another; see ``benchmarks/sales_recording.py``).

Only what some report reads is rolled up (``models``): each cooperative of the order
gets its day, month and financial-year rows, and its buyer is counted per financial year
only. Producer and hub stay on every fact.
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

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coop_reporting.rules import early_warning
from coop_reporting.sales import periods, selectors
from coop_reporting.sales.error_codes import CoopSalesErrorCode
from coop_reporting.sales.models import (
    BUYER_PERIODS,
    CooperativeFlag,
    OfflineSale,
    RollupBuyer,
    SaleFact,
    SaleFactKind,
    SalesRollup,
)
from coop_reporting.signals import figures_changed
from marketplace.core.exceptions import field_error
from marketplace.core.money import format_rupiah, parse_rupiah_amount
from marketplace.orders.reporting import (
    DEFAULT_ZONE,
    PaidOrderLine,
    paid_order_lines,
)
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.village_hubs.selectors import user_can_manage_cooperative

if TYPE_CHECKING:
    from marketplace.accounts.models import User

logger = logging.getLogger(__name__)

FACT_COLUMNS = (
    "order_line_id",
    "kind",
    "sequence",
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
    sequence: int = 1

    def values(self) -> tuple:
        return tuple(getattr(self, column) for column in FACT_COLUMNS)


@dataclass(frozen=True)
class OrderSalesRecorded:
    """What one ``order_sales_record`` call changed."""

    order_id: str
    sales: int  # sale facts inserted
    reversals: int  # reversal facts inserted
    cooperative_ids: frozenset[int]
    earliest_sale_date: datetime.date | None = None  # of the facts inserted


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
    zone = (
        None
        if hub_id is None
        else VillageHub.objects.filter(pk=hub_id).values_list("time_zone", flat=True).first()
    )
    return now.astimezone(ZoneInfo(zone or DEFAULT_ZONE)).date()


def refunded_amount(gross_amount: int, quantity: int, units: int) -> int:
    """The part of a line's ``gross_amount`` that ``units`` of its ``quantity`` are worth:
    whole rupiah, half up; all units are worth exactly the whole amount, so a line reversed
    in parts nets to zero."""
    if units >= quantity:
        return gross_amount
    return (2 * gross_amount * units + quantity) // (2 * quantity)


@dataclass
class _Refunded:
    """What a line's reversal facts took back so far."""

    units: int = 0
    amount: int = 0
    reversals: int = 0


def _reversal_fact(
    sale: SaleFact | _Fact,
    refunded: _Refunded,
    units: int,
    now: datetime.datetime,
    booked_on: datetime.date,
) -> _Fact:
    """The reversal taking a line's refunded units from ``refunded.units`` to ``units``."""
    amount = refunded_amount(sale.gross_amount, sale.quantity, units)
    return _Fact(
        order_line_id=sale.order_line_id,
        kind=SaleFactKind.REVERSAL,
        order_id=sale.order_id,
        cooperative_id=sale.cooperative_id,
        producer_id=sale.producer_id,
        hub_id=sale.hub_id,
        village_code=sale.village_code,
        category_id=sale.category_id,
        quantity=-(units - refunded.units),
        gross_amount=-(amount - refunded.amount),
        sale_date=sale.sale_date,
        booked_on=booked_on,
        buyer_key=sale.buyer_key,
        recorded_at=now,
        sequence=refunded.reversals + 1,
    )


def _insert_facts(facts: Sequence[_Fact]) -> list[_Fact]:
    """Insert facts, skipping (order line, kind, sequence) keys already recorded; return
    the facts this statement inserted (``ON CONFLICT DO NOTHING RETURNING``)."""
    inserted: list[_Fact] = []
    table = SaleFact._meta.db_table
    ordered = sorted(facts, key=lambda fact: (str(fact.order_line_id), fact.kind, fact.sequence))
    by_key = {(fact.order_line_id, fact.kind, fact.sequence): fact for fact in ordered}
    row = "(" + ", ".join(["%s"] * len(FACT_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), INSERT_BATCH):
            batch = ordered[start : start + INSERT_BATCH]
            sql = (
                f"INSERT INTO {table} ({', '.join(FACT_COLUMNS)}) VALUES "
                + ", ".join([row] * len(batch))
                + " ON CONFLICT (order_line_id, kind, sequence) DO NOTHING"
                + " RETURNING order_line_id, kind, sequence"
            )
            cursor.execute(sql, [value for fact in batch for value in fact.values()])
            inserted.extend(by_key[tuple(key)] for key in cursor.fetchall())
    return inserted


# --- rollups -----------------------------------------------------------------------------

_RollupKey = tuple[str, int, str, datetime.date]


def _rollup_keys(fact: _Fact | SaleFact) -> Iterator[_RollupKey]:
    """The rollups a fact counts in: its cooperative's day, month and financial year
    (only the cooperative's rollups are read; see ``models``)."""
    for period, start in periods.period_starts(fact.sale_date):
        yield SalesRollup.Scope.COOPERATIVE.value, fact.cooperative_id, period, start


_ROLLUP_VALUE = "(%s, %s::bigint, %s, %s::date, %s::bigint, %s::bigint, %s::int, %s::int)"


def _add_to_rollups(deltas: dict[_RollupKey, list[int]]) -> None:
    """Add deltas none of which is negative (sales): one ``INSERT … ON CONFLICT DO UPDATE``
    in key order, so concurrent orders lock shared rows in the same order."""
    table = SalesRollup._meta.db_table
    keys = sorted(deltas)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} AS r
                (scope, scope_id, period, period_start, quantity, gross_amount, orders, buyers)
            VALUES {", ".join([_ROLLUP_VALUE] * len(keys))}
            ON CONFLICT (scope, scope_id, period, period_start) DO UPDATE SET
                quantity = r.quantity + EXCLUDED.quantity,
                gross_amount = r.gross_amount + EXCLUDED.gross_amount,
                orders = r.orders + EXCLUDED.orders,
                buyers = r.buyers + EXCLUDED.buyers
            """,
            _rollup_values(keys, deltas),
        )


def _rollup_values(
    keys: Iterable[_RollupKey], deltas: dict[_RollupKey, list[int]]
) -> list[str | int | datetime.date]:
    """The VALUES parameters of these rollup rows: each key, then its deltas."""
    values: list[str | int | datetime.date] = []
    for key in keys:
        values.extend(key)
        values.extend(deltas[key])
    return values


def _upsert_rollups(deltas: dict[_RollupKey, list[int]]) -> None:
    """Add ``[quantity, gross, orders, buyers]`` deltas, then drop rows that fell back to
    all zeros.

    Sales only add: one statement (``_add_to_rollups``). With a negative delta (a
    reversal) existing rows are locked first in key order (no deadlocks between concurrent
    orders) and updated; missing ones are inserted. Not a single ``INSERT … ON CONFLICT
    DO UPDATE`` then: PostgreSQL checks CHECK constraints on the proposed row before the
    conflict, and a negative delta is not a valid row.
    """
    if not deltas:
        return
    if all(value >= 0 for delta in deltas.values() for value in delta):
        _add_to_rollups(deltas)
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
            values = ", ".join([_ROLLUP_VALUE] * len(group))
            cursor.execute(
                sql.replace("VALUES %s", f"VALUES {values}"),
                _rollup_values(group, deltas),
            )
        cursor.execute(
            f"""
            DELETE FROM {table}
            WHERE quantity = 0 AND gross_amount = 0 AND orders = 0 AND buyers = 0
              AND (scope, scope_id, period, period_start) IN ({key_list})
            """,
            key_params,
        )


def _buyer_orders_added(keys: Sequence[_RollupKey], buyer_key: str) -> set[_RollupKey]:
    """Count one more order of this buyer in each key, in one statement (key order);
    returns the keys where it is the buyer's first."""
    if not keys:
        return set()
    table = RollupBuyer._meta.db_table
    ordered = sorted(keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} AS b (scope, scope_id, period, period_start, buyer_key, orders)
            VALUES {", ".join(["(%s, %s::bigint, %s, %s::date, %s, 1)"] * len(ordered))}
            ON CONFLICT (scope, scope_id, period, period_start, buyer_key)
            DO UPDATE SET orders = b.orders + 1
            RETURNING scope, scope_id, period, period_start, orders
            """,
            [value for key in ordered for value in (*key, buyer_key)],
        )
        return {
            (scope, scope_id, period, start)
            for scope, scope_id, period, start, orders in cursor.fetchall()
            if orders == 1
        }


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


def _active_sales(facts: Iterable[_Fact | SaleFact]) -> list[_Fact | SaleFact]:
    """The sale facts of the lines that still have units sold after ``facts`` (one
    order's sales and reversals): the lines that make the order count in a rollup."""
    units: dict[uuid.UUID, int] = defaultdict(int)
    sales: dict[uuid.UUID, _Fact | SaleFact] = {}
    for fact in facts:
        units[fact.order_line_id] += fact.quantity
        if fact.kind == SaleFactKind.SALE:
            sales[fact.order_line_id] = fact
    return [sale for line_id, sale in sales.items() if units[line_id] > 0]


def _apply_to_rollups(
    inserted: Sequence[_Fact],
    active_before: Sequence[SaleFact | _Fact],
    active_after: Sequence[SaleFact | _Fact],
    buyer_key: str,
) -> None:
    """Roll up the facts just inserted for one order. ``active_before`` / ``after``: the
    order's sale facts of lines with units still sold before / after them."""
    deltas: dict[_RollupKey, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for fact in inserted:
        for key in _rollup_keys(fact):
            deltas[key][0] += fact.quantity
            deltas[key][1] += fact.gross_amount
    before, after = _active_keys(active_before), _active_keys(active_after)
    added = sorted(after - before)
    for key in added:
        deltas[key][2] += 1
    # Distinct buyers are counted per financial year only (``BUYER_PERIODS``).
    for key in _buyer_orders_added([k for k in added if k[2] in BUYER_PERIODS], buyer_key):
        deltas[key][3] += 1
    for key in sorted(before - after):
        deltas[key][2] -= 1
        if key[2] in BUYER_PERIODS and _buyer_order_removed(key, buyer_key):
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

    Lines paid and not yet recorded get a ``sale`` fact (the whole line, on the day it was
    paid). Units refunded since they were recorded get a ``reversal`` fact (the next in
    the line's sequence, booked today in the hub's time zone): the units a line refunded
    in part paid back, or all that is left of a line no longer paid (refunded whole, the
    order canceled or refunded in full). Safe to run any number of times, also
    concurrently: the order's advisory lock and the unique (line, kind, sequence) key
    record each change once.
    """
    try:
        order_uuid = uuid.UUID(str(order_id))
    except ValueError:
        logger.warning("coop_sales_order_id_invalid", extra={"order_id": str(order_id)[:64]})
        return OrderSalesRecorded(str(order_id), 0, 0, frozenset())
    _lock_order(order_uuid)
    now = timezone.now()
    paid = {uuid.UUID(line.line_id): line for line in paid_order_lines(order_uuid)}
    facts: list[SaleFact | _Fact] = list(SaleFact.objects.filter(order_id=order_uuid))
    sold: dict[uuid.UUID, SaleFact | _Fact] = {}
    refunded: dict[uuid.UUID, _Refunded] = defaultdict(_Refunded)
    for fact in facts:
        if fact.kind == SaleFactKind.SALE:
            sold[fact.order_line_id] = fact
        else:
            done = refunded[fact.order_line_id]
            done.units -= fact.quantity
            done.amount -= fact.gross_amount
            done.reversals += 1

    new: list[_Fact] = []
    for line_id, line in paid.items():
        if line_id not in sold:
            sale = _sale_fact(line, now)
            sold[line_id] = sale
            new.append(sale)
    booked_on: datetime.date | None = None
    for line_id, sold_fact in sold.items():
        paid_line = paid.get(line_id)
        units = (
            sold_fact.quantity
            if paid_line is None
            else min(paid_line.quantity_refunded, sold_fact.quantity)
        )
        done = refunded[line_id]
        if units > done.units:
            booked_on = booked_on or _hub_today(sold_fact.hub_id, now)
            new.append(_reversal_fact(sold_fact, done, units, now, booked_on))
        elif units < done.units:  # a refund taken back: never un-reversed
            logger.warning("coop_sales_refund_undone", extra={"order_line_id": str(line_id)})
    inserted = _insert_facts(new) if new else []
    if inserted:
        _apply_to_rollups(
            inserted,
            _active_sales(facts),
            _active_sales([*facts, *inserted]),
            inserted[0].buyer_key,
        )
        figures_changed({fact.cooperative_id for fact in inserted}, sender=__name__)
    result = OrderSalesRecorded(
        order_id=str(order_uuid),
        sales=sum(1 for f in inserted if f.kind == SaleFactKind.SALE),
        reversals=sum(1 for f in inserted if f.kind == SaleFactKind.REVERSAL),
        cooperative_ids=frozenset(f.cooperative_id for f in inserted),
        earliest_sale_date=min((f.sale_date for f in inserted), default=None),
    )
    logger.info(
        "coop_sales_order_recorded",
        extra={"order_id": result.order_id, "sales": result.sales, "reversals": result.reversals},
    )
    return result


# --- offline sales -----------------------------------------------------------------------


def _local_today() -> datetime.date:
    return timezone.localdate()


MAX_OFFLINE_AMOUNT = 10**15 - 1


def _offline_amount(amount: object) -> int:
    if amount is None:
        raise field_error("amount", _("Enter the amount."), CoopSalesErrorCode.REQUIRED)
    value = parse_rupiah_amount(amount, field="amount", max_amount=MAX_OFFLINE_AMOUNT)
    if value == 0:
        raise field_error(
            "amount",
            _("Enter the amount as a whole number of rupiah above zero."),
            CoopSalesErrorCode.INVALID,
        )
    return value


def _offline_month(month: object) -> datetime.date:
    if not isinstance(month, datetime.date):  # None: the month was left out
        raise field_error("month", _("Enter the month."), CoopSalesErrorCode.REQUIRED)
    first = periods.month_start(month)
    if first > periods.month_start(_local_today()):
        raise field_error(
            "month",
            _("Sales cannot be entered for a month that has not started."),
            CoopSalesErrorCode.FUTURE_MONTH,
        )
    return first


def _offline_note(note: object) -> str:
    text = note.strip() if isinstance(note, str) else ""  # None: no note
    if len(text) > 255:
        raise field_error(
            "note", _("The note is longer than 255 characters."), CoopSalesErrorCode.INVALID
        )
    return text


def _require_offline_manager(user: User, cooperative: Cooperative) -> None:
    if not user_can_manage_cooperative(user, cooperative):
        raise PermissionDenied(gettext("You cannot enter sales for this cooperative."))


@transaction.atomic
def offline_sale_record(
    *,
    cooperative: Cooperative,
    month: datetime.date,
    amount: object,
    note: str = "",
    entered_by: User,
) -> OfflineSale:
    """Record sales a cooperative made outside the marketplace in one month.

    Only the cooperative's staff and platform staff may (``PermissionDenied`` otherwise).
    CoopSalesErrorCode: REQUIRED / INVALID on ``amount`` (a whole positive rupiah amount:
    ``marketplace.core.money.parse_rupiah_amount`` refuses fractions, negatives and
    text that is not a plain number), FUTURE_MONTH on ``month`` (after the current month),
    INVALID on ``note`` (over 255 characters). ``month`` may be any day of the month; the
    first day is stored.
    """
    _require_offline_manager(entered_by, cooperative)
    value = _offline_amount(amount)
    first = _offline_month(month)
    note = _offline_note(note)
    sale = OfflineSale.objects.create(
        cooperative=cooperative, month=first, amount=value, note=note, entered_by=entered_by
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


@transaction.atomic
def offline_sale_update(
    *, offline_sale: OfflineSale, changes: dict[str, object], actor: User
) -> OfflineSale:
    """Correct an offline sale: ``changes`` may hold ``month``, ``amount`` and ``note``,
    validated as in ``offline_sale_record`` (a ``None`` month or amount is REQUIRED).
    Nothing is saved unless every change is valid."""
    _require_offline_manager(actor, offline_sale.cooperative)
    sale = OfflineSale.objects.select_for_update().get(pk=offline_sale.pk)
    if "amount" in changes:
        sale.amount = _offline_amount(changes["amount"])
    if "month" in changes:
        sale.month = _offline_month(changes["month"])
    if "note" in changes:
        sale.note = _offline_note(changes["note"])
    sale.entered_by = actor
    sale.save(update_fields=["amount", "month", "note", "entered_by"])
    logger.info(
        "coop_sales_offline_corrected",
        extra={"offline_sale_id": sale.pk, "actor_id": actor.pk, "fields": sorted(changes)},
    )
    return sale


@transaction.atomic
def offline_sale_delete(*, offline_sale: OfflineSale, actor: User) -> None:
    """Remove an offline sale entered by mistake (the cooperative's staff or platform
    staff; ``PermissionDenied`` otherwise)."""
    _require_offline_manager(actor, offline_sale.cooperative)
    sale_id = offline_sale.pk
    OfflineSale.objects.filter(pk=sale_id).delete()
    logger.info(
        "coop_sales_offline_deleted", extra={"offline_sale_id": sale_id, "actor_id": actor.pk}
    )


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
                figures_changed([cooperative.pk], sender=__name__)
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
                figures_changed([cooperative.pk], sender=__name__)
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
    """Raise or clear the sales-based early warnings of one cooperative (thresholds from
    ``coop_reporting/rules/early_warning.json``; reasons in the active language, Bahasa
    Indonesia in the worker).

    ``sales_drop``: marketplace sales of the last full months (three) are at least the
    configured share (half) below the same months a year earlier.
    ``no_sales``: no marketplace sale in the last ``no_sales.days`` days (60; counted from
    the cooperative's creation when it never sold).
    """
    today = today or _local_today()
    share = early_warning.sales_drop_share()
    days = early_warning.no_sales_days()

    end = periods.month_start(today)
    start = periods.add_months(end, -early_warning.sales_drop_months())
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

    last_sale = selectors.cooperative_last_sale_date(cooperative.pk, today)
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


def cooperative_flags_after_sales(
    recorded: OrderSalesRecorded, *, today: datetime.date | None = None
) -> list[int]:
    """Refresh the sales warnings one recorded order can change; returns the cooperatives
    recomputed. Called once per order by the recording task, never per line.

    A cooperative is recomputed when it has an open ``sales_drop`` or ``no_sales`` flag
    (the sale may clear it), when the order reversed sales (its last sale may be older
    now), or when a fact falls before the current month (the months the drop compares).
    Otherwise a new sale cannot change its flags and the check costs one query; the
    nightly task recomputes every cooperative anyway, as time passing raises flags too.
    """
    if not recorded.cooperative_ids:
        return []
    today = today or _local_today()
    earliest = recorded.earliest_sale_date
    if recorded.reversals or (earliest is not None and earliest < periods.month_start(today)):
        ids = set(recorded.cooperative_ids)
    else:
        ids = set(
            CooperativeFlag.objects.filter(
                cooperative_id__in=recorded.cooperative_ids,
                kind__in=(FLAG_SALES_DROP, FLAG_NO_SALES),
                cleared_at__isnull=True,
            ).values_list("cooperative_id", flat=True)
        )
    for cooperative in Cooperative.objects.filter(pk__in=ids).order_by("pk"):
        cooperative_flags_recompute(cooperative=cooperative, today=today)
    return sorted(ids)
