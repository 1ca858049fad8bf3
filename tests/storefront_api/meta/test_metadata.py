"""Metadata as Saleor's: ``updateMetadata``/``deleteMetadata`` and their private twins on
users, checkouts, orders, products and variants, with Saleor's rules scoped to what the
requestor manages, and ``ObjectWithMetadata`` fields to read it back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductVariant
from marketplace.channels.models import Channel
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from storefront_api.core.ids import global_id
from tests.factories.accounts import UserFactory
from tests.factories.catalog import (
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.factories.checkout import CheckoutFactory
from tests.factories.orders import OrderFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
# saleor/storefront's marketing-consent document
STOREFRONT_UPDATE = f"""
mutation updateMetadata($id: ID!, $input: [MetadataInput!]!) {{
  updateMetadata(id: $id, input: $input) {{
    item {{ ... on Checkout {{ id metadata {{ key value }} }} }}
    {ERRORS}
  }}
}}"""
UPDATE = f"""
mutation Update($id: ID!, $input: [MetadataInput!]!) {{
  updateMetadata(id: $id, input: $input) {{
    item {{ __typename metadata {{ key value }} metafield(key: "consent") }}
    metadataErrors {{ code }}
    {ERRORS}
  }}
}}"""
DELETE = f"""
mutation Delete($id: ID!, $keys: [String!]!) {{
  deleteMetadata(id: $id, keys: $keys) {{ item {{ metadata {{ key value }} }} {ERRORS} }}
}}"""
UPDATE_PRIVATE = f"""
mutation UpdatePrivate($id: ID!, $input: [MetadataInput!]!) {{
  updatePrivateMetadata(id: $id, input: $input) {{
    item {{ privateMetadata {{ key value }} privateMetafields(keys: ["catatan"]) }}
    {ERRORS}
  }}
}}"""
DELETE_PRIVATE = f"""
mutation DeletePrivate($id: ID!, $keys: [String!]!) {{
  deletePrivateMetadata(id: $id, keys: $keys) {{ item {{ privateMetadata {{ key }} }} {ERRORS} }}
}}"""
CONSENT = [{"key": "consent", "value": "marketing"}]


@dataclass
class Scene:
    customer: User
    platform: User
    coop_staff: User  # works for the product's cooperative
    other_coop_staff: User
    operator: User  # operates the order's hub
    other_operator: User
    checkout: Checkout
    order: Order
    product: Product  # published in the channel
    variant: ProductVariant
    channel: Channel

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def scene(db: None) -> Scene:
    hub = VillageHubFactory()
    cooperative = CooperativeFactory()
    product = ProductFactory(cooperative=cooperative)
    ProductChannelListingFactory(product=product, channel=hub.channel)
    customer = UserFactory(email="wayan@desa.id")
    return Scene(
        customer=customer,
        platform=UserFactory(is_staff=True),
        coop_staff=CooperativeStaffFactory(cooperative=cooperative).user,
        other_coop_staff=CooperativeStaffFactory().user,
        operator=HubOperatorFactory(hub=hub).user,
        other_operator=HubOperatorFactory().user,
        checkout=CheckoutFactory(channel=hub.channel),
        order=OrderFactory(channel=hub.channel, user=customer),
        product=product,
        variant=ProductVariantFactory(product=product),
        channel=hub.channel,
    )


def run(gql: GraphQLClient, document: str, user: User | None, **variables: Any) -> dict:
    token = tokens.create_access_token(user) if user is not None else None
    return gql.execute(document, variables, token=token)


def denied(result: dict) -> bool:
    return result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


# --- checkouts: whoever holds the id ----------------------------------------------------------


def test_storefront_saves_marketing_consent_on_an_anonymous_checkout(
    gql: GraphQLClient, scene: Scene
):
    checkout_id = global_id("Checkout", scene.checkout.pk)
    before = Checkout.objects.get(pk=scene.checkout.pk).last_change
    # when
    result = run(gql, STOREFRONT_UPDATE, None, id=checkout_id, input=CONSENT)
    # then
    assert result["data"]["updateMetadata"] == {
        "item": {"id": checkout_id, "metadata": [{"key": "consent", "value": "marketing"}]},
        "errors": [],
    }
    checkout = Checkout.objects.get(pk=scene.checkout.pk)
    assert checkout.metadata == {"consent": "marketing"}
    assert checkout.last_change > before


def test_checkout_token_works_as_id_and_keys_merge_then_delete(gql: GraphQLClient, scene: Scene):
    token = str(scene.checkout.pk)  # the bare UUID, as Saleor's ``token``
    # when: two updates of different keys, then a delete of one
    run(gql, UPDATE, None, id=token, input=CONSENT)
    second = run(gql, UPDATE, None, id=token, input=[{"key": "sumber", "value": "radio desa"}])
    removed = run(gql, DELETE, None, id=token, keys=["consent", "tidak-ada"])
    # then
    assert second["data"]["updateMetadata"] == {
        "item": {
            "__typename": "Checkout",
            "metadata": [
                {"key": "consent", "value": "marketing"},
                {"key": "sumber", "value": "radio desa"},
            ],
            "metafield": "marketing",
        },
        "metadataErrors": [],
        "errors": [],
    }
    assert removed["data"]["deleteMetadata"] == {
        "item": {"metadata": [{"key": "sumber", "value": "radio desa"}]},
        "errors": [],
    }


def test_private_checkout_metadata_is_for_platform_staff(gql: GraphQLClient, scene: Scene):
    checkout_id = global_id("Checkout", scene.checkout.pk)
    for role in ("anonymous", "customer", "operator"):
        assert denied(run(gql, UPDATE_PRIVATE, scene.user(role), id=checkout_id, input=CONSENT)), (
            role
        )
    assert Checkout.objects.get(pk=scene.checkout.pk).private_metadata == {}
    # platform staff may
    result = run(
        gql,
        UPDATE_PRIVATE,
        scene.platform,
        id=checkout_id,
        input=[{"key": "catatan", "value": "pelanggan tetap"}],
    )
    assert result["data"]["updatePrivateMetadata"] == {
        "item": {
            "privateMetadata": [{"key": "catatan", "value": "pelanggan tetap"}],
            "privateMetafields": {"catatan": "pelanggan tetap"},
        },
        "errors": [],
    }
    # reading it back anonymously is refused, the public part is not
    read = gql.execute(
        "query ($id: ID!) { checkout(id: $id) { metadata { key } privateMetadata { key } } }",
        {"id": checkout_id},
    )
    assert read["data"]["checkout"] is None
    assert denied(read)
    public = gql.execute(
        "query ($id: ID!) { checkout(id: $id) { metafields } }", {"id": checkout_id}
    )
    assert public["data"]["checkout"] == {"metafields": {}}


# --- users: the user themselves -------------------------------------------------------------


def test_customer_keeps_metadata_on_their_own_account(gql: GraphQLClient, scene: Scene):
    user_id = global_id("User", scene.customer.pk)
    result = run(gql, UPDATE, scene.customer, id=user_id, input=CONSENT)
    assert result["data"]["updateMetadata"]["item"]["__typename"] == "User"
    me = run(
        gql,
        '{ me { metadata { key value } metafield(key: "consent") metafields(keys: ["x"]) } }',
        scene.customer,
    )
    assert me["data"]["me"] == {
        "metadata": [{"key": "consent", "value": "marketing"}],
        "metafield": "marketing",
        "metafields": {},
    }
    # but not private metadata, not even their own
    assert denied(run(gql, UPDATE_PRIVATE, scene.customer, id=user_id, input=CONSENT))
    assert denied(run(gql, "{ me { privateMetadata { key } } }", scene.customer))


@pytest.mark.parametrize("role", ["anonymous", "coop_staff", "operator"])
def test_nobody_else_changes_a_users_metadata(gql: GraphQLClient, scene: Scene, role: str):
    user_id = global_id("User", scene.customer.pk)
    result = run(gql, UPDATE, scene.user(role), id=user_id, input=CONSENT)
    assert denied(result)
    assert "MANAGE_USERS" in result["errors"][0]["message"]
    assert User.objects.get(pk=scene.customer.pk).metadata == {}


def test_platform_staff_manage_users_metadata(gql: GraphQLClient, scene: Scene):
    user_id = global_id("User", scene.customer.pk)
    run(gql, UPDATE, scene.platform, id=user_id, input=CONSENT)
    run(gql, UPDATE_PRIVATE, scene.platform, id=user_id, input=[{"key": "k", "value": "v"}])
    removed = run(gql, DELETE_PRIVATE, scene.platform, id=user_id, keys=["k"])
    assert removed["data"]["deletePrivateMetadata"] == {
        "item": {"privateMetadata": []},
        "errors": [],
    }
    customer = User.objects.get(pk=scene.customer.pk)
    assert (customer.metadata, customer.private_metadata) == ({"consent": "marketing"}, {})


# --- orders: platform staff and the hub's operators --------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),  # the buyer: Saleor asks MANAGE_ORDERS
        ("coop_staff", False),
        ("other_operator", False),
        ("operator", True),
        ("platform", True),
    ],
)
def test_order_metadata_is_for_order_staff(
    gql: GraphQLClient, scene: Scene, role: str, allowed: bool
):
    for document, private in ((UPDATE, False), (UPDATE_PRIVATE, True)):
        items = [{"key": "catatan", "value": "ambil sore"}]
        result = run(gql, document, scene.user(role), id=str(scene.order.pk), input=items)
        order = Order.objects.get(pk=scene.order.pk)
        stored = order.private_metadata if private else order.metadata
        if allowed:
            assert result.get("errors") is None, result
            assert stored == {"catatan": "ambil sore"}
        else:
            assert denied(result)
            assert "MANAGE_ORDERS" in result["errors"][0]["message"]
            assert stored == {}


# --- products and variants: staff of the cooperative ----------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("operator", False),
        ("other_coop_staff", False),
        ("coop_staff", True),
        ("platform", True),
    ],
)
def test_product_and_variant_metadata_is_for_their_cooperative(
    gql: GraphQLClient, scene: Scene, role: str, allowed: bool
):
    for obj in (scene.product, scene.variant):
        object_id = global_id(type(obj).__name__, obj.pk)
        result = run(gql, UPDATE, scene.user(role), id=object_id, input=CONSENT)
        obj.refresh_from_db()
        if allowed:
            assert result["data"]["updateMetadata"]["item"]["__typename"] == type(obj).__name__
            assert obj.metadata == {"consent": "marketing"}
        else:
            assert denied(result)
            assert "MANAGE_PRODUCTS" in result["errors"][0]["message"]
            assert obj.metadata == {}


def test_product_metadata_is_public_and_private_metadata_is_not(gql: GraphQLClient, scene: Scene):
    Product.objects.filter(pk=scene.product.pk).update(
        metadata={"halal": "ya"}, private_metadata={"harga_pokok": "9000"}
    )
    query = """
    query ($id: ID!, $channel: String) {
      product(id: $id, channel: $channel) {
        metadata { key value } privateMetafield(key: "harga_pokok")
      }
    }"""
    variables = {"id": global_id("Product", scene.product.pk), "channel": scene.channel.slug}
    staff = run(gql, query, scene.coop_staff, **variables)
    public = run(gql, query.replace('privateMetafield(key: "harga_pokok")', ""), None, **variables)
    other = run(gql, query, scene.other_coop_staff, **variables)
    assert staff["data"]["product"] == {
        "metadata": [{"key": "halal", "value": "ya"}],
        "privateMetafield": "9000",
    }
    assert public["data"]["product"] == {"metadata": [{"key": "halal", "value": "ya"}]}
    # the nullable field is nulled, with Saleor's top-level error
    assert other["data"]["product"] == {
        "metadata": [{"key": "halal", "value": "ya"}],
        "privateMetafield": None,
    }
    assert denied(other)


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("object_id", "error"),
    [
        ("bukan-id", ("id", "GRAPHQL_ERROR")),
        ("6f1c1d2e-0000-4000-8000-00000000abcd", ("id", "GRAPHQL_ERROR")),  # no such token
        (global_id("Cooperative", 1), ("id", "NOT_FOUND")),  # a type without metadata
        (global_id("Product", 999_999), ("id", "NOT_FOUND")),
        (global_id("MadeUpType", 1), ("id", "GRAPHQL_ERROR")),
    ],
)
def test_ids_that_name_no_object_with_metadata(
    gql: GraphQLClient, scene: Scene, object_id: str, error: tuple[str, str]
):
    result = run(gql, UPDATE, scene.platform, id=object_id, input=CONSENT)
    payload = result["data"]["updateMetadata"]
    assert payload["item"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [error]
    assert payload["metadataErrors"] == [{"code": error[1]}]


def test_empty_key_is_refused_and_nothing_is_written(gql: GraphQLClient, scene: Scene):
    checkout_id = global_id("Checkout", scene.checkout.pk)
    result = run(gql, UPDATE, None, id=checkout_id, input=[*CONSENT, {"key": " ", "value": "x"}])
    assert result["data"]["updateMetadata"]["errors"] == [
        {"field": "input", "message": "Metadata key cannot be empty.", "code": "REQUIRED"}
    ]
    assert Checkout.objects.get(pk=scene.checkout.pk).metadata == {}


def test_staff_cannot_probe_products_of_other_cooperatives(gql: GraphQLClient, scene: Scene):
    # anonymous requestors are refused before any lookup, so ids reveal nothing
    result = run(gql, UPDATE, None, id=global_id("Product", 999_999), input=CONSENT)
    assert denied(result)


def test_updating_metadata_is_one_update_query(gql: GraphQLClient, scene: Scene):
    checkout_id = global_id("Checkout", scene.checkout.pk)
    with CaptureQueriesContext(connection) as queries:
        run(gql, STOREFRONT_UPDATE, None, id=checkout_id, input=CONSENT)
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert '"metadata" = "checkout_checkout"."metadata" || ' in updates[0]


# --- metadata sent with the account mutations ----------------------------------------------


def test_account_register_and_update_store_public_metadata(gql: GraphQLClient, settings: Any):
    settings.ACCOUNT_CONFIRMATION_REQUIRED = False
    registered = gql.execute(
        """
        mutation ($input: AccountRegisterInput!) {
          accountRegister(input: $input) { errors { field code } }
        }""",
        {
            "input": {
                "email": "ketut@desa.id",
                "password": "kopi-tubruk-2024",
                "metadata": [{"key": "sumber", "value": "radio desa"}],
            }
        },
    )["data"]["accountRegister"]
    assert registered["errors"] == []
    user = User.objects.get(email="ketut@desa.id")
    assert user.metadata == {"sumber": "radio desa"}
    updated = run(
        gql,
        """
        mutation ($input: AccountInput!) {
          accountUpdate(input: $input) { user { metadata { key value } } errors { field code } }
        }""",
        user,
        input={"metadata": [{"key": "consent", "value": "marketing"}]},
    )["data"]["accountUpdate"]
    assert updated == {
        "user": {
            "metadata": [
                {"key": "consent", "value": "marketing"},
                {"key": "sumber", "value": "radio desa"},
            ]
        },
        "errors": [],
    }
    refused = run(
        gql,
        "mutation ($input: AccountInput!) { accountUpdate(input: $input) { errors { field code } } }",  # noqa: E501
        user,
        input={"firstName": "Ketut", "metadata": [{"key": "", "value": "x"}]},
    )["data"]["accountUpdate"]
    assert refused["errors"] == [{"field": "metadata", "code": "REQUIRED"}]
    user.refresh_from_db()
    assert user.first_name == ""  # nothing written
