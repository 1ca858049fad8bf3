"""Who sees which products, listings, cost prices and stock."""

from __future__ import annotations

import pytest

from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

PRODUCTS = """
query ($channel: String, $filter: ProductFilterInput, $sortBy: ProductOrder, $search: String) {
  products(first: 20, channel: $channel, filter: $filter, sortBy: $sortBy, search: $search) {
    totalCount
    edges { node { slug channel category { slug } productType { slug } weight { unit value } } }
  }
}
"""
PRODUCT = """
query ($id: ID, $slug: String, $channel: String) {
  product(id: $id, slug: $slug, channel: $channel) {
    id name slug channel description created updatedAt rating
    category { name slug level parent { slug } }
    variants { sku name trackInventory channelListings { channel { slug } price { amount currency } costPrice { amount } } }
    defaultVariant { sku }
    permits { halal { number } pirt { number expired expiryYear } bpom { number } }
  }
}
"""  # noqa: E501


def slugs(gql, token=None, **variables) -> list[str]:
    result = gql.execute(PRODUCTS, variables, token=token)
    assert "errors" not in result, result
    return [edge["node"]["slug"] for edge in result["data"]["products"]["edges"]]


@pytest.mark.parametrize(
    ("role", "channel", "expected"),
    [
        ("anonymous", "channel1", ["keripik-a"]),
        ("customer", "channel1", ["keripik-a"]),
        ("staff_a", "channel1", ["keripik-a", "rahasia-a"]),
        ("staff_b", "channel1", ["keripik-a"]),
        ("operator1", "channel1", ["keripik-a", "rahasia-a"]),
        ("operator2", "channel1", ["keripik-a"]),
        ("platform", "channel1", ["keripik-a", "rahasia-a"]),
        # anonymous without a channel: Saleor's default-channel rule (test_storefront_browsing)
        ("staff_b", None, ["keripik-a", "keripik-b"]),
        ("staff_a", None, ["keripik-a", "keripik-b", "rahasia-a"]),
        ("platform", None, ["keripik-a", "keripik-b", "rahasia-a"]),
    ],
)
def test_products_visible_per_role(gql, world, role, channel, expected):
    channel_slug = getattr(world, channel).slug if channel else None
    assert slugs(gql, token_for(world.user(role)), channel=channel_slug) == expected


def test_products_in_unknown_channel_are_empty(gql, world):
    assert slugs(gql, channel="no-such-channel") == []


def test_products_filter_search_and_sort(gql, world):
    product_a = world.product_a
    # one active channel: requests without a channel use it (Saleor's default channel)
    world.channel1.is_active = False
    world.channel1.save()
    world.channel2.is_active = True
    world.channel2.save()
    world.product_a.channel_listings.update(channel=world.channel2)
    assert slugs(gql, filter={"ids": [gid("Product", product_a.pk)]}) == ["keripik-a"]
    assert slugs(gql, filter={"slugs": ["keripik-b"]}) == ["keripik-b"]
    assert slugs(gql, search="B-1") == ["keripik-b"]
    assert slugs(gql, sortBy={"field": "NAME", "direction": "DESC"}) == sorted(
        ["keripik-a", "keripik-b"],
        key=lambda s: {"keripik-a": world.product_a.name, "keripik-b": world.product_b.name}[s],
        reverse=True,
    )
    category = gid("Category", product_a.category_id)
    assert slugs(gql, filter={"categories": [category]}) == ["keripik-a", "keripik-b"]


def test_product_by_slug_in_channel_shows_fields_and_prices_to_its_cooperative(gql, world):
    result = gql.execute(
        PRODUCT,
        {"slug": "keripik-a", "channel": world.channel1.slug},
        token=token_for(world.staff_a),
    )
    product = result["data"]["product"]
    assert product["id"] == gid("Product", world.product_a.pk)
    assert product["channel"] == world.channel1.slug
    assert product["category"] == {"name": "Camilan", "slug": "camilan", "level": 0, "parent": None}
    assert product["variants"] == [
        {
            "sku": "A-1",
            "name": "250 g",
            "trackInventory": True,
            "channelListings": [
                {
                    "channel": {"slug": world.channel1.slug},
                    "price": {"amount": 15000.0, "currency": "IDR"},
                    "costPrice": {"amount": 9000.0},
                }
            ],
        }
    ]
    assert product["defaultVariant"] == {"sku": "A-1"}
    assert product["permits"] == {"halal": None, "pirt": None, "bpom": None}


def test_other_cooperative_sees_no_cost_price_and_anonymous_no_listings(gql, world):
    # another cooperative's staff: listings of other channels hidden, cost price null
    result = gql.execute(
        PRODUCT, {"id": gid("Product", world.product_a.pk)}, token=token_for(world.staff_b)
    )
    assert result["data"]["product"]["variants"][0]["channelListings"] == []
    # the hub operator of channel 1 sees the price but not the cost price
    result = gql.execute(
        PRODUCT, {"id": gid("Product", world.product_a.pk)}, token=token_for(world.operator1)
    )
    listing = result["data"]["product"]["variants"][0]["channelListings"][0]
    assert listing["price"] == {"amount": 15000.0, "currency": "IDR"}
    assert listing["costPrice"] is None
    # anonymous: Saleor's staff-only field is denied
    result = gql.execute(PRODUCT, {"id": gid("Product", world.product_a.pk)})
    assert permission_denied(result)
    assert result["data"]["product"]["variants"][0]["channelListings"] is None


def test_unpublished_product_is_hidden_from_other_cooperatives(gql, world):
    hidden = gid("Product", world.hidden_a.pk)
    for role in ("anonymous", "customer", "staff_b", "operator2"):
        result = gql.execute(PRODUCT, {"id": hidden}, token=token_for(world.user(role)))
        assert result["data"]["product"] is None, role
    for role in ("staff_a", "operator1", "platform"):
        result = gql.execute(PRODUCT, {"id": hidden}, token=token_for(world.user(role)))
        assert result["data"]["product"]["slug"] == "rahasia-a", role


STOCKS = """
query ($id: ID!) {
  productVariant(id: $id) { sku product { slug } stocks { warehouse { slug } quantity quantityAllocated } }
}
"""  # noqa: E501


def test_stock_is_visible_only_within_scope(gql, world):
    variant = gid("ProductVariant", world.variant_a.pk)
    for role in ("staff_a", "operator1", "platform"):
        result = gql.execute(STOCKS, {"id": variant}, token=token_for(world.user(role)))
        assert result["data"]["productVariant"]["stocks"] == [
            {"warehouse": {"slug": world.pickup1.slug}, "quantity": 7, "quantityAllocated": 0}
        ], role
    result = gql.execute(STOCKS, {"id": variant}, token=token_for(world.staff_b))
    assert result["data"]["productVariant"]["stocks"] == []
    for role in ("anonymous", "customer"):
        result = gql.execute(STOCKS, {"id": variant}, token=token_for(world.user(role)))
        assert permission_denied(result)
        assert result["data"]["productVariant"]["stocks"] is None


def test_product_variant_by_sku_and_hidden_variants(gql, world):
    query = "query ($sku: String) { productVariant(sku: $sku) { sku product { slug } } }"
    result = gql.execute(query, {"sku": "A-1"})
    assert result["data"]["productVariant"] == {"sku": "A-1", "product": {"slug": "keripik-a"}}
    hidden_variant = world.hidden_a.variants.create(sku="H-1")
    assert gql.execute(query, {"sku": hidden_variant.sku})["data"]["productVariant"] is None


def test_bad_product_id_is_a_graphql_error(gql, world):
    result = gql.execute(PRODUCT, {"id": gid("Category", 1)})
    assert result["data"]["product"] is None
    assert result["errors"][0]["message"] == "Must receive a Product id."


@pytest.mark.usefixtures("empty_taxonomy")
def test_categories_product_types_and_attributes(gql, world):
    child = world.product_a.category.children.create(name="Keripik", slug="keripik", level=1)
    query = """
    query ($channel: String) {
      categories(first: 10, level: 0) {
        totalCount
        edges { node { slug level children(first: 5) { edges { node { slug parent { slug } } } } } }
      }
      category(slug: "camilan") {
        products(first: 10, channel: $channel) { edges { node { slug } } }
      }
      productTypes(first: 10) { edges { node { slug hasVariants isShippingRequired kind } } }
      attributes(first: 10) { totalCount }
    }
    """
    result = gql.execute(query, {"channel": world.channel1.slug})
    assert "errors" not in result, result
    data = result["data"]
    assert data["categories"]["totalCount"] == 1
    assert data["categories"]["edges"][0]["node"]["children"]["edges"] == [
        {"node": {"slug": child.slug, "parent": {"slug": "camilan"}}}
    ]
    assert data["category"]["products"]["edges"] == [{"node": {"slug": "keripik-a"}}]
    assert data["productTypes"]["edges"][0]["node"]["kind"] == "NORMAL"
    assert data["attributes"]["totalCount"] == 0
