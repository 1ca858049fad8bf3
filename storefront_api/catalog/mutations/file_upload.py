"""``fileUpload``: store a file for a file attribute (multipart request), as Saleor.

Saleor lets staff users and apps upload; in Lumbung those who set product attributes
may: platform staff and cooperative staff. What files are accepted is in
:mod:`marketplace.catalog.files`.
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import files
from marketplace.catalog.error_codes import UploadErrorCode as UploadErrorCodeValues
from storefront_api.catalog.permissions import scope_of
from storefront_api.catalog.translations import File
from storefront_api.catalog.types.common import absolute_url
from storefront_api.core.enums import to_graphene_enum
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.scalars import Upload
from storefront_api.core.types import Error

UploadErrorCode = to_graphene_enum(UploadErrorCodeValues)


class UploadError(Error):
    code = UploadErrorCode(required=True, description="The error code.")


class FileUpload(BaseMutation):
    uploaded_file = graphene.Field(File)

    class Arguments:
        file = Upload(required=True, description="Represents a file in a multipart request.")

    class Meta:
        description = (
            "Upload a file. This mutation must be sent as a `multipart` request. More "
            "detailed specs of the upload format can be found here: "
            "https://github.com/jaydenseric/graphql-multipart-request-spec\\n\\nPDF, JPEG, "
            "PNG or WebP; platform staff and cooperative staff."
        )
        error_type_class = UploadError
        error_type_field = "upload_errors"

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, file: Any) -> FileUpload:
        scope = scope_of(info.context)
        if not (scope.platform_staff or scope.cooperative_ids):
            raise PermissionDenied(permissions=["AUTHENTICATED_APP", "AUTHENTICATED_STAFF_USER"])
        stored = files.attribute_file_upload(content=file, name=getattr(file, "name", "") or "")
        url = absolute_url(files.attribute_file_url(stored.path))
        return cls(uploaded_file=File(url=url, content_type=stored.content_type), errors=[])
