"""Warehouse queries and mutations (Saleor's ``warehouse``/``warehouses``,
``createWarehouse``/``updateWarehouse``); the root composes them through
``VillageHubQueries``."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.warehouses import selectors as warehouse_selectors
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import MetadataFilter, metadata_q, sort_order
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value
from storefront_api.warehouses.enums import WarehouseClickAndCollectOptionEnum
from storefront_api.warehouses.mutations.warehouse_create import WarehouseCreate
from storefront_api.warehouses.mutations.warehouse_update import WarehouseUpdate
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
        queryset = queryset.filter(
            pk__in=[decode_int_pk(value, only_type="Warehouse") for value in data["ids"]]
        )
    if data.get("channels") is not None:
        channel_pks = [decode_int_pk(value, only_type="Channel") for value in data["channels"]]
        queryset = queryset.filter(channels__in=channel_pks).distinct()
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


class WarehouseQueries(graphene.ObjectType):
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
        return manageable.filter(pk=decode_int_pk(id, only_type="Warehouse")).first()

    @staticmethod
    def resolve_warehouses(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        _require_management_role(info)
        queryset = warehouse_selectors.warehouses_manageable_by(access.viewer(info))
        queryset = _filter_warehouses(queryset, dict(args.get("filter") or {}))
        order = sort_order(args.get("sort_by"), {"name": ["name", "slug"]}, ["slug"])
        return resolve_connection(
            queryset, info, args, WarehouseCountableConnection, order_by=order
        )


class WarehouseMutations(graphene.ObjectType):
    create_warehouse = WarehouseCreate.Field()
    update_warehouse = WarehouseUpdate.Field()
