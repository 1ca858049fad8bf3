"""Change, remove and reorder a product's images (Saleor's productMedia* mutations)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from marketplace.catalog.models import ProductMedia as ProductMediaModel
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.mutations.product_update import product_to_manage
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.media import ProductMedia
from storefront_api.catalog.types.products import Product
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters

MANAGE = "Requires staff of the product's cooperative or platform staff."


def media_to_manage(info: graphene.ResolveInfo, value: str) -> ProductMediaModel:
    """The image behind ``value`` if the requestor manages its product's cooperative."""
    media = get_node(
        ProductMediaModel.objects.select_related("product"),
        value,
        only_type="ProductMedia",
        field="id",
    )
    require(scope_of(info.context).works_for_cooperative(media.product.cooperative_id))
    return media


class ProductMediaUpdateInput(graphene.InputObjectType):
    alt = graphene.String(description="Alt text for a product media.")


class ProductMediaUpdate(BaseMutation):
    product = graphene.Field(Product, description="The product the image belongs to.")
    media = graphene.Field(ProductMedia, description="The updated image.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product media to update.")
        input = ProductMediaUpdateInput(
            required=True, description="Fields required to update a product media."
        )

    class Meta:
        description = f"Updates a product image's alt text. {MANAGE}"
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> ProductMediaUpdate:
        media = media_to_manage(info, id)
        media = services.product_media_update(media=media, alt=input.get("alt") or "")
        return cls(product=media.product, media=media)


class ProductMediaDelete(BaseMutation):
    product = graphene.Field(Product, description="The product the image belonged to.")
    media = graphene.Field(ProductMedia, description="The deleted image.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product media to delete.")

    class Meta:
        description = f"Deletes a product image and its thumbnails. {MANAGE}"
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> ProductMediaDelete:
        media = media_to_manage(info, id)
        product, media_pk = media.product, media.pk
        services.product_media_delete(media=media)
        media.pk = media_pk  # keep the id in the payload, as Saleor does
        return cls(product=product, media=media)


class ProductMediaReorder(BaseMutation):
    product = graphene.Field(Product, description="The product whose images were reordered.")
    media = graphene.List(graphene.NonNull(ProductMedia), description="The images in order.")

    class Arguments:
        product_id = graphene.ID(
            required=True, description="ID of product that media order will be altered."
        )  # noqa: E501
        media_ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="IDs of a product media in the desired order.",
        )

    class Meta:
        description = f"Changes the order of a product's images. {MANAGE}"
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, product_id: str, media_ids: list[str]
    ) -> ProductMediaReorder:
        product = product_to_manage(info, product_id, field="product_id")
        pks = [
            decode_int_pk(value, only_type="ProductMedia", field="media_ids") for value in media_ids
        ]
        ordered = services.product_media_reorder(product=product, media_ids=pks)
        return cls(product=product, media=ordered)
