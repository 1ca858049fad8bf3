from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from storefront_api.catalog.mutations.product_variant_update import variant_to_manage
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductVariantDelete(BaseMutation):
    product_variant = graphene.Field(ProductVariant, description="The deleted variant.")

    class Arguments:
        id = graphene.ID(description="ID of a product variant to delete.")
        sku = graphene.String(description="SKU of a product variant to delete.")

    class Meta:
        description = (
            "Deletes a product variant with its prices and stock. Requires staff of the "
            "product's cooperative or platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        id: str | None = None,
        sku: str | None = None,
    ) -> ProductVariantDelete:
        variant = variant_to_manage(info, id, sku)
        pk = variant.pk
        services.product_variant_delete(variant=variant)
        variant.pk = pk  # the payload still names the deleted variant
        return cls(product_variant=variant)
