"""Time recording paid orders one by one into cooperative sales reporting.

For each size N it builds a fresh world (a village hub, two cooperatives, six producers,
eight products), inserts N orders paid over the last year by N/4 returning buyers (1–3
lines each), then records them one at a time, each in its own transaction as the Celery
worker does: through ``order_sales_record`` alone, and — on a second, identical set of
orders — through the worker's task body (recording, then the early warnings the order
can change). Prints a table: orders, sale facts, seconds, orders/s, SQL queries per
order, and the time per order of the last tenth of the orders against the first tenth
(1.0 = flat). ``--one-transaction`` records a run's orders in one transaction, as a test
does; ``--profile`` prints cProfile's top functions.

    export DATABASE_URL=postgres://…/scratch   # or the embedded PostgreSQL (default)
    DEBUG=1 .venv/bin/python manage.py migrate          # once
    DEBUG=1 .venv/bin/python benchmarks/sales_recording.py [--orders 250 1000 4000] [--keep]

It writes to the database it runs against (and deletes what it wrote unless ``--keep``):
use a development database, never production.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import logging
import os
import pstats
import random
import sys
import time
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from coop_reporting.sales import services  # noqa: E402
from coop_reporting.sales.models import (  # noqa: E402
    CooperativeFlag,
    RollupBuyer,
    SaleFact,
    SalesRollup,
)
from coop_reporting.tasks import record_order_sales_task  # noqa: E402
from marketplace.orders.models import Order, OrderChargeStatus, OrderLine, OrderStatus  # noqa: E402
from marketplace.village_hubs.models import Cooperative, Producer, VillageHub  # noqa: E402
from tests.factories import catalog as catalog_factories  # noqa: E402
from tests.factories import channels as channel_factories  # noqa: E402
from tests.factories import orders as order_factories  # noqa: E402
from tests.factories import village_hubs as hub_factories  # noqa: E402

PRICES = (2_500, 15_000, 27_500, 40_000)


@dataclass
class World:
    hub: VillageHub
    cooperatives: list[Cooperative]
    producers: list[Producer]
    variants: list  # ProductVariant


def make_world(rng: random.Random) -> World:
    start = random.SystemRandom().randrange(10**6, 10**9)  # unique names across runs
    for factory_class in (
        hub_factories.CooperativeFactory,
        hub_factories.ProducerFactory,
        hub_factories.VillageHubFactory,
        channel_factories.ChannelFactory,
        catalog_factories.CategoryFactory,
        catalog_factories.ProductTypeFactory,
        catalog_factories.ProductFactory,
        catalog_factories.ProductVariantFactory,
    ):
        factory_class.reset_sequence(start)
    hub = hub_factories.VillageHubFactory()
    cooperatives = [hub_factories.CooperativeFactory() for _ in range(2)]
    producers = [hub_factories.ProducerFactory(cooperative=c) for c in cooperatives for _ in "abc"]
    variants = [
        catalog_factories.ProductVariantFactory(
            product__cooperative=producer.cooperative, product__producer=producer
        )
        for producer in producers
        for _ in range(rng.randint(1, 2))
    ]
    return World(hub, cooperatives, producers, variants)


def make_orders(world: World, count: int, rng: random.Random) -> list[str]:
    """``count`` orders paid at random moments of the last 365 days, in bulk."""
    now = timezone.now()
    buyers = [f"warga{n}-{uuid.uuid4().hex[:6]}@example.com" for n in range(max(count // 4, 1))]
    first = (Order.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    orders, lines = [], []
    for index in range(count):
        order = order_factories.OrderFactory.build(
            number=first + index,
            channel=world.hub.channel,
            user_email=rng.choice(buyers),
            status=OrderStatus.UNFULFILLED,
            charge_status=OrderChargeStatus.FULL,
            paid_at=now - datetime.timedelta(minutes=rng.randrange(365 * 24 * 60)),
        )
        total = 0
        for variant in rng.sample(world.variants, rng.randint(1, 3)):
            quantity, price = rng.randint(1, 5), rng.choice(PRICES)
            line = order_factories.OrderLineFactory.build(
                order=order,
                variant=variant,
                producer=variant.product.producer,
                category=variant.product.category,
                quantity=quantity,
                undiscounted_unit_price_amount=price,
                undiscounted_total_price_amount=quantity * price,
                unit_price_amount=price,
                total_price_amount=quantity * price,
            )
            total += line.total_price_amount
            lines.append(line)
        order.subtotal_amount = order.total_amount = order.total_charged_amount = total
        orders.append(order)
    Order.objects.bulk_create(orders, batch_size=1000)
    OrderLine.objects.bulk_create(lines, batch_size=1000)
    return [str(order.pk) for order in orders]


@dataclass
class Run:
    orders: int
    seconds: float
    queries: int
    drift: float  # seconds per order, last tenth ÷ first tenth


def record(order_ids: list[str], one: Callable[[str], object]) -> Run:
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    durations = []
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        for order_id in order_ids:
            tick = time.perf_counter()
            one(order_id)
            durations.append(time.perf_counter() - tick)
        seconds = time.perf_counter() - started
    tenth = max(len(durations) // 10, 1)
    drift = (sum(durations[-tenth:]) / tenth) / (sum(durations[:tenth]) / tenth)
    return Run(len(order_ids), seconds, queries, drift)


def cleanup(world: World, order_ids: list[str]) -> None:
    cooperative_ids = [c.pk for c in world.cooperatives]
    producer_ids = [p.pk for p in world.producers]
    scoped = Q(scope=SalesRollup.Scope.COOPERATIVE, scope_id__in=cooperative_ids)
    SalesRollup.objects.filter(scoped).delete()
    RollupBuyer.objects.filter(scoped).delete()
    SaleFact.objects.filter(cooperative_id__in=cooperative_ids).delete()
    CooperativeFlag.objects.filter(cooperative_id__in=cooperative_ids).delete()
    Order.objects.filter(pk__in=order_ids).delete()
    products = {variant.product for variant in world.variants}
    for product in products:
        product.variants.all().delete()
        product.delete()
    for product in products:
        product.category.delete()
        product.product_type.delete()
    Producer.objects.filter(pk__in=producer_ids).delete()
    Cooperative.objects.filter(pk__in=cooperative_ids).delete()
    channel = world.hub.channel
    world.hub.delete()
    channel.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--keep", action="store_true", help="keep the orders and facts")
    parser.add_argument(
        "--profile", action="store_true", help="print cProfile's top 25 for each run"
    )
    parser.add_argument(
        "--one-transaction",
        action="store_true",
        help="record all orders of a run in one transaction (as a test does), not one each",
    )
    args = parser.parse_args()
    logging.disable(logging.INFO)  # one log line per order would be timed too

    modes: dict[str, Callable[[str], object]] = {
        "order_sales_record": lambda order_id: services.order_sales_record(order_id=order_id),
        "worker task": lambda order_id: record_order_sales_task(order_id),
    }
    rows = []
    for size in args.orders:
        rng = random.Random(args.seed + size)
        for mode, one in modes.items():
            world = make_world(rng)
            order_ids = make_orders(world, size, rng)
            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            with transaction.atomic() if args.one_transaction else nullcontext():
                run = record(order_ids, one)
            if profiler:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            facts = SaleFact.objects.filter(order_id__in=order_ids).count()
            rows.append((mode, run, facts))
            if not args.keep:
                cleanup(world, order_ids)
    line = "| {:<18} | {:>6} | {:>7} | {:>8} | {:>8} | {:>15} | {:>12} |"
    out = [
        line.format(
            "path", "orders", "facts", "seconds", "orders/s", "queries / order", "last ÷ first"
        ),
        "|" + "|".join("-" * width for width in (20, 8, 9, 10, 10, 17, 14)) + "|",
    ]
    for mode, run, facts in rows:
        out.append(
            line.format(
                mode,
                f"{run.orders:,}",
                f"{facts:,}",
                f"{run.seconds:.1f}",
                f"{run.orders / run.seconds:.0f}",
                f"{run.queries / run.orders:.1f}",
                f"{run.drift:.2f}",
            )
        )
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
