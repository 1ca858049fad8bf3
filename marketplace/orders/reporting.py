"""The read API of orders for ``coop_reporting`` — the only orders module it may import.

Contract
--------
* ``paid_order_lines(order_id)`` and ``paid_order_lines_between(start, end)`` yield
  frozen ``PaidOrderLine`` rows: one per line of a *paid* order (charge status full or
  overcharged) that is neither canceled nor expired, amounts in whole rupiah, ``paid_on``
  the payment date in the hub's time zone (WIB/WITA/WIT), ``buyer_key`` the user id
  (``"user:<id>"``) or, for guests, a SHA-256 of the lower-cased e-mail
  (``"email:<hex>"``) — never the address itself. ``paid_order_lines_between`` takes
  aware datetimes and selects on ``paid_at`` in ``[start, end)``.
* When an order becomes paid, or a paid order is canceled (refund at the hub), orders
  record an ``OrderEvent`` and, after commit, send the Celery task named
  ``REPORTING_TASK_NAME`` with the order id (text) as its only argument — only if a task
  of that name is registered in ``celery.current_app.tasks``. ``marketplace`` never
  imports ``coop_reporting`` (import-linter forbids it); the task is expected to call
  ``paid_order_lines(order_id)`` again and replace what it recorded for that order, so
  it is idempotent: a canceled order yields no rows, which removes its sales.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from celery import current_app
from django.db import transaction
from django.db.models import QuerySet

from marketplace.orders.models import OrderChargeStatus, OrderLine, OrderStatus
from marketplace.village_hubs.models import VillageHub

logger = logging.getLogger(__name__)

REPORTING_TASK_NAME = "coop_reporting.tasks.record_order_sales_task"
BATCH_SIZE = 500


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
    gross_amount: int  # whole rupiah, line total as sold
    paid_on: datetime.date  # in the hub's time zone
    buyer_key: str


def buyer_key(*, user_id: int | None, email: str) -> str:
    """Who bought, without personal data: ``user:<id>`` or ``email:<sha256>``."""
    if user_id is not None:
        return f"user:{user_id}"
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
    return f"email:{digest}"


def _paid_lines() -> QuerySet[OrderLine]:
    return (
        OrderLine.objects.filter(
            order__paid_at__isnull=False,
            order__charge_status__in=(OrderChargeStatus.FULL, OrderChargeStatus.OVERCHARGED),
        )
        .exclude(order__status__in=(OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.DRAFT))
        .select_related("order")
    )


def _rows(lines: QuerySet[OrderLine]) -> Iterator[PaidOrderLine]:
    hubs: dict[int, VillageHub | None] = {}
    for line in lines.order_by("order__paid_at", "order_id", "created_at", "pk").iterator(
        chunk_size=BATCH_SIZE
    ):
        order = line.order
        if order.channel_id not in hubs:
            hubs[order.channel_id] = VillageHub.objects.filter(channel_id=order.channel_id).first()
        hub = hubs[order.channel_id]
        zone = ZoneInfo(hub.time_zone if hub is not None else "Asia/Jakarta")
        yield PaidOrderLine(
            order_id=str(order.pk),
            line_id=str(line.pk),
            cooperative_id=line.cooperative_id,
            producer_id=line.producer_id,
            hub_id=hub.pk if hub is not None else None,
            village_code=hub.village_id if hub is not None else None,
            category_id=line.category_id,
            quantity=line.quantity,
            gross_amount=int(line.total_price_amount),
            paid_on=order.paid_at.astimezone(zone).date(),
            buyer_key=buyer_key(user_id=order.user_id, email=order.user_email),
        )


def paid_order_lines(order_id: object) -> Iterator[PaidOrderLine]:
    """The paid lines of one order (none when unpaid, canceled or expired)."""
    return _rows(_paid_lines().filter(order_id=order_id))


def paid_order_lines_between(
    start: datetime.datetime, end: datetime.datetime
) -> Iterator[PaidOrderLine]:
    """Paid lines of orders paid in ``[start, end)`` (aware datetimes), in batches."""
    return _rows(_paid_lines().filter(order__paid_at__gte=start, order__paid_at__lt=end))


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
    "REPORTING_TASK_NAME",
    "PaidOrderLine",
    "buyer_key",
    "notify_order_sales_changed",
    "paid_order_lines",
    "paid_order_lines_between",
]
