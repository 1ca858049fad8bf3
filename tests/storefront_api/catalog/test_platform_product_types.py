"""A cooperative sells one product in two sizes under the platform's product type."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import ProductType
from marketplace.catalog.platform_types import platform_product_types_ensure
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

PRODUCT_TYPES = """
{ productTypes(first: 10) { edges { node { slug hasVariants
  variantAttributes { slug choices(first: 10) { edges { node { name } } } } } } } }
"""
PRODUCT_CREATE = """
mutation ($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id productType { slug } } errors { field code } }
}
"""
VARIANT_CREATE = """
mutation ($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) {
    productVariant { id sku attributes { attribute { slug } values { name } } }
    errors { field message code }
  }
}
"""
LISTING_UPDATE = """
mutation ($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) { errors { field code } }
}
"""
PRICE_UPDATE = """
mutation ($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) { errors { field code } }
}
"""
STOCKS_UPDATE = """
mutation ($variantId: ID, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) { errors { field code } }
}
"""
PRODUCT = """
query ($id: ID!, $channel: String) { product(id: $id, channel: $channel) {
  variants { sku attributes { values { name } } quantityAvailable
    pricing { price { gross { amount } } } channelListings { price { amount } } } } }
"""
PRODUCT_TYPE_CREATE = """
mutation { productTypeCreate(input: {name: "Sayur"}) { productType { id } errors { code } } }
"""


def test_cooperative_admin_sells_one_product_in_250_g_and_500_g(gql, world):
    packaged_food = platform_product_types_ensure()["makanan-kemasan"]
    token = token_for(world.staff_a)

    types = gql.execute(PRODUCT_TYPES, token=token)["data"]["productTypes"]["edges"]
    (listed,) = [e["node"] for e in types if e["node"]["slug"] == "makanan-kemasan"]
    assert listed["hasVariants"] is True
    (size,) = listed["variantAttributes"]
    assert size["slug"] == "ukuran-berat"
    assert [e["node"]["name"] for e in size["choices"]["edges"]] == [
        "100 g", "150 g", "200 g", "250 g", "500 g", "1 kg", "5 kg",
    ]  # fmt: skip

    created = gql.execute(
        PRODUCT_CREATE,
        {
            "input": {
                "productType": gid("ProductType", packaged_food.pk),
                "category": gid("Category", world.product_a.category_id),
                "name": "Gula Semut Aren",
                "weight": 250,
            }
        },
        token=token,
    )["data"]["productCreate"]
    assert created["errors"] == []
    product_id = created["product"]["id"]
    listed = gql.execute(
        LISTING_UPDATE,
        {
            "id": product_id,
            "input": {
                "updateChannels": [
                    {"channelId": gid("Channel", world.channel1.pk), "isPublished": True}
                ]
            },
        },
        token=token,
    )
    assert listed["data"]["productChannelListingUpdate"]["errors"] == []
    size_id = gid("Attribute", packaged_food.variant_attributes.get().pk)
    for value, sku, price, stock in (
        ("250 g", "GSA-250", 23000, 40),
        ("500 g", "GSA-500", 42000, 25),
    ):
        variant = gql.execute(
            VARIANT_CREATE,
            {
                "input": {
                    "product": product_id,
                    "sku": sku,
                    "attributes": [{"id": size_id, "values": [value]}],
                }
            },
            token=token,
        )["data"]["productVariantCreate"]
        assert variant["errors"] == []
        assert variant["productVariant"]["attributes"] == [
            {"attribute": {"slug": "ukuran-berat"}, "values": [{"name": value}]}
        ]
        variant_id = variant["productVariant"]["id"]
        priced = gql.execute(
            PRICE_UPDATE,
            {
                "id": variant_id,
                "input": [{"channelId": gid("Channel", world.channel1.pk), "price": price}],
            },
            token=token,
        )
        assert priced["data"]["productVariantChannelListingUpdate"]["errors"] == []
        stocked = gql.execute(
            STOCKS_UPDATE,
            {
                "variantId": variant_id,
                "stocks": [{"warehouse": gid("Warehouse", world.pickup1.pk), "quantity": stock}],
            },
            token=token,
        )
        assert stocked["data"]["productVariantStocksUpdate"]["errors"] == []

    product = gql.execute(PRODUCT, {"id": product_id}, token=token)["data"]["product"]
    assert [
        (
            v["sku"],
            v["attributes"][0]["values"][0]["name"],
            v["channelListings"][0]["price"]["amount"],
        )
        for v in product["variants"]
    ] == [("GSA-250", "250 g", 23000.0), ("GSA-500", "500 g", 42000.0)]
    assert [
        v.stocks.get().quantity for v in packaged_food.products.get().variants.order_by("sku")
    ] == [40, 25]


def test_platform_types_are_created_once_and_cooperatives_still_cannot_make_types(gql, world):
    first = platform_product_types_ensure()
    second = platform_product_types_ensure()

    assert first == second
    assert ProductType.objects.filter(slug="makanan-kemasan").count() == 1
    assert permission_denied(gql.execute(PRODUCT_TYPE_CREATE, token=token_for(world.staff_a)))
    assert ProductType.objects.filter(name="Sayur").count() == 0
