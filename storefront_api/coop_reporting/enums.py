"""Enums of RAT reports, offline sales, producer statements and report exports."""

from __future__ import annotations

import graphene

from coop_reporting.exports import models as _export_models
from coop_reporting.exports.error_codes import ReportExportErrorCode as _ReportExportErrorCode
from coop_reporting.exports.registry import all_kinds as _export_kinds
from coop_reporting.rat import models as _rat_models
from coop_reporting.rat.error_codes import RatErrorCode as _RatErrorCode
from coop_reporting.sales.error_codes import CoopSalesErrorCode as _CoopSalesErrorCode
from storefront_api.core.enums import to_graphene_enum

RatErrorCode = to_graphene_enum(_RatErrorCode, description="Error codes of RAT reports.")
RatReportStatusEnum = to_graphene_enum(
    _rat_models.RatReportStatus,
    name="RatReportStatusEnum",
    description="Draft (still changing) or submitted (frozen; corrections are new versions).",
)
RatMethodEnum = to_graphene_enum(
    _rat_models.RatMethod,
    name="RatMethodEnum",
    description="How the annual members' meeting was held.",
)
RatAttachmentKindEnum = to_graphene_enum(
    _rat_models.RatAttachmentKind,
    name="RatAttachmentKindEnum",
    description="What an attached file is.",
)
CoopSalesErrorCode = to_graphene_enum(
    _CoopSalesErrorCode, description="Error codes of offline sales and producer statements."
)
ReportExportErrorCode = to_graphene_enum(
    _ReportExportErrorCode, description="Error codes of report exports."
)
ReportExportKindEnum = graphene.Enum(
    "ReportExportKindEnum",
    [(kind.key.upper(), kind.key) for kind in _export_kinds()],
    description="Kinds of report that can be exported.",
)
ReportExportFormatEnum = to_graphene_enum(
    _export_models.ReportExportFormat,
    name="ReportExportFormatEnum",
    description="File formats of report exports.",
)
ReportExportStatusEnum = to_graphene_enum(
    _export_models.ReportExportStatus,
    name="ReportExportStatusEnum",
    description="Where a report export is: waiting, being made, ready or failed.",
)
