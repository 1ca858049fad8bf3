"""Rebuilding the whole search index (``manage.py search_reindex``), with a progress bar.

PostgreSQL: every product's vector and boost in batches, then the vocabulary made exact.
Elasticsearch (when configured): a new index is filled beside the live one and the alias
is moved to it in one atomic request, so searches never see a half-built index; the old
indices are deleted after the swap.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from marketplace.catalog.models import Product
from marketplace.catalog.search import postgres

BATCH_SIZE = 1000


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def postgres_reindex(*, batch_size: int = BATCH_SIZE, progress: bool = True) -> int:
    """Index every product again; returns how many."""
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    with tqdm(total=len(ids), disable=not progress, desc="PostgreSQL", unit="product") as bar:
        for batch in _batches(ids, batch_size):
            with transaction.atomic():
                done += postgres.products_index(product_ids=batch)
            bar.update(len(batch))
    postgres.vocabulary_rebuild()
    return done


def new_index_name() -> str:
    return f"{_alias()}-{timezone.now():%Y%m%d%H%M%S}"


def _alias() -> str:
    from marketplace.catalog.search.elastic import ALIAS

    return ALIAS


def elasticsearch_reindex(*, batch_size: int = BATCH_SIZE, progress: bool = True) -> str:
    """Fill a new Elasticsearch index, move the alias to it, drop the old ones; returns
    the new index's name."""
    from marketplace.catalog.search import elastic

    es = elastic.client()
    name = new_index_name()
    elastic.index_definition(name).create(using=es)
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    with tqdm(total=len(ids), disable=not progress, desc="Elasticsearch", unit="product") as bar:
        for batch in _batches(ids, batch_size):
            elastic.bulk_index(batch, index=name)
            bar.update(len(batch))
    es.indices.refresh(index=name)
    old = list(es.indices.get_alias(name=elastic.ALIAS, ignore_unavailable=True).keys())
    es.indices.update_aliases(actions=elastic.alias_swap_actions(new_index=name, old_indices=old))
    for index in old:
        es.indices.delete(index=index, ignore_unavailable=True)
    return name
