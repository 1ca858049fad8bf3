"""Lumbung-only types of the bulk product import (Saleor has no such mutation)."""

from __future__ import annotations

import graphene

from marketplace.imports.products import BulkImportErrorCode
from storefront_api.core.enums import to_graphene_enum

ProductBulkImportErrorCode = to_graphene_enum(
    BulkImportErrorCode,
    name="ProductBulkImportErrorCode",
    description="Why an import file, or one of its cells, was refused.",
)


class ProductBulkImportError(graphene.ObjectType):
    row = graphene.Int(
        description="Row in the spreadsheet, the header being row 1; null for the whole file."
    )
    column = graphene.String(
        description="Column header as written in the file; null for a whole row or file."
    )
    field = graphene.String(
        description="Argument that caused the error (`file` or `cooperative`); null if none."
    )
    message = graphene.String(
        required=True, description="The error message, in the request's language."
    )
    code = ProductBulkImportErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a bulk product import, located by row and column."
