"""Warehouses with Saleor's shape: a hub's pickup points and a cooperative's stores."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.accounts.address import Address, warehouse_address
from storefront_api.core.connection import CountableConnection
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Error, plain
from storefront_api.village_hubs.dataloaders import (
    CooperativeByIdLoader,
    VillageByCodeLoader,
    VillageHubByIdLoader,
)
from storefront_api.warehouses.enums import WarehouseClickAndCollectOptionEnum, WarehouseErrorCode


class Warehouse(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Warehouse name.")
    slug = graphene.String(required=True, description="Warehouse slug.")
    email = graphene.String(required=True, description="Warehouse email.")
    is_private = graphene.Boolean(required=True, description="Whether the warehouse is private.")
    address = graphene.Field(Address, required=True, description="Address of the warehouse.")
    click_and_collect_option = WarehouseClickAndCollectOptionEnum(
        required=True, description="Click and collect options: local, all or disabled."
    )
    village_hub = graphene.Field(
        "storefront_api.village_hubs.types.VillageHub",
        description="The village hub this warehouse is a pickup point of.",
    )
    cooperative = graphene.Field(
        "storefront_api.village_hubs.types.Cooperative",
        description="The cooperative owning this warehouse.",
    )

    company_name = graphene.String(
        required=True,
        description="Warehouse company name.",
        deprecation_reason="Use `Address.companyName` instead.",
    )
    external_reference = graphene.String(
        description="External ID of this warehouse (Lumbung keeps none: always null).",
        resolver=lambda root, info: None,
    )
    shipping_zones = graphene.Field(
        graphene.NonNull("storefront_api.shipping.zones.ShippingZoneCountableConnection"),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        description="Shipping zones supported by the warehouse: the zones of its channels.",
    )

    @staticmethod
    def resolve_shipping_zones(
        root: WarehouseModel, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        from storefront_api.shipping.zones import resolve_warehouse_shipping_zones

        return resolve_warehouse_shipping_zones(root, info, args)

    class Meta:
        description = "Represents warehouse."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, WarehouseModel)

    @staticmethod
    def resolve_click_and_collect_option(root: WarehouseModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.click_and_collect_option)

    @staticmethod
    def resolve_address(root: WarehouseModel, info: graphene.ResolveInfo) -> Address:
        village = VillageByCodeLoader(info.context).load_from(root, key=lambda w: w.village_id)
        assert village is not None  # a PROTECTed foreign key: the village exists
        return warehouse_address(root, village)

    @staticmethod
    def resolve_company_name(root: WarehouseModel, info: graphene.ResolveInfo) -> str:
        return ""  # as its address's companyName: pickup points have none

    @staticmethod
    def resolve_village_hub(root: WarehouseModel, info: graphene.ResolveInfo) -> Any:
        if root.village_hub_id is None:
            return None
        return VillageHubByIdLoader(info.context).load_from(root, key=lambda w: w.village_hub_id)

    @staticmethod
    def resolve_cooperative(root: WarehouseModel, info: graphene.ResolveInfo) -> Any:
        if root.cooperative_id is None:
            return None
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda w: w.cooperative_id)


class WarehouseCountableConnection(CountableConnection):
    class Meta:
        node = Warehouse


class WarehouseError(Error):
    code = WarehouseErrorCode(required=True, description="The error code.")
