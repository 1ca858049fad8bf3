from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.exports import registry, services
from coop_reporting.exports.error_codes import ReportExportErrorCode
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from storefront_api.coop_reporting.access import can_read
from storefront_api.coop_reporting.enums import ReportExportFormatEnum, ReportExportKindEnum
from storefront_api.coop_reporting.exports import ReportExport, ReportExportError
from storefront_api.coop_supervision.access import require_district_viewer
from storefront_api.coop_supervision.filters import (
    DistrictCooperativeFilterInput,
    DistrictCooperativeSortingInput,
    district_filters,
)
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value, get_by_global_id


class ReportExportRequestInput(graphene.InputObjectType):
    kind = ReportExportKindEnum(required=True, description="What report.")
    format = ReportExportFormatEnum(required=True, description="CSV, XLSX or PDF.")
    cooperative = graphene.ID(description="The cooperative (cooperative profile).")
    producer = graphene.ID(description="The producer (producer statement).")
    from_ = graphene.Date(name="from", description="First day (producer statement).")
    until = graphene.Date(description="Last day (producer statement).")
    financial_year = graphene.Int(
        description="Financial year (cooperative profile, district list and report); the "
        "current one when omitted."
    )
    regency = graphene.String(
        description="District list and report: Kemendagri code of a regency or city (e.g. "
        "33.19) you supervise; with neither regency nor province, all you supervise."
    )
    province = graphene.String(
        description="District list and report: Kemendagri code of a province (e.g. 33) you "
        "supervise."
    )
    district_filter = DistrictCooperativeFilterInput(
        description="District list and report: the filters of districtCooperatives."
    )
    district_sort_by = DistrictCooperativeSortingInput(
        description="District list: the order of districtCooperatives (by name by default)."
    )


def _district_parameters(info: Any, data: Any) -> dict[str, Any]:
    """The requester's scope (top-level PermissionDenied unless a Dinas officer or platform
    staff) and the district list's arguments."""
    scope = require_district_viewer(info)
    sort_by = data.get("district_sort_by")
    return {
        "scope": scope,
        "regency": data.get("regency"),
        "province": data.get("province"),
        "filters": district_filters(data.get("district_filter")),
        "sort": None
        if sort_by is None
        else {"field": enum_value(sort_by["field"]), "direction": enum_value(sort_by["direction"])},
        "financial_year": data.get("financial_year"),
    }


def _parameters(data: Any) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "starts_on": data.get("from_"),
        "ends_on": data.get("until"),
        "financial_year": data.get("financial_year"),
    }
    if data.get("cooperative"):
        parameters["cooperative_id"] = get_by_global_id(
            CooperativeModel.objects.all(),
            data["cooperative"],
            type_name="Cooperative",
            field="cooperative",
            error_code=ReportExportErrorCode.NOT_FOUND,
        ).pk
    if data.get("producer"):
        parameters["producer_id"] = decode_int_pk(
            data["producer"], only_type="Producer", field="producer"
        )
    return parameters


class ReportExportRequest(BaseMutation):
    report_export = graphene.Field(
        ReportExport, description="The export, PENDING until a worker has made the file."
    )

    class Arguments:
        input = ReportExportRequestInput(required=True, description="What to export.")

    class Meta:
        description = (
            "Asks for a report file (cooperative profile: CSV, XLSX or PDF with charts; "
            "producer statement: CSV, XLSX or PDF; district list: CSV or XLSX; district "
            "report: PDF with charts), made in the background; poll reportExport(id:) for "
            "its URL. Requires someone who may read the cooperative; for district kinds, a "
            "Dinas officer or platform staff, and a region they supervise."
        )
        error_type_class = ReportExportError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> ReportExportRequest:
        user = access.require_signed_in(info)
        kind = enum_value(input["kind"])
        export_kind = registry.get_kind(kind)
        district = export_kind is not None and export_kind.scope is registry.ExportScope.DISTRICT
        parameters = _district_parameters(info, input) if district else _parameters(input)
        request = services.report_export_prepare(
            kind=kind, file_format=enum_value(input["format"]), parameters=parameters
        )
        if request.kind.scope is registry.ExportScope.COOPERATIVE:
            # each cooperative kind's clean() sets cooperative_id; without one, refuse
            cooperative_id = request.cooperative_id
            access.require(cooperative_id is not None and can_read(info, cooperative_id))
        export = services.report_export_create(request=request, requested_by=user)
        return cls(report_export=export)
