from __future__ import annotations

from typing import Any

import graphene
from django.db import transaction

from marketplace.catalog import services
from marketplace.warehouses import services as warehouse_services
from storefront_api.catalog.mutations.attribute_common import (
    global_error_ids,
    parse_attribute_inputs,
)
from storefront_api.catalog.mutations.common import (
    ProductVariantCreateInput,
    parse_weight,
)
from storefront_api.catalog.mutations.product_update import product_to_manage
from storefront_api.catalog.mutations.product_variant_stocks_update import warehouses_of
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductVariantCreate(BaseMutation):
    product_variant = graphene.Field(ProductVariant, description="The created variant.")

    class Arguments:
        input = ProductVariantCreateInput(
            required=True, description="Fields required to create a product variant."
        )

    class Meta:
        description = (
            "Creates a new variant for a product. Requires staff of the product's cooperative "
            "or platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> ProductVariantCreate:
        product = product_to_manage(info, input["product"], field="product")
        attributes = parse_attribute_inputs(input.get("attributes"))
        stocks = warehouses_of(input.get("stocks") or [])
        with global_error_ids(), transaction.atomic():
            variant = services.product_variant_create(
                product=product,
                sku=input.get("sku"),
                name=input.get("name") or "",
                weight_grams=parse_weight(input.get("weight")),
                track_inventory=input.get("track_inventory", True) is not False,
                quantity_limit_per_customer=input.get("quantity_limit_per_customer"),
                attributes=attributes,
            )
            if stocks:
                warehouse_services.product_variant_stocks_update(variant=variant, stocks=stocks)
        return cls(product_variant=variant)
