"""Root fields of RAT reports, health assessments and cooperative activity (Lumbung-only)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils import timezone

from coop_reporting.rat import selectors
from coop_reporting.rat.models import RatReport as RatReportModel
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from storefront_api.coop_reporting.access import can_read
from storefront_api.coop_reporting.activity import CoopActivityQueries
from storefront_api.coop_reporting.exports import ReportExportQueries
from storefront_api.coop_reporting.mutations.ksp_health_input_set import KspHealthInputSet
from storefront_api.coop_reporting.mutations.offline_sale_delete import OfflineSaleDelete
from storefront_api.coop_reporting.mutations.offline_sale_record import OfflineSaleRecord
from storefront_api.coop_reporting.mutations.offline_sale_update import OfflineSaleUpdate
from storefront_api.coop_reporting.mutations.rat_attachment_upload import RatAttachmentUpload
from storefront_api.coop_reporting.mutations.rat_report_correct import RatReportCorrect
from storefront_api.coop_reporting.mutations.rat_report_create import RatReportCreate
from storefront_api.coop_reporting.mutations.rat_report_submit import RatReportSubmit
from storefront_api.coop_reporting.mutations.rat_report_update import RatReportUpdate
from storefront_api.coop_reporting.mutations.report_export_request import ReportExportRequest
from storefront_api.coop_reporting.statements import CoopStatementQueries
from storefront_api.coop_reporting.types import (
    CooperativeStatus,
    HealthAssessment,
    RatReport,
    RatReportCountableConnection,
)
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs import access


def _cooperative_to_read(info: Any, cooperative_id: str) -> CooperativeModel | None:
    access.require_signed_in(info)
    cooperative = CooperativeModel.objects.filter(
        pk=decode_int_pk(cooperative_id, only_type="Cooperative", field="cooperative")
    ).first()
    if cooperative is None:
        return None
    access.require(can_read(info, cooperative.pk))
    return cooperative


class CoopReportingQueries(
    CoopActivityQueries,  # activity profile, flags
    CoopStatementQueries,  # producer statements
    ReportExportQueries,  # report exports
    graphene.ObjectType,
):
    rat_reports = graphene.Field(
        RatReportCountableConnection,
        cooperative=graphene.ID(description="Only this cooperative's reports."),
        financial_year=graphene.Int(description="Only this financial year."),
        current_only=graphene.Boolean(
            description="Only the latest submitted version of each year."
        ),
        description="RAT reports (every version, newest year first) of the cooperatives the "
        "requestor works for; all for platform staff.",
        **connection_args(),
    )
    rat_report = graphene.Field(
        RatReport,
        id=graphene.ID(required=True, description="ID of the report version."),
        description="Look up a RAT report version. Requires the cooperative's staff or "
        "platform staff.",
    )
    health_assessment = graphene.Field(
        HealthAssessment,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        financial_year=graphene.Int(required=True, description="Financial year."),
        description="The health assessment of a savings-and-loan unit for a year. Requires "
        "the cooperative's staff or platform staff.",
    )
    cooperative_status = graphene.Field(
        CooperativeStatus,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        description="Whether a cooperative is active (RAT held) today. Requires the "
        "cooperative's staff or platform staff.",
    )

    @staticmethod
    def resolve_rat_reports(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        user = access.require_signed_in(info)
        queryset = selectors.rat_reports_visible_to(user)
        if args.get("cooperative"):
            cooperative = _cooperative_to_read(info, args["cooperative"])
            if cooperative is None:
                queryset = queryset.none()
            else:
                queryset = queryset.filter(cooperative=cooperative)
        if args.get("financial_year") is not None:
            queryset = queryset.filter(financial_year=args["financial_year"])
        if args.get("current_only"):
            current_ids = [
                report.pk
                for report in queryset.filter(status="submitted")
                .order_by("cooperative_id", "financial_year", "-version")
                .distinct("cooperative_id", "financial_year")
            ]
            queryset = queryset.filter(pk__in=current_ids)
        return resolve_connection(
            queryset,
            info,
            args,
            RatReportCountableConnection,
            order_by=["-financial_year", "cooperative_id", "-version"],
        )

    @staticmethod
    def resolve_rat_report(root: Any, info: graphene.ResolveInfo, *, id: str) -> Any:
        access.require_signed_in(info)
        report = RatReportModel.objects.filter(pk=decode_int_pk(id, only_type="RatReport")).first()
        if report is None:
            return None
        access.require(can_read(info, report.cooperative_id))
        return report

    @staticmethod
    def resolve_health_assessment(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str, financial_year: int
    ) -> Any:
        coop = _cooperative_to_read(info, cooperative)
        if coop is None:
            return None
        return selectors.health_assessment_get(coop, financial_year)

    @staticmethod
    def resolve_cooperative_status(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str
    ) -> Any:
        coop = _cooperative_to_read(info, cooperative)
        if coop is None:
            return None
        return selectors.cooperative_status(coop, timezone.localdate())


class CoopReportingMutations(graphene.ObjectType):
    rat_report_create = RatReportCreate.Field()
    rat_report_update = RatReportUpdate.Field()
    rat_report_submit = RatReportSubmit.Field()
    rat_report_correct = RatReportCorrect.Field()
    rat_attachment_upload = RatAttachmentUpload.Field()
    ksp_health_input_set = KspHealthInputSet.Field()
    offline_sale_record = OfflineSaleRecord.Field()
    offline_sale_update = OfflineSaleUpdate.Field()
    offline_sale_delete = OfflineSaleDelete.Field()
    report_export_request = ReportExportRequest.Field()
