"""Products, variants, channel listings and prices: happy paths and every refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.catalog import services
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.services import ProductChannelListingInput, VariantChannelListingInput
from tests.factories.catalog import (
    CategoryFactory,
    ProductChannelListingFactory,
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

pytestmark = pytest.mark.django_db


def error_code(exc_info: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return exc_info.value.error_dict[field][0].code


def listed_variant():
    """A variant whose product is listed in the channel of a hub its cooperative supplies."""
    hub = VillageHubFactory()
    variant = ProductVariantFactory()
    HubSupplyFactory(hub=hub, cooperative=variant.product.cooperative)
    ProductChannelListingFactory(product=variant.product, channel=hub.channel)
    return variant, hub.channel


# --- product create / update -------------------------------------------------------------


def test_product_create_sanitizes_description_and_flags_search():
    # given
    cooperative = CooperativeFactory()
    producer = ProducerFactory(cooperative=cooperative)
    description = {
        "time": 1,
        "blocks": [
            {
                "id": "a1",
                "type": "paragraph",
                "data": {
                    "text": 'Renyah <b>gurih</b><script>alert("x")</script>'
                    '<img src="x" onerror="alert(1)">'
                    '<a href="javascript:alert(1)" onclick="steal()">klik</a>'
                    ' <a href="https://desa.id/">desa</a>'
                },
            },
            {"type": "list", "data": {"style": "unordered", "items": ["<i>Tempe</i> asli"]}},
        ],
    }
    # when
    product = services.product_create(
        product_type=ProductTypeFactory(),
        cooperative=cooperative,
        producer=producer,
        category=CategoryFactory(),
        name="Keripik Tempe Sagu",
        description=description,
        weight_grams=200,
    )
    # then
    product.refresh_from_db()
    text = product.description["blocks"][0]["data"]["text"]
    assert "<script" not in text
    assert "alert" not in text
    assert "onerror" not in text
    assert "onclick" not in text
    assert "javascript:" not in text
    assert "<img" not in text
    assert "<b>gurih</b>" in text
    assert 'href="https://desa.id/"' in text
    assert product.description["blocks"][1]["data"]["items"] == ["<i>Tempe</i> asli"]
    assert product.description_plaintext == "Renyah gurihklik desa\nTempe asli"
    assert product.slug == "keripik-tempe-sagu"
    assert product.search_index_dirty is True
    assert product.producer == producer


@pytest.mark.parametrize(
    "description",
    [
        "<p>not json</p>",
        "[1, 2]",
        {"text": "no blocks"},
        {"blocks": "nope"},
        {"blocks": [{"data": {"text": "no type"}}]},
        {"blocks": [{"type": "paragraph", "data": "not an object"}]},
        {"blocks": ["paragraph"]},
    ],
)
def test_product_create_refuses_description_not_editorjs(description):
    # given
    cooperative = CooperativeFactory()
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_create(
            product_type=ProductTypeFactory(),
            cooperative=cooperative,
            name="Keripik",
            description=description,
        )
    # then
    assert error_code(exc_info, "description") == ProductErrorCode.INVALID.value
    assert not Product.objects.exists()


def test_product_create_refuses_producer_of_another_cooperative():
    # given
    cooperative = CooperativeFactory()
    outsider = ProducerFactory(cooperative=CooperativeFactory())
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_create(
            product_type=ProductTypeFactory(),
            cooperative=cooperative,
            producer=outsider,
            name="Keripik",
        )
    # then
    assert error_code(exc_info, "producer") == ProductErrorCode.INVALID.value
    assert not Product.objects.exists()


def test_product_update_refuses_producer_of_another_cooperative():
    # given
    product = ProductFactory(name="Asli")
    outsider = ProducerFactory(cooperative=CooperativeFactory())
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_update(product=product, producer=outsider, name="Diubah")
    # then
    assert error_code(exc_info, "producer") == ProductErrorCode.INVALID.value
    product.refresh_from_db()
    assert product.producer is None
    assert product.name == "Asli"


def test_product_update_sets_fields_and_search_flag():
    # given
    product = ProductFactory(search_index_dirty=False)
    producer = ProducerFactory(cooperative=product.cooperative)
    # when
    services.product_update(
        product=product,
        name="Kopi Kintamani",
        producer=producer,
        description={"blocks": [{"type": "header", "data": {"text": "Kopi", "level": 2}}]},
    )
    # then
    product.refresh_from_db()
    assert product.name == "Kopi Kintamani"
    assert product.producer == producer
    assert product.description_plaintext == "Kopi"
    assert product.search_index_dirty is True


def test_product_create_refuses_duplicate_slug():
    # given
    existing = ProductFactory(slug="kopi")
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_create(
            product_type=existing.product_type,
            cooperative=existing.cooperative,
            name="Kopi",
            slug="kopi",
        )
    # then
    assert error_code(exc_info, "slug") == "unique"
    assert Product.objects.count() == 1


def test_product_delete_removes_variants_and_listings():
    # given
    variant, channel = listed_variant()
    product = variant.product
    # when
    services.product_delete(product=product)
    # then
    assert not Product.objects.exists()
    assert not ProductVariant.objects.exists()
    assert not ProductChannelListing.objects.exists()


# --- variants ----------------------------------------------------------------------------


def test_product_variant_create_update_delete():
    # given
    product = ProductFactory(search_index_dirty=False)
    # when
    first = services.product_variant_create(product=product, sku="KT-1", name="100 g")
    second = services.product_variant_create(product=product, sku="", name="250 g")
    services.product_variant_update(variant=second, quantity_limit_per_customer=3, sku="KT-2")
    # then
    second.refresh_from_db()
    assert (first.sort_order, second.sort_order) == (0, 1)
    assert second.sku == "KT-2"
    assert second.quantity_limit_per_customer == 3
    product.refresh_from_db()
    assert product.search_index_dirty is True
    # when
    services.product_variant_delete(variant=first)
    # then
    assert list(product.variants.all()) == [second]


def test_product_variant_create_stores_blank_sku_as_null_and_refuses_duplicate_sku():
    # given
    product = ProductFactory()
    services.product_variant_create(product=product, sku=None)
    services.product_variant_create(product=product, sku="  ")
    services.product_variant_create(product=product, sku="KT-9")
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_create(product=product, sku="KT-9")
    # then
    assert error_code(exc_info, "sku") == "unique"
    assert list(product.variants.values_list("sku", flat=True).order_by("pk")) == [
        None,
        None,
        "KT-9",
    ]


def test_product_variant_create_refuses_zero_quantity_limit():
    # given
    product = ProductFactory()
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_create(product=product, quantity_limit_per_customer=0)
    # then
    assert "quantity_limit_per_customer" in exc_info.value.error_dict
    assert not ProductVariant.objects.exists()


# --- product channel listings ------------------------------------------------------------


def test_product_channel_listing_update_publishes_in_supplied_hub_channel():
    # given
    hub = VillageHubFactory()
    product = ProductFactory()
    HubSupplyFactory(hub=hub, cooperative=product.cooperative)
    # when
    services.product_channel_listing_update(
        product=product,
        update_channels=[
            ProductChannelListingInput(
                channel=hub.channel, is_published=True, visible_in_listings=True
            )
        ],
    )
    # then
    listing = ProductChannelListing.objects.get(product=product, channel=hub.channel)
    assert listing.is_published is True
    assert listing.published_at is not None
    assert listing.visible_in_listings is True


def test_product_channel_listing_update_refuses_channel_not_supplied():
    # given
    supplied, other = VillageHubFactory(), VillageHubFactory()
    product = ProductFactory()
    HubSupplyFactory(hub=supplied, cooperative=product.cooperative)
    HubSupplyFactory(hub=other)  # another cooperative supplies the other hub
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_channel_listing_update(
            product=product,
            update_channels=[
                ProductChannelListingInput(channel=supplied.channel, is_published=True),
                ProductChannelListingInput(channel=other.channel, is_published=True),
            ],
        )
    # then
    assert error_code(exc_info, "channel") == ProductErrorCode.INVALID.value
    assert not ProductChannelListing.objects.exists()


def test_product_channel_listing_update_refuses_publishing_without_category():
    # given
    hub = VillageHubFactory()
    product = ProductFactory(category=None)
    HubSupplyFactory(hub=hub, cooperative=product.cooperative)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_channel_listing_update(
            product=product,
            update_channels=[ProductChannelListingInput(channel=hub.channel, is_published=True)],
        )
    # then
    assert error_code(exc_info, "is_published") == "product_without_category"
    assert not ProductChannelListing.objects.exists()


def test_product_channel_listing_update_removes_channel_and_its_prices():
    # given
    variant, channel = listed_variant()
    services.product_variant_channel_listing_update(
        variant=variant, update_channels=[VariantChannelListingInput(channel=channel, price=5000)]
    )
    # when
    services.product_channel_listing_update(product=variant.product, remove_channels=[channel])
    # then
    assert not ProductChannelListing.objects.exists()
    assert not ProductVariantChannelListing.objects.exists()


# --- variant prices ----------------------------------------------------------------------


def test_variant_channel_listing_update_sets_whole_rupiah_prices():
    # given
    variant, channel = listed_variant()
    # when
    services.product_variant_channel_listing_update(
        variant=variant,
        update_channels=[
            VariantChannelListingInput(channel=channel, price="15000", cost_price=Decimal(9000))
        ],
    )
    services.product_variant_channel_listing_update(
        variant=variant, update_channels=[VariantChannelListingInput(channel=channel, price=17_500)]
    )
    # then
    listing = ProductVariantChannelListing.objects.get()
    assert listing.price_amount == Decimal(17_500)
    assert listing.cost_price_amount is None
    assert listing.currency == "IDR"


@pytest.mark.parametrize(
    ("price", "cost_price", "field"),
    [
        (15_000.5, None, "price"),
        (Decimal("999.99"), None, "price"),
        (-1, None, "price"),
        (1_000_000_001, None, "price"),
        ("lima ribu", None, "price"),
        ("<script>", None, "price"),
        (float("nan"), None, "price"),
        (None, None, "price"),
        (15_000, -500, "cost_price"),
        (15_000, "9000.5", "cost_price"),
    ],
)
def test_variant_channel_listing_update_refuses_bad_price_and_saves_nothing(
    price, cost_price, field
):
    # given
    variant, channel = listed_variant()
    ProductVariantChannelListing.objects.create(
        variant=variant, channel=channel, price_amount=Decimal(12_000)
    )
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_channel_listing_update(
            variant=variant,
            update_channels=[
                VariantChannelListingInput(channel=channel, price=price, cost_price=cost_price)
            ],
        )
    # then
    assert error_code(exc_info, field) == ProductErrorCode.INVALID.value
    listing = ProductVariantChannelListing.objects.get()
    assert listing.price_amount == Decimal(12_000)
    assert listing.cost_price_amount is None


def test_variant_channel_listing_update_respects_configured_max_price(settings):
    # given
    settings.MAX_PRICE_IDR = 50_000
    variant, channel = listed_variant()
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_channel_listing_update(
            variant=variant,
            update_channels=[VariantChannelListingInput(channel=channel, price=50_001)],
        )
    # then
    assert error_code(exc_info, "price") == ProductErrorCode.INVALID.value
    assert not ProductVariantChannelListing.objects.exists()


def test_variant_channel_listing_update_refuses_channel_not_supplied():
    # given
    variant, channel = listed_variant()
    foreign_hub = VillageHubFactory()
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_channel_listing_update(
            variant=variant,
            update_channels=[
                VariantChannelListingInput(channel=channel, price=1000),
                VariantChannelListingInput(channel=foreign_hub.channel, price=1000),
            ],
        )
    # then
    assert error_code(exc_info, "channel") == ProductErrorCode.INVALID.value
    assert not ProductVariantChannelListing.objects.exists()


def test_variant_channel_listing_update_refuses_channel_without_product_listing():
    # given
    hub = VillageHubFactory()
    variant = ProductVariantFactory()
    HubSupplyFactory(hub=hub, cooperative=variant.product.cooperative)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_channel_listing_update(
            variant=variant,
            update_channels=[VariantChannelListingInput(channel=hub.channel, price=1000)],
        )
    # then
    assert error_code(exc_info, "channel") == "product_not_assigned_to_channel"
    assert not ProductVariantChannelListing.objects.exists()


def test_price_constraint_guards_the_database():
    # given
    variant, channel = listed_variant()
    # when / then
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductVariantChannelListing.objects.create(
            variant=variant, channel=channel, price_amount=Decimal(-1)
        )
