from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import services
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.attribute_common import (
    global_error_ids,
    parse_attribute_inputs,
)
from storefront_api.catalog.mutations.common import (
    ProductVariantInput,
    get_node,
    parse_weight,
)
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def variant_to_manage(
    info: graphene.ResolveInfo, id: str | None, sku: str | None, *, field: str = "id"
) -> ProductVariantModel:
    """The variant named by ``id`` or ``sku``, if the requestor manages its product's
    cooperative; otherwise a top-level ``PermissionDenied``."""
    variants = ProductVariantModel.objects.select_related("product")
    variant: ProductVariantModel | None
    if id:
        variant = get_node(variants, id, only_type="ProductVariant", field=field)
    elif sku:
        variant = variants.filter(sku=sku).first()
        if variant is None:
            raise field_error(
                "sku",
                _("Couldn't resolve to a node: %(id)s") % {"id": sku},
                ProductErrorCode.NOT_FOUND,
            )
    else:
        raise field_error(field, _("Give the variant's ID or SKU."), ProductErrorCode.REQUIRED)
    require(scope_of(info.context).works_for_cooperative(variant.product.cooperative_id))
    return variant


class ProductVariantUpdate(BaseMutation):
    product_variant = graphene.Field(ProductVariant, description="The updated variant.")

    class Arguments:
        id = graphene.ID(description="ID of a product variant to update.")
        sku = graphene.String(description="SKU of a product variant to update.")
        input = ProductVariantInput(
            required=True, description="Fields required to update a product variant."
        )

    class Meta:
        description = (
            "Updates an existing variant for product. Requires staff of the product's "
            "cooperative or platform staff."
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
        input: dict,
        id: str | None = None,
        sku: str | None = None,
    ) -> ProductVariantUpdate:
        variant = variant_to_manage(info, id, sku)
        attributes = parse_attribute_inputs(input.get("attributes"))
        changes: dict[str, Any] = {}
        for field in ("sku", "quantity_limit_per_customer"):
            if field in input:
                changes[field] = input[field]
        if "name" in input:
            changes["name"] = input["name"] or ""
        if "track_inventory" in input:
            changes["track_inventory"] = input["track_inventory"] is not False
        if "weight" in input:
            changes["weight_grams"] = parse_weight(input["weight"])
        with global_error_ids():
            variant = services.product_variant_update(
                variant=variant, attributes=attributes, **changes
            )
        return cls(product_variant=variant)
