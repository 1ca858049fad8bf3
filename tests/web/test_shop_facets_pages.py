"""The shop's facet filters through Django's test client: each facet's count equals the
API's ``facets`` for the same search and filters (one search service), links keep the
search and the other filters, each active filter has a link removing it, bad values are
left out, prices read "Rp25.000" (the query count with facets is in test_shop_pages.py)."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace.village_hubs.models import VillageHub
from tests.marketplace.catalog.search.conftest import catalog, demo_catalog  # noqa: F401
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

LINK = re.compile(
    r'<a href="(?P<url>[^"]+)"(?P<current> aria-current="[^"]+")?>(?P<label>[^<]+?) '
    r'<span class="n">(?P<count>\d+)</span></a>'
)


def _facets(page: str) -> dict[str, tuple[str, int, bool]]:
    """label → (link, count, active) of every facet option on the page."""
    return {
        html.unescape(m["label"]): (html.unescape(m["url"]), int(m["count"]), bool(m["current"]))
        for m in LINK.finditer(page)
    }


def _removals(page: str) -> dict[str, str]:
    """filter label → the link removing it."""
    found = re.finditer(r'<a href="([^"]+)" aria-label="Hapus filter: ([^"]+)">', page)
    return {html.unescape(m[2]): html.unescape(m[1]) for m in found}


def _names(page: str) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', page)]


# --- The demo catalog: the shop's counts are the API's -----------------------------------

FACETS = """
query ($channel: String, $search: String, $filter: ProductFilterInput) {
  products(first: 1, channel: $channel, search: $search, filter: $filter) {
    totalCount
    facets {
      categories { name count } cooperatives { id name count }
      priceBands { minimum maximum count } permits { halal pirt } inStock
    }
  }
}
"""


def _params(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def _api_facets(client, text: str, **filters) -> dict[str, int]:
    channel = VillageHub.objects.get(slug="pecatu").channel.slug
    variables = {"channel": channel, "search": text, "filter": filters}
    result = GraphQLClient(client).execute(FACETS, variables)
    assert "errors" not in result, result
    facets = result["data"]["products"]["facets"]
    counts = {c["name"]: c["count"] for c in facets["categories"] + facets["cooperatives"]}
    labels = ["Di bawah Rp25.000", "Rp25.000–Rp50.000", "Rp50.000–Rp100.000"]
    labels += ["Rp100.000–Rp250.000", "Rp250.000 ke atas"]
    counts.update(zip(labels, [band["count"] for band in facets["priceBands"]], strict=True))
    counts.update(Halal=facets["permits"]["halal"], **{"P-IRT": facets["permits"]["pirt"]})
    counts["Tersedia"] = facets["inStock"]
    return {label: count for label, count in counts.items() if count}


@pytest.mark.usefixtures("catalog")
@pytest.mark.parametrize(
    ("text", "shop_filters", "api_filters"),
    [
        ("kopi", {}, {}),
        ("sambel", {"pirt": "1"}, {"pirt": True}),
        ("keripik", {"tersedia": "1"}, {"inStock": True}),
        ("", {"halal": "1"}, {"halal": True}),
    ],
)
def test_facet_counts_are_the_apis_for_the_same_search(
    client, text, shop_filters, api_filters
) -> None:
    page = client.get("/pecatu/", {"q": text, **shop_filters}).content.decode()
    shown = {label: count for label, (_url, count, _on) in _facets(page).items()}
    assert len(shown) > 3
    assert shown == _api_facets(client, text, **api_filters)


@pytest.mark.usefixtures("catalog")
def test_links_combine_with_the_search_and_each_filter_can_be_removed(client) -> None:
    page = client.get("/pecatu/", {"q": "sambel"}).content.decode()
    assert 'aria-label="Hapus filter' not in page  # nothing chosen yet
    url, count, active = _facets(page)["P-IRT"]
    assert (count, active) == (4, False)
    assert _params(url) == {"q": "sambel", "pirt": "1"}
    page = client.get(url).content.decode()
    assert len(_names(page)) == 4
    in_stock_url = _facets(page)["Tersedia"][0]
    assert _params(in_stock_url) == {"q": "sambel", "pirt": "1", "tersedia": "1"}
    page = client.get(in_stock_url).content.decode()
    removals = _removals(page)
    assert set(removals) == {"P-IRT", "Tersedia"}
    assert "Hapus semua filter" in page
    without_permit = client.get(removals["P-IRT"]).content.decode()
    assert _removals(without_permit).keys() == {"Tersedia"}
    assert 'value="sambel"' in without_permit  # the search text is kept


@pytest.mark.usefixtures("catalog")
def test_a_price_band_and_a_cooperative_narrow_the_products_shown(client) -> None:
    page = client.get("/pecatu/", {"q": "kopi"}).content.decode()
    facets = _facets(page)
    band = next(label for label in facets if label.startswith(("Di bawah Rp", "Rp")))
    assert re.fullmatch(r"(Di bawah Rp[\d.]+|Rp[\d.]+–Rp[\d.]+|Rp[\d.]+ ke atas)", band)
    narrowed = client.get(facets[band][0]).content.decode()
    assert len(_names(narrowed)) == facets[band][1]
    cooperative = next(label for label in facets if label.startswith("Koperasi"))
    both = client.get(_facets(narrowed)[cooperative][0]).content.decode()
    assert set(_removals(both)) == {band, cooperative}
    assert 0 < len(_names(both)) <= min(facets[band][1], facets[cooperative][1])


@pytest.mark.usefixtures("catalog")
def test_bad_filter_values_are_left_out(client) -> None:
    everything = client.get("/pecatu/", {"q": "kopi"}).content.decode()
    page = client.get(
        "/pecatu/", {"q": "kopi", "harga": "9", "koperasi": "abc", "halal": "ya"}
    ).content.decode()
    assert _names(page) == _names(everything)
    assert "Hapus filter" not in page
