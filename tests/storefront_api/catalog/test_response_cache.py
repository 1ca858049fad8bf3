"""Anonymous catalog answers are kept between requests, and never outlive the data.

Every test reads over real HTTP (the live server), changes one thing the shop shows —
a price, a stock level, an allocation, publication, a translation, a deletion, a hub's
channel — commits it, and reads again at once: the second answer must show the change.
A publication date passing, or a checkout's reservation running out, with no write at
all, is caught too. The database is really
committed (``transaction=True``): the generation moves only at commit.
"""

from __future__ import annotations

import datetime
import json
import time
import urllib.request
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariantChannelListing,
)
from marketplace.channels.models import Channel
from marketplace.content.models import ProductTranslation
from marketplace.core import freshness
from marketplace.warehouses.models import Stock
from tests.factories.checkout import CheckoutLineFactory, ReservationFactory
from tests.storefront_api.catalog.conftest import World, token_for

pytestmark = pytest.mark.django_db(transaction=True)

LIST = """
query ($channel: String!) {
  products(first: 20, channel: $channel) {
    edges { node {
      slug name isAvailableForPurchase
      translation(languageCode: ID) { name }
      pricing { priceRange { start { gross { amount currency } } } }
      variants { sku quantityAvailable }
    } }
  }
}
"""


def post(url: str, query: str, variables: dict[str, Any], token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(f"{url}/graphql/", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (live server)
        data = json.loads(response.read())
    assert "errors" not in data, data
    return data["data"]


def shop(url: str, world: World) -> dict[str, dict]:
    """The hub 1 shop's products by slug, as an anonymous storefront reads them."""
    data = post(url, LIST, {"channel": world.channel1.slug})
    return {edge["node"]["slug"]: edge["node"] for edge in data["products"]["edges"]}


def price(node: dict) -> int:
    return node["pricing"]["priceRange"]["start"]["gross"]["amount"]


@pytest.fixture
def url(live_server: Any) -> str:
    return live_server.url


def test_a_repeated_anonymous_read_is_answered_without_reading_the_catalog(
    world: World, client: Any
) -> None:
    body = {"query": LIST, "variables": {"channel": world.channel1.slug}}

    def read() -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", body, content_type="application/json")
        return response.json(), len(queries)

    first, first_queries = read()
    second, second_queries = read()
    assert second == first
    assert [e["node"]["slug"] for e in first["data"]["products"]["edges"]] == ["keripik-a"]
    assert first_queries > 3
    assert second_queries == 1  # the generation, nothing else


def test_a_new_price_shows_at_once(world: World, url: str) -> None:
    assert price(shop(url, world)["keripik-a"]) == 15_000
    listing = ProductVariantChannelListing.objects.get(variant=world.variant_a)
    listing.price_amount = Decimal(17_500)
    listing.save()
    assert price(shop(url, world)["keripik-a"]) == 17_500


def test_a_price_changed_by_a_bulk_update_shows_at_once(world: World, url: str) -> None:
    assert price(shop(url, world)["keripik-a"]) == 15_000
    ProductVariantChannelListing.objects.filter(variant=world.variant_a).update(
        price_amount=Decimal(12_000)
    )
    assert price(shop(url, world)["keripik-a"]) == 12_000


def test_a_price_changed_by_raw_sql_shows_at_once(world: World, url: str) -> None:
    assert price(shop(url, world)["keripik-a"]) == 15_000
    table = ProductVariantChannelListing._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET price_amount = 9000 WHERE variant_id = %s",  # noqa: S608
            [world.variant_a.pk],
        )
    assert price(shop(url, world)["keripik-a"]) == 9_000


def test_stock_and_allocations_show_at_once(world: World, url: str) -> None:
    assert shop(url, world)["keripik-a"]["variants"][0]["quantityAvailable"] == 7
    Stock.objects.filter(product_variant=world.variant_a).update(quantity=F("quantity") + 3)
    assert shop(url, world)["keripik-a"]["variants"][0]["quantityAvailable"] == 10
    Stock.objects.filter(product_variant=world.variant_a).update(quantity_allocated=4)
    assert shop(url, world)["keripik-a"]["variants"][0]["quantityAvailable"] == 6


def test_unpublishing_a_product_hides_it_at_once(world: World, url: str) -> None:
    assert "keripik-a" in shop(url, world)
    ProductChannelListing.objects.filter(product=world.product_a).update(is_published=False)
    assert "keripik-a" not in shop(url, world)


def test_available_for_purchase_shows_at_once(world: World, url: str) -> None:
    ProductChannelListing.objects.filter(product=world.product_a).update(
        available_for_purchase_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert shop(url, world)["keripik-a"]["isAvailableForPurchase"] is True
    ProductChannelListing.objects.filter(product=world.product_a).update(
        available_for_purchase_at=None
    )
    assert shop(url, world)["keripik-a"]["isAvailableForPurchase"] is False


def test_a_publication_date_passing_shows_the_product_with_no_write(world: World, url: str) -> None:
    soon = timezone.now() + datetime.timedelta(seconds=2)
    ProductChannelListing.objects.filter(product=world.product_a).update(published_at=soon)
    assert "keripik-a" not in shop(url, world)
    assert "keripik-a" not in shop(url, world)  # kept: the same answer again
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.05)
    assert "keripik-a" in shop(url, world)


def test_available_for_purchase_date_passing_shows_with_no_write(world: World, url: str) -> None:
    soon = timezone.now() + datetime.timedelta(seconds=2)
    ProductChannelListing.objects.filter(product=world.product_a).update(
        available_for_purchase_at=soon
    )
    assert shop(url, world)["keripik-a"]["isAvailableForPurchase"] is False
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.05)
    assert shop(url, world)["keripik-a"]["isAvailableForPurchase"] is True


def test_a_checkout_reservation_running_out_frees_the_stock_with_no_write(
    world: World, url: str
) -> None:
    stock = Stock.objects.get(product_variant=world.variant_a)
    line = CheckoutLineFactory(variant=world.variant_a, checkout__channel=world.channel1)
    soon = timezone.now() + datetime.timedelta(seconds=2)
    ReservationFactory(checkout_line=line, stock=stock, quantity_reserved=3, reserved_until=soon)
    assert shop(url, world)["keripik-a"]["variants"][0]["quantityAvailable"] == 4
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.05)
    assert shop(url, world)["keripik-a"]["variants"][0]["quantityAvailable"] == 7


def test_a_new_translation_shows_at_once(world: World, url: str) -> None:
    assert shop(url, world)["keripik-a"]["translation"] is None
    ProductTranslation.objects.create(
        product=world.product_a, language_code="id", name="Keripik Singkong Pedas"
    )
    assert shop(url, world)["keripik-a"]["translation"]["name"] == "Keripik Singkong Pedas"
    ProductTranslation.objects.filter(product=world.product_a).update(name="Keripik Manis")
    assert shop(url, world)["keripik-a"]["translation"]["name"] == "Keripik Manis"


def test_a_deleted_product_is_gone_at_once(world: World, url: str) -> None:
    assert "keripik-a" in shop(url, world)
    Product.objects.filter(pk=world.product_a.pk).delete()
    assert shop(url, world) == {}


def test_a_deactivated_hub_channel_shows_nothing_at_once(world: World, url: str) -> None:
    assert "keripik-a" in shop(url, world)
    Channel.objects.filter(pk=world.channel1.pk).update(is_active=False)
    data = post(url, "query ($c: String) { channel(slug: $c) { isActive } }", {"c": ""})
    assert data == {"channel": None}
    assert shop(url, world) == {}


def test_a_rolled_back_change_keeps_the_kept_answers(world: World) -> None:
    before = freshness.generation()
    with transaction.atomic():
        Stock.objects.update(quantity=F("quantity") + 1)
        transaction.set_rollback(True)
    assert freshness.generation() == before
    Stock.objects.update(quantity=F("quantity") + 1)
    assert freshness.generation() != before


def test_a_signed_in_reader_never_gets_the_anonymous_answer(world: World, url: str) -> None:
    """Staff see unlisted products an anonymous visitor must not; the anonymous answer
    kept for the same document is not theirs, nor is theirs kept for anyone."""
    query = "query ($c: String!) { products(first: 20, channel: $c) { edges { node { slug } } } }"
    variables = {"c": world.channel1.slug}
    anonymous = post(url, query, variables)
    staff = post(url, query, variables, token=token_for(world.platform))
    slugs = {e["node"]["slug"] for e in staff["products"]["edges"]}
    assert slugs == {"keripik-a", "rahasia-a"}
    assert post(url, query, variables) == anonymous
    assert {e["node"]["slug"] for e in anonymous["products"]["edges"]} == {"keripik-a"}


def test_every_table_the_shop_can_show_is_watched(world: World) -> None:
    assert freshness.tables_without_trigger() == []
    watched = set(freshness.watched_tables(_all_tables()))
    for model in (Product, ProductChannelListing, ProductVariantChannelListing, Stock, Channel):
        assert model._meta.db_table in watched


def _all_tables() -> list[str]:
    return connection.introspection.table_names()
