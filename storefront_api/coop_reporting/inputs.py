"""Inputs of the RAT report and health mutations (money: whole rupiah)."""

from __future__ import annotations

import graphene

from storefront_api.coop_reporting.enums import RatMethodEnum
from storefront_api.coop_reporting.types import Rupiah
from storefront_api.core.scalars import Decimal


class RatBalanceSheetInput(graphene.InputObjectType):
    current_assets = Rupiah(description="Aset lancar.")
    fixed_assets = Rupiah(description="Aset tetap.")
    other_assets = Rupiah(description="Aset lain-lain.")
    total_assets = Rupiah(description="Total aset: the sum of the three above.")
    current_liabilities = Rupiah(description="Kewajiban lancar.")
    long_term_liabilities = Rupiah(description="Kewajiban jangka panjang.")
    equity_simpanan_pokok = Rupiah(description="Simpanan pokok.")
    equity_simpanan_wajib = Rupiah(description="Simpanan wajib.")
    equity_cadangan = Rupiah(description="Cadangan.")
    equity_hibah = Rupiah(description="Hibah/donasi.")
    equity_modal_penyertaan = Rupiah(description="Modal penyertaan.")
    equity_shu_tahun_berjalan = Rupiah(description="SHU tahun berjalan (= SHU bersih).")
    total_equity = Rupiah(description="Total ekuitas: the sum of the equity items.")
    total_liabilities_and_equity = Rupiah(
        description="Total kewajiban dan ekuitas: equal to total aset."
    )


class RatIncomeStatementInput(graphene.InputObjectType):
    revenue_members = Rupiah(description="Partisipasi bruto (from members).")
    revenue_other = Rupiah(description="Other income (non-members).")
    cost_of_revenue = Rupiah(description="Beban pokok.")
    operating_expenses = Rupiah(description="Beban usaha.")
    cooperative_expenses = Rupiah(description="Beban perkoperasian.")
    shu_before_tax = Rupiah(description="SHU sebelum pajak: income minus the three costs.")
    tax = Rupiah(description="Pajak.")
    shu_net = Rupiah(description="SHU bersih: SHU sebelum pajak minus pajak.")


class RatShuDistributionLineInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Pos (e.g. dana cadangan).")
    percentage = Decimal(required=True, description="Share of SHU bersih (%).")
    amount = Rupiah(required=True, description="Amount in rupiah.")


class RatReportInput(graphene.InputObjectType):
    rat_date = graphene.Date(description="Date of the meeting.")
    method = RatMethodEnum(description="How the meeting was held.")
    members_male = graphene.Int(description="Male members.")
    members_female = graphene.Int(description="Female members.")
    members_present = graphene.Int(description="Members present (at most all members).")
    pengurus_count = graphene.Int(description="Board members (pengurus).")
    pengawas_count = graphene.Int(description="Supervisors (pengawas).")
    employee_count = graphene.Int(description="Employees.")
    has_manager = graphene.Boolean(description="Whether the cooperative has a manager.")
    balance_sheet = RatBalanceSheetInput(description="Neraca figures to set.")
    income_statement = RatIncomeStatementInput(description="Income statement figures to set.")
    shu_distribution = graphene.List(
        graphene.NonNull(RatShuDistributionLineInput),
        description="SHU distribution; replaces every line. Must add up to 100% and SHU bersih.",
    )
    work_plan = graphene.String(description="Work plan for next year.")
    budget_income = Rupiah(description="Planned income next year (RAPB).")
    budget_expenses = Rupiah(description="Planned expenses next year (RAPB).")


class RatReportCreateInput(RatReportInput):
    cooperative = graphene.ID(required=True, description="ID of the cooperative.")
    financial_year = graphene.Int(required=True, description="Financial year (tahun buku).")


class KspHealthFigureInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Input name of the rules (e.g. kas).")
    value = Rupiah(description="Rupiah amount or yes-count; null removes the figure.")
