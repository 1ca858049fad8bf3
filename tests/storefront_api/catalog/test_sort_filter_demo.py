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
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from marketplace.catalog.attributes import (
    AttributeInput,
    attribute_create,
    product_attributes_set,
    product_type_attributes_assign,
)
from marketplace.catalog.models import Attribute, Category, Product, ProductVariantChannelListing
from marketplace.catalog.search import products_index_dirty
from marketplace.channels.models import Channel
from marketplace.content.models import Collection, CollectionChannelListing, CollectionProduct
from marketplace.demo.data import demo_data_load
from marketplace.warehouses.models import Stock
from storefront_api.core.ids import global_id
from tests.storefront_api.catalog.conftest import token_for

PECATU = "pecatu"

PRODUCTS = """
query ($channel: String, $first: Int = 100, $after: String, $last: Int,
       $sortBy: ProductOrder,
       $filter: ProductFilterInput, $where: ProductWhereInput, $search: String) {
  products(channel: $channel, first: $first, after: $after, last: $last, sortBy: $sortBy,
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
    # products named keripik come before those found through their category or synonyms
    named = [name for name in ranked if "keripik" in name.lower()]
    assert named
    assert ranked[: len(named)] == named
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


# --- filtering products ------------------------------------------------------------------


def _in_price_range(low: int, high: int) -> set[str]:
    listings = ProductVariantChannelListing.objects.filter(
        channel__slug=PECATU, price_amount__gte=low, price_amount__lte=high
    )
    return set(listings.values_list("variant__product__name", flat=True))


def test_price_filters_keep_products_with_a_variant_priced_in_the_range(demo, gql):
    expected = _in_price_range(40_000, 100_000)

    by_filter = _names(gql, filter={"price": {"gte": 40000, "lte": 100000}})
    by_where = _names(gql, where={"price": {"range": {"gte": 40000, "lte": 100000}}})

    assert set(by_filter) == set(by_where) == expected
    assert "Gula Semut Aren Organik" in expected  # its 500 g costs Rp42.000, its 250 g less
    assert len(expected) < 31


def test_minimal_price_filters_read_the_cheapest_variant(demo, gql):
    cheapest = _min_prices()
    expected = {name for name, price in cheapest.items() if 40_000 <= price <= 100_000}

    by_filter = _names(gql, filter={"minimalPrice": {"gte": 40000, "lte": 100000}})
    by_where = _names(gql, where={"minimalPrice": {"range": {"gte": 40000, "lte": 100000}}})
    exact = _names(gql, where={"minimalPrice": {"eq": "16000"}})

    assert set(by_filter) == set(by_where) == expected
    assert "Gula Semut Aren Organik" not in expected  # Rp23.000 for 250 g
    assert exact == ["Keripik Singkong Balado 200 g"]


def test_attribute_filters_with_saleor_deprecated_fields(demo, gql):
    pedas, manis, original = (p.name for p in demo.snacks)

    def names(*items: dict[str, Any]) -> set[str]:
        return set(_names(gql, filter={"attributes": list(items)}))

    assert names({"slug": "rasa", "values": ["pedas", "manis"]}) == {pedas, manis}
    assert names({"slug": "tingkat-pedas", "valuesRange": {"gte": 1}}) == {pedas, original}
    assert names({"slug": "organik", "boolean": True}) == {pedas}
    assert names({"slug": "ukuran-berat", "values": ["500-g"]}) == {"Gula Semut Aren Organik"}
    # items are AND-ed
    assert names(
        {"slug": "rasa", "values": ["pedas", "manis"]},
        {"slug": "tingkat-pedas", "valuesRange": {"lte": 1}},
    ) == {manis}


def test_attribute_filters_with_value_in_where(demo, gql):
    pedas, manis, original = (p.name for p in demo.snacks)

    def names(value: dict[str, Any]) -> set[str]:
        return set(_names(gql, where={"attributes": [{"slug": "rasa", **value}]}))

    assert names({"value": {"slug": {"oneOf": ["manis", "original"]}}}) == {manis, original}
    assert names({"value": {"name": {"eq": "Pedas"}}}) == {pedas}
    heat = [{"slug": "tingkat-pedas", "value": {"numeric": {"range": {"lte": "2"}}}}]
    assert set(_names(gql, where={"attributes": heat})) == {manis, original}
    mixed = [{"slug": "rasa", "values": ["pedas"]}, {"slug": "rasa", "value": {"boolean": True}}]
    message = _error(gql, channel=PECATU, first=5, where={"attributes": mixed})
    assert message.startswith("The provided `attributes` input contains a mix of deprecated")


def test_stock_availability_reads_the_channel_warehouses(demo, gql):
    out = _names(gql, filter={"stockAvailability": "OUT_OF_STOCK"})
    stocked = _names(gql, where={"stockAvailability": "IN_STOCK"})

    assert out == [demo.out_of_stock.name]
    assert demo.out_of_stock.name not in stocked
    assert len(stocked) == 30
    low = _names(gql, filter={"stocks": {"quantity": {"lte": 0}}})
    assert low == [demo.out_of_stock.name]


def test_collection_category_type_and_listing_filters(demo, gql):
    collection = global_id("Collection", demo.collection.pk)
    in_collection = {p.name for p in demo.in_collection}
    snacks = global_id("Category", demo.snacks[0].category_id)
    snack_names = set(
        Product.objects.filter(
            category_id=demo.snacks[0].category_id, channel_listings__channel__slug=PECATU
        ).values_list("name", flat=True)
    )

    assert set(_names(gql, filter={"collections": [collection]})) == in_collection
    assert set(_names(gql, where={"collection": {"eq": collection}})) == in_collection
    assert set(_names(gql, filter={"categories": [snacks]})) == snack_names
    assert set(_names(gql, where={"category": {"oneOf": [snacks]}})) == snack_names
    everything = _names(gql)
    for flag in ("isPublished", "isVisibleInListing", "isAvailable"):
        assert _names(gql, filter={flag: True}) == everything, flag
        assert _names(gql, where={flag: False}) == [], flag
    assert _names(gql, filter={"giftCard": True}) == []
    assert _names(gql, where={"giftCard": False}) == everything
    assert _names(gql, filter={"publishedFrom": "2025-01-02T00:00:00+00:00"}) == everything
    assert _names(gql, where={"availableFrom": "2024-12-31T00:00:00+00:00"}) == []


def test_metadata_and_or_conditions(demo, gql):
    pedas, manis, _original = (p.name for p in demo.snacks)

    assert _names(gql, filter={"metadata": [{"key": "musim", "value": "kemarau"}]}) == [pedas]
    assert _names(gql, where={"metadata": [{"key": "musim", "value": "hujan"}]}) == []
    either = {
        "OR": [
            {"slug": {"eq": demo.snacks[0].slug}},
            {"name": {"oneOf": [manis]}},
        ]
    }
    assert set(_names(gql, where=either)) == {pedas, manis}


def test_price_filter_without_a_channel_is_saleors_channel_error(demo, gql):
    message = _error(gql, first=5, filter={"price": {"gte": 1}})
    assert message == "More than one channel exists. Specify which channel to use."


def test_the_saleor_storefront_listing_constraints(demo, gql):
    # as saleor/storefront's filter-utils builds them: category, price range and an
    # attribute facet OR-ed over slug aliases (one of which Lumbung does not have)
    pedas = demo.snacks[0]
    where = {
        "AND": [
            {"category": {"oneOf": [global_id("Category", pedas.category_id)]}},
            {"price": {"range": {"gte": 0, "lte": 100000}}},
            {
                "OR": [
                    {"attributes": [{"slug": "rasa", "values": ["pedas"]}]},
                    {"attributes": [{"slug": "flavour", "values": ["pedas"]}]},
                ]
            },
        ]
    }
    sort = {"field": "PRICE", "direction": "ASC"}

    assert _names(gql, where=where, sortBy=sort) == [pedas.name]
    both = _error(gql, channel=PECATU, first=5, where=where, filter={"search": "x"})
    assert both == "Only one filtering argument (filter or where) can be specified."
    # its search page: `filter: {search}` with a sort field from the page's menu
    found = _names(gql, filter={"search": "keripik"}, sortBy={"field": "RANK", "direction": "DESC"})
    assert found == _names(gql, search="keripik")


def test_price_sort_pages_backwards_with_last(demo, gql):
    descending = _names(gql, sortBy={"field": "PRICE", "direction": "DESC"})

    page = _products(gql, first=None, last=3, sortBy={"field": "PRICE", "direction": "ASC"})

    assert [edge["node"]["name"] for edge in page["edges"]] == descending[:3][::-1]


# --- categories and collections ----------------------------------------------------------

CATEGORIES = """
query ($sortBy: CategorySortingInput, $filter: CategoryFilterInput, $where: CategoryWhereInput) {
  categories(first: 20, sortBy: $sortBy, filter: $filter, where: $where) {
    edges { node { slug } }
  }
}
"""

COLLECTIONS = """
query ($sortBy: CollectionSortingInput, $filter: CollectionFilterInput,
       $where: CollectionWhereInput, $channel: String) {
  collections(first: 20, channel: $channel, sortBy: $sortBy, filter: $filter, where: $where) {
    edges { node { slug } }
  }
}
"""


def _slugs(gql: Any, query: str, **variables: Any) -> list[str]:
    result = gql.execute(query, variables)
    assert "errors" not in result, result["errors"]
    return [edge["node"]["slug"] for edge in next(iter(result["data"].values()))["edges"]]


def test_categories_sort_by_product_count_and_filter_by_where(demo, gql):
    counts = {c.slug: c.products.count() for c in Category.objects.all()}
    most_first = sorted(counts, key=lambda slug: (-counts[slug], slug))

    by_count = _slugs(gql, CATEGORIES, sortBy={"field": "PRODUCT_COUNT", "direction": "DESC"})
    by_name = _slugs(gql, CATEGORIES, sortBy={"field": "NAME", "direction": "ASC"})
    no_children = _slugs(gql, CATEGORIES, sortBy={"field": "SUBCATEGORY_COUNT", "direction": "ASC"})

    assert [counts[slug] for slug in by_count] == [counts[slug] for slug in most_first]
    assert by_name == sorted(counts, key=lambda s: Category.objects.get(slug=s).name)
    assert sorted(no_children) == sorted(counts)
    kopi = global_id("Category", Category.objects.get(slug="kopi").pk)
    madu = global_id("Category", Category.objects.get(slug="madu").pk)
    either = {"OR": [{"ids": [kopi]}, {"ids": [madu]}]}
    assert sorted(_slugs(gql, CATEGORIES, where=either)) == ["kopi", "madu"]
    assert _slugs(gql, CATEGORIES, where={"metadata": [{"key": "any"}]}) == []
    assert _slugs(gql, CATEGORIES, filter={"updatedAt": {"lte": "2000-01-01T00:00:00Z"}}) == []


def test_collections_sort_filter_and_where(demo, gql):
    collection = demo.collection.slug  # 3 products, beside the demo's featured-products (4)
    in_pecatu = {"channel": PECATU}

    by_count = _slugs(
        gql, COLLECTIONS, **in_pecatu, sortBy={"field": "PRODUCT_COUNT", "direction": "DESC"}
    )
    fewest_first = _slugs(
        gql, COLLECTIONS, **in_pecatu, sortBy={"field": "PRODUCT_COUNT", "direction": "ASC"}
    )
    published = _slugs(gql, COLLECTIONS, **in_pecatu, filter={"published": "PUBLISHED"})
    hidden = _slugs(gql, COLLECTIONS, **in_pecatu, filter={"published": "HIDDEN"})
    by_id = _slugs(
        gql, COLLECTIONS, **in_pecatu, where={"ids": [global_id("Collection", demo.collection.pk)]}
    )

    assert by_count == ["featured-products", collection]
    assert fewest_first == [collection, "featured-products"]
    assert sorted(published) == sorted(["featured-products", collection])
    assert hidden == []
    assert by_id == [collection]
    by_name = _slugs(gql, COLLECTIONS, **in_pecatu, sortBy={"field": "NAME", "direction": "ASC"})
    assert by_name == [collection, "featured-products"]  # "Oleh-oleh …" before "Produk Pilihan"
    for field in ("AVAILABILITY", "PUBLISHED_AT", "PUBLICATION_DATE"):
        assert sorted(
            _slugs(gql, COLLECTIONS, **in_pecatu, sortBy={"field": field, "direction": "ASC"})
        ) == sorted(["featured-products", collection])


# --- query counts ------------------------------------------------------------------------

LISTING = """
query ($first: Int, $sortBy: ProductOrder, $filter: ProductFilterInput,
       $where: ProductWhereInput) {
  products(first: $first, channel: "pecatu", sortBy: $sortBy, filter: $filter,
           where: $where) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name slug
        thumbnail(size: 512) { url alt }
        pricing { priceRange { start { gross { amount currency } } } }
        category { id name }
        attributes { attribute { slug } values { name } }
      }
    }
  }
}
"""


def _queries(gql: Any, first: int, **variables: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        result = gql.execute(LISTING, {"first": first, **variables})
    assert "errors" not in result, result["errors"]
    return len(queries), len(result["data"]["products"]["edges"])


@pytest.mark.parametrize(
    "variables",
    [
        {
            "sortBy": {"field": "PRICE", "direction": "DESC"},
            "where": {"price": {"range": {"gte": "1"}}, "stockAvailability": "IN_STOCK"},
        },
        {
            "sortBy": {"field": "MINIMAL_PRICE", "direction": "ASC"},
            "filter": {
                "minimalPrice": {"gte": 1},
                "isPublished": True,
                "stocks": {"quantity": {"gte": 1}},
            },
        },
        {
            "sortBy": {"field": "PUBLISHED_AT", "direction": "ASC"},
            "filter": {"attributes": [{"slug": "tingkat-pedas", "valuesRange": {"gte": 0}}]},
        },
        {
            "sortBy": {"attributeId": "rasa", "direction": "ASC"},
            "where": {
                "attributes": [
                    {"slug": "rasa", "value": {"slug": {"oneOf": ["pedas", "manis", "original"]}}}
                ]
            },
        },
    ],
    ids=["price", "minimal-price", "numeric-attribute", "attribute-sort"],
)
def test_sorting_and_filtering_cost_the_same_queries_for_any_page_size(demo, gql, variables):
    sort = variables["sortBy"]
    if sort.get("attributeId"):  # named by slug above: the id is the database's
        pk = Attribute.objects.get(slug=sort["attributeId"]).pk
        variables = {**variables, "sortBy": {**sort, "attributeId": global_id("Attribute", pk)}}
    small, small_rows = _queries(gql, 1, **variables)
    large, large_rows = _queries(gql, 30, **variables)

    assert small_rows == 1
    assert large_rows > 1
    assert large == small
