"""cooperativeActivityProfile and cooperativeFlags over /graphql/: the figures of a sales
history written out below, and who may read them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop_reporting.sales import services
from tests.factories.catalog import CategoryFactory
from tests.factories.coop_sales import paid_order, sales_history
from tests.storefront_api.village_hubs.conftest import (
    assert_permission_denied,
    gid,
    token_for,
)

pytestmark = pytest.mark.django_db

PROFILE = """
query Profile($cooperative: ID!, $year: Int) {
  cooperativeActivityProfile(cooperative: $cooperative, financialYear: $year) {
    cooperative { name }
    financialYear startsOn endsOn
    marketplaceSales offlineSales volumeUsaha unitsSold orders buyers repeatBuyers
    activeProducers memberCount memberParticipation monthsWithSales
    trend {
      previousFinancialYear previousMarketplaceSales marketplaceSalesChangePercent
      previousVolumeUsaha volumeUsahaChangePercent previousOrders ordersChangePercent
      previousBuyers buyersChangePercent previousActiveProducers activeProducersChangePercent
    }
    salesByMonth {
      month marketplaceSales offlineSales volumeUsaha orders unitsSold previousYearVolumeUsaha
    }
    salesByCategory { categoryId name unitsSold sales }
    offlineSaleEntries { month amount note }
    flags { kind label reason }
  }
}
"""
FLAGS = """
query Flags($cooperative: ID!) {
  cooperativeFlags(cooperative: $cooperative) { kind label reason raisedAt }
}
"""


@pytest.fixture
def history(world):
    return sales_history(world.coop_a, entered_by=world.admin_a)


def test_profile_of_2024_with_every_figure(api, world, history):
    # given the history of tests/factories/coop_sales.py and an open warning
    services.cooperative_flags_set(
        cooperative=world.coop_a, kind="sales_drop", active=True, reason="Turun 60%."
    )
    # when a staff member of the cooperative reads 2024
    result = api(
        PROFILE,
        {"cooperative": gid("Cooperative", world.coop_a.pk), "year": 2024},
        as_user=world.staff_a,
    )
    # then
    assert "errors" not in result, result
    profile = result["data"]["cooperativeActivityProfile"]
    assert profile["cooperative"] == {"name": "Koperasi Pecatu Makmur"}
    assert (profile["financialYear"], profile["startsOn"], profile["endsOn"]) == (
        2024,
        "2024-01-01",
        "2024-12-31",
    )
    # 2 × 15.000 + 1 × 40.000 + 3 × 10.000; Madu's 40.000 was canceled
    assert profile["marketplaceSales"] == 100_000
    assert profile["offlineSales"] == 100_000
    assert profile["volumeUsaha"] == 200_000
    assert (profile["unitsSold"], profile["orders"]) == (6, 3)
    assert (profile["buyers"], profile["repeatBuyers"]) == (2, 1)  # a twice, b once
    assert profile["activeProducers"] == 2  # Keripik and Kopi; Madu's sale was canceled
    # the typed count without a member register; participation unknown
    assert (profile["memberCount"], profile["memberParticipation"]) == (40, None)
    assert profile["monthsWithSales"] == 3  # February, July, September (offline)
    assert profile["trend"] == {
        "previousFinancialYear": 2023,
        "previousMarketplaceSales": 20_000,
        "marketplaceSalesChangePercent": 400.0,  # 100.000 against 20.000
        "previousVolumeUsaha": 20_000,
        "volumeUsahaChangePercent": 900.0,  # 200.000 against 20.000
        "previousOrders": 1,
        "ordersChangePercent": 200.0,
        "previousBuyers": 1,
        "buyersChangePercent": 100.0,
        "previousActiveProducers": 1,
        "activeProducersChangePercent": 100.0,
    }
    months = {month["month"]: month for month in profile["salesByMonth"]}
    assert len(months) == 12
    assert months["2024-02-01"] == {
        "month": "2024-02-01",
        "marketplaceSales": 70_000,
        "offlineSales": 0,
        "volumeUsaha": 70_000,
        "orders": 2,
        "unitsSold": 3,
        "previousYearVolumeUsaha": 0,
    }
    assert months["2024-05-01"]["previousYearVolumeUsaha"] == 20_000
    assert (months["2024-07-01"]["marketplaceSales"], months["2024-07-01"]["orders"]) == (
        30_000,
        1,
    )
    assert months["2024-08-01"]["marketplaceSales"] == 0  # canceled
    assert (months["2024-09-01"]["offlineSales"], months["2024-09-01"]["volumeUsaha"]) == (
        100_000,
        100_000,
    )
    assert profile["salesByCategory"] == [
        {
            "categoryId": gid("Category", history.camilan.pk),
            "name": "Camilan",
            "unitsSold": 5,
            "sales": 60_000,
        },
        {
            "categoryId": gid("Category", history.minuman.pk),
            "name": "Minuman",
            "unitsSold": 1,
            "sales": 40_000,
        },
    ]
    assert profile["offlineSaleEntries"] == [
        {"month": "2024-09-01", "amount": 100_000, "note": "Pasar desa"}
    ]
    assert profile["flags"] == [
        {"kind": "sales_drop", "label": "Sales dropped", "reason": "Turun 60%."}
    ]


def test_profile_defaults_to_the_current_year_and_refuses_years_out_of_range(api, world, history):
    result = api(
        PROFILE, {"cooperative": gid("Cooperative", world.coop_a.pk)}, as_user=world.admin_a
    )
    profile = result["data"]["cooperativeActivityProfile"]
    assert profile["marketplaceSales"] == 0  # nothing sold this year
    assert profile["trend"]["previousFinancialYear"] == profile["financialYear"] - 1

    future = api(
        PROFILE,
        {"cooperative": gid("Cooperative", world.coop_a.pk), "year": 2999},
        as_user=world.admin_a,
    )
    assert future["data"]["cooperativeActivityProfile"] is None
    assert "Choose a financial year" in future["errors"][0]["message"]


def test_profile_and_flags_are_private_to_the_cooperative(api, world, history):
    services.cooperative_flags_set(
        cooperative=world.coop_a, kind="no_sales", active=True, reason="Sepi."
    )
    variables = {"cooperative": gid("Cooperative", world.coop_a.pk), "year": 2024}
    for user in (world.admin_b, world.customer, world.operator_1, None):
        assert_permission_denied(api(PROFILE, variables, as_user=user))
        assert_permission_denied(
            api(FLAGS, {"cooperative": variables["cooperative"]}, as_user=user)
        )
    # platform staff may read everything; labels follow the requestor's language
    staff = api.gql.execute(
        FLAGS,
        {"cooperative": variables["cooperative"]},
        token=token_for(world.platform_staff),
        headers={"Accept-Language": "id"},
    )
    assert [flag["kind"] for flag in staff["data"]["cooperativeFlags"]] == ["no_sales"]
    assert staff["data"]["cooperativeFlags"][0]["label"] == "Tidak ada penjualan"


def test_unknown_cooperative_is_null(api, world):
    result = api(
        PROFILE, {"cooperative": gid("Cooperative", 987_654), "year": 2024}, as_user=world.admin_a
    )
    assert result["data"]["cooperativeActivityProfile"] is None


def _profile_queries(api, world) -> int:
    variables = {"cooperative": gid("Cooperative", world.coop_a.pk), "year": 2024}
    with CaptureQueriesContext(connection) as queries:
        result = api(PROFILE, variables, as_user=world.staff_a)
    assert "errors" not in result, result
    return len(queries)


def test_profile_queries_do_not_grow_with_sales(api, world, history):
    before = _profile_queries(api, world)
    for index in range(4):
        paid_order(
            history.hub,
            [(history.kopi, CategoryFactory(name=f"Tenun {index}"), 1, 50_000)],
            paid_on=datetime.date(2024, 10, 1 + index),
            buyer=f"n{index}@x.id",
        )
        services.offline_sale_record(
            cooperative=world.coop_a,
            month=datetime.date(2024, 11, 1),
            amount=10_000,
            entered_by=world.admin_a,
        )
    assert _profile_queries(api, world) == before
