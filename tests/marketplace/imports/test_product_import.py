from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.imports import products as bulk_import
from marketplace.imports.products import (
    COLUMN_KEYS,
    BulkImportErrorCode,
    bulk_import_template,
    parse_price,
    product_bulk_import,
)
from marketplace.warehouses.models import Stock
from tests.factories.catalog import (
    CategoryFactory,
    ProductFactory,
    ProductTypeFactory,
    ProductVariantFactory,
)
from tests.factories.village_hubs import (
    CooperativeFactory,
    HubSupplyFactory,
    ProducerFactory,
    VillageHubFactory,
)
from tests.factories.warehouses import WarehouseFactory

pytestmark = pytest.mark.django_db

HEADER = ["nama_produk", "kategori", "jenis_produk", "nama_varian", "sku", "harga", "stok",
          "toko_desa", "terbit"]  # fmt: skip


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Assert on the English msgids, whatever the Indonesian catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def shop() -> SimpleNamespace:
    """A cooperative supplying the hub of the template's example, with its pickup point."""
    cooperative = CooperativeFactory()
    hub = VillageHubFactory(slug="pecatu", name="Gerai Desa Pecatu")
    HubSupplyFactory(hub=hub, cooperative=cooperative)
    return SimpleNamespace(
        cooperative=cooperative,
        hub=hub,
        warehouse=WarehouseFactory(village_hub=hub, channels=[hub.channel]),
        category=CategoryFactory(slug="keripik-camilan", name="Makanan Ringan"),
        product_type=ProductTypeFactory(slug="produk-desa", name="Olahan Pangan"),
        producer=ProducerFactory(cooperative=cooperative, name="Keripik Tempe Bu Sri"),
    )


def csv_file(rows: list[list[Any]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_file(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**values: Any) -> list[Any]:
    defaults = {"nama_produk": "Keripik Tempe", "kategori": "keripik-camilan",
                "jenis_produk": "produk-desa", "nama_varian": "", "sku": "", "harga": "15000",
                "stok": "", "toko_desa": "pecatu", "terbit": "ya"}  # fmt: skip
    defaults.update(values)
    return [defaults[key] for key in HEADER]


def run(shop: SimpleNamespace, content: bytes, filename: str = "produk.csv", **kwargs: Any):
    return product_bulk_import(
        cooperative=shop.cooperative, file=content, filename=filename, **kwargs
    )


def errors_of(result) -> list[tuple[int | None, str | None, str]]:
    return [(error.row, error.column, error.code.name) for error in result.errors]


def nothing_written() -> bool:
    return not (
        Product.objects.exists()
        or ProductVariant.objects.exists()
        or ProductChannelListing.objects.exists()
        or ProductVariantChannelListing.objects.exists()
        or Stock.objects.exists()
    )


# --- happy paths ---------------------------------------------------------------------------


def test_csv_import_creates_products_variants_listings_prices_and_stock(shop):
    # given
    header = [*HEADER, "deskripsi", "produsen"]
    content = csv_file(
        [
            header,
            [
                *row(nama_varian="250 g", sku="KT-250", harga="15.000", stok="20"),
                "Renyah.\n\nTanpa pengawet <asli>.",
                "Keripik Tempe Bu Sri",
            ],
            [
                *row(
                    nama_varian="500 g",
                    sku="KT-500",
                    harga="Rp 27.500",
                    stok="5",
                    kategori="",
                    terbit="",
                ),
                "",
                "",
            ],
            [
                *row(
                    nama_produk="Madu Hutan",
                    kategori="Makanan Ringan",
                    harga="Rp85.000",
                    terbit="tidak",
                    sku="MH-1",
                ),
                "",
                "",
            ],
        ]  # fmt: skip
    )
    # when
    result = run(shop, content)
    # then
    assert result.errors == []
    assert (result.products_created, result.variants_created) == (2, 3)
    keripik = Product.objects.get(name="Keripik Tempe")
    assert keripik.cooperative == shop.cooperative
    assert keripik.producer == shop.producer
    assert keripik.category == shop.category
    assert keripik.product_type == shop.product_type
    assert keripik.slug == "keripik-tempe"
    assert keripik.search_index_dirty is True
    assert keripik.description == {
        "blocks": [
            {"type": "paragraph", "data": {"text": "Renyah."}},
            {"type": "paragraph", "data": {"text": "Tanpa pengawet &lt;asli&gt;."}},
        ]
    }
    assert keripik.description_plaintext == "Renyah.\nTanpa pengawet <asli>."
    variants = list(keripik.variants.order_by("sort_order"))
    assert [(v.sku, v.name, v.sort_order) for v in variants] == [
        ("KT-250", "250 g", 0),
        ("KT-500", "500 g", 1),
    ]
    listing = ProductChannelListing.objects.get(product=keripik)
    assert listing.channel == shop.hub.channel
    assert listing.is_published is True
    assert listing.visible_in_listings is True
    assert listing.published_at is not None
    prices = ProductVariantChannelListing.objects.filter(variant__product=keripik)
    assert sorted((p.variant.sku, p.price_amount, p.currency) for p in prices) == [
        ("KT-250", Decimal(15_000), "IDR"),
        ("KT-500", Decimal(27_500), "IDR"),
    ]
    stocks = Stock.objects.filter(product_variant__product=keripik)
    assert sorted((s.product_variant.sku, s.warehouse_id, s.quantity) for s in stocks) == [
        ("KT-250", shop.warehouse.pk, 20),
        ("KT-500", shop.warehouse.pk, 5),
    ]
    madu = Product.objects.get(name="Madu Hutan")
    assert madu.producer is None
    assert ProductChannelListing.objects.get(product=madu).is_published is False
    assert not Stock.objects.filter(product_variant__product=madu).exists()  # stok empty


def test_xlsx_import_with_aliases_numbers_and_product_code(shop):
    # given English and spaced headers, numeric cells, and kode_produk grouping
    content = xlsx_file(
        [
            [
                "Product Code",
                "Nama Produk",
                "Category",
                "product type",
                "Variant",
                "SKU",
                "Harga (Rp)",
                "Stock",
                "hub",
                "Published",
                "Berat (gram)",
            ],
            [
                "KOPI",
                "Kopi Kintamani",
                "keripik-camilan",
                "Olahan Pangan",
                "100 g",
                "KK-100",
                45000,
                10,
                "pecatu",
                True,
                100,
            ],
            [None, None, None, None, None, None, None, None, None, None, None],
            ["KOPI", None, None, None, "250 g", 2501, 99500.0, 3.0, None, None, 250],
        ]  # fmt: skip
    )
    # when
    result = run(shop, content, "produk.xlsx")
    # then
    assert result.errors == []
    assert (result.products_created, result.variants_created) == (1, 2)
    product = Product.objects.get()
    assert product.name == "Kopi Kintamani"
    variants = {v.sku: v for v in product.variants.all()}
    assert variants["KK-100"].weight_grams == 100
    assert variants["2501"].weight_grams == 250
    assert variants["2501"].channel_listings.get().price_amount == Decimal(99_500)
    assert variants["2501"].stocks.get().quantity == 3


def test_semicolon_csv_with_bom(shop):
    content = csv_file([HEADER, row(harga="Rp 15.000,-", stok="1.200")], delimiter=";", bom=True)

    result = run(shop, content)

    assert result.errors == []
    variant = ProductVariant.objects.get()
    assert variant.channel_listings.get().price_amount == Decimal(15_000)
    assert variant.stocks.get().quantity == 1_200


def test_hub_may_be_left_empty_when_the_cooperative_supplies_one_hub(shop):
    result = run(shop, csv_file([HEADER, row(toko_desa="")]))

    assert result.errors == []
    assert ProductChannelListing.objects.get().channel == shop.hub.channel


def test_existing_slug_gets_a_number(shop):
    ProductFactory(slug="keripik-tempe")
    ProductFactory(slug="keripik-tempe-2")

    result = run(shop, csv_file([HEADER, row()]))

    assert result.errors == []
    assert Product.objects.get(cooperative=shop.cooperative).slug == "keripik-tempe-3"


def test_query_count_does_not_grow_with_rows(shop, django_assert_max_num_queries):
    rows = [HEADER]
    for n in range(150):
        rows += [row(nama_produk=f"Produk {n}", nama_varian=v, sku=f"P{n}-{v}", stok="3")
                 for v in ("kecil", "besar")]  # fmt: skip
    with django_assert_max_num_queries(25):
        result = run(shop, csv_file(rows))
    assert (result.products_created, result.variants_created) == (150, 300)


# --- prices --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("15000", 15_000),
        ("15.000", 15_000),
        ("Rp15.000", 15_000),
        ("Rp 15.000", 15_000),
        ("Rp. 15.000", 15_000),
        ("rp 15.000,-", 15_000),
        ("15.000,00", 15_000),
        ("1.250.000", 1_250_000),
        ("Rp\u00a015.000", 15_000),
        (15000, 15_000),
        (15000.0, 15_000),
    ],
)
def test_indonesian_price_formats(value, amount):
    assert parse_price(value) == amount


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("15000,50", "Rupiah amounts cannot have a fraction; enter a whole number of rupiah."),
        ("15.000,5", "Rupiah amounts cannot have a fraction; enter a whole number of rupiah."),
        (15000.5, "Rupiah amounts cannot have a fraction; enter a whole number of rupiah."),
        ("15,000", "Write thousands with a dot (15.000), not a comma."),
        ("15.00", "Enter the price in whole rupiah, e.g. 15000, 15.000 or Rp15.000."),
        ("15.000.00", "Enter the price in whole rupiah, e.g. 15000, 15.000 or Rp15.000."),
        ("lima ribu", "Enter the price in whole rupiah, e.g. 15000, 15.000 or Rp15.000."),
        ("Rp 2.000.000.000", "The amount cannot be more than Rp1,000,000,000."),
        ("-15.000", "The amount cannot be negative."),
    ],
)
def test_refused_prices(value, message):
    with pytest.raises(bulk_import._CellError) as exc_info:
        parse_price(value)
    assert exc_info.value.message == message


# --- refusals ------------------------------------------------------------------------------


def test_every_error_is_reported_with_row_and_column_and_nothing_is_written(shop):
    # given
    other_hub = VillageHubFactory(slug="gerai-lain")
    content = csv_file(
        [
            HEADER,
            row(nama_produk="A", kategori="tidak-ada"),  # 2
            row(nama_produk="B", harga="15000,50"),  # 3
            row(nama_produk="C", stok="-1"),  # 4
            row(nama_produk="D", terbit="mungkin"),  # 5
            row(nama_produk="E", toko_desa=other_hub.slug),  # 6
            row(nama_produk="", harga=""),  # 7
            row(nama_produk="F", toko_desa="tidak-ada", jenis_produk="nope", harga="x"),  # 8
        ]
    )
    # when
    result = run(shop, content)
    # then
    assert errors_of(result) == [
        (2, "kategori", "NOT_FOUND"),
        (3, "harga", "INVALID"),
        (4, "stok", "INVALID"),
        (5, "terbit", "INVALID"),
        (6, "toko_desa", "NOT_SUPPLIED"),
        (7, "nama_produk", "REQUIRED"),
        (7, "harga", "REQUIRED"),
        (8, "jenis_produk", "NOT_FOUND"),
        (8, "harga", "INVALID"),
        (8, "toko_desa", "NOT_FOUND"),
    ]
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert messages[(2, "kategori")] == "No category has this slug or name."
    assert messages[(3, "harga")] == (
        "Rupiah amounts cannot have a fraction; enter a whole number of rupiah."
    )
    assert messages[(6, "toko_desa")] == "The cooperative does not supply this village hub."
    assert str(result.errors[1]) == (
        "Row 3, column harga: "
        "Rupiah amounts cannot have a fraction; enter a whole number of rupiah."
    )
    assert (result.products_created, result.variants_created) == (0, 0)
    assert nothing_written()


def test_column_is_named_as_the_file_names_it(shop):
    content = csv_file([["Nama Produk", "Kategori", "Jenis Produk", "Price"],
                        ["Keripik", "keripik-camilan", "produk-desa", "murah"]])  # fmt: skip

    result = run(shop, content)

    assert [(e.row, e.column, e.field) for e in result.errors] == [(2, "Price", "harga")]


def test_duplicate_sku_in_the_file_and_in_the_database(shop):
    ProductVariantFactory(sku="ADA-1")
    content = csv_file(
        [
            HEADER,
            row(nama_produk="A", sku="A-1"),
            row(nama_produk="B", sku="A-1"),
            row(nama_produk="C", sku="ADA-1"),
        ]
    )

    result = run(shop, content)

    assert [(e.row, e.column, e.code, e.message) for e in result.errors] == [
        (3, "sku", BulkImportErrorCode.UNIQUE, "This SKU is already used in row 2."),
        (4, "sku", BulkImportErrorCode.UNIQUE, "A product variant with this SKU already exists."),
    ]
    assert Product.objects.count() == 1  # only the factory's


def test_hub_the_cooperative_does_not_supply(shop):
    VillageHubFactory(slug="gerai-tetangga")

    result = run(shop, csv_file([HEADER, row(toko_desa="gerai-tetangga")]))

    assert errors_of(result) == [(2, "toko_desa", "NOT_SUPPLIED")]
    assert nothing_written()


def test_hub_must_be_named_when_the_cooperative_supplies_several(shop):
    HubSupplyFactory(cooperative=shop.cooperative)

    result = run(shop, csv_file([HEADER, row(toko_desa="")]))

    assert errors_of(result) == [(2, "toko_desa", "REQUIRED")]


def test_unknown_category(shop):
    result = run(shop, csv_file([HEADER, row(kategori="Sayur Organik")]))

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "kategori", "No category has this slug or name.")
    ]
    assert nothing_written()


def test_product_level_values_must_agree_across_variants(shop):
    CategoryFactory(slug="minuman")
    content = csv_file(
        [HEADER, row(nama_varian="kecil"), row(nama_varian="besar", kategori="minuman")]
    )

    result = run(shop, content)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            3,
            "kategori",
            "Differs from row 2 of the same product; leave it empty or repeat the same value.",
        )
    ]


def test_variant_names_are_unique_within_a_product(shop):
    content = csv_file([HEADER, row(nama_varian="250 g"), row(nama_varian="250 G")])

    result = run(shop, content)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "nama_varian", "The product already has a variant with this name in row 2.")
    ]


def test_product_type_without_variants_takes_one_row(shop):
    ProductTypeFactory(slug="satuan", has_variants=False)
    content = csv_file(
        [HEADER, row(jenis_produk="satuan", nama_varian="a"), row(nama_varian="b", jenis_produk="")]
    )

    result = run(shop, content)

    assert errors_of(result) == [(3, "nama_varian", "INVALID")]


def test_stock_needs_a_pickup_point(shop):
    shop.warehouse.delete()

    result = run(shop, csv_file([HEADER, row(stok="5")]))

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "stok", "The village hub has no pickup point to keep stock in.")
    ]


def test_model_field_rules_apply(shop):
    result = run(shop, csv_file([HEADER, row(nama_produk="K" * 251)]))

    assert [(e.row, e.column) for e in result.errors] == [(2, "nama_produk")]
    assert "at most 250 characters" in result.errors[0].message


def test_missing_columns_are_reported_on_the_header_row(shop):
    content = csv_file([["nama_produk", "harga"], ["Keripik", "15000"]])

    result = run(shop, content)

    assert errors_of(result) == [(1, "kategori", "REQUIRED"), (1, "jenis_produk", "REQUIRED")]
    assert result.errors[0].message == "This column is missing from the header row."


@pytest.mark.parametrize(
    ("content", "filename", "code", "message"),
    [
        (b"%PDF-1.4 ...", "produk.pdf", "INVALID_FILE", "Upload a CSV or XLSX file."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "produk.xls",
            "INVALID_FILE",
            "Old Excel files (.xls) are not supported; save the file as .xlsx or CSV.",
        ),
        (
            "nama_produk;harga\nKue l\xe2pis;5000\n".encode("cp1252"),
            "produk.csv",
            "INVALID_FILE",
            "Save the CSV file as UTF-8 (in Excel: “CSV UTF-8”).",
        ),
        (
            b"PK\x03\x04 not really a workbook",
            "produk.xlsx",
            "INVALID_FILE",
            "The XLSX file cannot be read; save it again in Excel or upload a CSV file.",
        ),
        (b"\n\n", "produk.csv", "INVALID_FILE", "The file has no header row."),
        (b"nama_produk,harga\n", "produk.csv", "INVALID_FILE",
         "The file has a header row but no products."),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused(shop, content, filename, code, message):
    result = run(shop, content, filename)

    assert [(e.row, e.column, e.code.name, e.message) for e in result.errors] == [
        (None, None, code, message)
    ]


def test_row_and_size_limits(shop, settings):
    settings.BULK_IMPORT_MAX_ROWS = 2
    result = run(shop, csv_file([HEADER, row(nama_produk="A"), row(nama_produk="B"), row()]))
    assert errors_of(result) == [(None, None, "TOO_MANY_ROWS")]

    settings.BULK_IMPORT_MAX_BYTES = 50
    result = run(shop, csv_file([HEADER, row()]))
    assert errors_of(result) == [(None, None, "FILE_TOO_LARGE")]
    assert nothing_written()


def test_error_list_is_capped(shop, settings):
    settings.BULK_IMPORT_MAX_ERRORS = 2
    rows = [HEADER] + [row(nama_produk=f"P{n}", harga="x") for n in range(4)]

    result = run(shop, csv_file(rows))

    assert [(e.row, e.column) for e in result.errors] == [(2, "harga"), (3, "harga"), (None, None)]
    assert result.errors[-1].message.startswith("2 more errors")


def test_messages_are_indonesian_by_default(shop):
    translation.deactivate()  # as a request without Accept-Language: settings.LANGUAGE_CODE
    try:
        result = run(shop, csv_file([HEADER, row(harga="15000,50")]))
    finally:
        translation.activate("en")

    assert result.errors[0].message == (
        "Jumlah rupiah tidak boleh berisi pecahan; masukkan bilangan bulat."
    )


def test_language_can_be_chosen(shop):
    result = run(shop, csv_file([HEADER, row(harga="15000,50")]), language="id")

    assert result.errors[0].message.startswith("Jumlah rupiah tidak boleh berisi pecahan")


# --- template ------------------------------------------------------------------------------


def test_csv_template_round_trips(shop):
    content = bulk_import_template("csv")

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(COLUMN_KEYS)
    assert len(rows) == 2
    result = run(shop, content, "template.csv")
    assert result.errors == []
    assert (result.products_created, result.variants_created) == (1, 1)
    variant = ProductVariant.objects.get()
    assert (variant.sku, variant.name, variant.weight_grams) == ("KTO-250", "250 g", 250)
    assert variant.channel_listings.get().price_amount == Decimal(15_000)
    assert variant.stocks.get().quantity == 20


def test_xlsx_template_round_trips_and_explains_every_column(shop):
    content = bulk_import_template("xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Produk", "Petunjuk"]
    assert [c.value for c in workbook["Produk"][1]] == list(COLUMN_KEYS)
    explained = [r[0] for r in workbook["Petunjuk"].iter_rows(min_row=2, values_only=True)]
    assert set(COLUMN_KEYS) <= set(explained)
    result = run(shop, content, "template.xlsx")
    assert result.errors == []
    assert (result.products_created, result.variants_created) == (1, 1)
    assert ProductChannelListing.objects.get().is_published is True


def test_unknown_template_format():
    with pytest.raises(ValueError, match="unknown template format"):
        bulk_import_template("ods")  # type: ignore[arg-type]
