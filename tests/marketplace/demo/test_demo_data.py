"""The demo data: complete, idempotent and deterministic.

Loading imports the regions (~4 s), so the module loads the demo data only twice, in one
test, and checks everything on those two loads.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductVariant
from marketplace.demo.data import DEMO_PASSWORD, PECATU_CODE, demo_data_load
from marketplace.discounts.models import VoucherCode
from marketplace.village_hubs.models import (
    Cooperative,
    CooperativeStaff,
    HubOperator,
    Producer,
    StaffRole,
    VillageHub,
)
from marketplace.warehouses.models import ClickAndCollectOption

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    rows = []
    variants = ProductVariant.objects.select_related("product__category", "product__cooperative")
    for variant in variants.order_by("sku"):
        listing = variant.channel_listings.get()
        stock = variant.stocks.get()
        rows.append(
            (
                variant.sku,
                variant.product.name,
                variant.product.slug,
                variant.product.category.slug,
                variant.product.cooperative.nomor_induk_koperasi,
                variant.product.weight_grams,
                listing.price_amount,
                stock.quantity,
            )
        )
    return rows


def _check_everything(counts: dict[str, int]) -> None:
    assert counts == {
        "hubs": 2,
        "cooperatives": 4,
        "producers": 12,
        "categories": 8,
        "products": 61,
        "users": 9,  # 7 staff and 2 demo members with an account
        "members": 3,
    }
    hubs = list(VillageHub.objects.select_related("channel"))
    assert len(hubs) == 2
    assert len({hub.village_id[:2] for hub in hubs}) == 2  # different provinces
    assert {hub.village_id for hub in hubs} >= {"51.03.05.2001"}
    assert any(hub.village_id.startswith("33.19.") for hub in hubs)
    assert {hub.time_zone for hub in hubs} == {"Asia/Makassar", "Asia/Jakarta"}
    for hub in hubs:
        pickup = hub.warehouses.get()
        assert pickup.click_and_collect_option == ClickAndCollectOption.LOCAL_STOCK
        assert hub.opening_hours.count() == 7
        assert HubOperator.objects.filter(hub=hub).count() == 1
        assert hub.supplies.count() == 2

    assert Cooperative.objects.count() == 4
    assert Cooperative.objects.filter(is_merah_putih=True).count() == 1
    for cooperative in Cooperative.objects.all():
        assert len(cooperative.nomor_induk_koperasi) == 16
        assert len(cooperative.nib) == 13
        assert CooperativeStaff.objects.filter(
            cooperative=cooperative, role=StaffRole.ADMIN
        ).exists()
        assert cooperative.producers.count() == 3

    producers = list(Producer.objects.all())
    assert len(producers) == 12
    assert {p.size_class for p in producers} <= {"mikro", "kecil"}
    with_pirt = [p for p in producers if p.pirt_number]
    assert with_pirt
    for producer in with_pirt:
        regency = producer.cooperative.village_id[:5].replace(".", "")
        assert producer.pirt_number[3:7] == regency
    assert sum(p.pirt_expired_on(date(2026, 1, 1)) for p in with_pirt) == 1
    assert any(p.halal_certificate_number for p in producers)

    products = Product.objects.select_related("category", "cooperative")
    assert products.count() == 61
    assert products.values("category").distinct().count() == 8
    for product in products.prefetch_related("variants", "media", "channel_listings"):
        hub_channel = VillageHub.objects.get(supplies__cooperative=product.cooperative).channel
        listing = product.channel_listings.get()
        assert listing.channel_id == hub_channel.pk
        assert listing.is_published
        assert listing.visible_in_listings
        assert listing.published_at is not None
        assert listing.available_for_purchase_at is not None
        assert product.description["blocks"][0]["type"] == "paragraph"
        assert product.weight_grams
        variants = list(product.variants.all())
        assert len(variants) == (2 if product.product_type.slug == "makanan-kemasan" else 1)
        for variant in variants:
            price = variant.channel_listings.get(channel=hub_channel).price_amount
            assert 10_000 <= price <= 450_000
            assert price == int(price)
            stock = variant.stocks.get()
            assert stock.warehouse.village_hub.channel_id == hub_channel.pk
            assert 10 <= stock.quantity <= 200
        (media,) = product.media.all()
        assert (media.width, media.height) == (600, 600)

    for email in User.objects.filter(email__endswith="@lumbung.test").values_list(
        "email", flat=True
    ):
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)


def test_demo_sells_one_packaged_food_in_two_sizes_with_own_price_and_stock(
    settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)

    demo_data_load()

    product = Product.objects.get(product_type__slug="makanan-kemasan")
    assert product.name == "Gula Semut Aren Organik"
    assert product.cooperative.name == "KUD Mina Segara Pecatu"
    sizes = [
        (
            variant.attribute_values.get().value.name,
            variant.channel_listings.get().price_amount,
            variant.stocks.get().quantity,
        )
        for variant in product.variants.order_by("sort_order")
    ]
    assert sizes == [("250 g", 23000, 40), ("500 g", 42000, 25)]


def test_demo_data_is_complete_idempotent_and_deterministic(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)

    first = demo_data_load()
    _check_everything(first)
    snapshot = _snapshot()
    media = list(Product.objects.values_list("slug", "media__image").order_by("slug"))
    ids = sorted(Product.objects.values_list("pk", flat=True))

    second = demo_data_load()

    assert second == first
    _check_everything(second)
    assert _snapshot() == snapshot
    assert sorted(Product.objects.values_list("pk", flat=True)) == ids
    # a re-run leaves every product searchable (search vectors built, nothing dirty)
    assert not Product.objects.filter(search_index_dirty=True).exists()
    assert not Product.objects.filter(search_vector__isnull=True).exists()
    assert list(Product.objects.values_list("slug", "media__image").order_by("slug")) == media
    for _slug, name in media[:5]:
        with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
            image.load()
            assert image.format == "JPEG"
            assert image.size == (600, 600)
    # discounts: the Pecatu hub's demo voucher, created once
    code = VoucherCode.objects.get(code="DESAMAJU")
    listing = code.voucher.channel_listings.get()
    assert (listing.discount_value, listing.min_spent_amount) == (10, 50_000)
    assert listing.channel_id == code.voucher.village_hub.channel_id
    assert code.voucher.village_hub.village_id == PECATU_CODE
