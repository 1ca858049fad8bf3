"""What older storefronts still send: ``checkoutLineDelete`` (removed in Saleor 3.24) and
``shop { availableShippingMethods(channel:, address:) }`` (react-storefront)."""

from __future__ import annotations

import pytest
from graphql_relay import from_global_id

from marketplace.checkout.models import CheckoutLine
from marketplace.warehouses.models import Stock
from tests.factories.shipping import ShippingMethodFactory
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.checkout.test_storefront_flow import _create_cart
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

# react-storefront / plasmic shapes
LINE_DELETE_TOKEN = """
mutation RemoveProductFromCheckout($checkoutToken: UUID!, $lineId: ID!) {
  checkoutLineDelete(token: $checkoutToken, lineId: $lineId) {
    checkout { id lines { id variant { id } } }
    errors { field message code }
  }
}"""
LINE_DELETE_CHECKOUT_ID = """
mutation ($checkoutId: ID!, $lineId: ID!) {
  checkoutLineDelete(checkoutId: $checkoutId, lineId: $lineId) {
    checkout { lines { id } } checkoutErrors { code } errors { field code }
  }
}"""
SHOP_SHIPPING = """
query ($channel: String!, $address: AddressInput) {
  shop {
    availableShippingMethods(channel: $channel, address: $address) {
      id name price { amount currency } minimumDeliveryDays maximumDeliveryDays
      translation(languageCode: EN) { id name }
    }
  }
}"""


def test_legacy_line_delete_by_token_and_by_checkout_id(gql: GraphQLClient, shop: Shop):
    checkout = _create_cart(gql, shop)
    lines = {line.variant_id: line for line in CheckoutLine.objects.all()}
    token = checkout["id"]
    uuid = from_global_id(token)[1]
    reserved = Stock.objects.get(product_variant=shop.beras).reservations.count()
    assert reserved == 1
    # when: react-storefront removes the rice by the checkout token
    removed = gql.execute(
        LINE_DELETE_TOKEN,
        {"checkoutToken": uuid, "lineId": gid("CheckoutLine", lines[shop.beras.pk].pk)},
    )["data"]["checkoutLineDelete"]
    # then: the line and its stock reservation are gone
    assert removed["errors"] == []
    assert removed["checkout"]["lines"] == [
        {
            "id": gid("CheckoutLine", lines[shop.kopi.pk].pk),
            "variant": {"id": gid("ProductVariant", shop.kopi.pk)},
        }  # noqa: E501
    ]
    assert not Stock.objects.get(product_variant=shop.beras).reservations.exists()

    # when: plasmic removes the coffee with the deprecated checkoutId
    emptied = gql.execute(
        LINE_DELETE_CHECKOUT_ID,
        {"checkoutId": token, "lineId": gid("CheckoutLine", lines[shop.kopi.pk].pk)},
    )["data"]["checkoutLineDelete"]
    assert emptied == {"checkout": {"lines": []}, "checkoutErrors": [], "errors": []}


def test_line_of_another_checkout_or_unknown_is_refused(gql: GraphQLClient, shop: Shop):
    first, second = _create_cart(gql, shop), _create_cart(gql, shop)
    foreign = CheckoutLine.objects.filter(checkout_id=from_global_id(second["id"])[1]).first()
    for line_id, error in (
        (gid("CheckoutLine", foreign.pk), ("lineId", "INVALID")),
        (gid("ProductVariant", shop.beras.pk), ("lineId", "GRAPHQL_ERROR")),
    ):
        result = gql.execute(
            LINE_DELETE_CHECKOUT_ID, {"checkoutId": first["id"], "lineId": line_id}
        )["data"]["checkoutLineDelete"]
        assert result["checkout"] is None
        assert [(e["field"], e["code"]) for e in result["errors"]] == [error]
    assert CheckoutLine.objects.count() == 4


def test_shop_lists_a_hubs_deliveries(gql: GraphQLClient, shop: Shop):
    # given: two active methods and one switched off, and another hub's method
    ojek = ShippingMethodFactory(channel=shop.hub.channel, name="Ojek desa", price_amount=8_000)
    kurir = ShippingMethodFactory(channel=shop.hub.channel, name="Kurir", price_amount=5_000)
    ShippingMethodFactory(channel=shop.hub.channel, name="Libur", is_active=False)
    ShippingMethodFactory(name="Hub lain")
    # when
    methods = gql.execute(SHOP_SHIPPING, {"channel": "gerai-pecatu"})["data"]["shop"][
        "availableShippingMethods"
    ]
    # then: cheapest first, in rupiah
    assert methods == [
        {
            "id": gid("ShippingMethod", kurir.pk),
            "name": "Kurir",
            "price": {"amount": 5000.0, "currency": "IDR"},
            "minimumDeliveryDays": None,
            "maximumDeliveryDays": None,
            "translation": None,
        },
        {
            "id": gid("ShippingMethod", ojek.pk),
            "name": "Ojek desa",
            "price": {"amount": 8000.0, "currency": "IDR"},
            "minimumDeliveryDays": None,
            "maximumDeliveryDays": None,
            "translation": None,
        },
    ]


def test_shop_shipping_for_an_address_abroad_or_an_unknown_channel_is_empty(
    gql: GraphQLClient, shop: Shop
):
    ShippingMethodFactory(channel=shop.hub.channel)

    def names(channel: str, address: dict | None = None, token: str | None = None) -> list:
        result = gql.execute(SHOP_SHIPPING, {"channel": channel, "address": address}, token=token)
        return [m["name"] for m in result["data"]["shop"]["availableShippingMethods"]]

    assert len(names("gerai-pecatu", {"country": "ID"})) == 1
    assert names("gerai-pecatu", {"country": "MY", "city": "Kuala Lumpur"}) == []
    assert names("tidak-ada") == []
    # a hub that does not sell now shows nothing to shoppers, but to its operator
    shop.hub.channel.is_active = False
    shop.hub.channel.save()
    assert names("gerai-pecatu") == []
    assert len(names("gerai-pecatu", token=token_for(shop.operator))) == 1
