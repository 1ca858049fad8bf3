"""Saleor's ``AddressInput.metadata`` over /graphql/: kept on the address (merged on
update), carried from the checkout's address to the order's, and refused with an empty
key without saving anything."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import Address
from marketplace.orders.models import Order
from tests.factories.accounts import UserFactory
from tests.storefront_api.checkout.conftest import ADDRESS, Shop, gid, token_for
from tests.storefront_api.checkout.test_order_flow_api import (
    ADDRESS_UPDATE,
    COMPLETE,
    CREATE,
    DELIVERY,
)
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

BOOK = """
mutation($input: AddressInput!) {
  accountAddressCreate(input: $input) {
    address { id metadata { key value } metafield(key: "patokan") }
    errors { field code }
  }
}"""
BOOK_UPDATE = """
mutation($id: ID!, $input: AddressInput!) {
  accountAddressUpdate(id: $id, input: $input) {
    address { metadata { key value } } errors { field code }
  }
}"""
BILLING = """
mutation($id: ID!, $address: AddressInput!) {
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address) { errors { field code } }
}"""
LANDMARK = {"key": "patokan", "value": "Sebelah pura desa"}


def test_address_book_keeps_metadata_and_merges_updates(gql: GraphQLClient, db: None) -> None:
    token = token_for(UserFactory())

    created = gql.execute(BOOK, {"input": {**ADDRESS, "metadata": [LANDMARK]}}, token=token)[
        "data"
    ]["accountAddressCreate"]
    updated = gql.execute(
        BOOK_UPDATE,
        {"id": created["address"]["id"], "input": {"metadata": [{"key": "rt", "value": "03"}]}},
        token=token,
    )["data"]["accountAddressUpdate"]
    refused = gql.execute(
        BOOK, {"input": {**ADDRESS, "metadata": [{"key": " ", "value": "x"}]}}, token=token
    )["data"]["accountAddressCreate"]

    assert created["errors"] == []
    assert created["address"]["metadata"] == [LANDMARK]
    assert created["address"]["metafield"] == "Sebelah pura desa"
    assert updated["address"]["metadata"] == [LANDMARK, {"key": "rt", "value": "03"}]
    assert refused == {"address": None, "errors": [{"field": "metadata", "code": "REQUIRED"}]}
    assert Address.objects.count() == 1


def test_checkout_billing_address_metadata_reaches_the_order(
    gql: GraphQLClient, shop: Shop
) -> None:
    lines = [{"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 1}]
    checkout = gql.execute(
        CREATE, {"input": {"channel": "gerai-pecatu", "lines": lines, "email": "made@desa.id"}}
    )["data"]["checkoutCreate"]["checkout"]["id"]
    gql.execute(ADDRESS_UPDATE, {"id": checkout, "address": ADDRESS})
    billing = gql.execute(BILLING, {"id": checkout, "address": {**ADDRESS, "metadata": [LANDMARK]}})
    assert billing["data"]["checkoutBillingAddressUpdate"]["errors"] == []
    gql.execute(DELIVERY, {"id": checkout, "method": gid("Warehouse", shop.point.pk)})

    read = gql.execute(
        "query($id: ID!) { checkout(id: $id) { billingAddress { metadata { key value } } } }",
        {"id": checkout},
    )["data"]["checkout"]
    completed = gql.execute(COMPLETE, {"id": checkout})["data"]["checkoutComplete"]

    assert read["billingAddress"]["metadata"] == [LANDMARK]
    assert completed["errors"] == []
    order = Order.objects.get()
    assert order.billing_address.metadata == {"patokan": "Sebelah pura desa"}
    as_operator = gql.execute(
        'query($id: ID!) { order(id: $id) { billingAddress { metafield(key: "patokan") } } }',
        {"id": completed["order"]["id"]},
        token=token_for(shop.operator),
    )["data"]["order"]
    assert as_operator == {"billingAddress": {"metafield": "Sebelah pura desa"}}
