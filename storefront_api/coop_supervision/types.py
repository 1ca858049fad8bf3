"""Types of the district view for the Dinas Koperasi and of officer assignments
(Lumbung-only).

Rows of ``districtCooperatives`` are ``CooperativeReportingSummary`` instances annotated by
``coop_reporting.supervision.district_selectors.district_summaries``; the resolver stamps each with
the financial year and day it was asked for (``district_year``, ``district_today``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

import graphene

from coop_reporting.district import selectors as district_selectors
from coop_reporting.district.models import CooperativeReportingSummary
from coop_reporting.district.selectors import DistrictTotals
from coop_reporting.supervision.models import DinasOfficerAssignment as AssignmentModel
from marketplace.regions.models import Province, Regency
from storefront_api.accounts.types import User
from storefront_api.coop_reporting.types import Rupiah
from storefront_api.coop_supervision.enums import (
    DinasOfficerErrorCode,
    DistrictActivityStatusEnum,
    DistrictRatStatusEnum,
)
from storefront_api.core.connection import CountableConnection
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.types import Error
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.enums import CooperativeJenisEnum
from storefront_api.village_hubs.types import Cooperative, Region


class DistrictRowFields(TypedDict):
    """What ``district_summaries`` annotates on a summary row (its ``YEAR_FIELDS``,
    ``fy_rat_status`` and ``rat_deadline_months``) and what ``districtCooperatives``
    stamps on it (``district_year``, ``district_today``)."""

    fy_sales: int
    fy_previous_sales: int
    fy_previous_sales_to_date: int
    fy_trend: Decimal | None
    fy_orders: int
    fy_rat_date: datetime.date | None
    fy_rat_days_late: int | None
    fy_health_year: int | None
    fy_health_category: str
    fy_health_score: Decimal | None
    fy_rat_status: str
    rat_deadline_months: int | None
    district_year: int
    district_today: datetime.date


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    DistrictRow = WithAnnotations[CooperativeReportingSummary, DistrictRowFields]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class RegencyByCodeLoader(BaseLoader[str, Regency | None]):
    def batch_load(self, keys: Sequence[str]) -> list[Regency | None]:
        found = {row.code: row for row in Regency.objects.filter(code__in=keys)}
        return [found.get(key) for key in keys]


class ProvinceByCodeLoader(BaseLoader[str, Province | None]):
    def batch_load(self, keys: Sequence[str]) -> list[Province | None]:
        found = {row.code: row for row in Province.objects.filter(code__in=keys)}
        return [found.get(key) for key in keys]


class OpenFlagsByCooperativeLoader(BaseLoader[int, list[Any]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Any]]:
        flags = district_selectors.open_flags_of(keys)
        return [flags[key] for key in keys]


class DistrictCooperativeFlag(graphene.ObjectType):
    kind = graphene.String(
        required=True, description="Kind of warning: sales_drop, no_sales, rat_overdue, …"
    )
    reason = graphene.String(required=True, description="Why it was raised, with the numbers.")
    raised_at = graphene.DateTime(required=True, description="When it was raised.")

    class Meta:
        description = "An open early warning about a cooperative."


class DistrictCooperative(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    name = graphene.String(required=True, description="Name of the cooperative.")
    nomor_induk_koperasi = graphene.String(description="Nomor Induk Koperasi (NIK).")
    jenis = CooperativeJenisEnum(required=True, description="Legal type (jenis).")
    regency = graphene.Field(
        Region, required=True, description="Regency (kabupaten) or city (kota) it is registered in."
    )
    province = graphene.Field(Region, required=True, description="Province.")
    member_count = graphene.Int(required=True, description="Number of members.")
    has_savings_and_loan_unit = graphene.Boolean(
        required=True, description="Whether it runs a savings and loan unit (KSP/USP)."
    )
    is_merah_putih = graphene.Boolean(
        required=True, description="Whether it is a Koperasi Desa/Kelurahan Merah Putih."
    )
    activity_status = DistrictActivityStatusEnum(
        required=True, description="Activity today (RAT in the last three years, recent sales)."
    )
    last_rat_date = graphene.Date(description="Date of the last RAT reported.")
    last_sale_date = graphene.Date(description="Last day with a marketplace sale.")
    health_category = graphene.String(
        description="Category of the latest health assessment up to the financial year "
        "(savings and loan units only); null when not assessed."
    )
    health_score = graphene.Float(description="Score (0–100) of that assessment.")
    health_financial_year = graphene.Int(description="Financial year that assessment covers.")
    flags = graphene.List(
        graphene.NonNull(DistrictCooperativeFlag),
        required=True,
        description="Open early warnings, oldest first.",
    )
    financial_year = graphene.Int(required=True, description="Financial year of the figures.")
    sales_this_year = Rupiah(
        required=True, description="Marketplace sales in the financial year (net of refunds)."
    )
    sales_previous_year = Rupiah(
        required=True, description="Marketplace sales in the financial year before."
    )
    sales_previous_year_to_date = Rupiah(
        required=True,
        description=(
            "Lumbung: marketplace sales in the same period of the financial year before "
            "(up to the same day a year earlier; the whole year for a closed year)."
        ),
    )
    sales_trend_percent = graphene.Float(
        description=(
            "Change against the same period of the year before (%); null when that period "
            "had no sales."
        )
    )
    orders_this_year = graphene.Int(required=True, description="Orders in the financial year.")
    rat_financial_year = graphene.Int(
        required=True, description="Financial year of the RAT shown (the one before)."
    )
    rat_status = DistrictRatStatusEnum(required=True, description="State of that RAT.")
    rat_date = graphene.Date(description="Date that RAT was held.")
    rat_days_late = graphene.Int(description="Days after the deadline it was held (0: on time).")
    rat_deadline = graphene.Date(required=True, description="Deadline of that RAT.")

    class Meta:
        description = (
            "A cooperative in the district view of the Dinas Koperasi: activity, health, "
            "warnings, marketplace sales and RAT."
        )

    @staticmethod
    def resolve_cooperative(root: DistrictRow, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda r: r.cooperative_id)

    @staticmethod
    def resolve_nomor_induk_koperasi(root: DistrictRow, info: Any) -> Any:
        return root.nomor_induk_koperasi or None

    @staticmethod
    def resolve_regency(root: DistrictRow, info: graphene.ResolveInfo) -> Any:
        return RegencyByCodeLoader(info.context).load_from(root, key=lambda r: r.regency_code)

    @staticmethod
    def resolve_province(root: DistrictRow, info: graphene.ResolveInfo) -> Any:
        return ProvinceByCodeLoader(info.context).load_from(root, key=lambda r: r.province_code)

    @staticmethod
    def resolve_has_savings_and_loan_unit(root: DistrictRow, info: Any) -> bool:
        return root.has_savings_unit

    @staticmethod
    def resolve_activity_status(root: DistrictRow, info: Any) -> str:
        status = district_selectors.activity_status(
            root.last_rat_date, root.last_sale_date, root.district_today
        )
        return status.value

    @staticmethod
    def resolve_health_category(root: DistrictRow, info: Any) -> Any:
        return root.fy_health_category or None

    @staticmethod
    def resolve_health_score(root: DistrictRow, info: Any) -> Any:
        return _float(root.fy_health_score)

    @staticmethod
    def resolve_health_financial_year(root: DistrictRow, info: Any) -> Any:
        return root.fy_health_year

    @staticmethod
    def resolve_flags(root: DistrictRow, info: graphene.ResolveInfo) -> Any:
        if not root.open_flag_kinds:
            return []
        return OpenFlagsByCooperativeLoader(info.context).load_from(
            root, key=lambda r: r.cooperative_id
        )

    @staticmethod
    def resolve_financial_year(root: DistrictRow, info: Any) -> int:
        return root.district_year

    @staticmethod
    def resolve_sales_this_year(root: DistrictRow, info: Any) -> int:
        return root.fy_sales

    @staticmethod
    def resolve_sales_previous_year(root: DistrictRow, info: Any) -> int:
        return root.fy_previous_sales

    @staticmethod
    def resolve_sales_previous_year_to_date(root: DistrictRow, info: Any) -> int:
        return root.fy_previous_sales_to_date

    @staticmethod
    def resolve_sales_trend_percent(root: DistrictRow, info: Any) -> Any:
        return _float(root.fy_trend)

    @staticmethod
    def resolve_orders_this_year(root: DistrictRow, info: Any) -> int:
        return root.fy_orders

    @staticmethod
    def resolve_rat_financial_year(root: DistrictRow, info: Any) -> int:
        return root.district_year - 1

    @staticmethod
    def resolve_rat_status(root: DistrictRow, info: Any) -> str:
        return root.fy_rat_status

    @staticmethod
    def resolve_rat_date(root: DistrictRow, info: Any) -> Any:
        return root.fy_rat_date

    @staticmethod
    def resolve_rat_days_late(root: DistrictRow, info: Any) -> Any:
        return root.fy_rat_days_late

    @staticmethod
    def resolve_rat_deadline(root: DistrictRow, info: Any) -> Any:
        return district_selectors.rat_deadline(root.district_year - 1, root.rat_deadline_months)


class DistrictCooperativeCountableConnection(CountableConnection):
    class Meta:
        node = DistrictCooperative


# --- totals --------------------------------------------------------------------------------


class DistrictActivityStatusCount(graphene.ObjectType):
    status = DistrictActivityStatusEnum(required=True, description="Activity status.")
    count = graphene.Int(required=True, description="Cooperatives with it.")

    class Meta:
        description = "How many cooperatives have an activity status."


class DistrictHealthCategoryCount(graphene.ObjectType):
    category = graphene.String(description="Health category; null for not assessed.")
    count = graphene.Int(required=True, description="Cooperatives in it.")

    class Meta:
        description = "How many cooperatives are in a health category."


class DistrictFlagCount(graphene.ObjectType):
    kind = graphene.String(required=True, description="Kind of warning.")
    count = graphene.Int(required=True, description="Cooperatives with it open.")

    class Meta:
        description = "How many cooperatives have an open warning of a kind."


class DistrictRatCounts(graphene.ObjectType):
    financial_year = graphene.Int(required=True, description="Financial year of the RATs.")
    on_time = graphene.Int(required=True, description="Held by the deadline.")
    late = graphene.Int(required=True, description="Held after the deadline.")
    missing = graphene.Int(required=True, description="Not reported, deadline passed.")
    not_due = graphene.Int(required=True, description="Not reported, deadline not passed yet.")

    class Meta:
        description = "RATs on a financial year, by state."


class DistrictMonth(graphene.ObjectType):
    month = graphene.Date(required=True, description="First day of the month.")
    financial_year = graphene.Int(required=True, description="Financial year of the month.")
    sales = Rupiah(required=True, description="Marketplace sales (net of refunds).")
    orders = graphene.Int(required=True, description="Orders.")
    cooperatives_with_sales = graphene.Int(
        required=True, description="Cooperatives with at least one order."
    )

    class Meta:
        description = "Marketplace activity of the district's cooperatives in one month."


class DistrictSummary(graphene.ObjectType):
    financial_year = graphene.Int(required=True, description="Financial year of the figures.")
    cooperatives = graphene.Int(required=True, description="Cooperatives in the scope.")
    members = graphene.Int(required=True, description="Their members.")
    by_activity_status = graphene.List(
        graphene.NonNull(DistrictActivityStatusCount),
        required=True,
        description="Cooperatives per activity status (every status, zeros included).",
    )
    by_health_category = graphene.List(
        graphene.NonNull(DistrictHealthCategoryCount),
        required=True,
        description="Cooperatives per health category of their latest assessment.",
    )
    flagged = graphene.Int(required=True, description="Cooperatives with an open warning.")
    by_flag = graphene.List(
        graphene.NonNull(DistrictFlagCount),
        required=True,
        description="Cooperatives per kind of open warning.",
    )
    sales_this_year = Rupiah(required=True, description="Marketplace sales in the year.")
    sales_previous_year = Rupiah(required=True, description="Marketplace sales the year before.")
    sales_previous_year_to_date = Rupiah(
        required=True,
        description=(
            "Lumbung: marketplace sales in the same period of the year before (up to the "
            "same day a year earlier; the whole year for a closed year)."
        ),
    )
    sales_trend_percent = graphene.Float(
        description=(
            "Change of this year to date against the same period of the year before (%); "
            "null when that period had no sales."
        )
    )
    rat = graphene.Field(
        DistrictRatCounts,
        required=True,
        description="RATs on the year before (held during this one), by state.",
    )
    monthly = graphene.List(
        graphene.NonNull(DistrictMonth),
        required=True,
        description="Each month of the year before and this year, oldest first.",
    )

    class Meta:
        description = "Totals and monthly trends of the cooperatives a Dinas office supervises."

    @staticmethod
    def resolve_by_activity_status(root: DistrictTotals, info: Any) -> list[dict[str, Any]]:
        return [
            {"status": status, "count": count} for status, count in root.by_activity_status.items()
        ]

    @staticmethod
    def resolve_by_health_category(root: DistrictTotals, info: Any) -> list[dict[str, Any]]:
        return [
            {"category": category or None, "count": count}
            for category, count in sorted(root.by_health_category.items())
        ]

    @staticmethod
    def resolve_by_flag(root: DistrictTotals, info: Any) -> list[dict[str, Any]]:
        return [{"kind": kind, "count": count} for kind, count in root.by_flag.items()]

    @staticmethod
    def resolve_sales_trend_percent(root: DistrictTotals, info: Any) -> Any:
        return _float(root.sales_trend_percent)

    @staticmethod
    def resolve_rat(root: DistrictTotals, info: Any) -> dict[str, int]:
        return {
            "financial_year": root.financial_year - 1,
            "on_time": root.rat_on_time,
            "late": root.rat_late,
            "missing": root.rat_overdue,
            "not_due": root.rat_not_due,
        }


# --- officer assignments --------------------------------------------------------------------


class DinasOfficerError(Error):
    code = DinasOfficerErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a Dinas officer assignment mutation."


class DinasOfficerAssignment(graphene.ObjectType):
    user = graphene.Field(User, required=True, description="The officer.")
    office_name = graphene.String(required=True, description="Name of the Dinas office.")
    regency = graphene.Field(
        Region, description="Regency or city supervised; null for a province assignment."
    )
    province = graphene.Field(
        Region, required=True, description="Province supervised (or the regency's province)."
    )
    is_active = graphene.Boolean(required=True, description="Whether it is in force.")
    created_at = graphene.DateTime(required=True, description="When it was made.")
    updated_at = graphene.DateTime(required=True, description="Last change.")

    class Meta:
        description = (
            "A user working for a Dinas Koperasi office, supervising the cooperatives of a "
            "regency/city or of a province."
        )
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AssignmentModel)

    @staticmethod
    def resolve_regency(root: AssignmentModel, info: Any) -> Any:
        if not root.regency_id:
            return None
        return RegencyByCodeLoader(info.context).load_from(root, key=lambda r: r.regency_id)

    @staticmethod
    def resolve_province(root: AssignmentModel, info: Any) -> Any:
        return ProvinceByCodeLoader(info.context).load_from(
            root, key=lambda r: r.province_id or (r.regency_id or "")[:2]
        )


class DinasOfficerAssignmentCountableConnection(CountableConnection):
    class Meta:
        node = DinasOfficerAssignment
