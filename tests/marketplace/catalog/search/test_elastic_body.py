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
    assert set(body["aggs"]) == {"categories", "cooperatives", "price_bands", "halal", "pirt"}
    assert body["aggs"]["price_bands"]["range"]["ranges"][0] == {"to": 25_000}
    assert body["size"] == elastic.MAX_HITS


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
