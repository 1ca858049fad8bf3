from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.models import ProductType as ProductTypeModel
from storefront_api.catalog.mutations.attribute_common import (
    ProductTypeInput,
    attributes_by_ids,
    global_error_ids,
    require_platform_staff,
)
from storefront_api.catalog.mutations.common import get_node, parse_weight
from storefront_api.catalog.mutations.product_type_create import enum_value
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductTypeUpdate(BaseMutation):
    product_type = graphene.Field(ProductType, description="The updated product type.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product type to update.")
        input = ProductTypeInput(
            required=True, description="Fields required to update a product type."
        )

    class Meta:
        description = (
            "Updates an existing product type; `productAttributes` / `variantAttributes` "
            "replace the attributes assigned at that level. Requires platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> ProductTypeUpdate:
        require_platform_staff(info)
        product_type = get_node(
            ProductTypeModel.objects.all(), id, only_type="ProductType", field="id"
        )
        changes: dict[str, Any] = {}
        if "name" in input:
            changes["name"] = input["name"] or ""
        if "slug" in input:
            changes["slug"] = input["slug"] or ""
        if input.get("kind") is not None:
            changes["kind"] = enum_value(input["kind"])
        for field in ("has_variants", "is_shipping_required"):
            if input.get(field) is not None:
                changes[field] = bool(input[field])
        if "weight" in input:
            changes["weight_grams"] = parse_weight(input["weight"])
        with global_error_ids():
            for field in ("product_attributes", "variant_attributes"):
                if input.get(field) is not None:
                    changes[field] = attributes_by_ids(input[field], field=field)
            product_type = attribute_services.product_type_update(
                product_type=product_type, **changes
            )
        return cls(product_type=product_type)
