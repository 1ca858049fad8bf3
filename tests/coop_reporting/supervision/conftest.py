"""A supervised world: cooperatives in Kudus and Semarang (Jawa Tengah) and in Badung
(Bali), Dinas officers of Kudus and of Jawa Tengah, and a history of sales, RAT reports,
health assessments and warnings built through the services, on a pinned day.

Pinned day: 15 August 2026, financial year 2026 (January–December). The RAT on 2025 was
due by 30 June 2026. "Recent" sales are after 16 June 2026 (60 days).

* KSP Artha Kudus (ksp, Kudus): sales 80,000 in 2025, 130,000 in 2026 (last 10 August);
  RAT on 2025 on time (15 March 2026); Sehat 80.80; flag sales_drop.
* KUD Makmur Kaliwungu (kud, Kudus): 200,000 in 2025 (20 November), none in 2026; RAT on
  2025 20 days late (20 July 2026); flag no_sales.
* KOPTAN Sepi Kudus (produsen, Kudus): no sales, no RAT; flag rat_overdue.
* KOPWAN Srikandi Semarang (kopwan, Merah Putih, Kota Semarang): 45,000 on 1 July 2026;
  RAT on 2025 only drafted; Cukup Sehat 73.30; flag rat_overdue.
* KUD Mina Segara Pecatu (kud, Badung, Bali): 500,000 on 1 August 2026; its articles give
  12 months for the RAT, not due yet; no flags.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from coop_reporting.district import selectors
from coop_reporting.rat import services as rat_services
from coop_reporting.sales import services as sales_services
from coop_reporting.supervision import services
from marketplace.accounts.models import User
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative, StaffRole, VillageHub
from tests.coop_reporting.sales.conftest import paid_order
from tests.coop_reporting.test_ksp_health import JUTA, KSP_SEJAHTERA
from tests.factories.accounts import UserFactory
from tests.factories.coop_rat import draft_report, submitted_report
from tests.factories.regions import (
    DistrictFactory,
    ProvinceFactory,
    RegencyFactory,
    VillageFactory,
    village_bakalankrapyak,
    village_pecatu,
)
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    ProducerFactory,
    VillageHubFactory,
)

TODAY = datetime.date(2026, 8, 15)
YEAR = 2026
WIB = datetime.timezone(datetime.timedelta(hours=7))


# (cooperative, day paid, amount): one order of one line each.
SALES = [
    ("kudus_ksp", "2025-05-10", 80_000),
    ("kudus_ksp", "2026-03-02", 30_000),
    ("kudus_ksp", "2026-08-10", 100_000),
    ("kudus_kud", "2025-11-20", 200_000),
    ("semarang_kopwan", "2026-07-01", 45_000),
    ("bali_kud", "2026-08-01", 500_000),
]


def at(day: str) -> datetime.datetime:
    """10:00 WIB on ``day`` (YYYY-MM-DD)."""
    return datetime.datetime.fromisoformat(day).replace(hour=10, tzinfo=WIB)


def village_semarang() -> Village:
    """Jawa Tengah (WIB): 33.74.01.1001 Miroto, Semarang Tengah, Kota Semarang."""
    province = ProvinceFactory(code="33", name="Jawa Tengah")
    regency = RegencyFactory(province=province, code="33.74", name="Kota Semarang", kind="kota")
    district = DistrictFactory(regency=regency, code="33.74.01", name="Semarang Tengah")
    return VillageFactory(
        district=district, code="33.74.01.1001", name="Miroto", kind="kelurahan",
        postal_code="50134",
    )  # fmt: skip


def sell(cooperative: Cooperative, hub: VillageHub, day: str, amount: int, **kwargs) -> None:
    """One paid order of ``amount`` rupiah (one line) on ``day``, recorded as the worker
    records it."""
    producer = cooperative.producers.first() or ProducerFactory(cooperative=cooperative)
    order = paid_order(hub, [(producer, 1, amount)], paid_at=at(day), **kwargs)
    sales_services.order_sales_record(order_id=str(order.pk))


@dataclass
class Supervised:
    kudus_ksp: Cooperative
    kudus_kud: Cooperative
    kudus_idle: Cooperative
    semarang_kopwan: Cooperative
    bali_kud: Cooperative
    kudus_hub: VillageHub
    kudus_officer: User
    jateng_officer: User
    bali_officer: User
    platform_staff: User
    coop_admin: User
    customer: User

    @property
    def kudus(self) -> list[Cooperative]:
        return [self.kudus_ksp, self.kudus_kud, self.kudus_idle]

    @property
    def jateng(self) -> list[Cooperative]:
        return [*self.kudus, self.semarang_kopwan]

    @property
    def everyone(self) -> list[Cooperative]:
        return [*self.jateng, self.bali_kud]


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """Statuses, the current financial year and the summaries refer to ``TODAY``."""
    monkeypatch.setattr(selectors, "local_today", lambda: TODAY)
    return TODAY


@pytest.fixture
def supervised(db: None, today: datetime.date) -> Supervised:
    kudus, semarang, pecatu = village_bakalankrapyak(), village_semarang(), village_pecatu()
    kudus_ksp = CooperativeFactory(
        name="KSP Artha Kudus", jenis="ksp", has_savings_unit=True, village=kudus,
        nomor_induk_koperasi="3319010000000001", member_count=300,
    )  # fmt: skip
    kudus_kud = CooperativeFactory(
        name="KUD Makmur Kaliwungu", jenis="kud", village=kudus, member_count=150,
        nomor_induk_koperasi="3319010000000002",
    )  # fmt: skip
    kudus_idle = CooperativeFactory(
        name="KOPTAN Sepi Kudus", jenis="produsen", village=kudus, member_count=25,
        members_male=10, members_female=15,
    )  # fmt: skip
    semarang_kopwan = CooperativeFactory(
        name="KOPWAN Srikandi Semarang", jenis="kopwan", village=semarang, member_count=80,
        is_merah_putih=True, has_savings_unit=True, members_male=0, members_female=80,
    )  # fmt: skip
    bali_kud = CooperativeFactory(
        name="KUD Mina Segara Pecatu", jenis="kud", village=pecatu, member_count=200
    )
    kudus_hub = VillageHubFactory(village=kudus, time_zone=VillageHub.TimeZone.WIB)
    bali_hub = VillageHubFactory(village=pecatu)

    cooperatives = {
        "kudus_ksp": kudus_ksp,
        "kudus_kud": kudus_kud,
        "semarang_kopwan": semarang_kopwan,
        "bali_kud": bali_kud,
    }
    for name, day, amount in SALES:
        hub = bali_hub if name == "bali_kud" else kudus_hub
        sell(cooperatives[name], hub, day, amount)
    # RAT on 2025: on time, late; Bali's articles allow 12 months
    submitted_report(kudus_ksp, rat_date=datetime.date(2026, 3, 15))
    submitted_report(kudus_kud, rat_date=datetime.date(2026, 7, 20))
    rat_services.rat_deadline_override_set(cooperative=bali_kud, months_after_year_end=12)
    draft_report(semarang_kopwan)  # started, never submitted: still missing
    # health of the savings units (2025 books)
    rat_services.ksp_health_input_set(
        cooperative=kudus_ksp, financial_year=2025, figures=KSP_SEJAHTERA, actor=None
    )
    rat_services.ksp_health_input_set(
        cooperative=semarang_kopwan,
        financial_year=2025,
        figures={**KSP_SEJAHTERA, "kas": 200 * JUTA, "bank": 300 * JUTA},
        actor=None,
    )
    # nightly warnings
    for cooperative in (kudus_ksp, kudus_kud, kudus_idle, semarang_kopwan, bali_kud):
        sales_services.cooperative_flags_recompute(cooperative=cooperative, today=TODAY)
        rat_services.cooperative_status_refresh(cooperative=cooperative, today=TODAY)

    kudus_officer = UserFactory(email="petugas.kudus@dinas.test")
    services.dinas_officer_assign(
        user=kudus_officer, regency_code="33.19", office_name="Dinas Koperasi Kabupaten Kudus"
    )
    jateng_officer = UserFactory(email="petugas.jateng@dinas.test")
    services.dinas_officer_assign(
        user=jateng_officer, province_code="33", office_name="Dinas Koperasi Provinsi Jateng"
    )
    bali_officer = UserFactory(email="petugas.badung@dinas.test")
    services.dinas_officer_assign(
        user=bali_officer, regency_code="51.03", office_name="Dinas Koperasi Kabupaten Badung"
    )
    coop_admin = CooperativeStaffFactory(cooperative=kudus_kud, role=StaffRole.ADMIN).user
    return Supervised(
        kudus_ksp=kudus_ksp,
        kudus_kud=kudus_kud,
        kudus_idle=kudus_idle,
        semarang_kopwan=semarang_kopwan,
        bali_kud=bali_kud,
        kudus_hub=kudus_hub,
        kudus_officer=kudus_officer,
        jateng_officer=jateng_officer,
        bali_officer=bali_officer,
        platform_staff=UserFactory(is_staff=True),
        coop_admin=coop_admin,
        customer=UserFactory(),
    )
