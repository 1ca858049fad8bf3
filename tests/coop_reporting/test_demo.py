"""The demo data gives every reporting view something real on first start, and loading
it again changes nothing.

``manage.py load_demo_data`` is run twice, as ``./lumbung run`` does on every start (the
regions import makes a load take seconds, so one test checks everything). The demo's
history is relative to today, so expectations that depend on the calendar (whether this
year's RAT deadline has passed) are worked out from today's date.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from coop_reporting.district.models import CooperativeReportingSummary
from coop_reporting.rat import deadlines
from coop_reporting.rat.models import HealthAssessment, KspHealthInput, RatReport
from coop_reporting.sales import periods
from coop_reporting.sales.models import (
    CooperativeFlag,
    OfflineSale,
    RollupBuyer,
    SaleFact,
    SalesRollup,
)
from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace.demo.data import DEMO_PASSWORD
from marketplace.demo.history import HISTORY_KEY
from marketplace.orders.models import Fulfillment, Order, OrderEvent, OrderLine
from marketplace.village_hubs.models import Cooperative
from storefront_api.core.ids import global_id
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

KUD_PECATU, PELAGA = "KUD Mina Segara Pecatu", "Koperasi Produsen Tani Amerta Pelaga"
KOPWAN_COLO, MERAH_PUTIH = "Kopwan Srikandi Colo", "Koperasi Desa Merah Putih Kudus"

TOKEN = """
mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field code } }
}
"""
LIST = """
query List($filter: DistrictCooperativeFilterInput, $sortBy: DistrictCooperativeSortingInput) {
  districtCooperatives(filter: $filter, sortBy: $sortBy, first: 20) {
    totalCount
    edges { node {
      name regency { code } province { code name } activityStatus lastSaleDate
      salesThisYear salesPreviousYear ordersThisYear healthCategory flags { kind reason }
      ratStatus ratDaysLate cooperative { id }
    } }
  }
}
"""
SUMMARY = """
query Summary($province: String) {
  districtSummary(province: $province) {
    cooperatives flagged byFlag { kind count } salesThisYear salesPreviousYear
    rat { financialYear onTime late missing notDue }
    monthly { month sales orders cooperativesWithSales }
  }
}
"""
PROFILE = """
query Profile($cooperative: ID!, $year: Int) {
  cooperativeActivityProfile(cooperative: $cooperative, financialYear: $year) {
    financialYear marketplaceSales offlineSales volumeUsaha orders buyers repeatBuyers
    activeProducers monthsWithSales
    salesByMonth { month marketplaceSales offlineSales orders }
    salesByCategory { name sales }
    flags { kind }
  }
}
"""
STATEMENTS = """
query Statements($cooperative: ID!, $from: Date!, $until: Date!) {
  producerStatements(cooperative: $cooperative, from: $from, until: $until) {
    producerName grossSales netOwed
  }
}
"""


def _snapshot() -> dict[str, list[tuple]]:
    """Every row the demo writes, all columns, in a stable order."""
    tables = {
        "orders": Order.objects.filter(private_metadata__has_key=HISTORY_KEY),
        "lines": OrderLine.objects.all(),
        "fulfillments": Fulfillment.objects.all(),
        "events": OrderEvent.objects.all(),
        "facts": SaleFact.objects.all(),
        "rollups": SalesRollup.objects.all(),
        "rollup buyers": RollupBuyer.objects.all(),
        "offline": OfflineSale.objects.all(),
        "rat": RatReport.objects.all(),
        "health inputs": KspHealthInput.objects.all(),
        "health": HealthAssessment.objects.all(),
        "flags": CooperativeFlag.objects.all(),
        "summaries": CooperativeReportingSummary.objects.all(),
        "officers": DinasOfficerAssignment.objects.all(),
    }
    return {
        name: sorted(map(tuple, queryset.values_list()), key=repr)
        for name, queryset in tables.items()
    }


def _signed_in(api: GraphQLClient, email: str) -> str:
    result = api.execute(TOKEN, {"email": email, "password": DEMO_PASSWORD})
    assert result["data"]["tokenCreate"]["errors"] == []
    return result["data"]["tokenCreate"]["token"]


def _data(api: GraphQLClient, query: str, variables: dict, token: str) -> dict:
    result = api.execute(query, variables, token=token)
    assert "errors" not in result, result
    return result["data"]


def _rows(api: GraphQLClient, token: str, **variables: object) -> dict[str, dict]:
    page = _data(api, LIST, variables, token)["districtCooperatives"]
    assert page["totalCount"] == len(page["edges"])
    return {edge["node"]["name"]: edge["node"] for edge in page["edges"]}


def test_demo_shows_real_reporting_on_first_start_and_a_second_load_changes_nothing(
    settings, tmp_path, client: Client
) -> None:
    # given the demo loaded as on first start, then once more
    settings.MEDIA_ROOT = str(tmp_path)
    out = io.StringIO()
    call_command("load_demo_data", force=True, stdout=out)
    first = _snapshot()
    call_command("load_demo_data", force=True, stdout=out)

    # then the second load changed nothing
    assert _snapshot() == first
    assert len(first["orders"]) > 1000
    assert "3 Dinas officers" in out.getvalue()
    pecatu = Cooperative.objects.get(name="KUD Mina Segara Pecatu")
    assert (
        f"Demo members of KUD Mina Segara Pecatu sign in at /anggota/{pecatu.pk}/masuk/ "
        "(numbers 1, 2)." in out.getvalue()
    )

    today = timezone.localdate()
    latest_closed = deadlines.latest_closed_financial_year(today)
    rat_due = today > deadlines.rat_deadline(latest_closed)
    api = GraphQLClient(client)

    # the Kudus officer sees the Kudus cooperatives: one slipping, one dormant
    kudus = _signed_in(api, "dinas.kudus@lumbung.test")
    rows = _rows(api, kudus)
    assert sorted(rows) == [MERAH_PUTIH, KOPWAN_COLO]
    assert {row["regency"]["code"] for row in rows.values()} == {"33.19"}
    slipping, dormant = rows[KOPWAN_COLO], rows[MERAH_PUTIH]
    assert [flag["kind"] for flag in slipping["flags"]] == ["sales_drop"]
    assert "50%" in slipping["flags"][0]["reason"]  # the threshold, in the reason
    assert slipping["activityStatus"] == "ACTIVE"
    dormant_kinds = {flag["kind"] for flag in dormant["flags"]}
    assert "no_sales" in dormant_kinds
    assert ("rat_overdue" in dormant_kinds) is rat_due
    assert dormant["activityStatus"] == "INACTIVE"
    last_sale = datetime.date.fromisoformat(dormant["lastSaleDate"])
    assert (today - last_sale).days > 60
    assert dormant["healthCategory"] == "Dalam Pengawasan"
    # the flag filters find each of them
    assert KOPWAN_COLO in _rows(api, kudus, filter={"flag": ["sales_drop"]})
    assert list(_rows(api, kudus, filter={"flag": ["no_sales"]})) == [MERAH_PUTIH]
    by_sales = _rows(api, kudus, sortBy={"field": "SALES_THIS_YEAR", "direction": "DESC"})
    assert all(row["salesPreviousYear"] > 0 for row in by_sales.values())

    # the Badung officer sees the two Bali cooperatives, healthy and selling
    badung = _signed_in(api, "dinas.badung@lumbung.test")
    rows = _rows(api, badung)
    assert sorted(rows) == [KUD_PECATU, PELAGA]
    for row in rows.values():
        assert row["flags"] == []
        assert row["activityStatus"] == "ACTIVE"
        assert row["salesThisYear"] > 0
        assert row["ordersThisYear"] > 0
    assert rows[KUD_PECATU]["healthCategory"] == "Sehat"
    if rat_due:
        assert rows[KUD_PECATU]["ratStatus"] == "ON_TIME"
        assert rows[PELAGA]["ratStatus"] == "LATE"
        assert rows[PELAGA]["ratDaysLate"] > 0

    # the province officer of Jawa Tengah sees Central Java, with totals and trends
    jateng = _signed_in(api, "dinas.jateng@lumbung.test")
    rows = _rows(api, jateng)
    assert sorted(rows) == [MERAH_PUTIH, KOPWAN_COLO]
    assert {row["province"]["name"] for row in rows.values()} == {"Jawa Tengah"}
    summary = _data(api, SUMMARY, {"province": "33"}, jateng)["districtSummary"]
    assert (summary["cooperatives"], summary["flagged"]) == (2, 2)
    by_flag = {count["kind"]: count["count"] for count in summary["byFlag"]}
    assert by_flag["no_sales"] == 1
    assert by_flag["sales_drop"] >= 1
    assert summary["salesPreviousYear"] > 0
    assert len(summary["monthly"]) == 24
    past_months = [m for m in summary["monthly"] if m["month"] < today.replace(day=1).isoformat()]
    assert all(month["sales"] > 0 for month in past_months[:12])  # the previous year
    assert summary["rat"]["financialYear"] == latest_closed
    if rat_due:
        assert (summary["rat"]["onTime"], summary["rat"]["missing"]) == (1, 1)
    # ... and nothing of Bali
    assert _rows(api, jateng, filter={"province": "51"}) == {}

    # the activity profile of the previous financial year has sales in all 12 months
    kud = Cooperative.objects.get(name=KUD_PECATU)
    previous_year = periods.financial_year_of(today) - 1
    variables = {"cooperative": global_id("Cooperative", kud.pk), "year": previous_year}
    profile = _data(api, PROFILE, variables, badung)["cooperativeActivityProfile"]
    assert profile["monthsWithSales"] == 12
    assert len(profile["salesByMonth"]) == 12
    assert all(month["marketplaceSales"] > 0 for month in profile["salesByMonth"])
    assert all(month["offlineSales"] > 0 for month in profile["salesByMonth"])
    assert profile["volumeUsaha"] == profile["marketplaceSales"] + profile["offlineSales"]
    assert profile["repeatBuyers"] > 0
    assert profile["activeProducers"] == 3
    assert len(profile["salesByCategory"]) >= 3

    # the pengurus reads the producers' statements of last month
    pengurus = _signed_in(api, "pengurus.kud-pecatu@lumbung.test")
    month_end = today.replace(day=1) - datetime.timedelta(days=1)
    variables = {
        "cooperative": global_id("Cooperative", kud.pk),
        "from": month_end.replace(day=1).isoformat(),
        "until": month_end.isoformat(),
    }
    statements = _data(api, STATEMENTS, variables, pengurus)["producerStatements"]
    assert len(statements) == 3
    assert all(statement["grossSales"] > 0 for statement in statements)

    # RAT reports on the last two closed years: some on time, some late
    lateness = list(RatReport.objects.values_list("days_late", flat=True))
    assert 0 in lateness
    assert any(days > 0 for days in lateness)
