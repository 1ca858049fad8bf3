"""RAT reports: a balanced year of figures (rupiah) and reports built through the services."""

from __future__ import annotations

import datetime
from typing import Any

from coop_reporting.rat import services
from coop_reporting.rat.models import RatReport
from marketplace.accounts.models import User
from marketplace.village_hubs.models import Cooperative

JUTA = 1_000_000
FINANCIAL_YEAR = 2025


def balanced_figures(**overrides: Any) -> dict[str, Any]:
    """A village cooperative's 2025 books that add up (amounts in rupiah):

    assets 500 + 300 + 200 = 1,000 juta = liabilities 200 + 100 + equity 700
    (50 + 250 + 150 + 50 + 100 + SHU 100); income 800 + 100 − 500 − 200 − 50 = SHU before
    tax 150, − tax 50 = SHU bersih 100, distributed 40/40/10/10 %.
    """
    figures: dict[str, Any] = {
        "rat_date": datetime.date(FINANCIAL_YEAR + 1, 3, 15),
        "method": "tatap_muka",
        "members_male": 60,
        "members_female": 70,
        "members_present": 90,
        "pengurus_count": 3,
        "pengawas_count": 3,
        "employee_count": 4,
        "has_manager": True,
        "current_assets": 500 * JUTA,
        "fixed_assets": 300 * JUTA,
        "other_assets": 200 * JUTA,
        "total_assets": 1_000 * JUTA,
        "current_liabilities": 200 * JUTA,
        "long_term_liabilities": 100 * JUTA,
        "equity_simpanan_pokok": 50 * JUTA,
        "equity_simpanan_wajib": 250 * JUTA,
        "equity_cadangan": 150 * JUTA,
        "equity_hibah": 50 * JUTA,
        "equity_modal_penyertaan": 100 * JUTA,
        "equity_shu_tahun_berjalan": 100 * JUTA,
        "total_equity": 700 * JUTA,
        "total_liabilities_and_equity": 1_000 * JUTA,
        "revenue_members": 800 * JUTA,
        "revenue_other": 100 * JUTA,
        "cost_of_revenue": 500 * JUTA,
        "operating_expenses": 200 * JUTA,
        "cooperative_expenses": 50 * JUTA,
        "shu_before_tax": 150 * JUTA,
        "tax": 50 * JUTA,
        "shu_net": 100 * JUTA,
        "work_plan": "Membuka gerai sembako kedua dan pelatihan pengemasan produk anggota.",
        "budget_income": 950 * JUTA,
        "budget_expenses": 820 * JUTA,
    }
    figures.update(overrides)
    return figures


def shu_lines() -> list[dict[str, Any]]:
    return [
        {"name": "Dana cadangan", "percentage": "40", "amount": 40 * JUTA},
        {"name": "Jasa anggota", "percentage": "40", "amount": 40 * JUTA},
        {"name": "Dana pengurus dan pengawas", "percentage": "10", "amount": 10 * JUTA},
        {"name": "Dana pendidikan", "percentage": "10", "amount": 10 * JUTA},
    ]


def draft_report(
    cooperative: Cooperative,
    *,
    actor: User | None = None,
    financial_year: int = FINANCIAL_YEAR,
    **overrides: Any,
) -> RatReport:
    return services.rat_report_create(
        cooperative=cooperative,
        financial_year=financial_year,
        actor=actor,
        shu_distribution=shu_lines(),
        **balanced_figures(**overrides),
    )


def submitted_report(
    cooperative: Cooperative, *, actor: User | None = None, **overrides: Any
) -> RatReport:
    report = draft_report(cooperative, actor=actor, **overrides)
    return services.rat_report_submit(report=report, actor=actor)
