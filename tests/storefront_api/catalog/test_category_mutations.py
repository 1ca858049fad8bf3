"""categoryCreate / categoryUpdate / categoryDelete: platform staff only."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Category
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

CREATE = """
mutation ($input: CategoryInput!, $parent: ID) {
  categoryCreate(input: $input, parent: $parent) {
    category { id name slug level parent { slug } } errors { field message code } productErrors { code }
  }
}
"""  # noqa: E501
UPDATE = """
mutation ($id: ID!, $input: CategoryInput!) {
  categoryUpdate(id: $id, input: $input) { category { name slug } errors { field message code } }
}
"""
DELETE = """
mutation ($id: ID!) { categoryDelete(id: $id) { category { id } errors { field code } } }
"""


def test_category_create_update_delete(gql, world):
    token = token_for(world.platform)
    parent = gid("Category", world.product_a.category_id)
    result = gql.execute(CREATE, {"input": {"name": "Kopi Bubuk"}, "parent": parent}, token=token)
    payload = result["data"]["categoryCreate"]
    assert payload["errors"] == []
    assert payload["productErrors"] == []
    assert payload["category"]["slug"] == "kopi-bubuk"
    assert payload["category"]["level"] == 1
    assert payload["category"]["parent"] == {"slug": "camilan"}
    category_id = payload["category"]["id"]
    result = gql.execute(UPDATE, {"id": category_id, "input": {"name": "Kopi"}}, token=token)
    assert result["data"]["categoryUpdate"] == {
        "category": {"name": "Kopi", "slug": "kopi-bubuk"},
        "errors": [],
    }
    result = gql.execute(DELETE, {"id": category_id}, token=token)
    assert result["data"]["categoryDelete"] == {"category": {"id": category_id}, "errors": []}
    assert not Category.objects.filter(slug="kopi-bubuk").exists()


def test_category_errors(gql, world):
    token = token_for(world.platform)
    result = gql.execute(CREATE, {"input": {"name": "Lain", "slug": "camilan"}}, token=token)
    assert [(e["field"], e["code"]) for e in result["data"]["categoryCreate"]["errors"]] == [
        ("slug", "UNIQUE")
    ]
    result = gql.execute(CREATE, {"input": {"name": "X"}, "parent": "zzz"}, token=token)
    assert result["data"]["categoryCreate"]["errors"] == [
        {"field": "parent", "message": "Couldn't resolve id: zzz.", "code": "GRAPHQL_ERROR"}
    ]
    assert Category.objects.count() == 1


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_a", "operator1"])
def test_category_management_is_platform_staff_only(gql, world, role):
    token = token_for(world.user(role))
    category_id = gid("Category", world.product_a.category_id)
    assert permission_denied(gql.execute(CREATE, {"input": {"name": "X"}}, token=token))
    assert permission_denied(
        gql.execute(UPDATE, {"id": category_id, "input": {"name": "X"}}, token=token)
    )
    assert permission_denied(gql.execute(DELETE, {"id": category_id}, token=token))
    assert list(Category.objects.values_list("name", flat=True)) == ["Camilan"]
