"""``collectionAddProducts`` and ``collectionRemoveProducts``: the same arguments,
permission (platform staff) and lookups; each names the service that changes the set."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from storefront_api.core.mutations import BaseMutation, BaseMutationOptions
from storefront_api.core.permissions import AuthorizationFilters, Permission

ChangeProducts = Callable[..., None]


class CollectionProductsMutation(BaseMutation):
    class Arguments:
        collection_id = graphene.ID(required=True, description="ID of a collection.")
        products = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="List of product IDs."
        )

    class Meta:
        abstract = True

    change: ChangeProducts  # keyword arguments: collection, products

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        error_type_class: type[graphene.ObjectType] | None = CollectionError,
        error_type_field: str | None = "collection_errors",
        permissions: tuple[Permission, ...] = (AuthorizationFilters.AUTHENTICATED_USER,),
        _meta: BaseMutationOptions | None = None,
        **options: Any,
    ) -> None:
        super().__init_subclass_with_meta__(
            error_type_class=error_type_class,
            error_type_field=error_type_field,
            permissions=permissions,
            _meta=_meta,
            **options,
        )

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, collection_id: str, products: list[str]
    ) -> CollectionProductsMutation:
        require_platform_staff(info)
        collection = get_node(
            CollectionModel.objects.all(), collection_id, only_type="Collection",
            field="collectionId",
        )  # fmt: skip
        rows: Sequence[ProductModel] = get_nodes(
            ProductModel.objects.all(), products, only_type="Product", field="products"
        )
        cls.change(collection=collection, products=rows)
        return cls(collection=collection)


class CollectionAddProducts(CollectionProductsMutation):
    collection = graphene.Field(
        Collection, description="Collection to which products will be added."
    )
    change = staticmethod(services.collection_add_products)

    class Meta:
        description = "Adds products to a collection. Requires platform staff."


class CollectionRemoveProducts(CollectionProductsMutation):
    collection = graphene.Field(
        Collection, description="Collection from which products will be removed."
    )
    change = staticmethod(services.collection_remove_products)

    class Meta:
        description = "Remove products from a collection. Requires platform staff."
