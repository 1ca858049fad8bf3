"""The Elasticsearch 8 backend (elasticsearch-dsl), used when ``ELASTICSEARCH_URL`` is set.

The index (behind the alias :data:`ALIAS`) has one document per product, built from the
same text as the PostgreSQL vectors (``postgres.DOCUMENTS_SQL``): ``name`` (with a
``search_as_you_type`` sub-field for prefixes), ``about`` (category, attributes, producer,
cooperative, villages) and ``description``, analysed with Elasticsearch's Indonesian stop
words and stemmer; at query time the same synonym list (``data/synonyms.csv``) as a
``synonym_graph``. Queries ask every word (``operator: and``, fuzziness ``AUTO``), weigh
name over about over description, multiply by ``1 + BOOST_WEIGHT × boost`` (stock, recent
sales) and filter and count facets on the same fields as ``facets.py``.

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

from marketplace.catalog.models import Product
from marketplace.catalog.search.facets import PRICE_BAND_LIMITS, SearchFilters
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
    "boost": es_field.Float(),
}


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
    {BOOST_SQL} AS boost
FROM ({DOCUMENTS_SQL} WHERE p.id = ANY(%s)) AS d
JOIN catalog_product p ON p.id = d.id
LEFT JOIN village_hubs_producer pr ON pr.id = p.producer_id
"""
_COLUMNS = (
    *("id", "name", "about", "description", "category_id", "cooperative_id", "producer_id"),
    *("halal", "pirt", "in_stock", "min_price", "hub_ids", "boost"),
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
    return found


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
    search = search.source(False)
    return _aggregations(search)


def _aggregations(search: Search) -> Search:
    search.aggs.bucket("categories", "terms", field="category_id", size=50)
    search.aggs.bucket("cooperatives", "terms", field="cooperative_id", size=50)
    lows = (None, *PRICE_BAND_LIMITS)
    highs = (*PRICE_BAND_LIMITS, None)
    ranges = [
        {key: value for key, value in (("from", low), ("to", high)) if value is not None}
        for low, high in zip(lows, highs, strict=True)
    ]
    search.aggs.bucket("price_bands", "range", field="min_price", ranges=ranges)
    search.aggs.bucket("halal", "filter", EsQ("term", halal=True))
    search.aggs.bucket("pirt", "filter", EsQ("term", pirt=True))
    return search


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
