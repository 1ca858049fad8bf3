"""Report exports over GraphQL (Lumbung-only): ``reportExportRequest`` asks a worker to
make a CSV, XLSX or PDF file; ``reportExport(id:)`` tells how it went and, once ready,
gives a download ``url``.

The URL points at ``/reports/exports/<uuid>/download/`` with a signed token naming the
export and the user who asked for the URL; it expires after
``settings.REPORT_EXPORT_LINK_MAX_AGE`` seconds, and the view checks again that this user
may still read the export (``can_read_export``), so a leaked link is no use to anyone
else for long, and never after the user loses access.
"""

from __future__ import annotations

import datetime
from typing import Any

import graphene

from coop_reporting.district import exports as district
from coop_reporting.exports import registry
from coop_reporting.exports import selectors as export_selectors
from coop_reporting.exports.links import download_path
from coop_reporting.exports.models import ReportExport as ReportExportModel
from coop_reporting.exports.models import ReportExportStatus
from marketplace.accounts.models import User
from storefront_api.catalog.types.common import absolute_url
from storefront_api.coop_reporting.access import can_read
from storefront_api.coop_reporting.enums import (
    ReportExportErrorCode,
    ReportExportFormatEnum,
    ReportExportKindEnum,
    ReportExportStatusEnum,
)
from storefront_api.coop_supervision.access import viewer_scope
from storefront_api.coop_supervision.types import ProvinceByCodeLoader, RegencyByCodeLoader
from storefront_api.core.ids import decode_global_id, global_id
from storefront_api.core.types import Error
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.types import Cooperative, Region


def can_read_export(info: Any, export: ReportExportModel) -> bool:
    """The requester of an export, and whoever may read what it is about: for reports on
    a cooperative, those ``access.can_read`` lets read the cooperative; for district
    reports, the Dinas officers whose scope covers every region of the report (platform
    staff cover all). Anything else: platform staff."""
    user = access.viewer(info)
    if not access.is_signed_in(user):
        return False
    if export.requested_by_id == user.pk:
        return True
    kind = registry.get_kind(export.kind)
    if (
        kind is not None
        and kind.scope is registry.ExportScope.COOPERATIVE
        and export.cooperative_id is not None
    ):
        return can_read(info, export.cooperative_id)
    if kind is not None and kind.scope is registry.ExportScope.DISTRICT:
        return district.export_covered_by(export.parameters, viewer_scope(info))
    return access.is_platform_staff(user)


def download_url(export: ReportExportModel, user: User) -> str:
    return absolute_url(download_path(export, user))


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


class ReportExportError(Error):
    code = ReportExportErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a report export request."


class ReportExport(graphene.ObjectType):
    kind = ReportExportKindEnum(required=True, description="What report.")
    format = ReportExportFormatEnum(required=True, description="File format.")
    status = ReportExportStatusEnum(required=True, description="Where the export is.")
    cooperative = graphene.Field(Cooperative, description="The cooperative it is about.")
    producer_id = graphene.ID(description="The producer, for a producer statement.")
    financial_year = graphene.Int(
        description="The financial year, for a profile or a district kind."
    )
    regency = graphene.Field(Region, description="The regency or city, for a district kind.")
    province = graphene.Field(Region, description="The province, for a district kind.")
    starts_on = graphene.Date(description="First day of the period, for a statement.")
    ends_on = graphene.Date(description="Last day of the period, for a statement.")
    file_name = graphene.String(description="Name of the file, once ready.")
    content_type = graphene.String(description="MIME type of the file, once ready.")
    size = graphene.Int(description="Size of the file in bytes, once ready.")
    url = graphene.String(
        description="Download link once ready (null before): signed for the requestor and "
        "valid for REPORT_EXPORT_LINK_MAX_AGE seconds; ask again for a fresh one."
    )
    error = graphene.String(description="Why the export failed.")
    created_at = graphene.DateTime(required=True, description="When it was requested.")
    started_at = graphene.DateTime(description="When a worker started making it.")
    finished_at = graphene.DateTime(description="When it was ready or failed.")

    class Meta:
        description = "A report file (CSV, XLSX or PDF) made on request by a worker."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ReportExportModel)

    @staticmethod
    def resolve_kind(root: ReportExportModel, info: graphene.ResolveInfo) -> str:
        return str(root.kind)

    @staticmethod
    def resolve_format(root: ReportExportModel, info: graphene.ResolveInfo) -> str:
        return str(root.format)

    @staticmethod
    def resolve_status(root: ReportExportModel, info: graphene.ResolveInfo) -> str:
        return str(root.status)

    @staticmethod
    def resolve_cooperative(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        if root.cooperative_id is None:
            return None
        return CooperativeByIdLoader(info.context).load(root.cooperative_id)

    @staticmethod
    def resolve_producer_id(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        producer_id = root.parameters.get("producer_id")
        return None if producer_id is None else global_id("Producer", producer_id)

    @staticmethod
    def resolve_financial_year(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("financial_year")

    @staticmethod
    def resolve_regency(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        code = root.parameters.get("regency")
        return None if not code else RegencyByCodeLoader(info.context).load(code)

    @staticmethod
    def resolve_province(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        code = root.parameters.get("province")
        return None if not code else ProvinceByCodeLoader(info.context).load(code)

    @staticmethod
    def resolve_starts_on(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        return _date(root.parameters.get("starts_on"))

    @staticmethod
    def resolve_ends_on(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        return _date(root.parameters.get("ends_on"))

    @staticmethod
    def resolve_file_name(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        return root.file_name or None

    @staticmethod
    def resolve_content_type(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        return root.content_type or None

    @staticmethod
    def resolve_url(root: ReportExportModel, info: graphene.ResolveInfo) -> str | None:
        if root.status != ReportExportStatus.SUCCESS or not root.file:
            return None
        return download_url(root, info.context.user)

    @staticmethod
    def resolve_error(root: ReportExportModel, info: graphene.ResolveInfo) -> Any:
        return root.error or None


class ReportExportQueries(graphene.ObjectType):
    report_export = graphene.Field(
        ReportExport,
        id=graphene.ID(required=True, description="ID of the export."),
        description="A report export: its status and, once ready, its download URL. Requires "
        "the requester, or someone who may read the cooperative it is about (district "
        "kinds: who supervises its regions).",
    )

    @staticmethod
    def resolve_report_export(root: Any, info: graphene.ResolveInfo, *, id: str) -> Any:
        access.require_signed_in(info)
        export = export_selectors.report_export_get(decode_global_id(id, only_type="ReportExport"))
        if export is None:
            return None
        access.require(can_read_export(info, export))
        return export
