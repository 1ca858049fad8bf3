"""Server time of the village shop's main pages against the production-like server.

Starts gunicorn (2 workers × 2 threads, DEBUG off, as ``benchmarks/storefront.py``) on
this machine's PostgreSQL (embedded unless DATABASE_URL is set) with the demo data, and
requests each page from a closed-loop client on the same cores (keep-alive, gzip
accepted, no static files or images): 3 s warm-up, then ``--duration`` seconds measured,
at concurrency 1 and 8. Prints p50/p95/p99 in milliseconds (request sent → whole body
read, so a little client time is included) and requests per second.

Before that, each page is requested in this process through Django's whole request path
(test client: middleware, view, templates, SQL; DEBUG off, after warm-up, the pages in
turn for ``--rounds`` rounds) with its own SQL time (each query's execution timed on the
connection, ``storefront.SqlTimer``), and printed beside the aim: a page within 5× its
SQL time (issue #19).

    DEBUG=1 .venv/bin/python benchmarks/pages.py
    .venv/bin/python benchmarks/pages.py --duration 5 --concurrency 1 8
    .venv/bin/python benchmarks/pages.py --rounds 400 --concurrency   # in process only

It migrates, collects the static files, loads the demo data and makes one cart in the
database it runs against: use a development database, never production.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.conf import settings  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import override_settings  # noqa: E402
from storefront import (  # noqa: E402  (sets Django up as this process's settings)
    HOST,
    SQL_FACTOR,
    Client,
    aim,
    in_process,
    run,
    server_memory,
    start_server,
)

from marketplace.catalog.models import ProductVariant  # noqa: E402
from marketplace.checkout.services import checkout_create  # noqa: E402
from marketplace.core.server_start import prepare_for_requests  # noqa: E402
from marketplace.village_hubs.models import VillageHub  # noqa: E402
from marketplace.warehouses.models import Stock  # noqa: E402

HUB = "pecatu"
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "id"}
SERVER_SECRET_KEY = os.environ.get("SECRET_KEY", "benchmark-only-secret-key")  # as storefront


def prepare() -> dict:
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", force=True, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # hashed, compressed
    hub = VillageHub.objects.select_related("channel").get(slug=HUB)
    Stock.objects.update(quantity=F("quantity_allocated") + 1_000_000)
    variants = list(
        ProductVariant.objects.filter(
            product__channel_listings__channel=hub.channel,
            product__channel_listings__is_published=True,
        )
        .select_related("product")
        .order_by("pk")[:3]
    )
    cart = checkout_create(channel=hub.channel, lines=[(variant, 1) for variant in variants])
    # signed with the server's key (start_server's), so the server reads the cart
    with override_settings(SECRET_KEY=SERVER_SECRET_KEY):
        session = SessionStore()
        session["carts"] = {HUB: str(cart.pk)}
        session.create()
    return {"product": variants[0].product.slug, "session": session.session_key}


def get(path: str, cookie: str = "") -> Callable[[Client, int], None]:
    headers = dict(HEADERS)
    if cookie:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"

    def action(client: Client, i: int) -> None:
        client.conn.request("GET", path, headers=headers)
        response = client.conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")

    return action


def page_requests(world: dict) -> dict[str, tuple[str, str]]:
    """Each page measured: its path and the session cookie it is sent with."""
    return {
        "/ (hubs)": ("/", ""),
        "/?q=badung (hub search)": ("/?q=badung", ""),
        f"/{HUB}/ (hub shop, 20 cards)": (f"/{HUB}/", ""),
        f"/{HUB}/?q=kopi (product search)": (f"/{HUB}/?q=kopi", ""),
        f"/{HUB}/produk/… (product page)": (f"/{HUB}/produk/{world['product']}/", ""),
        f"/{HUB}/keranjang/ (cart, 3 lines)": (f"/{HUB}/keranjang/", world["session"]),
    }


def pages(world: dict) -> dict[str, Callable[[Client, int], None]]:
    return {name: get(path, cookie) for name, (path, cookie) in page_requests(world).items()}


def in_process_pages(world: dict, rounds: int) -> dict[str, dict]:
    """Each page through Django's whole request path in this process (DEBUG off, the
    server's key, so the cart's session reads), prepared as a server worker is."""
    from django.test import Client as DjangoClient

    prepare_for_requests()
    headers = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in HEADERS.items()}

    def send(path: str, cookie: str) -> Callable[[], None]:
        client = DjangoClient(HTTP_HOST=HOST, **headers)
        if cookie:
            client.cookies[settings.SESSION_COOKIE_NAME] = cookie

        def request() -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code}")

        return request

    sends = {name: send(*request) for name, request in page_requests(world).items()}
    with override_settings(DEBUG=False, SECRET_KEY=SERVER_SECRET_KEY):
        return in_process(sends, rounds=rounds)


def in_process_table(results: dict[str, dict]) -> str:
    lines = [
        f"| page | in process p50 ms | SQL ms (queries) | × SQL | aim: ≤ {SQL_FACTOR}× SQL |",
        "|---|---|---|---|---|",
    ]
    for name, r in results.items():
        ratio = r["p50"] / r["sql_p50"]
        lines.append(
            f"| {name} | {r['p50']:.1f} | {r['sql_p50']:.1f} ({r['queries']}) | "
            f"{ratio:.1f}× | {aim(ratio <= SQL_FACTOR)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per run")
    parser.add_argument(
        "--concurrency", type=int, nargs="*", default=[1, 8], help="none: in process only"
    )
    parser.add_argument("--rounds", type=int, default=200, help="in process, per page")
    args = parser.parse_args()

    world = prepare()
    sys.stdout.write(in_process_table(in_process_pages(world, args.rounds)))
    if not args.concurrency:
        return
    server = start_server()
    try:
        rows = []
        for concurrency in args.concurrency:
            for name, action in pages(world).items():
                rows.append((name, concurrency, run(action, concurrency, args.duration)))
        master_mib, workers_mib = server_memory(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)

    lines = [
        "| page | concurrency | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, concurrency, r in rows:
        lines.append(
            f"| {name} | {concurrency} | {r['throughput']:.1f} | {r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {len(r['errors'])} |"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.write(
        f"memory after the runs (RSS, MiB): master {master_mib:.0f}, workers "
        f"{' / '.join(f'{mib:.0f}' for mib in workers_mib)}\n"
    )
    for name, _c, r in rows:
        if r["errors"]:
            sys.stdout.write(f"first error in {name}: {r['errors'][0]}\n")


if __name__ == "__main__":
    main()
