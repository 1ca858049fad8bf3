"""Storefront browsing of a village hub's shop: prices in IDR, availability, variants,
attributes, SEO fields and Saleor's channel rules, over HTTP as a Saleor storefront."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeValue,
    AttributeVariant,
    ProductChannelListing,
    ProductMedia,
)
from marketplace.channels.models import Channel
from tests.factories.catalog import (
    CategoryFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.factories.checkout import CheckoutLineFactory, ReservationFactory
from tests.factories.warehouses import StockFactory
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

PRODUCT = """
query ($id: ID, $slug: String, $channel: String) {
  product(id: $id, slug: $slug, channel: $channel) {
    id name seoTitle seoDescription
    isAvailable isAvailableForPurchase availableForPurchaseAt
    pricing {
      onSale displayGrossPrices discount { gross { amount } }
      priceRange {
        start { currency gross { amount currency } net { amount } tax { amount } }
        stop { gross { amount } }
      }
      priceRangeUndiscounted { start { gross { amount } } stop { gross { amount } } }
    }
    attributes { attribute { slug } values { slug } }
    productVariants(first: 10) {
      totalCount
      edges { node {
        sku quantityAvailable
        pricing { onSale price { gross { amount currency } } priceUndiscounted { gross {
          amount } } }
        selection: attributes(variantSelection: VARIANT_SELECTION) { attribute {
          slug } values { name } }
        all: attributes { attribute { slug } }
      } }
    }
    defaultVariant { sku }
    variants { sku }
  }
}
"""


def _product(gql, world, *, channel="channel1", product=None, user=None):
    channel_slug = getattr(world, channel).slug if channel else None
    result = gql.execute(
        PRODUCT,
        {"id": gid("Product", (product or world.product_a).pk), "channel": channel_slug},
        token=token_for(user),
    )
    assert "errors" not in result, result
    return result["data"]["product"]


def _make_available(world, product=None, channel=None):
    ProductChannelListing.objects.filter(
        product=product or world.product_a, channel=channel or world.channel1
    ).update(available_for_purchase_at=timezone.now() - datetime.timedelta(days=1))


def test_product_pricing_is_whole_rupiah_without_tax(gql, world):
    # given a second, dearer variant of product A in hub 1
    variant = ProductVariantFactory(product=world.product_a, sku="A-2")
    ProductVariantChannelListingFactory(
        variant=variant, channel=world.channel1, price_amount=Decimal(27_500)
    )
    # when an anonymous shopper opens the product in hub 1
    product = _product(gql, world)
    # then the price range is in IDR, gross = net, no tax, no discount
    pricing = product["pricing"]
    assert pricing["onSale"] is False
    assert pricing["displayGrossPrices"] is True
    assert pricing["discount"] is None
    start = pricing["priceRange"]["start"]
    assert start == {
        "currency": "IDR",
        "gross": {"amount": 15000.0, "currency": "IDR"},
        "net": {"amount": 15000.0},
        "tax": {"amount": 0.0},
    }
    assert pricing["priceRange"]["stop"]["gross"]["amount"] == 27500.0
    assert pricing["priceRangeUndiscounted"] == {
        "start": {"gross": {"amount": 15000.0}},
        "stop": {"gross": {"amount": 27500.0}},
    }
    prices = [edge["node"]["pricing"] for edge in product["productVariants"]["edges"]]
    assert prices == [
        {
            "onSale": False,
            "price": {"gross": {"amount": 15000.0, "currency": "IDR"}},
            "priceUndiscounted": {"gross": {"amount": 15000.0}},
        },
        {
            "onSale": False,
            "price": {"gross": {"amount": 27500.0, "currency": "IDR"}},
            "priceUndiscounted": {"gross": {"amount": 27500.0}},
        },
    ]


def test_pricing_is_null_where_the_product_is_not_published(gql, world):
    # given product A listed but unpublished in hub 1, seen by its own cooperative staff
    ProductChannelListing.objects.filter(product=world.product_a).update(is_published=False)
    # when staff open it in hub 1
    product = _product(gql, world, user=world.staff_a)
    # then it shows, but without prices
    assert product["name"] == world.product_a.name
    assert product["pricing"] is None
    assert product["productVariants"]["edges"][0]["node"]["pricing"] is None


def test_pricing_is_null_without_a_channel(gql, world):
    # when platform staff look at a product without naming a channel
    product = _product(gql, world, channel=None, user=world.platform)
    # then there is no price, availability or stock to show
    assert product["pricing"] is None
    assert product["isAvailable"] is None
    assert product["productVariants"]["edges"][0]["node"]["quantityAvailable"] is None


def test_variant_without_price_in_channel_has_no_pricing(gql, world):
    # given a variant of product A with no price in hub 1
    ProductVariantFactory(product=world.product_a, sku="A-0")
    # when shoppers open the product
    product = _product(gql, world)
    # then that variant has no pricing and the range covers the priced one only
    nodes = {edge["node"]["sku"]: edge["node"] for edge in product["productVariants"]["edges"]}
    assert nodes["A-0"]["pricing"] is None
    assert product["pricing"]["priceRange"]["stop"]["gross"]["amount"] == 15000.0


def test_availability_follows_purchase_date_and_stock(gql, world):
    # given product A published in hub 1 but not yet available for purchase
    product = _product(gql, world)
    assert product["isAvailableForPurchase"] is False
    assert product["isAvailable"] is False
    assert product["availableForPurchaseAt"] is None
    # when the purchase date has passed
    _make_available(world)
    product = _product(gql, world)
    # then it can be bought, while the hub's pickup point has units
    assert product["isAvailableForPurchase"] is True
    assert product["isAvailable"] is True
    assert product["availableForPurchaseAt"] is not None
    # and not once the stock is gone
    world.variant_a.stocks.update(quantity=0)
    assert _product(gql, world)["isAvailable"] is False


def test_quantity_available_subtracts_other_checkouts_reservations(gql, world):
    # given 7 units in hub 1's pickup point, 3 reserved by someone's cart, 1 allocated
    stock = world.variant_a.stocks.get()
    stock.quantity_allocated = 1
    stock.save()
    line = CheckoutLineFactory(variant=world.variant_a, checkout__channel=world.channel1)
    ReservationFactory(checkout_line=line, stock=stock, quantity_reserved=3)
    # and an expired reservation, which holds nothing
    old_line = CheckoutLineFactory(variant=world.variant_a, checkout__channel=world.channel1)
    ReservationFactory(
        checkout_line=old_line,
        stock=stock,
        quantity_reserved=2,
        reserved_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    # when a shopper opens the product
    node = _product(gql, world)["productVariants"]["edges"][0]["node"]
    # then 7 - 1 - 3 units can still be bought
    assert node["quantityAvailable"] == 3


def test_quantity_available_counts_only_the_channels_warehouses(gql, world):
    # given units of variant A in coop B's store room, which serves hub 2 only
    StockFactory(warehouse=world.store_b, product_variant=world.variant_a, quantity=40)
    # when a shopper in hub 1 opens product A
    node = _product(gql, world)["productVariants"]["edges"][0]["node"]
    # then only hub 1's pickup point counts
    assert node["quantityAvailable"] == 7


@override_settings(MAX_CHECKOUT_LINE_QUANTITY=5)
def test_quantity_available_is_capped_at_the_line_limit(gql, world):
    # given 7 units and a checkout line limit of 5; and a variant not tracking inventory
    untracked = ProductVariantFactory(product=world.product_a, sku="A-U", track_inventory=False)
    ProductVariantChannelListingFactory(
        variant=untracked, channel=world.channel1, price_amount=Decimal(1_000)
    )
    # when a shopper opens the product
    nodes = _product(gql, world)["productVariants"]["edges"]
    # then both show at most the limit, as Saleor does
    assert {edge["node"]["sku"]: edge["node"]["quantityAvailable"] for edge in nodes} == {
        "A-1": 5,
        "A-U": 5,
    }


def test_product_variants_connection_pages(gql, world):
    # given three variants
    for n in (2, 3):
        ProductVariantFactory(product=world.product_a, sku=f"A-{n}", sort_order=n)
    world.variant_a.sort_order = 1
    world.variant_a.save()
    query = """
    query ($id: ID!, $channel: String, $after: String) {
      product(id: $id, channel: $channel) {
        productVariants(first: 2, after: $after) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { node { sku } }
        }
      }
    }"""
    variables = {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug}
    # when the storefront pages through them
    first = gql.execute(query, variables)["data"]["product"]["productVariants"]
    second = gql.execute(query, {**variables, "after": first["pageInfo"]["endCursor"]})
    second = second["data"]["product"]["productVariants"]
    # then it gets two, then the last one
    assert first["totalCount"] == 3
    assert [edge["node"]["sku"] for edge in first["edges"]] == ["A-1", "A-2"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["sku"] for edge in second["edges"]] == ["A-3"]
    assert second["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": second["pageInfo"]["endCursor"],
    }


def test_attributes_are_empty_lists_without_values(gql, world):
    product = _product(gql, world)
    assert product["attributes"] == []
    node = product["productVariants"]["edges"][0]["node"]
    assert node["selection"] == []
    assert node["all"] == []


def test_selected_attributes_group_values_and_honour_variant_selection(gql, world):
    # given a product attribute value and two variant attributes, one for selection
    flavour = Attribute.objects.create(name="Rasa", slug="rasa")
    pedas = AttributeValue.objects.create(attribute=flavour, name="Pedas", slug="pedas")
    AssignedProductAttributeValue.objects.create(product=world.product_a, value=pedas)
    size = Attribute.objects.create(name="Ukuran", slug="ukuran")
    small = AttributeValue.objects.create(attribute=size, name="100 g", slug="100-g")
    origin = Attribute.objects.create(name="Asal", slug="asal")
    pecatu = AttributeValue.objects.create(attribute=origin, name="Pecatu", slug="pecatu")
    product_type = world.product_a.product_type
    AttributeVariant.objects.create(
        attribute=size, product_type=product_type, variant_selection=True
    )
    AttributeVariant.objects.create(attribute=origin, product_type=product_type)
    AssignedVariantAttributeValue.objects.create(variant=world.variant_a, value=small)
    AssignedVariantAttributeValue.objects.create(variant=world.variant_a, value=pecatu)
    # when the product page loads
    product = _product(gql, world)
    # then
    assert product["attributes"] == [{"attribute": {"slug": "rasa"}, "values": [{"slug": "pedas"}]}]
    node = product["productVariants"]["edges"][0]["node"]
    assert node["selection"] == [{"attribute": {"slug": "ukuran"}, "values": [{"name": "100 g"}]}]
    assert node["all"] == [{"attribute": {"slug": "ukuran"}}, {"attribute": {"slug": "asal"}}]


def test_seo_fields_fall_back_to_name_and_description(gql, world):
    world.product_a.description_plaintext = "Keripik   singkong\\nrenyah " + "x" * 400
    world.product_a.save()
    product = _product(gql, world)
    assert product["seoTitle"] == world.product_a.name
    assert product["seoDescription"].startswith("Keripik singkong\\nrenyah x")
    assert len(product["seoDescription"]) == 300


def test_default_and_legacy_variant_fields(gql, world):
    product = _product(gql, world)
    assert product["defaultVariant"] == {"sku": "A-1"}
    assert product["variants"] == [{"sku": "A-1"}]


# --- channel rules -----------------------------------------------------------------------

PRODUCTS = """
query ($channel: String) {
  products(first: 10, channel: $channel) { edges { node { slug pricing { priceRange { start {
    gross { amount } } } } } } }
}
"""


def test_products_without_channel_is_an_error_with_several_channels(gql, world):
    # given two hubs' channels, both active
    assert Channel.objects.count() == 2
    # when an anonymous storefront omits the channel
    result = gql.execute(PRODUCTS, {})
    # then Saleor's error, no data
    assert result["data"]["products"] is None
    assert result["errors"][0]["message"] == (
        "More than one channel exists. Specify which channel to use."
    )


def test_products_without_channel_uses_the_only_active_channel(gql, world):
    # given hub 2's channel deactivated
    Channel.objects.filter(pk=world.channel2.pk).update(is_active=False)
    Channel.objects.filter(pk=world.channel1.pk).update(is_active=True)
    # when the storefront omits the channel
    result = gql.execute(PRODUCTS, {})
    # then hub 1's shop is shown, with its prices
    assert "errors" not in result, result
    edges = result["data"]["products"]["edges"]
    assert edges == [
        {
            "node": {
                "slug": "keripik-a",
                "pricing": {"priceRange": {"start": {"gross": {"amount": 15000.0}}}},
            }
        }
    ]


def test_staff_may_list_products_without_channel(gql, world):
    result = gql.execute(PRODUCTS, {}, token=token_for(world.platform))
    assert "errors" not in result, result
    slugs = {edge["node"]["slug"] for edge in result["data"]["products"]["edges"]}
    assert slugs == {"keripik-a", "rahasia-a", "keripik-b"}


def test_anonymous_sees_only_published_visible_products_of_the_channel(gql, world):
    # given product A hidden from listings in hub 1
    result = gql.execute(PRODUCTS, {"channel": world.channel1.slug})
    assert [e["node"]["slug"] for e in result["data"]["products"]["edges"]] == ["keripik-a"]
    ProductChannelListing.objects.filter(product=world.product_a).update(visible_in_listings=False)
    # when listing hub 1's products
    result = gql.execute(PRODUCTS, {"channel": world.channel1.slug})
    # then nothing is listed, but the product page still opens (Saleor's rule)
    assert result["data"]["products"]["edges"] == []
    assert _product(gql, world)["name"] == world.product_a.name
    # and a product of hub 2 is not found in hub 1
    assert (
        gql.execute(
            "query ($id: ID, $c: String) { product(id: $id, channel: $c) { id } }",
            {"id": gid("Product", world.product_b.pk), "c": world.channel1.slug},
        )["data"]["product"]
        is None
    )


def test_anonymous_reads_only_channel_id_slug_and_countries(gql, world):
    query = """query ($slug: String) { channel(slug: $slug) { id slug countries { code } } }"""
    result = gql.execute(query, {"slug": world.channel1.slug})
    assert "errors" not in result, result
    assert result["data"]["channel"]["slug"] == world.channel1.slug
    result = gql.execute(
        """query ($slug: String) { channel(slug: $slug) { slug name } }""",
        {"slug": world.channel1.slug},
    )
    assert permission_denied(result)
    assert result["data"]["channel"] is None or result["data"]["channel"]["name"] is None


ASSIGNED = """
query ($id: ID, $channel: String) {
  product(id: $id, channel: $channel) {
    bestseller: assignedAttribute(slug: "bestseller") {
      ... on AssignedBooleanAttribute { value }
    }
    missing: assignedAttribute(slug: "nope") { attribute { slug } }
    assignedAttributes(limit: 50) {
      attribute { slug inputType }
      ... on AssignedPlainTextAttribute { text: value }
      ... on AssignedNumericAttribute { number: value }
      ... on AssignedSingleChoiceAttribute { choice: value { name slug } }
      ... on AssignedMultiChoiceAttribute { choices: value { name slug } }
    }
  }
}
"""


def test_assigned_attributes_as_the_storefront_reads_them(gql, world):
    # given boolean, numeric, plain text, dropdown and multiselect values on product A
    def value(slug: str, input_type: str, **fields):
        attribute = Attribute.objects.get_or_create(
            slug=slug, defaults={"name": slug.title(), "input_type": input_type}
        )[0]
        row = AttributeValue.objects.create(
            attribute=attribute,
            name=fields.pop("name", slug),
            slug=fields.pop("value_slug", f"{slug}-{AttributeValue.objects.count()}"),
            **fields,
        )
        AssignedProductAttributeValue.objects.create(product=world.product_a, value=row)

    value("bestseller", "boolean", boolean=True)
    value("berat-bersih", "numeric", name="250")
    value("catatan", "plain-text", plain_text="Tanpa pengawet")
    value("rasa", "dropdown", name="Pedas", value_slug="pedas")
    value("bahan", "multiselect", name="Singkong", value_slug="singkong")
    value("bahan", "multiselect", name="Cabai", value_slug="cabai")
    # when the storefront's product card and page query them
    result = gql.execute(
        ASSIGNED, {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug}
    )
    # then
    assert "errors" not in result, result
    product = result["data"]["product"]
    assert product["bestseller"] == {"value": True}
    assert product["missing"] is None
    assert product["assignedAttributes"] == [
        {"attribute": {"slug": "bestseller", "inputType": "BOOLEAN"}},
        {"attribute": {"slug": "berat-bersih", "inputType": "NUMERIC"}, "number": 250.0},
        {"attribute": {"slug": "catatan", "inputType": "PLAIN_TEXT"}, "text": "Tanpa pengawet"},
        {
            "attribute": {"slug": "rasa", "inputType": "DROPDOWN"},
            "choice": {"name": "Pedas", "slug": "pedas"},
        },
        {
            "attribute": {"slug": "bahan", "inputType": "MULTISELECT"},
            "choices": [
                {"name": "Singkong", "slug": "singkong"},
                {"name": "Cabai", "slug": "cabai"},
            ],
        },
    ]


def test_storefront_variant_attribute_selection_fields_resolve(gql, world):
    # the saleor/storefront product card selects these; without translations they are null
    size = Attribute.objects.create(name="Ukuran", slug="ukuran")
    small = AttributeValue.objects.create(attribute=size, name="100 g", slug="100-g")
    AttributeVariant.objects.create(
        attribute=size, product_type=world.product_a.product_type, variant_selection=True
    )
    AssignedVariantAttributeValue.objects.create(variant=world.variant_a, value=small)
    query = """
    query ($id: ID, $channel: String) {
      product(id: $id, channel: $channel) {
        productVariants(first: 50) { edges { node {
          attributes(variantSelection: VARIANT_SELECTION) {
            attribute { slug name inputType translation(languageCode: EN) { name } }
            values { name slug value translation(languageCode: EN) { name } file { url } }
          }
        } } }
      }
    }"""
    result = gql.execute(
        query, {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug}
    )
    assert "errors" not in result, result
    (edge,) = result["data"]["product"]["productVariants"]["edges"]
    assert edge["node"]["attributes"] == [
        {
            "attribute": {
                "slug": "ukuran", "name": "Ukuran", "inputType": "DROPDOWN", "translation": None,
            },
            "values": [
                {"name": "100 g", "slug": "100-g", "value": None, "translation": None, "file": None}
            ],
        }
    ]  # fmt: skip


def test_products_where_filter(gql, world):
    # given a second product in hub 1, in another category
    other = ProductFactory(
        cooperative=world.coop_a, slug="kopi-a", category=CategoryFactory(slug="minuman")
    )
    ProductChannelListingFactory(product=other, channel=world.channel1)
    query = """
    query ($channel: String, $where: ProductWhereInput) {
      products(first: 10, channel: $channel, where: $where) { edges { node { slug } } }
    }"""

    def slugs(where):
        result = gql.execute(query, {"channel": world.channel1.slug, "where": where})
        assert "errors" not in result, result
        return [edge["node"]["slug"] for edge in result["data"]["products"]["edges"]]

    camilan = gid("Category", world.product_a.category_id)
    assert slugs(None) == ["keripik-a", "kopi-a"]
    assert slugs({"category": {"eq": camilan}}) == ["keripik-a"]
    assert slugs({"slug": {"oneOf": ["kopi-a", "keripik-b"]}}) == ["kopi-a"]
    assert slugs({"OR": [{"slug": {"eq": "kopi-a"}}, {"category": {"oneOf": [camilan]}}]}) == [
        "keripik-a",
        "kopi-a",
    ]
    assert slugs({"AND": [{"hasCategory": True}, {"name": {"eq": other.name}}]}) == ["kopi-a"]


# --- Saleor's fields a storefront may still read ---------------------------------------

LEGACY_FIELDS = """
query ($id: ID!, $channel: String, $media: ID!) {
  product(id: $id, channel: $channel) {
    description descriptionJson mediaById(id: $media) { alt }
    pricing { priceRangePrior { start { gross { amount } } } discountPrior { currency } }
    productVariants(first: 1) { edges { node {
      pricing { pricePrior { currency } } preorder { endDate }
    } } }
  }
}
"""


def test_media_by_id_description_json_and_prior_prices(gql, world):
    world.product_a.description = {"blocks": [{"type": "paragraph", "data": {"text": "Renyah"}}]}
    world.product_a.save()
    ProductMedia.objects.create(product=world.product_a, image="products/a.jpg", alt="depan")
    photo = ProductMedia.objects.create(product=world.product_a, image="products/b.jpg", alt="isi")
    product = gql.execute(
        LEGACY_FIELDS,
        {
            "id": gid("Product", world.product_a.pk),
            "channel": world.channel1.slug,
            "media": gid("ProductMedia", photo.pk),
        },
    )["data"]["product"]
    assert product["descriptionJson"] == product["description"]
    assert "Renyah" in product["descriptionJson"]
    assert product["mediaById"] == {"alt": "isi"}
    # Lumbung keeps no price history: Saleor's prior prices are null
    assert product["pricing"] == {"priceRangePrior": None, "discountPrior": None}
    variant = product["productVariants"]["edges"][0]["node"]
    assert variant == {"pricing": {"pricePrior": None}, "preorder": None}
