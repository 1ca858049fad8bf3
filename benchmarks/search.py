"""Product search at national scale: 100,000 products, PostgreSQL backend (and
Elasticsearch when ``ELASTICSEARCH_URL`` is set).

Generates, in bulk, a national catalog from the demo's vocabulary: ``--cooperatives``
cooperatives in villages drawn from every province (Kemendagri regions), three producers
each, ``--hubs`` village hubs (one channel and pickup point each), and ``--products``
products named like the demo's ("Keripik Pisang Balado Khas Sleman 250 g"), with a
description, a category, a price in a hub's channel and stock (some sold out). Then it
times ``manage.py search_reindex``'s PostgreSQL part (vectors, boosts, vocabulary) and
sends the relevance set's queries (``tests/.../test_relevance.py``: typos, regional
spellings, several words) to ``rank_products`` over the whole catalog, reading the first
20 results and the total as the API's ``products(search:)`` does, at concurrency 1 and 8
(processes, one database connection each). Prints a table with the targets.

    DEBUG=1 .venv/bin/python benchmarks/search.py            # generate, index, measure
    DEBUG=1 .venv/bin/python benchmarks/search.py --reindex  # index again on a kept catalog

Without ``DATABASE_URL`` it uses a database ``lumbung_search_bench`` on the embedded
PostgreSQL (created when missing, kept afterwards); with ``DATABASE_URL`` the database's
name must end in ``_bench`` (``--any-database`` to insist).
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "true")
BENCH_DATABASE = "lumbung_search_bench"
SLUG_PREFIX = "bench-"


def _embedded_bench_url() -> str:
    """A URL for :data:`BENCH_DATABASE` on the embedded server (created when missing)."""
    from marketplace.core.embedded_db import embedded_database_url

    url = embedded_database_url()
    import psycopg

    base, query = url.split("?", 1)
    with psycopg.connect(f"dbname=postgres user=postgres {query}", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE])
        if found.fetchone() is None:
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return f"{base.rsplit('/', 1)[0]}/{BENCH_DATABASE}?{query}"


if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = _embedded_bench_url()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402

from marketplace.catalog.models import (  # noqa: E402
    Category,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.search import rank_products  # noqa: E402
from marketplace.catalog.search.reindex import postgres_reindex  # noqa: E402
from marketplace.demo.data import _DESCRIPTIONS, CATEGORIES, COOPERATIVES  # noqa: E402
from marketplace.regions.models import Village  # noqa: E402
from marketplace.regions.services import regions_import  # noqa: E402
from marketplace.village_hubs.models import Producer, VillageHub  # noqa: E402
from marketplace.warehouses.models import Stock, Warehouse  # noqa: E402
from tests.factories.catalog import CategoryFactory, ProductTypeFactory  # noqa: E402
from tests.factories.village_hubs import (  # noqa: E402
    CooperativeFactory,
    ProducerFactory,
    VillageHubFactory,
)
from tests.factories.warehouses import WarehouseFactory  # noqa: E402
from tests.marketplace.catalog.search.test_relevance import RELEVANCE_SET  # noqa: E402

TARGET_P95_MS = 50.0
DESCRIPTORS = (
    *"Pedas Manis Original Balado Organik Asli Premium Super Gurih Renyah Asin".split(),
    *"Jumbo Mini Spesial Tradisional".split(),
    "",
)
SIZES = ("100 g", "150 g", "200 g", "250 g", "500 g", "1 kg", "5 kg", "250 ml", "500 ml", "")


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _base_names() -> list[tuple[str, str]]:
    """(name without its size, category slug) of every demo product."""
    found = []
    for plan in COOPERATIVES:
        for name, category, *_rest in plan.products:
            words = [w for w in name.split() if not any(ch.isdigit() for ch in w)]
            words = [w for w in words if w not in {"g", "kg", "ml", "cm", "×", "isi"}]
            found.append((" ".join(words), category))
    return found


def _generate(rng: random.Random, products: int, cooperatives: int, hubs: int) -> None:
    if not Village.objects.exists():
        _say("importing regions …")
        regions_import()
    categories = {
        plan.slug: Category.objects.filter(slug=plan.slug).first()
        or CategoryFactory(slug=plan.slug, name=plan.name)
        for plan in CATEGORIES
    }
    product_type = ProductType.objects.first() or ProductTypeFactory()
    if not VillageHub.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        _say(f"creating {hubs} hubs and {cooperatives} cooperatives …")
        _places(rng, cooperatives, hubs)
    hub_rows = list(VillageHub.objects.filter(slug__startswith=SLUG_PREFIX))
    pickups = {w.village_hub_id: w for w in Warehouse.objects.filter(slug__startswith=SLUG_PREFIX)}
    producers = list(
        Producer.objects.filter(cooperative__name__startswith="Koperasi Produsen ")
        .select_related("village")
        .order_by("pk")
    )
    _products(rng, products, producers, categories, product_type, hub_rows, pickups)


@transaction.atomic
def _places(rng: random.Random, cooperatives: int, hubs: int) -> None:
    desa = list(Village.objects.filter(kind=Village.Kind.DESA).values_list("code", flat=True))
    villages = Village.objects.in_bulk(rng.sample(desa, cooperatives + hubs))
    codes = sorted(villages)
    rng.shuffle(codes)
    for code in codes[cooperatives:]:
        village, key = villages[code], code.replace(".", "")
        hub = VillageHubFactory(
            village=village, name=f"Lumbung Desa {village.name}", slug=f"{SLUG_PREFIX}{key}"
        )
        WarehouseFactory(
            village=village, village_hub=hub, channels=[hub.channel],
            name=f"Titik Ambil {village.name}", slug=f"{SLUG_PREFIX}{key}",
        )  # fmt: skip
    for code in codes[:cooperatives]:
        village = villages[code]
        coop = CooperativeFactory(village=village, name=f"Koperasi Produsen {village.name}")
        for owner in ("Bu Sri", "Pak Harto", "Mbak Yuni"):
            ProducerFactory(cooperative=coop, name=f"Dapur {owner} {village.name}")


def _products(rng, count, producers, categories, product_type, hubs, pickups) -> None:  # noqa: ANN001
    offset = Product.objects.filter(slug__startswith=SLUG_PREFIX).count()
    bases = _base_names()
    _say(f"creating {count} products …")
    for start in range(0, count, 5000):
        rows, plans = [], []
        for n in range(start, min(count, start + 5000)):
            base, category = rng.choice(bases)
            producer = rng.choice(producers)
            name = " ".join(
                part
                for part in (
                    base,
                    rng.choice(DESCRIPTORS),
                    f"Khas {producer.village.name}",
                    rng.choice(SIZES),
                )  # fmt: skip
                if part
            )
            description = _DESCRIPTIONS[category].format(name=name, producer=producer.name)
            rows.append(Product(
                product_type=product_type, category=categories[category], name=name,
                slug=f"{SLUG_PREFIX}{offset + n}", description_plaintext=description,
                cooperative_id=producer.cooperative_id, producer=producer,
                search_index_dirty=True,
            ))  # fmt: skip
            plans.append((rng.choice(hubs), rng.randrange(5_000, 450_000, 500), rng.random()))
        created = Product.objects.bulk_create(rows, batch_size=5000)
        variants = ProductVariant.objects.bulk_create(
            [ProductVariant(product=p, sku=f"BENCH-{p.slug}") for p in created], batch_size=5000
        )
        ProductChannelListing.objects.bulk_create(
            [
                ProductChannelListing(product=p, channel_id=hub.channel_id, is_published=True)
                for p, (hub, _price, _r) in zip(created, plans, strict=True)
            ],
            batch_size=5000,
        )
        ProductVariantChannelListing.objects.bulk_create(
            [
                ProductVariantChannelListing(
                    variant=v, channel_id=hub.channel_id, price_amount=Decimal(price)
                )
                for v, (hub, price, _r) in zip(variants, plans, strict=True)
            ],
            batch_size=5000,
        )
        Stock.objects.bulk_create(
            [
                Stock(
                    product_variant=v,
                    warehouse=pickups[hub.pk],
                    quantity=0 if r < 0.15 else int(r * 200),
                )
                for v, (hub, _price, r) in zip(variants, plans, strict=True)
            ],
            batch_size=5000,
        )
        _say(f"  {start + len(rows)} products")


def _one_search(text: str) -> float:
    started = time.perf_counter()
    found = rank_products(Product.objects.all(), text)
    list(found[:20])
    found.count()
    return (time.perf_counter() - started) * 1000


def _run(queries: list[str], concurrency: int) -> tuple[list[float], float]:
    """Time every query, ``concurrency`` at once, in as many processes (as gunicorn's
    workers run), each with its own connection; the vocabulary is already read."""
    connections.close_all()  # each forked process opens its own
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(concurrency, mp_context=context) as pool:
        timings = list(pool.map(_one_search, queries, chunksize=4))
    return timings, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--cooperatives", type=int, default=1_000)
    parser.add_argument("--hubs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query set")
    parser.add_argument(
        "--runs", type=int, default=3, help="measurements at concurrency 1 (their spread)"
    )
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--reindex", action="store_true", help="index a kept catalog again")
    parser.add_argument("--any-database", action="store_true")
    args = parser.parse_args()
    name = settings.DATABASES["default"]["NAME"]
    if not name.endswith("_bench") and not args.any_database:
        raise SystemExit(f"Refusing to write to {name!r}: use a database named …_bench.")
    logging.disable(logging.INFO)
    rng = random.Random(args.seed)
    call_command("migrate", interactive=False, verbosity=0)
    generated = Product.objects.filter(slug__startswith=SLUG_PREFIX).count()
    index_seconds = None
    if generated < args.products:
        started = time.perf_counter()
        _generate(rng, args.products - generated, args.cooperatives, args.hubs)
        _say(f"generated in {time.perf_counter() - started:.0f} s")
    if generated < args.products or args.reindex:
        started = time.perf_counter()
        postgres_reindex(progress=True)
        index_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:  # as autovacuum would have, after the rewrite
        cursor.execute("VACUUM ANALYZE catalog_product")
        cursor.execute("VACUUM ANALYZE catalog_searchterm")
    _report(args, index_seconds)


def _load() -> str:
    """The load average (1, 5, 15 minutes) and the cores: others' work shows here."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def _spread(values: list[float], unit: str = " ms") -> str:
    low, high = min(values), max(values)
    if len(values) == 1 or f"{low:.0f}" == f"{high:.0f}":
        return f"{low:.1f}{unit}"
    return f"{low:.0f}–{high:.0f}{unit}"


def _report(args: argparse.Namespace, index_seconds: float | None) -> None:
    queries = [query for query, _expected in RELEVANCE_SET]
    for query in queries:  # warm caches (vocabulary, buffers)
        _one_search(query)
    rows = [("products in the catalog", f"{Product.objects.count():,}", "100,000")]
    if index_seconds is not None:
        rows.append(("index time (vectors, boosts, vocabulary)", f"{index_seconds:.0f} s", "—"))
    load = queries * args.rounds
    loads = [_load()]
    p50s, p95s, rates, all_timings = [], [], [], []
    for _run_number in range(max(1, args.runs)):
        timings, wall = _run(load, 1)
        all_timings += timings
        p50s.append(statistics.median(timings))
        p95s.append(_percentile(timings, 0.95))
        rates.append(len(load) / wall)
        loads.append(_load())
    runs = f"{len(p95s)} run{'s' if len(p95s) > 1 else ''}"
    met = "met" if max(p95s) < TARGET_P95_MS else "NOT met"
    rows += [
        (f"p50, concurrency 1 ({runs})", _spread(p50s), "—"),
        (f"p95, concurrency 1 ({runs})", _spread(p95s), f"< {TARGET_P95_MS:.0f} ms: {met}"),
        (f"queries/s, concurrency 1 ({runs})", _spread(rates, ""), "—"),
    ]
    timings, wall = _run(load, 8)
    loads.append(_load())
    rows += [
        ("p50, concurrency 8", f"{statistics.median(timings):.1f} ms", "—"),
        ("p95, concurrency 8", f"{_percentile(timings, 0.95):.1f} ms", "—"),
        ("queries/s, concurrency 8", f"{len(load) / wall:.0f}", "—"),
    ]
    width = max(len(row[0]) for row in rows)
    _say(f"\n{'measure':<{width}}  {'measured':>12}  target")
    for label, value, target in rows:
        _say(f"{label:<{width}}  {value:>12}  {target}")
    _say("\nload average (1 / 5 / 15 min) before, after each run: " + "; ".join(loads))
    _say("\nslowest queries at concurrency 1 (median of their runs):")
    for text, median in _slowest(load * max(1, args.runs), all_timings):
        _say(f"  {median:6.1f} ms  {text}")


def _slowest(load: list[str], timings: list[float], count: int = 5) -> list[tuple[str, float]]:
    """The ``count`` queries with the highest median time (what the p95 is made of)."""
    runs: dict[str, list[float]] = {}
    for text, timing in zip(load, timings, strict=True):
        runs.setdefault(text, []).append(timing)
    medians = [(text, statistics.median(values)) for text, values in runs.items()]
    return sorted(medians, key=lambda row: -row[1])[:count]


if __name__ == "__main__":
    main()
