from __future__ import annotations

from typing import Any

import graphene
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from marketplace import permissions
from marketplace.core.exceptions import field_error
from marketplace.imports.products import BulkImportErrorCode, product_bulk_import
from marketplace.village_hubs.models import Cooperative
from marketplace.village_hubs.selectors import (
    cooperatives_managed_by,
    user_can_manage_cooperative,
)
from storefront_api.bulk_import.types import ProductBulkImportError
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.scalars import Upload

COOPERATIVE_TYPE = "Cooperative"


def _cooperative(user: Any, global_id: str | None) -> Cooperative:
    """The cooperative to import into; anything the user may not manage is PermissionDenied
    (an unknown cooperative too, unless the user is platform staff)."""
    if not permissions.is_signed_in(user):
        raise PermissionDenied
    platform_staff = permissions.is_platform_staff(user)
    if global_id:
        pk = decode_int_pk(global_id, only_type=COOPERATIVE_TYPE, field="cooperative")
        cooperative = Cooperative.objects.filter(pk=pk).first()
        if cooperative is None and platform_staff:
            raise field_error(
                "cooperative", _("Cooperative not found."), BulkImportErrorCode.NOT_FOUND
            )
        if cooperative is None or not user_can_manage_cooperative(user, cooperative):
            raise PermissionDenied
        return cooperative
    managed = list(cooperatives_managed_by(user)[:2])
    if len(managed) == 1:
        return managed[0]
    if not managed:
        raise PermissionDenied
    raise field_error(
        "cooperative",
        _("Choose the cooperative to import into."),
        BulkImportErrorCode.REQUIRED,
    )


class ProductBulkImport(BaseMutation):
    products_created = graphene.Int(
        description="Products created; 0 when the file was refused (nothing is imported)."
    )
    variants_created = graphene.Int(
        description="Variants created; 0 when the file was refused (nothing is imported)."
    )

    class Arguments:
        cooperative = graphene.ID(
            description="Cooperative selling the products; may be omitted by staff of "
            "exactly one cooperative."
        )
        file = Upload(
            required=True,
            description="CSV (UTF-8, `,` or `;`) or XLSX file, one variant per row; "
            "template at /import-template/products.xlsx.",
        )

    class Meta:
        description = (
            "Import products with variants, prices and stock from a spreadsheet. All or "
            "nothing: with any error nothing is saved and every error is listed by row and "
            "column. Requires staff of the cooperative or platform staff. (Lumbung only.)"
        )
        error_type_class = ProductBulkImportError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, **data: Any
    ) -> ProductBulkImport:
        user = info.context.user
        cooperative = _cooperative(user, data.get("cooperative"))
        upload = data["file"]
        if not isinstance(upload, UploadedFile):
            raise field_error(
                "file", _("Upload a CSV or XLSX file."), BulkImportErrorCode.INVALID_FILE
            )
        result = product_bulk_import(
            cooperative=cooperative, file=upload, filename=upload.name or "", actor=user
        )
        errors = [
            ProductBulkImportError(
                row=error.row,
                column=error.column,
                field="file",
                message=error.message,
                code=error.code.value,
            )
            for error in result.errors
        ]
        return cls(
            products_created=result.products_created,
            variants_created=result.variants_created,
            errors=errors,
        )
