"""No N+1 with a voucher: a discounted checkout or order of 10 lines costs as many SQL
queries as one of 1."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.checkout import services as checkout_services
from marketplace.content.models import Collection, CollectionProduct
from marketplace.discounts.models import VoucherType
from tests.factories.checkout import sellable_variant
from tests.factories.discounts import voucher_in_hub
from tests.storefront_api.checkout.conftest import Shop, gid
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

CHECKOUT = """
query ($id: ID!) { checkout(id: $id) {
  voucherCode discount { amount } discountName translatedDiscountName
  lines { id quantity unitPrice { gross { amount } } undiscountedUnitPrice { amount }
          totalPrice { gross { amount } } }
  subtotalPrice { gross { amount } } totalPrice { gross { amount } }
} }
"""
ORDER = """
query ($id: ID!) { order(id: $id) {
  voucher { code name } voucherCode discounts { type name total { amount } }
  undiscountedTotal { gross { amount } } total { gross { amount } }
  lines { id unitPrice { gross { amount } } undiscountedUnitPrice { gross { amount } }
          unitDiscount { amount } totalPrice { gross { amount } } voucherCode
          discounts { name total { amount } unit { amount } } }
} }
"""


def _checkout(shop: Shop, lines: int) -> Any:
    collection = Collection.objects.get(slug="hemat")
    variants = [sellable_variant(shop.hub, shop.point, price=60_000) for _ in range(lines)]
    for variant in variants:
        CollectionProduct.objects.create(collection=collection, product=variant.product)
    checkout = checkout_services.checkout_create(
        channel=shop.hub.channel, lines=[(v, 1) for v in variants], email=f"made{lines}@desa.id"
    )
    checkout = checkout_services.checkout_delivery_method_update(
        checkout=checkout, collection_point=shop.point
    )
    return checkout_services.checkout_add_promo_code(checkout=checkout, promo_code="HEMAT")


def _count(gql: GraphQLClient, query: str, variables: dict[str, Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        data = gql.execute(query, variables)
    assert "errors" not in data, data
    return len(queries), data["data"]


def test_discounted_checkout_and_order_query_counts_do_not_grow_with_lines(gql, shop):
    # a voucher of a collection, once per customer: the costliest terms to check
    voucher = voucher_in_hub(
        shop.hub, code="HEMAT", type=VoucherType.SPECIFIC_PRODUCT, apply_once_per_customer=True
    )
    voucher.collections.add(Collection.objects.create(name="Hemat", slug="hemat"))
    one, ten = _checkout(shop, 1), _checkout(shop, 10)

    count_one, data_one = _count(gql, CHECKOUT, {"id": gid("Checkout", one.pk)})
    count_ten, data_ten = _count(gql, CHECKOUT, {"id": gid("Checkout", ten.pk)})

    assert data_one["checkout"]["discount"]["amount"] == 6_000
    assert data_ten["checkout"]["discount"]["amount"] == 60_000
    assert count_ten == count_one

    orders = [
        checkout_services.checkout_complete(checkout=one),
        checkout_services.checkout_complete(checkout=ten),
    ]
    count_one, data_one = _count(gql, ORDER, {"id": gid("Order", orders[0].pk)})
    count_ten, data_ten = _count(gql, ORDER, {"id": gid("Order", orders[1].pk)})

    assert data_ten["order"]["lines"][0]["discounts"] == [
        {"name": "Voucher HEMAT", "total": {"amount": 6_000}, "unit": {"amount": 6_000}}
    ]
    assert data_ten["order"]["undiscountedTotal"]["gross"]["amount"] == 600_000
    assert count_ten == count_one
