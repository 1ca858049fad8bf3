"""Full-text product search on PostgreSQL.

``Product.search_vector`` holds the product's name, slug, variant names and SKUs under the
``simple`` configuration (no stemming: names and SKUs match as typed, weight A), the name
again under ``indonesian`` (weight B) and the plain-text description under ``indonesian``
(Snowball stemmer, weight C). Writers only set ``search_index_dirty``;
:func:`products_index_dirty` (the beat task ``product_search_index_sweep_task``) rebuilds
the vectors of dirty products in batches. Until then a dirty product is still found by
its name (substring match), so a new product is searchable at once.

Terms of at least :data:`MIN_FULL_TEXT_LENGTH` characters are matched as prefixes in the
``simple`` part ("kerip" finds "keripik") or as Indonesian stems; shorter terms fall back
to case-insensitive substring matches on name, slug and SKU.
"""

from __future__ import annotations

import logging
import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Exists, F, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from marketplace.catalog.models import Product, ProductVariant

logger = logging.getLogger(__name__)

MIN_FULL_TEXT_LENGTH = 3
# Characters of a search text that are read (a shop's search box needs a few words). A
# longer text is cut, not refused: thousands of terms made PostgreSQL's tsquery parser
# exceed its stack depth and fail the whole request.
MAX_SEARCH_LENGTH = 200
DEFAULT_BATCH_SIZE = 500
_TOKEN_RE = re.compile(r"[\w]+", re.UNICODE)

_UPDATE_SQL = """
UPDATE catalog_product AS p SET
    search_vector =
        setweight(to_tsvector('simple', concat_ws(' ', p.name, replace(p.slug, '-', ' '),
            (SELECT string_agg(concat_ws(' ', v.name, v.sku), ' ')
             FROM catalog_productvariant v WHERE v.product_id = p.id))), 'A')
        || setweight(to_tsvector('indonesian', p.name), 'B')
        || setweight(to_tsvector('indonesian', coalesce(p.description_plaintext, '')), 'C'),
    search_index_dirty = false
WHERE p.id = ANY(%s)
"""


def products_index(*, product_ids: list[int]) -> int:
    """Rebuild the search vectors of these products (from their current rows)."""
    if not product_ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL, [list(product_ids)])
        return cursor.rowcount


def products_index_dirty(*, batch_size: int = DEFAULT_BATCH_SIZE, max_batches: int = 0) -> int:
    """Index dirty products, ``batch_size`` at a time (all batches with ``max_batches`` 0).

    Safe to run concurrently: each batch locks its rows with ``SKIP LOCKED``.
    """
    done = 0
    batches = 0
    while not max_batches or batches < max_batches:
        with transaction.atomic():
            ids = list(
                Product.objects.filter(search_index_dirty=True)
                .select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                break
            done += products_index(product_ids=ids)
        batches += 1
    if done:
        logger.info("product_search_indexed", extra={"count": done})
    return done


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _substring(text: str) -> Q:
    sku = ProductVariant.objects.filter(product=OuterRef("pk"), sku__icontains=text)
    return Q(name__icontains=text) | Q(slug__icontains=text) | Q(Exists(sku))


def products_search(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products of ``queryset`` matching ``text``, annotated with ``search_rank`` (higher is
    better; 0 for substring-only matches). Only the first :data:`MAX_SEARCH_LENGTH`
    characters of ``text`` are read."""
    text = " ".join(text.split())[:MAX_SEARCH_LENGTH].strip()
    tokens = _tokens(text)
    if not text:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if len(text) < MIN_FULL_TEXT_LENGTH or not tokens:
        return queryset.filter(_substring(text)).annotate(
            search_rank=Value(0.0, output_field=FloatField())
        )
    prefix = SearchQuery(
        " & ".join(f"{token}:*" for token in tokens), config="simple", search_type="raw"
    )
    stemmed = SearchQuery(" ".join(tokens), config="indonesian", search_type="plain")
    query = prefix | stemmed
    matches = Q(search_vector=query) | (Q(search_index_dirty=True) & _substring(text))
    return queryset.filter(matches).annotate(
        search_rank=Coalesce(
            SearchRank(F("search_vector"), query), Value(0.0), output_field=FloatField()
        )
    )
