from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import services
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import ProductType as ProductTypeModel
from marketplace.core.exceptions import field_error
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from marketplace.village_hubs.models import Producer as ProducerModel
from storefront_api.catalog.mutations.attribute_common import (
    global_error_ids,
    parse_attribute_inputs,
)
from storefront_api.catalog.mutations.common import ProductCreateInput, get_node, parse_weight
from storefront_api.catalog.permissions import Scope, require, scope_of
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.products import Product
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def _cooperative(scope: Scope, value: str | None) -> CooperativeModel:
    if value:
        cooperative = get_node(
            CooperativeModel.objects.all(), value, only_type="Cooperative", field="cooperative"
        )
        require(scope.works_for_cooperative(cooperative.pk))
        return cooperative
    if not scope.platform_staff and len(scope.cooperative_ids) == 1:
        (pk,) = scope.cooperative_ids
        return CooperativeModel.objects.get(pk=pk)
    raise field_error(
        "cooperative",
        _("Choose the cooperative selling the product."),
        ProductErrorCode.REQUIRED,
    )


class ProductCreate(BaseMutation):
    product = graphene.Field(Product, description="The created product.")

    class Arguments:
        input = ProductCreateInput(
            required=True, description="Fields required to create a product."
        )

    class Meta:
        description = (
            "Creates a new product, sold by a cooperative. Requires staff of the cooperative "
            "or platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> ProductCreate:
        scope = scope_of(info.context)
        require(scope.platform_staff or bool(scope.cooperative_ids))
        cooperative = _cooperative(scope, input.get("cooperative"))
        product_type = get_node(
            ProductTypeModel.objects.all(),
            input["product_type"],
            only_type="ProductType",
            field="productType",
        )
        category = None
        if input.get("category"):
            category = get_node(
                CategoryModel.objects.all(),
                input["category"],
                only_type="Category",
                field="category",
            )
        producer = None
        if input.get("producer"):
            producer = get_node(
                ProducerModel.objects.all(),
                input["producer"],
                only_type="Producer",
                field="producer",
            )
        attributes = parse_attribute_inputs(input.get("attributes"))
        with global_error_ids():
            product = services.product_create(
                product_type=product_type,
                cooperative=cooperative,
                name=input.get("name") or "",
                slug=input.get("slug") or None,
                category=category,
                producer=producer,
                description=input.get("description"),
                weight_grams=parse_weight(input.get("weight")),
                rating=input.get("rating"),
                attributes=attributes,
            )
        return cls(product=product)
