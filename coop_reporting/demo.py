"""Cooperative reporting's part of the demo data, so every reporting view shows something
real on first start: the district view, the activity profiles, producer statements, RAT
reports, health and the early warnings.

``manage.py load_demo_data`` runs ``reporting_demo_load`` (``settings.DEMO_DATA_LOADERS``)
after the marketplace's demo data and its sales history (``marketplace.demo.history``),
which this module reads only through the reporting services. Everything goes through
the services, so the figures are what the real flows would make:

1. Dinas officers: one for each demo regency (Badung, Kudus) and one for the province
   of Jawa Tengah (``dinas_officer_assign``).
2. Sales: the paid history orders become sale facts, rollups and summaries through
   ``reporting_rebuild`` (what ``manage.py rebuild_reporting`` runs), only when some
   paid line is not recorded yet.
3. Offline sales: KUD Mina Segara Pecatu enters its market-stall sales of every month of
   the history (``offline_sale_record``, by its pengurus).
4. RAT reports on the two last closed financial years, submitted through the services:
   some on time, some late; the Merah Putih cooperative, founded in 2025, has none, so
   its RAT is overdue.
5. KSP/USP health of the cooperatives with a savings unit (``ksp_health_input_set``).
6. Activity status and early warnings of every cooperative
   (``cooperative_statuses_refresh``: Kopwan Srikandi Colo's sales dropped, the Merah
   Putih cooperative has not sold for more than 60 days), then the summaries.

Idempotent: rows are found by natural keys (e-mail and region, cooperative and year,
cooperative and month) and created only when missing, so a second load on the same day
writes nothing. Amounts that look random come from ``random.Random`` seeded with the
demo seed.
"""

from __future__ import annotations

import datetime
import logging
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from coop_reporting.district import services as district_services
from coop_reporting.rat import deadlines
from coop_reporting.rat import services as rat_services
from coop_reporting.rat.models import HealthAssessment, KspHealthInput, RatReport
from coop_reporting.sales import periods
from coop_reporting.sales import services as sales_services
from coop_reporting.sales.models import OfflineSale, SaleFact, SalesRollup
from coop_reporting.sales.rebuild import reporting_rebuild
from coop_reporting.supervision import services as supervision_services
from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace.accounts.models import User
from marketplace.demo.data import COOPERATIVES, DEMO_PASSWORD, DEMO_SEED
from marketplace.orders.reporting import paid_order_lines_between
from marketplace.village_hubs.models import Cooperative, CooperativeStaff, StaffRole

logger = logging.getLogger(__name__)

JUTA = 1_000_000


# --- plan --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerPlan:
    email: str
    first_name: str
    last_name: str
    office_name: str
    regency: str | None = None
    province: str | None = None


OFFICERS = [
    OfficerPlan(
        "dinas.badung@lumbung.test", "Ni Putu", "Widiastuti",
        "Dinas Koperasi, Usaha Kecil dan Menengah Kabupaten Badung", regency="51.03",
    ),
    OfficerPlan(
        "dinas.kudus@lumbung.test", "Bambang", "Setiawan",
        "Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM Kabupaten Kudus", regency="33.19",
    ),
    OfficerPlan(
        "dinas.jateng@lumbung.test", "Endah", "Kusumawati",
        "Dinas Koperasi dan UKM Provinsi Jawa Tengah", province="33",
    ),
]  # fmt: skip


@dataclass(frozen=True)
class RatPlan:
    """A cooperative's RAT meetings and books. ``meetings``: (years before the latest
    closed financial year, month and day of the meeting in the year after the financial
    year). Amounts in juta rupiah for the latest closed year; a year earlier is 7 % less."""

    meetings: tuple[tuple[int, int, int], ...]
    method: str
    assets: int
    revenue: int
    pengurus: int
    employees: int
    work_plan: str


RATS = {
    "kud-pecatu": RatPlan(
        meetings=((1, 3, 22), (0, 3, 28)),  # both on time (deadline 30 June)
        method="tatap_muka", assets=850, revenue=420, pengurus=5, employees=9,
        work_plan="Menambah gudang beras, membuka kios saprotan kedua dan memperluas unit "
        "simpan pinjam bagi nelayan anggota.",
    ),
    "produsen-pelaga": RatPlan(
        meetings=((1, 5, 10), (0, 8, 15)),  # on time, then late
        method="hybrid", assets=1_250, revenue=610, pengurus=5, employees=12,
        work_plan="Membeli mesin sangrai kopi, sertifikasi indikasi geografis Kopi "
        "Arabika Pelaga dan pelatihan pewarnaan alami tenun.",
    ),
    "kopwan-colo": RatPlan(
        meetings=((1, 7, 19), (0, 6, 13)),  # late, then on time
        method="tatap_muka", assets=420, revenue=185, pengurus=3, employees=4,
        work_plan="Pelatihan pemasaran daring bagi anggota dan kemasan baru keripik tempe "
        "untuk toko oleh-oleh Kudus.",
    ),
    # "merah-putih-kudus": founded in 2025, no RAT held: its RAT is overdue.
}  # fmt: skip

SHU_SHARES = (
    ("Dana cadangan", Decimal("40")),
    ("Jasa modal anggota", Decimal("20")),
    ("Jasa usaha anggota", Decimal("25")),
    ("Dana pengurus dan pengawas", Decimal("5")),
    ("Dana karyawan", Decimal("5")),
    ("Dana pendidikan", Decimal("2.5")),
    ("Dana sosial", Decimal("2.5")),
)


@dataclass(frozen=True)
class HealthPlan:
    """A savings unit's year: its assets (juta rupiah) and the other figures as shares of
    them (loans are 70 % of the assets), management as the share of the questionnaire
    answered yes."""

    assets: int
    own_capital: float  # modal sendiri
    weighted_capital: float  # modal sendiri tertimbang (the ATMR is 70 %)
    member_loans: float  # loans to members
    bad_loans: float  # share of the loans that are in trouble
    management: float
    cash: float  # cash and bank
    member_costs: float  # beban operasi anggota
    business_costs: float  # beban usaha
    gross_surplus: float  # SHU kotor
    surplus: float  # SHU before tax, and income
    net_participation: float


SOUND, WEAK = (0.45, 0.40, 0.60), (0.25, 0.035, 0.30)  # own, weighted capital, member loans
HEALTH = {
    "kud-pecatu": {
        1: HealthPlan(600, *SOUND, 0.08, 0.8, 0.15, 0.12, 0.07, 0.10, 0.05, 0.12),  # 77.66
        0: HealthPlan(650, *SOUND, 0.04, 1.0, 0.20, 0.12, 0.07, 0.10, 0.05, 0.12),  # 80.73
    },
    "merah-putih-kudus": {
        0: HealthPlan(250, *WEAK, 0.25, 0.5, 0.03, 0.16, 0.05, 0.03, 0.008, 0.02),  # 57.71
    },
}  # categories: Cukup Sehat, Sehat, Dalam Pengawasan

OFFLINE_SALES = {
    # key: (smallest and largest monthly amount in rupiah, note)
    "kud-pecatu": (4_000_000, 7_500_000, "Penjualan beras dan gula aren di Pasar Desa Pecatu"),
}


# --- loading -----------------------------------------------------------------------------


def _cooperatives() -> dict[str, Cooperative]:
    by_nik = {plan.nomor_induk_koperasi: plan.key for plan in COOPERATIVES}
    return {
        by_nik[cooperative.nomor_induk_koperasi]: cooperative
        for cooperative in Cooperative.objects.filter(nomor_induk_koperasi__in=list(by_nik))
    }


def _officers_ensure() -> int:
    created = 0
    password = None  # hashed once: the hasher is slow on purpose
    for plan in OFFICERS:
        user = User.objects.filter(email=plan.email).first()
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                email=plan.email,
                password=password,
                first_name=plan.first_name,
                last_name=plan.last_name,
            )
        assigned = DinasOfficerAssignment.objects.filter(
            user=user,
            regency_id=plan.regency,
            province_id=plan.province,
            is_active=True,
            office_name=plan.office_name,
        ).exists()
        if not assigned:
            supervision_services.dinas_officer_assign(
                user=user,
                office_name=plan.office_name,
                regency_code=plan.regency,
                province_code=plan.province,
            )
            created += 1
    return created


def _sales_record(now: datetime.datetime) -> int:
    """Record the paid lines reporting has not seen (``reporting_rebuild``, as
    ``manage.py rebuild_reporting`` does); the number of facts added. Cheap when nothing
    is missing: only the lines paid since the last recorded sale day are read."""
    last = SaleFact.objects.order_by("-sale_date").values_list("sale_date", flat=True).first()
    if last is not None:
        since = datetime.datetime.combine(
            last - datetime.timedelta(days=2), datetime.time(), datetime.UTC
        )
        lines = {line.line_id for line in paid_order_lines_between(since, now)}
        recorded = {
            str(line_id)
            for line_id in SaleFact.objects.filter(
                order_line_id__in=list(lines), kind=SaleFact.Kind.SALE
            ).values_list("order_line_id", flat=True)
        }
        if lines <= recorded:
            return 0
    return reporting_rebuild(now=now).sales_added


def _staff_admin(cooperative: Cooperative) -> User | None:
    staff = (
        CooperativeStaff.objects.filter(cooperative=cooperative, role=StaffRole.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return staff.user if staff else None


def _offline_sales_ensure(cooperatives: dict[str, Cooperative], today: datetime.date) -> int:
    """Every month from the cooperative's first marketplace sale to last month."""
    created = 0
    for key, (low, high, note) in OFFLINE_SALES.items():
        cooperative = cooperatives.get(key)
        pengurus = _staff_admin(cooperative) if cooperative else None
        if cooperative is None or pengurus is None:
            continue
        first = SalesRollup.objects.filter(
            scope=SalesRollup.Scope.COOPERATIVE,
            scope_id=cooperative.pk,
            period=SalesRollup.Period.MONTH,
        ).aggregate(first=Min("period_start"))["first"]
        if first is None:
            continue
        entered = set(
            OfflineSale.objects.filter(cooperative=cooperative).values_list("month", flat=True)
        )
        month, this_month = first, periods.month_start(today)
        while month < this_month:
            if month not in entered:
                rng = random.Random(f"{DEMO_SEED}:offline:{key}:{month.isoformat()}")
                sales_services.offline_sale_record(
                    cooperative=cooperative,
                    month=month,
                    amount=round(rng.randint(low, high), -4),
                    note=note,
                    entered_by=pengurus,
                )
                created += 1
            month = periods.add_months(month, 1)
    return created


def _books(plan: RatPlan, cooperative: Cooperative, years_back: int) -> dict[str, Any]:
    """One year's balanced books (rupiah) and meeting facts of a cooperative."""
    factor = Decimal("0.93") ** years_back

    def amount(juta: float) -> int:
        return int((Decimal(str(juta)) * JUTA * factor).quantize(Decimal(1000)))

    assets = amount(plan.assets)
    current_assets, fixed_assets = amount(plan.assets * 0.35), amount(plan.assets * 0.55)
    liabilities = (amount(plan.assets * 0.2), amount(plan.assets * 0.15))
    revenue_members, revenue_other = amount(plan.revenue), amount(plan.revenue * 0.06)
    costs = (
        amount(plan.revenue * 0.62),
        amount(plan.revenue * 0.18),
        amount(plan.revenue * 0.04),
    )
    shu_before_tax = revenue_members + revenue_other - sum(costs)
    tax = int((Decimal(shu_before_tax) * Decimal("0.1")).quantize(Decimal(1000)))
    shu_net = shu_before_tax - tax
    members = cooperative.members_male + cooperative.members_female
    equity = {
        "equity_simpanan_pokok": members * 100_000,
        "equity_simpanan_wajib": members * 600_000,
        "equity_hibah": amount(plan.assets * 0.03),
        "equity_modal_penyertaan": 0,
        "equity_shu_tahun_berjalan": shu_net,
    }
    equity["equity_cadangan"] = assets - sum(liabilities) - sum(equity.values())
    if equity["equity_cadangan"] < 0:
        raise ValueError(f"demo books of {cooperative.name} do not balance with reserves ≥ 0")
    total_equity = sum(equity.values())
    return {
        "method": plan.method,
        "members_male": cooperative.members_male,
        "members_female": cooperative.members_female,
        "members_present": members * (70 - 5 * years_back) // 100,
        "pengurus_count": plan.pengurus,
        "pengawas_count": 3,
        "employee_count": plan.employees,
        "has_manager": plan.employees >= 8,
        "current_assets": current_assets,
        "fixed_assets": fixed_assets,
        "other_assets": assets - current_assets - fixed_assets,
        "total_assets": assets,
        "current_liabilities": liabilities[0],
        "long_term_liabilities": liabilities[1],
        **equity,
        "total_equity": total_equity,
        "total_liabilities_and_equity": sum(liabilities) + total_equity,
        "revenue_members": revenue_members,
        "revenue_other": revenue_other,
        "cost_of_revenue": costs[0],
        "operating_expenses": costs[1],
        "cooperative_expenses": costs[2],
        "shu_before_tax": shu_before_tax,
        "tax": tax,
        "shu_net": shu_net,
        "work_plan": plan.work_plan,
        "budget_income": amount(plan.revenue * 1.1),
        "budget_expenses": amount(plan.revenue * 0.9),
    }


def _shu_distribution(shu_net: int) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = [
        {"name": name, "percentage": str(percentage), "amount": int(shu_net * percentage / 100)}
        for name, percentage in SHU_SHARES
    ]
    lines[0]["amount"] += shu_net - sum(line["amount"] for line in lines)  # rounding
    return lines


def _rat_reports_ensure(cooperatives: dict[str, Cooperative], today: datetime.date) -> int:
    """Submit each planned RAT whose meeting day has passed and that has no report yet."""
    latest = deadlines.latest_closed_financial_year(today)
    created = 0
    for key, plan in RATS.items():
        cooperative = cooperatives.get(key)
        pengurus = _staff_admin(cooperative) if cooperative else None
        if cooperative is None or pengurus is None:
            continue
        for years_back, month, day in plan.meetings:
            year = latest - years_back
            rat_date = datetime.date(year + 1, month, day)
            if rat_date >= today:
                continue
            if RatReport.objects.filter(cooperative=cooperative, financial_year=year).exists():
                continue
            books = _books(plan, cooperative, years_back)
            report = rat_services.rat_report_create(
                cooperative=cooperative,
                financial_year=year,
                actor=pengurus,
                shu_distribution=_shu_distribution(books["shu_net"]),
                rat_date=rat_date,
                **books,
            )
            rat_services.rat_report_submit(report=report, actor=pengurus)
            created += 1
    return created


def _health_figures(plan: HealthPlan) -> dict[str, int]:
    """The figures the KSP health rules read (rupiah, whole thousands; yes-counts)."""
    assets = plan.assets * JUTA
    loans = assets * 0.7

    def part(share: float, of: float = assets) -> int:
        return int(round(of * share, -3))

    questionnaire = {"manajemen_umum_ya": 12, "kelembagaan_ya": 6, "manajemen_permodalan_ya": 5,
                     "manajemen_aktiva_ya": 10, "manajemen_likuiditas_ya": 5}  # fmt: skip
    return {
        "total_aset": assets,
        "modal_sendiri": part(plan.own_capital),
        "modal_sendiri_tertimbang": part(plan.weighted_capital),
        "atmr": part(1, loans),
        "pinjaman_berisiko": part(0.3),
        "volume_pinjaman_anggota": part(plan.member_loans),
        "volume_pinjaman": part(1, loans),
        "pinjaman_diberikan": part(1, loans),
        "pinjaman_kurang_lancar": part(plan.bad_loans * 0.5, loans),
        "pinjaman_diragukan": part(plan.bad_loans * 0.3, loans),
        "pinjaman_macet": part(plan.bad_loans * 0.2, loans),
        "cadangan_risiko": part(plan.bad_loans * 0.5, loans),
        **{name: round(count * plan.management) for name, count in questionnaire.items()},
        "beban_operasi_anggota": part(plan.member_costs),
        "partisipasi_bruto": part(0.18),
        "beban_usaha": part(plan.business_costs),
        "shu_kotor": part(plan.gross_surplus),
        "biaya_karyawan": part(0.03),
        "kas": part(plan.cash * 0.4),
        "bank": part(plan.cash * 0.6),
        "kewajiban_lancar": part(0.5),
        "dana_diterima": part(0.4),
        "shu_sebelum_pajak": part(plan.surplus),
        "shu_bagian_anggota": part(0.02),
        "partisipasi_neto": part(plan.net_participation),
        "beban_perkoperasian": part(0.02),
        "pendapatan": part(plan.surplus),
        "meppp": part(0.01),
        "simpanan_pokok": part(0.05),
        "simpanan_wajib": part(0.2),
    }


def _health_ensure(cooperatives: dict[str, Cooperative], today: datetime.date) -> int:
    latest = deadlines.latest_closed_financial_year(today)
    created = 0
    for key, years in HEALTH.items():
        cooperative = cooperatives.get(key)
        if cooperative is None or not cooperative.has_savings_unit:
            continue
        pengurus = _staff_admin(cooperative)
        for years_back, plan in years.items():
            year = latest - years_back
            if KspHealthInput.objects.filter(cooperative=cooperative, financial_year=year).exists():
                continue
            rat_services.ksp_health_input_set(
                cooperative=cooperative,
                financial_year=year,
                figures=_health_figures(plan),
                actor=pengurus,
            )
            created += 1
    return created


@transaction.atomic
def reporting_demo_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load reporting's demo data (see the module docstring); how many demo rows exist."""
    today = today or timezone.localdate()
    now = timezone.now()
    cooperatives = _cooperatives()
    written = _officers_ensure()
    written += _sales_record(now)
    written += _offline_sales_ensure(cooperatives, today)
    written += _rat_reports_ensure(cooperatives, today)
    written += _health_ensure(cooperatives, today)
    # Time passes between loads: warnings and statuses as of today (writes only changes).
    rat_services.cooperative_statuses_refresh(today=today)
    if written:
        district_services.reporting_summaries_rebuild(today=today)
    ids = [cooperative.pk for cooperative in cooperatives.values()]
    counts = {
        "Dinas officers": DinasOfficerAssignment.objects.filter(
            user__email__in=[plan.email for plan in OFFICERS], is_active=True
        ).count(),
        "sale facts": SaleFact.objects.filter(cooperative_id__in=ids).count(),
        "offline sales": OfflineSale.objects.filter(cooperative_id__in=ids).count(),
        "RAT reports": RatReport.objects.filter(cooperative_id__in=ids).count(),
        "health assessments": HealthAssessment.objects.filter(cooperative_id__in=ids).count(),
    }
    logger.info("reporting_demo_loaded", extra={"written": written, **counts})
    return counts
