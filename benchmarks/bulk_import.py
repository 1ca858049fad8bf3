"""Time ``marketplace.imports.products`` on a 5,000-row file (2,500 products × 2 variants).

Run it against a migrated database (it writes there, then deletes what it wrote):

    export EMBEDDED_PGDATA=/tmp/pg-bulk/data
    DEBUG=1 .venv/bin/python manage.py migrate          # once
    DEBUG=1 .venv/bin/python benchmarks/bulk_import.py [--rows 5000] [--keep]

It creates its own fixtures with a run-unique suffix (a village in Bali, a cooperative, a
village hub with its channel and pickup point, a category, a product type, a producer),
builds the same rows as a CSV and as an XLSX file, imports each (the import commits, as in
production) and prints a table: rows, products, variants, seconds, rows/s. Without
``--keep`` the imported products and the fixtures are deleted afterwards.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.db import connection  # noqa: E402

from marketplace.catalog.models import Category, Product, ProductType  # noqa: E402
from marketplace.channels.models import Channel  # noqa: E402
from marketplace.imports.products import COLUMN_KEYS, product_bulk_import  # noqa: E402
from marketplace.regions.models import District, Province, Regency, Village  # noqa: E402
from marketplace.village_hubs.models import (  # noqa: E402
    Cooperative,
    HubSupply,
    Producer,
    VillageHub,
)
from marketplace.warehouses.models import Warehouse  # noqa: E402

VARIANTS = (("250 g", 250, "Rp15.000"), ("500 g", 500, "27.500"))


def make_fixtures(suffix: str) -> dict:
    province, _ = Province.objects.get_or_create(code="51", defaults={"name": "Bali"})
    regency, _ = Regency.objects.get_or_create(
        code="51.03",
        defaults={"province": province, "name": "Kabupaten Badung", "kind": "kabupaten"},
    )
    district, _ = District.objects.get_or_create(
        code="51.03.05", defaults={"regency": regency, "name": "Kuta Selatan"}
    )
    village, _ = Village.objects.get_or_create(
        code="51.03.05.2001",
        defaults={"district": district, "name": "Pecatu", "kind": "desa", "postal_code": "80362"},
    )
    cooperative = Cooperative.objects.create(
        name=f"Koperasi Bench {suffix}", jenis="produsen", village=village
    )
    channel = Channel.objects.create(
        name=f"Gerai Bench {suffix}",
        slug=f"gerai-bench-{suffix}",
        currency_code="IDR",
        default_country="ID",
        is_active=True,
    )
    hub = VillageHub.objects.create(
        name=channel.name,
        slug=channel.slug,
        village=village,
        channel=channel,
        time_zone="Asia/Makassar",
    )
    HubSupply.objects.create(hub=hub, cooperative=cooperative)
    warehouse = Warehouse.objects.create(
        name=f"Titik Ambil {suffix}", slug=f"titik-ambil-{suffix}", village=village, village_hub=hub
    )
    warehouse.channels.set([channel])
    category = Category.objects.create(name=f"Makanan Bench {suffix}", slug=f"makanan-{suffix}")
    product_type = ProductType.objects.create(name=f"Pangan {suffix}", slug=f"pangan-{suffix}")
    producer = Producer.objects.create(
        cooperative=cooperative, name=f"Dapur Bu Sri {suffix}", village=village
    )
    return {
        "cooperative": cooperative,
        "hub": hub,
        "channel": channel,
        "warehouse": warehouse,
        "category": category,
        "product_type": product_type,
        "producer": producer,
    }


def build_rows(rows: int, fixtures: dict, suffix: str) -> list[list[object]]:
    data: list[list[object]] = [list(COLUMN_KEYS)]
    for n in range(rows):
        product = n // len(VARIANTS)
        variant, grams, price = VARIANTS[n % len(VARIANTS)]
        values = {
            "kode_produk": f"P{product}",
            "nama_produk": f"Keripik Tempe Rasa {product} {suffix}",
            "kategori": fixtures["category"].slug,
            "jenis_produk": fixtures["product_type"].name,
            "deskripsi": "Keripik tempe renyah dari dapur desa.\n\nTanpa pengawet.",
            "produsen": fixtures["producer"].name,
            "nama_varian": variant,
            "sku": f"B{suffix}-{product}-{grams}",
            "berat_gram": grams,
            "harga": price,
            "stok": 10 + n % 7,
            "toko_desa": fixtures["hub"].slug,
            "terbit": "ya",
        }
        data.append([values[key] for key in COLUMN_KEYS])
    return data


def to_csv(data: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(data)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(data: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for values in data:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cleanup(fixtures: dict) -> None:
    Product.objects.filter(cooperative=fixtures["cooperative"]).delete()
    fixtures["producer"].delete()
    fixtures["warehouse"].delete()
    HubSupply.objects.filter(cooperative=fixtures["cooperative"]).delete()
    fixtures["hub"].delete()
    fixtures["channel"].delete()
    fixtures["cooperative"].delete()
    fixtures["category"].delete()
    fixtures["product_type"].delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--keep", action="store_true", help="keep the imported data")
    args = parser.parse_args()

    results = []
    for file_format in ("csv", "xlsx"):
        suffix = uuid.uuid4().hex[:8]
        fixtures = make_fixtures(suffix)
        data = build_rows(args.rows, fixtures, suffix)
        content = to_csv(data) if file_format == "csv" else to_xlsx(data)
        started = time.perf_counter()
        result = product_bulk_import(
            cooperative=fixtures["cooperative"], file=content, filename=f"bench.{file_format}"
        )
        seconds = time.perf_counter() - started
        if result.errors:
            for error in result.errors[:10]:
                print(f"  {error}")  # noqa: T201
            raise SystemExit(f"{file_format}: import refused with {len(result.errors)} errors")
        results.append((file_format, len(content), args.rows, result, seconds))
        if not args.keep:
            cleanup(fixtures)

    print(f"database: {connection.settings_dict['NAME']}, cpus: {os.cpu_count()}")  # noqa: T201
    header = (
        f"{'format':<6} {'bytes':>9} {'rows':>6} {'products':>8} {'variants':>8} "
        f"{'seconds':>8} {'rows/s':>8}"
    )
    print(header)  # noqa: T201
    print("-" * len(header))  # noqa: T201
    for file_format, size, rows, result, seconds in results:
        print(  # noqa: T201
            f"{file_format:<6} {size:>9} {rows:>6} {result.products_created:>8} "
            f"{result.variants_created:>8} {seconds:>8.2f} {rows / seconds:>8.0f}"
        )


if __name__ == "__main__":
    main()
