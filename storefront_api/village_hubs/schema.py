"""Root fields of channels, warehouses, cooperatives, producers and village hubs."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.channels.models import Channel as ChannelModel
from marketplace.village_hubs import selectors
from marketplace.warehouses import selectors as warehouse_selectors
from storefront_api.channels.types import Channel
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import MetadataFilter, metadata_q, sort_order
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs import access
from storefront_api.village_hubs.enums import WarehouseClickAndCollectOptionEnum
from storefront_api.village_hubs.mutations.channel_create import ChannelCreate
from storefront_api.village_hubs.mutations.channel_update import ChannelUpdate
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
from storefront_api.village_hubs.mutations.warehouse_create import WarehouseCreate
from storefront_api.village_hubs.mutations.warehouse_update import WarehouseUpdate
from storefront_api.village_hubs.types import (
    Cooperative,
    CooperativeCountableConnection,
    Producer,
    ProducerCountableConnection,
    VillageHub,
    VillageHubCountableConnection,
)
from storefront_api.village_hubs.utils import enum_value
from storefront_api.warehouses.types import Warehouse, WarehouseCountableConnection


class WarehouseFilterInput(graphene.InputObjectType):
    click_and_collect_option = WarehouseClickAndCollectOptionEnum(
        description="Only warehouses with this click-and-collect option."
    )
    search = graphene.String(description="Search by name, slug or e-mail.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Only these warehouses.")
    is_private = graphene.Boolean(description="Only private or only public warehouses.")
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="Only warehouses serving these channels."
    )
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Only these slugs.")
    metadata = graphene.List(
        graphene.NonNull(MetadataFilter),
        description="Filter by metadata (Lumbung's warehouses carry none: matches none).",
    )


class WarehouseSortField(graphene.Enum):
    NAME = "name"

    @property
    def description(self) -> str:
        return "Sort warehouses by name."


class WarehouseSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort warehouses."
    )
    field = WarehouseSortField(required=True, description="Sort warehouses by the selected field.")


def _one_of(**args: Any) -> None:
    given = [name for name, value in args.items() if value is not None]
    if len(given) != 1:
        raise GraphQLError(
            _("Exactly one of %(names)s must be given.") % {"names": ", ".join(args)}
        )


def _pk(value: str, type_name: str) -> int:
    return decode_int_pk(value, only_type=type_name)


def _require_management_role(info: graphene.ResolveInfo) -> None:
    """Warehouses are back-office data (Saleor: MANAGE_PRODUCTS and co.): platform staff,
    hub operators and cooperative staff."""
    user = access.require_signed_in(info)
    if access.is_platform_staff(user):
        return
    access.require(bool(access.managed_cooperative_ids(info) or access.operated_hub_ids(info)))


def _filter_warehouses(queryset: Any, data: dict[str, Any]) -> Any:
    if data.get("click_and_collect_option") is not None:
        queryset = queryset.filter(
            click_and_collect_option=enum_value(data["click_and_collect_option"])
        )
    if data.get("is_private") is not None:
        queryset = queryset.filter(is_private=data["is_private"])
    if data.get("search"):
        term = data["search"].strip()
        queryset = queryset.filter(
            Q(name__icontains=term) | Q(slug__icontains=term) | Q(email__icontains=term)
        )
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=[_pk(value, "Warehouse") for value in data["ids"]])
    if data.get("channels") is not None:
        channel_pks = [_pk(value, "Channel") for value in data["channels"]]
        queryset = queryset.filter(channels__in=channel_pks).distinct()
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


class VillageHubQueries(graphene.ObjectType):
    channel = graphene.Field(
        Channel,
        id=graphene.ID(description="ID of the channel."),
        slug=graphene.String(description="Slug of the channel."),
        description="Look up a channel by ID or slug.",
    )
    channels = graphene.List(
        graphene.NonNull(Channel),
        description="List of all channels. Requires platform staff; hub operators see "
        "their hubs' channels.",
    )
    warehouse = graphene.Field(
        Warehouse,
        id=graphene.ID(description="ID of a warehouse."),
        external_reference=graphene.String(
            description="External ID of a warehouse. Lumbung stores none: nothing is found by one."
        ),
        description="Look up a warehouse by ID. Requires platform staff, a hub operator or "
        "cooperative staff.",
    )
    warehouses = graphene.Field(
        WarehouseCountableConnection,
        filter=WarehouseFilterInput(description="Filtering options for warehouses."),
        sort_by=WarehouseSortingInput(description="Sort warehouses."),
        description="List of warehouses the requestor manages.",
        **connection_args(),
    )
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
    def resolve_channel(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Any:
        _one_of(id=id, slug=slug)
        if id is not None:
            return ChannelModel.objects.filter(pk=_pk(id, "Channel")).first()
        return ChannelModel.objects.filter(slug=slug).first()

    @staticmethod
    def resolve_channels(root: Any, info: graphene.ResolveInfo) -> Any:
        user = access.require_signed_in(info)
        if access.is_platform_staff(user):
            return list(ChannelModel.objects.all())
        hub_channels = selectors.hubs_operated_by(user).values("channel")
        channels = list(ChannelModel.objects.filter(pk__in=hub_channels))
        access.require(bool(channels))
        return channels

    @staticmethod
    def resolve_warehouse(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        external_reference: str | None = None,
    ) -> Any:
        _require_management_role(info)
        if id is None and external_reference is not None:
            return None  # Lumbung's warehouses have no external references
        if id is None:
            raise GraphQLError(_("Provide the warehouse ID."))
        manageable = warehouse_selectors.warehouses_manageable_by(access.viewer(info))
        return manageable.filter(pk=_pk(id, "Warehouse")).first()

    @staticmethod
    def resolve_warehouses(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        _require_management_role(info)
        queryset = warehouse_selectors.warehouses_manageable_by(access.viewer(info))
        queryset = _filter_warehouses(queryset, dict(args.get("filter") or {}))
        order = sort_order(args.get("sort_by"), {"name": ["name", "slug"]}, ["slug"])
        return resolve_connection(
            queryset, info, args, WarehouseCountableConnection, order_by=order
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
        _one_of(id=id, slug=slug)
        visible = selectors.hubs_visible_to(access.viewer(info))
        if id is not None:
            return visible.filter(pk=_pk(id, "VillageHub")).first()
        return visible.filter(slug=slug).first()

    @staticmethod
    def resolve_village_hubs(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        visible = selectors.hubs_visible_to(access.viewer(info))
        return resolve_connection(visible, info, args, VillageHubCountableConnection)


class VillageHubMutations(graphene.ObjectType):
    channel_create = ChannelCreate.Field()
    channel_update = ChannelUpdate.Field()
    create_warehouse = WarehouseCreate.Field()
    update_warehouse = WarehouseUpdate.Field()
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
