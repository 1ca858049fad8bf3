from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Product as ProductModel
from marketplace.content import services
from storefront_api.content.mutations.common import (
    CollectionCreateInput,
    CollectionError,
    get_nodes,
    require_platform_staff,
    seo_fields,
)
from storefront_api.content.types import Collection
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def collection_fields(input: dict[str, Any]) -> dict[str, Any]:
    fields = {
        key: input[key]
        for key in ("name", "slug", "description", "background_image_alt")
        if key in input
    }
    return {**fields, **seo_fields(input)}


class CollectionCreate(BaseMutation):
    collection = graphene.Field(Collection, description="The created collection.")

    class Arguments:
        input = CollectionCreateInput(
            required=True, description="Fields required to create a collection."
        )

    class Meta:
        description = "Creates a new collection. Requires platform staff."
        error_type_class = CollectionError
        error_type_field = "collection_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> CollectionCreate:
        require_platform_staff(info)
        products = get_nodes(
            ProductModel.objects.all(), input.get("products") or [], only_type="Product",
            field="products",
        )  # fmt: skip
        fields = collection_fields(input)
        name = fields.pop("name", None) or ""
        collection = services.collection_create(name=name, products=products, **fields)
        return cls(collection=collection)
