"""productCreate / productUpdate / productDelete and the variant mutations."""

from __future__ import annotations

import json

import pytest

from marketplace.catalog.models import Product, ProductVariant
from tests.factories.village_hubs import CooperativeStaffFactory, ProducerFactory
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

PRODUCT_CREATE = """
mutation ($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id name slug description weight { unit value } category { slug } productType { slug } cooperative { name } producer { name } }
    errors { field message code }
    productErrors { field code }
  }
}
"""  # noqa: E501
PRODUCT_UPDATE = """
mutation ($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { name slug weight { value } } errors { field message code } }
}
"""  # noqa: E501
PRODUCT_DELETE = """
mutation ($id: ID!) { productDelete(id: $id) { product { id name } errors { field message code } } }
"""


def create_input(world, **extra) -> dict:
    return {
        "productType": gid("ProductType", world.product_a.product_type_id),
        "category": gid("Category", world.product_a.category_id),
        "name": "Kopi Kintamani",
        "description": json.dumps({"blocks": [{"type": "paragraph", "data": {"text": "Arabika"}}]}),
        "weight": 250,
        **extra,
    }


def test_product_create_uses_the_only_cooperative_of_its_staff(gql, world):
    producer = ProducerFactory(cooperative=world.coop_a)
    result = gql.execute(
        PRODUCT_CREATE,
        {"input": create_input(world, producer=gid("Producer", producer.pk))},
        token=token_for(world.staff_a),
    )
    payload = result["data"]["productCreate"]
    assert payload["errors"] == []
    assert payload["productErrors"] == []
    product = Product.objects.get(slug="kopi-kintamani")
    assert payload["product"]["id"] == gid("Product", product.pk)
    assert payload["product"]["weight"] == {"unit": "G", "value": 250.0}
    assert json.loads(payload["product"]["description"])["blocks"][0]["data"]["text"] == "Arabika"
    assert product.cooperative == world.coop_a
    assert product.producer == producer
    assert payload["product"]["cooperative"]["name"] == world.coop_a.name


def test_product_create_by_platform_staff_needs_the_cooperative(gql, world):
    result = gql.execute(
        PRODUCT_CREATE, {"input": create_input(world)}, token=token_for(world.platform)
    )
    assert result["data"]["productCreate"]["errors"] == [
        {
            "field": "cooperative",
            "message": "Choose the cooperative selling the product.",
            "code": "REQUIRED",
        }
    ]
    result = gql.execute(
        PRODUCT_CREATE,
        {"input": create_input(world, cooperative=gid("Cooperative", world.coop_b.pk))},
        token=token_for(world.platform),
    )
    assert result["data"]["productCreate"]["errors"] == []
    assert Product.objects.get(slug="kopi-kintamani").cooperative == world.coop_b


@pytest.mark.parametrize("role", ["anonymous", "customer", "operator1", "staff_b"])
def test_product_create_for_cooperative_a_is_denied(gql, world, role):
    count = Product.objects.count()
    result = gql.execute(
        PRODUCT_CREATE,
        {"input": create_input(world, cooperative=gid("Cooperative", world.coop_a.pk))},
        token=token_for(world.user(role)),
    )
    assert permission_denied(result)
    assert result["data"]["productCreate"] is None
    assert Product.objects.count() == count


def test_product_create_errors_are_saleor_shaped(gql, world):
    token = token_for(world.staff_a)
    # duplicate slug
    result = gql.execute(
        PRODUCT_CREATE, {"input": create_input(world, slug="keripik-a")}, token=token
    )
    assert result["data"]["productCreate"]["product"] is None
    assert [(e["field"], e["code"]) for e in result["data"]["productCreate"]["errors"]] == [
        ("slug", "UNIQUE")
    ]
    # a malformed and an unknown ID
    result = gql.execute(
        PRODUCT_CREATE, {"input": create_input(world, category="nonsense")}, token=token
    )
    assert result["data"]["productCreate"]["errors"] == [
        {"field": "category", "message": "Couldn't resolve id: nonsense.", "code": "GRAPHQL_ERROR"}
    ]
    missing = gid("Category", 999_999)
    result = gql.execute(
        PRODUCT_CREATE, {"input": create_input(world, category=missing)}, token=token
    )
    assert result["data"]["productCreate"]["errors"] == [
        {
            "field": "category",
            "message": f"Couldn't resolve to a node: {missing}",
            "code": "NOT_FOUND",
        }
    ]
    # a producer of another cooperative, a negative weight, no name
    other = ProducerFactory(cooperative=world.coop_b)
    result = gql.execute(
        PRODUCT_CREATE,
        {"input": create_input(world, producer=gid("Producer", other.pk))},
        token=token,
    )
    assert [(e["field"], e["code"]) for e in result["data"]["productCreate"]["errors"]] == [
        ("producer", "INVALID")
    ]
    result = gql.execute(PRODUCT_CREATE, {"input": create_input(world, weight=-5)}, token=token)
    assert [(e["field"], e["code"]) for e in result["data"]["productCreate"]["errors"]] == [
        ("weight", "INVALID")
    ]
    result = gql.execute(PRODUCT_CREATE, {"input": create_input(world, name="")}, token=token)
    assert [(e["field"], e["code"]) for e in result["data"]["productCreate"]["errors"]] == [
        ("name", "REQUIRED")
    ]
    assert not Product.objects.filter(name="Kopi Kintamani").exists()


def test_staff_of_two_cooperatives_must_choose(gql, world):
    CooperativeStaffFactory(user=world.staff_a, cooperative=world.coop_b)
    result = gql.execute(
        PRODUCT_CREATE, {"input": create_input(world)}, token=token_for(world.staff_a)
    )
    assert result["data"]["productCreate"]["errors"][0]["field"] == "cooperative"


def test_product_update_and_delete_by_its_cooperative(gql, world):
    token = token_for(world.staff_a)
    product_id = gid("Product", world.product_a.pk)
    result = gql.execute(
        PRODUCT_UPDATE,
        {
            "id": product_id,
            "input": {"name": "Keripik pedas", "weight": {"value": 0.5, "unit": "KG"}},
        },
        token=token,
    )
    assert result["data"]["productUpdate"] == {
        "product": {"name": "Keripik pedas", "slug": "keripik-a", "weight": {"value": 500.0}},
        "errors": [],
    }
    result = gql.execute(PRODUCT_DELETE, {"id": product_id}, token=token)
    assert result["data"]["productDelete"] == {
        "product": {"id": product_id, "name": "Keripik pedas"},
        "errors": [],
    }
    assert not Product.objects.filter(pk=world.product_a.pk).exists()


def test_product_update_duplicate_slug_changes_nothing(gql, world):
    result = gql.execute(
        PRODUCT_UPDATE,
        {"id": gid("Product", world.product_a.pk), "input": {"name": "X", "slug": "keripik-b"}},
        token=token_for(world.staff_a),
    )
    assert result["data"]["productUpdate"]["product"] is None
    assert [(e["field"], e["code"]) for e in result["data"]["productUpdate"]["errors"]] == [
        ("slug", "UNIQUE")
    ]
    world.product_a.refresh_from_db()
    assert (world.product_a.name, world.product_a.slug) != ("X", "keripik-b")


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_b", "operator1"])
def test_other_roles_cannot_update_or_delete_cooperative_a_product(gql, world, role):
    token = token_for(world.user(role))
    product_id = gid("Product", world.product_a.pk)
    name = world.product_a.name
    result = gql.execute(
        PRODUCT_UPDATE, {"id": product_id, "input": {"name": "Hacked"}}, token=token
    )
    assert permission_denied(result)
    assert result["data"]["productUpdate"] is None
    result = gql.execute(PRODUCT_DELETE, {"id": product_id}, token=token)
    assert permission_denied(result)
    assert result["data"]["productDelete"] is None
    world.product_a.refresh_from_db()
    assert world.product_a.name == name


def test_platform_staff_update_any_product(gql, world):
    result = gql.execute(
        PRODUCT_UPDATE,
        {"id": gid("Product", world.product_b.pk), "input": {"rating": 4.5}},
        token=token_for(world.platform),
    )
    assert result["data"]["productUpdate"]["errors"] == []


VARIANT_CREATE = """
mutation ($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) {
    productVariant { sku name weight { value } quantityLimitPerCustomer stocks { warehouse { slug } quantity } }
    errors { field message code }
  }
}
"""  # noqa: E501
VARIANT_UPDATE = """
mutation ($id: ID, $sku: String, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, sku: $sku, input: $input) { productVariant { sku name trackInventory } errors { field code } }
}
"""  # noqa: E501
VARIANT_DELETE = """
mutation ($id: ID, $sku: String) { productVariantDelete(id: $id, sku: $sku) { productVariant { id sku } errors { field code } } }
"""  # noqa: E501


def test_variant_create_with_stock_update_and_delete(gql, world):
    token = token_for(world.staff_a)
    result = gql.execute(
        VARIANT_CREATE,
        {
            "input": {
                "product": gid("Product", world.product_a.pk),
                "attributes": [],
                "sku": "A-2",
                "name": "500 g",
                "weight": 500,
                "quantityLimitPerCustomer": 3,
                "stocks": [{"warehouse": gid("Warehouse", world.pickup1.pk), "quantity": 4}],
            }
        },
        token=token,
    )
    assert result["data"]["productVariantCreate"] == {
        "productVariant": {
            "sku": "A-2",
            "name": "500 g",
            "weight": {"value": 500.0},
            "quantityLimitPerCustomer": 3,
            "stocks": [{"warehouse": {"slug": world.pickup1.slug}, "quantity": 4}],
        },
        "errors": [],
    }
    result = gql.execute(
        VARIANT_UPDATE,
        {"sku": "A-2", "input": {"name": "1/2 kg", "trackInventory": False}},
        token=token,
    )
    assert result["data"]["productVariantUpdate"] == {
        "productVariant": {"sku": "A-2", "name": "1/2 kg", "trackInventory": False},
        "errors": [],
    }
    variant = ProductVariant.objects.get(sku="A-2")
    result = gql.execute(VARIANT_DELETE, {"id": gid("ProductVariant", variant.pk)}, token=token)
    assert result["data"]["productVariantDelete"] == {
        "productVariant": {"id": gid("ProductVariant", variant.pk), "sku": "A-2"},
        "errors": [],
    }
    assert not ProductVariant.objects.filter(sku="A-2").exists()


def test_variant_errors_and_permissions(gql, world):
    token = token_for(world.staff_a)
    base = {"product": gid("Product", world.product_a.pk), "attributes": []}
    # duplicate SKU
    result = gql.execute(VARIANT_CREATE, {"input": {**base, "sku": "B-1"}}, token=token)
    assert [(e["field"], e["code"]) for e in result["data"]["productVariantCreate"]["errors"]] == [
        ("sku", "UNIQUE")
    ]
    # stock in a warehouse coop A cannot use: nothing is created
    result = gql.execute(
        VARIANT_CREATE,
        {
            "input": {
                **base,
                "sku": "A-9",
                "stocks": [{"warehouse": gid("Warehouse", world.store_b.pk), "quantity": 1}],
            }
        },
        token=token,
    )
    assert [(e["field"], e["code"]) for e in result["data"]["productVariantCreate"]["errors"]] == [
        ("warehouse", "INVALID")
    ]
    assert not ProductVariant.objects.filter(sku="A-9").exists()
    # coop B staff on coop A's product and variant
    other = token_for(world.staff_b)
    result = gql.execute(VARIANT_CREATE, {"input": {**base, "sku": "X-1"}}, token=other)
    assert permission_denied(result)
    result = gql.execute(VARIANT_UPDATE, {"sku": "A-1", "input": {"name": "X"}}, token=other)
    assert permission_denied(result)
    result = gql.execute(VARIANT_DELETE, {"sku": "A-1"}, token=other)
    assert permission_denied(result)
    world.variant_a.refresh_from_db()
    assert world.variant_a.name == "250 g"
    assert not ProductVariant.objects.filter(sku="X-1").exists()
