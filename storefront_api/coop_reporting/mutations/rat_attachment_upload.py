from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from coop_reporting.rat import services
from coop_reporting.rat.error_codes import RatErrorCode
from marketplace.catalog.images import image_clean
from marketplace.core.exceptions import field_error
from storefront_api.coop_reporting.access import report_to_write
from storefront_api.coop_reporting.enums import RatAttachmentKindEnum
from storefront_api.coop_reporting.types import RatAttachment, RatError, RatReport
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.scalars import Upload
from storefront_api.village_hubs.utils import enum_value


class RatAttachmentUploadInput(graphene.InputObjectType):
    report = graphene.ID(required=True, description="ID of the draft report.")
    kind = RatAttachmentKindEnum(required=True, description="What the file is.")
    file = Upload(description="The file (PDF, JPEG, PNG or WebP) in a multipart request.")


class RatAttachmentUpload(BaseMutation):
    rat_report = graphene.Field(RatReport, description="The report the file was attached to.")
    attachment = graphene.Field(RatAttachment, description="The stored attachment.")

    class Arguments:
        input = RatAttachmentUploadInput(required=True, description="Report, kind and file.")

    class Meta:
        description = (
            "Attaches a file to a draft RAT report (multipart request). PDFs must open without "
            "a password; images are stored without their metadata. Requires an admin "
            "(pengurus) of the cooperative or platform staff."
        )
        error_type_class = RatError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> RatAttachmentUpload:
        report = report_to_write(info, input["report"], field="report")
        upload = input.get("file")
        if upload is None or isinstance(upload, str):
            raise field_error("file", _("Upload a file."), RatErrorCode.REQUIRED)
        attachment = services.rat_attachment_upload(
            report=report,
            kind=enum_value(input["kind"]),
            uploaded_file=upload,
            file_name=getattr(upload, "name", "") or "",
            actor=info.context.user,
            image_clean=image_clean,
        )
        return cls(rat_report=report, attachment=attachment)
