from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Product as ProductModel
from marketplace.content import services
from marketplace.content.models import Collection as CollectionModel
from storefront_api.content.mutations.common import (
    CollectionError,
    get_node,
    get_nodes,
    require_platform_staff,
)
from storefront_api.content.types import Collection
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class CollectionAddProducts(BaseMutation):
    collection = graphene.Field(
        Collection, description="Collection to which products will be added."
    )

    class Arguments:
        collection_id = graphene.ID(required=True, description="ID of a collection.")
        products = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="List of product IDs."
        )

    class Meta:
        description = "Adds products to a collection. Requires platform staff."
        error_type_class = CollectionError
        error_type_field = "collection_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, collection_id: str, products: list[str]
    ) -> CollectionAddProducts:
        require_platform_staff(info)
        collection = get_node(
            CollectionModel.objects.all(), collection_id, only_type="Collection",
            field="collectionId",
        )  # fmt: skip
        rows = get_nodes(
            ProductModel.objects.all(), products, only_type="Product", field="products"
        )
        services.collection_add_products(collection=collection, products=rows)
        return cls(collection=collection)
