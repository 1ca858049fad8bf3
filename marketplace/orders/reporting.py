"""The read API of orders for ``coop_reporting`` — the only orders module it may import.

Contract
--------
* ``paid_order_lines(order_id)`` and ``paid_order_lines_between(start, end)`` yield
  frozen ``PaidOrderLine`` rows: one per line of a *paid* order (charge status full or
  overcharged; or partial once paid in full, as ``paid_at`` says: money given back
  without naming lines does not say which goods came back, so the lines stay sold until
  they are refunded by line, or the order is refunded in full or canceled) that is
  neither canceled nor expired, amounts in whole rupiah
  (``gross_amount`` is the line as sold: after its share of any voucher discount, so a
  cooperative's sales are what it really earned; the lines of an order add up to its
  subtotal exactly; ``discount_amount`` is that share), ``paid_on``
  the payment date in the hub's time zone (WIB/WITA/WIT), ``buyer_key`` the user id
  (``"user:<id>"``) or, for guests, a SHA-256 of the lower-cased e-mail
  (``"email:<hex>"``) — never the address itself. ``paid_order_lines_between`` takes
  aware datetimes and selects on ``paid_at`` in ``[start, end)``. A line whose whole
  quantity was refunded through granted refunds that were paid back (``payments``'
  ``OrderGrantedRefundLine``, reached through the ``granted_refund_lines`` relation, so
  orders imports nothing of payments) is left out, so reporting reverses it; a line
  refunded in part stays, with the units paid back in ``quantity_refunded`` (reporting
  reverses those units).
* When an order becomes paid, a paid order is canceled (refund at the hub) or refunded
  online, orders record an ``OrderEvent`` and, after commit, send the Celery task named
  ``REPORTING_TASK_NAME`` with the order id (text) as its only argument — only if a task
  of that name is registered in ``celery.current_app.tasks``. ``marketplace`` never
  imports ``coop_reporting`` (import-linter forbids it); the task is expected to call
  ``paid_order_lines(order_id)`` again and replace what it recorded for that order, so
  it is idempotent: a canceled order yields no rows, which removes its sales.
* ``paid_order_lines_query(start, end)`` is ``paid_order_lines_between`` as one SQL
  query (text and parameters) whose columns are ``PAID_LINE_COLUMNS``, the same values
  computed by the database (hub-local date, buyer key, units refunded), for set-based
  use such as ``CREATE TABLE … AS`` over millions of lines. Both paths are tested to
  agree.
* ``category_names(ids)`` names the catalog categories reporting stores by id only
  (sales by category in reports).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from celery import current_app
from django.db import transaction
from django.db.models import (
    BigIntegerField,
    BinaryField,
    Case,
    CharField,
    DateField,
    DateTimeField,
    F,
    Func,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Lower

from marketplace.catalog.models import Category
from marketplace.orders.models import OrderChargeStatus, OrderLine, OrderStatus
from marketplace.village_hubs.models import VillageHub

logger = logging.getLogger(__name__)

REPORTING_TASK_NAME = "coop_reporting.tasks.record_order_sales_task"
BATCH_SIZE = 500
DEFAULT_ZONE = "Asia/Jakarta"  # orders of a channel that is no village hub's
PYTHON_WHITESPACE = " \t\n\r\x0b\x0c"  # what str.strip() removes from an ASCII e-mail


@dataclass(frozen=True)
class PaidOrderLine:
    order_id: str
    line_id: str
    cooperative_id: int
    producer_id: int | None
    hub_id: int | None
    village_code: str | None
    category_id: int | None
    quantity: int
    gross_amount: int  # whole rupiah, line total as sold (after its voucher discount)
    paid_on: datetime.date  # in the hub's time zone
    buyer_key: str
    discount_amount: int = 0  # whole rupiah: the line's share of the order's voucher
    quantity_refunded: int = 0  # units paid back through granted refunds (< quantity)


def buyer_key(*, user_id: int | None, email: str) -> str:
    """Who bought, without personal data: ``user:<id>`` or ``email:<sha256>``."""
    if user_id is not None:
        return f"user:{user_id}"
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
    return f"email:{digest}"


GRANTED_REFUND_SUCCESS = "success"  # payments.OrderGrantedRefundStatus.SUCCESS


def _paid_lines() -> QuerySet[OrderLine]:
    refunded = Sum(
        "granted_refund_lines__quantity",
        filter=Q(granted_refund_lines__granted_refund__status=GRANTED_REFUND_SUCCESS),
    )
    return (
        OrderLine.objects.filter(
            order__paid_at__isnull=False,  # set when paid in full, cleared when refunded in full
            order__charge_status__in=(
                OrderChargeStatus.FULL,
                OrderChargeStatus.OVERCHARGED,
                OrderChargeStatus.PARTIAL,
            ),
        )
        .exclude(order__status__in=(OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.DRAFT))
        .annotate(quantity_refunded=Coalesce(refunded, 0))
        .filter(quantity_refunded__lt=F("quantity"))
        .select_related("order")
    )


_ROW_FIELDS = (
    "order_id",
    "pk",
    "cooperative_id",
    "producer_id",
    "category_id",
    "quantity",
    "total_price_amount",
    "discount_amount",
    "quantity_refunded",
    "order__paid_at",
    "order__channel_id",
    "order__user_id",
    "order__user_email",
)


def _rows(lines: QuerySet[OrderLine]) -> Iterator[PaidOrderLine]:
    # Plain values, not model instances: a rebuild reads millions of lines.
    hubs: dict[int, tuple[int | None, str | None, ZoneInfo]] = {}
    buyer: tuple[object, object, str] = (None, None, "")  # an order's lines come together
    rows = (
        lines.order_by("order__paid_at", "order_id", "created_at", "pk")
        .values_list(*_ROW_FIELDS)
        .iterator(chunk_size=BATCH_SIZE)
    )
    for (order_id, line_id, cooperative_id, producer_id, category_id, quantity, total,
         discount, refunded, paid_at, channel_id, user_id, email) in rows:  # fmt: skip
        if channel_id not in hubs:
            hub = VillageHub.objects.filter(channel_id=channel_id).first()
            hubs[channel_id] = (
                hub.pk if hub is not None else None,
                hub.village_id if hub is not None else None,
                ZoneInfo(hub.time_zone if hub is not None else DEFAULT_ZONE),
            )
        hub_id, village_code, zone = hubs[channel_id]
        if buyer[:2] != (user_id, email):
            buyer = (user_id, email, buyer_key(user_id=user_id, email=email))
        yield PaidOrderLine(
            order_id=str(order_id),
            line_id=str(line_id),
            cooperative_id=cooperative_id,
            producer_id=producer_id,
            hub_id=hub_id,
            village_code=village_code,
            category_id=category_id,
            quantity=quantity,
            gross_amount=int(total),
            paid_on=paid_at.astimezone(zone).date(),
            buyer_key=buyer[2],
            discount_amount=int(discount),
            quantity_refunded=int(refunded),
        )


def paid_order_lines(order_id: UUID | str) -> Iterator[PaidOrderLine]:
    """The paid lines of one order (none when unpaid, canceled or expired)."""
    return _rows(_paid_lines().filter(order_id=order_id))


def paid_order_lines_between(
    start: datetime.datetime, end: datetime.datetime
) -> Iterator[PaidOrderLine]:
    """Paid lines of orders paid in ``[start, end)`` (aware datetimes), in batches."""
    return _rows(_paid_lines().filter(order__paid_at__gte=start, order__paid_at__lt=end))


PAID_LINE_COLUMNS = (
    "line_id",
    "order_id",
    "cooperative_id",
    "producer_id",
    "hub_id",
    "village_code",
    "category_id",
    "quantity",
    "gross_amount",
    "paid_on",
    "buyer_key",
    "quantity_refunded",
)


def _buyer_key_sql() -> Case:
    """``buyer_key`` in SQL: ``user:<id>``, else ``email:`` and the hex SHA-256 of the
    trimmed, lower-cased e-mail."""
    email = Func(
        Coalesce(F("order__user_email"), Value("")), Value(PYTHON_WHITESPACE), function="btrim"
    )
    utf8 = Func(Lower(email), Value("UTF8"), function="convert_to", output_field=BinaryField())
    digest = Func(
        Func(utf8, function="sha256", output_field=BinaryField()),
        Value("hex"),
        function="encode",
        output_field=CharField(),
    )
    return Case(
        When(
            order__user_id__isnull=False,
            then=Concat(Value("user:"), Cast("order__user_id", CharField())),
        ),
        default=Concat(Value("email:"), digest),
        output_field=CharField(),
    )


def paid_order_lines_query(start: datetime.datetime, end: datetime.datetime) -> tuple[str, tuple]:
    """The lines of ``paid_order_lines_between(start, end)`` as SQL and its parameters,
    one row per line with the columns ``PAID_LINE_COLUMNS`` (see the module docstring)."""
    hub = "order__channel__village_hub__"
    local_time = Func(
        Coalesce(F(f"{hub}time_zone"), Value(DEFAULT_ZONE)),
        F("order__paid_at"),
        function="timezone",
        output_field=DateTimeField(),
    )
    rows = (
        _paid_lines()
        .filter(order__paid_at__gte=start, order__paid_at__lt=end)
        .annotate(
            sql_hub_id=F(f"{hub}id"),
            sql_village_code=Coalesce(F(f"{hub}village_id"), Value("")),
            sql_gross_amount=Cast("total_price_amount", BigIntegerField()),
            sql_paid_on=Cast(local_time, DateField()),
            sql_buyer_key=_buyer_key_sql(),
        )
        .order_by()
        .values_list(
            "pk",
            "order_id",
            "cooperative_id",
            "producer_id",
            "sql_hub_id",
            "sql_village_code",
            "category_id",
            "quantity",
            "sql_gross_amount",
            "sql_paid_on",
            "sql_buyer_key",
            "quantity_refunded",
        )
    )
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params)


def category_names(category_ids: Iterable[int]) -> dict[int, str]:
    """Names of the categories with these ids (deleted ones are missing), one query."""
    ids = {pk for pk in category_ids if pk is not None}
    if not ids:
        return {}
    return dict(Category.objects.filter(pk__in=ids).values_list("pk", "name"))


@dataclass(frozen=True)
class OrderLineLabel:
    """What a person reads on a statement line: the order's number and what was sold."""

    order_number: int
    product_name: str
    variant_name: str


def order_line_labels(line_ids: Iterable[object]) -> dict[str, OrderLineLabel]:
    """The order number, product and variant name (as sold) of these order lines, keyed
    by the line id as a string; one query."""
    ids = {str(pk) for pk in line_ids if pk is not None}
    if not ids:
        return {}
    rows = OrderLine.objects.filter(pk__in=ids).values_list(
        "pk", "order__number", "product_name", "variant_name"
    )
    return {
        str(pk): OrderLineLabel(order_number=number, product_name=product, variant_name=variant)
        for pk, number, product, variant in rows
    }


def _send_reporting_task(order_id: str) -> None:
    if REPORTING_TASK_NAME not in current_app.tasks:
        logger.info("order_sales_reporting_skipped", extra={"order_id": order_id})
        return
    current_app.send_task(REPORTING_TASK_NAME, args=[order_id])
    logger.info("order_sales_reporting_sent", extra={"order_id": order_id})


def notify_order_sales_changed(order_id: object) -> None:
    """After commit, tell reporting that an order's paid sales changed (see the module
    docstring); a no-op when no reporting task is registered."""
    order_key = str(order_id)
    transaction.on_commit(lambda: _send_reporting_task(order_key))


__all__ = [
    "DEFAULT_ZONE",
    "REPORTING_TASK_NAME",
    "PaidOrderLine",
    "buyer_key",
    "category_names",
    "notify_order_sales_changed",
    "paid_order_lines",
    "paid_order_lines_between",
    "paid_order_lines_query",
    "PAID_LINE_COLUMNS",
]
