"""Batch loaders of villages, cooperatives, producers, hubs, channels and warehouses.

Each loads the keys of a whole list of siblings in one query (see
:mod:`storefront_api.core.dataloaders`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from marketplace.regions.models import Village
from marketplace.village_hubs import selectors
from marketplace.village_hubs.models import (
    Cooperative,
    HubOpeningHours,
    HubSupply,
    Producer,
    VillageHub,
)
from marketplace.warehouses.models import Warehouse
from storefront_api.core.dataloaders import BaseLoader, by_pk
from storefront_api.village_hubs.access import is_platform_staff, scope_ids


class VillageByCodeLoader(BaseLoader[str, Village | None]):
    def batch_load(self, keys: Sequence[str]) -> list[Village | None]:
        rows = Village.objects.select_related("district__regency__province").filter(code__in=keys)
        return by_pk(rows, keys)


class CooperativeByIdLoader(BaseLoader[int, Cooperative | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Cooperative | None]:
        return by_pk(Cooperative.objects.filter(pk__in=keys), keys)


class VillageHubByIdLoader(BaseLoader[int, VillageHub | None]):
    def batch_load(self, keys: Sequence[int]) -> list[VillageHub | None]:
        return by_pk(VillageHub.objects.filter(pk__in=keys), keys)


class VillageHubByChannelIdLoader(BaseLoader[int, VillageHub | None]):
    def batch_load(self, keys: Sequence[int]) -> list[VillageHub | None]:
        found = {hub.channel_id: hub for hub in VillageHub.objects.filter(channel_id__in=keys)}
        return [found.get(key) for key in keys]


class PickupPointsByHubIdLoader(BaseLoader[int, list[Warehouse]]):
    """A hub's pickup points: public ones, and private ones too for its operators."""

    def batch_load(self, keys: Sequence[int]) -> list[list[Warehouse]]:
        rows = Warehouse.objects.filter(village_hub_id__in=keys)
        if not is_platform_staff(self.context.user):
            operated = scope_ids(self.context, "hubs")
            rows = rows.filter(Q(is_private=False) | Q(village_hub_id__in=operated))
        by_hub: dict[int | None, list[Warehouse]] = defaultdict(list)
        for row in rows.order_by("slug", "pk"):
            by_hub[row.village_hub_id].append(row)
        return [by_hub[key] for key in keys]


class OpeningHoursByHubIdLoader(BaseLoader[int, list[HubOpeningHours]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[HubOpeningHours]]:
        by_hub: dict[int, list[HubOpeningHours]] = defaultdict(list)
        for row in HubOpeningHours.objects.filter(hub_id__in=keys).order_by(
            "weekday", "opens", "pk"
        ):
            by_hub[row.hub_id].append(row)
        return [by_hub[key] for key in keys]


class SupplyingCooperativesByHubIdLoader(BaseLoader[int, list[Cooperative]]):
    """Cooperatives listed in a hub, visible to the viewer, by name."""

    def batch_load(self, keys: Sequence[int]) -> list[list[Cooperative]]:
        visible = selectors.cooperatives_visible_to(self.context.user)
        links = (
            HubSupply.objects.filter(hub_id__in=keys, cooperative__in=visible)
            .select_related("cooperative")
            .order_by("cooperative__name", "cooperative_id")
        )
        by_hub: dict[int, list[Cooperative]] = defaultdict(list)
        for link in links:
            by_hub[link.hub_id].append(link.cooperative)
        return [by_hub[key] for key in keys]


class HubsByCooperativeIdLoader(BaseLoader[int, list[VillageHub]]):
    """Hubs a cooperative supplies, visible to the viewer, by slug."""

    def batch_load(self, keys: Sequence[int]) -> list[list[VillageHub]]:
        visible = selectors.hubs_visible_to(self.context.user)
        links = (
            HubSupply.objects.filter(cooperative_id__in=keys, hub__in=visible)
            .select_related("hub")
            .order_by("hub__slug", "hub_id")
        )
        by_cooperative: dict[int, list[VillageHub]] = defaultdict(list)
        for link in links:
            by_cooperative[link.cooperative_id].append(link.hub)
        return [by_cooperative[key] for key in keys]


# Producers of a cooperative, paginated like ``resolve_connection`` with the model's order.
PRODUCER_ORDER = ("name", "pk")

ProducerPageKey = tuple[int, int]  # (cooperative id, first)


class ProducerPageByCooperativeIdLoader(BaseLoader[ProducerPageKey, list[Producer]]):
    """The first ``n + 1`` visible producers of each cooperative (one window query per
    page size); the extra row tells whether there is a next page."""

    def batch_load(self, keys: Sequence[ProducerPageKey]) -> list[list[Producer]]:
        by_size: dict[int, list[int]] = defaultdict(list)
        for cooperative_id, first in keys:
            by_size[first].append(cooperative_id)
        pages: dict[ProducerPageKey, list[Producer]] = defaultdict(list)
        visible = selectors.producers_visible_to(self.context.user)
        for first, cooperative_ids in by_size.items():
            rows = (
                visible.filter(cooperative_id__in=cooperative_ids)
                .annotate(
                    position=Window(
                        RowNumber(),
                        partition_by=[F("cooperative_id")],
                        order_by=[F("name").asc(), F("pk").asc()],
                    )
                )
                .filter(position__lte=first + 1)
                .order_by("cooperative_id", "position")
            )
            for row in rows:
                pages[(row.cooperative_id, first)].append(row)
        return [pages[key] for key in keys]


class ProducerCountByCooperativeIdLoader(BaseLoader[int, int]):
    def batch_load(self, keys: Sequence[int]) -> list[int]:
        counts = dict(
            selectors.producers_visible_to(self.context.user)
            .filter(cooperative_id__in=keys)
            .values_list("cooperative_id")
            .annotate(total=Count("pk"))
            .values_list("cooperative_id", "total")
        )
        return [counts.get(key, 0) for key in keys]
