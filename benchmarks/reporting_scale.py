"""Cooperative reporting at the scale of a province: the district view, the activity
profile and ``rebuild_reporting`` with 25,000 cooperatives and 5 million sale lines.

Generates, in bulk, a province (Jawa Tengah by default) of ``--cooperatives``
cooperatives spread over its regencies and villages, three producers each, a village hub
per regency, and ``--lines`` paid order lines (about two per order) from 1 July 2024 to
yesterday: most cooperatives sell steadily, some slip (a third of their sales in the
last four months), some went dormant, some are new, a few never sold; plus RAT reports
(on time, late, missing) and health assessments. Then it records them through
``manage.py rebuild_reporting`` (sale facts, rollups, summaries), raises the early
warnings with the nightly job, runs ``rebuild_reporting`` again on the recorded history,
and sends each district view query ``--requests`` times through the real GraphQL
endpoint (Django's test client, in process, DEBUG off) as a province officer and a
regency officer. Prints tables: data sizes, wall times, and latency p50/p95/p99 with
the SQL queries per request.

    createdb -h 127.0.0.1 -U postgres lumbung_scale_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/lumbung_scale_bench
    .venv/bin/python benchmarks/reporting_scale.py     # generate, record, rebuild, measure
    .venv/bin/python benchmarks/reporting_scale.py --skip-rebuild   # measure again
    .venv/bin/python benchmarks/reporting_scale.py --skip-rebuild --rebuild-from-empty
        # empty the ledger, time the first rebuild_reporting again, then measure

A database that already holds the generated province is reused (generating writes
~10 GB and takes minutes; ``--generate-only`` stops after it). The script refuses a
database whose name does not end in ``_bench`` (``--any-database`` to insist): never run
it on a database you need.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import logging
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "false")  # measured as served: no query log, no debug views
os.environ.setdefault("SECRET_KEY", "reporting-scale-benchmark-only-not-a-real-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("LOG_FORMAT", "console")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from coop_reporting.district import services as district_services  # noqa: E402
from coop_reporting.district.models import CooperativeReportingSummary  # noqa: E402
from coop_reporting.rat import deadlines  # noqa: E402
from coop_reporting.rat import services as rat_services  # noqa: E402
from coop_reporting.rat.models import HealthAssessment, RatReport, RatReportStatus  # noqa: E402
from coop_reporting.sales.models import RollupBuyer, SaleFact, SalesRollup  # noqa: E402
from coop_reporting.supervision import services as supervision_services  # noqa: E402
from marketplace.accounts import tokens  # noqa: E402
from marketplace.accounts.models import User  # noqa: E402
from marketplace.catalog.models import Category  # noqa: E402
from marketplace.catalog.services import category_create  # noqa: E402
from marketplace.orders.models import Order, OrderLine  # noqa: E402
from marketplace.regions.models import Regency, Village  # noqa: E402
from marketplace.regions.services import regions_import  # noqa: E402
from marketplace.village_hubs.models import Cooperative, Producer, VillageHub  # noqa: E402
from marketplace.village_hubs.services import village_hub_create  # noqa: E402
from storefront_api.core.ids import global_id  # noqa: E402

# The issues' targets, printed beside each figure (issue 19: districtSummary under 200 ms
# at p95, every other request too; rebuild_reporting from an empty ledger under 5 min).
REQUEST_P95_TARGET_MS = 200
REBUILD_FROM_EMPTY_TARGET_S = 5 * 60
REBUILD_STEP = "rebuild_reporting, first (records every line)"
STEP_TARGETS = {REBUILD_STEP: REBUILD_FROM_EMPTY_TARGET_S}
BENCH_DOMAIN = "bench.koperasi.test"  # e-mails of generated cooperatives and buyers
START = datetime.date(2024, 7, 1)
WIB = datetime.timezone(datetime.timedelta(hours=7))
CHUNK_COOPERATIVES = 500  # cooperatives per COPY round (≈ 100,000 lines)
JENIS = (("kud", 20), ("ksu", 18), ("produsen", 16), ("konsumen", 10), ("ksp", 10),
         ("kopwan", 8), ("pemasaran", 6), ("jasa", 4), ("kspps", 3), ("kopontren", 3),
         ("kopkar", 2))  # fmt: skip
# What happens to a cooperative's sales: share, and how its selling days are drawn.
KINDS = (("steady", 78), ("slipping", 8), ("dormant", 7), ("new", 5), ("never", 2))
PRICES = (5_000, 8_000, 12_000, 15_000, 20_000, 25_000, 35_000, 45_000, 60_000, 85_000, 150_000)
SEASON = (0.85, 0.85, 1.05, 1.15, 1.0, 0.95, 0.95, 1.0, 1.0, 1.05, 1.1, 1.3)


# --- generation --------------------------------------------------------------------------


@dataclass
class Coop:
    pk: int
    regency: str
    kind: str
    lines: int
    producers: tuple[int, ...] = ()


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in pairs], [weight for _, weight in pairs])[0]


def _day_curves(days: int) -> tuple[list[float], list[float]]:
    """Cumulative selling weights per day index: steady growth with the seasons, and the
    same with the last 120 days at 30 % (slipping)."""
    steady, slipping = [], []
    total_steady = total_slipping = 0.0
    for index in range(days):
        day = START + datetime.timedelta(days=index)
        weight = SEASON[day.month - 1] * (1 + 0.12 * index / 365)
        total_steady += weight
        total_slipping += weight * (0.3 if index >= days - 120 else 1)
        steady.append(total_steady)
        slipping.append(total_slipping)
    return steady, slipping


def _draw_day(rng: random.Random, curve: list[float], first: int, last: int) -> int:
    low = curve[first - 1] if first else 0.0
    return bisect.bisect_left(curve, low + rng.random() * (curve[last] - low), first, last)


def _create_cooperatives(rng: random.Random, count: int, province: str, lines: int) -> list[Coop]:
    villages: dict[str, list[str]] = {}
    for code in (
        Village.objects.filter(code__startswith=f"{province}.")
        .order_by("code")
        .values_list("code", flat=True)
    ):
        villages.setdefault(code[:5], []).append(code)
    if not villages:
        raise SystemExit(f"No villages in province {province}: import the regions first.")
    regencies = sorted(villages)
    weights = [len(villages[code]) for code in regencies]
    now = timezone.now()
    rows, plans = [], []
    sizes = [rng.lognormvariate(0, 0.8) for _ in range(count)]
    scale = lines / sum(sizes)
    for index in range(count):
        regency = rng.choices(regencies, weights)[0]
        village = rng.choice(villages[regency])
        jenis = _weighted(rng, JENIS)
        members = rng.randint(20, 600)
        male = rng.randint(0, members)
        kind = _weighted(rng, KINDS)
        rows.append(
            Cooperative(
                name=f"Koperasi {jenis.upper()} {index + 1:05d} Desa {village[-4:]}",
                jenis=jenis,
                nomor_induk_koperasi=f"{regency.replace('.', '')}{index + 1:012d}",
                is_merah_putih=rng.random() < 0.1,
                has_savings_unit=jenis in ("ksp", "kspps") or rng.random() < 0.15,
                member_count=members,
                members_male=male,
                members_female=members - male,
                email=f"koperasi{index + 1}@{BENCH_DOMAIN}",
                village_id=village,
                created_at=now,
                updated_at=now,
            )
        )
        plans.append(Coop(0, regency, kind, 0 if kind == "never" else round(sizes[index] * scale)))
    created = Cooperative.objects.bulk_create(rows, batch_size=2000)
    for plan, cooperative in zip(plans, created, strict=True):
        plan.pk = cooperative.pk
    producers = Producer.objects.bulk_create(
        [
            Producer(
                cooperative_id=plan.pk,
                name=f"Produsen {number} koperasi {plan.pk}",
                village_id=cooperative.village_id,
                size_class="mikro",
            )
            for plan, cooperative in zip(plans, created, strict=True)
            for number in (1, 2, 3)
        ],
        batch_size=5000,
    )
    by_coop: dict[int, list[int]] = {}
    for producer in producers:
        by_coop.setdefault(producer.cooperative_id, []).append(producer.pk)
    for plan in plans:
        plan.producers = tuple(by_coop[plan.pk])
    return plans


def _hubs(province: str) -> dict[str, int]:
    """A village hub (its channel) per regency of the province: regency → channel id."""
    hubs = {}
    for regency in Regency.objects.filter(province_id=province).order_by("code"):
        village = Village.objects.filter(code__startswith=f"{regency.code}.").order_by("code")
        first = village.first()
        if first is None:
            continue
        hub = VillageHub.objects.filter(village__code__startswith=f"{regency.code}.").first()
        hub = hub or village_hub_create(
            name=f"Lumbung {regency.name}", village=first, slug=f"bench-{regency.code}"
        )
        hubs[regency.code] = hub.channel_id
    return hubs


def _categories() -> list[int]:
    names = ("Beras", "Kopi", "Madu", "Keripik", "Sambal", "Gula Aren", "Tenun", "Anyaman")
    ids = []
    for name in names:
        slug = f"bench-{name.lower().replace(' ', '-')}"
        category = Category.objects.filter(slug=slug).first() or category_create(
            name=name, slug=slug
        )
        ids.append(category.pk)
    return ids


STAGING = """
CREATE TEMP TABLE IF NOT EXISTS bench_orders (
    id uuid, number int, channel_id bigint, user_email text, total bigint,
    paid_at timestamptz);
CREATE TEMP TABLE IF NOT EXISTS bench_lines (
    id uuid, order_id uuid, cooperative_id bigint, producer_id bigint, category_id bigint,
    quantity int, price bigint, paid_at timestamptz);
"""
ORDERS_FROM_STAGING = """
INSERT INTO orders_order (
    id, number, created_at, updated_at, status, user_email, checkout_token, language_code,
    customer_note, collection_point_name, shipping_method_name, currency, subtotal_amount,
    shipping_price_amount, tax_amount, total_amount, total_charged_amount, charge_status,
    authorize_status, payment_method, pickup_code, paid_at, channel_id, metadata,
    private_metadata, discount_amount, discount_name, discount_value, discount_value_type,
    translated_discount_name, undiscounted_shipping_price_amount, voucher_code)
SELECT id, number, paid_at - interval '2 hours', paid_at, 'fulfilled', user_email, NULL,
    'id', '', '', '', 'IDR', total, 0, 0, total, total, 'full', 'none', 'pay_at_pickup', '',
    paid_at, channel_id, '{}', '{}', 0, '', 0, '', '', 0, ''
FROM bench_orders;
INSERT INTO orders_orderline (
    id, product_name, variant_name, product_sku, is_shipping_required, quantity,
    quantity_fulfilled, currency, unit_price_amount, total_price_amount, created_at,
    category_id, cooperative_id, order_id, producer_id, variant_id, discount_amount,
    undiscounted_total_price_amount, undiscounted_unit_price_amount)
SELECT id, 'Produk desa', '', '', true, quantity, quantity, 'IDR', price, price * quantity,
    paid_at - interval '2 hours', category_id, cooperative_id, order_id, producer_id, NULL,
    0, price * quantity, price
FROM bench_lines;
TRUNCATE bench_orders, bench_lines;
"""


def _orders_of(
    rng: random.Random,
    coop: Coop,
    curves: tuple[list[float], list[float]],
    days: int,
    categories: list[int],
) -> Iterator[tuple[int, list[tuple[int, int, int, int]], int]]:
    """(day index, lines, buyer number) of each order of one cooperative; lines are
    (producer, category, quantity, price)."""
    first, last, curve = 0, days - 1, curves[0]
    if coop.kind == "slipping":
        curve = curves[1]
    elif coop.kind == "dormant":
        last = days - 1 - rng.randint(61, 300)
    elif coop.kind == "new":
        first = days - rng.randint(60, 360)
    main_category = rng.choice(categories)
    buyers = max(5, coop.lines // 6)
    left = coop.lines
    while left > 0:
        count = min(left, rng.choices((1, 2, 3), (35, 35, 30))[0])
        left -= count
        lines = [
            (
                rng.choices(coop.producers, (5, 3, 2))[0],
                main_category if rng.random() < 0.7 else rng.choice(categories),
                rng.choices((1, 2, 3), (60, 28, 12))[0],
                rng.choice(PRICES),
            )
            for _ in range(count)
        ]
        yield _draw_day(rng, curve, first, last), lines, rng.randrange(buyers)


def _generate_orders(
    rng: random.Random, coops: list[Coop], hubs: dict[str, int], categories: list[int]
) -> int:
    days = (timezone.localdate() - START).days
    curves = _day_curves(days)
    number = (Order.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    lines_written = 0
    with connection.cursor() as cursor:
        cursor.execute(STAGING)
    for start in range(0, len(coops), CHUNK_COOPERATIVES):
        chunk = coops[start : start + CHUNK_COOPERATIVES]
        order_rows, line_rows = [], []
        for coop in chunk:
            channel = hubs[coop.regency]
            for day, its_lines, buyer in _orders_of(rng, coop, curves, days, categories):
                order_id = uuid.UUID(int=rng.getrandbits(128), version=4)
                paid_at = datetime.datetime.combine(
                    START + datetime.timedelta(days=day), datetime.time(8), WIB
                ) + datetime.timedelta(minutes=rng.randrange(600))
                total = 0
                for producer, category, quantity, price in its_lines:
                    total += quantity * price
                    line_rows.append(
                        (uuid.UUID(int=rng.getrandbits(128), version=4), order_id, coop.pk,
                         producer, category, quantity, price, paid_at)
                    )  # fmt: skip
                email = f"c{coop.pk}-{buyer}@{BENCH_DOMAIN}"
                order_rows.append((order_id, number, channel, email, total, paid_at))
                number += 1
        with transaction.atomic(), connection.cursor() as cursor:
            for table, rows in (("bench_orders", order_rows), ("bench_lines", line_rows)):
                with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            cursor.execute(ORDERS_FROM_STAGING)
        lines_written += len(line_rows)
        done = min(start + CHUNK_COOPERATIVES, len(coops))
        _progress(f"  {done:,} cooperatives, {lines_written:,} lines")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval('orders_order_number_seq', %s)", [number])
    return lines_written


def _rat_reports(rng: random.Random, coops: list[Coop]) -> int:
    """RAT reports on the last two closed years: most held, some late, some missing."""
    today = timezone.localdate()
    latest = deadlines.latest_closed_financial_year(today)
    now = timezone.now()
    reports = []
    for coop in coops:
        held = 0.45 if coop.kind in ("dormant", "never") else 0.8
        for year in (latest - 1, latest):
            if rng.random() > held:
                continue
            deadline = deadlines.rat_deadline(year)
            rat_date = datetime.date(year + 1, 1, 10) + datetime.timedelta(
                days=rng.randint(0, 240 if rng.random() < 0.2 else 170)
            )
            if rat_date >= today:
                continue
            reports.append(
                RatReport(
                    cooperative_id=coop.pk,
                    financial_year=year,
                    version=1,
                    status=RatReportStatus.SUBMITTED,
                    rat_date=rat_date,
                    method="tatap_muka",
                    deadline=deadline,
                    days_late=deadlines.days_late(rat_date, deadline),
                    submitted_at=now,
                )
            )
    RatReport.objects.bulk_create(reports, batch_size=5000)
    return len(reports)


def _health(rng: random.Random) -> int:
    latest = deadlines.latest_closed_financial_year(timezone.localdate())
    now = timezone.now()
    assessments = []
    for pk in Cooperative.objects.filter(
        has_savings_unit=True, email__endswith=f"@{BENCH_DOMAIN}"
    ).values_list("pk", flat=True):
        total = round(rng.uniform(40, 95), 2)
        category = (
            "Sehat" if total >= 80 else "Cukup Sehat" if total >= 66
            else "Dalam Pengawasan" if total >= 51 else "Dalam Pengawasan Khusus"
        )  # fmt: skip
        assessments.append(
            HealthAssessment(
                cooperative_id=pk,
                financial_year=latest,
                rules_id="perdep-06-2016",
                is_assessable=True,
                total=total,
                category=category,
                computed_at=now,
            )
        )
    HealthAssessment.objects.bulk_create(assessments, batch_size=5000)
    return len(assessments)


def _officers(province: str, regency: str) -> tuple[User, User]:
    users = []
    regions = (
        (f"dinas.provinsi@{BENCH_DOMAIN}", {"province_code": province}),
        (f"dinas.kabupaten@{BENCH_DOMAIN}", {"regency_code": regency}),
    )
    for email, region in regions:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None
        )
        supervision_services.dinas_officer_assign(user=user, office_name="Dinas Koperasi", **region)
        users.append(user)
    return users[0], users[1]


# --- measuring ---------------------------------------------------------------------------


ROW = """
  name nomorIndukKoperasi jenis regency { code name } activityStatus lastRatDate
  lastSaleDate healthCategory healthScore flags { kind reason } salesThisYear
  salesPreviousYear salesTrendPercent ordersThisYear ratStatus ratDate ratDaysLate
  ratDeadline cooperative { id name }
"""
LIST = f"""
query District($filter: DistrictCooperativeFilterInput, $sortBy: DistrictCooperativeSortingInput,
               $year: Int) {{
  districtCooperatives(filter: $filter, sortBy: $sortBy, financialYear: $year, first: 20) {{
    totalCount pageInfo {{ hasNextPage endCursor }}
    edges {{ node {{ {ROW} }} }}
  }}
}}
"""
SUMMARY = """
query Summary($regency: String, $province: String) {
  districtSummary(regency: $regency, province: $province) {
    financialYear cooperatives members byActivityStatus { status count }
    byHealthCategory { category count } flagged byFlag { kind count }
    salesThisYear salesPreviousYear salesTrendPercent
    rat { financialYear onTime late missing notDue }
    monthly { month financialYear sales orders cooperativesWithSales }
  }
}
"""
PROFILE = """
query Profile($cooperative: ID!, $year: Int) {
  cooperativeActivityProfile(cooperative: $cooperative, financialYear: $year) {
    cooperative { name } financialYear startsOn endsOn
    marketplaceSales offlineSales volumeUsaha unitsSold orders buyers repeatBuyers
    activeProducers memberCount memberParticipation monthsWithSales
    trend {
      previousFinancialYear previousMarketplaceSales marketplaceSalesChangePercent
      previousVolumeUsaha volumeUsahaChangePercent previousOrders ordersChangePercent
      previousBuyers buyersChangePercent previousActiveProducers activeProducersChangePercent
    }
    salesByMonth { month marketplaceSales offlineSales volumeUsaha orders unitsSold
                   previousYearVolumeUsaha }
    salesByCategory { categoryId name unitsSold sales }
    offlineSaleEntries { month amount }
    flags { kind label reason }
  }
}
"""
SALES_DESC = {"field": "SALES_THIS_YEAR", "direction": "DESC"}


@dataclass
class Scenario:
    name: str
    viewer: str
    query: str
    variables: Callable[[random.Random], dict]
    rows: Callable[[dict], int]


def _list_rows(data: dict) -> int:
    return data["districtCooperatives"]["totalCount"]


def _scenarios(province: str, regency: str, cooperative_ids: list[int], year: int) -> list:
    def listing(**variables: object) -> Callable[[random.Random], dict]:
        return lambda rng: variables

    def profile(financial_year: int | None) -> Callable[[random.Random], dict]:
        return lambda rng: {
            "cooperative": global_id("Cooperative", rng.choice(cooperative_ids)),
            "year": financial_year,
        }

    def rows(data: dict) -> int:
        return data["districtSummary"]["cooperatives"]

    def months(data: dict) -> int:
        return len(data["cooperativeActivityProfile"]["salesByMonth"])

    return [
        Scenario("district list, whole province, by sales", "province", LIST,
                 listing(sortBy=SALES_DESC), _list_rows),
        Scenario("district list, one regency, by sales", "province", LIST,
                 listing(filter={"regency": regency}, sortBy=SALES_DESC), _list_rows),
        Scenario("district list, flag sales_drop, by sales", "province", LIST,
                 listing(filter={"flag": ["sales_drop"]}, sortBy=SALES_DESC), _list_rows),
        Scenario("district list, status inactive, by sales", "province", LIST,
                 listing(filter={"activityStatus": ["INACTIVE"]}, sortBy=SALES_DESC),
                 _list_rows),
        Scenario("district list, Dalam Pengawasan, by score", "province", LIST,
                 listing(filter={"healthCategory": ["Dalam Pengawasan"]},
                         sortBy={"field": "HEALTH_SCORE", "direction": "ASC"}), _list_rows),
        Scenario(f"district list, previous year {year - 1}, by sales", "province", LIST,
                 lambda rng: {"sortBy": SALES_DESC, "year": year - 1},
                 _list_rows),
        Scenario("district list, own regency, by sales", "regency", LIST,
                 listing(sortBy=SALES_DESC), _list_rows),
        Scenario("district list, own regency, flag no_sales", "regency", LIST,
                 listing(filter={"flag": ["no_sales"]},
                         sortBy={"field": "LAST_SALE_DATE", "direction": "DESC"}), _list_rows),
        Scenario("districtSummary, province", "province", SUMMARY,
                 listing(province=province), rows),
        Scenario("districtSummary, one regency", "regency", SUMMARY,
                 listing(regency=regency), rows),
        Scenario("cooperativeActivityProfile, this year", "province", PROFILE,
                 profile(None), months),
        Scenario(f"cooperativeActivityProfile, {year - 1}", "province", PROFILE,
                 profile(year - 1), months),
    ]  # fmt: skip


@dataclass
class Measured:
    scenario: Scenario
    rows: int
    queries: float
    times: list[float]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def _measure(
    scenario: Scenario, client: Client, token: str, requests: int, rng: random.Random
) -> Measured:
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    def one(variables: dict) -> dict:
        response = client.post(
            "/graphql/",
            {"query": scenario.query, "variables": variables},
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise SystemExit(f"{scenario.name}: {response.status_code} {body}")
        return body["data"]

    for _ in range(10):  # warm-up: connections, caches, the schema
        data = one(scenario.variables(rng))
    times = []
    with connection.execute_wrapper(count):
        for _ in range(requests):
            variables = scenario.variables(rng)
            started = time.perf_counter()
            data = one(variables)
            times.append(time.perf_counter() - started)
    return Measured(scenario, scenario.rows(data), queries / requests, times)


# --- main --------------------------------------------------------------------------------


def _progress(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


class _RebuildSteps(logging.Handler):
    """Keeps each ``coop_sales_rebuild_step`` the rebuild logs (its own step times) with
    the load average (1 min) when it ended: the machine is shared, so the steps of two
    runs compare only under a similar load."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.rows: list[tuple[str, float, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == "coop_sales_rebuild_step":
            step, seconds = record.__dict__["step"], record.__dict__["seconds"]
            self.rows.append((step, seconds, os.getloadavg()[0]))
            _progress(f"    {step}: {seconds:.1f} s (load {os.getloadavg()[0]:.1f})")


def _quiet_but_rebuild_steps() -> _RebuildSteps:
    """No INFO logging (measured as served, without log lines), except the rebuild's step
    times, kept to print."""
    logging.getLogger().setLevel(logging.WARNING)
    steps = _RebuildSteps()
    reporting = logging.getLogger("coop_reporting")
    reporting.setLevel(logging.INFO)
    reporting.propagate = False
    reporting.addHandler(steps)
    return steps


def _timed(label: str, timings: list[tuple[str, float]], function: Callable, *args, **kw):
    _progress(f"{label} …")
    started = time.perf_counter()
    result = function(*args, **kw)
    timings.append((label, time.perf_counter() - started))
    _progress(f"  {timings[-1][1]:.1f} s")
    return result


def _empty_ledger() -> None:
    """What a database looks like before its first ``rebuild_reporting``: no sale facts,
    rollups, buyer rows nor district month totals (orders, flags and the rest stay)."""
    tables = [model._meta.db_table for model in (SaleFact, SalesRollup, RollupBuyer)]
    tables += ["coop_district_cooperative_month", "coop_district_region_month"]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}")


def _target(seconds: float, target: float | None, unit: float = 1.0) -> str:
    if target is None:
        return ""
    verdict = "met" if seconds <= target else "NOT met"
    return f"< {target / unit:g} ({verdict})"


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _sizes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    province = Cooperative.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
    return [
        ("cooperatives", f"{province.count():,}"),
        ("producers", f"{Producer.objects.filter(cooperative__in=province).count():,}"),
        ("orders", f"{Order.objects.count():,}"),
        ("order lines", f"{OrderLine.objects.count():,}"),
        ("sale facts", f"{SaleFact.objects.count():,}"),
        ("rollups", f"{SalesRollup.objects.count():,}"),
        ("rollup buyers", f"{RollupBuyer.objects.count():,}"),
        ("RAT reports", f"{RatReport.objects.count():,}"),
        ("flagged cooperatives",
         f"{CooperativeReportingSummary.objects.exclude(open_flag_kinds=[]).count():,}"),
        ("database size", size),
    ]  # fmt: skip


def _print_table(header: tuple[str, ...], rows: list[tuple]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    line = "| " + " | ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}"
                              for i, w in enumerate(widths)) + " |"  # fmt: skip
    out = [line.format(*header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line.format(*row) for row in rows]
    sys.stdout.write("\n".join(out) + "\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cooperatives", type=int, default=25_000)
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--province", default="33", help="Kemendagri code (33: Jawa Tengah)")
    parser.add_argument("--regency", default="33.19", help="the regency officer's (Kudus)")
    parser.add_argument("--requests", type=int, default=200, help="per query")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--generate-only", action="store_true", help="stop after generating")
    parser.add_argument(
        "--skip-rebuild", action="store_true", help="no rebuild of a recorded history"
    )
    parser.add_argument(
        "--rebuild-from-empty",
        action="store_true",
        help="empty the ledger and the rollups first, then time rebuild_reporting from them "
        "(measures the first recording again on a generated database)",
    )
    parser.add_argument(
        "--only", default="", help="measure only the requests whose name contains this text"
    )
    parser.add_argument("--any-database", action="store_true")
    args = parser.parse_args()
    name = settings.DATABASES["default"]["NAME"]
    if not name.endswith("_bench") and not args.any_database:
        raise SystemExit(f"Refusing to write to {name!r}: use a database named …_bench.")
    steps = _quiet_but_rebuild_steps()
    rng = random.Random(args.seed)
    timings: list[tuple[str, float]] = []

    call_command("migrate", interactive=False, verbosity=0)
    if not Village.objects.exists():
        regions_import()
    if Cooperative.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").exists():
        _progress("Reusing the generated province already in the database.")
    else:
        hubs, categories = _hubs(args.province), _categories()
        coops = _timed("cooperatives and producers", timings, _create_cooperatives, rng,
                       args.cooperatives, args.province, args.lines)  # fmt: skip
        _timed("orders and order lines (COPY)", timings, _generate_orders, rng, coops, hubs,
               categories)  # fmt: skip
        _timed("RAT reports and health assessments", timings,
               lambda: (_rat_reports(rng, coops), _health(rng)))  # fmt: skip
        _timed("ANALYZE", timings, _analyze)
    if args.generate_only:
        _print_table(("step", "wall time"), [(label, f"{s:.1f} s") for label, s in timings])
        return
    if args.rebuild_from_empty:
        _timed("emptying the ledger and rollups", timings, _empty_ledger)
    if not SaleFact.objects.exists():
        _timed(REBUILD_STEP, timings, call_command, "rebuild_reporting",
               "--no-progress")  # fmt: skip
    if not args.skip_rebuild:
        _timed("nightly statuses and warnings (every cooperative)", timings,
               rat_services.cooperative_statuses_refresh)  # fmt: skip
        _timed("ANALYZE", timings, _analyze)
        _timed("rebuild_reporting (history recorded)", timings, call_command,
               "rebuild_reporting", "--no-progress")  # fmt: skip
        _timed("reporting_summaries_rebuild alone", timings,
               district_services.reporting_summaries_rebuild)  # fmt: skip
    province_officer, regency_officer = _officers(args.province, args.regency)
    viewers = {
        "province": tokens.create_access_token(province_officer),
        "regency": tokens.create_access_token(regency_officer),
    }
    ids = list(
        Cooperative.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").values_list("pk", flat=True)
    )
    year = timezone.localdate().year
    client = Client()
    results = [
        _timed(scenario.name, [], _measure, scenario, client, viewers[scenario.viewer],
               args.requests, rng)
        for scenario in _scenarios(args.province, args.regency, ids, year)
        if args.only in scenario.name
    ]  # fmt: skip

    sys.stdout.write(f"\nReporting at scale, {timezone.localdate()}, database {name!r}\n\n")
    _print_table(("data", "size"), _sizes())
    if timings:
        _print_table(
            ("step", "wall time", "target s"),
            [(label, f"{s:.1f} s", _target(s, STEP_TARGETS.get(label))) for label, s in timings],
        )
    if steps.rows:
        _print_table(
            ("rebuild_reporting step", "wall time", "load (1 min) at its end"),
            [(step, f"{seconds:.1f} s", f"{load:.1f}") for step, seconds, load in steps.rows],
        )
    _print_table(
        ("request (first: 20)", "viewer", "rows", "p50 ms", "p95 ms", "p99 ms", "SQL/req",
         "target p95 ms"),
        [
            (m.scenario.name, m.scenario.viewer, f"{m.rows:,}", f"{m.percentile(0.5):.0f}",
             f"{m.percentile(0.95):.0f}", f"{m.percentile(0.99):.0f}", f"{m.queries:.0f}",
             _target(m.percentile(0.95), REQUEST_P95_TARGET_MS))
            for m in results
        ],
    )  # fmt: skip
    load = os.getloadavg()
    sys.stdout.write(
        f"Load average while measured (1, 5, 15 min): {load[0]:.1f}, {load[1]:.1f}, "
        f"{load[2]:.1f} on {os.cpu_count()} cores\n"
    )
    mean = statistics.mean(t for m in results for t in m.times) * 1000
    sys.stdout.write(f"{args.requests} requests each after 10 warm-up; mean {mean:.0f} ms\n")


if __name__ == "__main__":
    main()
