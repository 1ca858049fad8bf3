"""A mixed load against a production-like Lumbung on this machine, with memory per process.

Starts gunicorn (``--workers`` × ``--threads``, DEBUG off) and a Celery worker, on this
machine's PostgreSQL server (a database of its own, ``--database``, made and filled with
the demo data when missing) and its Redis server as the broker; then runs a closed loop of
``--concurrency`` clients for ``--minutes``:

- 70 % browse: a product list (20 products), a product page by slug, the category tree,
  a category's products, the shop's page at ``/``;
- 20 % search: ``products(search:)`` with a few everyday words;
- 10 % checkout: create → pickup point → complete (pay at pickup), as
  ``benchmarks/storefront.py`` does; the order's tasks go through Redis to the worker.

Prints a table: count, throughput, p50/p95/p99 per kind, the errors by kind, and the
resident memory of each process (gunicorn master and workers, Celery worker and its pool)
at the start and the end of the run.

    .venv/bin/python benchmarks/load.py --minutes 0.2        # a smoke run (≈ 1 min in all)
    .venv/bin/python benchmarks/load.py                       # 10 minutes at concurrency 8

Bounded: only 127.0.0.1 (the database, Redis and the server it starts), at most
``--minutes`` (≤ 60) and ``--max-requests`` operations, 30 s per request. Not in CI.
It tops up the demo stock in its own database (checkouts consume it) and keeps its media
and static files in ``.data/load/``; it never touches another database. Needs the
PostgreSQL server on 127.0.0.1:5432 (trust auth) and Redis on 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or ../../shared beside a worktree's parent
QUERIES = next(
    (
        folder / "shared" / "reference" / "bench-queries"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "reference" / "bench-queries").is_dir()
    ),
    ROOT.parent / "shared" / "reference" / "bench-queries",
)
LOCAL = "127.0.0.1"
PORT = 8766
MIX = (("browse", 0.70), ("search", 0.20), ("checkout", 0.10))
SEARCH_WORDS = ("kopi", "keripik", "madu", "kain", "beras", "gula", "teh", "sambal")
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
CATEGORY_TREE = """
query Categories {
  categories(level: 0, first: 20) {
    edges { node { id name slug children(first: 20) { edges { node { id name slug } } } } }
  }
}
"""
CATEGORY_PAGE = """
query CategoryPage($slug: String!, $channel: String!) {
  category(slug: $slug) {
    id name
    products(first: 20, channel: $channel) {
      edges { node { id name slug thumbnail(size: 512) { url alt }
        pricing { priceRange { start { gross { amount currency } } } } } }
    }
  }
}
"""


def local_only(url: str, what: str) -> str:
    host = urlsplit(url).hostname
    if host != LOCAL:
        raise SystemExit(f"{what} must be on {LOCAL}, not {host!r}")
    return url


def gid(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def document(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text()


# --- the server ---------------------------------------------------------------------------


def ensure_database(server_url: str, name: str) -> None:
    """Create database ``name`` on the server when it is missing."""
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str]) -> dict:
    """Migrate, load the demo data, top up stock; what the clients need (in a child
    process, so this one never loads Django against the wrong database)."""
    code = """
import json, django
django.setup()
from django.core.management import call_command
from django.db.models import F
from marketplace.catalog.models import Category, ProductVariant
from marketplace.village_hubs.models import VillageHub
from marketplace.warehouses.models import Stock, Warehouse
call_command("migrate", verbosity=0)
call_command("load_demo_data", force=True, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
hub = VillageHub.objects.select_related("channel").get(slug="pecatu")
Stock.objects.update(quantity=F("quantity_allocated") + 1_000_000)
variants = list(ProductVariant.objects.filter(
    product__channel_listings__channel=hub.channel,
    product__channel_listings__is_published=True).values_list("pk", "product__slug"))
pickup = Warehouse.objects.filter(village_hub=hub).values_list("pk", flat=True).first()
categories = list(Category.objects.values_list("slug", flat=True))
print(json.dumps({"channel": hub.channel.slug, "variants": variants, "pickup": pickup,
                  "categories": categories}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DEBUG": "true", "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"preparing the database failed:\n{done.stderr[-3000:]}")
    world = json.loads(done.stdout.strip().splitlines()[-1])
    world["pickup"] = gid("Warehouse", world["pickup"])
    return world


def start(args: argparse.Namespace, env: dict[str, str], logs: Path) -> dict[str, subprocess.Popen]:
    server_env = {
        **env,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": LOCAL,
        "PUBLIC_URL": f"http://{LOCAL}:{PORT}",
    }
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "marketplace.wsgi", "--bind", f"{LOCAL}:{PORT}",
         "--workers", str(args.workers), "--threads", str(args.threads),
         "--log-level", "warning"],
        cwd=ROOT, env=server_env, start_new_session=True,
        stdout=(logs / "gunicorn.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "marketplace", "worker",
         "--concurrency", str(args.celery_concurrency), "--loglevel", "warning",
         "--hostname", f"load-{os.getpid()}@{LOCAL}"],
        cwd=ROOT, env=server_env, start_new_session=True,
        stdout=(logs / "celery.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    processes = {"gunicorn": gunicorn, "celery": worker}
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(LOCAL, PORT, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                time.sleep(3)  # let the Celery worker finish booting too
                return processes
        except OSError:
            pass
        if gunicorn.poll() is not None:
            break
        time.sleep(0.5)
    stop(processes)
    raise SystemExit(f"the server did not become healthy; see {logs}")


def stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def queue_length(redis_url: str) -> int:
    """Messages waiting in the Celery queue (the worker keeps up when it stays near 0)."""
    import redis

    return int(redis.Redis.from_url(redis_url).llen("celery"))


def _rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None
    return kib / 1024


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []


def memory(processes: dict[str, subprocess.Popen]) -> dict[str, float | None]:
    """RSS (MiB) of the gunicorn master and workers, the Celery worker and its pool."""
    result: dict[str, float | None] = {}
    master = processes["gunicorn"].pid
    result["gunicorn master"] = _rss_mib(master)
    for number, pid in enumerate(sorted(_children(master)), start=1):
        result[f"gunicorn worker {number}"] = _rss_mib(pid)
    celery = processes["celery"].pid
    result["celery worker"] = _rss_mib(celery)
    for number, pid in enumerate(sorted(_children(celery)), start=1):
        result[f"celery pool {number}"] = _rss_mib(pid)
    return result


# --- the clients --------------------------------------------------------------------------


class RequestFailed(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class Client:
    """One keep-alive connection."""

    def __init__(self) -> None:
        self.conn = http.client.HTTPConnection(LOCAL, PORT, timeout=30)

    def post(self, query: str, variables: dict) -> dict:
        body = json.dumps({"query": query, "variables": variables})
        self.conn.request("POST", "/graphql/", body, {"Content-Type": "application/json"})
        response = self.conn.getresponse()
        raw = response.read()
        if response.status != 200:
            raise RequestFailed(f"HTTP {response.status}", raw[:200].decode(errors="replace"))
        data = json.loads(raw)
        if data.get("errors"):
            message = str(data["errors"][0].get("message", ""))[:80]
            raise RequestFailed("GraphQL error", message)
        return data["data"]

    def get(self, path: str) -> None:
        self.conn.request("GET", path, headers={"Accept-Language": "id"})
        response = self.conn.getresponse()
        response.read()
        if response.status != 200:
            raise RequestFailed(f"HTTP {response.status}", path)


def operations(world: dict) -> dict[str, list[tuple[str, Callable[[Client, random.Random], None]]]]:
    product_list, detail = document("product_list"), document("product_detail")
    search = document("product_search")
    create, delivery = document("checkout_create"), document("checkout_delivery")
    complete = document("checkout_complete")
    channel, variants, categories = world["channel"], world["variants"], world["categories"]

    def checkout(client: Client, rng: random.Random) -> None:
        variant_pk, _slug = rng.choice(variants)
        created = client.post(
            create,
            {
                "channel": channel,
                "email": f"load-{uuid.uuid4().hex[:10]}@example.com",
                "variantId": gid("ProductVariant", variant_pk),
                "quantity": 1,
                "address": ADDRESS,
            },
        )["checkoutCreate"]
        if created["errors"]:
            raise RequestFailed("checkout refused", str(created["errors"])[:120])
        checkout_id = created["checkout"]["id"]
        chosen = client.post(delivery, {"id": checkout_id, "deliveryMethodId": world["pickup"]})
        if chosen["checkoutDeliveryMethodUpdate"]["errors"]:
            raise RequestFailed(
                "checkout refused", str(chosen["checkoutDeliveryMethodUpdate"]["errors"])[:120]
            )
        done = client.post(complete, {"id": checkout_id})["checkoutComplete"]
        if done["errors"] or not done["order"]:
            raise RequestFailed("checkout refused", str(done["errors"])[:120])

    browse = [
        ("product list", lambda c, r: c.post(product_list, {"channel": channel, "first": 20})),
        (
            "product page",
            lambda c, r: c.post(detail, {"channel": channel, "slug": r.choice(variants)[1]}),
        ),
        ("category tree", lambda c, r: c.post(CATEGORY_TREE, {})),
        (
            "category page",
            lambda c, r: c.post(CATEGORY_PAGE, {"channel": channel, "slug": r.choice(categories)}),
        ),
        ("shop page /", lambda c, r: c.get("/")),
    ]
    return {
        "browse": browse,
        "search": [
            (
                "search",
                lambda c, r: c.post(search, {"channel": channel, "search": r.choice(SEARCH_WORDS)}),
            )
        ],
        "checkout": [("checkout (3 requests)", checkout)],
    }


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    first_error: dict[str, str] = field(default_factory=dict)
    operations: int = 0


def run(world: dict, args: argparse.Namespace) -> tuple[Results, float]:
    ops = operations(world)
    kinds = [kind for kind, _share in MIX]
    weights = [share for _kind, share in MIX]
    results = Results()
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + args.minutes * 60

    def client_loop(number: int) -> None:
        rng = random.Random(args.seed + number)
        client = Client()
        while time.monotonic() < stop_at:
            with lock:
                if results.operations >= args.max_requests:
                    return
                results.operations += 1
            kind = rng.choices(kinds, weights)[0]
            name, action = rng.choice(ops[kind])
            began = time.monotonic()
            try:
                action(client, rng)
            except Exception as exc:  # counted by kind, the run goes on
                label = exc.kind if isinstance(exc, RequestFailed) else type(exc).__name__
                with lock:
                    results.errors[(name, label)] += 1
                    results.first_error.setdefault(f"{name}: {label}", str(exc)[:200])
                client = Client()
                continue
            elapsed = time.monotonic() - began
            with lock:
                results.latencies[name].append(elapsed)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


# --- the report ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(
    args: argparse.Namespace,
    results: Results,
    seconds: float,
    before: dict[str, float | None],
    after: dict[str, float | None],
) -> str:
    lines = [
        f"Load: {args.concurrency} clients, {seconds / 60:.1f} min, gunicorn {args.workers} "
        f"workers × {args.threads} threads, Celery worker ×{args.celery_concurrency}, "
        f"PostgreSQL server + Redis on {LOCAL}",
        "",
        "| operation | count | per second | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    errors_by_name = Counter()
    for (name, _label), count in results.errors.items():
        errors_by_name[name] += count
    all_latencies: list[float] = []
    names = [name for group in operations_names() for name in group]
    for name in names:
        values = results.latencies.get(name, [])
        all_latencies.extend(values)
        if not values and not errors_by_name[name]:
            continue
        lines.append(
            f"| {name} | {len(values)} | {len(values) / seconds:.1f} | "
            + (
                f"{percentile(values, 0.5):.0f} | {percentile(values, 0.95):.0f} | "
                f"{percentile(values, 0.99):.0f}"
                if values
                else "- | - | -"
            )
            + f" | {errors_by_name[name]} |"
        )
    total_errors = sum(results.errors.values())
    if all_latencies:
        lines.append(
            f"| **all** | {len(all_latencies)} | {len(all_latencies) / seconds:.1f} | "
            f"{percentile(all_latencies, 0.5):.0f} | {percentile(all_latencies, 0.95):.0f} | "
            f"{percentile(all_latencies, 0.99):.0f} | {total_errors} |"
        )
    lines += ["", "| process | RSS at start (MiB) | RSS at end (MiB) |", "|---|---|---|"]
    for name in dict.fromkeys([*before, *after]):
        start_mib, end_mib = before.get(name), after.get(name)
        lines.append(
            f"| {name} | {'-' if start_mib is None else f'{start_mib:.0f}'} | "
            f"{'-' if end_mib is None else f'{end_mib:.0f}'} |"
        )
    if results.errors:
        lines += ["", "Errors by kind:"]
        for (name, label), count in results.errors.most_common():
            lines.append(f"- {name}, {label}: {count}")
        for key, message in results.first_error.items():
            lines.append(f"  first {key}: {message}")
    else:
        lines += ["", "Errors: none."]
    return "\n".join(lines) + "\n"


def operations_names() -> list[list[str]]:
    return [
        ["product list", "product page", "category tree", "category page", "shop page /"],
        ["search"],
        ["checkout (3 requests)"],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the run")
    parser.add_argument("--concurrency", type=int, default=8, help="clients in the loop")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--celery-concurrency", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="operations at most")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--database", default="lumbung_load", help="database on the server")
    parser.add_argument("--postgres", default=f"postgres://root@{LOCAL}:5432")
    parser.add_argument("--redis", default=f"redis://{LOCAL}:6379/13")
    args = parser.parse_args()
    if not 0 < args.minutes <= 60 or not 1 <= args.concurrency <= 64:
        raise SystemExit("--minutes must be in (0, 60] and --concurrency in [1, 64]")
    postgres = local_only(args.postgres.rstrip("/"), "PostgreSQL")
    redis = local_only(args.redis, "Redis")

    operations({"channel": "", "variants": [], "categories": []})  # the documents exist
    ensure_database(postgres, args.database)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
            "DATABASE_URL": f"{postgres}/{args.database}",
            "CELERY_BROKER_URL": redis,
            "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-secret-key-" + "x" * 32),
            # its own files, beside the development data (git-ignored)
            "MEDIA_ROOT": str(ROOT / ".data" / "load" / "media"),
            "STATIC_ROOT": str(ROOT / ".data" / "load" / "static"),
        }
    )
    sys.stderr.write(f"preparing {env['DATABASE_URL']} …\n")
    world = prepare(env)
    logs = Path(tempfile.mkdtemp(prefix="lumbung-load-"))
    processes = start(args, env, logs)
    try:
        before = memory(processes)
        sys.stderr.write(f"running {args.minutes} min at concurrency {args.concurrency} …\n")
        results, seconds = run(world, args)
        time.sleep(2)  # the worker finishes the last orders' tasks
        after = memory(processes)
        backlog = queue_length(redis)
    finally:
        stop(processes)
    sys.stdout.write(report(args, results, seconds, before, after))
    sys.stdout.write(f"tasks still queued in Redis at the end: {backlog}\n")
    sys.stdout.write(f"(server and worker logs: {logs})\n")


if __name__ == "__main__":
    main()
