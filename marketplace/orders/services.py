"""Write use cases of orders: placing an order from a checkout, cash payment at the hub,
cancelation, expiry of unpaid orders, per-cooperative fulfilment.

Locking order, everywhere: the checkout or order row first, then stock rows by primary
key (``SELECT … FOR UPDATE``). ``Stock.quantity_allocated`` always equals the sum of the
stock's allocations; the database refuses allocating more than the quantity.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.checkout import validation
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout, CheckoutLine, Reservation
from marketplace.checkout.selectors import checkout_lines, checkout_totals
from marketplace.checkout.stock import (
    available_by_stock,
    candidate_stocks,
    insufficient_stock_error,
    lock_stocks,
    stocks_in_allocation_order,
)
from marketplace.core.exceptions import field_error
from marketplace.discounts.calculations import NotApplicable
from marketplace.discounts.services import (
    voucher_lock,
    voucher_usage_increase,
    voucher_usage_release,
)
from marketplace.notifications.emails import order_confirmation_email_send
from marketplace.orders import reporting
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.models import (
    OPEN_STATUSES,
    PICKUP_CODE_ALPHABET,
    PICKUP_CODE_LENGTH,
    Allocation,
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderEvent,
    OrderEventType,
    OrderLine,
    OrderStatus,
    PaymentMethod,
)
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.village_hubs.selectors import user_can_manage_cooperative, user_can_operate_hub
from marketplace.warehouses.models import Stock

logger = logging.getLogger(__name__)

PAYMENT_MODE_PAY_AT_PICKUP = "pay_at_pickup"
PAYMENT_MODE_PAID = "paid"
PAYMENT_MODES = (PAYMENT_MODE_PAY_AT_PICKUP, PAYMENT_MODE_PAID)
ORDER_NUMBER_SEQUENCE = "orders_order_number_seq"
_PICKUP_CODE_CONSTRAINT = "order_pickup_code_unique_open_per_channel"
_PICKUP_CODE_ATTEMPTS = 10


# --- helpers -----------------------------------------------------------------------------


def new_pickup_code() -> str:
    """A random pickup code: 6 characters of an alphabet without look-alikes."""
    return "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _ in range(PICKUP_CODE_LENGTH))


def _next_order_number() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [ORDER_NUMBER_SEQUENCE])
        return int(cursor.fetchone()[0])


def _hub_of(order: Order) -> VillageHub | None:
    return VillageHub.objects.filter(channel_id=order.channel_id).first()


def _event(
    order: Order, event_type: str, *, user: User | None = None, **parameters: object
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        type=event_type,
        user=user if user is not None and user.is_authenticated else None,
        parameters=parameters,
    )


def _lock_order(order: Order) -> Order:
    locked = Order.objects.select_for_update(of=("self",)).filter(pk=order.pk).first()
    if locked is None:
        raise field_error("id", _("Order not found."), OrderErrorCode.NOT_FOUND)
    return locked


_is_platform_staff = permissions.is_platform_staff


def _voucher_customer_email(user: User | None, email: str) -> str:
    """Whose use of a once-per-customer voucher this is: the user's e-mail, else the
    e-mail given (Saleor's ``get_customer_email_for_voucher_usage``)."""
    return user.email if user is not None else email


def _release_voucher_use(order: Order) -> None:
    """Give back the use an unpaid order made of its voucher code (canceled, expired)."""
    if not order.voucher_code or order.is_paid:
        return
    voucher_usage_release(
        code=order.voucher_code,
        customer_email=_voucher_customer_email(order.user, order.user_email),
    )


def _unit_price(total: int, quantity: int) -> int:
    """A line's unit price in whole rupiah, rounded half up (the total stays exact)."""
    return (2 * total + quantity) // (2 * quantity)


def _release_allocations(order: Order) -> int:
    """Give the order's allocated units back to stock; returns the units released."""
    allocations = list(
        Allocation.objects.select_for_update(of=("self",))
        .filter(order_line__order=order, quantity_allocated__gt=0)
        .order_by("stock_id", "pk")
    )
    if not allocations:
        return 0
    per_stock: dict[int, int] = defaultdict(int)
    for allocation in allocations:
        per_stock[allocation.stock_id] += allocation.quantity_allocated
    stocks = lock_stocks(Stock.objects.filter(pk__in=per_stock))
    for stock in stocks:
        stock.quantity_allocated -= per_stock[stock.pk]
    Stock.objects.bulk_update(stocks, ["quantity_allocated"])
    Allocation.objects.filter(pk__in=[allocation.pk for allocation in allocations]).delete()
    return sum(per_stock.values())


# --- placing an order --------------------------------------------------------------------


def _validate_checkout_for_completion(
    checkout: Checkout, lines: list[CheckoutLine], payment_mode: str, now: datetime.datetime
) -> None:
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
    if payment_mode == PAYMENT_MODE_PAY_AT_PICKUP:
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
    validation.validate_variants_purchasable(
        channel=checkout.channel, variants=[line.variant for line in lines], now=now
    )
    validation.validate_customer_limits({line.variant: line.quantity for line in lines})


def _plan_allocations(
    checkout: Checkout, lines: list[CheckoutLine], now: datetime.datetime
) -> tuple[list[Stock], dict[object, list[tuple[Stock, int]]]]:
    """Lock the stock rows and decide which units each line takes (own reservations
    first). Raises INSUFFICIENT_STOCK on ``lines``."""
    tracked = [line for line in lines if line.variant.track_inventory]
    if not tracked:
        return [], {}
    stocks = lock_stocks(
        candidate_stocks(
            channel=checkout.channel,
            variant_ids={line.variant_id for line in tracked},
            collection_point=checkout.collection_point,
        )
    )
    available = available_by_stock(stocks, checkout_id=checkout.pk, now=now)
    own = defaultdict(int)
    for reservation in Reservation.objects.filter(
        checkout_line__checkout=checkout, reserved_until__gt=now
    ):
        own[reservation.stock_id] += reservation.quantity_reserved
    ordered = stocks_in_allocation_order(stocks, available, checkout.channel)
    ordered.sort(key=lambda stock: -own[stock.pk])  # stable: strategy order within ties
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in ordered:
        by_variant[stock.product_variant_id].append(stock)
    plan: dict[object, list[tuple[Stock, int]]] = {}
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
    return stocks, plan


def _save_with_pickup_code(order: Order, *, with_code: bool) -> None:
    for _attempt in range(_PICKUP_CODE_ATTEMPTS):
        if with_code:
            order.pickup_code = new_pickup_code()
            if Order.objects.filter(
                channel_id=order.channel_id,
                pickup_code=order.pickup_code,
                status__in=OPEN_STATUSES,
            ).exists():
                continue
        try:
            with transaction.atomic():
                order.save(force_insert=True)
            return
        except IntegrityError as exc:
            if not with_code or _PICKUP_CODE_CONSTRAINT not in str(exc):
                raise
    raise RuntimeError("no free pickup code found")  # ~10^8 codes per hub: not expected


@transaction.atomic
def order_create_from_checkout(
    *, checkout: Checkout, payment_mode: str, order_metadata: Mapping[str, str] | None = None
) -> Order:
    """Place the order of a checkout, exactly once (used by ``checkout_complete``).

    Under the checkout's row lock: validates it (CheckoutErrorCode: NO_LINES,
    CHANNEL_INACTIVE, EMAIL_NOT_SET, SHIPPING_METHOD_NOT_SET, DELIVERY_METHOD_NOT_APPLICABLE,
    SHIPPING_METHOD_NOT_APPLICABLE, SHIPPING_ADDRESS_NOT_SET, CHECKOUT_NOT_FULLY_PAID when
    the hub takes no cash at pickup, product availability codes, VOUCHER_NOT_APPLICABLE
    on ``voucher_code`` when the checkout's code no longer applies or was used up
    meanwhile, INSUFFICIENT_STOCK on ``lines``), counts one use of the voucher code,
    turns reservations into allocations, snapshots the lines with their share of the
    discount, takes over the checkout's address copies and deletes the checkout. A
    checkout already completed (by this or a concurrent call) returns its existing order.

    The order takes over the checkout's metadata (public and private, as Saleor does),
    with ``order_metadata`` added to the public part.

    ``pay_at_pickup`` orders get a pickup code and ``expires_at`` (the channel's
    ``expire_orders_after``); ``paid`` orders are charged in full now and reported.
    """
    now = timezone.now()
    locked = (
        Checkout.objects.select_for_update(of=("self",))
        .select_related("channel", "collection_point", "shipping_method", "user")
        .filter(pk=checkout.pk)
        .first()
    )
    if locked is None:
        existing = Order.objects.filter(checkout_token=checkout.pk).first()
        if existing is not None:
            logger.info(
                "checkout_already_completed",
                extra={"checkout_id": str(checkout.pk), "order_id": str(existing.pk)},
            )
            return existing
        raise field_error("id", _("Checkout not found."), CheckoutErrorCode.NOT_FOUND)
    checkout = locked
    lines = list(checkout_lines(checkout=checkout).select_related("variant__product__category"))
    _validate_checkout_for_completion(checkout, lines, payment_mode, now)
    # The voucher row is locked before its use is counted, so a code with a usage limit
    # serves only as many orders as the limit even when checkouts complete at once.
    voucher_use = voucher_lock(checkout.voucher_code) if checkout.voucher_code else None
    totals = checkout_totals(checkout=checkout, now=now)
    applied = totals.voucher
    if checkout.voucher_code:
        problem = totals.voucher_problem
        if applied is None or voucher_use is None:
            raise field_error(
                "voucher_code",
                problem.message if problem is not None else _("Voucher not applicable"),
                CheckoutErrorCode.VOUCHER_NOT_APPLICABLE,
            )
        try:
            voucher_usage_increase(
                voucher=voucher_use[0],
                code=voucher_use[1],
                customer_email=_voucher_customer_email(checkout.user, checkout.email),
            )
        except NotApplicable as exc:
            raise field_error(
                "voucher_code", exc.message, CheckoutErrorCode.VOUCHER_NOT_APPLICABLE
            ) from None
    stocks, plan = _plan_allocations(checkout, lines, now)

    channel = checkout.channel
    paid = payment_mode == PAYMENT_MODE_PAID
    order = Order(
        number=_next_order_number(),
        channel=channel,
        user=checkout.user,
        user_email=checkout.email,
        checkout_token=checkout.pk,
        language_code=checkout.language_code,
        customer_note=checkout.note,
        status=(
            OrderStatus.UNFULFILLED
            if channel.automatically_confirm_all_new_orders or paid
            else OrderStatus.UNCONFIRMED
        ),
        billing_address_id=checkout.billing_address_id,
        shipping_address_id=checkout.shipping_address_id,
        collection_point=checkout.collection_point,
        collection_point_name=checkout.collection_point.name if checkout.collection_point else "",
        shipping_method=checkout.shipping_method,
        shipping_method_name=checkout.shipping_method.name if checkout.shipping_method else "",
        subtotal_amount=totals.subtotal,
        shipping_price_amount=totals.shipping,
        undiscounted_shipping_price_amount=totals.undiscounted_shipping,
        tax_amount=totals.tax,
        total_amount=totals.total,
        payment_method=PaymentMethod.ONLINE if paid else PaymentMethod.PAY_AT_PICKUP,
        metadata={**checkout.metadata, **(order_metadata or {})},
        private_metadata=dict(checkout.private_metadata),
    )
    if applied is not None:
        order.voucher_id = applied.voucher_id
        order.voucher_code = applied.code
        order.discount_amount = totals.discount
        order.discount_name = applied.name
        order.translated_discount_name = applied.translated_name
        order.discount_value_type = applied.value_type
        order.discount_value = applied.value
    if paid:
        order.charge_status = OrderChargeStatus.FULL
        order.total_charged_amount = totals.total
        order.paid_at = now
    elif channel.expire_orders_after:
        order.expires_at = now + datetime.timedelta(minutes=channel.expire_orders_after)
    _save_with_pickup_code(order, with_code=checkout.collection_point is not None)

    prices = {price.line.pk: price for price in totals.lines}
    order_lines = {}
    for line in lines:
        product = line.variant.product
        price = prices[line.pk]
        order_lines[line.pk] = OrderLine(
            order=order,
            variant=line.variant,
            product_name=product.name,
            variant_name=line.variant.name,
            product_sku=line.variant.sku or "",
            cooperative_id=product.cooperative_id,
            producer_id=product.producer_id,
            category_id=product.category_id,
            quantity=line.quantity,
            undiscounted_unit_price_amount=price.unit_price,
            undiscounted_total_price_amount=price.undiscounted_total_price,
            discount_amount=price.discount,
            unit_price_amount=_unit_price(price.total_price, line.quantity),
            total_price_amount=price.total_price,
        )
    OrderLine.objects.bulk_create(order_lines.values())
    allocations = []
    per_stock: dict[int, int] = defaultdict(int)
    for line_pk, takes in plan.items():
        for stock, quantity in takes:
            allocations.append(
                Allocation(
                    order_line=order_lines[line_pk], stock=stock, quantity_allocated=quantity
                )
            )
            per_stock[stock.pk] += quantity
    Allocation.objects.bulk_create(allocations)
    changed = [stock for stock in stocks if per_stock.get(stock.pk)]
    for stock in changed:
        stock.quantity_allocated += per_stock[stock.pk]
    Stock.objects.bulk_update(changed, ["quantity_allocated"])

    # The order now owns the checkout's address copies; deleting the checkout drops its
    # lines and reservations.
    Checkout.objects.filter(pk=checkout.pk).update(shipping_address=None, billing_address=None)
    checkout.delete()

    _event(order, OrderEventType.PLACED, user=checkout.user)
    order_confirmation_email_send(order)
    if paid:
        _event(order, OrderEventType.ORDER_FULLY_PAID, amount=totals.total)
        reporting.notify_order_sales_changed(order.pk)
    logger.info(
        "order_placed",
        extra={
            "order_id": str(order.pk),
            "order_number": order.number,
            "channel_id": channel.pk,
            "payment_method": order.payment_method,
            "total": totals.total,
        },
    )
    return order


# --- payment at the hub ------------------------------------------------------------------


@transaction.atomic
def order_confirm_payment_at_pickup(*, order: Order, operator: User) -> Order:
    """Record the buyer's cash payment at the hub (Saleor's ``orderMarkAsPaid``).

    Only operators of the order's hub and platform staff may: anyone else gets
    ``PermissionDenied`` (a top-level GraphQL error, as Saleor's permission errors).
    Idempotent: an order already paid is returned unchanged, without a second event.
    Refused with OrderErrorCode PAYMENT_ERROR on ``id``: not a pay-at-pickup order, or
    canceled/expired. Sets charge status ``full``, ``paid_at``, clears ``expires_at``,
    confirms an unconfirmed order, records ``order_marked_as_paid`` and notifies
    reporting after commit.
    """
    order = _lock_order(order)
    hub = _hub_of(order)
    if hub is None or not user_can_operate_hub(operator, hub):
        raise PermissionDenied(_("You are not an operator of this village hub."))
    if order.is_paid:
        return order
    if order.payment_method != PaymentMethod.PAY_AT_PICKUP:
        raise field_error(
            "id", _("This order is not paid at pickup."), OrderErrorCode.PAYMENT_ERROR
        )
    if order.status not in OPEN_STATUSES:
        raise field_error(
            "id",
            _("A canceled or expired order cannot be paid."),
            OrderErrorCode.PAYMENT_ERROR,
        )
    now = timezone.now()
    order.charge_status = OrderChargeStatus.FULL
    order.total_charged_amount = order.total_amount
    order.paid_at = now
    order.expires_at = None
    fields = ["charge_status", "total_charged_amount", "paid_at", "expires_at", "updated_at"]
    confirmed = order.status == OrderStatus.UNCONFIRMED
    if confirmed:
        order.status = OrderStatus.UNFULFILLED
        fields.append("status")
    order.save(update_fields=fields)
    _event(
        order,
        OrderEventType.ORDER_MARKED_AS_PAID,
        user=operator,
        payment_method=PaymentMethod.PAY_AT_PICKUP.value,
        amount=int(order.total_amount),
    )
    if confirmed:
        _event(order, OrderEventType.CONFIRMED, user=operator)
    reporting.notify_order_sales_changed(order.pk)
    logger.info(
        "order_paid_at_pickup",
        extra={"order_id": str(order.pk), "hub_id": hub.pk, "operator_id": operator.pk},
    )
    return order


# --- cancelation and expiry --------------------------------------------------------------


@transaction.atomic
def order_cancel(*, order: Order, actor: User) -> Order:
    """Cancel an order and give its allocated stock back (Saleor's ``orderCancel``).

    Allowed for platform staff, operators of the order's hub, and the buyer while the
    order is unpaid; anyone else: ``PermissionDenied``. Refused with CANNOT_CANCEL_ORDER
    on ``id``: already canceled/expired/fulfilled, or some units handed over. Canceling an
    unpaid order gives back the use of its voucher code. Canceling a paid order notifies
    reporting (the cash must be given back at the hub).
    """
    order = _lock_order(order)
    hub = _hub_of(order)
    is_operator = hub is not None and user_can_operate_hub(actor, hub)
    is_buyer = (
        actor is not None
        and actor.is_authenticated
        and order.user_id == actor.pk
        and not order.is_paid
    )
    if not (is_operator or _is_platform_staff(actor) or is_buyer):
        raise PermissionDenied(_("You cannot cancel this order."))
    if order.status not in OPEN_STATUSES or order.lines.filter(quantity_fulfilled__gt=0).exists():
        raise field_error(
            "id", _("This order can no longer be canceled."), OrderErrorCode.CANNOT_CANCEL_ORDER
        )
    released = _release_allocations(order)
    _cancel_waiting_fulfillments(order)
    _release_voucher_use(order)
    order.status = OrderStatus.CANCELED
    order.canceled_at = timezone.now()
    order.expires_at = None
    order.save(update_fields=["status", "canceled_at", "expires_at", "updated_at"])
    _event(order, OrderEventType.CANCELED, user=actor)
    if order.is_paid:
        reporting.notify_order_sales_changed(order.pk)
    logger.info(
        "order_canceled",
        extra={"order_id": str(order.pk), "actor_id": actor.pk, "units_released": released},
    )
    return order


def order_is_overdue(order: Order, *, now: datetime.datetime | None = None) -> bool:
    """An unpaid pay-at-pickup order past its hub's pickup window (``expires_at``)."""
    now = now or timezone.now()
    return bool(
        order.payment_method == PaymentMethod.PAY_AT_PICKUP
        and not order.is_paid
        and order.status in OPEN_STATUSES
        and order.expires_at is not None
        and order.expires_at <= now
    )


@transaction.atomic
def order_cancel_overdue(*, order: Order, actor: User) -> Order:
    """Cancel, at the counter, an unpaid order nobody came for within the hub's pickup
    window; all its stock comes back (ready units too).

    Only operators of the order's hub and platform staff: else ``PermissionDenied``.
    Refused with CANNOT_CANCEL_ORDER on ``id`` while the order is paid, still inside its
    window, or no longer open. Canceling twice is refused, nothing changes.
    """
    locked = _lock_order(order)
    _require_counter(locked, actor)
    if not order_is_overdue(locked):
        raise field_error(
            "id",
            _("Only an unpaid order past its pickup time can be canceled here."),
            OrderErrorCode.CANNOT_CANCEL_ORDER,
        )
    return order_cancel(order=locked, actor=actor)


def _expire_one(order_id: object, now: datetime.datetime) -> bool:
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(pk=order_id)
            .first()
        )
        if (
            order is None  # gone, or being paid/canceled right now: next run decides
            or order.charge_status != OrderChargeStatus.NONE
            or order.status not in (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED)
            or order.expires_at is None
            or order.expires_at > now
            or order.lines.filter(quantity_fulfilled__gt=0).exists()
        ):
            return False
        released = _release_allocations(order)
        _cancel_waiting_fulfillments(order)
        _release_voucher_use(order)
        order.status = OrderStatus.EXPIRED
        order.save(update_fields=["status", "updated_at"])
        _event(order, OrderEventType.EXPIRED, expired_at=now.isoformat())
        logger.info("order_expired", extra={"order_id": str(order.pk), "units_released": released})
        return True


def orders_expire_unpaid(*, now: datetime.datetime | None = None) -> int:
    """Expire pay-at-pickup orders nobody paid by ``expires_at`` and release their stock.

    Status becomes ``expired`` (Saleor's ``EXPIRED``, what its ``expire_orders`` task
    does), with an ``expired`` event. Each order is handled in its own transaction;
    orders locked by a concurrent payment are skipped and looked at again next run.
    Safe to run twice or concurrently. Returns how many orders expired.
    """
    now = now or timezone.now()
    candidates = list(
        Order.objects.filter(
            payment_method=PaymentMethod.PAY_AT_PICKUP,
            charge_status=OrderChargeStatus.NONE,
            status__in=(OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED),
            expires_at__lte=now,
        )
        .order_by("expires_at")
        .values_list("pk", flat=True)
    )
    return sum(1 for order_id in candidates if _expire_one(order_id, now))


# --- fulfilment --------------------------------------------------------------------------


def _cancel_waiting_fulfillments(order: Order) -> None:
    """Prepared goods of a canceled or expired order go back on the shelf (their units
    were never taken from stock: the allocations are released with the order's)."""
    Fulfillment.objects.filter(order=order, status=FulfillmentStatus.WAITING_FOR_APPROVAL).update(
        status=FulfillmentStatus.CANCELED
    )


def _quantities_waiting(line_ids: Sequence[object]) -> dict[object, int]:
    """Units of each line prepared (ready at the hub) and not handed over yet."""
    waiting: dict[object, int] = defaultdict(int)
    for line_id, quantity in FulfillmentLine.objects.filter(
        order_line_id__in=list(line_ids),
        fulfillment__status=FulfillmentStatus.WAITING_FOR_APPROVAL,
    ).values_list("order_line_id", "quantity"):
        waiting[line_id] += quantity
    return waiting


def _hand_over_units(
    fulfillment: Fulfillment, quantities: Mapping[object, int], lines: Mapping[object, OrderLine]
) -> list[FulfillmentLine]:
    """Take ``quantities`` of ``lines`` out of the stock they were allocated from (as
    Saleor on fulfilment: allocation, ``quantity_allocated`` and ``quantity`` drop) and
    count them fulfilled. Returns the fulfilment lines to write (not saved)."""
    allocations = list(
        Allocation.objects.select_for_update(of=("self",))
        .filter(order_line_id__in=list(quantities), quantity_allocated__gt=0)
        .order_by("stock_id", "pk")
    )
    stocks = {
        stock.pk: stock
        for stock in lock_stocks(
            Stock.objects.filter(pk__in={allocation.stock_id for allocation in allocations})
        )
    }
    by_line: dict[object, list[Allocation]] = defaultdict(list)
    for allocation in allocations:
        by_line[allocation.order_line_id].append(allocation)
    fulfillment_lines = []
    for pk, quantity in quantities.items():
        remaining = quantity
        for allocation in by_line[pk]:
            take = min(remaining, allocation.quantity_allocated)
            if take <= 0:
                continue
            stock = stocks[allocation.stock_id]
            allocation.quantity_allocated -= take
            stock.quantity_allocated -= take
            stock.quantity -= take
            fulfillment_lines.append(
                FulfillmentLine(
                    fulfillment=fulfillment, order_line_id=pk, quantity=take, stock=stock
                )
            )
            remaining -= take
        if remaining:  # not tracked in inventory: nothing allocated
            fulfillment_lines.append(
                FulfillmentLine(fulfillment=fulfillment, order_line_id=pk, quantity=remaining)
            )
        lines[pk].quantity_fulfilled += quantity
    Stock.objects.bulk_update(stocks.values(), ["quantity", "quantity_allocated"])
    Allocation.objects.bulk_update(allocations, ["quantity_allocated"])
    Allocation.objects.filter(pk__in=[a.pk for a in allocations], quantity_allocated=0).delete()
    OrderLine.objects.bulk_update(lines.values(), ["quantity_fulfilled"])
    return fulfillment_lines


def _update_fulfilment_status(order: Order) -> None:
    all_done = not order.lines.exclude(quantity_fulfilled=F("quantity")).exists()
    any_done = order.lines.filter(quantity_fulfilled__gt=0).exists()
    if all_done:
        order.status = OrderStatus.FULFILLED
    elif any_done:
        order.status = OrderStatus.PARTIALLY_FULFILLED
    order.save(update_fields=["status", "updated_at"])


@transaction.atomic
def order_fulfill_lines(
    *,
    order: Order,
    cooperative: Cooperative,
    lines: Sequence[tuple[OrderLine, int]],
    actor: User,
) -> Fulfillment:
    """A cooperative prepares or hands over units of its lines (Saleor's ``orderFulfill``).

    Only the cooperative's staff (and platform staff) may: else ``PermissionDenied``.
    Refused (OrderErrorCode): order not confirmed/open (INVALID on ``id``), no lines
    (REQUIRED), a line of another order or cooperative (NOT_FOUND on ``lines``), a line
    twice (DUPLICATED_INPUT_ITEM), quantity ≤ 0 (ZERO_QUANTITY) or above what is left to
    prepare (FULFILL_ORDER_LINE on ``quantity``).

    An order that goes through the hub (collected at one of its pickup points, or
    delivered by its village courier) gets a fulfilment *waiting for approval*: the units
    are ready at the hub and stay allocated; the order stays open (a pickup order stays
    findable by its pickup code and payable). The hand-over at the counter, to the buyer
    or to the courier, is the approval (:func:`order_fulfillment_approve`). An order with
    neither is handed over at once: the units leave the stock (allocation,
    ``quantity_allocated`` and ``quantity`` drop).
    """
    if not user_can_manage_cooperative(actor, cooperative):
        raise PermissionDenied(_("You do not work for this cooperative."))
    order = _lock_order(order)
    if order.status not in (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED):
        raise field_error("id", _("This order cannot be fulfilled now."), OrderErrorCode.INVALID)
    if not lines:
        raise field_error("lines", _("Choose lines to fulfil."), OrderErrorCode.REQUIRED)
    wanted: dict[object, int] = {}
    for line, quantity in lines:
        if line.pk in wanted:
            raise field_error(
                "lines", _("A line is given twice."), OrderErrorCode.DUPLICATED_INPUT_ITEM
            )
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            raise field_error(
                "quantity",
                _("The quantity should be higher than zero."),
                OrderErrorCode.ZERO_QUANTITY,
            )
        wanted[line.pk] = quantity
    locked_lines = {
        line.pk: line
        for line in OrderLine.objects.select_for_update(of=("self",)).filter(
            order=order, cooperative=cooperative, pk__in=list(wanted)
        )
    }
    if set(locked_lines) != set(wanted):
        raise ValidationError(
            {
                "lines": ValidationError(
                    _("Some lines are not this cooperative's lines of this order."),
                    code=OrderErrorCode.NOT_FOUND.value,
                )
            }
        )
    waiting = _quantities_waiting(list(wanted))
    for pk, quantity in wanted.items():
        left = locked_lines[pk].quantity_unfulfilled - waiting[pk]
        if quantity > left:
            raise ValidationError(
                {
                    "quantity": ValidationError(
                        _("Only %(left)d units left to fulfil.") % {"left": left},
                        code=OrderErrorCode.FULFILL_ORDER_LINE.value,
                        params={"order_line": str(pk)},
                    )
                }
            )
    pickup = order.collection_point_id is not None or order.shipping_method_id is not None
    number = Fulfillment.objects.filter(order=order).order_by("-fulfillment_order").first()
    fulfillment = Fulfillment.objects.create(
        order=order,
        cooperative=cooperative,
        fulfillment_order=(number.fulfillment_order + 1) if number else 1,
        status=FulfillmentStatus.WAITING_FOR_APPROVAL if pickup else FulfillmentStatus.FULFILLED,
        created_by=actor,
    )
    if pickup:
        FulfillmentLine.objects.bulk_create(
            FulfillmentLine(fulfillment=fulfillment, order_line_id=pk, quantity=quantity)
            for pk, quantity in wanted.items()
        )
        event_type = OrderEventType.FULFILLMENT_AWAITS_APPROVAL
    else:
        FulfillmentLine.objects.bulk_create(_hand_over_units(fulfillment, wanted, locked_lines))
        _update_fulfilment_status(order)
        event_type = OrderEventType.FULFILLMENT_FULFILLED_ITEMS
    _event(
        order,
        event_type,
        user=actor,
        cooperative_id=cooperative.pk,
        fulfillment_id=fulfillment.pk,
        fulfilled_items=[str(pk) for pk in wanted],
        quantities=list(wanted.values()),
    )
    logger.info(
        "order_lines_prepared" if pickup else "order_lines_fulfilled",
        extra={
            "order_id": str(order.pk),
            "cooperative_id": cooperative.pk,
            "fulfillment_id": fulfillment.pk,
            "units": sum(wanted.values()),
        },
    )
    return fulfillment


def cooperative_units_left_to_prepare(
    order: Order, cooperative: Cooperative
) -> dict[OrderLine, int]:
    """The cooperative's lines of ``order`` with units neither handed over nor ready at the
    hub yet, and how many units each."""
    lines = list(OrderLine.objects.filter(order=order, cooperative=cooperative))
    waiting = _quantities_waiting([line.pk for line in lines])
    left = {line: line.quantity_unfulfilled - waiting[line.pk] for line in lines}
    return {line: units for line, units in left.items() if units > 0}


@transaction.atomic
def order_cooperative_lines_ready(
    *, order: Order, cooperative: Cooperative, actor: User
) -> Fulfillment | None:
    """The cooperative marks all its lines of an order ready at the hub (the back office's
    "mark ready"): one fulfilment *waiting for approval* with every unit still to
    prepare, which the hub's counter then shows as ready for that cooperative, to hand to
    the buyer or to the hub's courier.

    Idempotent: when nothing is left to prepare (marked ready before, by a form sent twice
    or by two people at once) it returns None and changes nothing; the order's row lock
    makes concurrent calls wait for each other. Only the cooperative's staff and platform
    staff (``PermissionDenied``); refused (OrderErrorCode on ``id``) for an order that
    neither a pickup point nor a courier of the hub handles (INVALID) or not open for
    preparation (see :func:`order_fulfill_lines`).
    """
    if not permissions.can_work_for_cooperative(actor, cooperative.pk):
        raise PermissionDenied(_("You do not work for this cooperative."))
    order = _lock_order(order)
    if order.collection_point_id is None and order.shipping_method_id is None:
        raise field_error(
            "id",
            _("This order has no pickup point and no courier of the hub."),
            OrderErrorCode.INVALID,
        )
    left = cooperative_units_left_to_prepare(order, cooperative)
    if not left:
        return None
    return order_fulfill_lines(
        order=order, cooperative=cooperative, lines=list(left.items()), actor=actor
    )


def _require_counter(order: Order, actor: User) -> None:
    if not permissions.can_operate_order(actor, order):
        raise PermissionDenied(_("You are not an operator of this village hub."))


def _approve(fulfillment: Fulfillment, order: Order, actor: User) -> Fulfillment:
    """Hand over a fulfilment waiting for approval (order locked by the caller)."""
    fulfillment = Fulfillment.objects.select_for_update(of=("self",)).get(pk=fulfillment.pk)
    if fulfillment.status != FulfillmentStatus.WAITING_FOR_APPROVAL:
        raise field_error(
            "id",
            _("These goods were already handed over or canceled."),
            OrderErrorCode.INVALID,
        )
    if not order.is_paid:
        raise field_error(
            "id",
            _("Record the payment before handing over the goods."),
            OrderErrorCode.CANNOT_FULFILL_UNPAID_ORDER,
        )
    prepared = list(fulfillment.lines.all())
    quantities: dict[object, int] = defaultdict(int)
    for item in prepared:
        quantities[item.order_line_id] += item.quantity
    lines = {
        line.pk: line
        for line in OrderLine.objects.select_for_update(of=("self",)).filter(
            pk__in=list(quantities)
        )
    }
    handed = _hand_over_units(fulfillment, quantities, lines)
    FulfillmentLine.objects.filter(pk__in=[item.pk for item in prepared]).delete()
    FulfillmentLine.objects.bulk_create(handed)
    fulfillment.status = FulfillmentStatus.FULFILLED
    fulfillment.save(update_fields=["status"])
    _update_fulfilment_status(order)
    _event(
        order,
        OrderEventType.FULFILLMENT_FULFILLED_ITEMS,
        user=actor,
        cooperative_id=fulfillment.cooperative_id,
        fulfillment_id=fulfillment.pk,
        fulfilled_items=[str(pk) for pk in quantities],
        quantities=list(quantities.values()),
    )
    logger.info(
        "order_fulfillment_approved",
        extra={
            "order_id": str(order.pk),
            "fulfillment_id": fulfillment.pk,
            "operator_id": actor.pk,
            "units": sum(quantities.values()),
        },
    )
    return fulfillment


@transaction.atomic
def order_fulfillment_approve(*, fulfillment: Fulfillment, actor: User) -> Fulfillment:
    """Hand the prepared goods of one fulfilment to the buyer at the counter (Saleor's
    ``orderFulfillmentApprove``).

    Only operators of the order's hub and platform staff: else ``PermissionDenied``.
    Refused (OrderErrorCode on ``id``): CANNOT_FULFILL_UNPAID_ORDER while the order is
    unpaid (the cash is recorded first, always), INVALID when the fulfilment is not
    waiting for approval (already handed over, canceled). The units leave the stock; the
    order becomes ``fulfilled`` when every unit was handed over.
    """
    order = _lock_order(fulfillment.order)
    _require_counter(order, actor)
    return _approve(fulfillment, order, actor)


@transaction.atomic
def order_hand_over(*, order: Order, actor: User, take_cash: bool = False) -> Order:
    """At the counter: optionally record the cash of a pay-at-pickup order, then hand over
    everything that is ready, in one transaction (all of it or nothing).

    Only operators of the order's hub and platform staff: else ``PermissionDenied``.
    Refused (OrderErrorCode on ``id``): CANNOT_FULFILL_UNPAID_ORDER when unpaid and
    ``take_cash`` is off; INVALID when nothing is ready. Taking cash twice records it
    once (see :func:`order_confirm_payment_at_pickup`).
    """
    order = _lock_order(order)
    _require_counter(order, actor)
    if take_cash:
        order = order_confirm_payment_at_pickup(order=order, operator=actor)
    ready = list(
        Fulfillment.objects.filter(
            order=order, status=FulfillmentStatus.WAITING_FOR_APPROVAL
        ).order_by("fulfillment_order")
    )
    if not ready:
        raise field_error("id", _("Nothing is ready to hand over yet."), OrderErrorCode.INVALID)
    for fulfillment in ready:
        _approve(fulfillment, order, actor)
    return order


# --- online payments (marketplace.payments) ----------------------------------------------


def _charge_status_for(charged: int, total: int) -> str:
    """Saleor's rule; ``total`` is the order total minus granted refunds (at least 0)."""
    total = max(total, 0)
    if charged == total:
        return OrderChargeStatus.FULL
    if charged <= 0:
        return OrderChargeStatus.NONE
    if charged < total:
        return OrderChargeStatus.PARTIAL
    return OrderChargeStatus.OVERCHARGED


@transaction.atomic
def order_payment_recorded(
    *, order: Order, amount: int, psp_reference: str = "", granted_refund_amount: int = 0
) -> Order:
    """Record money received online for an order (``amount`` > 0) or given back
    (``amount`` < 0, a refund or a reversal), in whole rupiah.

    Called by ``payments.services`` when a gateway transaction attached to an existing
    order settles or is refunded. Updates ``total_charged_amount`` (never below 0) and
    ``charge_status`` as Saleor does (partial/full/overcharged against the total minus
    ``granted_refund_amount``, the refunds granted on the order); an order becoming paid
    gets ``paid_at``, loses its pickup expiry and is confirmed; an order no longer
    charged at all loses ``paid_at``. Records ``order_fully_paid`` or
    ``payment_refunded`` and notifies reporting after commit when paid sales changed.
    """
    order = _lock_order(order)
    if amount == 0:
        return order
    was_paid = order.is_paid
    was_reported = order.paid_at is not None  # reporting counts it (see reporting.py)
    charged = max(int(order.total_charged_amount) + int(amount), 0)
    order.total_charged_amount = charged
    order.charge_status = _charge_status_for(
        charged, int(order.total_amount) - int(granted_refund_amount)
    )
    fields = ["total_charged_amount", "charge_status", "paid_at", "expires_at", "updated_at"]
    if order.is_paid and order.paid_at is None:
        order.paid_at = timezone.now()
    if order.charge_status == OrderChargeStatus.NONE:
        order.paid_at = None
    if order.is_paid:
        order.expires_at = None
    confirmed = order.is_paid and order.status == OrderStatus.UNCONFIRMED
    if confirmed:
        order.status = OrderStatus.UNFULFILLED
        fields.append("status")
    order.save(update_fields=fields)
    if amount > 0:
        event_type = OrderEventType.ORDER_FULLY_PAID if order.is_paid else OrderEventType.OTHER
        _event(order, event_type, amount=int(amount), psp_reference=psp_reference)
    else:
        _event(
            order, OrderEventType.PAYMENT_REFUNDED, amount=-int(amount), psp_reference=psp_reference
        )
    if confirmed:
        _event(order, OrderEventType.CONFIRMED)
    if was_paid or was_reported or order.is_paid:
        reporting.notify_order_sales_changed(order.pk)
    logger.info(
        "order_payment_recorded",
        extra={
            "order_id": str(order.pk),
            "amount": int(amount),
            "charge_status": order.charge_status,
            "psp_reference": psp_reference,
        },
    )
    return order


@transaction.atomic
def order_charge_status_update(*, order: Order, granted_refund_amount: int) -> Order:
    """Measure the order's charge status again against its total minus
    ``granted_refund_amount`` (Saleor's rule), e.g. after a refund was granted: an order
    charged in full with a refund granted and not yet paid back is ``overcharged``. The
    amount charged does not change; reporting is notified when the order's paid sales
    may have changed."""
    order = _lock_order(order)
    status = _charge_status_for(
        int(order.total_charged_amount), int(order.total_amount) - int(granted_refund_amount)
    )
    if status == order.charge_status:
        return order
    was_paid = order.is_paid
    order.charge_status = status
    fields = ["charge_status", "updated_at"]
    if order.is_paid and order.paid_at is None:
        order.paid_at = timezone.now()
        fields.append("paid_at")
    if order.charge_status == OrderChargeStatus.NONE and order.paid_at is not None:
        order.paid_at = None
        fields.append("paid_at")
    order.save(update_fields=fields)
    if was_paid or order.is_paid:
        reporting.notify_order_sales_changed(order.pk)
    logger.info(
        "order_charge_status_updated",
        extra={"order_id": str(order.pk), "charge_status": order.charge_status},
    )
    return order
