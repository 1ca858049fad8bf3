"""Error types of the catalog mutations (Saleor's ``ProductError`` family)."""

from __future__ import annotations

import graphene

from storefront_api.catalog.enums import (
    ProductErrorCode,
)
from storefront_api.core.types import Error


class ProductError(Error):
    code = ProductErrorCode(required=True, description="The error code.")
    attributes = graphene.List(
        graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the error."
    )
    values = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attribute values IDs which causes the error.",
    )


class ProductChannelListingError(ProductError):
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="List of channels IDs which causes the error."
    )
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="List of variants IDs which causes the error."
    )


class BulkStockError(ProductError):
    index = graphene.Int(description="Index of an input list item that caused the error.")
