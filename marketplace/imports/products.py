"""Bulk product import: a cooperative's spreadsheet (CSV or XLSX) of products and variants.

File format
-----------
The first non-empty row is the header (row 1 in the spreadsheet when it is the first
row); every following row is one product variant. Headers are matched ignoring case,
spaces/dashes (``nama produk`` = ``nama_produk``) and a trailing note in brackets
(``harga (Rp)`` = ``harga``); English aliases are accepted; unknown columns are ignored.

==============  ===========  ======================================================
column          aliases      meaning
==============  ===========  ======================================================
kode_produk     product_code optional; rows with the same code are one product
nama_produk *   product_name product name (max. 250 characters)
kategori *      category     category slug or name
jenis_produk *  product_type product type slug or name
deskripsi       description  plain text; blank lines separate paragraphs
produsen        producer     name of a producer (member) of the cooperative
nama_varian     variant      variant name, e.g. "250 g"; unique within a product
sku             sku          optional; unique in the file and in the marketplace
berat_gram      weight       whole grams (of the variant)
harga *         price        whole rupiah: 15000, 15.000, Rp15.000, Rp 15.000,-
stok            stock        whole units at the hub's pickup point (empty: no stock row)
toko_desa       hub          village hub slug; optional if the cooperative supplies one hub
terbit          published    ya/tidak (yes/no, 1/0); empty = tidak
==============  ===========  ======================================================

(* = the column must be in the header.) **Grouping:** rows with the same ``kode_produk``
are the variants of one product; rows without it are grouped by ``nama_produk`` (ignoring
case and repeated spaces). Product-level columns (``nama_produk``, ``kategori``,
``jenis_produk``, ``deskripsi``, ``produsen``, ``toko_desa``, ``terbit``) may be left
empty on the product's later rows; a different value there is an error.

Behaviour
---------
CSV: UTF-8 with or without BOM, ``,`` ``;`` or tab as delimiter (guessed from the header
line). XLSX: the first sheet, read with openpyxl in read-only mode; empty rows are skipped
and reading stops after a block of ``EMPTY_ROW_BLOCK`` empty rows. Before openpyxl opens
it, the zip directory is checked (``core.spreadsheets.xlsx_archive_check``): archives
that unpack to more than ``XLSX_MAX_UNCOMPRESSED_BYTES`` or compress absurdly well (zip
bombs) are refused with ``FILE_TOO_LARGE``, broken or odd ones with ``INVALID_FILE``. Files above
``BULK_IMPORT_MAX_BYTES`` or with more than ``BULK_IMPORT_MAX_ROWS`` data rows are refused.

Every row is validated in memory against lookups loaded once (categories, product types,
producers, supplied hubs, their pickup points, existing SKUs and slugs); all errors are
returned as ``(row, column, message)`` in the active language (Indonesian unless the
caller activated another). Only a file without errors is written, in one transaction,
with bulk inserts: products (flagged ``search_index_dirty``), variants, channel listings
(published listings are visible in listings and available for purchase now), variant
prices and stock.
"""

from __future__ import annotations

import csv
import html
import io
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, Generic, Literal, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.catalog.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.rich_text import editorjs_clean, editorjs_to_plaintext
from marketplace.core.money import parse_rupiah_amount
from marketplace.core.spreadsheets import (
    csv_row,
    first_worksheet,
    xlsx_cell,
)
from marketplace.imports.tables import (
    MAX_QUANTITY,
    BulkImportError,
    BulkImportErrorCode,
    FileRefused,
    Table,
    max_errors,
    normalize_header,
    read_table,
    read_upload,
)
from marketplace.imports.tables import cell_text as _text
from marketplace.village_hubs.models import Cooperative, HubSupply, Producer, VillageHub
from marketplace.warehouses.models import Stock, Warehouse

logger = logging.getLogger(__name__)

Code = BulkImportErrorCode
BATCH_SIZE = 1_000


@dataclass
class BulkImportResult:
    products_created: int = 0
    variants_created: int = 0
    errors: list[BulkImportError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- columns -----------------------------------------------------------------------------

ProductLevel = Literal["product", "variant"]


@dataclass(frozen=True)
class Column:
    key: str
    aliases: tuple[str, ...]
    level: ProductLevel
    required: bool  # the column must be in the header
    help: str  # Indonesian, for the template's "Petunjuk" sheet
    example: Any


# The template is an Indonesian artefact (its headers are Indonesian), so the column help
# below is Indonesian data, not a translatable message.
COLUMNS: tuple[Column, ...] = (
    Column(
        key="kode_produk",
        aliases=("kode", "product_code"),
        level="product",
        required=False,
        help=(
            "Boleh kosong. Baris dengan kode produk yang sama adalah varian dari satu produk. "
            "Tanpa kode, baris dengan nama produk yang sama dianggap satu produk."
        ),
        example="KT-01",
    ),
    Column(
        key="nama_produk",
        aliases=("nama", "product_name", "product", "name"),
        level="product",
        required=True,
        help="Wajib. Nama produk, paling banyak 250 karakter.",
        example="Keripik Tempe Original",
    ),
    Column(
        key="kategori",
        aliases=("category",),
        level="product",
        required=True,
        help="Wajib. Slug atau nama kategori yang sudah ada di marketplace.",
        example="keripik-camilan",
    ),
    Column(
        key="jenis_produk",
        aliases=("jenis", "tipe_produk", "product_type", "type"),
        level="product",
        required=True,
        help="Wajib. Slug atau nama jenis produk yang sudah ada di marketplace.",
        example="produk-desa",
    ),
    Column(
        key="deskripsi",
        aliases=("keterangan", "description"),
        level="product",
        required=False,
        help="Boleh kosong. Teks biasa; baris kosong memisahkan paragraf.",
        example="Keripik tempe renyah buatan ibu-ibu desa, tanpa pengawet.",
    ),
    Column(
        key="produsen",
        aliases=("pembuat", "producer"),
        level="product",
        required=False,
        help="Boleh kosong. Nama usaha produsen (anggota koperasi) yang membuat produk ini.",
        example="",
    ),
    Column(
        key="nama_varian",
        aliases=("varian", "variant_name", "variant"),
        level="variant",
        required=False,
        help=(
            "Boleh kosong jika produk hanya punya satu varian, misalnya 250 g atau Pedas. Tidak "
            "boleh sama dalam satu produk."
        ),
        example="250 g",
    ),
    Column(
        key="sku",
        aliases=("kode_sku",),
        level="variant",
        required=False,
        help=(
            "Boleh kosong. Kode stok unik; tidak boleh dipakai dua kali atau sudah ada di "
            "marketplace."
        ),
        example="KTO-250",
    ),
    Column(
        key="berat_gram",
        aliases=("berat", "berat_g", "weight_grams", "weight", "weight_g"),
        level="variant",
        required=False,
        help="Boleh kosong. Berat varian dalam gram, bilangan bulat.",
        example=250,
    ),
    Column(
        key="harga",
        aliases=("harga_jual", "price"),
        level="variant",
        required=True,
        help=(
            "Wajib. Harga dalam rupiah tanpa sen: 15000, 15.000, Rp15.000 atau Rp 15.000. Titik "
            "adalah pemisah ribuan; pecahan seperti 15000,50 ditolak."
        ),
        example="Rp15.000",
    ),
    Column(
        key="stok",
        aliases=("stock", "jumlah_stok", "quantity", "qty"),
        level="variant",
        required=False,
        help="Boleh kosong. Jumlah stok di titik ambil toko desa, bilangan bulat 0 atau lebih.",
        example=20,
    ),
    Column(
        key="toko_desa",
        aliases=("hub", "village_hub", "gerai", "gerai_desa"),
        level="product",
        required=False,
        help=(
            "Slug toko desa (village hub) yang dipasok koperasi: produk dijual di toko ini dan "
            "stok disimpan di titik ambilnya. Boleh kosong jika koperasi hanya memasok satu toko "
            "desa."
        ),
        example="pecatu",
    ),
    Column(
        key="terbit",
        aliases=("tayang", "published", "publish", "is_published"),
        level="product",
        required=False,
        help="ya atau tidak: apakah produk langsung tampil di toko desa. Kosong berarti tidak.",
        example="ya",
    ),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
PRODUCT_LEVEL_KEYS = tuple(column.key for column in COLUMNS if column.level == "product")
_COLUMN_ORDER = {key: index for index, key in enumerate(COLUMN_KEYS)}
_ALIASES = {alias: column.key for column in COLUMNS for alias in (column.key, *column.aliases)}

_TRUE = frozenset({"ya", "y", "iya", "yes", "true", "benar", "1"})
_FALSE = frozenset({"tidak", "t", "no", "n", "false", "salah", "0", ""})

# --- messages (English msgids; rendered in the active language) ---------------------------

_MISSING_COLUMN = _("This column is missing from the header row.")
_DUPLICATE_COLUMN = _("This column appears more than once in the header row.")
_REQUIRED = _("Fill in this column.")
_REQUIRED_FOR_PRODUCT = _("Fill in this column on at least one row of the product.")
_NO_CATEGORY = _("No category has this slug or name.")
_MANY_CATEGORIES = _("Several categories have this name; use the category's slug.")
_NO_PRODUCT_TYPE = _("No product type has this slug or name.")
_MANY_PRODUCT_TYPES = _("Several product types have this name; use the product type's slug.")
_NO_PRODUCER = _("No producer of the cooperative has this name.")
_MANY_PRODUCERS = _("Several producers of the cooperative have this name.")
_NO_HUB = _("No village hub has this slug.")
_HUB_NOT_SUPPLIED = _("The cooperative does not supply this village hub.")
_HUB_INACTIVE = _("This village hub is not active.")
_HUB_AMBIGUOUS = _("Fill in the village hub: the cooperative supplies several village hubs.")
_NO_SUPPLIED_HUB = _("The cooperative does not supply any village hub yet.")
_NO_PICKUP_POINT = _("The village hub has no pickup point to keep stock in.")
_BOOLEAN = _("Enter ya or tidak.")
_QUANTITY = _("Enter the quantity as a whole number, zero or more.")
_WEIGHT = _("Enter the weight in whole grams, zero or more.")
_PRICE_FORMAT = _("Enter the price in whole rupiah, e.g. 15000, 15.000 or Rp15.000.")
_PRICE_COMMA = _("Write thousands with a dot (15.000), not a comma.")
_SKU_IN_FILE = _("This SKU is already used in row %(row)s.")
_SKU_EXISTS = _("A product variant with this SKU already exists.")
_VARIANT_TWICE = _("The product already has a variant with this name in row %(row)s.")
_ONE_VARIANT_ONLY = _("This product type allows only one variant per product.")
_INCONSISTENT = _(
    "Differs from row %(row)s of the same product; leave it empty or repeat the same value."
)
_MORE_ERRORS = _("%(count)s more errors are not shown; fix the ones above and upload again.")
_NO_ROWS = _("The file has a header row but no products.")
_CONFLICT = _("The import could not be saved because the data changed meanwhile; try again.")


# --- cell parsing ------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, message: Any, code: BulkImportErrorCode = Code.INVALID) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PRICE_PREFIX = re.compile(r"^(?:rp\.?|idr)", re.IGNORECASE)


def _validation_message(exc: ValidationError) -> str:
    return str(exc.messages[0])


def parse_price(value: Any) -> int:
    """Whole rupiah as Indonesians write it: ``15000``, ``15.000``, ``Rp15.000``,
    ``Rp 15.000,-``; the dot separates thousands. Fractions (``15000,50``) and anything
    ``marketplace.core.money.parse_rupiah_amount`` refuses raise ``_CellError``."""
    try:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return parse_rupiah_amount(value)
        text = _PRICE_PREFIX.sub("", _text(value)).replace(" ", "")
        sign = ""
        if text.startswith(("-", "+")):
            sign, text = text[0], text[1:]
        whole, comma, fraction = text.partition(",")
        if comma:
            if fraction in {"-", "0", "00"}:
                comma, fraction = "", ""
            elif fraction.isdigit() and len(fraction) == 3:
                raise _CellError(_PRICE_COMMA)
        if _THOUSANDS.fullmatch(whole):
            whole = whole.replace(".", "")
        if not whole.isdigit() or (comma and not fraction.isdigit()):
            raise _CellError(_PRICE_FORMAT)
        return parse_rupiah_amount(f"{sign}{whole}.{fraction}" if comma else f"{sign}{whole}")
    except ValidationError as exc:
        raise _CellError(_validation_message(exc)) from None


def price_from_text(value: Any) -> int:
    """``parse_price`` for a form's price field: a refusal is a ``ValidationError``."""
    try:
        return parse_price(value)
    except _CellError as exc:
        raise ValidationError(exc.message, code="invalid") from None


def _parse_whole(value: Any, message: Any) -> int:
    if isinstance(value, bool):
        raise _CellError(message)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _CellError(message)
        number = int(value)
    else:
        text = _text(value).replace(" ", "")
        if _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if not text.isdigit():
            raise _CellError(message)
        number = int(text)
    if number < 0 or number > MAX_QUANTITY:
        raise _CellError(message)
    return number


def _parse_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _CellError(_BOOLEAN)


def description_document(text: str) -> dict[str, Any] | None:
    """Plain text as EditorJS: one paragraph block per blank-line separated paragraph,
    single line breaks kept as ``<br>``; sanitized by ``rich_text.editorjs_clean``."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    blocks = [
        {"type": "paragraph", "data": {"text": html.escape(p, quote=False).replace("\n", "<br>")}}
        for p in paragraphs
        if p
    ]
    return editorjs_clean({"blocks": blocks}) if blocks else None


# --- lookups -----------------------------------------------------------------------------


@dataclass
class _Hub:
    hub: VillageHub
    warehouse_id: int | None


_Named = TypeVar("_Named", Category, ProductType)


class _Lookup(Generic[_Named]):
    """Rows of one model found by slug or (case-insensitive) name, loaded in one query."""

    def __init__(self, model: type[_Named], values: set[str]) -> None:
        folded = {_fold(value) for value in values}
        rows = list(
            model.objects.annotate(lower_name=Lower("name")).filter(
                Q(slug__in=values) | Q(slug__in=folded) | Q(lower_name__in=folded)
            )
        )
        self.by_slug: dict[str, _Named] = {row.slug.casefold(): row for row in rows}
        self.by_name: dict[str, list[_Named]] = defaultdict(list)
        for row in rows:
            self.by_name[_fold(row.name)].append(row)

    def get(self, value: str, *, missing: Any, ambiguous: Any) -> _Named:
        row = self.by_slug.get(value.casefold())
        if row is not None:
            return row
        found = self.by_name.get(_fold(value), [])
        if len(found) > 1:
            raise _CellError(ambiguous)
        if not found:
            raise _CellError(missing, Code.NOT_FOUND)
        return found[0]


def _hubs_supplied(cooperative: Cooperative) -> dict[str, _Hub]:
    hubs = [
        supply.hub
        for supply in HubSupply.objects.filter(cooperative=cooperative).select_related(
            "hub__channel"
        )
    ]
    warehouses = list(
        Warehouse.objects.filter(village_hub__in=hubs).order_by("pk").values("pk", "village_hub")
    )
    serving = set(
        Warehouse.channels.through.objects.filter(
            warehouse_id__in=[w["pk"] for w in warehouses]
        ).values_list("warehouse_id", "channel_id")
    )
    result: dict[str, _Hub] = {}
    for hub in hubs:
        own = [w["pk"] for w in warehouses if w["village_hub"] == hub.pk]
        preferred = [pk for pk in own if (pk, hub.channel_id) in serving]
        result[hub.slug.casefold()] = _Hub(hub=hub, warehouse_id=next(iter(preferred or own), None))
    return result


# --- validation --------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    cells: dict[str, Any]  # canonical key -> raw cell value (only columns in the file)
    values: dict[str, Any] = field(default_factory=dict)  # parsed, for cells without error
    variant: ProductVariant | None = None

    def text(self, key: str) -> str:
        return _text(self.cells.get(key))


class _Errors:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers  # canonical key -> header as typed in the file
        self.items: list[BulkImportError] = []
        self.cells: set[tuple[int | None, str | None]] = set()

    def add(self, row: int | None, key: str | None, message: Any, code: Code) -> None:
        column = None if key is None else self.headers.get(key, key)
        self.items.append(BulkImportError(row, column, key, str(message), code))
        self.cells.add((row, key))

    def add_if_new(self, row: int | None, key: str | None, message: Any, code: Code) -> None:
        """For the models' own field checks: a cell already refused is not reported twice."""
        if (row, key) not in self.cells:
            self.add(row, key, message, code)

    def __bool__(self) -> bool:
        return bool(self.items)


def _map_headers(table: Table) -> tuple[dict[str, int], _Errors]:
    positions: dict[str, int] = {}
    typed: dict[str, str] = {}
    errors = _Errors(typed)
    duplicates: list[tuple[str, str]] = []
    for index, header in enumerate(table.headers):
        key = _ALIASES.get(normalize_header(header))
        if key is None:
            continue
        if key in positions:
            duplicates.append((key, _text(header)))
            continue
        positions[key] = index
        typed[key] = _text(header)
    for key, header in duplicates:
        errors.items.append(
            BulkImportError(table.header_row, header, key, str(_DUPLICATE_COLUMN), Code.UNIQUE)
        )
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.add(table.header_row, column.key, _MISSING_COLUMN, Code.REQUIRED)
    return positions, errors


@dataclass
class _ProductPlan:
    rows: list[_Row]
    values: dict[str, Any] = field(default_factory=dict)
    first_row: dict[str, int] = field(default_factory=dict)  # key -> row giving the value
    product: Product | None = None


class _Importer:
    def __init__(self, cooperative: Cooperative, table: Table) -> None:
        self.cooperative = cooperative
        self.table = table
        self.positions, self.errors = _map_headers(table)
        self.rows = [
            _Row(
                number,
                {key: cells[i] if i < len(cells) else None for key, i in self.positions.items()},
            )
            for number, cells in table.rows
        ]

    # ---- phase 1: per cell
    def _collect(self, key: str) -> set[str]:
        return {row.text(key) for row in self.rows if row.text(key)}

    def parse_cells(self) -> None:
        categories = _Lookup(Category, self._collect("kategori"))
        product_types = _Lookup(ProductType, self._collect("jenis_produk"))
        producers: dict[str, list[Producer]] = defaultdict(list)
        if self._collect("produsen"):
            for producer in Producer.objects.filter(cooperative=self.cooperative):
                producers[_fold(producer.name)].append(producer)
        self.hubs = _hubs_supplied(self.cooperative)
        unknown_hubs = {v for v in self._collect("toko_desa") if v.casefold() not in self.hubs}
        unknown_hubs |= {v.casefold() for v in unknown_hubs}
        self.existing_hub_slugs = {
            slug.casefold()
            for slug in VillageHub.objects.filter(slug__in=unknown_hubs).values_list(
                "slug", flat=True
            )
        }

        def producer_named(text: str) -> Producer:
            found = producers.get(_fold(text), [])
            if len(found) > 1:
                raise _CellError(_MANY_PRODUCERS)
            if not found:
                raise _CellError(_NO_PRODUCER, Code.NOT_FOUND)
            return found[0]

        def hub(text: str) -> _Hub:
            found = self.hubs.get(text.casefold())
            if found is None:
                if text.casefold() in self.existing_hub_slugs:
                    raise _CellError(_HUB_NOT_SUPPLIED, Code.NOT_SUPPLIED)
                raise _CellError(_NO_HUB, Code.NOT_FOUND)
            if not found.hub.is_active:
                raise _CellError(_HUB_INACTIVE)
            return found

        parsers: dict[str, Callable[[Any], Any]] = {
            "kode_produk": _text,
            "nama_produk": _text,
            "kategori": lambda v: categories.get(
                _text(v), missing=_NO_CATEGORY, ambiguous=_MANY_CATEGORIES
            ),
            "jenis_produk": lambda v: product_types.get(
                _text(v), missing=_NO_PRODUCT_TYPE, ambiguous=_MANY_PRODUCT_TYPES
            ),
            "deskripsi": lambda v: description_document(_text(v)),
            "produsen": lambda v: producer_named(_text(v)),
            "nama_varian": _text,
            "sku": _text,
            "berat_gram": lambda v: _parse_whole(v, _WEIGHT),
            "harga": parse_price,
            "stok": lambda v: _parse_whole(v, _QUANTITY),
            "toko_desa": lambda v: hub(_text(v)),
            "terbit": _parse_boolean,
        }
        for row in self.rows:
            for key, raw in row.cells.items():
                if not row.text(key):
                    continue
                try:
                    row.values[key] = parsers[key](raw)
                except _CellError as exc:
                    self.errors.add(row.number, key, exc.message, exc.code)
                except ValidationError as exc:  # rich_text refusals
                    self.errors.add(row.number, key, _validation_message(exc), Code.INVALID)
            if "harga" in self.positions and not row.text("harga"):
                self.errors.add(row.number, "harga", _REQUIRED, Code.REQUIRED)

    # ---- phase 2: rows -> products
    def group(self) -> list[_ProductPlan]:
        plans: dict[tuple[str, str], _ProductPlan] = {}
        for row in self.rows:
            code, name = row.text("kode_produk"), row.text("nama_produk")
            if code:
                key = ("kode", code.casefold())
            elif name:
                key = ("nama", _fold(name))
            else:
                self.errors.add(row.number, "nama_produk", _REQUIRED, Code.REQUIRED)
                continue
            plans.setdefault(key, _ProductPlan(rows=[])).rows.append(row)
        for plan in plans.values():
            self._merge_product_values(plan)
        return list(plans.values())

    def _merge_product_values(self, plan: _ProductPlan) -> None:
        """The product's value of each product-level column: the first non-empty one;
        a later row giving another value is an error."""
        for key in PRODUCT_LEVEL_KEYS:
            first_text = ""
            for row in plan.rows:
                text = row.text(key)
                if not text:
                    continue
                if not first_text:
                    first_text = text
                    plan.first_row[key] = row.number
                    plan.values[key] = row.values.get(key)
                    continue
                same = (
                    text == first_text if key == "deskripsi" else _fold(text) == _fold(first_text)
                )
                if not same:
                    message = str(_INCONSISTENT) % {"row": plan.first_row[key]}
                    self.errors.add(row.number, key, message, Code.INCONSISTENT)
        first = plan.rows[0].number
        for key in ("nama_produk", "kategori", "jenis_produk"):
            if key in self.positions and key not in plan.first_row:
                self.errors.add(first, key, _REQUIRED_FOR_PRODUCT, Code.REQUIRED)
        if "toko_desa" not in plan.first_row:
            active = [h for h in self.hubs.values() if h.hub.is_active]
            if len(active) == 1:
                plan.values["toko_desa"] = active[0]
            elif not active:
                self.errors.add(first, "toko_desa", _NO_SUPPLIED_HUB, Code.NOT_SUPPLIED)
            else:
                self.errors.add(first, "toko_desa", _HUB_AMBIGUOUS, Code.REQUIRED)

    # ---- phase 3: variants, SKUs, stock
    def check_variants(self, plans: list[_ProductPlan]) -> None:
        sku_rows: dict[str, int] = {}
        for plan in plans:
            names: dict[str, int] = {}
            product_type = plan.values.get("jenis_produk")
            for index, row in enumerate(plan.rows):
                name = _fold(row.text("nama_varian"))
                if name in names:
                    message = str(_VARIANT_TWICE) % {"row": names[name]}
                    self.errors.add(row.number, "nama_varian", message, Code.UNIQUE)
                else:
                    names[name] = row.number
                if index and product_type is not None and not product_type.has_variants:
                    self.errors.add(row.number, "nama_varian", _ONE_VARIANT_ONLY, Code.INVALID)
                sku = row.text("sku")
                if sku:
                    if sku in sku_rows:
                        message = str(_SKU_IN_FILE) % {"row": sku_rows[sku]}
                        self.errors.add(row.number, "sku", message, Code.UNIQUE)
                    else:
                        sku_rows[sku] = row.number
                hub = plan.values.get("toko_desa")
                if hub is not None and hub.warehouse_id is None and row.values.get("stok"):
                    self.errors.add(row.number, "stok", _NO_PICKUP_POINT, Code.INVALID)
        existing: set[str] = set()
        skus = list(sku_rows)
        for start in range(0, len(skus), BATCH_SIZE):
            chunk = skus[start : start + BATCH_SIZE]
            found = ProductVariant.objects.filter(sku__in=chunk).values_list("sku", flat=True)
            existing.update(sku for sku in found if sku is not None)  # never None: sku__in
        for sku in sorted(existing, key=sku_rows.__getitem__):
            self.errors.add(sku_rows[sku], "sku", _SKU_EXISTS, Code.UNIQUE)

    # ---- phase 4: model instances, validated with the models' own field rules
    def build(self, plans: list[_ProductPlan]) -> tuple[list[Product], list[ProductVariant]]:
        slugs = _unique_slugs([_text(plan.values.get("nama_produk")) for plan in plans])
        products: list[Product] = []
        variants: list[ProductVariant] = []
        for plan, slug in zip(plans, slugs, strict=True):
            document = plan.values.get("deskripsi")
            product = Product(
                product_type=plan.values.get("jenis_produk"),
                category=plan.values.get("kategori"),
                cooperative=self.cooperative,
                producer=plan.values.get("produsen"),
                name=_text(plan.values.get("nama_produk")),
                slug=slug,
                description=document,
                description_plaintext=editorjs_to_plaintext(document),
                search_index_dirty=True,
            )
            name_row = plan.first_row.get("nama_produk", plan.rows[0].number)
            self._clean(product, name_row, _PRODUCT_FIELDS)
            products.append(product)
            plan.product = product
            for index, row in enumerate(plan.rows):
                variant = ProductVariant(
                    product=product,
                    sku=row.text("sku") or None,
                    name=row.text("nama_varian"),
                    weight_grams=row.values.get("berat_gram"),
                    sort_order=index,
                )
                self._clean(variant, row.number, _VARIANT_FIELDS)
                variants.append(variant)
                row.variant = variant
        return products, variants

    def _clean(self, instance: Any, row: int, fields: dict[str, str]) -> None:
        try:
            instance.full_clean(
                exclude=[f.name for f in instance._meta.fields if f.name not in fields],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.errors.add_if_new(row, fields.get(name), message, Code.INVALID)


_PRODUCT_FIELDS = {"name": "nama_produk", "slug": "nama_produk", "description": "deskripsi"}
_VARIANT_FIELDS = {"sku": "sku", "name": "nama_varian", "weight_grams": "berat_gram"}


def _unique_slugs(names: list[str]) -> list[str]:
    """A free ``Product.slug`` per name (``keripik``, ``keripik-2``, ... as
    ``services._unique_slug`` makes them), with two queries for the whole file."""
    bases = [slugify(name, allow_unicode=True)[:240] or "produk" for name in names]
    taken: set[str] = set()
    distinct = sorted(set(bases))
    for start in range(0, len(distinct), BATCH_SIZE):
        chunk = distinct[start : start + BATCH_SIZE]
        taken.update(Product.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    clashing = sorted(taken)
    for start in range(0, len(clashing), 200):
        condition = Q()
        for base in clashing[start : start + 200]:
            condition |= Q(slug__startswith=f"{base}-")
        taken.update(Product.objects.filter(condition).values_list("slug", flat=True))
    result: list[str] = []
    next_number: dict[str, int] = {}
    for base in bases:
        slug, number = base, next_number.get(base, 1)
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        next_number[base] = number
        taken.add(slug)
        result.append(slug)
    return result


def _write(plans: list[_ProductPlan], products: list[Product]) -> int:
    now = timezone.now()
    variants: list[ProductVariant] = []
    listings: list[ProductChannelListing] = []
    prices: list[ProductVariantChannelListing] = []
    stocks: list[Stock] = []
    # bulk_create fills each foreign key id from its (by then saved) related instance.
    with transaction.atomic():
        Product.objects.bulk_create(products, batch_size=BATCH_SIZE)
        for plan in plans:
            hub: _Hub = plan.values["toko_desa"]
            channel = hub.hub.channel
            published = bool(plan.values.get("terbit"))
            listings.append(
                ProductChannelListing(
                    product=plan.product,
                    channel=channel,
                    is_published=published,
                    published_at=now if published else None,
                    visible_in_listings=published,
                    available_for_purchase_at=now if published else None,
                )
            )
            for row in plan.rows:
                variant = row.variant
                assert variant is not None
                variants.append(variant)
                prices.append(
                    ProductVariantChannelListing(
                        variant=variant,
                        channel=channel,
                        currency=channel.currency_code,
                        price_amount=Decimal(row.values["harga"]),
                    )
                )
                quantity = row.values.get("stok")
                if quantity is not None and hub.warehouse_id is not None:
                    stocks.append(
                        Stock(
                            warehouse_id=hub.warehouse_id,
                            product_variant=variant,
                            quantity=quantity,
                        )
                    )
        ProductVariant.objects.bulk_create(variants, batch_size=BATCH_SIZE)
        ProductChannelListing.objects.bulk_create(listings, batch_size=BATCH_SIZE)
        ProductVariantChannelListing.objects.bulk_create(prices, batch_size=BATCH_SIZE)
        Stock.objects.bulk_create(stocks, batch_size=BATCH_SIZE)
    return len(variants)


# --- entry points ------------------------------------------------------------------------


def _sorted_capped(errors: list[BulkImportError]) -> list[BulkImportError]:
    ordered = sorted(
        errors,
        key=lambda e: (e.row or 0, _COLUMN_ORDER.get(e.field or "", len(_COLUMN_ORDER))),
    )
    limit = max_errors()
    if len(ordered) <= limit:
        return ordered
    rest = len(ordered) - limit
    summary = BulkImportError(None, None, None, str(_MORE_ERRORS) % {"count": rest}, Code.INVALID)
    return [*ordered[:limit], summary]


def product_bulk_import(
    *,
    cooperative: Cooperative,
    file: IO[bytes] | bytes,
    filename: str = "",
    actor: User | None = None,
    language: str | None = None,
) -> BulkImportResult:
    """Import the products and variants of a CSV/XLSX file for ``cooperative``.

    All or nothing: every row is validated first; with any error nothing is written and
    the result lists every error (row, column, message in the active language, or in
    ``language`` when given; Django's default is ``settings.LANGUAGE_CODE``, Indonesian).
    Without errors everything is written in one transaction. Permission checks are the
    caller's job (``village_hubs.selectors.user_can_manage_cooperative``).
    """
    started = time.monotonic()
    with translation.override(language) if language else nullcontext():
        try:
            table = read_table(read_upload(file), filename, no_rows_message=_NO_ROWS)
        except FileRefused as exc:
            logger.info(
                "product_bulk_import_refused",
                extra={"cooperative_id": cooperative.pk, "reason": exc.code.value},
            )
            return BulkImportResult(
                errors=[BulkImportError(None, None, None, exc.message, exc.code)]
            )
        importer = _Importer(cooperative, table)
        if importer.errors:  # a header problem makes every row meaningless
            return _refused(importer, cooperative, len(table.rows))
        importer.parse_cells()
        plans = importer.group()
        importer.check_variants(plans)
        products, _variants = importer.build(plans)
        if importer.errors:
            return _refused(importer, cooperative, len(table.rows))
        try:
            variants_created = _write(plans, products)
        except IntegrityError:
            logger.warning("product_bulk_import_conflict", extra={"cooperative_id": cooperative.pk})
            return BulkImportResult(
                errors=[BulkImportError(None, None, None, str(_CONFLICT), Code.UNIQUE)]
            )
    logger.info(
        "product_bulk_import_done",
        extra={
            "cooperative_id": cooperative.pk,
            "actor_id": actor.pk if actor is not None else None,
            "rows": len(table.rows),
            "products_created": len(products),
            "variants_created": variants_created,
            "duration_ms": round((time.monotonic() - started) * 1000),
        },
    )
    return BulkImportResult(products_created=len(products), variants_created=variants_created)


def _refused(importer: _Importer, cooperative: Cooperative, rows: int) -> BulkImportResult:
    logger.info(
        "product_bulk_import_rejected",
        extra={
            "cooperative_id": cooperative.pk,
            "rows": rows,
            "errors": len(importer.errors.items),
        },
    )
    return BulkImportResult(errors=_sorted_capped(importer.errors.items))


# --- template ----------------------------------------------------------------------------

TEMPLATE_SHEET = "Produk"
INSTRUCTIONS_SHEET = "Petunjuk"


def bulk_import_template(format: Literal["csv", "xlsx"]) -> bytes:
    """A file to fill in: the header row and one example row.

    CSV: UTF-8 with BOM (so Excel recognises the encoding), ``;`` as delimiter (what
    Excel in Indonesian settings expects). XLSX: sheet "Produk" and a "Petunjuk" sheet
    explaining every column in Indonesian. The example names the category
    ``keripik-camilan``, product type ``produk-desa`` and hub ``pecatu`` of the demo data,
    so the template imports unchanged there for a cooperative supplying Lumbung Desa Pecatu.
    """
    if format == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(csv_row(COLUMN_KEYS))
        writer.writerow(csv_row(column.example for column in COLUMNS))
        return buffer.getvalue().encode("utf-8-sig")
    if format == "xlsx":
        return _xlsx_template()
    raise ValueError(f"unknown template format: {format!r}")


def _xlsx_template() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = first_worksheet(workbook)
    sheet.title = TEMPLATE_SHEET
    sheet.append([xlsx_cell(sheet, key) for key in COLUMN_KEYS])
    sheet.append([xlsx_cell(sheet, 15_000 if c.key == "harga" else c.example) for c in COLUMNS])
    sheet.cell(row=2, column=COLUMN_KEYS.index("harga") + 1).number_format = "#,##0"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.key) + 4)
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    help_sheet.append(["Kolom", "Wajib", "Penjelasan", "Contoh", "Nama lain yang diterima"])
    for column in COLUMNS:
        help_sheet.append(
            [
                xlsx_cell(help_sheet, value)
                for value in (
                    column.key,
                    "ya" if column.required else "tidak",
                    column.help,
                    column.example,
                    ", ".join(column.aliases),
                )
            ]
        )
    help_sheet.append([])
    help_sheet.append(
        [
            "Catatan",
            "",
            "Baris pertama adalah judul kolom. Setiap baris berikutnya adalah satu varian. "
            "Jika ada kesalahan, tidak ada yang disimpan: perbaiki baris dan kolom yang "
            "disebutkan, lalu unggah lagi seluruh file.",
        ]
    )
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (16, 8, 90, 26, 40), strict=True):
        help_sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
