from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import ProductType as ProductTypeModel
from storefront_api.catalog.mutations.attribute_common import (
    ProductAttributeAssignInput,
    attributes_by_ids,
    global_error_ids,
    require_platform_staff,
)
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.mutations.product_type_create import enum_value
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductAttributeAssign(BaseMutation):
    product_type = graphene.Field(ProductType, description="The updated product type.")

    class Arguments:
        operations = graphene.List(
            graphene.NonNull(ProductAttributeAssignInput),
            required=True,
            description="The operations to perform.",
        )
        product_type_id = graphene.ID(
            required=True, description="ID of the product type to assign the attributes into."
        )

    class Meta:
        description = "Assign attributes to a given product type. Requires platform staff."
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
        operations: list[dict],
        product_type_id: str,
    ) -> ProductAttributeAssign:
        require_platform_staff(info)
        product_type = get_node(
            ProductTypeModel.objects.all(),
            product_type_id,
            only_type="ProductType",
            field="product_type_id",
        )
        with global_error_ids():
            attributes = attributes_by_ids(
                [operation["id"] for operation in operations], field="operations"
            )
            product_level, variant_level = [], []
            for operation, attribute in zip(operations, attributes, strict=True):
                selection = bool(operation.get("variant_selection"))
                if enum_value(operation["type"]) == "variant":
                    variant_level.append((attribute, selection))
                elif selection:
                    raise ValidationError(
                        {
                            "operations": ValidationError(
                                _(
                                    "Attribute with a different type than VARIANT cannot "
                                    "be assigned with variant_selection: true."
                                ),
                                code=ProductErrorCode.ATTRIBUTE_CANNOT_BE_ASSIGNED.value,
                                params={"attributes": [attribute.pk]},
                            )
                        }
                    )
                else:
                    product_level.append(attribute)
            attribute_services.product_type_attributes_assign(
                product_type=product_type,
                product_attributes=product_level,
                variant_attributes=variant_level,
            )
        return cls(product_type=product_type)
