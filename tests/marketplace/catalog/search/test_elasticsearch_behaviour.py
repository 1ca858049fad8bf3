"""The relevance set and the facets against a real Elasticsearch 8 cluster, when
``ELASTICSEARCH_URL`` is set (no cluster can run on the machines this project is developed
on)."""

from __future__ import annotations

import os

import pytest

from marketplace.catalog.models import Product
from marketplace.catalog.search import rank_products
from marketplace.catalog.search.reindex import elasticsearch_reindex
from tests.marketplace.catalog.search.test_relevance import RELEVANCE_SET

pytestmark = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to run against",
)


@pytest.fixture(scope="module")
def elastic_catalog(demo_catalog: None, django_db_blocker) -> None:
    with django_db_blocker.unblock():
        elasticsearch_reindex(progress=False)


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_SET, ids=[q for q, _ in RELEVANCE_SET])
def test_query_finds_its_products_in_the_top_three_on_elasticsearch(
    elastic_catalog: None, db: None, settings, query: str, expected: list[str]
) -> None:
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    top = list(rank_products(Product.objects.all(), query).values_list("name", flat=True)[:3])
    missing = [name for name in expected if name not in top]
    assert not missing, f"{query!r}: {missing} not in the top 3 {top}"


@pytest.mark.parametrize("query", ["keripik", "kopi", "madu hutan", "sambel"])
def test_facets_from_aggregations_equal_the_database_count(
    elastic_catalog: None, db: None, settings, query: str
) -> None:
    from marketplace.catalog.search import products_search, search_facets
    from marketplace.catalog.search.facets import facet_counts
    from marketplace.channels.models import Channel

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    found = products_search(Product.objects.all(), query)
    for channel in (None, Channel.objects.order_by("pk").first()):
        counted = facet_counts(found, channel=channel)
        assert counted.cooperatives, f"{query!r} should find products"
        assert search_facets(found, channel=channel, text=query) == counted, (query, channel)
