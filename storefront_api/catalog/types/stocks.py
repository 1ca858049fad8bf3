"""``Stock``: a variant's quantity in a warehouse."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.warehouses.models import Stock as StockModel
from storefront_api.catalog.dataloaders import VariantByIdLoader
from storefront_api.warehouses.dataloaders import WarehouseByIdLoader
from storefront_api.warehouses.types import Warehouse


class Stock(graphene.ObjectType):
    warehouse = graphene.Field(Warehouse, required=True, description="The warehouse.")
    product_variant = graphene.Field(
        "storefront_api.catalog.types.variants.ProductVariant",
        required=True,
        description="The variant.",
    )
    quantity = graphene.Int(required=True, description="Units in the warehouse.")
    quantity_allocated = graphene.Int(
        required=True, description="Units allocated to orders not yet fulfilled."
    )
    quantity_reserved = graphene.Int(
        required=True, description="Units reserved by checkouts (always 0 for now)."
    )

    class Meta:
        description = "Stock of a variant in a warehouse."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, StockModel)

    @staticmethod
    def resolve_warehouse(root: StockModel, info: graphene.ResolveInfo) -> Any:
        return WarehouseByIdLoader(info.context).load_from(root, key=lambda s: s.warehouse_id)

    @staticmethod
    def resolve_product_variant(root: StockModel, info: graphene.ResolveInfo) -> Any:
        return VariantByIdLoader(info.context).load_from(root, key=lambda s: s.product_variant_id)

    @staticmethod
    def resolve_quantity_reserved(root: StockModel, info: graphene.ResolveInfo) -> int:
        return 0
