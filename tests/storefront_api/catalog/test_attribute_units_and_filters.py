"""``Attribute.unit`` (Saleor's measurement units) and ``attributes(filter:, channel:)``,
as react-storefront reads them for its facet filters."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.catalog import attributes
from marketplace.catalog.models import Attribute, AttributeProduct, AttributeVariant
from marketplace.content.models import Collection, CollectionProduct
from tests.factories.catalog import CategoryFactory, ProductTypeFactory
from tests.storefront_api.catalog.conftest import gid, token_for

pytestmark = pytest.mark.django_db

A_CREATE = """
mutation ($input: AttributeCreateInput!) {
  attributeCreate(input: $input) { attribute { slug unit } errors { field code } }
}
"""
A_UPDATE = """
mutation ($id: ID!, $input: AttributeUpdateInput!) {
  attributeUpdate(id: $id, input: $input) { attribute { slug unit } errors { field code } }
}
"""
# react-storefront's facet filter document
FILTERS = """
query FilteringAttributesQuery($filter: AttributeFilterInput!, $channel: String!) {
  attributes(filter: $filter, first: 100, channel: $channel) {
    totalCount
    edges { node { id name slug inputType unit type
      choices(first: 20) { edges { node { id name slug } } } } }
  }
}
"""


def create(gql: Any, world: Any, **input: Any) -> dict:
    input = {"name": "Berat bersih", "type": "PRODUCT_TYPE", "inputType": "NUMERIC", **input}
    token = token_for(world.platform)
    return gql.execute(A_CREATE, {"input": input}, token=token)["data"]["attributeCreate"]


def test_numeric_attribute_with_a_unit(gql: Any, world: Any):
    # when
    created = create(gql, world, unit="KG")
    # then
    assert created == {"attribute": {"slug": "berat-bersih", "unit": "KG"}, "errors": []}
    attribute = Attribute.objects.get(slug="berat-bersih")
    assert attribute.unit == "kg"

    # when the unit changes, then goes
    def update(unit: str | None) -> dict:
        return gql.execute(
            A_UPDATE,
            {"id": gid("Attribute", attribute.pk), "input": {"unit": unit}},
            token=token_for(world.platform),
        )["data"]["attributeUpdate"]

    assert update("G")["attribute"]["unit"] == "G"
    assert update(None)["attribute"]["unit"] is None
    attribute.refresh_from_db()
    assert attribute.unit == ""
    # leaving the unit out keeps it
    update("LITER")
    gql.execute(
        A_UPDATE,
        {"id": gid("Attribute", attribute.pk), "input": {"name": "Isi"}},
        token=token_for(world.platform),
    )
    attribute.refresh_from_db()
    assert (attribute.name, attribute.unit) == ("Isi", "liter")


def test_unknown_unit_is_refused_by_the_schema(gql: Any, world: Any):
    input = {"name": "Panjang", "type": "PRODUCT_TYPE", "unit": "JENGKAL"}
    body = gql.execute(A_CREATE, {"input": input}, token=token_for(world.platform), status=400)
    assert "data" not in body
    assert not Attribute.objects.filter(name="Panjang").exists()


def test_units_are_shown_on_products_legacy_attributes(gql: Any, world: Any):
    attribute = attributes.attribute_create(name="Berat", input_type="numeric", unit="g")
    attributes.product_type_attributes_assign(
        product_type=world.product_a.product_type, product_attributes=[attribute]
    )
    attributes.product_attributes_set(
        product=world.product_a,
        attributes=[attributes.AttributeInput(attribute=attribute, numeric="250")],
    )
    query = """
    query ($id: ID, $channel: String) {
      product(id: $id, channel: $channel) {
        attributes { attribute { id name type unit } values { name } }
      }
    }"""
    product = gql.execute(
        query, {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug}
    )["data"]["product"]
    assert product["attributes"] == [
        {
            "attribute": {
                "id": gid("Attribute", attribute.pk),
                "name": "Berat",
                "type": "PRODUCT_TYPE",
                "unit": "G",
            },
            "values": [{"name": "250"}],
        }
    ]


@pytest.fixture
def facets(world: Any) -> dict[str, Attribute]:
    """``rasa`` on the world's products (category "camilan", hub 1 and 2); ``ukuran`` on
    variants of another type used by nobody; ``kemasan`` hidden from the storefront,
    not filterable there, and required."""
    rasa = attributes.attribute_create(name="Rasa", slug="rasa", filterable_in_storefront=True)
    ukuran = attributes.attribute_create(name="Ukuran", slug="ukuran")
    kemasan = attributes.attribute_create(
        name="Kemasan",
        slug="kemasan",
        visible_in_storefront=False,
        filterable_in_storefront=False,
        value_required=True,
    )
    AttributeProduct.objects.create(attribute=rasa, product_type=world.product_a.product_type)
    AttributeProduct.objects.create(attribute=kemasan, product_type=world.product_a.product_type)
    AttributeVariant.objects.create(attribute=ukuran, product_type=ProductTypeFactory())
    return {"rasa": rasa, "ukuran": ukuran, "kemasan": kemasan}


def slugs(gql: Any, world: Any, channel: str | None = None, **filter: Any) -> list[str]:
    result = gql.execute(FILTERS, {"filter": filter, "channel": channel or world.channel1.slug})
    connection = result["data"]["attributes"]
    return sorted(edge["node"]["slug"] for edge in connection["edges"])


@pytest.mark.usefixtures("empty_taxonomy")
def test_attribute_filters(gql: Any, world: Any, facets: dict[str, Attribute]):
    camilan = world.product_a.category
    assert slugs(gql, world, inCategory=gid("Category", camilan.pk)) == ["kemasan", "rasa"]
    empty = CategoryFactory(name="Kain", slug="kain")
    assert slugs(gql, world, inCategory=gid("Category", empty.pk)) == []
    assert slugs(gql, world, search="ukur") == ["ukuran"]
    assert slugs(gql, world, slugs=["rasa", "ukuran"]) == ["rasa", "ukuran"]
    assert slugs(gql, world, ids=[gid("Attribute", facets["rasa"].pk)]) == ["rasa"]
    assert slugs(gql, world, visibleInStorefront=False) == ["kemasan"]
    assert slugs(gql, world, valueRequired=True) == ["kemasan"]
    assert slugs(gql, world, type="PAGE_TYPE") == []
    assert slugs(gql, world, type="PRODUCT_TYPE", search="rasa") == ["rasa"]
    assert slugs(gql, world, filterableInStorefront=False) == ["kemasan"]


def test_in_category_counts_only_products_visible_in_the_channel(
    gql: Any, world: Any, facets: dict[str, Attribute]
):
    # a subcategory's products count for its parent
    child = CategoryFactory(name="Keripik", slug="keripik", parent=world.product_a.category)
    world.product_b.category = child
    world.product_b.save()
    world.product_a.product_type = ProductTypeFactory()
    world.product_a.save()
    parent = gid("Category", world.product_a.category.pk)
    # product B (the world's type) is sold in hub 2 only
    assert slugs(gql, world, channel=world.channel2.slug, inCategory=parent) == [
        "kemasan",
        "rasa",
    ]
    # hub 1 shows product A, whose new type has no attributes
    assert slugs(gql, world, channel=world.channel1.slug, inCategory=parent) == []
    # the deprecated filter.channel works too; an unknown channel shows nothing
    filter = {"inCategory": parent, "channel": world.channel2.slug}
    result = gql.execute(
        "query ($f: AttributeFilterInput) { attributes(filter: $f, first: 10) { totalCount } }",
        {"f": filter},
    )
    assert result["data"]["attributes"]["totalCount"] == 2
    assert slugs(gql, world, channel="tidak-ada", inCategory=parent) == []


def test_in_collection(gql: Any, world: Any, facets: dict[str, Attribute]):
    collection = Collection.objects.create(name="Oleh-oleh", slug="oleh-oleh")
    assert slugs(gql, world, inCollection=gid("Collection", collection.pk)) == []
    CollectionProduct.objects.create(collection=collection, product=world.product_a)
    assert slugs(gql, world, inCollection=gid("Collection", collection.pk)) == [
        "kemasan",
        "rasa",
    ]
    # an unpublished product does not count for shoppers
    hidden_only = Collection.objects.create(name="Rahasia", slug="rahasia")
    CollectionProduct.objects.create(collection=hidden_only, product=world.hidden_a)
    assert slugs(gql, world, inCollection=gid("Collection", hidden_only.pk)) == []


WHERE = """
query ($where: AttributeWhereInput, $sortBy: AttributeSortingInput, $channel: String) {
  attributes(where: $where, sortBy: $sortBy, first: 100, channel: $channel) {
    edges { node { slug } }
  }
}
"""


def where_slugs(gql: Any, world: Any, sort_by: Any = None, **where: Any) -> list[str]:
    variables = {"where": where, "sortBy": sort_by, "channel": world.channel1.slug}
    result = gql.execute(WHERE, variables)
    assert "errors" not in result, result["errors"]
    return [edge["node"]["slug"] for edge in result["data"]["attributes"]["edges"]]


def test_attribute_where_and_sort(
    empty_taxonomy: None, gql: Any, world: Any, facets: dict[str, Attribute]
):
    camilan = gid("Category", world.product_a.category.pk)
    desc = {"field": "NAME", "direction": "DESC"}

    assert where_slugs(gql, world, sort_by=desc) == ["ukuran", "rasa", "kemasan"]
    assert where_slugs(gql, world, sort_by=desc, inCategory=camilan) == ["rasa", "kemasan"]
    assert where_slugs(gql, world, slug={"oneOf": ["rasa", "ukuran"]}, withChoices=True) == [
        "rasa",
        "ukuran",
    ]
    assert where_slugs(gql, world, inputType={"eq": "NUMERIC"}) == []
    assert where_slugs(gql, world, type={"eq": "PAGE_TYPE"}) == []
    either = {"OR": [{"name": {"eq": "Rasa"}}, {"valueRequired": True}]}
    assert sorted(where_slugs(gql, world, **either)) == ["kemasan", "rasa"]
    required_first = {"field": "VALUE_REQUIRED", "direction": "DESC"}
    assert where_slugs(gql, world, sort_by=required_first)[0] == "kemasan"


def test_product_types_filter_and_sort(gql: Any, world: Any):
    query = """
    query ($filter: ProductTypeFilterInput, $sortBy: ProductTypeSortingInput) {
      productTypes(filter: $filter, sortBy: $sortBy, first: 10) { edges { node { name } } }
    }"""
    ProductTypeFactory(name="Aa Jasa", is_shipping_required=False)
    ProductTypeFactory(name="Zz Kemasan", is_shipping_required=True)

    def names(**variables: Any) -> list[str]:
        result = gql.execute(query, variables, token=token_for(world.platform))
        assert "errors" not in result, result["errors"]
        return [edge["node"]["name"] for edge in result["data"]["productTypes"]["edges"]]

    by_name = names(sortBy={"field": "NAME", "direction": "ASC"})
    assert by_name[0] == "Aa Jasa"
    assert names(sortBy={"field": "NAME", "direction": "DESC"})[0] == "Zz Kemasan"
    assert "Aa Jasa" not in names(filter={"productType": "SHIPPABLE"})
    assert names(filter={"search": "jasa"}) == ["Aa Jasa"]
    assert names(filter={"kind": "GIFT_CARD"}) == []
    shipping_last = names(sortBy={"field": "SHIPPING_REQUIRED", "direction": "ASC"})
    assert shipping_last[0] == "Aa Jasa"
