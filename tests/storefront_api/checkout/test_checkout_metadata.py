"""Metadata a storefront sends with ``checkoutCreate`` and ``checkoutComplete`` is kept:
on the checkout, then on its order (Saleor copies the checkout's metadata over)."""

from __future__ import annotations

import pytest

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from tests.factories.accounts import UserFactory
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.checkout.test_storefront_flow import DELIVERY, EMAIL
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout { id metadata { key value } }
    errors { field code }
  }
}"""
COMPLETE = """
mutation Complete($id: ID!, $metadata: [MetadataInput!]) {
  checkoutComplete(id: $id, metadata: $metadata) {
    order { id metadata { key value } }
    errors { field code }
  }
}"""


def _input(shop: Shop, **extra: object) -> dict[str, object]:
    lines = [{"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 1}]
    return {"channel": "gerai-pecatu", "lines": lines, **extra}


def test_checkout_metadata_is_kept_and_passed_to_the_order(gql: GraphQLClient, shop: Shop):
    created = gql.execute(
        CREATE, {"input": _input(shop, metadata=[{"key": "utm_source", "value": "wa-desa"}])}
    )["data"]["checkoutCreate"]
    assert created["errors"] == []
    assert created["checkout"]["metadata"] == [{"key": "utm_source", "value": "wa-desa"}]
    checkout_id = created["checkout"]["id"]
    gql.execute(EMAIL, {"id": checkout_id, "email": "wayan@example.id"})
    gql.execute(DELIVERY, {"id": checkout_id, "method": gid("Warehouse", shop.point.pk)})

    completed = gql.execute(
        COMPLETE, {"id": checkout_id, "metadata": [{"key": "note_source", "value": "kiosk"}]}
    )["data"]["checkoutComplete"]

    assert completed["errors"] == []
    order = Order.objects.get()
    assert order.metadata == {"utm_source": "wa-desa", "note_source": "kiosk"}


def test_an_empty_metadata_key_creates_no_checkout(gql: GraphQLClient, shop: Shop):
    created = gql.execute(CREATE, {"input": _input(shop, metadata=[{"key": " ", "value": "x"}])})[
        "data"
    ]["checkoutCreate"]
    assert created["checkout"] is None
    assert created["errors"] == [{"field": "metadata", "code": "REQUIRED"}]
    assert not Checkout.objects.exists()


def test_private_metadata_needs_platform_staff(gql: GraphQLClient, shop: Shop):
    private = [{"key": "risk", "value": "low"}]
    refused = gql.execute(CREATE, {"input": _input(shop, privateMetadata=private)})
    assert refused["data"]["checkoutCreate"] is None
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not Checkout.objects.exists()

    staff = UserFactory(is_staff=True)
    allowed = gql.execute(
        CREATE, {"input": _input(shop, privateMetadata=private)}, token=token_for(staff)
    )["data"]["checkoutCreate"]
    assert allowed["errors"] == []
    assert Checkout.objects.get().private_metadata == {"risk": "low"}
