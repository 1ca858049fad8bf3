from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from storefront_api.catalog.mutations.attribute_common import (
    ProductTypeInput,
    attributes_by_ids,
    global_error_ids,
    require_platform_staff,
)
from storefront_api.catalog.mutations.common import parse_weight
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


class ProductTypeCreate(BaseMutation):
    product_type = graphene.Field(ProductType, description="The created product type.")

    class Arguments:
        input = ProductTypeInput(
            required=True, description="Fields required to create a product type."
        )

    class Meta:
        description = "Creates a new product type. Requires platform staff."
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> ProductTypeCreate:
        require_platform_staff(info)
        with global_error_ids():
            product_attributes = attributes_by_ids(
                input.get("product_attributes") or [], field="product_attributes"
            )
            variant_attributes = attributes_by_ids(
                input.get("variant_attributes") or [], field="variant_attributes"
            )
            product_type = attribute_services.product_type_create(
                name=input.get("name") or "",
                slug=input.get("slug") or None,
                kind=enum_value(input.get("kind")) or "normal",
                has_variants=input.get("has_variants", True) is not False,
                is_shipping_required=input.get("is_shipping_required", True) is not False,
                weight_grams=parse_weight(input.get("weight")),
                product_attributes=product_attributes,
                variant_attributes=variant_attributes,
            )
        return cls(product_type=product_type)
