"""The steps of completing a checkout (``services.checkout_complete``), in the order they
run under the checkout's row lock: validate, price (the voucher row locked first), count
the voucher's use, plan which locked stock rows each line takes from, describe the order
for ``orders.placement.order_place``, and delete the completed checkout.

Locking order: the checkout row, the voucher row, then stock rows by primary key, as
every other writer of these rows. Errors are ValidationError with CheckoutErrorCode
values, raised before anything is written.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Mapping

from django.utils.translation import gettext as _

from marketplace.checkout import validation
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.locks import checkout_lock
from marketplace.checkout.models import Checkout, CheckoutLine, Reservation
from marketplace.checkout.selectors import CheckoutTotals, checkout_totals
from marketplace.checkout.stock import (
    available_by_stock,
    candidate_stocks,
    insufficient_stock_error,
    stocks_in_allocation_order,
)
from marketplace.core.exceptions import field_error
from marketplace.discounts.calculations import NotApplicable
from marketplace.discounts.models import Voucher, VoucherCode
from marketplace.discounts.services import (
    voucher_customer_email,
    voucher_lock,
    voucher_usage_increase,
)
from marketplace.orders.models import Order
from marketplace.orders.placement import OrderDraft, OrderLineDraft, OrderVoucherDraft
from marketplace.warehouses.lock_objects import lock_stocks
from marketplace.warehouses.models import Stock

logger = logging.getLogger(__name__)

PAYMENT_MODE_PAY_AT_PICKUP = "pay_at_pickup"
PAYMENT_MODE_PAID = "paid"
PAYMENT_MODES = (PAYMENT_MODE_PAY_AT_PICKUP, PAYMENT_MODE_PAID)

StockPlan = dict[object, list[tuple[Stock, int]]]  # checkout line pk → (stock, units)
# What completion reads of a checkout's relations (the shipping address only for a
# shipping method, when it is read on use).
COMPLETION_RELATIONS = ("channel", "collection_point", "shipping_method", "user")


def checkout_lock_for_completion(checkout: Checkout) -> Checkout | None:
    """The checkout's row, locked, with what completion reads; None once it is gone."""
    return checkout_lock(checkout, joined=COMPLETION_RELATIONS)


def completed_checkout_order(checkout: Checkout) -> Order:
    """The order a checkout already became (this or a concurrent completion); NOT_FOUND
    on ``id`` when the checkout is gone without one."""
    existing = Order.objects.filter(checkout_token=checkout.pk).first()
    if existing is None:
        raise field_error("id", _("Checkout not found."), CheckoutErrorCode.NOT_FOUND)
    logger.info(
        "checkout_already_completed",
        extra={"checkout_id": str(checkout.pk), "order_id": str(existing.pk)},
    )
    return existing


def _validate_delivery(checkout: Checkout) -> None:
    if checkout.collection_point is None and checkout.shipping_method is None:
        raise field_error(
            "shipping_method",
            _("Choose a pickup point or a shipping method."),
            CheckoutErrorCode.SHIPPING_METHOD_NOT_SET,
        )
    if checkout.collection_point is not None:
        validation.validate_collection_point(
            channel=checkout.channel, warehouse=checkout.collection_point, field="delivery_method"
        )
    if checkout.shipping_method is not None:
        if checkout.shipping_address_id is None:
            raise field_error(
                "shipping_address",
                _("Shipping address is not set."),
                CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
            )
        validation.validate_shipping_method(
            channel=checkout.channel,
            shipping_method=checkout.shipping_method,
            address=checkout.shipping_address,
            field="shipping_method",
        )


def _validate_payment_mode(checkout: Checkout, payment_mode: str) -> None:
    if payment_mode != PAYMENT_MODE_PAY_AT_PICKUP:
        return
    if checkout.collection_point is None:
        raise field_error(
            "delivery_method",
            _("Paying at the village hub needs pickup at the hub."),
            CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
        )
    if not checkout.channel.allow_unpaid_orders:
        raise field_error(
            "id",
            _("This village hub does not take payment at pickup."),
            CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID,
        )


def validate_for_completion(
    checkout: Checkout, lines: list[CheckoutLine], payment_mode: str, now: datetime.datetime
) -> None:
    """Refuse a checkout that cannot become an order (CheckoutErrorCode: INVALID on
    ``payment_mode``, NO_LINES, CHANNEL_INACTIVE, EMAIL_NOT_SET, SHIPPING_METHOD_NOT_SET,
    DELIVERY_METHOD_NOT_APPLICABLE, SHIPPING_METHOD_NOT_APPLICABLE,
    SHIPPING_ADDRESS_NOT_SET, CHECKOUT_NOT_FULLY_PAID, product availability codes)."""
    if payment_mode not in PAYMENT_MODES:
        raise field_error("payment_mode", _("Unknown payment mode."), CheckoutErrorCode.INVALID)
    if not lines:
        raise field_error(
            "lines", _("Cannot complete checkout without lines."), CheckoutErrorCode.NO_LINES
        )
    validation.validate_channel_active(checkout.channel)
    if not validation.has_contact(checkout):
        raise field_error(
            "email",
            _("Checkout email must be set."),
            CheckoutErrorCode.EMAIL_NOT_SET,
        )
    _validate_delivery(checkout)
    _validate_payment_mode(checkout, payment_mode)
    validation.validate_variants_purchasable(
        channel=checkout.channel, variants=[line.variant for line in lines], now=now
    )
    validation.validate_customer_limits({line.variant: line.quantity for line in lines})


def price_for_completion(
    checkout: Checkout, lines: list[CheckoutLine], now: datetime.datetime
) -> tuple[CheckoutTotals, tuple[Voucher, VoucherCode] | None]:
    """The checkout's totals (of its ``lines``, read under its lock), and its voucher
    code's row locked first: a code with a usage limit then serves only as many orders
    as the limit even when checkouts complete at once."""
    voucher_use = voucher_lock(checkout.voucher_code) if checkout.voucher_code else None
    return checkout_totals(checkout=checkout, now=now, lines=lines), voucher_use


def voucher_use_count(
    checkout: Checkout,
    totals: CheckoutTotals,
    voucher_use: tuple[Voucher, VoucherCode] | None,
) -> None:
    """Count one use of the checkout's voucher code; VOUCHER_NOT_APPLICABLE on
    ``voucher_code`` when the code no longer applies or was used up meanwhile."""
    if not checkout.voucher_code:
        return
    problem = totals.voucher_problem
    if totals.voucher is None or voucher_use is None:
        raise field_error(
            "voucher_code",
            problem.message if problem is not None else _("Voucher not applicable"),
            CheckoutErrorCode.VOUCHER_NOT_APPLICABLE,
        )
    try:
        voucher_usage_increase(
            voucher=voucher_use[0],
            code=voucher_use[1],
            customer_email=voucher_customer_email(user=checkout.user, email=checkout.email),
        )
    except NotApplicable as exc:
        raise field_error(
            "voucher_code", exc.message, CheckoutErrorCode.VOUCHER_NOT_APPLICABLE
        ) from None


def _stocks_by_variant(
    checkout: Checkout, tracked: list[CheckoutLine], now: datetime.datetime
) -> tuple[dict[int, list[Stock]], dict[int, int]]:
    """The candidate stock rows, locked, per variant in the order they are taken from
    (own reservations first, then the channel's strategy), and the units free in each."""
    stocks = lock_stocks(
        candidate_stocks(
            channel=checkout.channel,
            variant_ids={line.variant_id for line in tracked},
            collection_point=checkout.collection_point,
        )
    )
    available = available_by_stock(stocks, checkout_id=checkout.pk, now=now)
    own: dict[int, int] = defaultdict(int)
    for reservation in Reservation.objects.filter(
        checkout_line__checkout=checkout, reserved_until__gt=now
    ):
        own[reservation.stock_id] += reservation.quantity_reserved
    ordered = stocks_in_allocation_order(stocks, available, checkout.channel)
    ordered.sort(key=lambda stock: -own[stock.pk])  # stable: strategy order within ties
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in ordered:
        by_variant[stock.product_variant_id].append(stock)
    return by_variant, available


def stock_plan(checkout: Checkout, lines: list[CheckoutLine], now: datetime.datetime) -> StockPlan:
    """Lock the stock rows and decide which units each line takes (own reservations
    first). Raises INSUFFICIENT_STOCK on ``lines``."""
    tracked = [line for line in lines if line.variant.track_inventory]
    if not tracked:
        return {}
    by_variant, available = _stocks_by_variant(checkout, tracked, now)
    plan: StockPlan = {}
    short: list[int] = []
    for line in tracked:
        remaining = line.quantity
        takes: list[tuple[Stock, int]] = []
        for stock in by_variant[line.variant_id]:
            take = min(remaining, available[stock.pk])
            if take > 0:
                takes.append((stock, take))
                available[stock.pk] -= take
                remaining -= take
            if remaining == 0:
                break
        if remaining:
            short.append(line.variant_id)
        plan[line.pk] = takes
    if short:
        raise insufficient_stock_error(short, "lines")
    return plan


def _line_drafts(
    lines: list[CheckoutLine], totals: CheckoutTotals, plan: StockPlan
) -> list[OrderLineDraft]:
    prices = {price.line.pk: price for price in totals.lines}
    return [
        OrderLineDraft(
            variant=line.variant,
            quantity=line.quantity,
            undiscounted_unit_price=prices[line.pk].unit_price,
            undiscounted_total_price=prices[line.pk].undiscounted_total_price,
            discount=prices[line.pk].discount,
            total_price=prices[line.pk].total_price,
            takes=tuple(plan.get(line.pk, ())),
        )
        for line in lines
    ]


def order_draft(
    checkout: Checkout,
    lines: list[CheckoutLine],
    totals: CheckoutTotals,
    plan: StockPlan,
    *,
    payment_mode: str,
    order_metadata: Mapping[str, str] | None,
) -> OrderDraft:
    """What the order is made of: the checkout's buyer, delivery, address copies and
    metadata (``order_metadata`` added to the public part), the priced lines with their
    share of the discount, and the units each takes from stock."""
    applied = totals.voucher
    voucher = None
    if applied is not None:
        voucher = OrderVoucherDraft(
            voucher_id=applied.voucher_id,
            code=applied.code,
            discount=totals.discount,
            name=applied.name,
            translated_name=applied.translated_name,
            value_type=applied.value_type,
            value=applied.value,
        )
    return OrderDraft(
        channel=checkout.channel,
        user=checkout.user,
        email=checkout.email,
        checkout_token=checkout.pk,
        language_code=checkout.language_code,
        customer_note=checkout.note,
        billing_address_id=checkout.billing_address_id,
        shipping_address_id=checkout.shipping_address_id,
        collection_point=checkout.collection_point,
        shipping_method=checkout.shipping_method,
        subtotal=totals.subtotal,
        shipping=totals.shipping,
        undiscounted_shipping=totals.undiscounted_shipping,
        tax=totals.tax,
        total=totals.total,
        paid=payment_mode == PAYMENT_MODE_PAID,
        lines=_line_drafts(lines, totals, plan),
        voucher=voucher,
        metadata={**checkout.metadata, **(order_metadata or {})},
        private_metadata=dict(checkout.private_metadata),
    )


def checkout_delete_completed(checkout: Checkout) -> None:
    """The order now owns the checkout's address copies (deleting the checkout leaves the
    rows it points at); deleting the checkout drops its lines and reservations."""
    checkout.delete()
