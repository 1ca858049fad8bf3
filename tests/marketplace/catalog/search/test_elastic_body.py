"""The Elasticsearch backend without a cluster: the index's analysers and mapping, the
query bodies it sends, the bulk actions and the alias swap are what we mean them to be."""

from __future__ import annotations

import pytest

from marketplace.catalog.search import elastic
from marketplace.catalog.search.facets import SearchFilters
from marketplace.catalog.search.synonyms import elasticsearch_rules


def test_index_has_indonesian_analysers_and_the_repositorys_synonyms() -> None:
    body = elastic.index_definition("lumbung-products-test").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["lumbung_stemmer"] == {"type": "stemmer", "language": "indonesian"}
    assert analysis["filter"]["lumbung_stop"]["stopwords"] == "_indonesian_"
    synonyms = analysis["filter"]["lumbung_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["synonyms"] == elasticsearch_rules()
    assert "sambal, sambel" in synonyms["synonyms"]
    assert "gula aren, gula merah, gula jawa, gula kelapa" in synonyms["synonyms"]
    assert "lumbung_synonyms" in analysis["analyzer"]["lumbung_search"]["filter"]
    assert "lumbung_synonyms" not in analysis["analyzer"]["lumbung_index"]["filter"]
    fields = body["mappings"]["properties"]
    assert fields["name"]["analyzer"] == "lumbung_index"
    assert fields["name"]["search_analyzer"] == "lumbung_search"
    assert fields["name"]["fields"]["prefix"]["type"] == "search_as_you_type"
    for name in ("halal", "pirt", "in_stock"):
        assert fields[name]["type"] == "boolean"
    assert fields["min_price"]["type"] == "long"


def test_query_asks_every_word_with_typos_weighs_name_and_filters() -> None:
    filters = SearchFilters(cooperative_ids=[3], halal=True, in_stock=True)
    body = elastic.build_search("Kofi\x00 ROBUSTA", filters).to_dict()
    scored = body["query"]["function_score"]
    words, typed = scored["query"]["bool"]["must"][0]["bool"]["should"]
    assert words["multi_match"]["query"] == "kofi robusta"
    assert words["multi_match"]["fuzziness"] == "AUTO"
    assert words["multi_match"]["operator"] == "and"
    assert words["multi_match"]["fields"] == ["name^4", "about^2", "description"]
    assert typed["multi_match"]["type"] == "bool_prefix"
    assert scored["query"]["bool"]["filter"] == [
        {"terms": {"cooperative_id": [3]}},
        {"term": {"halal": True}},
        {"term": {"in_stock": True}},
    ]
    assert scored["functions"][1]["field_value_factor"]["field"] == "boost"
    assert "aggs" not in body  # facets are asked for the result, once it is known
    assert body["size"] == elastic.MAX_HITS


def test_category_and_price_band_filters_are_sent_as_terms_and_range() -> None:
    body = elastic.build_search("kopi", SearchFilters(category_ids=[5], price_band=1)).to_dict()
    assert body["query"]["function_score"]["query"]["bool"]["filter"] == [
        {"terms": {"category_id": [5]}},
        {"range": {"min_price": {"gte": 25_000, "lt": 50_000}}},
    ]


def test_facets_are_asked_as_aggregations_over_the_results_ids() -> None:
    body = elastic.build_facets([7, 3], channel_id=None).to_dict()
    assert body["size"] == 0
    assert body["query"] == {"bool": {"filter": [{"ids": {"values": ["7", "3"]}}]}}
    aggs = body["aggs"]
    assert aggs["categories"] == {"terms": {"field": "category_id", "size": elastic.FACET_SIZE}}
    assert aggs["cooperatives"]["terms"]["field"] == "cooperative_id"
    assert aggs["halal"] == {"terms": {"field": "halal"}}
    assert aggs["pirt"] == {"terms": {"field": "pirt"}}
    assert aggs["in_stock"] == {"filter": {"term": {"in_stock": True}}}
    assert aggs["price_bands"]["range"] == {
        "field": "min_price",
        "ranges": [
            {"from": 0, "to": 25_000},
            {"from": 25_000, "to": 50_000},
            {"from": 50_000, "to": 100_000},
            {"from": 100_000, "to": 250_000},
            {"from": 250_000},
        ],
    }


def test_price_bands_in_a_channel_count_the_cheapest_size_there() -> None:
    aggs = elastic.build_facets([1], channel_id=4).to_dict()["aggs"]
    assert "price_bands" not in aggs
    nested = aggs["channel"]
    assert nested["nested"] == {"path": "channel_prices"}
    prices = nested["aggs"]["prices"]
    assert prices["filter"] == {"term": {"channel_prices.channel_id": 4}}
    assert prices["aggs"]["price_bands"]["range"]["field"] == "channel_prices.price"


def _aggregations(world, *, nested: bool) -> dict:
    bands = {"buckets": [{"doc_count": n} for n in (2, 0, 1, 0, 0)]}
    return {
        "categories": {"buckets": [{"key": world.product_a.category_id, "doc_count": 3}]},
        "cooperatives": {
            "buckets": [
                {"key": world.coop_a.pk, "doc_count": 1},
                {"key": world.coop_b.pk, "doc_count": 2},
            ]
        },
        "halal": {"buckets": [{"key": 0, "doc_count": 2}, {"key": 1, "doc_count": 1}]},
        "pirt": {"buckets": [{"key": 0, "doc_count": 3}]},
        "in_stock": {"doc_count": 2},
        **(
            {"channel": {"doc_count": 3, "prices": {"doc_count": 3, "price_bands": bands}}}
            if nested
            else {"price_bands": bands}
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("nested", [False, True])
def test_aggregations_come_back_in_the_same_shape_as_the_database_count(world, nested) -> None:
    facets = elastic.facets_from_aggregations(_aggregations(world, nested=nested))
    assert [(f.id, f.name, f.count) for f in facets.categories] == [
        (world.product_a.category_id, world.product_a.category.name, 3)
    ]
    assert [(f.id, f.count) for f in facets.cooperatives] == [
        (world.coop_b.pk, 2),
        (world.coop_a.pk, 1),
    ]
    assert [(b.minimum, b.maximum, b.count) for b in facets.price_bands] == [
        (0, 25_000, 2),
        (25_000, 50_000, 0),
        (50_000, 100_000, 1),
        (100_000, 250_000, 0),
        (250_000, None, 0),
    ]
    assert (facets.halal, facets.pirt, facets.in_stock) == (1, 0, 2)


def test_an_overlong_text_is_cut_before_it_is_sent() -> None:
    body = elastic.build_search("kopi " * 5000).to_dict()
    sent = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"][0]
    assert len(sent["multi_match"]["query"]) <= 200


@pytest.mark.django_db
def test_bulk_actions_are_idempotent_and_delete_products_that_are_gone(world) -> None:
    ids = [world.product_a.pk, world.product_b.pk, 999_999]
    first = list(elastic.bulk_actions(ids, index="lumbung-products-x"))
    assert first == list(elastic.bulk_actions(ids, index="lumbung-products-x"))
    written = {action["_id"]: action for action in first if action["_op_type"] == "index"}
    assert set(written) == {world.product_a.pk, world.product_b.pk}
    assert written[world.product_a.pk]["name"] == world.product_a.name
    assert written[world.product_a.pk]["in_stock"] is True  # 7 units at the pickup point
    assert written[world.product_a.pk]["min_price"] == 15_000
    assert written[world.product_a.pk]["hub_ids"] == [world.hub1.pk]
    assert written[world.product_a.pk]["channel_prices"] == [
        {"channel_id": world.hub1.channel_id, "price": 15_000}
    ]
    assert [a["_id"] for a in first if a["_op_type"] == "delete"] == [999_999]


def test_alias_moves_in_one_request() -> None:
    actions = elastic.alias_swap_actions(new_index="p-2", old_indices=["p-1"])
    assert actions == [
        {"remove": {"index": "p-1", "alias": elastic.ALIAS}},
        {"add": {"index": "p-2", "alias": elastic.ALIAS}},
    ]


@pytest.mark.django_db
def test_search_falls_back_to_postgresql_when_elasticsearch_does_not_answer(
    world, settings
) -> None:
    from marketplace.catalog.models import Product
    from marketplace.catalog.search import products_index_dirty, rank_products

    Product.objects.filter(pk=world.product_a.pk).update(name="Kopi Robusta Pecatu")
    products_index_dirty()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    found = list(rank_products(Product.objects.all(), "kofi robusta"))
    assert [product.pk for product in found] == [world.product_a.pk]


@pytest.mark.django_db
def test_facets_are_counted_in_the_database_when_elasticsearch_does_not_answer(
    world, settings
) -> None:
    from marketplace.catalog.models import Product
    from marketplace.catalog.search import products_index_dirty, products_search, search_facets

    Product.objects.filter(pk=world.product_a.pk).update(name="Kopi Robusta Pecatu")
    products_index_dirty()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    found = products_search(Product.objects.all(), "kofi robusta")
    facets = search_facets(found, channel=None, text="kofi robusta")
    assert [f.id for f in facets.cooperatives] == [world.product_a.cooperative_id]
    assert sum(band.count for band in facets.price_bands) == 1
