"""Placing an order from plain data: the one door through which orders are made.

Checkout completion (``marketplace.checkout.complete``) decides what is sold, at which
price and from which locked stock rows, and hands it over as an ``OrderDraft``; this
module writes the order, its lines and allocations, numbers it, gives a pickup order its
code, records the events, queues the confirmation e-mail and tells reporting about a
paid order. Orders never import checkout: the dependency runs one way.
"""

from __future__ import annotations

import datetime
import logging
import secrets
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction

from marketplace.accounts.models import User
from marketplace.catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.notifications.emails import order_confirmation_email_send
from marketplace.orders import reporting
from marketplace.orders.events import order_event_add
from marketplace.orders.models import (
    PICKUP_CODE_ALPHABET,
    PICKUP_CODE_LENGTH,
    Allocation,
    Order,
    OrderChargeStatus,
    OrderEventType,
    OrderLine,
    OrderStatus,
    PaymentMethod,
)
from marketplace.shipping.models import ShippingMethod
from marketplace.warehouses.models import Stock, Warehouse

logger = logging.getLogger(__name__)

ORDER_NUMBER_SEQUENCE = "orders_order_number_seq"
_PICKUP_CODE_CONSTRAINT = "order_pickup_code_unique_open_per_channel"
_PICKUP_CODE_ATTEMPTS = 10


@dataclass(frozen=True)
class OrderLineDraft:
    """One line as sold: whole rupiah, and the locked stock rows it takes units from."""

    variant: ProductVariant
    quantity: int
    undiscounted_unit_price: int
    undiscounted_total_price: int
    discount: int
    total_price: int
    takes: Sequence[tuple[Stock, int]] = ()


@dataclass(frozen=True)
class OrderVoucherDraft:
    """The voucher an order was placed with, as Saleor's order discount keeps it."""

    voucher_id: int
    code: str
    discount: int
    name: str
    translated_name: str
    value_type: str
    value: Decimal


@dataclass(frozen=True)
class OrderDraft:
    """Everything an order is made of; ``paid``: charged in full by a gateway already."""

    channel: Channel
    user: User | None
    email: str
    checkout_token: uuid.UUID
    language_code: str
    customer_note: str
    billing_address_id: int | None
    shipping_address_id: int | None
    collection_point: Warehouse | None
    shipping_method: ShippingMethod | None
    subtotal: int
    shipping: int
    undiscounted_shipping: int
    tax: int
    total: int
    paid: bool
    lines: Sequence[OrderLineDraft]
    voucher: OrderVoucherDraft | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    private_metadata: Mapping[str, str] = field(default_factory=dict)


def new_pickup_code() -> str:
    """A random pickup code: 6 characters of an alphabet without look-alikes."""
    return "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _ in range(PICKUP_CODE_LENGTH))


def _next_order_number() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [ORDER_NUMBER_SEQUENCE])
        return int(cursor.fetchone()[0])


def _unit_price(total: int, quantity: int) -> int:
    """A line's unit price in whole rupiah, rounded half up (the total stays exact)."""
    return (2 * total + quantity) // (2 * quantity)


def _save_with_pickup_code(order: Order, *, with_code: bool) -> None:
    """Insert the order; a pickup order with a new random code, drawn again while an
    open order of the hub holds it. The partial unique index is the test (one query less
    than asking first; the savepoint undoes only the refused insert)."""
    for _attempt in range(_PICKUP_CODE_ATTEMPTS):
        if with_code:
            order.pickup_code = new_pickup_code()
        try:
            with transaction.atomic():
                order.save(force_insert=True)
            return
        except IntegrityError as exc:
            if not with_code or _PICKUP_CODE_CONSTRAINT not in str(exc):
                raise
    raise RuntimeError("no free pickup code found")  # ~10^8 codes per hub: not expected


def _order_row(draft: OrderDraft, now: datetime.datetime) -> Order:
    """The order row, numbered and saved (with a pickup code for a pickup order)."""
    channel = draft.channel
    order = Order(
        number=_next_order_number(),
        channel=channel,
        user=draft.user,
        user_email=draft.email,
        checkout_token=draft.checkout_token,
        language_code=draft.language_code,
        customer_note=draft.customer_note,
        status=(
            OrderStatus.UNFULFILLED
            if channel.automatically_confirm_all_new_orders or draft.paid
            else OrderStatus.UNCONFIRMED
        ),
        billing_address_id=draft.billing_address_id,
        shipping_address_id=draft.shipping_address_id,
        collection_point=draft.collection_point,
        collection_point_name=draft.collection_point.name if draft.collection_point else "",
        shipping_method=draft.shipping_method,
        shipping_method_name=draft.shipping_method.name if draft.shipping_method else "",
        subtotal_amount=draft.subtotal,
        shipping_price_amount=draft.shipping,
        undiscounted_shipping_price_amount=draft.undiscounted_shipping,
        tax_amount=draft.tax,
        total_amount=draft.total,
        payment_method=PaymentMethod.ONLINE if draft.paid else PaymentMethod.PAY_AT_PICKUP,
        metadata=dict(draft.metadata),
        private_metadata=dict(draft.private_metadata),
    )
    if draft.voucher is not None:
        order.voucher_id = draft.voucher.voucher_id
        order.voucher_code = draft.voucher.code
        order.discount_amount = draft.voucher.discount
        order.discount_name = draft.voucher.name
        order.translated_discount_name = draft.voucher.translated_name
        order.discount_value_type = draft.voucher.value_type
        order.discount_value = draft.voucher.value
    if draft.paid:
        order.charge_status = OrderChargeStatus.FULL
        order.total_charged_amount = draft.total
        order.paid_at = now
    elif channel.expire_orders_after:
        order.expires_at = now + datetime.timedelta(minutes=channel.expire_orders_after)
    _save_with_pickup_code(order, with_code=draft.collection_point is not None)
    return order


def _line_rows(order: Order, lines: Sequence[OrderLineDraft]) -> list[OrderLine]:
    """Snapshot each line (names, SKU, cooperative, prices), written in one query."""
    rows = []
    for line in lines:
        product = line.variant.product
        rows.append(
            OrderLine(
                order=order,
                variant=line.variant,
                product_name=product.name,
                variant_name=line.variant.name,
                product_sku=line.variant.sku or "",
                cooperative_id=product.cooperative_id,
                producer_id=product.producer_id,
                category_id=product.category_id,
                quantity=line.quantity,
                undiscounted_unit_price_amount=line.undiscounted_unit_price,
                undiscounted_total_price_amount=line.undiscounted_total_price,
                discount_amount=line.discount,
                unit_price_amount=_unit_price(line.total_price, line.quantity),
                total_price_amount=line.total_price,
            )
        )
    OrderLine.objects.bulk_create(rows)
    return rows


def _allocate(rows: Sequence[OrderLine], lines: Sequence[OrderLineDraft]) -> None:
    """Allocation rows for the units each line takes, and ``quantity_allocated`` of the
    (already locked) stock rows raised to match, in pk order."""
    allocations = []
    per_stock: dict[int, int] = defaultdict(int)
    stocks: dict[int, Stock] = {}
    for row, line in zip(rows, lines, strict=True):
        for stock, quantity in line.takes:
            allocations.append(Allocation(order_line=row, stock=stock, quantity_allocated=quantity))
            per_stock[stock.pk] += quantity
            stocks[stock.pk] = stock
    Allocation.objects.bulk_create(allocations)
    changed = [stocks[pk] for pk in sorted(stocks) if per_stock[pk]]
    for stock in changed:
        stock.quantity_allocated += per_stock[stock.pk]
    Stock.objects.bulk_update(changed, ["quantity_allocated"])


def order_place(*, draft: OrderDraft, now: datetime.datetime) -> Order:
    """Write the order ``draft`` describes, in the caller's transaction.

    The caller holds the locks (the checkout row, the voucher row, the stock rows the
    lines take from) and has checked availability. ``pay_at_pickup`` orders get a pickup
    code and ``expires_at`` (the channel's ``expire_orders_after``); ``paid`` orders are
    charged in full now and reported after commit. Records ``placed`` (and
    ``order_fully_paid``) and queues the confirmation e-mail.
    """
    order = _order_row(draft, now)
    rows = _line_rows(order, draft.lines)
    _allocate(rows, draft.lines)
    order_event_add(order, OrderEventType.PLACED, user=draft.user)
    order_confirmation_email_send(order)
    if draft.paid:
        order_event_add(order, OrderEventType.ORDER_FULLY_PAID, amount=draft.total)
        reporting.notify_order_sales_changed(order.pk)
    logger.info(
        "order_placed",
        extra={
            "order_id": str(order.pk),
            "order_number": order.number,
            "channel_id": draft.channel.pk,
            "payment_method": order.payment_method,
            "total": draft.total,
        },
    )
    return order
