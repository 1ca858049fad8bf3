"""A visitor's plain first page of products (from a prepared query) is exactly the page the
general path gives, and shows every change at once, with the answer cache off."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from marketplace.catalog.models import ProductChannelListing, ProductVariantChannelListing
from marketplace.channels.models import Channel
from tests.factories.catalog import (
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.storefront_api.catalog.conftest import World, token_for

pytestmark = pytest.mark.django_db

PAGE = """
query ($channel: String!, $first: Int, $filter: ProductFilterInput) {
  products(first: $first, channel: $channel, filter: $filter) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id name slug
      pricing { priceRange { start { gross { amount currency } } } }
      category { id name }
    } }
  }
}
"""


@pytest.fixture(autouse=True)
def built_answers(settings: Any) -> None:
    settings.STOREFRONT_RESPONSE_CACHE = False


def _page(gql: Any, channel: Channel, first: int, *, general: bool = False, token=None) -> dict:
    # An empty filter changes nothing but takes the general path.
    variables = {"channel": channel.slug, "first": first, "filter": {} if general else None}
    result = gql.execute(PAGE, variables, token=token)
    assert "errors" not in result, result
    return result["data"]["products"]


def _slugs(page: dict) -> list[str]:
    return [edge["node"]["slug"] for edge in page["edges"]]


def _more_products(world: World, count: int) -> None:
    for n in range(count):
        product = ProductFactory(cooperative=world.coop_a, slug=f"kopi-{n:02d}")
        ProductChannelListingFactory(product=product, channel=world.channel1)
        variant = ProductVariantFactory(product=product)
        ProductVariantChannelListingFactory(
            variant=variant, channel=world.channel1, price_amount=Decimal(10_000 + n)
        )


def test_the_plain_page_is_the_general_path_s_page_for_every_size(world: World, gql: Any):
    _more_products(world, 6)
    for first in (1, 3, 7, 8, 20):
        plain = _page(gql, world.channel1, first)
        assert plain == _page(gql, world.channel1, first, general=True)
    assert _slugs(_page(gql, world.channel1, 3)) == ["keripik-a", "kopi-00", "kopi-01"]
    assert _page(gql, world.channel1, 3)["pageInfo"]["hasNextPage"] is True
    assert _page(gql, world.channel2, 20) == _page(gql, world.channel2, 20, general=True)


def test_publication_visibility_and_prices_show_at_once(world: World, gql: Any):
    assert _slugs(_page(gql, world.channel1, 20)) == ["keripik-a"]
    listing = ProductChannelListing.objects.get(product=world.hidden_a)
    listing.is_published, listing.visible_in_listings = True, True
    listing.save()
    assert _slugs(_page(gql, world.channel1, 20)) == ["keripik-a", "rahasia-a"]

    later = timezone.now() + datetime.timedelta(hours=1)
    ProductChannelListing.objects.filter(pk=listing.pk).update(published_at=later)
    assert _slugs(_page(gql, world.channel1, 20)) == ["keripik-a"]
    ProductChannelListing.objects.filter(pk=listing.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _slugs(_page(gql, world.channel1, 20)) == ["keripik-a", "rahasia-a"]

    ProductChannelListing.objects.filter(product=world.product_a).update(visible_in_listings=False)
    assert _slugs(_page(gql, world.channel1, 20)) == ["rahasia-a"]

    ProductVariantChannelListing.objects.filter(variant=world.variant_b).update(
        price_amount=Decimal(21_500)
    )
    node = _page(gql, world.channel2, 20)["edges"][0]["node"]
    assert node["pricing"]["priceRange"]["start"]["gross"]["amount"] == 21_500

    Channel.objects.filter(pk=world.channel2.pk).update(is_active=False)
    assert _page(gql, world.channel2, 20)["edges"] == []


def test_signed_in_staff_still_see_their_own_unpublished_products(world: World, gql: Any):
    assert "rahasia-a" not in _slugs(_page(gql, world.channel1, 20))
    staff_page = _page(gql, world.channel1, 20, token=token_for(world.staff_a))
    assert "rahasia-a" in _slugs(staff_page)
    assert "rahasia-a" not in _slugs(
        _page(gql, world.channel1, 20, token=token_for(world.customer))
    )


def test_total_count_cursors_and_an_unknown_channel_answer_as_before(world: World, gql: Any):
    _more_products(world, 3)
    counted = gql.execute(
        "query ($c: String!) { products(first: 2, channel: $c) { totalCount "
        "edges { node { slug } } } }",
        {"c": world.channel1.slug},
    )["data"]["products"]
    assert counted["totalCount"] == 4
    end = _page(gql, world.channel1, 2)["pageInfo"]["endCursor"]
    after = gql.execute(
        "query ($c: String!, $a: String) { products(first: 2, channel: $c, after: $a) "
        "{ edges { node { slug } } } }",
        {"c": world.channel1.slug, "a": end},
    )["data"]["products"]
    assert [edge["node"]["slug"] for edge in after["edges"]] == ["kopi-01", "kopi-02"]
    unknown = gql.execute(
        '{ products(first: 5, channel: "tidak-ada") { edges { node { slug } } } }'
    )
    assert unknown["data"]["products"]["edges"] == []
