"""The demo's sales history: paid, collected orders of the demo cooperatives, day by day.

Cooperative reporting (activity profiles, producer statements, the Dinas district view,
early warnings) needs months of real orders to show anything. This module writes them in
bulk with the order models: pay-at-pickup orders of guest buyers, paid and handed over at
the hub on the same day, with their fulfilments and events; no checkout and no stock
movement (long-collected past orders). ``coop_reporting`` then records them as sales: the
``load_demo_data`` command runs the loaders of ``settings.DEMO_DATA_LOADERS`` after this
one (``marketplace`` may not import reporting).

The history runs from the start of the previous financial year (at least 15 months back,
so that the last months can be compared with the same months a year earlier) to
yesterday. Each day's orders come from ``random.Random`` seeded with the demo seed, the
hub and the day, so a day is always generated the same way; a re-run generates only the
days after the last one generated (none on the same day), which also keeps a demo
database alive when it is started again weeks later.

The day of the first load is the *anchor*, kept in every history order's private
metadata; the sales patterns count from it whatever day the demo is loaded again:

* KUD Mina Segara Pecatu and Koperasi Produsen Tani Amerta Pelaga sell steadily, a little
  more each year and more in the festive months;
* Kopwan Srikandi Colo *slips*: from four months before the anchor it sells less than a
  third of what it did, so its last three months fall far below the same months a year
  earlier;
* Koperasi Desa Merah Putih Kudus started selling about fourteen months before the anchor
  and went *dormant* eighty days before it.
"""

from __future__ import annotations

import datetime
import logging
import math
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from marketplace.catalog.models import ProductVariant, ProductVariantChannelListing
from marketplace.demo.data import COOPERATIVES, DEMO_SEED
from marketplace.orders.models import (
    PICKUP_CODE_ALPHABET,
    PICKUP_CODE_LENGTH,
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderChargeStatus,
    OrderEvent,
    OrderEventType,
    OrderLine,
    OrderStatus,
    PaymentMethod,
)
from marketplace.orders.placement import ORDER_NUMBER_SEQUENCE
from marketplace.village_hubs.models import Cooperative, HubOperator, VillageHub
from marketplace.warehouses.models import Stock, Warehouse

logger = logging.getLogger(__name__)

HISTORY_KEY = "lumbung_demo_history"  # private metadata: the anchor day (ISO date)
MIN_HISTORY_MONTHS = 15
BUYERS_PER_HUB = 150
OPENING_HOUR, OPEN_HOURS = 8, 8
GROWTH_PER_YEAR = 0.12
# Orders by month (January first): Ramadan and Lebaran in spring, year-end festivities.
SEASON = (0.85, 0.85, 1.05, 1.15, 1.0, 0.95, 0.95, 1.0, 1.0, 1.05, 1.1, 1.3)
LINES_PER_ORDER = ((1, 2, 3), (55, 30, 15))
QUANTITIES = ((1, 2, 3), (60, 28, 12))
CROSS_COOPERATIVE_LINE = 0.15  # chance that an order adds a product of the hub's other coop
EXPENSIVE = 200_000  # cloth and the like: one piece per line


@dataclass(frozen=True)
class SalesPattern:
    """Orders a day of one demo cooperative, around the anchor (days before it)."""

    orders_per_day: float
    sells_from: int | None = None  # first selling day, days before the anchor
    sells_until: int | None = None  # dormant from this many days before the anchor
    slips_from: int | None = None  # from then on orders_per_day × slip_factor
    slip_factor: float = 1.0

    def rate(self, day: datetime.date, anchor: datetime.date) -> float:
        before = (anchor - day).days
        if self.sells_from is not None and before > self.sells_from:
            return 0.0
        if self.sells_until is not None and before <= self.sells_until:
            return 0.0
        if self.slips_from is not None and before <= self.slips_from:
            return self.orders_per_day * self.slip_factor
        return self.orders_per_day


PATTERNS = {
    "kud-pecatu": SalesPattern(0.85),
    "produsen-pelaga": SalesPattern(0.6),
    "kopwan-colo": SalesPattern(0.8, slips_from=125, slip_factor=0.3),  # slipping
    "merah-putih-kudus": SalesPattern(0.55, sells_from=420, sells_until=80),  # dormant
}


# --- what exists -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Product:
    variant_id: int
    product_name: str
    variant_name: str
    sku: str
    producer_id: int | None
    category_id: int | None
    price: int
    stock_id: int | None

    @property
    def weight(self) -> float:
        """How often it sells: everyday goods more than cloth."""
        return 60_000 / (self.price + 20_000)


@dataclass(frozen=True)
class _Seller:
    key: str
    cooperative_id: int
    pattern: SalesPattern
    products: tuple[_Product, ...]


@dataclass(frozen=True)
class _Hub:
    hub: VillageHub
    warehouse: Warehouse
    operator_id: int | None
    sellers: tuple[_Seller, ...]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.hub.time_zone)


def _hubs() -> list[_Hub]:
    """The demo hubs with their cooperatives' products (as ``demo_data_load`` made them)."""
    by_hub: dict[int, list[_Seller]] = {}
    hubs: dict[int, VillageHub] = {}
    for plan in COOPERATIVES:
        cooperative = Cooperative.objects.filter(
            nomor_induk_koperasi=plan.nomor_induk_koperasi
        ).first()
        if cooperative is None:
            continue
        hub = (
            VillageHub.objects.filter(supplies__cooperative=cooperative)
            .select_related("channel")
            .order_by("pk")
            .first()
        )
        if hub is None:
            continue
        hubs[hub.pk] = hub
        by_hub.setdefault(hub.pk, []).append(
            _Seller(plan.key, cooperative.pk, PATTERNS[plan.key], _products(cooperative, hub))
        )
    result = []
    for hub_id, sellers in by_hub.items():
        hub = hubs[hub_id]
        warehouse = Warehouse.objects.filter(village_hub=hub).order_by("pk").first()
        if warehouse is None:
            continue
        operator = HubOperator.objects.filter(hub=hub).order_by("pk").first()
        result.append(_Hub(hub, warehouse, operator.user_id if operator else None, tuple(sellers)))
    return sorted(result, key=lambda item: item.hub.slug)


def _products(cooperative: Cooperative, hub: VillageHub) -> tuple[_Product, ...]:
    variants = list(
        ProductVariant.objects.filter(product__cooperative=cooperative)
        .select_related("product")
        .order_by("sku", "pk")
    )
    prices = dict(
        ProductVariantChannelListing.objects.filter(
            variant__in=variants, channel=hub.channel, price_amount__isnull=False
        ).values_list("variant_id", "price_amount")
    )
    stocks = dict(
        Stock.objects.filter(product_variant__in=variants, warehouse__village_hub=hub).values_list(
            "product_variant_id", "pk"
        )
    )
    return tuple(
        _Product(
            variant_id=variant.pk,
            product_name=variant.product.name,
            variant_name=variant.name,
            sku=variant.sku or "",
            producer_id=variant.product.producer_id,
            category_id=variant.product.category_id,
            price=int(prices[variant.pk]),
            stock_id=stocks.get(variant.pk),
        )
        for variant in variants
        if prices.get(variant.pk)
    )


# --- the plan of a day -------------------------------------------------------------------


@dataclass(frozen=True)
class _PlannedLine:
    id: uuid.UUID
    cooperative_id: int
    product: _Product
    quantity: int

    @property
    def total(self) -> int:
        return self.product.price * self.quantity


@dataclass(frozen=True)
class _PlannedOrder:
    id: uuid.UUID
    hub: _Hub
    buyer: str
    pickup_code: str
    placed_at: datetime.datetime
    paid_at: datetime.datetime
    lines: tuple[_PlannedLine, ...]

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _pick(rng: random.Random, products: Sequence[_Product], count: int) -> list[_Product]:
    """``count`` different products, the more often sold ones more likely (weighted
    sampling without replacement: the largest ``u ** (1 / weight)``)."""
    keyed = sorted(products, key=lambda p: rng.random() ** (1 / p.weight), reverse=True)
    return keyed[:count]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _buyer_weights() -> list[float]:
    return [1 / (index + 1) ** 0.7 for index in range(BUYERS_PER_HUB)]


def _day_orders(
    hub: _Hub, day: datetime.date, anchor: datetime.date, start: datetime.date
) -> list[_PlannedOrder]:
    """The orders of one hub on one day: always the same for the same day and anchor."""
    rng = random.Random(f"{DEMO_SEED}:{hub.hub.slug}:{day.isoformat()}")
    growth = 1 + GROWTH_PER_YEAR * (day - start).days / 365
    season = SEASON[day.month - 1]
    rates = {seller.key: seller.pattern.rate(day, anchor) for seller in hub.sellers}
    weights = _buyer_weights()
    orders = []
    for seller in hub.sellers:
        if not seller.products:
            continue
        for _ in range(_poisson(rng, rates[seller.key] * season * growth)):
            count = rng.choices(*LINES_PER_ORDER)[0]
            picked = [(seller, product) for product in _pick(rng, seller.products, count)]
            others = [s for s in hub.sellers if s is not seller and rates[s.key] and s.products]
            if others and rng.random() < CROSS_COOPERATIVE_LINE:
                other = rng.choice(others)
                picked.append((other, _pick(rng, other.products, 1)[0]))
            lines = tuple(
                _PlannedLine(
                    id=_uuid(rng),
                    cooperative_id=owner.cooperative_id,
                    product=product,
                    quantity=1 if product.price >= EXPENSIVE else rng.choices(*QUANTITIES)[0],
                )
                for owner, product in picked
            )
            opens = datetime.datetime.combine(day, datetime.time(OPENING_HOUR), hub.zone)
            paid_at = opens + datetime.timedelta(minutes=rng.randrange(OPEN_HOURS * 60))
            orders.append(
                _PlannedOrder(
                    id=_uuid(rng),
                    hub=hub,
                    buyer=f"warga{rng.choices(range(BUYERS_PER_HUB), weights)[0] + 1:03d}."
                    f"{hub.hub.slug}@contoh.lumbung.test",
                    pickup_code="".join(
                        rng.choice(PICKUP_CODE_ALPHABET) for _ in range(PICKUP_CODE_LENGTH)
                    ),
                    placed_at=paid_at - datetime.timedelta(minutes=rng.randrange(20, 26 * 60)),
                    paid_at=paid_at,
                    lines=lines,
                )
            )
    return orders


def _days(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def history_start(anchor: datetime.date) -> datetime.date:
    """First day of the history: the start of the financial year before the anchor's,
    or of the one before that when that leaves fewer than 15 months."""
    start_month = int(getattr(settings, "COOP_FINANCIAL_YEAR_START_MONTH", 1))
    year = anchor.year if anchor.month >= start_month else anchor.year - 1
    start = datetime.date(year - 1, start_month, 1)
    if (anchor.year - start.year) * 12 + anchor.month - start.month < MIN_HISTORY_MONTHS:
        start = start.replace(year=start.year - 1)
    return start


# --- writing -----------------------------------------------------------------------------


def _anchor(today: datetime.date) -> datetime.date:
    value = (
        Order.objects.filter(private_metadata__has_key=HISTORY_KEY)
        .values_list("private_metadata", flat=True)
        .first()
    )
    return datetime.date.fromisoformat(value[HISTORY_KEY]) if value else today


def _last_day(hub: _Hub) -> datetime.date | None:
    last = Order.objects.filter(
        channel_id=hub.hub.channel_id, private_metadata__has_key=HISTORY_KEY
    ).aggregate(last=Max("paid_at"))["last"]
    return last.astimezone(hub.zone).date() if last else None


def _order_numbers(count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", [ORDER_NUMBER_SEQUENCE, count]
        )
        return [int(row[0]) for row in cursor.fetchall()]


def _order_row(plan: _PlannedOrder, number: int, metadata: dict[str, str]) -> Order:
    """The order, paid at pickup and handed over in full."""
    warehouse = plan.hub.warehouse
    return Order(
        id=plan.id,
        number=number,
        status=OrderStatus.FULFILLED,
        channel_id=plan.hub.hub.channel_id,
        user_email=plan.buyer,
        language_code="id",
        collection_point=warehouse,
        collection_point_name=warehouse.name,
        subtotal_amount=plan.total,
        total_amount=plan.total,
        total_charged_amount=plan.total,
        charge_status=OrderChargeStatus.FULL,
        payment_method=PaymentMethod.PAY_AT_PICKUP,
        pickup_code=plan.pickup_code,
        paid_at=plan.paid_at,
        private_metadata=metadata,
    )


def _line_row(plan: _PlannedOrder, line: _PlannedLine) -> OrderLine:
    """An order line, fulfilled in full, at the listed price."""
    product = line.product
    return OrderLine(
        id=line.id,
        order_id=plan.id,
        variant_id=product.variant_id,
        product_name=product.product_name,
        variant_name=product.variant_name,
        product_sku=product.sku,
        cooperative_id=line.cooperative_id,
        producer_id=product.producer_id,
        category_id=product.category_id,
        quantity=line.quantity,
        quantity_fulfilled=line.quantity,
        undiscounted_unit_price_amount=product.price,
        undiscounted_total_price_amount=line.total,
        unit_price_amount=product.price,
        total_price_amount=line.total,
    )


def _fulfillment_rows(plan: _PlannedOrder) -> list[tuple[Fulfillment, list[_PlannedLine]]]:
    """One fulfilment per cooperative of the order (in the order of their first line),
    with the lines it hands over."""
    by_cooperative: dict[int, list[_PlannedLine]] = {}
    for line in plan.lines:
        by_cooperative.setdefault(line.cooperative_id, []).append(line)
    return [
        (
            Fulfillment(
                order_id=plan.id,
                fulfillment_order=index,
                cooperative_id=cooperative_id,
                created_by_id=plan.hub.operator_id,
            ),
            its_lines,
        )
        for index, (cooperative_id, its_lines) in enumerate(by_cooperative.items(), 1)
    ]


def _fulfillment_line_rows(
    fulfilled: list[tuple[Fulfillment, list[_PlannedLine]]],
) -> list[FulfillmentLine]:
    """The handed-over lines, from the stock of the hub's pickup point (saved fulfilments)."""
    return [
        FulfillmentLine(
            fulfillment=fulfillment,
            order_line_id=line.id,
            quantity=line.quantity,
            stock_id=line.product.stock_id,
        )
        for fulfillment, its_lines in fulfilled
        for line in its_lines
    ]


def _event_rows(
    planned: list[_PlannedOrder], fulfilled: list[tuple[Fulfillment, list[_PlannedLine]]]
) -> list[OrderEvent]:
    """Each order's history: placed, marked as paid by the hub's operator, then each
    cooperative's goods handed over (saved fulfilments)."""
    by_order = {plan.id: plan for plan in planned}
    placed = [OrderEvent(order_id=plan.id, type=OrderEventType.PLACED) for plan in planned]
    paid = [
        OrderEvent(
            order_id=plan.id,
            type=OrderEventType.ORDER_MARKED_AS_PAID,
            user_id=plan.hub.operator_id,
            parameters={"payment_method": PaymentMethod.PAY_AT_PICKUP.value, "amount": plan.total},
        )
        for plan in planned
    ]
    handed_over = [
        OrderEvent(
            order_id=fulfillment.order_id,
            type=OrderEventType.FULFILLMENT_FULFILLED_ITEMS,
            user_id=by_order[fulfillment.order_id].hub.operator_id,
            parameters={
                "cooperative_id": fulfillment.cooperative_id,
                "fulfillment_id": fulfillment.pk,
                "fulfilled_items": [str(line.id) for line in its_lines],
                "quantities": [line.quantity for line in its_lines],
            },
        )
        for fulfillment, its_lines in fulfilled
    ]
    return placed + paid + handed_over


def _write(planned: list[_PlannedOrder], anchor: datetime.date) -> None:
    """Insert the planned orders with their lines, fulfilments and events, one bulk insert
    per table, then set the creation times the models stamp with "now" to the days they
    happened."""
    planned.sort(key=lambda order: (order.paid_at, order.id))
    numbers = _order_numbers(len(planned))
    metadata = {HISTORY_KEY: anchor.isoformat()}
    orders = [
        _order_row(plan, number, metadata) for number, plan in zip(numbers, planned, strict=True)
    ]
    lines = [_line_row(plan, line) for plan in planned for line in plan.lines]
    fulfilled = [pair for plan in planned for pair in _fulfillment_rows(plan)]
    Order.objects.bulk_create(orders, batch_size=1000)
    OrderLine.objects.bulk_create(lines, batch_size=1000)
    Fulfillment.objects.bulk_create([fulfillment for fulfillment, _ in fulfilled], batch_size=1000)
    FulfillmentLine.objects.bulk_create(_fulfillment_line_rows(fulfilled), batch_size=1000)
    OrderEvent.objects.bulk_create(_event_rows(planned, fulfilled), batch_size=1000)
    _backdate({plan.id: plan.placed_at for plan in planned})


def _backdate(placed_at: dict[uuid.UUID, datetime.datetime]) -> None:
    """Set the times the models stamp with "now" on insert to when things happened: an
    order (its lines, its PLACED event) was placed at ``placed_at``; it was paid, handed
    over (fulfilments, the other events) and last changed at its ``paid_at``."""
    order_ids, moments = list(placed_at), list(placed_at.values())
    tables = {
        "order": Order._meta.db_table,
        "line": OrderLine._meta.db_table,
        "fulfillment": Fulfillment._meta.db_table,
        "event": OrderEvent._meta.db_table,
    }
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {tables["order"]} o SET created_at = p.placed_at, updated_at = o.paid_at
            FROM unnest(%s::uuid[], %s::timestamptz[]) AS p(id, placed_at)
            WHERE o.id = p.id
            """,
            [order_ids, moments],
        )
        cursor.execute(
            f"""
            UPDATE {tables["event"]} e SET date = CASE
                WHEN e.type = %(placed)s THEN o.created_at ELSE o.paid_at END
            FROM {tables["order"]} o WHERE e.order_id = o.id AND o.id = ANY(%(ids)s)
            """,
            {"placed": OrderEventType.PLACED.value, "ids": order_ids},
        )
        cursor.execute(
            f"""
            UPDATE {tables["line"]} l SET created_at = o.created_at
            FROM {tables["order"]} o WHERE l.order_id = o.id AND o.id = ANY(%(ids)s)
            """,
            {"ids": order_ids},
        )
        cursor.execute(
            f"""
            UPDATE {tables["fulfillment"]} f SET created_at = o.paid_at
            FROM {tables["order"]} o WHERE f.order_id = o.id AND o.id = ANY(%(ids)s)
            """,
            {"ids": order_ids},
        )


@transaction.atomic
def demo_sales_history_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Add the demo orders of every day from the history's start (or the day after the
    last one generated) to yesterday; returns how many history orders exist."""
    today = today or timezone.localdate()
    anchor = _anchor(today)
    start = history_start(anchor)
    planned: list[_PlannedOrder] = []
    for hub in _hubs():
        last = _last_day(hub)
        first = start if last is None else max(start, last + datetime.timedelta(days=1))
        for day in _days(first, today - datetime.timedelta(days=1)):
            planned.extend(_day_orders(hub, day, anchor, start))
    if planned:
        _write(planned, anchor)
    history = Order.objects.filter(private_metadata__has_key=HISTORY_KEY)
    counts = {"history orders": history.count()}
    logger.info("demo_sales_history_loaded", extra={"added": len(planned), **counts})
    return counts
