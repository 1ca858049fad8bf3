"""The district summary's monthly trends come from each region's month totals
(``RegionMonthSales``) instead of every cooperative's month rollups: every figure must be
the same as adding up the cooperatives' months, whatever the viewer, region and year,
after sales, partial refunds and cancelations recorded one by one, after a rebuild, and
while a cooperative has just moved to another regency.

The world of ``conftest.py`` (Kudus 33.19 and Kota Semarang 33.74 in Jawa Tengah, Badung
51.03 in Bali) gets a seeded history over 2025 and 2026 on top.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop_reporting.district import selectors as district_selectors
from coop_reporting.district import services as district_services
from coop_reporting.district.models import CooperativeMonthSales, RegionMonthSales
from coop_reporting.sales import services as sales_services
from coop_reporting.sales.models import SaleFact
from coop_reporting.supervision import selectors
from marketplace.village_hubs.models import Cooperative, VillageHub
from tests.coop_reporting.sales.conftest import cancel, paid_order, refund
from tests.coop_reporting.supervision.conftest import TODAY, at, village_semarang

YEARS = (2025, 2026)


def _history(supervised) -> None:
    """About 60 orders of 1–3 lines over January 2025 – August 2026 in the three
    regencies, from six buyers; one in six refunded in part, one in eight canceled."""
    rng = random.Random(20261206)
    sellers = [supervised.kudus_ksp, supervised.kudus_kud, supervised.semarang_kopwan,
               supervised.bali_kud]  # fmt: skip
    hubs = {coop.pk: supervised.kudus_hub for coop in sellers}
    hubs[supervised.bali_kud.pk] = VillageHub.objects.get(village=supervised.bali_kud.village)
    day = datetime.date(2025, 1, 3)
    while day < TODAY:
        cooperative = rng.choice(sellers)
        producer = cooperative.producers.first()
        lines = [(producer, rng.randint(1, 3), rng.choice([5_000, 12_500, 40_000]))
                 for _ in range(rng.randint(1, 3))]  # fmt: skip
        order = paid_order(
            hubs[cooperative.pk], lines, paid_at=at(day.isoformat()),
            buyer=f"warga{rng.randint(1, 6)}@example.com",
        )  # fmt: skip
        sales_services.order_sales_record(order_id=str(order.pk))
        luck = rng.random()
        if luck < 1 / 6:
            line = order.lines.order_by("pk").first()
            refund(order, line, 1)
            sales_services.order_sales_record(order_id=str(order.pk))
        elif luck < 1 / 6 + 1 / 8:
            cancel(order)
            sales_services.order_sales_record(order_id=str(order.pk))
        day += datetime.timedelta(days=rng.randint(3, 17))


def _viewers(supervised) -> dict[str, selectors.SupervisionScope]:
    return {
        "kudus": selectors.supervision_scope(supervised.kudus_officer),
        "jateng": selectors.supervision_scope(supervised.jateng_officer),
        "badung": selectors.supervision_scope(supervised.bali_officer),
        "staff": selectors.SupervisionScope(everything=True),
        "kudus and jateng": selectors.SupervisionScope(
            regency_codes=frozenset({"33.19"}), province_codes=frozenset({"33"})
        ),
    }


FILTERS = [
    district_selectors.DistrictFilters(),
    district_selectors.DistrictFilters(regency="33.19"),
    district_selectors.DistrictFilters(regency="33.74"),
    district_selectors.DistrictFilters(province="33"),
    district_selectors.DistrictFilters(province="51"),
    district_selectors.DistrictFilters(regency="33.19", province="51"),
]


def _from_cooperatives_months(scope, filters, year) -> district_selectors.DistrictTotals:
    """Today's computation: every cooperative's month rollups added up."""
    totals = district_selectors.district_totals(
        scope, financial_year=year, today=TODAY, filters=filters
    )
    rows = district_selectors.district_summaries(
        scope, financial_year=year, today=TODAY, filters=filters
    )
    monthly = district_selectors.district_monthly_trends(rows, financial_year=year)
    return dataclasses.replace(totals, monthly=monthly)


def _assert_every_figure_as_from_the_cooperatives(supervised) -> int:
    compared = 0
    for name, scope in _viewers(supervised).items():
        for filters in FILTERS:
            for year in YEARS:
                with CaptureQueriesContext(connection) as queries:
                    totals = district_selectors.district_totals(
                        scope, financial_year=year, today=TODAY, filters=filters
                    )
                # the months come from the region totals, never from the rollups
                assert not any("coop_sales_salesrollup" in q["sql"] for q in queries), name
                assert totals == _from_cooperatives_months(scope, filters, year), (
                    name, filters, year,
                )  # fmt: skip
                compared += 1
    return compared


def _months_from_facts(cooperatives: list[Cooperative]) -> dict[datetime.date, list[int]]:
    """Sales (net of reversals) and cooperatives with a selling order per month, from the
    ledger itself: an independent path from the rollups."""
    facts = SaleFact.objects.filter(cooperative__in=cooperatives)
    sales: dict[datetime.date, int] = defaultdict(int)
    order_units: dict[tuple, int] = defaultdict(int)
    for fact in facts:
        month = fact.sale_date.replace(day=1)
        sales[month] += fact.gross_amount
        order_units[(month, fact.cooperative_id, fact.order_id)] += fact.quantity
    sellers: dict[datetime.date, set[int]] = defaultdict(set)
    for (month, cooperative_id, _order), units in order_units.items():
        if units > 0:
            sellers[month].add(cooperative_id)
    return {month: [sales[month], len(sellers[month])] for month in sales}


def _region_rows() -> tuple[set, set]:
    regions = set(
        RegionMonthSales.objects.exclude(sales=0, orders=0, cooperatives_with_sales=0)
        .values_list("region_code", "month", "sales", "orders", "cooperatives_with_sales")
    )  # fmt: skip
    counted = set(
        CooperativeMonthSales.objects.values_list(
            "cooperative_id", "month", "regency_code", "province_code", "sales", "orders"
        )
    )
    return regions, counted


@pytest.fixture
def history(supervised):
    _history(supervised)
    return supervised


def test_every_summary_figure_is_the_same_as_from_the_cooperatives_months(history):
    # given sales, refunds and cancelations recorded one by one, as the worker does
    assert SaleFact.objects.filter(kind="reversal").count() >= 5
    # then each viewer's summary, for each region filter and year, is today's figure
    assert _assert_every_figure_as_from_the_cooperatives(history) == 60
    # and the months of Jawa Tengah are those of the ledger itself
    totals = district_selectors.district_totals(
        selectors.supervision_scope(history.jateng_officer), financial_year=2026, today=TODAY
    )
    expected = _months_from_facts(history.jateng)
    for trend in totals.monthly:
        sales, sellers = expected.get(trend.month, [0, 0])
        assert (trend.sales, trend.cooperatives_with_sales) == (sales, sellers), trend.month
    assert sum(t.sales for t in totals.monthly) > 1_000_000


def test_the_rebuild_counts_the_same_months_as_the_sales_recorded_one_by_one(history):
    incremental = _region_rows()
    assert len(incremental[0]) > 40
    district_services.reporting_summaries_rebuild(today=TODAY)
    assert _region_rows() == incremental
    assert _assert_every_figure_as_from_the_cooperatives(history) == 60


def test_a_cooperative_moved_to_another_regency_counts_there_at_once(history):
    # when KSP Artha Kudus moves to Kota Semarang (the cooperative's own trigger updates
    # its summary row; no reporting service runs)
    Cooperative.objects.filter(pk=history.kudus_ksp.pk).update(village=village_semarang())
    # then the summaries already count its months in Kota Semarang, not in Kudus
    kudus = district_selectors.district_totals(
        selectors.supervision_scope(history.kudus_officer), financial_year=2026, today=TODAY
    )
    semarang = district_selectors.district_totals(
        selectors.SupervisionScope(regency_codes=frozenset({"33.74"})),
        financial_year=2026,
        today=TODAY,
    )
    assert (
        kudus.monthly
        == _from_cooperatives_months(
            selectors.supervision_scope(history.kudus_officer), None, 2026
        ).monthly
    )
    moved = _months_from_facts([history.kudus_ksp, history.semarang_kopwan])
    for trend in semarang.monthly:
        assert [trend.sales, trend.cooperatives_with_sales] == moved.get(trend.month, [0, 0])
    assert sum(t.sales for t in kudus.monthly) == sum(
        sales for sales, _n in _months_from_facts([history.kudus_kud]).values()
    )
    # and once its next sale refreshes it, the region totals follow it
    order = paid_order(history.kudus_hub, [(history.kudus_ksp.producers.first(), 1, 7_000)],
                       paid_at=at("2026-08-14"))  # fmt: skip
    sales_services.order_sales_record(order_id=str(order.pk))
    assert not district_selectors._moved_cooperatives_pending()
    assert _assert_every_figure_as_from_the_cooperatives(history) == 60
    regions, _counted = _region_rows()
    district_services.reporting_summaries_rebuild(today=TODAY)
    assert _region_rows()[0] == regions
