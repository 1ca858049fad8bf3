"""Hostile search texts (over-long, tsquery syntax, SQL, special characters, NUL bytes,
lone surrogates) give results or a clean error, never a server error or an injection: in
the search module, the API's ``products(search:)`` and the shop's search box."""

from __future__ import annotations

import json

import pytest

from marketplace.catalog.models import Product
from marketplace.catalog.search import MAX_SEARCH_LENGTH, rank_products, suggestions
from marketplace.catalog.search.text import words

pytestmark = pytest.mark.django_db

HOSTILE = [
    "kopi " * 2000,
    "x" * 100_000,
    "kopi & !robusta | (madu:* <-> gula",
    "'kopi':* & 'madu'",
    "kopi'; DROP TABLE catalog_product; --",
    "\\'' \\\\ %_% ''",
    "<script>alert(1)</script>",
    "kopi\x00robusta",
    "\x00",
    "\ud800kopi\udfff",
    "☕️ kopi 🌶️🌶️",
    "Ｋｏｐｉ　ｒｏｂｕｓｔａ",  # full-width
    "!!!???***",
    "\t\n\r\x0b",
    "a",
    ":*",
    "(((((((((((((((((((((((((((((kopi",
]

SEARCH = """
query ($channel: String, $search: String) {
  products(first: 5, channel: $channel, search: $search) { totalCount edges { node { name } } }
}
"""


@pytest.fixture
def indexed(world):
    from marketplace.catalog.search import products_index_dirty

    Product.objects.filter(pk=world.product_a.pk).update(name="Kopi Robusta Pecatu")
    Product.objects.update(search_index_dirty=True)
    products_index_dirty()
    return world


def test_words_are_letters_and_digits_only_and_bounded() -> None:
    for text in HOSTILE:
        found = words(text)
        assert len(found) <= 8
        assert all(word.isalnum() and len(word) <= 40 for word in found), (text, found)
    assert words("Ｋｏｐｉ　ｒｏｂｕｓｔａ") == ["kopi", "robusta"]
    assert words("kopi\x00robusta") == ["kopi", "robusta"]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_search_module_answers_every_text_and_changes_nothing(indexed, text: str) -> None:
    count = Product.objects.count()
    list(rank_products(Product.objects.all(), text)[:5])
    suggestions(text)
    assert Product.objects.count() == count


def test_fullwidth_and_overlong_texts_still_find(indexed) -> None:
    everything = Product.objects.all()
    assert indexed.product_a in rank_products(everything, "Ｋｏｐｉ　ｒｏｂｕｓｔａ")
    assert indexed.product_a in rank_products(everything, "kopi robusta " + "z" * 10_000)
    assert indexed.product_a in rank_products(everything, "kopi\x00robusta")


def _is_clean(result: dict) -> None:
    body = json.dumps(result)
    for leak in ("Traceback", "psycopg", "tsquery"):
        assert leak not in body


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_api_answers_with_results_or_a_field_error(gql, indexed, text: str) -> None:
    response = gql.post(
        {"query": SEARCH, "variables": {"channel": indexed.channel1.slug, "search": text}}
    )
    assert response.status_code in (200, 400), response.content[:300]
    result = response.json()
    _is_clean(result)
    if response.status_code == 200 and "errors" not in result:
        assert result["data"]["products"]["totalCount"] >= 0
    else:
        for error in result["errors"]:
            assert error["message"]
    assert Product.objects.filter(pk=indexed.product_a.pk).exists()


def test_api_typed_search_finds_despite_tsquery_syntax(gql, indexed) -> None:
    result = gql.execute(SEARCH, {"channel": indexed.channel1.slug, "search": "kopi:* & !!robusta"})
    names = [edge["node"]["name"] for edge in result["data"]["products"]["edges"]]
    assert names == ["Kopi Robusta Pecatu"]


@pytest.mark.parametrize("text", ["kopi\x00", "x" * (MAX_SEARCH_LENGTH + 1)])
def test_shop_page_says_what_is_wrong_next_to_the_box(client, indexed, text: str) -> None:
    response = client.get(f"/{indexed.hub1.slug}/", {"q": text})
    assert response.status_code == 200
    assert 'id="id_q-error"' in response.content.decode()


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_shop_page_and_suggestions_answer_every_text(client, indexed, text: str) -> None:
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    page = client.get(f"/{indexed.hub1.slug}/", {"q": text})
    assert page.status_code == 200
    assert "Traceback" not in page.content.decode()
    saran = client.get(f"/{indexed.hub1.slug}/cari/saran/", {"q": text})
    assert saran.status_code == 200
    assert isinstance(saran.json()["suggestions"], list)
