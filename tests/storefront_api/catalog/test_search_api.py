"""Lumbung's search in the API on the demo catalog: typo-tolerant ``products(search:)``
with "did you mean", Lumbung-only filters, facet counts, search-as-you-type."""

from __future__ import annotations

import pytest

from marketplace.village_hubs.models import Cooperative, VillageHub
from storefront_api.core.ids import global_id
from tests.marketplace.catalog.search.conftest import catalog, demo_catalog  # noqa: F401

pytestmark = pytest.mark.usefixtures("catalog")

SEARCH = """
query ($channel: String, $search: String, $filter: ProductFilterInput) {
  products(first: 3, channel: $channel, search: $search, filter: $filter) {
    totalCount didYouMean
    edges { node { name } }
    facets {
      categories { name count } cooperatives { id name count }
      priceBands { minimum maximum count } permits { halal pirt }
    }
  }
}
"""


def _search(gql, text: str, **filters) -> dict:
    channel = VillageHub.objects.get(slug="pecatu").channel.slug
    result = gql.execute(SEARCH, {"channel": channel, "search": text, "filter": filters})
    assert "errors" not in result, result
    return result["data"]["products"]


def test_a_typo_finds_and_says_what_was_meant_with_facets(gql) -> None:
    found = _search(gql, "berass merah")
    assert found["didYouMean"] == "beras merah"
    assert found["edges"][0]["node"]["name"] == "Beras Merah 1 kg"
    facets = found["facets"]
    assert facets["categories"][0]["name"] == "Beras"
    assert sum(band["count"] for band in facets["priceBands"]) == found["totalCount"]
    assert sum(c["count"] for c in facets["cooperatives"]) == found["totalCount"]
    assert _search(gql, "beras merah")["didYouMean"] is None


def test_halal_and_cooperative_filters_narrow_the_result(gql) -> None:
    everything = _search(gql, "sambel")
    assert everything["totalCount"] == 4  # Pecatu's four sambals
    assert everything["facets"]["permits"]["halal"] == 0  # Mek Sri has only a P-IRT
    assert everything["facets"]["permits"]["pirt"] == 4
    assert _search(gql, "sambel", halal=True)["totalCount"] == 0
    assert _search(gql, "sambel", pirt=True)["totalCount"] == 4
    pelaga = Cooperative.objects.get(name="Koperasi Produsen Tani Amerta Pelaga")
    kopi = _search(gql, "kopi", cooperatives=[global_id("Cooperative", pelaga.pk)])
    assert kopi["totalCount"] == 4  # of the hub's 7
    assert {c["name"] for c in kopi["facets"]["cooperatives"]} == {pelaga.name}
    assert _search(gql, "madu", inStock=False)["totalCount"] == 0


def test_search_as_you_type(gql) -> None:
    query = "query ($t: String!) { searchSuggestions(text: $t, first: 5) }"
    assert "keripik" in gql.execute(query, {"t": "kri"})["data"]["searchSuggestions"]
    assert gql.execute(query, {"t": "madu hu"})["data"]["searchSuggestions"][0] == "madu hutan"
    refused = gql.post({"query": query, "variables": {"t": "kopi\x00"}})
    assert refused.status_code == 400
    assert "NUL" in refused.json()["errors"][0]["message"]


def test_price_bands_count_each_product_once_by_its_cheapest_size_in_the_channel(gql) -> None:
    query = SEARCH.replace("permits { halal pirt }", "permits { halal pirt } inStock")
    channel = VillageHub.objects.get(slug="pecatu").channel.slug
    result = gql.execute(query, {"channel": channel, "search": "kopi", "filter": {}})
    found = result["data"]["products"]
    bands = [(b["minimum"], b["count"]) for b in found["facets"]["priceBands"]]
    # Rp49.000, Rp73.500 and Rp77.000, Rp102.000
    assert bands == [(0, 0), (25_000, 1), (50_000, 2), (100_000, 1), (250_000, 0)]
    assert 0 < found["facets"]["inStock"] <= found["totalCount"] == 4
