from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from storefront_api.catalog.mutations.product_update import product_to_manage
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.products import Product
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductDelete(BaseMutation):
    product = graphene.Field(Product, description="The deleted product.")

    class Arguments:
        id = graphene.ID(description="ID of a product to delete.")

    class Meta:
        description = (
            "Deletes a product with its variants, prices, stock and media. Requires staff of "
            "the product's cooperative or platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str | None = None
    ) -> ProductDelete:
        product = product_to_manage(info, id or "")
        pk = product.pk
        services.product_delete(product=product)
        product.pk = pk  # the payload still names the deleted product
        return cls(product=product)
