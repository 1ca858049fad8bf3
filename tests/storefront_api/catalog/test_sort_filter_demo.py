"""Products, categories and collections sort and filter as in Saleor 3.24, over HTTP on
the demo data (two hubs: ``pecatu`` and ``bakalankrapyak``).

The demo data is loaded once for the module (~25 s) inside a transaction rolled back at
the end; on top of it the fixture adds what the demo lacks for these inputs: flavour,
spiciness and organic attributes on a few Pecatu snacks, a collection, one product out
of stock and one with metadata. Each test runs in its own savepoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings

from marketplace.catalog.attributes import (
    AttributeInput,
    attribute_create,
    product_attributes_set,
    product_type_attributes_assign,
)
from marketplace.catalog.models import Attribute, Product, ProductVariantChannelListing
from marketplace.catalog.search import products_index_dirty
from marketplace.channels.models import Channel
from marketplace.content.models import Collection, CollectionChannelListing, CollectionProduct
from marketplace.demo.data import demo_data_load
from marketplace.warehouses.models import Stock
from storefront_api.core.ids import global_id
from tests.storefront_api.catalog.conftest import token_for

PECATU = "pecatu"

PRODUCTS = """
query ($channel: String, $first: Int = 100, $after: String, $sortBy: ProductOrder,
       $filter: ProductFilterInput, $where: ProductWhereInput, $search: String) {
  products(channel: $channel, first: $first, after: $after, sortBy: $sortBy,
           filter: $filter, where: $where, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name slug } }
  }
}
"""


@dataclass
class Demo:
    snacks: list[Product]  # Pecatu keripik with flavour/spiciness/organic values
    out_of_stock: Product
    collection: Collection
    in_collection: list[Product]  # in the collection's sort order


def _pecatu_snacks() -> list[Product]:
    return list(
        Product.objects.filter(
            category__slug="keripik-camilan", channel_listings__channel__slug=PECATU
        ).order_by("name")[:3]
    )


def _attributes(snacks: list[Product]) -> None:
    flavour = attribute_create(name="Rasa", slug="rasa")
    heat = attribute_create(name="Tingkat pedas", slug="tingkat-pedas", input_type="numeric")
    organic = attribute_create(name="Organik", slug="organik", input_type="boolean")
    for product_type in {snack.product_type for snack in snacks}:
        product_type_attributes_assign(
            product_type=product_type, product_attributes=[flavour, heat, organic]
        )
    plans = [("Pedas", "5", True), ("Manis", "0", False), ("Original", "2", None)]
    for snack, (name, level, is_organic) in zip(snacks, plans, strict=True):
        values = [
            AttributeInput(attribute=flavour, value_names=(name,)),
            AttributeInput(attribute=heat, numeric=level),
        ]
        if is_organic is not None:
            values.append(AttributeInput(attribute=organic, boolean=is_organic))
        product_attributes_set(product=snack, attributes=values)


def _collection(products: list[Product]) -> Collection:
    collection = Collection.objects.create(name="Oleh-oleh Pecatu", slug="oleh-oleh-pecatu")
    CollectionChannelListing.objects.create(
        collection=collection, channel=Channel.objects.get(slug=PECATU), is_published=True
    )
    for position, product in enumerate(products):
        CollectionProduct.objects.create(
            collection=collection, product=product, sort_order=position
        )
    Collection.objects.create(name="Kosong", slug="kosong")  # unlisted, no products
    return collection


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Demo]:
    media = str(tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        demo_data_load()
        snacks = _pecatu_snacks()
        _attributes(snacks)
        pecatu = list(
            Product.objects.filter(channel_listings__channel__slug=PECATU).order_by("-name")
        )
        in_collection = [pecatu[4], pecatu[0], pecatu[9]]
        collection = _collection(in_collection)
        out_of_stock = pecatu[1]
        Stock.objects.filter(product_variant__product=out_of_stock).update(quantity=0)
        Product.objects.filter(pk=snacks[0].pk).update(metadata={"musim": "kemarau"})
        products_index_dirty()
        yield Demo(snacks, out_of_stock, collection, in_collection)
        transaction.set_rollback(True)


def _products(gql: Any, token: str | None = None, **variables: Any) -> dict[str, Any]:
    result = gql.execute(PRODUCTS, {"channel": PECATU, **variables}, token=token)
    assert "errors" not in result, result["errors"]
    return result["data"]["products"]


def _names(gql: Any, **variables: Any) -> list[str]:
    return [edge["node"]["name"] for edge in _products(gql, **variables)["edges"]]


def _error(gql: Any, query: str = PRODUCTS, **variables: Any) -> str:
    result = gql.execute(query, variables)
    assert result["data"] is None or None in result["data"].values(), result
    return result["errors"][0]["message"]


def _min_prices(channel: str = PECATU) -> dict[str, Decimal]:
    prices: dict[str, Decimal] = {}
    listings = ProductVariantChannelListing.objects.filter(channel__slug=channel)
    for name, price in listings.values_list("variant__product__name", "price_amount"):
        prices[name] = min(price, prices.get(name, price))
    return prices


pytestmark = pytest.mark.django_db


# --- sorting ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["PRICE", "MINIMAL_PRICE"])
def test_products_sort_by_price_in_the_channel_cheapest_first_or_last(demo, gql, field):
    prices = _min_prices()

    ascending = _names(gql, sortBy={"field": field, "direction": "ASC"})
    descending = _names(gql, sortBy={"field": field, "direction": "DESC"})

    assert len(ascending) == len(prices) == 31  # Gula Semut comes in two sizes
    assert [prices[name] for name in ascending] == sorted(prices.values())
    assert ascending[0] == "Keripik Singkong Balado 200 g"  # Rp16.000, the cheapest
    assert descending[0] == "Kamen Tenun Cagcag"  # Rp396.500
    assert [prices[name] for name in descending] == sorted(prices.values(), reverse=True)


def test_price_sort_pages_with_cursors_through_every_product_once(demo, gql):
    sort = {"field": "PRICE", "direction": "ASC"}
    whole = _names(gql, sortBy=sort)
    walked: list[str] = []
    after = None
    while True:
        page = _products(gql, sortBy=sort, first=10, after=after)
        walked += [edge["node"]["name"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert walked == whole


def test_price_sort_reads_the_sort_channel_for_staff_listing_every_channel(demo, gql):
    from marketplace.accounts.models import User

    staff = (
        User.objects.filter(is_staff=True).first() or User.objects.filter(is_superuser=True).first()
    )
    if staff is None:
        pytest.skip("the demo has no platform staff")
    token = token_for(staff)
    # without any channel a price sort cannot know which prices to read: Saleor's error
    result = gql.execute(
        PRODUCTS, {"channel": None, "sortBy": {"field": "PRICE", "direction": "ASC"}}, token=token
    )
    assert result["errors"][0]["message"] == (
        "More than one channel exists. Specify which channel to use."
    )
    # ProductOrder.channel (deprecated, still sent by older storefronts) names it
    page = _products(
        gql,
        token=token,
        channel=None,
        first=1,
        sortBy={"field": "PRICE", "direction": "DESC", "channel": "bakalankrapyak"},
    )
    assert page["edges"][0]["node"]["name"] == "Kain Tenun Troso"  # Rp243.500 at Kudus


def test_rank_sorts_a_search_by_relevance_and_is_refused_without_one(demo, gql):
    ranked = _names(gql, search="keripik", sortBy={"field": "RANK", "direction": "DESC"})
    default = _names(gql, search="keripik")

    assert ranked == default  # Saleor sorts searches by rank by default
    assert ranked
    assert all("keripik" in name.lower() for name in ranked)
    message = _error(gql, channel=PECATU, first=5, sortBy={"field": "RANK", "direction": "ASC"})
    assert message == "Sorting by RANK is available only when using a search filter."


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("NAME", lambda p: (p.name, p.slug)),
        ("CREATED_AT", lambda p: (p.created_at, p.name, p.slug)),
        ("LAST_MODIFIED_AT", lambda p: (p.updated_at, p.name, p.slug)),
        ("LAST_MODIFIED", lambda p: (p.updated_at, p.name, p.slug)),
        ("DATE", lambda p: (p.updated_at, p.name, p.slug)),
        ("TYPE", lambda p: (p.product_type.name, p.name, p.slug)),
    ],
)
def test_products_sort_by_their_own_fields(demo, gql, field, key):
    products = Product.objects.filter(channel_listings__channel__slug=PECATU)
    expected = [p.name for p in sorted(products.select_related("product_type"), key=key)]

    assert _names(gql, sortBy={"field": field, "direction": "ASC"}) == expected
    assert _names(gql, sortBy={"field": field, "direction": "DESC"}) == expected[::-1]


@pytest.mark.parametrize("field", ["PUBLISHED", "PUBLICATION_DATE", "PUBLISHED_AT", "RATING"])
def test_products_sort_by_publication_and_rating_list_every_product(demo, gql, field):
    # the demo publishes every product at the same moment and rates none: ties by name
    by_name = _names(gql, sortBy={"field": "NAME", "direction": "ASC"})

    assert _names(gql, sortBy={"field": field, "direction": "ASC"}) == by_name
    assert len(by_name) == 31


def test_collection_products_sort_in_the_collection_order(demo, gql):
    query = """
    query ($slug: String, $dir: OrderDirection!) {
      collection(slug: $slug, channel: "pecatu") {
        products(first: 10, sortBy: {field: COLLECTION, direction: $dir}) {
          edges { node { name } }
        }
      }
    }"""
    expected = [p.name for p in demo.in_collection]
    for direction, order in (("ASC", expected), ("DESC", expected[::-1])):
        result = gql.execute(query, {"slug": demo.collection.slug, "dir": direction})
        edges = result["data"]["collection"]["products"]["edges"]
        assert [edge["node"]["name"] for edge in edges] == order

    message = _error(
        gql, channel=PECATU, first=5, sortBy={"field": "COLLECTION", "direction": "ASC"}
    )
    assert "only for the `Collection.products` query" in message


def test_products_sort_by_an_attribute_values_then_the_rest(demo, gql):
    flavour = global_id("Attribute", Attribute.objects.get(slug="rasa").pk)

    names = _names(gql, sortBy={"attributeId": flavour, "direction": "ASC"})

    by_flavour = {"Pedas": demo.snacks[0].name, "Manis": demo.snacks[1].name}
    by_flavour["Original"] = demo.snacks[2].name
    assert names[:3] == [by_flavour["Manis"], by_flavour["Original"], by_flavour["Pedas"]]
    assert len(names) == 31
    message = _error(
        gql,
        channel=PECATU,
        first=5,
        sortBy={"attributeId": flavour, "field": "NAME", "direction": "ASC"},
    )
    assert message == "You must provide either `field` or `attributeId` to sort the products."
