"""The per-cooperative reporting summary: refreshed by every write that changes it, equal
to a full rebuild, and following the cooperative's own data through the trigger."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from coop_reporting.district import selectors as district_selectors
from coop_reporting.district import services as district_services
from coop_reporting.district.models import CooperativeReportingSummary
from coop_reporting.rat import services as rat_services
from coop_reporting.sales import services as sales_services
from coop_reporting.sales.models import CooperativeFlag
from coop_reporting.supervision import selectors
from tests.coop_reporting.supervision.conftest import TODAY, sell
from tests.factories.coop_rat import submitted_report
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

FIGURES = (
    "name", "jenis", "regency_code", "province_code", "member_count", "sales_this_year",
    "sales_previous_year", "sales_previous_year_to_date", "sales_trend_percent",
    "orders_this_year", "last_sale_date", "last_rat_date", "rat_date", "rat_days_late",
    "health_financial_year", "health_category",
    "health_score", "open_flag_kinds",
)  # fmt: skip


def summary(cooperative) -> dict:
    return CooperativeReportingSummary.objects.filter(cooperative=cooperative).values(*FIGURES)[0]


def snapshot() -> dict:
    return {
        row["cooperative_id"]: row
        for row in CooperativeReportingSummary.objects.values("cooperative_id", *FIGURES)
    }


def test_summaries_hold_what_the_services_wrote(supervised):
    assert summary(supervised.kudus_ksp) == {
        "name": "KSP Artha Kudus",
        "jenis": "ksp",
        "regency_code": "33.19",
        "province_code": "33",
        "member_count": 300,
        "sales_this_year": 130_000,  # 30,000 + 100,000
        "sales_previous_year": 80_000,
        "sales_previous_year_to_date": 80_000,  # sold on 10 May 2025
        "sales_trend_percent": Decimal("62.5"),  # (130,000 − 80,000) / 80,000
        "orders_this_year": 2,
        "last_sale_date": datetime.date(2026, 8, 10),
        "last_rat_date": datetime.date(2026, 3, 15),
        "rat_date": datetime.date(2026, 3, 15),
        "rat_days_late": 0,
        "health_financial_year": 2025,
        "health_category": "Sehat",
        "health_score": Decimal("80.80"),
        "open_flag_kinds": ["sales_drop"],  # May–July 2026: 0 against 80,000 in 2025
    }
    expected_kud = {
        "sales_this_year": 0,
        "sales_previous_year": 200_000,
        "sales_previous_year_to_date": 0,  # its 2025 sale was on 20 November
        "sales_trend_percent": None,  # nothing to compare with up to 15 August 2025
        "last_sale_date": datetime.date(2025, 11, 20),
        "rat_date": datetime.date(2026, 7, 20),
        "rat_days_late": 20,  # deadline 30 June 2026
        "health_category": "",
        "open_flag_kinds": ["no_sales"],
    }
    kud = summary(supervised.kudus_kud)
    assert {key: kud[key] for key in expected_kud} == expected_kud
    idle = summary(supervised.kudus_idle)
    assert (idle["sales_this_year"], idle["sales_trend_percent"], idle["last_sale_date"]) == (
        0,
        None,
        None,
    )
    assert idle["open_flag_kinds"] == ["rat_overdue"]
    kopwan = summary(supervised.semarang_kopwan)
    assert (kopwan["regency_code"], kopwan["sales_trend_percent"], kopwan["health_category"]) == (
        "33.74",
        None,
        "Cukup Sehat",
    )
    assert kopwan["health_score"] == Decimal("73.30")


def test_the_trend_compares_this_year_to_date_with_the_same_period_a_year_earlier(supervised):
    # given KUD Makmur Kaliwungu's 2025: 200,000 on 20 November (in the fixture), 40,000 on
    # 10 June, 10,000 on 15 August (a year before today) and 1,000,000 on 16 August
    kud = supervised.kudus_kud
    for day, amount in (("2025-06-10", 40_000), ("2025-08-15", 10_000),
                        ("2025-08-16", 1_000_000)):  # fmt: skip
        sell(kud, supervised.kudus_hub, day, amount)
    # when it sells 60,000 on 1 June 2026 (today is 15 August 2026)
    sell(kud, supervised.kudus_hub, "2026-06-01", 60_000)
    # then this year to date is compared with 1 January–15 August 2025 only: 60,000
    # against 50,000 is +20 %, where the whole of 2025 (1,250,000) would have said −95.2 %
    row = summary(kud)
    assert (
        row["sales_this_year"],
        row["sales_previous_year"],
        row["sales_previous_year_to_date"],
        row["sales_trend_percent"],
    ) == (60_000, 1_250_000, 50_000, Decimal("20.0"))
    # and the district's totals compare the same periods: Kudus sold 130,000 + 60,000 this
    # year against 80,000 + 50,000 up to 15 August 2025
    scope = selectors.supervision_scope(supervised.kudus_officer)
    totals = district_selectors.district_totals(scope, financial_year=2026, today=TODAY)
    assert (
        totals.sales_this_year,
        totals.sales_previous_year,
        totals.sales_previous_year_to_date,
        totals.sales_trend_percent,
    ) == (190_000, 1_330_000, 130_000, Decimal("46.2"))
    # a closed year is compared whole with the year before
    past = district_selectors.district_totals(scope, financial_year=2025, today=TODAY)
    assert (past.sales_previous_year, past.sales_previous_year_to_date) == (0, 0)


def test_a_recorded_sale_refreshes_the_cooperatives_summary(supervised):
    # when the idle cooperative sells for the first time
    sell(supervised.kudus_idle, supervised.kudus_hub, "2026-08-14", 25_000)
    # then
    idle = summary(supervised.kudus_idle)
    assert (idle["sales_this_year"], idle["orders_this_year"], idle["last_sale_date"]) == (
        25_000,
        1,
        datetime.date(2026, 8, 14),
    )


def test_a_canceled_sale_is_taken_out_of_the_summary(supervised):
    # given a new paid order
    from tests.coop_reporting.sales.conftest import cancel, paid_order

    producer = supervised.kudus_ksp.producers.first()
    order = paid_order(
        supervised.kudus_hub, [(producer, 2, 10_000)], paid_at=datetime.datetime(
            2026, 8, 12, 3, tzinfo=datetime.UTC)
    )  # fmt: skip
    sales_services.order_sales_record(order_id=str(order.pk))
    assert summary(supervised.kudus_ksp)["sales_this_year"] == 150_000
    # when it is canceled after payment
    cancel(order)
    sales_services.order_sales_record(order_id=str(order.pk))
    # then
    assert summary(supervised.kudus_ksp)["sales_this_year"] == 130_000


def test_raising_and_clearing_a_flag_refreshes_the_summary(supervised):
    sales_services.cooperative_flags_set(
        cooperative=supervised.bali_kud, kind="no_sales", active=True, reason="Sepi."
    )
    assert summary(supervised.bali_kud)["open_flag_kinds"] == ["no_sales"]
    sales_services.cooperative_flags_set(
        cooperative=supervised.kudus_ksp, kind="sales_drop", active=False
    )
    assert summary(supervised.kudus_ksp)["open_flag_kinds"] == []


def test_submitting_a_rat_report_refreshes_the_summary(supervised):
    submitted_report(supervised.kudus_idle, rat_date=datetime.date(2026, 8, 1))
    idle = summary(supervised.kudus_idle)
    assert (idle["last_rat_date"], idle["rat_date"], idle["rat_days_late"]) == (
        datetime.date(2026, 8, 1),
        datetime.date(2026, 8, 1),
        32,  # 30 June → 1 August
    )


def test_a_new_health_assessment_refreshes_the_summary(supervised):
    from tests.coop_reporting.test_ksp_health import JUTA, KSP_SEJAHTERA

    rat_services.ksp_health_input_set(
        cooperative=supervised.kudus_ksp,
        financial_year=2026,
        figures={**KSP_SEJAHTERA, "kas": 200 * JUTA, "bank": 300 * JUTA},
        actor=None,
    )
    ksp = summary(supervised.kudus_ksp)
    assert (ksp["health_financial_year"], ksp["health_category"], ksp["health_score"]) == (
        2026,
        "Cukup Sehat",
        Decimal("73.30"),
    )


def test_full_rebuild_equals_the_incremental_summaries(supervised):
    # given summaries kept up to date by the services only (and a cooperative never touched)
    CooperativeFactory(name="Koperasi Baru", village=supervised.kudus_idle.village)
    incremental = snapshot()
    assert len(incremental) == 6
    # when every row is recomputed
    assert district_services.reporting_summaries_rebuild() == 6
    # then nothing changed
    assert snapshot() == incremental


def test_rebuild_reporting_command_rebuilds_the_summaries(supervised, capsys):
    CooperativeReportingSummary.objects.update(sales_this_year=1, open_flag_kinds=["stale"])
    call_command("rebuild_reporting", "--no-progress")
    assert "summaries=5" in capsys.readouterr().out
    assert summary(supervised.kudus_ksp)["sales_this_year"] == 130_000
    assert summary(supervised.bali_kud)["open_flag_kinds"] == []


def test_a_new_financial_year_moves_this_years_sales_to_the_previous_year(supervised):
    district_services.reporting_summaries_rebuild(today=datetime.date(2027, 1, 1))
    ksp = summary(supervised.kudus_ksp)
    assert (ksp["sales_this_year"], ksp["sales_previous_year"], ksp["rat_date"]) == (
        0,
        130_000,
        None,  # no RAT on 2026 yet
    )


def test_every_cooperative_has_a_summary_following_its_own_data(supervised):
    # a new cooperative has its row at once
    cooperative = CooperativeFactory(name="Koperasi Baru", village=supervised.kudus_idle.village)
    row = summary(cooperative)
    assert (row["name"], row["regency_code"], row["sales_this_year"]) == (
        "Koperasi Baru",
        "33.19",
        0,
    )
    # renaming or moving it changes the row in the same transaction
    cooperative.name = "Koperasi Baru Jaya"
    cooperative.village = supervised.bali_kud.village
    cooperative.member_count = 500
    cooperative.save()
    row = summary(cooperative)
    assert (row["name"], row["regency_code"], row["province_code"], row["member_count"]) == (
        "Koperasi Baru Jaya",
        "51.03",
        "51",
        500,
    )


def test_refresh_of_nothing_writes_nothing(supervised):
    assert district_services.reporting_summaries_refresh([]) == 0


def test_flags_in_the_summary_match_the_open_flags(supervised):
    open_kinds = sorted(
        CooperativeFlag.objects.filter(cleared_at__isnull=True).values_list("kind", flat=True)
    )
    in_summaries = sorted(
        kind
        for kinds in CooperativeReportingSummary.objects.values_list("open_flag_kinds", flat=True)
        for kind in kinds
    )
    assert in_summaries == open_kinds == ["no_sales", "rat_overdue", "rat_overdue", "sales_drop"]
    assert TODAY.year == 2026
