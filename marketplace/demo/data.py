"""Deterministic demo data: the same call always leaves the same rows.

Every demo account signs in with ``DEMO_PASSWORD`` (see README). Demo data is for a
local try-out only; ``load_demo_data`` refuses to run with DEBUG off unless forced.

Everything is built through the domain services. Rows are looked up by a natural key
(e-mail, slug, Nomor Induk Koperasi, producer name within its cooperative, SKU) and
created only when missing, so loading twice leaves the same rows. Random choices come
from ``random.Random(DEMO_SEED)`` and are all drawn before anything is written, so the
same seed always gives the same data.
"""

from __future__ import annotations

import io
import logging
import random
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from marketplace.accounts.models import User
from marketplace.catalog.attributes import (
    AttributeInput,
    attribute_create,
    product_type_attributes_assign,
)
from marketplace.catalog.models import Attribute, Category, Product, ProductType, ProductVariant
from marketplace.catalog.platform_types import (
    PACKAGED_FOOD,
    SIZE_ATTRIBUTE_SLUG,
    platform_product_types_ensure,
)
from marketplace.catalog.search import products_index_dirty
from marketplace.catalog.services import (
    ProductChannelListingInput,
    VariantChannelListingInput,
    category_create,
    product_channel_listing_update,
    product_create,
    product_media_create,
    product_variant_channel_listing_update,
    product_variant_create,
)
from marketplace.channels.services import channel_update
from marketplace.demo.members import DEMO_MEMBERS_COOPERATIVE, demo_members_ensure
from marketplace.demo.storefront import storefront_content_ensure
from marketplace.discounts.models import VoucherCode
from marketplace.discounts.services import (
    VoucherListingInput,
    voucher_channel_listing_update,
    voucher_create,
)
from marketplace.members.models import Member
from marketplace.regions.models import Village
from marketplace.regions.services import regions_import
from marketplace.village_hubs.models import (
    Cooperative,
    CooperativeJenis,
    CooperativeStaff,
    HubOperator,
    Producer,
    ProducerSizeClass,
    StaffRole,
    VillageHub,
)
from marketplace.village_hubs.services import (
    CooperativeFields,
    OpeningInterval,
    cooperative_create,
    cooperative_staff_add,
    hub_opening_hours_set,
    hub_operator_add,
    hub_supply_set,
    producer_create,
    village_hub_create,
)
from marketplace.warehouses.models import ClickAndCollectOption, Warehouse
from marketplace.warehouses.services import product_variant_stocks_update, warehouse_create

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "lumbung-demo"
DEMO_SEED = 20250817
# Listings are published at a fixed moment, never "now": demo data does not use the clock.
DEMO_PUBLISHED_AT = datetime(2025, 1, 1, tzinfo=UTC)

PECATU_CODE = "51.03.05.2001"  # Desa Pecatu, Kuta Selatan, Badung, Bali (WITA)
KUDUS_REGENCY_CODE = "33.19"  # Kabupaten Kudus, Jawa Tengah (WIB)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_VOUCHER_CODE = "DESAMAJU"  # discounts: 10 % off from Rp50.000 at Lumbung Desa Pecatu
ACCOUNTS = [
    DemoAccount("admin@lumbung.test", "Admin", "Lumbung", is_staff=True, is_superuser=True),
]


# --- Plan --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryPlan:
    slug: str
    name: str
    colour: tuple[int, int, int]
    description: str


CATEGORIES = [
    CategoryPlan("keripik-camilan", "Keripik & Camilan", (214, 140, 40), "Camilan renyah desa."),
    CategoryPlan("kopi", "Kopi", (111, 78, 55), "Kopi petani desa, biji dan bubuk."),
    CategoryPlan("madu", "Madu", (232, 180, 30), "Madu murni dari peternak lebah desa."),
    CategoryPlan("tenun", "Tenun", (150, 40, 60), "Kain tenun tangan perajin desa."),
    CategoryPlan("anyaman", "Anyaman", (160, 130, 70), "Anyaman pandan, lontar dan bambu."),
    CategoryPlan("sambal", "Sambal", (200, 40, 30), "Sambal kemasan racikan dapur desa."),
    CategoryPlan("gula-aren", "Gula Aren", (120, 60, 20), "Gula dari nira pohon aren."),
    CategoryPlan("beras", "Beras", (90, 140, 70), "Beras hasil sawah petani desa."),
]  # fmt: skip


@dataclass(frozen=True)
class HubPlan:
    key: str  # "pecatu" or "kudus"; the Kudus village is found in the regions table


@dataclass(frozen=True)
class ProducerPlan:
    name: str
    owner_name: str
    size_class: str
    nib: str
    pirt_number: str = ""
    halal_certificate_number: str = ""


@dataclass(frozen=True)
class CooperativePlan:
    key: str  # used in e-mails and SKUs
    sku_prefix: str
    hub: str
    village_code: str | None  # None: the Kudus hub's village
    name: str
    jenis: str
    nomor_induk_koperasi: str
    nib: str
    nomor_badan_hukum: str
    address: str
    phone: str
    member_count: int
    members_male: int
    members_female: int
    is_merah_putih: bool
    pengurus: tuple[str, str]
    producers: tuple[ProducerPlan, ...]
    # (name, category slug, weight in grams, base price in rupiah, producer index)
    products: tuple[tuple[str, str, int, int, int], ...]
    has_savings_unit: bool | None = None  # None: the service's default for the jenis


COOPERATIVES = [
    CooperativePlan(
        key="kud-pecatu", sku_prefix="PCT", hub="pecatu", village_code=PECATU_CODE,
        name="KUD Mina Segara Pecatu", jenis=CooperativeJenis.KUD,
        nomor_induk_koperasi="5103050010000417", nib="9120301245617",
        nomor_badan_hukum="AHU-0004173.AH.01.26.TAHUN 2019",
        address="Jl. Raya Uluwatu No. 18, Pecatu", phone="0812-3800-4117",
        member_count=214, members_male=121, members_female=93, is_merah_putih=False,
        pengurus=("I Gede", "Mahendra"), has_savings_unit=True,  # its unit simpan pinjam
        producers=(
            ProducerPlan("Kelompok Tani Subak Pecatu", "I Wayan Sudarsana",
                         ProducerSizeClass.KECIL, "9120301245624"),
            ProducerPlan("Dapur Bu Komang", "Ni Komang Ayu Lestari", ProducerSizeClass.MIKRO,
                         "9120301245631", pirt_number="2095103010012-28",
                         halal_certificate_number="ID51110001245230125"),
            ProducerPlan("Sambal Bali Mek Sri", "Ni Made Sriasih", ProducerSizeClass.MIKRO,
                         "9120301245648", pirt_number="1125103020027-24"),  # expired
        ),
        products=(
            ("Beras Merah 1 kg", "beras", 1000, 28000, 0),
            ("Beras Putih Organik 5 kg", "beras", 5000, 85000, 0),
            ("Beras Hitam 1 kg", "beras", 1000, 35000, 0),
            ("Beras Ketan Putih 1 kg", "beras", 1000, 24000, 0),
            ("Gula Aren Cetak 500 g", "gula-aren", 500, 25000, 1),
            ("Gula Semut Aren 250 g", "gula-aren", 250, 22000, 1),
            ("Gula Aren Cair 350 ml", "gula-aren", 400, 30000, 1),
            ("Keripik Singkong Balado 200 g", "keripik-camilan", 200, 15000, 1),
            ("Keripik Pisang Manis 200 g", "keripik-camilan", 200, 17000, 1),
            ("Kacang Kapri Bali 250 g", "keripik-camilan", 250, 20000, 1),
            ("Rengginang Ketan 250 g", "keripik-camilan", 250, 18000, 1),
            ("Sambal Matah 150 g", "sambal", 150, 28000, 2),
            ("Sambal Embe 150 g", "sambal", 150, 25000, 2),
            ("Sambal Bawang 150 g", "sambal", 150, 22000, 2),
            ("Sambal Terasi Bali 150 g", "sambal", 150, 24000, 2),
        ),
    ),
    CooperativePlan(
        key="produsen-pelaga", sku_prefix="PLG", hub="pecatu", village_code="51.03.04.2004",
        name="Koperasi Produsen Tani Amerta Pelaga", jenis=CooperativeJenis.PRODUSEN,
        nomor_induk_koperasi="5103040040000822", nib="9120402318825",
        nomor_badan_hukum="AHU-0008224.AH.01.26.TAHUN 2021",
        address="Banjar Kiadan, Pelaga", phone="0813-3745-0822",
        member_count=96, members_male=58, members_female=38, is_merah_putih=False,
        pengurus=("Ni Wayan", "Suartini"),
        producers=(
            ProducerPlan("Subak Abian Kopi Pelaga", "I Nyoman Sukadana", ProducerSizeClass.KECIL,
                         "9120402318832", pirt_number="3105103010045-29",
                         halal_certificate_number="ID51110002318830224"),
            ProducerPlan("Lebah Madu Kele Pelaga", "I Ketut Arsana", ProducerSizeClass.MIKRO,
                         "9120402318849", pirt_number="1095103010046-27",
                         halal_certificate_number="ID51110002318840324"),
            ProducerPlan("Sanggar Tenun dan Anyaman Dewi Sri", "Ni Luh Putu Ariani",
                         ProducerSizeClass.MIKRO, "9120402318856"),
        ),
        products=(
            ("Kopi Arabika Pelaga Biji 250 g", "kopi", 250, 85000, 0),
            ("Kopi Arabika Pelaga Bubuk 250 g", "kopi", 250, 80000, 0),
            ("Kopi Robusta Bubuk 250 g", "kopi", 250, 45000, 0),
            ("Kopi Arabika Honey Process 200 g", "kopi", 200, 95000, 0),
            ("Madu Hutan 500 ml", "madu", 700, 120000, 1),
            ("Madu Kele-Kele 250 ml", "madu", 350, 95000, 1),
            ("Madu Randu 500 ml", "madu", 700, 90000, 1),
            ("Kain Tenun Ikat", "tenun", 600, 350000, 2),
            ("Kain Endek Bali", "tenun", 500, 275000, 2),
            ("Selendang Songket Bali", "tenun", 300, 425000, 2),
            ("Kamen Tenun Cagcag", "tenun", 700, 440000, 2),
            ("Tas Anyaman Pandan", "anyaman", 400, 85000, 2),
            ("Keben Anyaman Lontar", "anyaman", 500, 120000, 2),
            ("Sokasi Bambu", "anyaman", 600, 75000, 2),
            ("Tikar Pandan 120 × 180 cm", "anyaman", 1500, 150000, 2),
        ),
    ),
    CooperativePlan(
        key="kopwan-colo", sku_prefix="CLO", hub="kudus", village_code="33.19.09.2018",
        name="Kopwan Srikandi Colo", jenis=CooperativeJenis.KOPWAN,
        nomor_induk_koperasi="3319090180001305", nib="9120503427713",
        nomor_badan_hukum="AHU-0013057.AH.01.26.TAHUN 2020",
        address="Dukuh Kajar, Colo, Dawe", phone="0857-2610-1305",
        member_count=142, members_male=0, members_female=142, is_merah_putih=False,
        pengurus=("Siti", "Rahayu"),
        producers=(
            ProducerPlan("Kopi Muria Pak Sutrisno", "Sutrisno", ProducerSizeClass.KECIL,
                         "9120503427720", pirt_number="2103319010101-29",
                         halal_certificate_number="ID33110003427720525"),
            ProducerPlan("Keripik Tempe Bu Sulastri", "Sulastri", ProducerSizeClass.MIKRO,
                         "9120503427737", pirt_number="2063319020102-28",
                         halal_certificate_number="ID33110003427730623"),
            ProducerPlan("Dapur Sambal Mbak Yuni", "Sri Wahyuni", ProducerSizeClass.MIKRO,
                         "9120503427744", halal_certificate_number="ID33110003427740724"),
        ),
        products=(
            ("Kopi Muria Robusta Bubuk 250 g", "kopi", 250, 40000, 0),
            ("Kopi Muria Robusta Biji 500 g", "kopi", 500, 75000, 0),
            ("Kopi Jahe Sachet isi 10", "kopi", 250, 20000, 0),
            ("Madu Kelengkeng 500 ml", "madu", 700, 110000, 0),
            ("Madu Hutan Muria 250 ml", "madu", 350, 65000, 0),
            ("Keripik Tempe Pedas 200 g", "keripik-camilan", 200, 16000, 1),
            ("Keripik Tempe Original 200 g", "keripik-camilan", 200, 15000, 1),
            ("Jenang Kudus 500 g", "keripik-camilan", 500, 30000, 1),
            ("Emping Melinjo 250 g", "keripik-camilan", 250, 35000, 1),
            ("Keripik Pisang Muria 200 g", "keripik-camilan", 200, 17000, 1),
            ("Sambal Bawang Kudus 150 g", "sambal", 150, 22000, 2),
            ("Sambal Teri Pedas 150 g", "sambal", 150, 30000, 2),
            ("Sambal Pecel 250 g", "sambal", 250, 18000, 2),
            ("Gula Aren Cetak 1 kg", "gula-aren", 1000, 45000, 2),
            ("Gula Semut Aren Jahe 250 g", "gula-aren", 250, 25000, 2),
        ),
    ),
    CooperativePlan(
        key="merah-putih-kudus", sku_prefix="KDS", hub="kudus", village_code=None,
        name="Koperasi Desa Merah Putih Kudus", jenis=CooperativeJenis.KSU,
        nomor_induk_koperasi="3319010010002518", nib="9120604536601",
        nomor_badan_hukum="AHU-0025184.AH.01.29.TAHUN 2025",
        address="Balai Desa, Jl. Raya Kudus–Jepara", phone="0821-3411-2518",
        member_count=310, members_male=165, members_female=145, is_merah_putih=True,
        pengurus=("Ahmad", "Fauzi"),
        producers=(
            ProducerPlan("Gapoktan Sri Rejeki", "Suparno", ProducerSizeClass.KECIL,
                         "9120604536618"),
            ProducerPlan("Perajin Tenun Lestari", "Siti Aminah", ProducerSizeClass.MIKRO,
                         "9120604536625"),
            ProducerPlan("Anyaman Bambu Pak Kasmadi", "Kasmadi", ProducerSizeClass.MIKRO,
                         "9120604536632"),
        ),
        products=(
            ("Beras Pandan Wangi 5 kg", "beras", 5000, 80000, 0),
            ("Beras Merah Organik 1 kg", "beras", 1000, 30000, 0),
            ("Beras Ketan Hitam 1 kg", "beras", 1000, 32000, 0),
            ("Beras Putih Medium 5 kg", "beras", 5000, 68000, 0),
            ("Kopi Robusta Bubuk Kudus 250 g", "kopi", 250, 38000, 0),
            ("Madu Kapuk Randu 250 ml", "madu", 350, 55000, 0),
            ("Gula Aren Cetak 500 g", "gula-aren", 500, 24000, 0),
            ("Keripik Singkong Pedas 250 g", "keripik-camilan", 250, 14000, 0),
            ("Kain Tenun Troso", "tenun", 600, 250000, 1),
            ("Sarung Tenun Goyor", "tenun", 600, 185000, 1),
            ("Kain Tenun Lurik", "tenun", 500, 150000, 1),
            ("Tas Anyaman Eceng Gondok", "anyaman", 500, 95000, 2),
            ("Bakul Bambu", "anyaman", 400, 35000, 2),
            ("Tampah Bambu 50 cm", "anyaman", 500, 25000, 2),
            ("Topi Anyaman Pandan", "anyaman", 200, 45000, 2),
        ),
    ),
]  # fmt: skip


@dataclass(frozen=True)
class SizedProductPlan:
    """A product of the platform's "Makanan kemasan" type sold in several sizes, each
    size a variant (SKU, weight in grams, price in rupiah, stock)."""

    cooperative: str  # CooperativePlan.key
    name: str
    category: str
    producer: int
    sizes: tuple[tuple[str, str, int, int, int], ...]  # (size value, SKU, grams, price, stock)


SIZED_PRODUCTS = [
    SizedProductPlan(
        cooperative="kud-pecatu", name="Gula Semut Aren Organik", category="gula-aren",
        producer=1,
        sizes=(("250 g", "LMB-PCT-S01-250", 250, 23000, 40),
               ("500 g", "LMB-PCT-S01-500", 500, 42000, 25)),
    ),
]  # fmt: skip

_DESCRIPTIONS = {
    "keripik-camilan": "{name} buatan {producer}, dibuat setiap pekan tanpa pengawet.",
    "kopi": "{name} dari kebun anggota {producer}, dipetik merah dan disangrai di desa.",
    "madu": "{name} dipanen {producer}, murni tanpa campuran gula.",
    "tenun": "{name} ditenun tangan oleh {producer}; setiap helai motifnya sedikit berbeda.",
    "anyaman": "{name} dianyam tangan oleh {producer} dari bahan alam setempat.",
    "sambal": "{name} racikan {producer}, dimasak dengan cabai segar petani desa.",
    "gula-aren": "{name} dari nira aren yang dimasak {producer} di tungku kayu.",
    "beras": "{name} hasil panen {producer}, digiling dan dikemas di desa.",
}


@dataclass(frozen=True)
class _ProductDraw:
    price: int
    stock: int


def _draws(rng: random.Random) -> dict[str, _ProductDraw]:
    """Price (whole rupiah, a multiple of Rp500) and stock per SKU, in plan order."""
    draws = {}
    for plan in COOPERATIVES:
        for index, (_name, _category, _weight, base, _producer) in enumerate(plan.products, 1):
            price = round(base * rng.uniform(0.9, 1.1) / 500) * 500
            draws[_sku(plan, index)] = _ProductDraw(
                price=min(max(price, 10_000), 450_000), stock=rng.randint(10, 200)
            )
    return draws


def _sku(plan: CooperativePlan, index: int) -> str:
    return f"LMB-{plan.sku_prefix}-{index:03d}"


# --- Loading -----------------------------------------------------------------------------


@transaction.atomic
def demo_data_load() -> dict[str, int]:
    """Create every missing demo row; returns how many demo rows of each kind exist."""
    draws = _draws(random.Random(DEMO_SEED))
    emails = [_account_ensure(account) for account in ACCOUNTS]
    if not Village.objects.exists():
        regions_import()
    hubs = {"pecatu": _hub_ensure(Village.objects.get(pk=PECATU_CODE)), "kudus": None}
    kudus_village = (
        Village.objects.filter(pk__startswith=f"{KUDUS_REGENCY_CODE}.", kind=Village.Kind.DESA)
        .order_by("pk")
        .first()
    )
    if kudus_village is None:
        raise RuntimeError("Kabupaten Kudus has no desa in the regions table.")
    hubs["kudus"] = _hub_ensure(kudus_village)
    for hub in hubs.values():
        if hub is not None:
            emails.append(_hub_operator_ensure(hub))
    categories = {plan.slug: _category_ensure(plan) for plan in CATEGORIES}
    product_type = _product_type_ensure()
    packaged_food = platform_product_types_ensure()[PACKAGED_FOOD.slug]
    skus: list[str] = []
    cooperative_ids = []
    cooperatives: dict[str, Cooperative] = {}
    producer_ids: list[int] = []
    for plan in COOPERATIVES:
        hub = hubs[plan.hub]
        assert hub is not None
        village = (
            kudus_village
            if plan.village_code is None
            else Village.objects.get(pk=plan.village_code)
        )
        cooperative = _cooperative_ensure(plan, village, hub)
        cooperative_ids.append(cooperative.pk)
        cooperatives[plan.key] = cooperative
        emails.append(_pengurus_ensure(plan, cooperative))
        producers = [_producer_ensure(p, cooperative, village) for p in plan.producers]
        producer_ids.extend(p.pk for p in producers)
        warehouse = Warehouse.objects.get(village_hub=hub)
        for index, (name, category, weight, _base, producer) in enumerate(plan.products, 1):
            sku = _sku(plan, index)
            skus.append(sku)
            if ProductVariant.objects.filter(sku=sku).exists():
                continue
            _product_create(
                plan=plan, sku=sku, name=name, category=categories[category],
                weight=weight, producer=producers[producer], cooperative=cooperative,
                product_type=product_type, hub=hub, warehouse=warehouse, draw=draws[sku],
            )  # fmt: skip
        for sized in SIZED_PRODUCTS:
            if sized.cooperative != plan.key:
                continue
            skus.extend(size[1] for size in sized.sizes)
            if not ProductVariant.objects.filter(sku=sized.sizes[0][1]).exists():
                _sized_product_create(
                    sized=sized, plan=plan, category=categories[sized.category],
                    producer=producers[sized.producer], cooperative=cooperative,
                    product_type=packaged_food, hub=hub, warehouse=warehouse,
                )  # fmt: skip
    products_index_dirty()  # demo products are searchable at once, without the beat sweep
    _voucher_ensure(hubs["pecatu"])  # discounts: the hub's DESAMAJU voucher
    storefront_content_ensure([hub for hub in hubs.values() if hub is not None])
    members = demo_members_ensure(cooperatives[DEMO_MEMBERS_COOPERATIVE], DEMO_PASSWORD)
    emails.extend(member.user.email for member in members if member.user is not None)
    counts = {
        "hubs": VillageHub.objects.filter(pk__in=[h.pk for h in hubs.values() if h]).count(),
        "cooperatives": Cooperative.objects.filter(pk__in=cooperative_ids).count(),
        "producers": Producer.objects.filter(pk__in=producer_ids).count(),
        "categories": Category.objects.filter(slug__in=list(categories)).count(),
        "products": Product.objects.filter(variants__sku__in=skus).distinct().count(),
        "users": User.objects.filter(email__in=emails).count(),
        "members": Member.objects.filter(pk__in=[member.pk for member in members]).count(),
    }
    logger.info("demo_data_loaded", extra=counts)
    return counts


def demo_members_cooperative() -> Cooperative | None:
    """The demo cooperative with demo members (``demo.members``), once loaded."""
    plan = next(plan for plan in COOPERATIVES if plan.key == DEMO_MEMBERS_COOPERATIVE)
    return Cooperative.objects.filter(nomor_induk_koperasi=plan.nomor_induk_koperasi).first()


def _user_ensure(
    email: str,
    first_name: str,
    last_name: str,
    *,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    user, created = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_staff,
            "is_superuser": is_superuser,
        },
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _account_ensure(account: DemoAccount) -> str:
    _user_ensure(
        account.email,
        account.first_name,
        account.last_name,
        is_staff=account.is_staff,
        is_superuser=account.is_superuser,
    )
    return account.email


# Unpaid pay-at-pickup orders expire after three days (the channel's expireOrdersAfter).
DEMO_PICKUP_WINDOW_MINUTES = 3 * 24 * 60


def _hub_ensure(village: Village) -> VillageHub:
    slug = slugify(village.name)
    hub = VillageHub.objects.filter(slug=slug).first()
    if hub is None:
        hub = village_hub_create(
            name=f"Lumbung Desa {village.name}",
            slug=slug,
            village=village,
            address=f"Balai Desa {village.name}",
        )
        hub_opening_hours_set(
            hub=hub,
            intervals=[OpeningInterval(day, time(8), time(16)) for day in range(6)]
            + [OpeningInterval(6, time(8), time(12))],
        )
    if hub.channel.expire_orders_after is None:
        channel_update(channel=hub.channel, expire_orders_after=DEMO_PICKUP_WINDOW_MINUTES)
    if not Warehouse.objects.filter(village_hub=hub).exists():
        warehouse_create(
            name=f"Titik Ambil {hub.name}",
            slug=f"titik-ambil-{hub.slug}",
            village=village,
            street_address=hub.address,
            click_and_collect_option=ClickAndCollectOption.LOCAL_STOCK,
            is_private=False,
            village_hub=hub,
        )
    return hub


def _voucher_ensure(hub: VillageHub | None) -> None:
    """The hub's demo voucher: DESAMAJU, 10 % off from Rp50.000 (discounts)."""
    if hub is None or VoucherCode.objects.filter(code__iexact=DEMO_VOUCHER_CODE).exists():
        return
    admin = User.objects.get(email=ACCOUNTS[0].email)
    voucher = voucher_create(
        actor=admin,
        village_hub=hub,
        add_codes=[DEMO_VOUCHER_CODE],
        name="Desa Maju 10%",
        type="entire_order",
        discount_value_type="percentage",
        apply_once_per_customer=True,
    )
    voucher_channel_listing_update(
        voucher=voucher,
        actor=admin,
        add=[
            VoucherListingInput(
                channel=hub.channel, discount_value=10, min_spent=50_000, min_spent_given=True
            )
        ],
    )


def _hub_operator_ensure(hub: VillageHub) -> str:
    email = f"operator.{hub.slug}@lumbung.test"
    user = _user_ensure(email, "Operator", hub.name)
    if not HubOperator.objects.filter(hub=hub, user=user).exists():
        hub_operator_add(hub=hub, user=user)
    return email


def _category_ensure(plan: CategoryPlan) -> Category:
    return Category.objects.filter(slug=plan.slug).first() or category_create(
        name=plan.name, slug=plan.slug, description=_editorjs(plan.description)
    )


def _product_type_ensure() -> ProductType:
    # The catalog has no product type service yet; a plain row like Saleor's default.
    product_type, _created = ProductType.objects.get_or_create(
        slug="produk-desa",
        defaults={"name": "Produk Desa", "has_variants": False, "is_shipping_required": True},
    )
    # A product-level attribute through the attribute services (idempotent). No variant
    # attribute: this type has no variants (variant attributes would be refused).
    origin = Attribute.objects.filter(slug="bahan-asal").first() or attribute_create(
        name="Bahan/Asal", slug="bahan-asal", input_type=Attribute.InputType.PLAIN_TEXT
    )
    if not product_type.product_attributes.filter(pk=origin.pk).exists():
        product_type_attributes_assign(product_type=product_type, product_attributes=[origin])
    return product_type


def _cooperative_ensure(plan: CooperativePlan, village: Village, hub: VillageHub) -> Cooperative:
    cooperative = Cooperative.objects.filter(nomor_induk_koperasi=plan.nomor_induk_koperasi).first()
    if cooperative is None:
        fields: CooperativeFields = {
            "address": plan.address,
            "nomor_induk_koperasi": plan.nomor_induk_koperasi,
            "nomor_badan_hukum": plan.nomor_badan_hukum,
            "is_merah_putih": plan.is_merah_putih,
            "member_count": plan.member_count,
            "members_male": plan.members_male,
            "members_female": plan.members_female,
            "phone": plan.phone,
            "email": f"{plan.key}@lumbung.test",
            "nib": plan.nib,
        }
        if plan.has_savings_unit is not None:  # else the service picks it from the jenis
            fields["has_savings_unit"] = plan.has_savings_unit
        cooperative = cooperative_create(
            name=plan.name, jenis=plan.jenis, village=village, **fields
        )
    suppliers = list(Cooperative.objects.filter(hub_supplies__hub=hub))
    if cooperative not in suppliers:
        hub_supply_set(hub=hub, cooperatives=[*suppliers, cooperative])
    return cooperative


def _pengurus_ensure(plan: CooperativePlan, cooperative: Cooperative) -> str:
    email = f"pengurus.{plan.key}@lumbung.test"
    user = _user_ensure(email, *plan.pengurus)
    if not CooperativeStaff.objects.filter(cooperative=cooperative, user=user).exists():
        cooperative_staff_add(cooperative=cooperative, user=user, role=StaffRole.ADMIN)
    return email


def _producer_ensure(plan: ProducerPlan, cooperative: Cooperative, village: Village) -> Producer:
    return Producer.objects.filter(
        cooperative=cooperative, name=plan.name
    ).first() or producer_create(
        cooperative=cooperative,
        name=plan.name,
        village=village,
        owner_name=plan.owner_name,
        size_class=plan.size_class,
        nib=plan.nib,
        pirt_number=plan.pirt_number,
        halal_certificate_number=plan.halal_certificate_number,
    )


def _product_create(
    *,
    plan: CooperativePlan,
    sku: str,
    name: str,
    category: Category,
    weight: int,
    producer: Producer,
    cooperative: Cooperative,
    product_type: ProductType,
    hub: VillageHub,
    warehouse: Warehouse,
    draw: _ProductDraw,
) -> None:
    template = _DESCRIPTIONS[category.slug]
    product = product_create(
        product_type=product_type,
        cooperative=cooperative,
        name=name,
        slug=f"{slugify(name)}-{plan.sku_prefix.lower()}",
        category=category,
        producer=producer,
        description=_editorjs(template.format(name=name, producer=producer.name)),
        weight_grams=weight,
    )
    variant = product_variant_create(product=product, sku=sku)
    product_channel_listing_update(
        product=product,
        update_channels=[
            ProductChannelListingInput(
                channel=hub.channel,
                is_published=True,
                published_at=DEMO_PUBLISHED_AT,
                visible_in_listings=True,
                available_for_purchase_at=DEMO_PUBLISHED_AT,
            )
        ],
    )
    product_variant_channel_listing_update(
        variant=variant,
        update_channels=[VariantChannelListingInput(channel=hub.channel, price=draw.price)],
    )
    product_variant_stocks_update(variant=variant, stocks=[(warehouse, draw.stock)])
    photo = SimpleUploadedFile(f"{sku}.jpg", _photo(name, category), content_type="image/jpeg")
    product_media_create(product=product, uploaded_file=photo, alt=name)


def _sized_product_create(
    *,
    sized: SizedProductPlan,
    plan: CooperativePlan,
    category: Category,
    producer: Producer,
    cooperative: Cooperative,
    product_type: ProductType,
    hub: VillageHub,
    warehouse: Warehouse,
) -> None:
    template = _DESCRIPTIONS[category.slug]
    product = product_create(
        product_type=product_type,
        cooperative=cooperative,
        name=sized.name,
        slug=f"{slugify(sized.name)}-{plan.sku_prefix.lower()}",
        category=category,
        producer=producer,
        description=_editorjs(template.format(name=sized.name, producer=producer.name)),
        weight_grams=sized.sizes[0][2],
    )
    product_channel_listing_update(
        product=product,
        update_channels=[
            ProductChannelListingInput(
                channel=hub.channel,
                is_published=True,
                published_at=DEMO_PUBLISHED_AT,
                visible_in_listings=True,
                available_for_purchase_at=DEMO_PUBLISHED_AT,
            )
        ],
    )
    size_attribute = Attribute.objects.get(slug=SIZE_ATTRIBUTE_SLUG)
    for size, sku, grams, price, stock in sized.sizes:
        variant = product_variant_create(
            product=product,
            sku=sku,
            name=size,
            weight_grams=grams,
            attributes=[AttributeInput(attribute=size_attribute, value_names=(size,))],
        )
        product_variant_channel_listing_update(
            variant=variant,
            update_channels=[VariantChannelListingInput(channel=hub.channel, price=price)],
        )
        product_variant_stocks_update(variant=variant, stocks=[(warehouse, stock)])
    photo = SimpleUploadedFile(
        f"{sized.sizes[0][1]}.jpg", _photo(sized.name, category), content_type="image/jpeg"
    )
    product_media_create(product=product, uploaded_file=photo, alt=sized.name)


def _editorjs(text: str) -> dict:
    return {"blocks": [{"type": "paragraph", "data": {"text": text}}]}


_COLOURS = {plan.slug: plan.colour for plan in CATEGORIES}


def _photo(name: str, category: Category) -> bytes:
    """A 600×600 JPEG in the category's colour with the product name on it."""
    image = Image.new("RGB", (600, 600), _COLOURS.get(category.slug, (120, 120, 120)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 560, 560), outline=(255, 255, 255), width=6)
    title = ImageFont.load_default(size=40)
    small = ImageFont.load_default(size=24)
    lines = textwrap.wrap(name, width=18)
    top = 300 - len(lines) * 25
    for number, line in enumerate(lines):
        draw.text((300, top + number * 50), line, fill=(255, 255, 255), font=title, anchor="mm")
    draw.text((300, 520), category.name, fill=(255, 255, 255), font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
