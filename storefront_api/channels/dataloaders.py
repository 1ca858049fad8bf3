"""Batch loaders of channels (per request, see :mod:`storefront_api.core.dataloaders`)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.channels.models import Channel
from storefront_api.core.dataloaders import BaseLoader, by_pk
from storefront_api.core.prepared import KeyedQuery

_BY_ID = KeyedQuery(Channel.objects.all, "pk")
_BY_SLUG = KeyedQuery(Channel.objects.all, "slug")


class ChannelByIdLoader(BaseLoader[int, Channel | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Channel | None]:
        return by_pk(_BY_ID.fetch(keys), keys)


class ChannelBySlugLoader(BaseLoader[str, Channel | None]):
    def batch_load(self, keys: Sequence[str]) -> list[Channel | None]:
        found = {channel.slug: channel for channel in _BY_SLUG.fetch(keys)}
        return [found.get(key) for key in keys]
