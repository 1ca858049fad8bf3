"""Batch loaders of warehouses (per request, see :mod:`storefront_api.core.dataloaders`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from marketplace.warehouses.models import Warehouse
from storefront_api.core.dataloaders import BaseLoader, by_pk


class WarehouseByIdLoader(BaseLoader[int, Warehouse | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Warehouse | None]:
        return by_pk(Warehouse.objects.filter(pk__in=keys), keys)


class WarehousesByChannelIdLoader(BaseLoader[int, list[Warehouse]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Warehouse]]:
        through = Warehouse.channels.through
        links = through.objects.filter(channel_id__in=keys).select_related("warehouse")
        by_channel: dict[int, list[Warehouse]] = defaultdict(list)
        for link in links.order_by("warehouse__slug", "warehouse_id"):
            by_channel[link.channel_id].append(link.warehouse)
        return [by_channel[key] for key in keys]
