"""Product search: the one interface the API, the shop's pages and the back office use.

Reading a text is backend-neutral (``text``: cleaning and words; ``synonyms``: the
Indonesian list in ``data/synonyms.csv``; ``vocabulary``: typo correction and completion;
``plan``: what a text asks for). ``postgres`` runs the plan on PostgreSQL full text (the
default); ``elastic`` searches Elasticsearch 8 when ``ELASTICSEARCH_URL`` is set, the
PostgreSQL index being kept too (it serves the vocabulary and is the fallback).

Public functions:

- :func:`products_search` — the matching products of a queryset, annotated ``search_rank``;
- :func:`rank_products` — the same, ordered best first (``sortBy: {field: RANK}``);
- :func:`did_you_mean` — the text with its typos corrected, or ``None``;
- :func:`suggestions` — search-as-you-type completions of a partly typed text;
- :func:`search_facets` — the facet counts of a result (Elasticsearch's aggregations
  after an Elasticsearch search, else the database's count);
- :func:`products_index_dirty`, :func:`products_index`, :func:`search_boosts_refresh`,
  :func:`vocabulary_rebuild` — keeping the index up to date.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import FloatField, QuerySet, Value

from marketplace.catalog.models import Product
from marketplace.catalog.search import postgres
from marketplace.catalog.search.facets import Facets, facet_counts
from marketplace.catalog.search.plan import SearchPlan, search_plan
from marketplace.catalog.search.postgres import (
    products_index,
    products_index_dirty,
    search_boosts_refresh,
    vocabulary_rebuild,
)
from marketplace.catalog.search.synonyms import catalog_spellings_beginning
from marketplace.catalog.search.text import MAX_SEARCH_LENGTH, clean, words
from marketplace.catalog.search.vocabulary import vocabulary
from marketplace.channels.models import Channel

__all__ = [
    "MAX_SEARCH_LENGTH",
    "SearchPlan",
    "did_you_mean",
    "elasticsearch_enabled",
    "products_index",
    "products_index_dirty",
    "products_search",
    "rank_products",
    "search_boosts_refresh",
    "search_facets",
    "search_plan",
    "suggestions",
    "vocabulary_rebuild",
]

logger = logging.getLogger(__name__)

# Texts shorter than this are matched as substrings of name, slug and SKU.
MIN_FULL_TEXT_LENGTH = 3


def products_search(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products of ``queryset`` matching ``text`` (any string: it is cleaned and cut to
    :data:`MAX_SEARCH_LENGTH` characters), annotated with ``search_rank`` (higher is
    better; 0 for substring-only matches). Unordered: see :func:`rank_products`."""
    cleaned = clean(text)
    zero = Value(0.0, output_field=FloatField())
    if not cleaned:
        return queryset.annotate(search_rank=zero)
    plan = search_plan(cleaned)
    if len(cleaned) < MIN_FULL_TEXT_LENGTH or plan.is_empty:
        return queryset.filter(postgres._substring(cleaned)).annotate(search_rank=zero)
    if elasticsearch_enabled():  # the same condition as _elasticsearch_searches
        from elasticsearch import ApiError, TransportError

        from marketplace.catalog.search import elastic

        try:
            return elastic.search(queryset, cleaned)
        except (ApiError, TransportError) as error:  # down, or no index built yet
            logger.warning("search_elasticsearch_unavailable", extra={"error": str(error)})
    return postgres.search(queryset, plan, cleaned)


def elasticsearch_enabled() -> bool:
    """Whether searches go to Elasticsearch (``ELASTICSEARCH_URL`` is set)."""
    return bool(settings.ELASTICSEARCH_URL)


def _elasticsearch_searches(cleaned: str) -> bool:
    """Whether Elasticsearch answers a search for this cleaned text (short texts and
    texts without words are matched as substrings in the database)."""
    return (
        elasticsearch_enabled()
        and len(cleaned) >= MIN_FULL_TEXT_LENGTH
        and not search_plan(cleaned).is_empty
    )


def search_facets(queryset: QuerySet[Product], *, channel: Channel | None, text: str) -> Facets:
    """How many products of a result (``queryset``, searched for ``text`` or not) fall in
    each category, cooperative, price band (in ``channel``), permit and are in stock.
    With Elasticsearch and a text, its aggregations count them (the database when it does
    not answer); else the database does."""
    if _elasticsearch_searches(clean(text)):
        from elasticsearch import ApiError, TransportError

        from marketplace.catalog.search import elastic

        try:
            return elastic.facet_counts(queryset, channel_id=channel.pk if channel else None)
        except (ApiError, TransportError) as error:
            logger.warning("search_elasticsearch_unavailable", extra={"error": str(error)})
    return facet_counts(queryset, channel=channel)


def rank_products(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products of ``queryset`` matching ``text``, best match first (then by name)."""
    return products_search(queryset, text).order_by("-search_rank", "name", "pk")


def did_you_mean(text: str) -> str | None:
    """``text`` spelled with the catalog's words where it seems mistyped ("berass merah"
    → "beras merah"), or ``None`` when nothing looks mistyped."""
    return search_plan(text).did_you_mean


def suggestions(text: str, *, limit: int = 8) -> list[str]:
    """Completions of a partly typed text: its last word completed from the catalog's
    words (commonest first), the earlier words kept ("keripik pi" → "keripik pisang")."""
    typed = words(text)
    if not typed or limit <= 0:
        return []
    *before, last = typed
    head = " ".join(before)
    known = vocabulary()
    found = known.completions(last, limit=limit)
    for spelling in catalog_spellings_beginning(last):  # "kri" → "kripik" → "keripik"
        if len(found) < limit and known.knows(spelling) and spelling not in found:
            found.append(spelling)
    if not found:
        corrected = did_you_mean(text)
        return [corrected] if corrected else []
    return [f"{head} {word}".strip() for word in found]
