from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import ProductType as ProductTypeModel
from storefront_api.catalog.mutations.attribute_common import require_platform_staff
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductAttributeUnassign(BaseMutation):
    product_type = graphene.Field(ProductType, description="The updated product type.")

    class Arguments:
        attribute_ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="The IDs of the attributes to unassign.",
        )
        product_type_id = graphene.ID(
            required=True,
            description="ID of the product type from which the attributes should be unassigned.",
        )

    class Meta:
        description = (
            "Un-assign attributes from a given product type; the type's products and "
            "variants lose those attributes' values. Requires platform staff."
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
        attribute_ids: list[str],
        product_type_id: str,
    ) -> ProductAttributeUnassign:
        require_platform_staff(info)
        product_type = get_node(
            ProductTypeModel.objects.all(),
            product_type_id,
            only_type="ProductType",
            field="product_type_id",
        )
        pks = [
            decode_int_pk(value, only_type="Attribute", field="attribute_id")
            for value in attribute_ids
        ]
        attribute_services.product_type_attributes_unassign(
            product_type=product_type, attributes=list(AttributeModel.objects.filter(pk__in=pks))
        )
        return cls(product_type=product_type)
