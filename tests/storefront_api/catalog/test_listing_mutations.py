"""Channel listings, prices and stock: productChannelListingUpdate,
productVariantChannelListingUpdate, productVariantStocksUpdate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.catalog.models import ProductChannelListing, ProductVariantChannelListing
from marketplace.warehouses.models import Stock
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

LISTING_UPDATE = """
mutation ($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) {
    product { slug channelListings { channel { slug } isPublished visibleInListings publishedAt } }
    errors { field message code }
    productChannelListingErrors { field code }
  }
}
"""
PRICE_UPDATE = """
mutation ($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) {
    variant { sku channelListings { channel { slug } price { amount currency } costPrice { amount currency } } }
    errors { field message code }
  }
}
"""  # noqa: E501
STOCKS_UPDATE = """
mutation ($variantId: ID, $sku: String, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, sku: $sku, stocks: $stocks) {
    productVariant { sku stocks { warehouse { slug } quantity } }
    errors { field message code index }
    bulkStockErrors { field code index }
  }
}
"""


def publish(world, channel, product=None, published=True) -> dict:
    return {
        "id": gid("Product", (product or world.hidden_a).pk),
        "input": {
            "updateChannels": [
                {
                    "channelId": gid("Channel", channel.pk),
                    "isPublished": published,
                    "visibleInListings": published,
                }
            ]
        },
    }


def listing(world, product=None, channel=None) -> ProductChannelListing:
    return ProductChannelListing.objects.get(
        product=product or world.hidden_a, channel=channel or world.channel1
    )


@pytest.mark.parametrize("role", ["staff_a", "operator1", "platform"])
def test_publish_in_channel_by_cooperative_hub_operator_or_platform(gql, world, role):
    result = gql.execute(
        LISTING_UPDATE, publish(world, world.channel1), token=token_for(world.user(role))
    )
    payload = result["data"]["productChannelListingUpdate"]
    assert payload["errors"] == []
    assert payload["productChannelListingErrors"] == []
    listed = payload["product"]["channelListings"][0]
    assert listed["isPublished"] is True
    assert listed["visibleInListings"] is True
    assert listed["publishedAt"] is not None
    assert listing(world).is_published is True


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_b", "operator2"])
def test_publish_denied_outside_scope(gql, world, role):
    result = gql.execute(
        LISTING_UPDATE, publish(world, world.channel1), token=token_for(world.user(role))
    )
    assert permission_denied(result)
    assert result["data"]["productChannelListingUpdate"] is None
    assert listing(world).is_published is False


def test_hub_operator_of_hub_1_cannot_touch_hub_2_channel(gql, world):
    result = gql.execute(
        LISTING_UPDATE,
        publish(world, world.channel2, product=world.product_b, published=False),
        token=token_for(world.operator1),
    )
    assert permission_denied(result)
    assert listing(world, world.product_b, world.channel2).is_published is True
    # nor remove the listing
    result = gql.execute(
        LISTING_UPDATE,
        {
            "id": gid("Product", world.product_b.pk),
            "input": {"removeChannels": [gid("Channel", world.channel2.pk)]},
        },
        token=token_for(world.operator1),
    )
    assert permission_denied(result)
    assert ProductChannelListing.objects.filter(product=world.product_b).exists()


def test_cooperative_cannot_list_in_a_hub_it_does_not_supply(gql, world):
    result = gql.execute(
        LISTING_UPDATE, publish(world, world.channel2), token=token_for(world.staff_a)
    )
    payload = result["data"]["productChannelListingUpdate"]
    assert payload["product"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("channel", "INVALID")]
    assert not ProductChannelListing.objects.filter(
        product=world.hidden_a, channel=world.channel2
    ).exists()


def test_listing_errors_for_bad_ids(gql, world):
    token = token_for(world.platform)
    variables = publish(world, world.channel1)
    variables["input"]["updateChannels"][0]["channelId"] = gid("Channel", 999_999)
    result = gql.execute(LISTING_UPDATE, variables, token=token)
    assert [
        (e["field"], e["code"]) for e in result["data"]["productChannelListingUpdate"]["errors"]
    ] == [("channelId", "NOT_FOUND")]
    variables["id"] = "bogus"
    result = gql.execute(LISTING_UPDATE, variables, token=token)
    assert result["data"]["productChannelListingUpdate"]["errors"] == [
        {"field": "id", "message": "Couldn't resolve id: bogus.", "code": "GRAPHQL_ERROR"}
    ]


def test_remove_channel_removes_prices(gql, world):
    result = gql.execute(
        LISTING_UPDATE,
        {
            "id": gid("Product", world.product_a.pk),
            "input": {"removeChannels": [gid("Channel", world.channel1.pk)]},
        },
        token=token_for(world.staff_a),
    )
    assert result["data"]["productChannelListingUpdate"]["errors"] == []
    assert not ProductVariantChannelListing.objects.filter(variant=world.variant_a).exists()


def price_input(world, price, cost_price=None) -> dict:
    item = {"channelId": gid("Channel", world.channel1.pk), "price": price}
    if cost_price is not None:
        item["costPrice"] = cost_price
    return {"id": gid("ProductVariant", world.variant_a.pk), "input": [item]}


def test_set_price_in_whole_rupiah(gql, world):
    result = gql.execute(
        PRICE_UPDATE, price_input(world, 17500, "10000"), token=token_for(world.staff_a)
    )
    assert result["data"]["productVariantChannelListingUpdate"] == {
        "variant": {
            "sku": "A-1",
            "channelListings": [
                {
                    "channel": {"slug": world.channel1.slug},
                    "price": {"amount": 17500.0, "currency": "IDR"},
                    "costPrice": {"amount": 10000.0, "currency": "IDR"},
                }
            ],
        },
        "errors": [],
    }
    stored = ProductVariantChannelListing.objects.get(variant=world.variant_a)
    assert (stored.price_amount, stored.cost_price_amount) == (Decimal(17500), Decimal(10000))


@pytest.mark.parametrize(
    ("price", "cost_price", "field", "message"),
    [
        (
            15000.5,
            None,
            "price",
            "Rupiah amounts cannot have a fraction; enter a whole number of rupiah.",
        ),
        ("15.000,00", None, "price", "Enter the amount as a whole number of rupiah, e.g. 15000."),
        (-100, None, "price", "The amount cannot be negative."),
        (10**13, None, "price", "The amount cannot be more than Rp1,000,000,000."),
        (15000, -1, "costPrice", "The amount cannot be negative."),
    ],
)
def test_bad_prices_are_refused_and_nothing_changes(gql, world, price, cost_price, field, message):
    result = gql.execute(
        PRICE_UPDATE, price_input(world, price, cost_price), token=token_for(world.staff_a)
    )
    payload = result["data"]["productVariantChannelListingUpdate"]
    assert payload == {
        "variant": None,
        "errors": [{"field": field, "message": message, "code": "INVALID"}],
    }
    stored = ProductVariantChannelListing.objects.get(variant=world.variant_a)
    assert stored.price_amount == Decimal(15000)


def test_bad_price_literal_in_query_text_is_also_errors_as_data(gql, world):
    variant = gid("ProductVariant", world.variant_a.pk)
    channel = gid("Channel", world.channel1.pk)
    query = f"""
    mutation {{ productVariantChannelListingUpdate(
      id: "{variant}", input: [{{channelId: "{channel}", price: -5}}]
    ) {{ errors {{ field code }} }} }}
    """
    result = gql.execute(query, token=token_for(world.staff_a))
    assert result["data"]["productVariantChannelListingUpdate"]["errors"] == [
        {"field": "price", "code": "INVALID"}
    ]


def test_price_in_channel_without_listing_is_refused(gql, world):
    variables = price_input(world, 1000)
    variables["id"] = gid("ProductVariant", world.variant_b.pk)
    variables["input"][0]["channelId"] = gid("Channel", world.channel2.pk)
    world.variant_b.product.channel_listings.all().delete()
    result = gql.execute(PRICE_UPDATE, variables, token=token_for(world.staff_b))
    assert [
        (e["field"], e["code"])
        for e in result["data"]["productVariantChannelListingUpdate"]["errors"]
    ] == [("channel", "PRODUCT_NOT_ASSIGNED_TO_CHANNEL")]


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_b", "operator1"])
def test_prices_denied_outside_cooperative(gql, world, role):
    result = gql.execute(PRICE_UPDATE, price_input(world, 1), token=token_for(world.user(role)))
    assert permission_denied(result)
    assert ProductVariantChannelListing.objects.get(variant=world.variant_a).price_amount == 15000


def test_stocks_update(gql, world):
    result = gql.execute(
        STOCKS_UPDATE,
        {
            "sku": "A-1",
            "stocks": [{"warehouse": gid("Warehouse", world.pickup1.pk), "quantity": 12}],
        },
        token=token_for(world.staff_a),
    )
    payload = result["data"]["productVariantStocksUpdate"]
    assert payload["errors"] == []
    assert payload["bulkStockErrors"] == []
    assert payload["productVariant"]["stocks"] == [
        {"warehouse": {"slug": world.pickup1.slug}, "quantity": 12}
    ]


def test_stocks_update_errors_carry_the_index(gql, world):
    token = token_for(world.staff_a)
    pickup = gid("Warehouse", world.pickup1.pk)
    result = gql.execute(
        STOCKS_UPDATE,
        {
            "variantId": gid("ProductVariant", world.variant_a.pk),
            "stocks": [
                {"warehouse": pickup, "quantity": 1},
                {"warehouse": gid("Warehouse", world.store_b.pk), "quantity": 1},
            ],
        },
        token=token,
    )
    errors = result["data"]["productVariantStocksUpdate"]["errors"]
    assert [(e["field"], e["code"], e["index"]) for e in errors] == [("warehouse", "INVALID", 1)]
    result = gql.execute(
        STOCKS_UPDATE,
        {"sku": "A-1", "stocks": [{"warehouse": pickup, "quantity": -3}]},
        token=token,
    )
    errors = result["data"]["productVariantStocksUpdate"]["errors"]
    assert [(e["field"], e["code"], e["index"]) for e in errors] == [("quantity", "INVALID", 0)]
    assert Stock.objects.get(product_variant=world.variant_a).quantity == 7


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_b", "operator1"])
def test_stocks_denied_outside_cooperative(gql, world, role):
    result = gql.execute(
        STOCKS_UPDATE,
        {
            "sku": "A-1",
            "stocks": [{"warehouse": gid("Warehouse", world.pickup1.pk), "quantity": 0}],
        },
        token=token_for(world.user(role)),
    )
    assert permission_denied(result)
    assert Stock.objects.get(product_variant=world.variant_a).quantity == 7
