"""Reads of orders scoped to who asks: cooperatives see only their lines, hub operators
their hubs' orders; pickup-code look-up at the hub counter.

A hub handles two kinds of orders, both through its counter: orders collected at one of
its pickup points (``collection_point``) and orders its village courier delivers
(``shipping_method``). The cooperatives bring the goods of both to the hub."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.orders.models import (
    OPEN_STATUSES,
    PICKUP_CODE_LENGTH,
    FulfillmentLine,
    FulfillmentStatus,
    Order,
    OrderEvent,
    OrderEventType,
    OrderLine,
    OrderStatus,
    PaymentMethod,
)
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.village_hubs.selectors import cooperatives_managed_by, hubs_operated_by


def order_lines_for_cooperative(user: User | AnonymousUser) -> QuerySet[OrderLine]:
    """Order lines of the cooperatives the user works for (all for platform staff)."""
    return OrderLine.objects.filter(cooperative__in=cooperatives_managed_by(user))


def orders_for_cooperative(user: User | AnonymousUser) -> QuerySet[Order]:
    """Orders holding lines of the user's cooperatives, newest first. Each order's
    ``cooperative_lines`` (prefetched list) holds only those lines: a cooperative never
    sees what other cooperatives sold in the same order."""
    lines = order_lines_for_cooperative(user)
    return (
        Order.objects.filter(pk__in=lines.values("order_id"))
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=lines.order_by("created_at", "pk"),
                to_attr="cooperative_lines",
            )
        )
        .order_by("-number")
    )


def orders_for_hub_operator(user: User | AnonymousUser) -> QuerySet[Order]:
    """Orders placed in the channels of the hubs the user operates, newest first."""
    return Order.objects.filter(channel__in=hubs_operated_by(user).values("channel_id")).order_by(
        "-number"
    )


def orders_of_user(user: User | AnonymousUser) -> QuerySet[Order]:
    """The signed-in buyer's own orders, newest first."""
    if not user.is_authenticated:
        return Order.objects.none()
    return Order.objects.filter(user=user).order_by("-number")


def normalize_pickup_code(code: str) -> str:
    """Upper case without spaces or dashes, as typed at the counter."""
    return "".join(char for char in (code or "").upper() if char.isalnum())


def order_by_pickup_code(hub: VillageHub, code: str) -> Order | None:
    """The open order (unconfirmed, unfulfilled or partially fulfilled) of ``hub`` with
    this pickup code, or None. Callers check ``user_can_operate_hub`` first."""
    normalized = normalize_pickup_code(code)
    if len(normalized) != PICKUP_CODE_LENGTH:
        return None
    return (
        Order.objects.filter(
            channel_id=hub.channel_id, pickup_code=normalized, status__in=OPEN_STATUSES
        )
        .prefetch_related("lines")
        .first()
    )


# --- the hub's counter (loket) -----------------------------------------------------------


@dataclass(frozen=True)
class CounterLine:
    """One line at the counter: how many units are handed over, ready, still awaited."""

    line: OrderLine
    handed_over: int
    ready: int

    @property
    def awaited(self) -> int:
        return max(self.line.quantity - self.handed_over - self.ready, 0)


@dataclass(frozen=True)
class CounterOrder:
    """An order as the counter sees it, its lines grouped by cooperative."""

    order: Order
    lines: list[CounterLine]

    @property
    def by_cooperative(self) -> list[tuple[Cooperative, list[CounterLine]]]:
        groups: dict[int, list[CounterLine]] = {}
        names: dict[int, Cooperative] = {}
        for item in self.lines:
            groups.setdefault(item.line.cooperative_id, []).append(item)
            names[item.line.cooperative_id] = item.line.cooperative
        return [(names[pk], groups[pk]) for pk in sorted(groups, key=lambda k: names[k].name)]

    @property
    def ready_units(self) -> int:
        return sum(item.ready for item in self.lines)

    @property
    def awaited_units(self) -> int:
        return sum(item.awaited for item in self.lines)

    @property
    def is_courier(self) -> bool:
        """Delivered by the hub's village courier rather than collected at a pickup point."""
        return self.order.collection_point_id is None

    @property
    def stage(self) -> str:
        """``waiting`` (goods still awaited), ``ready``, ``collected`` (by the buyer, or
        handed to the courier), ``expired``."""
        if self.order.status == OrderStatus.FULFILLED:
            return "collected"
        if self.order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELED):
            return "expired"
        return "waiting" if self.awaited_units else "ready"

    @property
    def is_overdue(self) -> bool:
        """Unpaid and past the hub's pickup window: the counter may cancel it."""
        order = self.order
        return bool(
            order.payment_method == PaymentMethod.PAY_AT_PICKUP
            and not order.is_paid
            and order.status in OPEN_STATUSES
            and order.expires_at is not None
            and order.expires_at <= timezone.now()
        )


def _counter_orders(orders: QuerySet[Order]) -> list[CounterOrder]:
    orders_list = list(orders.prefetch_related("lines__cooperative"))
    line_ids = [line.pk for order in orders_list for line in order.lines.all()]
    ready: dict[UUID, int] = {}
    for line_id, quantity in (
        FulfillmentLine.objects.filter(
            order_line_id__in=line_ids,
            fulfillment__status=FulfillmentStatus.WAITING_FOR_APPROVAL,
        )
        .values_list("order_line_id")
        .annotate(total=Sum("quantity"))
    ):
        ready[line_id] = quantity
    return [
        CounterOrder(
            order=order,
            lines=[
                CounterLine(
                    line=line, handed_over=line.quantity_fulfilled, ready=ready.get(line.pk, 0)
                )
                for line in sorted(
                    order.lines.all(), key=lambda item: (item.created_at, str(item.pk))
                )
            ],
        )
        for order in orders_list
    ]


def hub_today(
    hub: VillageHub, now: datetime.datetime | None = None
) -> tuple[datetime.datetime, datetime.datetime]:
    """The start and end of today in the hub's time zone (WIB/WITA/WIT), as aware times."""
    zone = ZoneInfo(hub.time_zone)
    day = timezone.localtime(now or timezone.now(), zone).date()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    return start, start + datetime.timedelta(days=1)


HUB_HANDLED = Q(collection_point__isnull=False) | Q(shipping_method__isnull=False)


def counter_order(hub: VillageHub, order_id: UUID | str) -> CounterOrder | None:
    """An order of ``hub`` for its counter (picked up there or sent with its courier), or
    None. Callers check ``permissions.can_operate_hub`` first."""
    try:
        orders = Order.objects.filter(HUB_HANDLED, pk=order_id, channel_id=hub.channel_id)
        found = _counter_orders(orders)
    except (ValueError, ValidationError):
        return None
    return found[0] if found else None


@dataclass(frozen=True)
class CounterQueue:
    """Today's work at a hub's counter, by stage (``waiting`` for goods, ``ready``,
    ``collected``, ``expired``): the pickup orders, and apart the courier's orders."""

    pickup: dict[str, list[CounterOrder]]
    courier: dict[str, list[CounterOrder]]


def counter_queue(hub: VillageHub, *, now: datetime.datetime | None = None) -> CounterQueue:
    """Today's queue of a hub: every open order (``waiting`` for goods or ``ready``), and
    those ``collected`` (or handed to the courier) or ``expired``/canceled today (hub's
    time zone), pickup orders apart from the courier's. Three queries."""
    start, end = hub_today(hub, now)
    orders = (
        Order.objects.filter(HUB_HANDLED, channel_id=hub.channel_id)
        .filter(
            Q(status__in=OPEN_STATUSES)
            | Q(
                status__in=(OrderStatus.FULFILLED, OrderStatus.EXPIRED, OrderStatus.CANCELED),
                updated_at__gte=start,
                updated_at__lt=end,
            )
        )
        .order_by("number")
    )
    stages = ("waiting", "ready", "collected", "expired")
    queue = CounterQueue(
        pickup={stage: [] for stage in stages}, courier={stage: [] for stage in stages}
    )
    for item in _counter_orders(orders):
        (queue.courier if item.is_courier else queue.pickup)[item.stage].append(item)
    return queue


@dataclass(frozen=True)
class Takings:
    """Cash recorded at a hub's counter on one day."""

    payments: list[OrderEvent]
    total: int


def counter_takings(hub: VillageHub, *, now: datetime.datetime | None = None) -> Takings:
    """The cash recorded at the hub's counter today (hub's time zone): the
    ``order_marked_as_paid`` events of the hub's orders, which are the payments reporting
    counts (one per order: recording it again is a no-op)."""
    start, end = hub_today(hub, now)
    events = list(
        OrderEvent.objects.filter(
            order__channel_id=hub.channel_id,
            type=OrderEventType.ORDER_MARKED_AS_PAID,
            parameters__payment_method=PaymentMethod.PAY_AT_PICKUP.value,
            date__gte=start,
            date__lt=end,
        )
        .select_related("order", "user")
        .order_by("date", "pk")
    )
    return Takings(
        payments=events, total=sum(int(event.parameters.get("amount", 0)) for event in events)
    )


# --- a cooperative's orders to prepare (back office) ----------------------------------

PREPARABLE_STATUSES = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)
ORDERS_TO_PREPARE_LIMIT = 200


@dataclass(frozen=True)
class PrepareOrder:
    """One open order (pickup or courier) as a cooperative prepares it: only its own
    lines (never the other cooperatives' lines, never the buyer's name, phone or
    address)."""

    order: Order
    lines: list[CounterLine]

    @property
    def units_left(self) -> int:
        return sum(item.awaited for item in self.lines)

    @property
    def units_ready(self) -> int:
        return sum(item.ready for item in self.lines)


@dataclass(frozen=True)
class PreparePoint:
    """The open orders to be brought to one pickup point of one hub, or to the hub for
    its courier (``point_name`` is then the courier's name and ``is_courier`` is set)."""

    hub_name: str
    point_name: str
    orders: list[PrepareOrder]
    is_courier: bool = False


def _ready_units(line_ids: list[UUID]) -> dict[UUID, int]:
    return dict(
        FulfillmentLine.objects.filter(
            order_line_id__in=line_ids,
            fulfillment__status=FulfillmentStatus.WAITING_FOR_APPROVAL,
        )
        .values_list("order_line_id")
        .annotate(total=Sum("quantity"))
    )


def orders_to_prepare(cooperative: Cooperative) -> list[PreparePoint]:
    """The cooperative's open orders (oldest first, at most 200), grouped by hub and pickup
    point (courier orders under the hub's courier), each with its lines: units handed
    over, ready at the hub, still to bring. Three queries whatever the number of orders.
    Callers check that the viewer works for ``cooperative``
    (``permissions.can_work_for_cooperative``)."""
    order_ids = (
        OrderLine.objects.filter(
            Q(order__collection_point__isnull=False) | Q(order__shipping_method__isnull=False),
            cooperative=cooperative,
            order__status__in=PREPARABLE_STATUSES,
        )
        .values("order_id")
        .distinct()
    )
    orders = list(
        Order.objects.filter(pk__in=order_ids)
        .select_related("channel")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=OrderLine.objects.filter(cooperative=cooperative).order_by(
                    "created_at", "pk"
                ),
                to_attr="cooperative_lines",
            )
        )
        .order_by("number")[:ORDERS_TO_PREPARE_LIMIT]
    )
    ready = _ready_units([line.pk for order in orders for line in order.cooperative_lines])
    points: dict[tuple[str, bool, str], list[PrepareOrder]] = {}
    for order in orders:
        lines = [
            CounterLine(line=line, handed_over=line.quantity_fulfilled, ready=ready.get(line.pk, 0))
            for line in order.cooperative_lines
        ]
        courier = order.collection_point_id is None
        point = order.shipping_method_name if courier else order.collection_point_name
        points.setdefault((order.channel.name, courier, point), []).append(
            PrepareOrder(order=order, lines=lines)
        )
    return [
        PreparePoint(hub_name=hub, point_name=point, orders=found, is_courier=courier)
        for (hub, courier, point), found in sorted(points.items())
    ]


def cooperative_order_to_prepare(cooperative: Cooperative, order_id: UUID | str) -> Order | None:
    """An open order (pickup or courier) holding lines of ``cooperative``, or None (also
    for a malformed id). Callers check that the viewer works for ``cooperative``."""
    try:
        return Order.objects.filter(
            HUB_HANDLED,
            pk=order_id,
            status__in=PREPARABLE_STATUSES,
            lines__cooperative=cooperative,
        ).first()
    except (ValueError, ValidationError):
        return None


def order_weights_grams(*, order_ids: list[object]) -> dict[object, int]:
    """Each order's weight in grams (one query): every line's quantity times its
    variant's weight, else its product's, else its product type's (as Saleor weighs a
    variant); lines whose product is gone or weighs nothing count 0."""
    unit_weight = Coalesce(
        F("variant__weight_grams"),
        F("variant__product__weight_grams"),
        F("variant__product__product_type__weight_grams"),
        Value(0),
    )
    rows = (
        OrderLine.objects.filter(order_id__in=order_ids)
        .values("order_id")
        .annotate(grams=Sum(F("quantity") * unit_weight))
    )
    return {row["order_id"]: int(row["grams"] or 0) for row in rows}
