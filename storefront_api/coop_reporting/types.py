"""Types of RAT reports, health assessments and cooperative activity (Lumbung-only).

Readers: the cooperative's staff (any role) and platform staff; the resolvers of the root
fields check that before handing a report out, so fields here need no further checks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from coop_reporting.rat.models import HealthAssessment as HealthAssessmentModel
from coop_reporting.rat.models import RatAttachment as RatAttachmentModel
from coop_reporting.rat.models import RatReport as RatReportModel
from coop_reporting.rat.models import RatReportStatus
from coop_reporting.rat.models import ShuDistributionLine as ShuDistributionLineModel
from storefront_api.catalog.types.common import absolute_url
from storefront_api.coop_reporting.enums import (
    RatAttachmentKindEnum,
    RatErrorCode,
    RatMethodEnum,
    RatReportStatusEnum,
)
from storefront_api.core.connection import CountableConnection
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.scalars import Decimal as SaleorDecimal
from storefront_api.core.types import Error
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.types import Cooperative

# Amounts of rupiah are Saleor's ``Decimal`` on the wire (a JSON number): GraphQL's Int
# stops at about 2.1 billion, and a custom scalar would break clients' strict scalars.
# Mutations taking them check that they are whole (``whole_rupiah``).
Rupiah = SaleorDecimal


def _number(value: Any) -> float | None:
    return None if value is None else float(Decimal(str(value)))


class RatError(Error):
    code = RatErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a RAT report or health input mutation."


class RatBalanceSheet(graphene.ObjectType):
    current_assets = Rupiah(description="Aset lancar.")
    fixed_assets = Rupiah(description="Aset tetap.")
    other_assets = Rupiah(description="Aset lain-lain.")
    total_assets = Rupiah(description="Total aset.")
    current_liabilities = Rupiah(description="Kewajiban lancar.")
    long_term_liabilities = Rupiah(description="Kewajiban jangka panjang.")
    equity_simpanan_pokok = Rupiah(description="Simpanan pokok.")
    equity_simpanan_wajib = Rupiah(description="Simpanan wajib.")
    equity_cadangan = Rupiah(description="Cadangan.")
    equity_hibah = Rupiah(description="Hibah/donasi.")
    equity_modal_penyertaan = Rupiah(description="Modal penyertaan.")
    equity_shu_tahun_berjalan = Rupiah(description="SHU tahun berjalan.")
    total_equity = Rupiah(description="Total ekuitas.")
    total_liabilities_and_equity = Rupiah(description="Total kewajiban dan ekuitas.")

    class Meta:
        description = "Neraca at the end of the financial year, in rupiah."


class RatIncomeStatement(graphene.ObjectType):
    revenue_members = Rupiah(description="Partisipasi bruto (from members).")
    revenue_other = Rupiah(description="Other income (non-members).")
    cost_of_revenue = Rupiah(description="Beban pokok.")
    operating_expenses = Rupiah(description="Beban usaha.")
    cooperative_expenses = Rupiah(description="Beban perkoperasian.")
    shu_before_tax = Rupiah(description="SHU sebelum pajak.")
    tax = Rupiah(description="Pajak.")
    shu_net = Rupiah(description="SHU bersih.")

    class Meta:
        description = "Perhitungan hasil usaha of the financial year, in rupiah."


class RatShuDistributionLine(graphene.ObjectType):
    name = graphene.String(required=True, description="Pos (e.g. dana cadangan, jasa anggota).")
    percentage = graphene.Float(required=True, description="Share of SHU bersih (%).")
    amount = Rupiah(required=True, description="Amount in rupiah.")

    class Meta:
        description = "One share of the SHU distribution."

    @staticmethod
    def resolve_percentage(root: Any, info: graphene.ResolveInfo) -> float:
        return float(root.percentage)


class RatAttachment(graphene.ObjectType):
    kind = RatAttachmentKindEnum(required=True, description="What the file is.")
    url = graphene.String(required=True, description="Absolute URL of the file.")
    file_name = graphene.String(description="Name of the uploaded file.")
    content_type = graphene.String(required=True, description="MIME type.")
    size = graphene.Int(required=True, description="Size in bytes.")
    page_count = graphene.Int(description="Pages of a PDF.")
    created_at = graphene.DateTime(required=True, description="When it was uploaded.")

    class Meta:
        description = "A file attached to a RAT report (berita acara, daftar hadir, …)."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, RatAttachmentModel)

    @staticmethod
    def resolve_url(root: RatAttachmentModel, info: graphene.ResolveInfo) -> str:
        return absolute_url(root.file.url)

    @staticmethod
    def resolve_kind(root: RatAttachmentModel, info: graphene.ResolveInfo) -> str:
        return str(root.kind)

    @staticmethod
    def resolve_file_name(root: RatAttachmentModel, info: graphene.ResolveInfo) -> str | None:
        return root.file_name or None


class _ByReportLoader(BaseLoader[int, list[Any]]):
    model: Any = None

    def batch_load(self, keys: Any) -> list[list[Any]]:
        grouped: dict[int, list[Any]] = {key: [] for key in keys}
        for row in self.model.objects.filter(report_id__in=keys):
            grouped[row.report_id].append(row)
        return [grouped[key] for key in keys]


class AttachmentsByReportLoader(_ByReportLoader):
    model = RatAttachmentModel


class ShuLinesByReportLoader(_ByReportLoader):
    model = ShuDistributionLineModel


class VersionsByYearLoader(BaseLoader[tuple[int, int], list[RatReportModel]]):
    """All versions of a (cooperative, financial year), oldest first."""

    def batch_load(self, keys: Any) -> list[list[RatReportModel]]:
        from django.db.models import Q

        condition = Q(pk__in=[])
        for cooperative_id, year in set(keys):
            condition |= Q(cooperative_id=cooperative_id, financial_year=year)
        grouped: dict[tuple[int, int], list[RatReportModel]] = {key: [] for key in keys}
        for report in RatReportModel.objects.filter(condition).order_by("version"):
            grouped.setdefault((report.cooperative_id, report.financial_year), []).append(report)
        return [grouped[key] for key in keys]


def _versions(info: graphene.ResolveInfo, report: RatReportModel) -> list[RatReportModel]:
    return VersionsByYearLoader(info.context).load_from(
        report, key=lambda r: (r.cooperative_id, r.financial_year)
    )


class RatReport(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    financial_year = graphene.Int(required=True, description="Financial year (tahun buku).")
    version = graphene.Int(required=True, description="Version: 1, then one per correction.")
    status = RatReportStatusEnum(required=True, description="Draft or submitted.")
    is_current = graphene.Boolean(
        required=True, description="Whether this is the latest submitted version of the year."
    )
    rat_date = graphene.Date(description="Date of the meeting.")
    method = RatMethodEnum(description="How the meeting was held.")
    deadline = graphene.Date(description="Last day the meeting was on time.")
    is_late = graphene.Boolean(description="Whether the meeting was held after the deadline.")
    days_late = graphene.Int(description="Days after the deadline (0 when on time).")
    members_male = graphene.Int(description="Male members.")
    members_female = graphene.Int(description="Female members.")
    members_present = graphene.Int(description="Members present at the meeting.")
    pengurus_count = graphene.Int(description="Board members (pengurus).")
    pengawas_count = graphene.Int(description="Supervisors (pengawas).")
    employee_count = graphene.Int(description="Employees (karyawan).")
    has_manager = graphene.Boolean(description="Whether the cooperative has a manager.")
    balance_sheet = graphene.Field(RatBalanceSheet, required=True, description="Neraca.")
    income_statement = graphene.Field(
        RatIncomeStatement, required=True, description="Perhitungan hasil usaha."
    )
    shu_distribution = graphene.List(
        graphene.NonNull(RatShuDistributionLine), required=True, description="SHU distribution."
    )
    work_plan = graphene.String(description="Work plan for next year (rencana kerja).")
    budget_income = Rupiah(description="Planned income next year (RAPB).")
    budget_expenses = Rupiah(description="Planned expenses next year (RAPB).")
    attachments = graphene.List(
        graphene.NonNull(RatAttachment), required=True, description="Attached files."
    )
    submitted_at = graphene.DateTime(description="When the version was submitted.")
    created_at = graphene.DateTime(required=True, description="When the version was started.")
    updated_at = graphene.DateTime(required=True, description="Last change.")
    versions = graphene.List(
        graphene.NonNull(lambda: RatReport),
        required=True,
        description="Every version of this cooperative's report for the year, oldest first.",
    )

    class Meta:
        description = "A cooperative's Rapat Anggota Tahunan report for a financial year."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, RatReportModel)

    @staticmethod
    def resolve_cooperative(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda r: r.cooperative_id)

    @staticmethod
    def resolve_status(root: RatReportModel, info: graphene.ResolveInfo) -> str:
        return str(root.status)

    @staticmethod
    def resolve_method(root: RatReportModel, info: graphene.ResolveInfo) -> str | None:
        return str(root.method) if root.method else None

    @staticmethod
    def resolve_work_plan(root: RatReportModel, info: graphene.ResolveInfo) -> str | None:
        return root.work_plan or None

    @staticmethod
    def resolve_balance_sheet(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        return root

    @staticmethod
    def resolve_income_statement(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        return root

    @staticmethod
    def resolve_shu_distribution(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        lines = ShuLinesByReportLoader(info.context).load_from(root, key=lambda r: r.pk)
        return sorted(lines, key=lambda line: (line.sort_order, line.pk))

    @staticmethod
    def resolve_attachments(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        return AttachmentsByReportLoader(info.context).load_from(root, key=lambda r: r.pk)

    @staticmethod
    def resolve_versions(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        return _versions(info, root)

    @staticmethod
    def resolve_is_current(root: RatReportModel, info: graphene.ResolveInfo) -> Any:
        submitted = [v for v in _versions(info, root) if v.status == RatReportStatus.SUBMITTED]
        return bool(submitted) and submitted[-1].pk == root.pk


class RatReportCountableConnection(CountableConnection):
    class Meta:
        node = RatReport


class HealthComponent(graphene.ObjectType):
    key = graphene.String(required=True, description="Component key in the rules.")
    name = graphene.String(required=True, description="Component name.")
    weight = graphene.Float(required=True, description="Bobot.")
    ratio = graphene.Float(description="The ratio (%); null for questionnaires.")
    nilai = graphene.Float(required=True, description="Nilai (0–100) the bands give the ratio.")
    skor = graphene.Float(required=True, description="Skor = nilai × bobot / 100.")

    class Meta:
        description = "One component of a health aspect, with the numbers behind it."

    @staticmethod
    def resolve_weight(root: dict, info: graphene.ResolveInfo) -> Any:
        return _number(root["weight"])

    @staticmethod
    def resolve_ratio(root: dict, info: graphene.ResolveInfo) -> Any:
        return _number(root["ratio"])

    @staticmethod
    def resolve_nilai(root: dict, info: graphene.ResolveInfo) -> Any:
        return _number(root["nilai"])

    @staticmethod
    def resolve_skor(root: dict, info: graphene.ResolveInfo) -> Any:
        return _number(root["skor"])

    @staticmethod
    def resolve_key(root: dict, info: graphene.ResolveInfo) -> Any:
        return root["key"]

    @staticmethod
    def resolve_name(root: dict, info: graphene.ResolveInfo) -> Any:
        return root["name"]


class HealthAspect(graphene.ObjectType):
    key = graphene.String(required=True, description="Aspect key in the rules.")
    name = graphene.String(required=True, description="Aspect name (Permodalan, …).")
    weight = graphene.Float(required=True, description="Bobot of the aspect.")
    skor = graphene.Float(required=True, description="Sum of the components' skor.")
    category = graphene.String(required=True, description="Category of the aspect's share.")
    components = graphene.List(
        graphene.NonNull(HealthComponent), required=True, description="Its components."
    )

    class Meta:
        description = "One aspect of a health assessment."

    @staticmethod
    def resolve_key(root: dict, info: graphene.ResolveInfo) -> Any:
        return root["key"]

    @staticmethod
    def resolve_name(root: dict, info: graphene.ResolveInfo) -> Any:
        return root["name"]

    @staticmethod
    def resolve_weight(root: dict, info: graphene.ResolveInfo) -> Any:
        return _number(root["weight"])

    @staticmethod
    def resolve_skor(root: dict, info: graphene.ResolveInfo) -> Any:
        return _number(root["skor"])

    @staticmethod
    def resolve_category(root: dict, info: graphene.ResolveInfo) -> Any:
        return root["category"]

    @staticmethod
    def resolve_components(root: dict, info: graphene.ResolveInfo) -> Any:
        return root["components"]


class HealthAssessment(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    financial_year = graphene.Int(required=True, description="Financial year assessed.")
    rules_id = graphene.String(required=True, description="Rules applied.")
    regulation = graphene.String(description="Regulation the rules follow.")
    is_assessable = graphene.Boolean(
        required=True, description="False when figures are missing (see missingInputs)."
    )
    total = graphene.Float(description="Total score (0–100).")
    category = graphene.String(description="Category (Sehat, Cukup Sehat, …).")
    aspects = graphene.List(
        graphene.NonNull(HealthAspect), required=True, description="Aspects and components."
    )
    missing_inputs = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Figures still missing."
    )
    computed_at = graphene.DateTime(required=True, description="When it was computed.")

    class Meta:
        description = "A savings-and-loan unit's health assessment for a financial year."

    @staticmethod
    def resolve_cooperative(root: HealthAssessmentModel, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda r: r.cooperative_id)

    @staticmethod
    def resolve_total(root: HealthAssessmentModel, info: graphene.ResolveInfo) -> Any:
        return _number(root.total)

    @staticmethod
    def resolve_category(root: HealthAssessmentModel, info: graphene.ResolveInfo) -> Any:
        return root.category or None


class CooperativeStatus(graphene.ObjectType):
    aktif = graphene.Boolean(
        required=True, description="Held an RAT in the last three years (koperasi aktif)."
    )
    rat_held_this_year = graphene.Boolean(required=True, description="Held an RAT this year.")
    rat_overdue = graphene.Boolean(
        required=True, description="The last closed year's RAT deadline passed without a report."
    )
    last_rat_date = graphene.Date(description="Date of the last RAT reported.")
    last_rat_financial_year = graphene.Int(description="Financial year of the last RAT.")
    overdue_financial_year = graphene.Int(description="Year whose RAT report is overdue.")
    overdue_deadline = graphene.Date(description="Deadline that passed.")
    days_overdue = graphene.Int(required=True, description="Days since that deadline.")
    has_recent_sales = graphene.Boolean(description="Business activity; null when not known.")

    class Meta:
        description = "A cooperative's activity status today."
