"""Product search as a storefront sends it: ``products(search:)``, ``filter: {search}``
and Saleor's rank ordering, on PostgreSQL full-text search (marketplace.catalog.search)."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Product
from marketplace.catalog.search import products_index_dirty
from marketplace.catalog.tasks import product_search_index_sweep_task
from tests.factories.catalog import (
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = """
query ($channel: String, $search: String) {
  products(first: 20, channel: $channel, search: $search) { totalCount edges { node { slug } } }
}
"""
FILTER_SEARCH = """
query ($channel: String, $search: String) {
  products(first: 20, channel: $channel, filter: {search: $search}) { edges { node { slug } } }
}
"""


def _product(world, slug: str, name: str, description: str = "", sku: str | None = None):
    product = ProductFactory(
        cooperative=world.coop_a,
        category=world.product_a.category,
        product_type=world.product_a.product_type,
        slug=slug,
        name=name,
        description_plaintext=description,
    )
    ProductChannelListingFactory(product=product, channel=world.channel1)
    ProductVariantFactory(product=product, sku=sku)
    return product


def _slugs(gql, world, text: str, query: str = SEARCH) -> list[str]:
    result = gql.execute(query, {"channel": world.channel1.slug, "search": text})
    assert "errors" not in result, result
    return [edge["node"]["slug"] for edge in result["data"]["products"]["edges"]]


@pytest.fixture
def shop(world):
    _product(world, "kopi-robusta", "Kopi Robusta Pecatu", "Biji kopi sangrai dari kebun desa")
    _product(world, "gula-aren", "Gula Aren Cetak", "Manis alami, enak dimakan dengan ketan")
    _product(world, "tempe-kering", "Tempe Kering Pedas", "Gurih dan garing", sku="PCT-TMP-007")
    products_index_dirty()
    return world


def test_search_finds_words_in_descriptions_case_insensitively(gql, shop):
    assert _slugs(gql, shop, "SANGRAI") == ["kopi-robusta"]
    assert _slugs(gql, shop, "Garing", FILTER_SEARCH) == ["tempe-kering"]


def test_search_matches_name_prefixes_and_skus(gql, shop):
    assert _slugs(gql, shop, "robus") == ["kopi-robusta"]
    assert _slugs(gql, shop, "tempe pedas") == ["tempe-kering"]
    assert _slugs(gql, shop, "PCT-TMP-007") == ["tempe-kering"]


def test_indonesian_stemming_of_descriptions(gql, shop):
    # PostgreSQL's indonesian Snowball stemmer: makanan, dimakan and makan share "makan";
    # "kebun" and "perkebunan" share "kebun"
    assert _slugs(gql, shop, "makanan") == ["gula-aren"]
    assert _slugs(gql, shop, "makan") == ["gula-aren"]
    assert _slugs(gql, shop, "perkebunan") == ["kopi-robusta"]


def test_search_does_not_leak_other_channels_or_unpublished_products(gql, shop):
    # keripik B (hub 2) and the unpublished "rahasia" product share a word with the query
    Product.objects.filter(pk__in=[shop.product_b.pk, shop.hidden_a.pk]).update(
        description_plaintext="Kopi sangrai", search_index_dirty=True
    )
    products_index_dirty()
    assert _slugs(gql, shop, "sangrai") == ["kopi-robusta"]


def test_short_terms_fall_back_to_substring_match(gql, shop):
    assert _slugs(gql, shop, "ng") == ["tempe-kering"]
    assert _slugs(gql, shop, "Ar") == ["gula-aren"]


def test_results_are_ranked_name_matches_first(gql, shop):
    _product(shop, "teh-kopi", "Teh Tubruk", "Bukan kopi, tapi teh; kopi di nama lain")
    _product(shop, "bubuk-kopi", "Bubuk Kopi Tubruk", "Bubuk halus")
    products_index_dirty()
    slugs = _slugs(gql, shop, "kopi")
    assert set(slugs) == {"kopi-robusta", "bubuk-kopi", "teh-kopi"}
    assert slugs[-1] == "teh-kopi"  # only in the description: ranked last


def test_new_product_is_found_by_name_before_the_sweep(gql, shop):
    # given a product just written: dirty, no search vector yet
    product = _product(shop, "madu-hutan", "Madu Hutan Liar", "Dipanen dari lebah liar")
    assert Product.objects.get(pk=product.pk).search_vector is None
    # then its name already matches, its description only after the sweep
    assert _slugs(gql, shop, "madu") == ["madu-hutan"]
    assert _slugs(gql, shop, "lebah") == []
    assert product_search_index_sweep_task() == 1
    assert _slugs(gql, shop, "lebah") == ["madu-hutan"]
    assert not Product.objects.filter(search_index_dirty=True).exists()


def test_sweep_is_idempotent(shop):
    assert product_search_index_sweep_task() == 0
    Product.objects.update(search_index_dirty=True)
    count = Product.objects.count()
    assert products_index_dirty(batch_size=2) == count
    assert products_index_dirty(batch_size=2) == 0
