"""The Elasticsearch 8 backend (elasticsearch-dsl), used when ``ELASTICSEARCH_URL`` is set.

The index (behind the alias :data:`ALIAS`) has one document per product, built from the
same text as the PostgreSQL vectors (``postgres.DOCUMENTS_SQL``): ``name`` (with a
``search_as_you_type`` sub-field for prefixes), ``about`` (category, attributes, producer,
cooperative, villages) and ``description``, analysed with Elasticsearch's Indonesian stop
words and stemmer; at query time the same synonym list (``data/synonyms.csv``) as a
``synonym_graph``. Queries ask every word (``operator: and``, fuzziness ``AUTO``), weigh
name over about over description, multiply by ``1 + BOOST_WEIGHT × boost`` (stock, recent
sales) and filter on the same fields as ``facets.py``. :func:`facet_counts` counts a
result's facets with aggregations (terms, range, filter) into the same ``Facets`` as the
database count.

Indexing is idempotent (a product's document id is its primary key; indexing twice writes
the same document) and done in bulk by :func:`bulk_index` (the Celery task
``product_search_elastic_index_task``). ``manage.py search_reindex`` fills a new index and
swaps the alias to it in one step (:func:`alias_swap_actions`), so searches never stop.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, FloatField, QuerySet, Value, When
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Index as DslIndex
from elasticsearch_dsl import Mapping, Search, analyzer, token_filter
from elasticsearch_dsl import Q as EsQ
from elasticsearch_dsl import field as es_field

from marketplace.catalog.models import Category, Product
from marketplace.catalog.search.facets import (
    FacetCount,
    Facets,
    PriceBandCount,
    SearchFilters,
    price_bands,
)
from marketplace.catalog.search.postgres import BOOST_SQL, BOOST_WEIGHT, DOCUMENTS_SQL
from marketplace.catalog.search.synonyms import elasticsearch_rules
from marketplace.catalog.search.text import clean

logger = logging.getLogger(__name__)

ALIAS = "lumbung-products"
MAX_HITS = 1000  # results read from Elasticsearch per search (pages of 100 at most)
BULK_CHUNK = 500

_stop = token_filter("lumbung_stop", type="stop", stopwords="_indonesian_")
_stemmer = token_filter("lumbung_stemmer", type="stemmer", language="indonesian")
_synonyms = token_filter(
    "lumbung_synonyms", type="synonym_graph", synonyms=elasticsearch_rules(), lenient=True
)
INDEX_ANALYZER = analyzer(
    "lumbung_index", tokenizer="standard", filter=["lowercase", "asciifolding", _stop, _stemmer]
)
SEARCH_ANALYZER = analyzer(
    "lumbung_search",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", _synonyms, _stop, _stemmer],
)


def _text(**extra: Any) -> es_field.Text:
    return es_field.Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER, **extra)


MAPPING_FIELDS: dict[str, es_field.Field] = {
    "name": _text(fields={"prefix": es_field.SearchAsYouType(), "raw": es_field.Keyword()}),
    "about": _text(),
    "description": _text(),
    "category_id": es_field.Integer(),
    "cooperative_id": es_field.Integer(),
    "producer_id": es_field.Integer(),
    "hub_ids": es_field.Integer(multi=True),
    "halal": es_field.Boolean(),
    "pirt": es_field.Boolean(),
    "in_stock": es_field.Boolean(),
    "min_price": es_field.Long(),
    # the cheapest size's price in each channel the product is sold in
    "channel_prices": es_field.Nested(
        properties={"channel_id": es_field.Integer(), "price": es_field.Long()}
    ),
    "boost": es_field.Float(),
}
FACET_SIZE = 100  # categories and cooperatives counted per search


def client() -> Elasticsearch:
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)


def index_definition(name: str) -> DslIndex:
    """The index ``name`` with Lumbung's analysers and mapping (not created here)."""
    index = DslIndex(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(INDEX_ANALYZER)
    index.analyzer(SEARCH_ANALYZER)
    index.mapping(_mapping())
    return index


def _mapping() -> Mapping:
    mapping = Mapping()
    for name, definition in MAPPING_FIELDS.items():
        mapping.field(name, definition)
    return mapping


# --- Documents ---------------------------------------------------------------------------

_DOCUMENT_ROWS_SQL = f"""
SELECT d.id, p.name, d.about_text, d.description_text, p.category_id, p.cooperative_id,
    p.producer_id,
    (pr.halal_certificate_number <> '' AND (pr.halal_certificate_expires_on IS NULL
        OR pr.halal_certificate_expires_on >= %s)) AS halal,
    coalesce(pr.pirt_number <> '', false) AS pirt,
    EXISTS (SELECT 1 FROM warehouses_stock s
        JOIN catalog_productvariant v ON v.id = s.product_variant_id
        WHERE v.product_id = p.id AND s.quantity > s.quantity_allocated) AS in_stock,
    (SELECT min(l.price_amount) FROM catalog_productvariantchannellisting l
        JOIN catalog_productvariant v ON v.id = l.variant_id WHERE v.product_id = p.id)
        AS min_price,
    ARRAY(SELECT DISTINCT h.id FROM catalog_productvariantchannellisting l
        JOIN catalog_productvariant v ON v.id = l.variant_id
        JOIN village_hubs_villagehub h ON h.channel_id = l.channel_id
        WHERE v.product_id = p.id) AS hub_ids,
    ARRAY(SELECT json_build_object('channel_id', l.channel_id, 'price', min(l.price_amount))
        FROM catalog_productvariantchannellisting l
        JOIN catalog_productvariant v ON v.id = l.variant_id
        WHERE v.product_id = p.id AND l.price_amount IS NOT NULL
        GROUP BY l.channel_id ORDER BY l.channel_id) AS channel_prices,
    {BOOST_SQL} AS boost
FROM ({DOCUMENTS_SQL} WHERE p.id = ANY(%s)) AS d
JOIN catalog_product p ON p.id = d.id
LEFT JOIN village_hubs_producer pr ON pr.id = p.producer_id
"""
_COLUMNS = (
    *("id", "name", "about", "description", "category_id", "cooperative_id", "producer_id"),
    *("halal", "pirt", "in_stock", "min_price", "hub_ids", "channel_prices", "boost"),
)


def documents(product_ids: list[int]) -> list[dict[str, Any]]:
    """The documents of these products, as indexed (missing products have none)."""
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_ROWS_SQL, [timezone.localdate(), product_ids])
        rows = [dict(zip(_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["min_price"] = int(row["min_price"]) if row["min_price"] is not None else None
        row["boost"] = float(row["boost"])
        row["halal"] = bool(row["halal"])
        row["channel_prices"] = [
            {"channel_id": int(price["channel_id"]), "price": int(price["price"])}
            for price in row["channel_prices"]
        ]
    return rows


def bulk_actions(product_ids: list[int], *, index: str = ALIAS) -> Iterator[dict[str, Any]]:
    """Bulk actions writing these products' documents (id = primary key, so running them
    twice leaves the same index) and deleting the documents of products that are gone."""
    found = documents(product_ids)
    present = {document["id"] for document in found}
    for document in found:
        yield {"_op_type": "index", "_index": index, "_id": document.pop("id"), **document}
    for gone in sorted(set(product_ids) - present):
        yield {"_op_type": "delete", "_index": index, "_id": gone}


def bulk_index(product_ids: list[int], *, index: str = ALIAS) -> int:
    """Write these products' documents in one bulk request; returns how many succeeded.
    Nothing is written to the alias before ``search_reindex`` made it (Elasticsearch would
    otherwise create an index of that name with guessed mappings)."""
    es = client()
    if index == ALIAS and not es.indices.exists_alias(name=ALIAS):
        logger.warning("search_elasticsearch_no_index", extra={"alias": ALIAS})
        return 0
    actions = list(bulk_actions(product_ids, index=index))
    ok, _errors = bulk(es, actions, raise_on_error=False, chunk_size=BULK_CHUNK)
    return ok


def alias_swap_actions(*, new_index: str, old_indices: list[str]) -> list[dict[str, Any]]:
    """The one ``_aliases`` request moving :data:`ALIAS` to ``new_index`` atomically."""
    actions: list[dict[str, Any]] = [
        {"remove": {"index": old, "alias": ALIAS}} for old in old_indices
    ]
    actions.append({"add": {"index": new_index, "alias": ALIAS}})
    return actions


# --- Queries -----------------------------------------------------------------------------


def _filters(filters: SearchFilters) -> list[EsQ]:
    found = []
    for name, values in (
        ("category_id", filters.category_ids),
        ("cooperative_id", filters.cooperative_ids),
        ("producer_id", filters.producer_ids),
        ("hub_ids", filters.hub_ids),
    ):
        if values is not None:
            found.append(EsQ("terms", **{name: values}))
    for name, wanted in (("halal", filters.halal), ("pirt", filters.pirt)):
        if wanted is not None:
            found.append(EsQ("term", **{name: wanted}))
    if filters.in_stock is not None:
        found.append(EsQ("term", in_stock=filters.in_stock))
    if filters.price_band is not None:
        found.append(EsQ("range", min_price=_range(*price_bands()[filters.price_band])))
    return found


def _range(low: int, high: int | None) -> dict[str, int]:
    return {"gte": low} if high is None else {"gte": low, "lt": high}


def build_search(text: str, filters: SearchFilters | None = None) -> Search:
    """The search for ``text`` (cleaned first): every word, typos allowed, name first."""
    cleaned = clean(text)
    words_match = EsQ(
        "multi_match",
        query=cleaned,
        fields=["name^4", "about^2", "description"],
        type="best_fields",
        operator="and",
        fuzziness="AUTO",
        prefix_length=1,
    )
    as_typed = EsQ(
        "multi_match",
        query=cleaned,
        type="bool_prefix",
        fields=["name.prefix", "name.prefix._2gram", "name.prefix._3gram"],
        operator="and",
    )
    text_query = EsQ("bool", should=[words_match, as_typed], minimum_should_match=1)
    scored = EsQ(
        "function_score",
        query=EsQ("bool", must=[text_query], filter=_filters(filters or SearchFilters())),
        functions=[  # 1 + BOOST_WEIGHT × boost: stock and sales order equal matches
            {"weight": 1},
            {"field_value_factor": {"field": "boost", "factor": BOOST_WEIGHT, "missing": 0}},
        ],
        boost_mode="multiply",
        score_mode="sum",
    )
    search = Search(index=ALIAS).query(scored).extra(size=MAX_HITS, track_total_hits=True)
    return search.source(False)


def search(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products of ``queryset`` Elasticsearch finds for ``text``, annotated with
    ``search_rank`` (its score)."""
    response = build_search(text).using(client()).execute()
    scores = {int(hit.meta.id): float(hit.meta.score or 0.0) for hit in response}
    if not scores:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    rank = Case(
        *[When(pk=pk, then=Value(score)) for pk, score in scores.items()],
        default=Value(0.0),
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=list(scores)).annotate(search_rank=rank)


# --- Facets ------------------------------------------------------------------------------


def _price_ranges() -> list[dict[str, int]]:
    return [
        {key: value for key, value in (("from", low), ("to", high)) if value is not None}
        for low, high in price_bands()
    ]


def build_facets(product_ids: list[int], *, channel_id: int | None) -> Search:
    """The aggregations counting the facets of a result (these products): terms for
    category, cooperative and permits, a range for the price bands (the cheapest size in
    the channel, through the nested ``channel_prices``; in any channel: ``min_price``)
    and a filter for stock. The result is given by its ids because it holds rules only
    the database knows (who may see a product, Saleor's filters)."""
    search = Search(index=ALIAS).extra(size=0, track_total_hits=True)
    search = search.query(EsQ("bool", filter=[EsQ("ids", values=[str(i) for i in product_ids])]))
    search.aggs.bucket("categories", "terms", field="category_id", size=FACET_SIZE)
    search.aggs.bucket("cooperatives", "terms", field="cooperative_id", size=FACET_SIZE)
    search.aggs.bucket("halal", "terms", field="halal")
    search.aggs.bucket("pirt", "terms", field="pirt")
    search.aggs.bucket("in_stock", "filter", EsQ("term", in_stock=True))
    if channel_id is None:
        search.aggs.bucket("price_bands", "range", field="min_price", ranges=_price_ranges())
    else:
        in_channel = search.aggs.bucket("channel", "nested", path="channel_prices")
        in_channel = in_channel.bucket(
            "prices", "filter", EsQ("term", **{"channel_prices.channel_id": channel_id})
        )
        in_channel.bucket(
            "price_bands", "range", field="channel_prices.price", ranges=_price_ranges()
        )
    return search


def _true_count(aggregation: dict[str, Any]) -> int:
    for bucket in aggregation["buckets"]:  # a boolean's key is 1 (true) or 0
        if bucket["key"] in (1, True, "true"):
            return int(bucket["doc_count"])
    return 0


def facets_from_aggregations(aggregations: dict[str, Any]) -> Facets:
    """:class:`Facets` from the ``aggregations`` of :func:`build_facets`'s response, named
    from the database (two queries), ordered as the database count orders them."""
    from marketplace.village_hubs.models import Cooperative

    def counted(name: str, model: type[Any]) -> list[FacetCount]:
        counts = {int(b["key"]): int(b["doc_count"]) for b in aggregations[name]["buckets"]}
        names = dict(model.objects.filter(pk__in=counts).values_list("pk", "name"))
        found = [FacetCount(id=pk, name=names[pk], count=n) for pk, n in counts.items()
                 if n and pk in names]  # fmt: skip
        return sorted(found, key=lambda facet: (-facet.count, facet.name))

    bands = aggregations.get("price_bands") or aggregations["channel"]["prices"]["price_bands"]
    return Facets(
        categories=counted("categories", Category),
        cooperatives=counted("cooperatives", Cooperative),
        price_bands=[
            PriceBandCount(minimum=low, maximum=high, count=int(bucket["doc_count"]))
            for (low, high), bucket in zip(price_bands(), bands["buckets"], strict=True)
        ],
        halal=_true_count(aggregations["halal"]),
        pirt=_true_count(aggregations["pirt"]),
        in_stock=int(aggregations["in_stock"]["doc_count"]),
    )


def facet_counts(queryset: QuerySet[Product], *, channel_id: int | None) -> Facets:
    """The facets of a searched result, counted by Elasticsearch."""
    ids = list(queryset.order_by().values_list("pk", flat=True))
    response = build_facets(ids, channel_id=channel_id).using(client()).execute()
    return facets_from_aggregations(response.aggregations.to_dict())
