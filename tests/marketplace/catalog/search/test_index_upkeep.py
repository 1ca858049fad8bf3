"""The index keeps up with the catalog: new words are searchable and correctable after the
sweep, stock and sales move a product up, the vocabulary forgets words no product has."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Product, SearchTerm
from marketplace.catalog.search import (
    did_you_mean,
    products_index_dirty,
    rank_products,
    search_boosts_refresh,
    vocabulary_rebuild,
)
from marketplace.catalog.tasks import product_search_boosts_refresh_task
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.warehouses import StockFactory

pytestmark = pytest.mark.django_db


def _product(world, name: str) -> Product:
    product = ProductFactory(
        cooperative=world.coop_a,
        category=world.product_a.category,
        product_type=world.product_a.product_type,
        name=name,
    )
    ProductVariantFactory(product=product)
    return product


def test_a_renamed_product_is_found_and_corrected_by_its_new_name_only(world):
    product = _product(world, "Dodol Durian Medan")
    products_index_dirty()
    assert did_you_mean("dodol durain") == "dodol durian"
    product.name = "Lempok Durian"
    product.save()
    Product.objects.filter(pk=product.pk).update(search_index_dirty=True)
    products_index_dirty()
    found = rank_products(Product.objects.all(), "lempok")
    assert [p.pk for p in found] == [product.pk]
    assert not rank_products(Product.objects.all(), "dodol").exists()
    vocabulary_rebuild()
    assert not SearchTerm.objects.filter(word="dodol").exists()
    assert SearchTerm.objects.filter(word="lempok", documents=1).exists()


def test_products_not_swept_yet_are_found_by_name_with_indexed_ones(world):
    indexed = _product(world, "Dodol Nanas Subang")
    products_index_dirty()
    new = [_product(world, "Dodol Garut Wijen"), _product(world, "Dodol Garut Ketan")]
    found = rank_products(Product.objects.all(), "dodol garut")
    assert {p.pk for p in found} == {p.pk for p in new}
    assert set(rank_products(Product.objects.all(), "dodol")) == {indexed, *new}


def test_among_equal_matches_the_one_in_stock_comes_first(world):
    lamongan = _product(world, "Kerupuk Udang Lamongan")
    sidoarjo = _product(world, "Kerupuk Udang Sidoarjo")
    products_index_dirty()
    by_name = list(rank_products(Product.objects.all(), "kerupuk udang"))
    assert by_name[:2] == [lamongan, sidoarjo]  # equal rank: by name ("Lamongan" < "Sidoarjo")
    StockFactory(warehouse=world.pickup1, product_variant=sidoarjo.variants.get(), quantity=3)
    assert search_boosts_refresh() == 1
    found = list(rank_products(Product.objects.all(), "kerupuk udang"))
    assert found[:2] == [sidoarjo, lamongan]  # the one in stock first
    assert product_search_boosts_refresh_task() == 0  # nothing changed since


def test_search_reindex_rebuilds_every_vector_and_the_vocabulary(world) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    Product.objects.update(search_vector=None, search_index_dirty=False)
    SearchTerm.objects.all().delete()
    out = StringIO()
    with translation.override("en"):
        call_command("search_reindex", "--no-progress", stdout=out)
    assert f"{Product.objects.count()} products" in out.getvalue()
    assert not Product.objects.filter(search_vector=None).exists()
    assert SearchTerm.objects.exists()


def test_without_a_product_holding_every_word_those_holding_the_most_are_found(world):
    two = [_product(world, "Kopi Robusta Lereng Wilis"), _product(world, "Kopi Luwak Wilis")]
    _product(world, "Madu Klanceng Wilis")  # one word of three
    _product(world, "Teh Hijau Kemuning")  # none
    products_index_dirty()
    found = list(rank_products(Product.objects.all(), "kopi robusta klanceng"))
    assert found == [two[0]], "two of the three words are enough, one is not"
    found = list(rank_products(Product.objects.all(), "kopi wilis klanceng"))
    assert set(found) == {*two, Product.objects.get(name="Madu Klanceng Wilis")}
    assert not any(product.name.startswith("Teh") for product in found)
