"""Enums of warehouses (Saleor's names)."""

from __future__ import annotations

import graphene

from marketplace.warehouses import error_codes as warehouse_error_codes
from marketplace.warehouses.models import ClickAndCollectOption
from storefront_api.core.enums import to_graphene_enum

WarehouseErrorCode = to_graphene_enum(warehouse_error_codes.WarehouseErrorCode)
WarehouseClickAndCollectOptionEnum = graphene.Enum(
    "WarehouseClickAndCollectOptionEnum",
    [
        ("DISABLED", ClickAndCollectOption.DISABLED.value),
        ("LOCAL", ClickAndCollectOption.LOCAL_STOCK.value),
        ("ALL", ClickAndCollectOption.ALL_WAREHOUSES.value),
    ],
    description="Whether the warehouse is a click-and-collect pickup point, and for which stock.",
)
