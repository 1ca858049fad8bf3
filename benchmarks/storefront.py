"""Storefront throughput and latency against the production-like server.

Sends the same documents as Saleor's baseline (``../shared/reference/bench-queries``)
to gunicorn (2 workers × 2 threads, DEBUG off) on this machine's PostgreSQL (embedded
unless DATABASE_URL is set), from a closed-loop client on the same cores: 3 s warm-up,
then ``--duration`` seconds measured, at concurrency 1 and 8. Prints a table with
Saleor 3.24's figure (``shared/reference/saleor-baseline.md``) and the aim (5× it) beside
each; then, in this process through Django's request path, the p50 of each read document
with its answer kept and built (cache off), the built one beside its own SQL time (aims:
within 5× its SQL; products(first: 20) under 10 ms). ``--no-response-cache`` serves with
``STOREFRONT_RESPONSE_CACHE`` off, to see what an answer costs to build.

    DEBUG=1 .venv/bin/python benchmarks/storefront.py            # migrate + demo data first
    .venv/bin/python benchmarks/storefront.py --duration 10 --concurrency 1 8

It migrates, loads the demo data and tops up the demo stock (checkouts consume it) in
the database it runs against: use a development database, never production.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT.parent / "shared" / "reference" / "bench-queries"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault(
    "DEBUG", "true"
)  # for this process only (demo data); the server runs with DEBUG off

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import F  # noqa: E402

from marketplace.catalog.models import ProductVariant  # noqa: E402
from marketplace.core.server_start import prepare_for_requests  # noqa: E402
from marketplace.village_hubs.models import VillageHub  # noqa: E402
from marketplace.warehouses.models import Stock, Warehouse  # noqa: E402

HOST, PORT = "127.0.0.1", 8765
# Saleor 3.24's throughput on the same machine kind and documents (req/s, checkouts/s at
# concurrency 1 and 8; ../shared/reference/saleor-baseline.md) and the aim: 5× it.
SALEOR = {
    ("products(first: 20)", 1): 11.6,
    ("products(first: 100)", 1): 9.2,
    ("product(slug) detail", 1): 13.6,
    ("products(search:)", 1): 18.1,
    ("checkout: create → pickup → complete", 1): 1.23,
    ("products(first: 20)", 8): 22.3,
    ("products(first: 100)", 8): 19.5,
    ("product(slug) detail", 8): 26.6,
    ("products(search:)", 8): 30.7,
    ("checkout: create → pickup → complete", 8): 1.86,
}
TARGET_FACTOR = 5
IN_PROCESS_TARGET_MS = 10.0
ADDRESS = {
    "firstName": "Sari",
    "lastName": "Dewi",
    "streetAddress1": "Jl. Raya Uluwatu 12",
    "city": "Kabupaten Badung",
    "cityArea": "Kuta Selatan",
    "postalCode": "80362",
    "country": "ID",
    "countryArea": "Bali",
    "phone": "081234567890",
}


def gid(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def document(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text()


class Client:
    """One keep-alive connection; ``post`` returns the parsed JSON body."""

    def __init__(self) -> None:
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)

    def post(self, query: str, variables: dict) -> dict:
        body = json.dumps({"query": query, "variables": variables})
        self.conn.request("POST", "/graphql/", body, {"Content-Type": "application/json"})
        response = self.conn.getresponse()
        data = json.loads(response.read())
        if response.status != 200 or data.get("errors"):
            raise RuntimeError(f"{response.status}: {str(data)[:300]}")
        return data["data"]


def prepare() -> dict:
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", force=True, verbosity=0)
    hub = VillageHub.objects.select_related("channel").get(slug="pecatu")
    Stock.objects.update(quantity=F("quantity_allocated") + 1_000_000)
    variants = list(
        ProductVariant.objects.filter(
            product__channel_listings__channel=hub.channel,
            product__channel_listings__is_published=True,
        ).values_list("pk", "product__slug")
    )
    pickup = Warehouse.objects.filter(village_hub=hub).values_list("pk", flat=True).first()
    return {"channel": hub.channel.slug, "variants": variants, "pickup": gid("Warehouse", pickup)}


def scenarios(world: dict) -> dict[str, Callable[[Client, int], None]]:
    product_list, detail, search = (
        document("product_list"),
        document("product_detail"),
        document("product_search"),
    )
    create, delivery, complete = (
        document("checkout_create"),
        document("checkout_delivery"),
        document("checkout_complete"),
    )
    channel, variants = world["channel"], world["variants"]

    def checkout(client: Client, i: int) -> None:
        variant_pk, _slug = variants[i % len(variants)]
        created = client.post(
            create,
            {
                "channel": channel,
                "email": f"bench-{uuid.uuid4().hex[:8]}@example.com",
                "variantId": gid("ProductVariant", variant_pk),
                "quantity": 1,
                "address": ADDRESS,
            },
        )["checkoutCreate"]
        if created["errors"]:
            raise RuntimeError(created["errors"])
        checkout_id = created["checkout"]["id"]
        chosen = client.post(delivery, {"id": checkout_id, "deliveryMethodId": world["pickup"]})
        if chosen["checkoutDeliveryMethodUpdate"]["errors"]:
            raise RuntimeError(chosen["checkoutDeliveryMethodUpdate"]["errors"])
        done = client.post(complete, {"id": checkout_id})["checkoutComplete"]
        if done["errors"] or not done["order"]:
            raise RuntimeError(done["errors"])

    return {
        "products(first: 20)": lambda c, i: c.post(product_list, {"channel": channel, "first": 20}),
        "products(first: 100)": lambda c, i: c.post(
            product_list, {"channel": channel, "first": 100}
        ),
        "product(slug) detail": lambda c, i: c.post(
            detail, {"channel": channel, "slug": variants[i % len(variants)][1]}
        ),
        "products(search:)": lambda c, i: c.post(search, {"channel": channel, "search": "kopi"}),
        "checkout: create → pickup → complete": checkout,
    }


def run(action: Callable[[Client, int], None], concurrency: int, duration: float) -> dict:
    warmup = 3.0
    start = time.monotonic()
    measure_from, stop_at = start + warmup, start + warmup + duration
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        client = Client()
        i = n * 100_000
        while (now := time.monotonic()) < stop_at:
            i += 1
            try:
                action(client, i)
            except Exception as exc:  # counted and shown, the run goes on
                with lock:
                    errors.append(str(exc)[:200])
                client = Client()
                continue
            if now >= measure_from:
                with lock:
                    latencies.append(time.monotonic() - now)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "throughput": len(latencies) / duration,
        "p50": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95": pct(0.95) if latencies else 0.0,
        "p99": pct(0.99) if latencies else 0.0,
        "errors": errors,
    }


class SqlTimer:
    """``connection.execute_wrapper`` that adds up the time of each query run on the
    connection: PostgreSQL's work and the round trip, until the driver holds the rows
    (their conversion to Python objects is not SQL time)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute: Callable, sql: str, params: object, many: bool, context: dict):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def in_process(
    sends: dict[str, Callable[[], object]], *, rounds: int, warmup: int = 5
) -> dict[str, dict]:
    """Each of ``sends`` called ``warmup`` + ``rounds`` times in this process, in turn (one
    of each per round, so a busy moment of a shared machine falls on all of them alike).
    Per name, over the measured rounds: ``p50`` (ms) of the whole call, ``sql_p50`` (ms)
    of its queries' time (:class:`SqlTimer`) and ``queries`` (of the last call)."""
    from django.db import connection

    times: dict[str, list[float]] = {name: [] for name in sends}
    sql: dict[str, list[float]] = {name: [] for name in sends}
    queries: dict[str, int] = {}
    for n in range(warmup + rounds):
        for name, send in sends.items():
            timer = SqlTimer()
            with connection.execute_wrapper(timer):
                start = time.perf_counter()
                send()
                elapsed = time.perf_counter() - start
            if n >= warmup:  # the first few warm the caches (documents, templates, answers)
                times[name].append(elapsed)
                sql[name].append(timer.seconds)
            queries[name] = timer.queries
    return {
        name: {
            "p50": statistics.median(times[name]) * 1000,
            "sql_p50": statistics.median(sql[name]) * 1000,
            "queries": queries[name],
        }
        for name in sends
    }


def aim(met: bool) -> str:
    """The aim column's verdict."""
    return "met" if met else "NOT met"


SQL_FACTOR = 5  # an answer built from scratch: within 5× its own SQL time


def read_variables(world: dict) -> dict[str, tuple[str, dict]]:
    """The read documents of the benchmark and the variables each is sent with."""
    channel = world["channel"]
    return {
        "products(first: 20)": ("product_list", {"channel": channel, "first": 20}),
        "products(first: 100)": ("product_list", {"channel": channel, "first": 100}),
        "product(slug) detail": (
            "product_detail",
            {"channel": channel, "slug": world["variants"][0][1]},
        ),
        "products(search:)": ("product_search", {"channel": channel, "search": "kopi"}),
    }


def in_process_reads(world: dict, *, cached: bool, rounds: int) -> dict[str, dict]:
    """Each read document through Django's whole request path in this process
    (middleware, view, GraphQL, SQL; no HTTP server), with the answer cache on (every
    request after the first is a hit) or off (every request builds the answer), with its
    own SQL time (:func:`in_process`). The process is first prepared as the server
    prepares each worker (:func:`prepare_for_requests`)."""
    from django.test import Client as DjangoClient
    from django.test.utils import override_settings

    prepare_for_requests()
    client = DjangoClient(HTTP_HOST=HOST)

    def sender(name: str, variables: dict) -> Callable[[], None]:
        body = json.dumps({"query": document(name), "variables": variables})

        def send() -> None:
            response = client.post("/graphql/", body, content_type="application/json")
            if response.status_code != 200 or "errors" in response.json():
                raise RuntimeError(response.content[:300])

        return send

    sends = {label: sender(*request) for label, request in read_variables(world).items()}
    with override_settings(DEBUG=False, STOREFRONT_RESPONSE_CACHE=cached):
        return in_process(sends, rounds=rounds)


def in_process_table(cached: dict[str, dict], built: dict[str, dict]) -> str:
    """Per read document: the kept answer's p50, and the built answer's p50 beside its own
    SQL time, with the aims (products(first: 20) under 10 ms; a built answer within 5×
    its SQL)."""
    lines = [
        "| in process | kept p50 ms | built p50 ms | built SQL ms (queries) | × SQL "
        f"| aim: ≤ {SQL_FACTOR}× SQL | aim: products(first: 20) under "
        f"{IN_PROCESS_TARGET_MS:g} ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, b in built.items():
        ratio = b["p50"] / b["sql_p50"]
        first_page = (
            f"kept {aim(cached[name]['p50'] < IN_PROCESS_TARGET_MS)}, "
            f"built {aim(b['p50'] < IN_PROCESS_TARGET_MS)}"
            if name == "products(first: 20)"
            else "–"
        )
        lines.append(
            f"| {name} | {cached[name]['p50']:.1f} | {b['p50']:.1f} | "
            f"{b['sql_p50']:.1f} ({b['queries']}) | {ratio:.1f}× | "
            f"{aim(ratio <= SQL_FACTOR)} | {first_page} |"
        )
    return "\n".join(lines) + "\n"


def start_server(*, response_cache: bool = True) -> subprocess.Popen:
    env = {
        **os.environ,
        "STOREFRONT_RESPONSE_CACHE": "true" if response_cache else "false",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key"),
        "DATABASE_URL": settings.DATABASE_URL,
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": HOST,
        "PUBLIC_URL": f"http://{HOST}:{PORT}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "marketplace.wsgi", "--bind", f"{HOST}:{PORT}",
         "--workers", "2", "--threads", "2", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status in (200, 503):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def _rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kib / 1024


def server_memory(server: subprocess.Popen) -> tuple[float, list[float]]:
    """Resident memory (MiB) of the gunicorn master and of each worker, read from /proc."""
    with open(f"/proc/{server.pid}/task/{server.pid}/children", encoding="ascii") as children:
        workers = [int(pid) for pid in children.read().split()]
    return _rss_mib(server.pid), [_rss_mib(pid) for pid in workers]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured per run")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument(
        "--no-response-cache",
        action="store_true",
        help="serve with STOREFRONT_RESPONSE_CACHE off: every read builds its answer",
    )
    args = parser.parse_args()

    world = prepare()
    kept = in_process_reads(world, cached=True, rounds=200)
    built = in_process_reads(world, cached=False, rounds=100)
    server = start_server(response_cache=not args.no_response_cache)
    try:
        rows = []
        for concurrency in args.concurrency:
            for name, action in scenarios(world).items():
                result = run(action, concurrency, args.duration)
                rows.append((name, concurrency, result))
        master_mib, workers_mib = server_memory(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)

    lines = [
        "| scenario | concurrency | throughput | Saleor 3.24 | target (5× Saleor) | × Saleor "
        "| p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, concurrency, r in rows:
        unit = "checkouts/s" if name.startswith("checkout") else "req/s"
        saleor = SALEOR.get((name, concurrency))
        if saleor:
            target = saleor * TARGET_FACTOR
            met = aim(r["throughput"] >= target)
            versus = f"{saleor:g} | {target:.1f} ({met}) | {r['throughput'] / saleor:.1f}×"
        else:
            versus = "– | – | –"
        lines.append(
            f"| {name} | {concurrency} | {r['throughput']:.1f} {unit} | {versus} | "
            f"{r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {len(r['errors'])} |"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    cache_state = "off" if args.no_response_cache else "on"
    sys.stdout.write(f"server's answer cache (STOREFRONT_RESPONSE_CACHE): {cache_state}\n")
    sys.stdout.write(in_process_table(kept, built))
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        sys.stdout.write(f"load average after the runs: {' '.join(loadavg.read().split()[:3])}\n")
    workers = " / ".join(f"{mib:.0f}" for mib in workers_mib)
    sys.stdout.write(
        f"memory after the runs (RSS, MiB): master {master_mib:.0f}, workers {workers}, "
        f"server in all {master_mib + sum(workers_mib):.0f}\n"
    )
    for name, _c, r in rows:
        if r["errors"]:
            sys.stdout.write(f"first error in {name}: {r['errors'][0]}\n")


if __name__ == "__main__":
    main()
