"""Batch loaders of storefront content (see :mod:`storefront_api.core.dataloaders`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from marketplace.channels.models import Channel
from marketplace.content.models import (
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
    Translation,
)
from marketplace.content.selectors import collections_visible_to, pages_visible_to
from storefront_api.catalog.types.common import mark_channel_slug
from storefront_api.core.dataloaders import BaseLoader, grouped


class RootMenuItemsByMenuIdLoader(BaseLoader[int, list[MenuItem]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[MenuItem]]:
        rows = MenuItem.objects.filter(menu_id__in=keys, parent__isnull=True)
        return grouped(rows, "menu_id", keys)


class MenuItemChildrenLoader(BaseLoader[int, list[MenuItem]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[MenuItem]]:
        return grouped(MenuItem.objects.filter(parent_id__in=keys), "parent_id", keys)


class VisibleCollectionLoader(BaseLoader[tuple[int, str | None], Collection | None]):
    """A collection, if the viewer may see it in the channel (slug) of the key."""

    def batch_load(self, keys: Sequence[tuple[int, str | None]]) -> list[Collection | None]:
        user = getattr(self.context, "user", None)
        by_channel: dict[str | None, set[int]] = defaultdict(set)
        for pk, slug in keys:
            by_channel[slug].add(pk)
        found: dict[tuple[int, str | None], Collection] = {}
        for slug, pks in by_channel.items():
            channel = Channel.objects.filter(slug=slug).first() if slug else None
            if slug and channel is None:
                continue
            for row in collections_visible_to(user=user, channel=channel).filter(pk__in=pks):
                mark_channel_slug(row, slug)
                found[(row.pk, slug)] = row
        return [found.get(key) for key in keys]


class VisibleCollectionsByProductLoader(BaseLoader[tuple[int, str | None], list[Collection]]):
    """The collections of a product the viewer may see in the channel (slug) of the key,
    in the collections' order; one query per channel."""

    def batch_load(self, keys: Sequence[tuple[int, str | None]]) -> list[list[Collection]]:
        user = getattr(self.context, "user", None)
        by_channel: dict[str | None, set[int]] = defaultdict(set)
        for pk, slug in keys:
            by_channel[slug].add(pk)
        found: dict[tuple[int, str | None], list[Collection]] = defaultdict(list)
        for slug, pks in by_channel.items():
            channel = Channel.objects.filter(slug=slug).first() if slug else None
            if slug and channel is None:
                continue
            visible = collections_visible_to(user=user, channel=channel)
            rows = CollectionProduct.objects.filter(
                product_id__in=pks, collection__in=visible
            ).select_related("collection")
            for row in rows.order_by("collection__name", "collection_id"):
                mark_channel_slug(row.collection, slug)
                found[(row.product_id, slug)].append(row.collection)
        return [found.get(key, []) for key in keys]


class VisiblePageLoader(BaseLoader[int, Page | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Page | None]:
        user = getattr(self.context, "user", None)
        found = {row.pk: row for row in pages_visible_to(user=user).filter(pk__in=keys)}
        return [found.get(key) for key in keys]


class PageTypeByIdLoader(BaseLoader[int, PageType | None]):
    def batch_load(self, keys: Sequence[int]) -> list[PageType | None]:
        found = {row.pk: row for row in PageType.objects.filter(pk__in=keys)}
        return [found.get(key) for key in keys]


class CollectionListingsByCollectionIdLoader(BaseLoader[int, list[CollectionChannelListing]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[CollectionChannelListing]]:
        rows = CollectionChannelListing.objects.filter(collection_id__in=keys).order_by("pk")
        return grouped(rows, "collection_id", keys)


def _translations(model: type[Translation], fk: str, keys: Sequence[tuple[int, str]]) -> list[Any]:
    rows = model._default_manager.filter(
        **{f"{fk}__in": {key[0] for key in keys}},
        language_code__in={key[1] for key in keys},
    )
    found = {(getattr(row, fk), row.language_code): row for row in rows}
    return [found.get(key) for key in keys]


class CollectionTranslationLoader(BaseLoader[tuple[int, str], Any]):
    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[Any]:
        return _translations(CollectionTranslation, "collection_id", keys)


class PageTranslationLoader(BaseLoader[tuple[int, str], Any]):
    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[Any]:
        return _translations(PageTranslation, "page_id", keys)


class MenuItemTranslationLoader(BaseLoader[tuple[int, str], Any]):
    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[Any]:
        return _translations(MenuItemTranslation, "menu_item_id", keys)
