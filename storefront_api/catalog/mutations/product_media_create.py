from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import services
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.product_update import product_to_manage
from storefront_api.catalog.types.errors import ProductError
from storefront_api.catalog.types.media import ProductMedia
from storefront_api.catalog.types.products import Product
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.scalars import Upload


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String(description="Alt text for a product media.")
    image = Upload(
        description="Represents an image file in a multipart request (JPEG, PNG or WebP)."
    )
    product = graphene.ID(required=True, description="ID of a product.")


class ProductMediaCreate(BaseMutation):
    product = graphene.Field(Product, description="The product the image was added to.")
    media = graphene.Field(ProductMedia, description="The created product image.")

    class Arguments:
        input = ProductMediaCreateInput(
            required=True, description="Fields required to create a product media."
        )

    class Meta:
        description = (
            "Uploads an image of a product (multipart request). Requires staff of the "
            "product's cooperative or platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> ProductMediaCreate:
        product = product_to_manage(info, input["product"], field="product")
        image = input.get("image")
        if image is None or isinstance(image, str):
            raise field_error("image", _("Upload an image file."), ProductErrorCode.REQUIRED)
        media = services.product_media_create(
            product=product, uploaded_file=image, alt=input.get("alt") or ""
        )
        return cls(product=product, media=media)
