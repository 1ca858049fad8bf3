"""Inputs of the warehouse mutations."""

from __future__ import annotations

import graphene

from storefront_api.accounts.address import AddressInput
from storefront_api.core.types import VILLAGE_CODE_DESCRIPTION
from storefront_api.warehouses.enums import WarehouseClickAndCollectOptionEnum


class _WarehouseInputBase(graphene.InputObjectType):
    slug = graphene.String(description="Warehouse slug.")
    email = graphene.String(description="The email address of the warehouse.")
    village_code = graphene.String(
        description=VILLAGE_CODE_DESCRIPTION + " Region fields of the address follow from it; "
        "defaults to the village of the hub or cooperative."
    )


class WarehouseCreateInput(_WarehouseInputBase):
    name = graphene.String(required=True, description="Warehouse name.")
    address = graphene.InputField(
        AddressInput, required=True, description="Address of the warehouse."
    )
    village_hub = graphene.ID(
        description="Village hub the warehouse is a pickup point of (click and collect)."
    )
    cooperative = graphene.ID(description="Cooperative owning the warehouse.")


class WarehouseUpdateInput(_WarehouseInputBase):
    name = graphene.String(description="Warehouse name.")
    address = graphene.InputField(AddressInput, description="Address of the warehouse.")
    click_and_collect_option = WarehouseClickAndCollectOptionEnum(
        description="Click and collect options: local, all or disabled."
    )
    is_private = graphene.Boolean(description="Visibility of warehouse stocks.")
