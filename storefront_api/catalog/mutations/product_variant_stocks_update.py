from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.warehouses import services as warehouse_services
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.catalog.mutations.common import StockInput
from storefront_api.catalog.mutations.product_variant_update import variant_to_manage
from storefront_api.catalog.types.errors import BulkStockError
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def warehouses_of(stocks: list[dict[str, Any]]) -> list[tuple[WarehouseModel, Any]]:
    """``(warehouse, quantity)`` for each ``StockInput``; unknown warehouses are
    ``NOT_FOUND`` errors carrying the item's ``index``."""
    pks = []
    for index, item in enumerate(stocks):
        try:
            pks.append(decode_int_pk(item["warehouse"], only_type="Warehouse", field="warehouse"))
        except ValidationError as exc:
            error = exc.error_dict["warehouse"][0]
            raise ValidationError(
                {
                    "warehouse": ValidationError(
                        error.message, code=error.code, params={"index": index}
                    )
                }
            ) from None
    found = {warehouse.pk: warehouse for warehouse in WarehouseModel.objects.filter(pk__in=pks)}
    result = []
    for index, (pk, item) in enumerate(zip(pks, stocks, strict=True)):
        if pk not in found:
            raise ValidationError(
                {
                    "warehouse": ValidationError(
                        _("Couldn't resolve to a node: %(id)s") % {"id": item["warehouse"]},
                        code=ProductErrorCode.NOT_FOUND.value,
                        params={"index": index},
                    )
                }
            )
        result.append((found[pk], item["quantity"]))
    return result


class ProductVariantStocksUpdate(BaseMutation):
    product_variant = graphene.Field(ProductVariant, description="Updated product variant.")

    class Arguments:
        variant_id = graphene.ID(
            description="ID of a product variant for which stocks will be updated."
        )
        sku = graphene.String(
            description="SKU of product variant for which stocks will be updated."
        )
        stocks = graphene.List(
            graphene.NonNull(StockInput),
            required=True,
            description="Input list of stocks to create or update.",
        )

    class Meta:
        description = (
            "Sets the variant's quantity in each given warehouse. Requires staff of the "
            "product's cooperative (in warehouses it may stock into) or platform staff."
        )
        error_type_class = BulkStockError
        error_type_field = "bulk_stock_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        stocks: list[dict[str, Any]],
        variant_id: str | None = None,
        sku: str | None = None,
    ) -> ProductVariantStocksUpdate:
        variant = variant_to_manage(info, variant_id, sku, field="variantId")
        warehouse_services.product_variant_stocks_update(
            variant=variant, stocks=warehouses_of(stocks)
        )
        return cls(product_variant=variant)
