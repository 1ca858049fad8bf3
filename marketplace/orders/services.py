"""Write use cases of orders: cash payment at the hub, cancelation, expiry of unpaid
orders, per-cooperative fulfilment. Orders are placed by ``placement.order_place``.

Locking order, everywhere: the checkout or order row first, then stock rows by primary
key (``SELECT … FOR UPDATE``). ``Stock.quantity_allocated`` always equals the sum of the
stock's allocations; the database refuses allocating more than the quantity.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from marketplace.discounts.services import voucher_customer_email, voucher_usage_release
from marketplace.orders import reporting
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.events import order_event_add
from marketplace.orders.models import (
    OPEN_STATUSES,
    Allocation,
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    Order,
    OrderChargeStatus,
    OrderEventType,
    OrderLine,
    OrderStatus,
    PaymentMethod,
)
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.village_hubs.selectors import user_can_manage_cooperative, user_can_operate_hub
from marketplace.warehouses.lock_objects import lock_stocks
from marketplace.warehouses.models import Stock

logger = logging.getLogger(__name__)


# --- helpers -----------------------------------------------------------------------------


def _hub_of(order: Order) -> VillageHub | None:
    return VillageHub.objects.filter(channel_id=order.channel_id).first()


def _lock_order(order: Order) -> Order:
    locked = Order.objects.select_for_update(of=("self",)).filter(pk=order.pk).first()
    if locked is None:
        raise field_error("id", _("Order not found."), OrderErrorCode.NOT_FOUND)
    return locked


_is_platform_staff = permissions.is_platform_staff


def _release_voucher_use(order: Order) -> None:
    """Give back the use an unpaid order made of its voucher code (canceled, expired)."""
    if not order.voucher_code or order.is_paid:
        return
    voucher_usage_release(
        code=order.voucher_code,
        customer_email=voucher_customer_email(user=order.user, email=order.user_email),
    )


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
    order_event_add(
        order,
        OrderEventType.ORDER_MARKED_AS_PAID,
        user=operator,
        payment_method=PaymentMethod.PAY_AT_PICKUP.value,
        amount=int(order.total_amount),
    )
    if confirmed:
        order_event_add(order, OrderEventType.CONFIRMED, user=operator)
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
    order_event_add(order, OrderEventType.CANCELED, user=actor)
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


def _expire_one(order_id: UUID, now: datetime.datetime) -> bool:
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
        order_event_add(order, OrderEventType.EXPIRED, expired_at=now.isoformat())
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


def _quantities_waiting(line_ids: Sequence[UUID]) -> dict[UUID, int]:
    """Units of each line prepared (ready at the hub) and not handed over yet."""
    waiting: dict[UUID, int] = defaultdict(int)
    for line_id, quantity in FulfillmentLine.objects.filter(
        order_line_id__in=list(line_ids),
        fulfillment__status=FulfillmentStatus.WAITING_FOR_APPROVAL,
    ).values_list("order_line_id", "quantity"):
        waiting[line_id] += quantity
    return waiting


def _hand_over_units(
    fulfillment: Fulfillment, quantities: Mapping[UUID, int], lines: Mapping[UUID, OrderLine]
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
    by_line: dict[UUID, list[Allocation]] = defaultdict(list)
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


def _wanted_quantities(lines: Sequence[tuple[OrderLine, int]]) -> dict[UUID, int]:
    """Units asked per line pk; DUPLICATED_INPUT_ITEM on ``lines`` for a line given twice,
    ZERO_QUANTITY on ``quantity`` for a quantity that is not a positive whole number."""
    wanted: dict[UUID, int] = {}
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
    return wanted


def _lock_lines_to_fulfil(
    order: Order, cooperative: Cooperative, wanted: Mapping[UUID, int]
) -> dict[UUID, OrderLine]:
    """The cooperative's wanted lines of ``order``, locked; NOT_FOUND on ``lines`` when one
    is not theirs, FULFILL_ORDER_LINE on ``quantity`` when more is asked than is left to
    prepare (units ready at the hub count as prepared)."""
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
    return locked_lines


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
    wanted = _wanted_quantities(lines)
    locked_lines = _lock_lines_to_fulfil(order, cooperative, wanted)
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
    order_event_add(
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
    quantities: dict[UUID, int] = defaultdict(int)
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
    order_event_add(
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

    Called by ``payments.services.records`` when a gateway transaction attached to an existing
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
        order_event_add(order, event_type, amount=int(amount), psp_reference=psp_reference)
    else:
        order_event_add(
            order, OrderEventType.PAYMENT_REFUNDED, amount=-int(amount), psp_reference=psp_reference
        )
    if confirmed:
        order_event_add(order, OrderEventType.CONFIRMED)
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
