"""Celery tasks of the catalog: thumbnails and search upkeep (ids as arguments; safe to
run twice). Tasks import the services they call at module top; a service enqueues a task
after commit, importing it inside the function that enqueues."""

from __future__ import annotations

import logging

from celery import shared_task

from marketplace.catalog import images
from marketplace.catalog.models import ProductMedia
from marketplace.catalog.search import (
    elasticsearch_enabled,
    products_index_dirty,
    search_boosts_refresh,
    vocabulary_rebuild,
)
from marketplace.catalog.services import thumbnail_get_or_create

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def product_media_thumbnails_task(media_id: int) -> None:
    """Make every thumbnail of one product image (Saleor's sizes, WebP and original format).

    Idempotent: existing thumbnails are skipped; a deleted media is a no-op.
    """
    media = ProductMedia.objects.filter(pk=media_id).first()
    if media is None or not media.image:
        logger.info("product_thumbnails_skipped", extra={"media_id": media_id})
        return
    for size in images.THUMBNAIL_SIZES:
        for fmt in (images.ThumbnailFormat.WEBP, images.ThumbnailFormat.ORIGINAL):
            thumbnail_get_or_create(media=media, size=size, format=fmt.value)
    logger.info("product_thumbnails_made", extra={"media_id": media_id})


@shared_task(acks_late=True)
def product_search_index_sweep_task() -> int:
    """Rebuild the search vectors of products flagged ``search_index_dirty`` (beat task).

    Idempotent and safe to overlap: batches lock their rows with ``SKIP LOCKED``.
    """
    indexed: list[int] = []
    done = products_index_dirty(max_batches=20, indexed=indexed)
    if indexed and elasticsearch_enabled():
        for start in range(0, len(indexed), 500):
            product_search_elastic_index_task.delay(indexed[start : start + 500])
    return done


@shared_task(acks_late=True, autoretry_for=(ConnectionError, OSError), retry_backoff=True)
def product_search_elastic_index_task(product_ids: list[int]) -> int:
    """Write these products' Elasticsearch documents in one bulk request (products gone
    are deleted). Idempotent: a document's id is the product's, so a retry rewrites it."""
    # Loaded only when Elasticsearch is switched on, as ``catalog.search`` does.
    from marketplace.catalog.search.elastic import bulk_index

    return bulk_index(product_ids)


@shared_task(acks_late=True)
def product_search_boosts_refresh_task() -> int:
    """Recompute search boosts from stock and recent sales, and rebuild the vocabulary
    (words of renamed or deleted products go); idempotent (beat task)."""
    changed = search_boosts_refresh()
    words = vocabulary_rebuild()
    logger.info("product_search_refreshed", extra={"boosts_changed": changed, "words": words})
    return changed
