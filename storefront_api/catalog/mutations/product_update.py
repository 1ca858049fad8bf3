from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.village_hubs.models import Producer as ProducerModel
from storefront_api.catalog.mutations.attribute_common import (
    global_error_ids,
    parse_attribute_inputs,
)
from storefront_api.catalog.mutations.common import ProductInput, get_node, parse_weight
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.products import Product
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def product_to_manage(info: graphene.ResolveInfo, value: str, field: str = "id") -> ProductModel:
    """The product behind ``value``, if the requestor manages its cooperative; otherwise
    a top-level ``PermissionDenied``."""
    product = get_node(ProductModel.objects.all(), value, only_type="Product", field=field)
    require(scope_of(info.context).works_for_cooperative(product.cooperative_id))
    return product


class ProductUpdate(BaseMutation):
    product = graphene.Field(Product, description="The updated product.")

    class Arguments:
        id = graphene.ID(description="ID of a product to update.")
        input = ProductInput(required=True, description="Fields required to update a product.")

    class Meta:
        description = (
            "Updates an existing product. Requires staff of the product's cooperative or "
            "platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict, id: str | None = None
    ) -> ProductUpdate:
        product = product_to_manage(info, id or "")
        changes: dict[str, Any] = {}
        for field in ("name", "slug", "description", "rating"):
            if field in input:
                changes[field] = input[field]
        if "weight" in input:
            changes["weight_grams"] = parse_weight(input["weight"])
        if "category" in input:
            changes["category"] = input["category"] and get_node(
                CategoryModel.objects.all(),
                input["category"],
                only_type="Category",
                field="category",
            )
        if "producer" in input:
            changes["producer"] = input["producer"] and get_node(
                ProducerModel.objects.all(),
                input["producer"],
                only_type="Producer",
                field="producer",
            )
        for field in ("name", "slug"):
            if field in changes and changes[field] is None:
                changes[field] = ""
        attributes = parse_attribute_inputs(input.get("attributes"))
        with global_error_ids():
            product = services.product_update(product=product, attributes=attributes, **changes)
        return cls(product=product)
