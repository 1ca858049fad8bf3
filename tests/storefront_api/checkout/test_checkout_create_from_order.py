"""Buying a past order again (Saleor's ``checkoutCreateFromOrder``) over /graphql/: the
buyer gets a new checkout with what can still be bought, told which lines were left
out and why, and completes it; nobody else can reorder their order."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import ProductChannelListing
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.warehouses.models import Stock
from tests.factories.accounts import UserFactory
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.checkout.test_order_flow_api import COMPLETE, DELIVERY, place_order
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

REORDER = """
mutation($id: ID!) {
  checkoutCreateFromOrder(id: $id) {
    checkout { id email lines { variant { id } quantity } totalPrice { gross { amount } } }
    unavailableVariants { code message variantId lineId }
    errors { field message code }
  }
}"""


def reorder(gql: GraphQLClient, order_id: str, user=None) -> dict:
    token = token_for(user) if user else None
    return gql.execute(REORDER, {"id": order_id}, token=token)["data"]["checkoutCreateFromOrder"]


def test_buyer_reorders_what_is_still_sold_and_completes_it(gql: GraphQLClient, shop: Shop) -> None:
    buyer = UserFactory(email="made@desa.id")
    order_id, order = place_order(gql, shop, buyer=buyer)
    ProductChannelListing.objects.filter(product=shop.kopi.product).update(is_published=False)
    kopi_line = order.lines.get(variant=shop.kopi)

    again = reorder(gql, order_id, buyer)

    assert again["errors"] == []
    assert again["checkout"]["email"] == "made@desa.id"
    assert again["checkout"]["lines"] == [
        {"variant": {"id": gid("ProductVariant", shop.beras.pk)}, "quantity": 2}
    ]
    assert again["checkout"]["totalPrice"] == {"gross": {"amount": 130_000}}
    assert again["unavailableVariants"] == [
        {"code": "PRODUCT_NOT_PUBLISHED", "message": "Cannot add lines with unpublished variants.",
         "variantId": gid("ProductVariant", shop.kopi.pk), "lineId": gid("OrderLine", kopi_line.pk)}
    ]  # fmt: skip

    checkout_id = again["checkout"]["id"]
    token = token_for(buyer)
    gql.execute(
        DELIVERY, {"id": checkout_id, "method": gid("Warehouse", shop.point.pk)}, token=token
    )
    completed = gql.execute(COMPLETE, {"id": checkout_id}, token=token)["data"]["checkoutComplete"]
    assert completed["errors"] == []
    second = Order.objects.exclude(pk=order.pk).get()
    assert second.user == buyer
    assert [(line.variant, line.quantity) for line in second.lines.all()] == [(shop.beras, 2)]


def test_lines_short_of_stock_are_left_out_with_the_units_remaining(
    gql: GraphQLClient, shop: Shop
) -> None:
    buyer = UserFactory()
    order_id, order = place_order(gql, shop, buyer=buyer)
    # the first order holds 2 sacks; one more is left for anyone else
    Stock.objects.filter(product_variant=shop.beras).update(quantity=3)

    again = reorder(gql, order_id, buyer)

    assert again["checkout"]["lines"] == [
        {"variant": {"id": gid("ProductVariant", shop.kopi.pk)}, "quantity": 1}
    ]
    [short] = again["unavailableVariants"]
    assert short["code"] == "INSUFFICIENT_STOCK"
    assert short["message"].endswith("Only 1 remaining in stock.")
    assert short["lineId"] == gid("OrderLine", order.lines.get(variant=shop.beras).pk)


def test_only_the_buyer_can_reorder_and_refusals_create_nothing(
    gql: GraphQLClient, shop: Shop
) -> None:
    buyer = UserFactory()
    order_id, _order = place_order(gql, shop, buyer=buyer)
    checkouts = Checkout.objects.count()

    stranger = reorder(gql, order_id, UserFactory())
    anonymous = reorder(gql, order_id)
    not_an_order = reorder(gql, gid("Product", 1), buyer)
    shop.hub.channel.is_active = False
    shop.hub.channel.save(update_fields=["is_active"])
    closed = reorder(gql, order_id, buyer)

    not_found = [{"field": "id", "message": "Couldn't resolve to an order.",
                  "code": "ORDER_NOT_FOUND"}]  # fmt: skip
    assert stranger == {"checkout": None, "unavailableVariants": None, "errors": not_found}
    assert anonymous["errors"] == not_found
    assert not_an_order["errors"] == [
        {"field": "id", "message": "Must receive a Order id.", "code": "GRAPHQL_ERROR"}
    ]
    assert closed["errors"] == [
        {
            "field": "id",
            "message": "Cannot perform this action on an inactive channel.",
            "code": "CHANNEL_INACTIVE",
        }  # fmt: skip
    ]
    assert Checkout.objects.count() == checkouts
