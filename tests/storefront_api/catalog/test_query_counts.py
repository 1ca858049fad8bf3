"""No N+1: a page of 50 products costs as many SQL queries as a page of 1."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product, ProductMedia, Thumbnail
from marketplace.channels.models import Channel
from marketplace.village_hubs.models import Cooperative
from tests.factories.catalog import (
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.factories.village_hubs import ProducerFactory
from tests.factories.warehouses import StockFactory
from tests.storefront_api.catalog.conftest import token_for

pytestmark = pytest.mark.django_db

QUERY = """
query ($first: Int!, $channel: String) {
  products(first: $first, channel: $channel) {
    edges { node {
      id name slug channel
      category { id name slug }
      productType { slug }
      thumbnail(size: 256, format: WEBP) { url alt }
      media { url(size: 64) }
      defaultVariant { sku }
      variants {
        id sku
        channelListings { channel { slug } price { amount currency } costPrice { amount } }
        stocks { quantity warehouse { slug } }
      }
      channelListings { isPublished channel { slug } }
      cooperative { name }
      permits { halal { number } }
    } }
  }
}
"""


@pytest.fixture
def many_products(world):
    # the first product of the page (keripik-a) has media as every other one
    ProductMedia.objects.create(product=world.product_a, image="products/a.jpg", alt="a")
    for n in range(60):
        product = ProductFactory(
            cooperative=world.coop_a,
            category=world.product_a.category,
            product_type=world.product_a.product_type,
        )
        ProductChannelListingFactory(product=product, channel=world.channel1)
        variant = ProductVariantFactory(product=product)
        ProductVariantChannelListingFactory(
            variant=variant, channel=world.channel1, price_amount=Decimal(1000 + n)
        )
        StockFactory(warehouse=world.pickup1, product_variant=variant, quantity=n)
        media = ProductMedia.objects.create(product=product, image=f"products/{n}.jpg", alt="x")
        if n % 2:
            Thumbnail.objects.create(
                media=media, size=256, format="webp", image=f"thumbnails/{n}.webp"
            )
    return world


def count_queries(gql, first: int, token: str | None, channel: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = gql.execute(QUERY, {"first": first, "channel": channel}, token=token)
    assert "errors" not in result, result["errors"][0]
    assert len(result["data"]["products"]["edges"]) == first
    return len(queries)


@pytest.mark.parametrize("role", ["staff_a", "platform"])
def test_product_page_query_count_does_not_grow_with_page_size(gql, many_products, role):
    token = token_for(many_products.user(role))
    channel = many_products.channel1.slug
    one = count_queries(gql, 1, token, channel)
    fifty = count_queries(gql, 50, token, channel)
    assert one == fifty, (one, fifty)
    assert fifty <= 20


def test_anonymous_page_query_count(gql, many_products):
    query = (
        QUERY.replace("channelListings { isPublished channel { slug } }", "")
        .replace(
            "channelListings { channel { slug } price { amount currency } costPrice { amount } }",
            "",
        )
        .replace("stocks { quantity warehouse { slug } }", "")
    )
    channel = many_products.channel1.slug
    counts = []
    for first in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            result = gql.execute(query, {"first": first, "channel": channel})
        assert "errors" not in result, result["errors"][0]
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


SHARED_LOADERS_QUERY = """
query ($channel: String) {
  products(first: 50, channel: $channel) {
    edges { node {
      cooperative { name }
      producer { name cooperative { name } }
      channelListings { channel { slug villageHub { slug channel { slug } } } }
    } }
  }
}
"""


def _loads_by_id(queries: CaptureQueriesContext, table: str) -> list[str]:
    """The queries fetching rows of ``table`` by id (what a by-id loader runs, with
    ``IN (…)`` or, compiled once, ``= ANY(…)``)."""
    where = f'FROM "{table}" WHERE "{table}"."id"'
    by_id = (f"{where} IN (", f"{where} = ANY(")
    return [q["sql"] for q in queries.captured_queries if any(s in q["sql"] for s in by_id)]


def test_cooperatives_and_channels_load_once_whichever_type_asks(gql, many_products):
    """A product's cooperative and its producer's cooperative, a listing's channel and its
    hub's channel come from one loader each: one cooperative query, one channel query."""
    world = many_products
    producer = ProducerFactory(cooperative=world.coop_a)
    Product.objects.filter(cooperative=world.coop_a).update(producer=producer)
    with CaptureQueriesContext(connection) as queries:
        result = gql.execute(
            SHARED_LOADERS_QUERY,
            {"channel": world.channel1.slug},
            token=token_for(world.platform),
        )
    assert "errors" not in result, result["errors"][0]
    nodes = [edge["node"] for edge in result["data"]["products"]["edges"]]
    assert len(nodes) == 50
    for node in nodes:
        assert node["cooperative"]["name"] == world.coop_a.name
        assert node["producer"]["cooperative"]["name"] == world.coop_a.name
        (listing,) = node["channelListings"]
        assert listing["channel"]["villageHub"]["channel"]["slug"] == world.channel1.slug
    cooperative_table = Cooperative._meta.db_table
    channel_table = Channel._meta.db_table
    assert len(_loads_by_id(queries, cooperative_table)) == 1
    assert len(_loads_by_id(queries, channel_table)) == 1
