"""Variant lists, attribute choices, attribute flags and warehouse sorting as in Saleor
3.24, over HTTP on the demo data: ``Product.productVariants`` / ``Query.productVariants``
with ``filter``, ``where``, ``search`` and ``sortBy``; ``Attribute.choices`` with
``filter``, ``where``, ``search`` and ``sortBy``; ``AttributeFilterInput``'s flags and
metadata; ``warehouses(sortBy:)`` and ``WarehouseFilterInput.metadata``.

The demo is loaded once for the module inside a transaction rolled back at the end. The
demo's "Gula Semut Aren Organik" comes in two sizes (variants "250 g" and "500 g", with
the size attribute); the fixture sells the 500 g out and gives the 250 g metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from marketplace.catalog.models import Attribute, Product, ProductMedia, ProductVariant
from marketplace.catalog.platform_types import SIZE_ATTRIBUTE_SLUG
from marketplace.demo.data import demo_data_load
from marketplace.warehouses.models import Stock, Warehouse
from storefront_api.core.ids import global_id
from tests.factories.accounts import UserFactory
from tests.storefront_api.catalog.conftest import token_for

PECATU = "pecatu"
SUGAR = "LMB-PCT-S01"

PRODUCT_VARIANTS = """
query ($slug: String!, $filter: ProductVariantFilterInput, $where: ProductVariantWhereInput,
       $sortBy: ProductVariantSortingInput) {
  product(slug: $slug, channel: "pecatu") {
    productVariants(first: 10, filter: $filter, where: $where, sortBy: $sortBy) {
      totalCount
      edges { node { name sku } }
    }
  }
}
"""

VARIANTS = """
query ($channel: String = "pecatu", $first: Int = 100, $ids: [ID!], $search: String,
       $filter: ProductVariantFilterInput, $where: ProductVariantWhereInput,
       $sortBy: ProductVariantSortingInput) {
  productVariants(channel: $channel, first: $first, ids: $ids, search: $search,
                  filter: $filter, where: $where, sortBy: $sortBy) {
    totalCount
    edges { node { sku product { name } } }
  }
}
"""


@dataclass
class Demo:
    sugar: Product
    small: ProductVariant  # 250 g, in stock, metadata {"rasa": "karamel"}
    large: ProductVariant  # 500 g, sold out


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Demo]:
    media = str(tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        demo_data_load()
        small = ProductVariant.objects.get(sku=f"{SUGAR}-250")
        large = ProductVariant.objects.get(sku=f"{SUGAR}-500")
        Stock.objects.filter(product_variant=large).update(quantity=0)
        ProductVariant.objects.filter(pk=small.pk).update(
            metadata={"rasa": "karamel"}, updated_at=timezone.now()
        )
        yield Demo(small.product, small, large)
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def _data(gql: Any, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
    result = gql.execute(query, variables, token=token)
    assert "errors" not in result, result["errors"]
    return result["data"]


def _sizes(gql: Any, demo: Demo, **variables: Any) -> list[str]:
    data = _data(gql, PRODUCT_VARIANTS, slug=demo.sugar.slug, **variables)
    return [edge["node"]["name"] for edge in data["product"]["productVariants"]["edges"]]


def _skus(gql: Any, **variables: Any) -> list[str]:
    data = _data(gql, VARIANTS, **variables)["productVariants"]
    return [edge["node"]["sku"] for edge in data["edges"]]


def _size(name: str) -> dict[str, Any]:
    return {"slug": SIZE_ATTRIBUTE_SLUG, "value": {"name": {"eq": name}}}


# --- Product.productVariants ------------------------------------------------------------


def test_a_products_variants_filter_by_attribute_stock_sku_and_metadata(demo, gql):
    assert _sizes(gql, demo) == ["250 g", "500 g"]
    assert _sizes(gql, demo, where={"attributes": [_size("500 g")]}) == ["500 g"]
    assert _sizes(gql, demo, where={"stockAvailability": "OUT_OF_STOCK"}) == ["500 g"]
    assert _sizes(gql, demo, where={"stockAvailability": "IN_STOCK"}) == ["250 g"]
    assert _sizes(gql, demo, where={"sku": {"eq": f"{SUGAR}-500"}}) == ["500 g"]
    assert _sizes(
        gql,
        demo,
        where={
            "OR": [
                {"ids": [global_id("ProductVariant", demo.large.pk)]},
                {"metadata": [{"key": "rasa"}]},
            ]
        },
    ) == ["250 g", "500 g"]
    assert _sizes(gql, demo, filter={"metadata": [{"key": "rasa", "value": "karamel"}]}) == [
        "250 g"
    ]
    assert _sizes(gql, demo, filter={"sku": [f"{SUGAR}-250"]}) == ["250 g"]
    assert _sizes(gql, demo, filter={"isPreorder": True}) == []  # no pre-orders in Lumbung


def test_a_products_variants_sort_by_last_change(demo, gql):
    newest_first = {"field": "LAST_MODIFIED_AT", "direction": "DESC"}
    assert _sizes(gql, demo, sortBy=newest_first) == ["250 g", "500 g"]  # 250 g touched last
    assert _sizes(gql, demo, sortBy={**newest_first, "direction": "ASC"}) == ["500 g", "250 g"]


def test_filtered_variants_of_a_product_page_cost_the_same_queries_for_any_page_size(demo, gql):
    query = """
    query ($first: Int!) {
      products(channel: "pecatu", first: $first) {
        edges { node { name productVariants(first: 5, where: {stockAvailability: IN_STOCK},
                                            sortBy: {field: LAST_MODIFIED_AT, direction: DESC})
                       { edges { node { sku pricing { price { gross { amount } } } } } } } }
      }
    }
    """

    def run(first: int) -> tuple[int, dict[str, list[str]]]:
        with CaptureQueriesContext(connection) as queries:
            data = _data(gql, query, first=first)
        skus = {
            edge["node"]["name"]: [
                v["node"]["sku"] for v in edge["node"]["productVariants"]["edges"]
            ]
            for edge in data["products"]["edges"]
        }
        return len(queries), skus

    small, _ = run(1)
    large, skus = run(30)
    assert len(skus) == 30
    assert skus[demo.sugar.name] == [demo.small.sku]  # the sold-out size is left out
    assert large == small


def test_filter_and_where_together_are_refused_for_variants(demo, gql):
    result = gql.execute(
        PRODUCT_VARIANTS,
        {"slug": demo.sugar.slug, "filter": {"sku": ["x"]}, "where": {"ids": []}},
    )
    assert result["errors"][0]["message"] == (
        "Only one filtering argument (filter or where) can be specified."
    )


# --- Query.productVariants ----------------------------------------------------------------


def test_all_variants_of_a_channel_search_filter_and_ids(demo, gql):
    every = _skus(gql)
    assert {demo.small.sku, demo.large.sku} <= set(every)
    assert (
        len(every)
        == ProductVariant.objects.filter(product__channel_listings__channel__slug=PECATU).count()
    )
    assert _skus(gql, search="pct-s01") == [demo.small.sku, demo.large.sku]  # by SKU
    by_name = _data(gql, VARIANTS, search=demo.sugar.name.lower())["productVariants"]["edges"]
    assert {demo.small.sku, demo.large.sku} <= {edge["node"]["sku"] for edge in by_name}
    assert all(demo.sugar.name in edge["node"]["product"]["name"] for edge in by_name)
    assert _skus(gql, where={"sku": {"oneOf": [demo.large.sku, "LMB-TIDAK-ADA"]}}) == [
        demo.large.sku
    ]
    assert _skus(gql, ids=[global_id("ProductVariant", demo.small.pk)]) == [demo.small.sku]
    assert _skus(
        gql,
        where={
            "stocks": {"quantity": {"lte": 0}},
            "ids": [
                global_id("ProductVariant", demo.small.pk),
                global_id("ProductVariant", demo.large.pk),
            ],
        },
    ) == [demo.large.sku]
    # another hub's variants are not in Pecatu's channel
    assert not {sku for sku in every if "-KDS-" in sku or "-CLO-" in sku}


def test_variants_list_costs_the_same_queries_for_any_page_size(demo, gql):
    def run(first: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            data = _data(
                gql, VARIANTS, first=first, sortBy={"field": "LAST_MODIFIED_AT", "direction": "ASC"}
            )
        return len(queries), len(data["productVariants"]["edges"])

    small, one = run(1)
    large, many = run(30)
    assert (one, many) == (1, 30)
    assert large == small


def test_a_malformed_variant_id_is_a_clear_error(demo, gql):
    result = gql.execute(VARIANTS, {"ids": ["bukan-id"]})
    assert result["data"]["productVariants"] is None
    assert "bukan-id" in result["errors"][0]["message"]


# --- Attribute.choices ----------------------------------------------------------------------

CHOICES = """
query ($slug: String!, $filter: AttributeValueFilterInput, $where: AttributeValueWhereInput,
       $search: String, $sortBy: AttributeChoicesSortingInput) {
  attribute(slug: $slug) {
    choices(first: 50, filter: $filter, where: $where, search: $search, sortBy: $sortBy) {
      edges { node { name slug } }
    }
  }
}
"""


def _choices(gql: Any, **variables: Any) -> list[str]:
    data = _data(gql, CHOICES, slug=SIZE_ATTRIBUTE_SLUG, **variables)
    return [edge["node"]["name"] for edge in data["attribute"]["choices"]["edges"]]


def test_attribute_choices_filter_search_and_sort(demo, gql):
    names = list(
        Attribute.objects.get(slug=SIZE_ATTRIBUTE_SLUG).values.values_list("name", flat=True)
    )
    assert {"250 g", "500 g"} <= set(names)
    assert _choices(gql, sortBy={"field": "NAME", "direction": "ASC"}) == sorted(names)
    assert _choices(gql, sortBy={"field": "NAME", "direction": "DESC"}) == sorted(
        names, reverse=True
    )
    assert _choices(gql, search="500") == [name for name in names if "500" in name]
    assert _choices(gql, where={"name": {"oneOf": ["250 g", "500 g"]}}) == [
        name for name in names if name in {"250 g", "500 g"}
    ]
    assert _choices(
        gql, where={"OR": [{"name": {"eq": "500 g"}}, {"slug": {"eq": "tidak-ada"}}]}
    ) == ["500 g"]
    assert _choices(gql, filter={"search": "250"}) == [name for name in names if "250" in name]
    result = gql.execute(
        CHOICES, {"slug": SIZE_ATTRIBUTE_SLUG, "filter": {"search": "1"}, "where": {"ids": []}}
    )
    assert result["errors"][0]["message"] == (
        "Only one filtering argument (filter or where) can be specified."
    )


def test_choices_of_a_page_of_attributes_cost_the_same_queries_for_any_page_size(demo, gql):
    query = """
    query ($first: Int!) {
      attributes(first: $first) { edges { node { slug
        choices(first: 5, where: {slug: {oneOf: ["250-g", "500-g"]}},
                sortBy: {field: NAME, direction: DESC}) { totalCount edges { node { name } } }
      } } }
    }
    """

    def run(first: int) -> tuple[int, dict[str, list[str]]]:
        with CaptureQueriesContext(connection) as queries:
            data = _data(gql, query, first=first)
        choices = {
            edge["node"]["slug"]: [c["node"]["name"] for c in edge["node"]["choices"]["edges"]]
            for edge in data["attributes"]["edges"]
        }
        return len(queries), choices

    small, _ = run(1)
    large, choices = run(50)
    assert len(choices) == Attribute.objects.count() > 1
    assert choices[SIZE_ATTRIBUTE_SLUG] == ["500 g", "250 g"]
    assert large == small


# --- AttributeFilterInput flags and metadata -------------------------------------------------

ATTRIBUTES = """
query ($filter: AttributeFilterInput) { attributes(first: 100, filter: $filter) { totalCount } }
"""


@pytest.mark.parametrize(
    ("flags", "matches_all"),
    [
        ({"isVariantOnly": False}, True),
        ({"isVariantOnly": True}, False),
        ({"availableInGrid": True}, True),
        ({"availableInGrid": False}, False),
        ({"filterableInDashboard": True}, True),
        ({"filterableInDashboard": False}, False),
        ({"metadata": [{"key": "warna"}]}, False),
    ],
)
def test_attribute_flags_lumbung_does_not_store_read_as_saleors_defaults(
    demo, gql, flags, matches_all
):
    total = Attribute.objects.count()
    assert total > 0
    found = _data(gql, ATTRIBUTES, filter=flags)["attributes"]["totalCount"]
    assert found == (total if matches_all else 0)


# --- warehouses(sortBy:, filter: {metadata}) -------------------------------------------------

WAREHOUSES = """
query ($sortBy: WarehouseSortingInput, $filter: WarehouseFilterInput) {
  warehouses(first: 100, sortBy: $sortBy, filter: $filter) { edges { node { name } } }
}
"""


def test_warehouses_sort_by_name_and_match_no_metadata(demo, gql):
    token = token_for(UserFactory(is_staff=True))
    names = sorted(Warehouse.objects.values_list("name", flat=True))
    assert len(names) > 1

    def listed(**variables: Any) -> list[str]:
        data = _data(gql, WAREHOUSES, token=token, **variables)["warehouses"]
        return [edge["node"]["name"] for edge in data["edges"]]

    assert listed(sortBy={"field": "NAME", "direction": "ASC"}) == names
    assert listed(sortBy={"field": "NAME", "direction": "DESC"}) == names[::-1]
    assert listed(filter={"metadata": [{"key": "zona"}]}) == []


# --- Product.media(sortBy:) ------------------------------------------------------------------

MEDIA = """
query ($slug: String!, $sortBy: MediaSortingInput) {
  product(slug: $slug, channel: "pecatu") { media(sortBy: $sortBy) { alt } }
}
"""


def test_product_media_sort_by_id(demo, gql):
    photo = demo.sugar.media.get()
    ProductMedia.objects.create(  # added later, but placed first
        product=demo.sugar, image=photo.image.name, alt="Kemasan belakang", sort_order=-1
    )

    def alts(**variables: Any) -> list[str]:
        data = _data(gql, MEDIA, slug=demo.sugar.slug, **variables)
        return [item["alt"] for item in data["product"]["media"]]

    assert alts() == ["Kemasan belakang", photo.alt]  # the product's own order
    assert alts(sortBy={"field": "ID", "direction": "ASC"}) == [photo.alt, "Kemasan belakang"]
    assert alts(sortBy={"field": "ID", "direction": "DESC"}) == ["Kemasan belakang", photo.alt]


# --- externalReference lookups -----------------------------------------------------------------


def test_lookups_by_external_reference_find_nothing_without_an_error(demo, gql):
    query = """
    { product(externalReference: "ERP-1", channel: "pecatu") { name }
      productVariant(externalReference: "ERP-1", channel: "pecatu") { sku }
      attribute(externalReference: "ERP-1") { slug }
      warehouse(externalReference: "ERP-1") { name } }
    """
    token = token_for(UserFactory(is_staff=True))
    assert _data(gql, query, token=token) == {
        "product": None,
        "productVariant": None,
        "attribute": None,
        "warehouse": None,
    }
