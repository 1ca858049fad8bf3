"""No N+1: a checkout or order of 10 lines costs as many SQL queries as one of 1."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.checkout import services as checkout_services
from tests.factories.checkout import sellable_variant
from tests.storefront_api.checkout.conftest import Shop, gid
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

# The fields of the bench documents (checkout_create / checkout_delivery) and the
# storefront's cart.
CHECKOUT = """
query ($id: ID!) {
  checkout(id: $id) {
    id email quantity
    lines { id quantity variant { id name product { id name } }
            unitPrice { gross { amount currency } } totalPrice { gross { amount currency } } }
    totalPrice { gross { amount currency } tax { amount } }
    subtotalPrice { gross { amount } }
    shippingPrice { gross { amount currency } }
    shippingMethods { id name price { amount currency } }
    availableCollectionPoints { id name }
    deliveryMethod { __typename ... on Warehouse { id name } }
    shippingAddress { city }
    availablePaymentGateways { id }
  }
}
"""
ORDER = """
query ($id: ID!) {
  order(id: $id) {
    id number status paymentStatus isPaid pickupCode villageHub { slug } channel { slug }
    total { gross { amount currency } }
    lines { id quantity productName variantName thumbnail(size: 128) { url }
            unitPrice { gross { amount } } totalPrice { gross { amount } }
            variant { id name } cooperative { name } }
    fulfillments { id lines { quantity orderLine { id } } }
    shippingAddress { city }
  }
}
"""


def _checkout(shop: Shop, lines: int) -> Any:
    variants = [shop.beras] + [sellable_variant(shop.hub, shop.point) for _ in range(lines - 1)]
    checkout = checkout_services.checkout_create(
        channel=shop.hub.channel, lines=[(v, 1) for v in variants], email="made@desa.id"
    )
    return checkout_services.checkout_delivery_method_update(
        checkout=checkout, collection_point=shop.point
    )


def _count(gql: GraphQLClient, query: str, variables: dict[str, Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        data = gql.execute(query, variables)
    assert "errors" not in data, data
    return len(queries), data["data"]


def test_checkout_query_count_does_not_grow_with_lines(gql: GraphQLClient, shop: Shop) -> None:
    one = _checkout(shop, 1)
    ten = _checkout(shop, 10)
    count_one, data_one = _count(gql, CHECKOUT, {"id": gid("Checkout", one.pk)})
    count_ten, data_ten = _count(gql, CHECKOUT, {"id": gid("Checkout", ten.pk)})
    assert len(data_one["checkout"]["lines"]) == 1
    assert len(data_ten["checkout"]["lines"]) == 10
    assert count_ten == count_one


def test_order_query_count_does_not_grow_with_lines(gql: GraphQLClient, shop: Shop) -> None:
    one = checkout_services.checkout_complete(checkout=_checkout(shop, 1))
    ten = checkout_services.checkout_complete(checkout=_checkout(shop, 10))
    count_one, data_one = _count(gql, ORDER, {"id": gid("Order", one.pk)})
    count_ten, data_ten = _count(gql, ORDER, {"id": gid("Order", ten.pk)})
    assert len(data_one["order"]["lines"]) == 1
    assert len(data_ten["order"]["lines"]) == 10
    assert count_ten == count_one
