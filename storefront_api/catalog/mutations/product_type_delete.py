from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.models import ProductType as ProductTypeModel
from storefront_api.catalog.mutations.attribute_common import require_platform_staff
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductTypeDelete(BaseMutation):
    product_type = graphene.Field(ProductType, description="The deleted product type.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product type to delete.")

    class Meta:
        description = (
            "Deletes a product type no product uses (Saleor would delete its products; "
            "Lumbung refuses with INVALID). Requires platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> ProductTypeDelete:
        require_platform_staff(info)
        product_type = get_node(
            ProductTypeModel.objects.all(), id, only_type="ProductType", field="id"
        )
        pk = product_type.pk
        attribute_services.product_type_delete(product_type=product_type)
        product_type.pk = pk  # the payload still names the deleted product type
        return cls(product_type=product_type)
