"""Root fields of channels, warehouses, cooperatives, producers and village hubs."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import selectors
from storefront_api.channels.schema import ChannelMutations, ChannelQueries
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs import access
from storefront_api.village_hubs.mutations.cooperative_create import CooperativeCreate
from storefront_api.village_hubs.mutations.cooperative_staff_add import CooperativeStaffAdd
from storefront_api.village_hubs.mutations.cooperative_update import CooperativeUpdate
from storefront_api.village_hubs.mutations.hub_operator_add import HubOperatorAdd
from storefront_api.village_hubs.mutations.hub_supply_set import HubSupplySet
from storefront_api.village_hubs.mutations.producer_create import ProducerCreate
from storefront_api.village_hubs.mutations.producer_update import ProducerUpdate
from storefront_api.village_hubs.mutations.village_hub_create import VillageHubCreate
from storefront_api.village_hubs.mutations.village_hub_opening_hours_set import (
    VillageHubOpeningHoursSet,
)
from storefront_api.village_hubs.mutations.village_hub_update import VillageHubUpdate
from storefront_api.village_hubs.types import (
    Cooperative,
    CooperativeCountableConnection,
    Producer,
    ProducerCountableConnection,
    VillageHub,
    VillageHubCountableConnection,
)
from storefront_api.village_hubs.utils import exactly_one_of
from storefront_api.warehouses.schema import WarehouseMutations, WarehouseQueries


def _pk(value: str, type_name: str) -> int:
    return decode_int_pk(value, only_type=type_name)


# The channel and warehouse fields come first, as they did when they were declared here.
class VillageHubQueries(WarehouseQueries, ChannelQueries, graphene.ObjectType):
    cooperative = graphene.Field(
        Cooperative,
        id=graphene.ID(required=True, description="ID of the cooperative."),
        description="Look up a cooperative by ID.",
    )
    cooperatives = graphene.Field(
        CooperativeCountableConnection,
        description="List of cooperatives, by name.",
        **connection_args(),
    )
    producer = graphene.Field(
        Producer,
        id=graphene.ID(required=True, description="ID of the producer."),
        description="Look up a producer by ID.",
    )
    producers = graphene.Field(
        ProducerCountableConnection,
        cooperative=graphene.ID(description="Only producers of this cooperative."),
        description="List of producers, by name.",
        **connection_args(),
    )
    village_hub = graphene.Field(
        VillageHub,
        id=graphene.ID(description="ID of the village hub."),
        slug=graphene.String(description="Slug of the village hub."),
        description="Look up a village hub by ID or slug.",
    )
    village_hubs = graphene.Field(
        VillageHubCountableConnection,
        description="List of village hubs, by slug.",
        **connection_args(),
    )

    @staticmethod
    def resolve_cooperative(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        visible = selectors.cooperatives_visible_to(access.viewer(info))
        return visible.filter(pk=_pk(id, "Cooperative")).first()

    @staticmethod
    def resolve_cooperatives(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        visible = selectors.cooperatives_visible_to(access.viewer(info))
        return resolve_connection(visible, info, args, CooperativeCountableConnection)

    @staticmethod
    def resolve_producer(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        visible = selectors.producers_visible_to(access.viewer(info))
        return visible.filter(pk=_pk(id, "Producer")).first()

    @staticmethod
    def resolve_producers(
        root: Any, info: graphene.ResolveInfo, cooperative: str | None = None, **args: Any
    ) -> Any:
        visible = selectors.producers_visible_to(access.viewer(info))
        if cooperative is not None:
            visible = visible.filter(cooperative_id=_pk(cooperative, "Cooperative"))
        return resolve_connection(visible, info, args, ProducerCountableConnection)

    @staticmethod
    def resolve_village_hub(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Any:
        exactly_one_of(id=id, slug=slug)
        visible = selectors.hubs_visible_to(access.viewer(info))
        if id is not None:
            return visible.filter(pk=_pk(id, "VillageHub")).first()
        return visible.filter(slug=slug).first()

    @staticmethod
    def resolve_village_hubs(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        visible = selectors.hubs_visible_to(access.viewer(info))
        return resolve_connection(visible, info, args, VillageHubCountableConnection)


class VillageHubMutations(WarehouseMutations, ChannelMutations, graphene.ObjectType):
    cooperative_create = CooperativeCreate.Field()
    cooperative_update = CooperativeUpdate.Field()
    cooperative_staff_add = CooperativeStaffAdd.Field()
    producer_create = ProducerCreate.Field()
    producer_update = ProducerUpdate.Field()
    village_hub_create = VillageHubCreate.Field()
    village_hub_update = VillageHubUpdate.Field()
    village_hub_opening_hours_set = VillageHubOpeningHoursSet.Field()
    hub_operator_add = HubOperatorAdd.Field()
    hub_supply_set = HubSupplySet.Field()
