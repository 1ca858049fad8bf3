"""The PostgreSQL backend: weighted ``tsvector`` per product, queries built from a plan.

``Product.search_vector`` has four weights, each under ``simple`` (words as written, for
names and prefixes) and ``indonesian`` (Snowball stems: "keripiknya" finds "keripik"):

- A: the name, variant names and SKUs;
- B: category, attribute values, producer, cooperative and their villages;
- C: the description (``indonesian``), D: the description as written (``simple``).

``Product.search_boost`` (0…1) is half "in stock" and half the units sold in the last
:data:`SALES_WINDOW_DAYS` days (logarithmic, full at 100); the rank is the text rank times
``1 + BOOST_WEIGHT × boost``, so stock and sales order products that match equally well.

Writers only set ``search_index_dirty``; :func:`products_index_dirty` (the beat task
``product_search_index_sweep_task``) rebuilds the vectors of dirty products in batches.
Until then a dirty product is still found by its name (substring match), so a new product
is searchable at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import combinations
from math import comb

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, F, FloatField, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from marketplace.catalog.models import Product, ProductVariant
from marketplace.catalog.search import vocabulary
from marketplace.catalog.search.plan import Alternative, SearchPlan

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
SALES_WINDOW_DAYS = 30
BOOST_WEIGHT = 0.3
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]  # D, C, B, A as ts_rank takes them
# The "most of the words" fallback tries at most this many word combinations per step.
MAX_FALLBACK_COMBINATIONS = 20

DOCUMENTS_SQL = """
SELECT p.id,
    concat_ws(' ', p.name, (SELECT string_agg(concat_ws(' ', v.name, v.sku), ' ')
        FROM catalog_productvariant v WHERE v.product_id = p.id)) AS name_text,
    concat_ws(' ', c.name, pr.name, co.name, cv.name, pv.name,
        (SELECT string_agg(concat_ws(' ', av.name, av.plain_text), ' ')
         FROM catalog_assignedproductattributevalue apv
         JOIN catalog_attributevalue av ON av.id = apv.value_id
         WHERE apv.product_id = p.id)) AS about_text,
    coalesce(p.description_plaintext, '') AS description_text
FROM catalog_product p
JOIN village_hubs_cooperative co ON co.id = p.cooperative_id
LEFT JOIN catalog_category c ON c.id = p.category_id
LEFT JOIN village_hubs_producer pr ON pr.id = p.producer_id
LEFT JOIN regions_village cv ON cv.code = co.village_id
LEFT JOIN regions_village pv ON pv.code = pr.village_id
"""

BOOST_SQL = f"""
0.5 * (EXISTS (SELECT 1 FROM warehouses_stock s
        JOIN catalog_productvariant v ON v.id = s.product_variant_id
        WHERE v.product_id = p.id AND s.quantity > s.quantity_allocated))::int
+ 0.5 * least(1.0, ln(1 + (SELECT coalesce(sum(l.quantity), 0)
        FROM orders_orderline l
        JOIN orders_order o ON o.id = l.order_id
        JOIN catalog_productvariant v ON v.id = l.variant_id
        WHERE v.product_id = p.id
          AND o.created_at > now() - interval '{SALES_WINDOW_DAYS} days'
          AND o.status NOT IN ('draft', 'unconfirmed', 'canceled', 'expired'))) / ln(101))
"""

_UPDATE_SQL = f"""
UPDATE catalog_product AS p SET
    search_vector =
        setweight(to_tsvector('simple', d.name_text), 'A')
        || setweight(to_tsvector('indonesian', d.name_text), 'A')
        || setweight(to_tsvector('simple', d.about_text), 'B')
        || setweight(to_tsvector('indonesian', d.about_text), 'B')
        || setweight(to_tsvector('indonesian', d.description_text), 'C')
        || setweight(to_tsvector('simple', d.description_text), 'D'),
    search_boost = {BOOST_SQL},
    search_index_dirty = false
FROM ({DOCUMENTS_SQL} WHERE p.id = ANY(%s)) AS d
WHERE p.id = d.id
"""


def products_index(*, product_ids: Iterable[int]) -> int:
    """Rebuild the search vectors and boosts of these products, add their words to the
    vocabulary; returns how many products were indexed."""
    ids = list(product_ids)
    if not ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL, [ids])
        done = cursor.rowcount
    vocabulary.vocabulary_add(documents_sql=f"{DOCUMENTS_SQL} WHERE p.id = ANY(%s)", params=[ids])
    return done


def products_index_dirty(
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_batches: int = 0,
    indexed: list[int] | None = None,
) -> int:
    """Index dirty products, ``batch_size`` at a time (all batches with ``max_batches`` 0);
    their ids are appended to ``indexed`` when given.

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
        if indexed is not None:
            indexed.extend(ids)
        batches += 1
    if done:
        logger.info("product_search_indexed", extra={"count": done})
    return done


def search_boosts_refresh() -> int:
    """Recompute every product's boost (stock and sales change without a product edit);
    returns how many changed."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE catalog_product AS p SET search_boost = b.boost FROM "
            f"(SELECT p.id, {BOOST_SQL} AS boost FROM catalog_product p) AS b "
            f"WHERE p.id = b.id AND p.search_boost IS DISTINCT FROM b.boost"
        )
        return cursor.rowcount


@transaction.atomic
def vocabulary_rebuild() -> int:
    """The vocabulary made exactly the words of every product; returns its size."""
    return vocabulary.vocabulary_rebuild(documents_sql=DOCUMENTS_SQL, params=[])


# --- Queries -----------------------------------------------------------------------------


def _word_query(word: str, *, prefix: bool) -> SearchQuery:
    # ``word`` holds only letters and digits (search.text.words), so quoting it is enough
    # to make it one lexeme: no tsquery operator can reach the parser.
    simple = SearchQuery(f"'{word}'{':*' if prefix else ''}", config="simple", search_type="raw")
    return simple | SearchQuery(word, config="indonesian", search_type="plain")


def _alternative_query(alternative: Alternative) -> SearchQuery:
    last = len(alternative.words) - 1
    query = None
    for at, word in enumerate(alternative.words):
        part = _word_query(word, prefix=alternative.prefix and at == last)
        query = part if query is None else query & part
    assert query is not None
    return query


def _slot_query(slot: tuple[Alternative, ...]) -> SearchQuery:
    query = None
    for alternative in slot:
        part = _alternative_query(alternative)
        query = part if query is None else query | part
    assert query is not None
    return query


def plan_query(plan: SearchPlan, *, any_slot: bool = False) -> SearchQuery:
    """The tsquery of a non-empty plan: every slot (or, with ``any_slot``, any slot)."""
    query = None
    for slot in plan.slots:
        part = _slot_query(slot)
        if query is None:
            query = part
        else:
            query = (query | part) if any_slot else (query & part)
    assert query is not None
    return query


def slots_query(plan: SearchPlan, size: int) -> SearchQuery:
    """The tsquery of products holding ``size`` of the plan's slots (any ``size`` of them:
    an OR of every combination's AND)."""
    query = None
    for chosen in combinations(plan.slots, size):
        every = None
        for slot in chosen:
            part = _slot_query(slot)
            every = part if every is None else every & part
        assert every is not None
        query = every if query is None else query | every
    assert query is not None
    return query


def _most_slots_query(queryset: QuerySet[Product], plan: SearchPlan) -> SearchQuery:
    """When no product holds every word: the query for the products that hold the most of
    them (all but one, then all but two, …; any of them at last). The candidates ranked
    stay few: "kopi pak sutrisno biji" ranks the products with three of its four words,
    not the 42 % of a national catalog that hold any one of them."""
    slots = len(plan.slots)
    for size in range(slots - 1, 1, -1):
        if comb(slots, size) > MAX_FALLBACK_COMBINATIONS:
            break
        query = slots_query(plan, size)
        if queryset.filter(search_vector=query).exists():
            return query
    return plan_query(plan, any_slot=True)


def _substring(text: str) -> Q:
    sku = ProductVariant.objects.filter(product=OuterRef("pk"), sku__icontains=text)
    return Q(name__icontains=text) | Q(slug__icontains=text) | Q(Exists(sku))


class _IdAmong(Func):
    """``id = ANY(ARRAY(subquery))``: the subquery runs once (an InitPlan) and the
    condition is an exact primary-key index condition."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def _dirty_matches(text: str) -> Q:
    """Products not indexed yet whose name, slug or SKU holds ``text``.

    Matched by id so that the search's condition is two exact index conditions: an ``OR``
    with the substring test itself would make PostgreSQL test the text query again on
    every matching row (a third of a search's time on a 100,000-product catalog)."""
    if not text:
        return Q(pk__in=[])
    dirty = Product.objects.filter(Q(search_index_dirty=True) & _substring(text))
    return Q(_IdAmong(F("pk"), ArraySubquery(dirty.values("pk"))))


def search(queryset: QuerySet[Product], plan: SearchPlan, text: str) -> QuerySet[Product]:
    """Products of ``queryset`` matching the plan, annotated with ``search_rank``. When no
    product has every word, the products with the most of them (``_most_slots_query``)."""
    query = plan_query(plan)
    dirty = _dirty_matches(text)
    matches = queryset.filter(Q(search_vector=query) | dirty)
    if len(plan.slots) > 1 and not matches.exists():
        query = _most_slots_query(queryset, plan)
        # Any word matches a large share of the catalog: the substring test inside the
        # condition keeps PostgreSQL on the index, where by id it would scan every row.
        unswept = Q(search_index_dirty=True) & _substring(text)
        matches = queryset.filter(Q(search_vector=query) | unswept)
    rank = SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
    return matches.annotate(
        search_rank=Coalesce(rank, Value(0.0), output_field=FloatField())
        * (1.0 + BOOST_WEIGHT * F("search_boost"))
    )
