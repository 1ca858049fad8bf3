"""No N+1 on the storefront's real documents (shared/reference/bench-queries), run as-is
over HTTP against a demo-like hub: a page of 1 or 100 products, a product with 1 or 20
variants, cost the same number of SQL queries."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductMedia, Thumbnail
from marketplace.catalog.search import products_index_dirty
from marketplace.catalog.search.vocabulary import vocabulary
from tests.factories.catalog import (
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.factories.checkout import CheckoutLineFactory, ReservationFactory
from tests.factories.warehouses import StockFactory
from tests.helpers import ROOT

pytestmark = pytest.mark.django_db

BENCH = Path(ROOT).parent / "shared/reference/bench-queries"


def document(name: str) -> str:
    path = BENCH / name
    if not path.exists():
        pytest.skip(f"{path} is missing")
    return path.read_text(encoding="utf-8")


def _product(world, n: int, *, name: str):
    product = ProductFactory(
        cooperative=world.coop_a,
        category=world.product_a.category,
        product_type=world.product_a.product_type,
        name=name,
        description_plaintext=f"Camilan renyah buatan dapur desa nomor {n}",
    )
    ProductChannelListingFactory(product=product, channel=world.channel1)
    media = ProductMedia.objects.create(product=product, image=f"products/{n}.jpg", alt=name)
    if n % 2:
        Thumbnail.objects.create(media=media, size=512, format="original", image=f"t/{n}.jpg")
    return product


def _variant(world, product, n: int) -> None:
    variant = ProductVariantFactory(product=product)
    ProductVariantChannelListingFactory(
        variant=variant, channel=world.channel1, price_amount=Decimal(1_000 * (n + 1))
    )
    stock = StockFactory(warehouse=world.pickup1, product_variant=variant, quantity=10 + n)
    if n % 3 == 0:
        line = CheckoutLineFactory(variant=variant, checkout__channel=world.channel1)
        ReservationFactory(checkout_line=line, stock=stock, quantity_reserved=1)


@pytest.fixture
def hub_shop(world):
    """Hub 1 with 120 published keripik products, one variant each, priced and stocked."""
    # the first product of a page (keripik-a) has an image like every other one
    ProductMedia.objects.create(product=world.product_a, image="products/a.jpg", alt="a")
    for n in range(120):
        product = _product(world, n, name=f"Keripik singkong {n:03d}")
        _variant(world, product, n)
    products_index_dirty()
    return world


def _count(gql, query: str, variables: dict) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        result = gql.execute(query, variables)
    assert "errors" not in result, result["errors"][0]
    return len(queries), result["data"]


def test_product_list_page_costs_the_same_for_1_and_100_products(gql, hub_shop):
    query = document("product_list.graphql")
    channel = hub_shop.channel1.slug
    one, data = _count(gql, query, {"channel": channel, "first": 1})
    assert len(data["products"]["edges"]) == 1
    hundred, data = _count(gql, query, {"channel": channel, "first": 100})
    assert len(data["products"]["edges"]) == 100
    assert one == hundred, (one, hundred)
    assert hundred <= 8
    prices = [
        e["node"]["pricing"]["priceRange"]["start"]["gross"] for e in data["products"]["edges"]
    ]
    assert all(price["currency"] == "IDR" and price["amount"] >= 1000 for price in prices)


def test_product_search_page_costs_the_same_for_1_and_100_products(gql, hub_shop):
    query = document("product_search.graphql")
    channel = hub_shop.channel1.slug
    vocabulary()  # read once a minute per process (typo correction), not per request
    one, data = _count(gql, query, {"channel": channel, "first": 1, "search": "renyah"})
    assert len(data["products"]["edges"]) == 1
    hundred, data = _count(gql, query, {"channel": channel, "first": 100, "search": "renyah"})
    assert len(data["products"]["edges"]) == 100
    assert one == hundred, (one, hundred)
    assert hundred <= 8


def test_product_detail_costs_the_same_for_1_and_20_variants(gql, world):
    query = document("product_detail.graphql")
    small = _product(world, 1, name="Kopi robusta")
    _variant(world, small, 1)
    big = _product(world, 2, name="Gula aren")
    for n in range(20):
        _variant(world, big, n)
    channel = world.channel1.slug
    one, data = _count(gql, query, {"slug": small.slug, "channel": channel})
    assert len(data["product"]["variants"]) == 1
    twenty, data = _count(gql, query, {"slug": big.slug, "channel": channel})
    assert len(data["product"]["variants"]) == 20
    assert one == twenty, (one, twenty)
    assert twenty <= 12
    assert all(v["quantityAvailable"] is not None for v in data["product"]["variants"])
    assert all(
        v["pricing"]["price"]["gross"]["currency"] == "IDR" for v in data["product"]["variants"]
    )


STOREFRONT_LIST = """
query ($channel: String!, $first: Int!) {
  products(first: $first, channel: $channel) {
    totalCount
    edges { cursor node {
      id name slug created
      translation(languageCode: EN) { name slug }
      pricing {
        priceRange { start { gross { amount currency } } stop { gross { amount currency } } }
        priceRangeUndiscounted { start { gross { amount currency } } stop { gross {
          amount currency } } }
      }
      category { id name slug translation(languageCode: EN) { name } backgroundImage { url alt } }
      thumbnail(size: 1024, format: WEBP) { url alt }
      productVariants(first: 50) {
        totalCount
        edges { node {
          id quantityAvailable
          pricing { price { gross { amount } } }
          attributes(variantSelection: VARIANT_SELECTION) {
            attribute { slug name inputType }
            values { name slug }
          }
        } }
      }
      attributes { attribute { slug } values { name } }
      assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
      assignedAttributes(limit: 50) { attribute { slug } }
      isAvailable isAvailableForPurchase
      collections { slug }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def test_storefront_product_grid_with_variants_costs_the_same_for_1_and_100(gql, hub_shop):
    # the saleor/storefront grid also selects variants, their attributes and translations
    channel = hub_shop.channel1.slug
    one, _data = _count(gql, STOREFRONT_LIST, {"channel": channel, "first": 1})
    hundred, data = _count(gql, STOREFRONT_LIST, {"channel": channel, "first": 100})
    assert len(data["products"]["edges"]) == 100
    assert one == hundred, (one, hundred)
    assert hundred <= 19  # 18, and one for the products' collections
