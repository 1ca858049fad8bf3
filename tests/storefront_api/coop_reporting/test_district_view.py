"""The district view over /graphql/: scoping, filters, sorts, pages, totals and monthly
trends, the officer's read-only access to a cooperative's reporting, query counts."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop_reporting.sales import services as sales_services
from tests.coop_reporting.supervision.conftest import SALES
from tests.factories.village_hubs import CooperativeFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

ROW = """
  name nomorIndukKoperasi jenis regency { code name } province { code name }
  memberCount hasSavingsAndLoanUnit isMerahPutih activityStatus lastRatDate lastSaleDate
  healthCategory healthScore healthFinancialYear flags { kind reason }
  financialYear salesThisYear salesPreviousYear salesTrendPercent ordersThisYear
  ratFinancialYear ratStatus ratDate ratDaysLate ratDeadline
  cooperative { id name }
"""
LIST = f"""
query List($filter: DistrictCooperativeFilterInput, $sortBy: DistrictCooperativeSortingInput,
           $year: Int, $first: Int, $after: String, $last: Int, $before: String) {{
  districtCooperatives(filter: $filter, sortBy: $sortBy, financialYear: $year, first: $first,
                       after: $after, last: $last, before: $before) {{
    totalCount
    pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
    edges {{ node {{ {ROW} }} }}
  }}
}}
"""
SUMMARY = """
query Summary($regency: String, $province: String, $year: Int) {
  districtSummary(regency: $regency, province: $province, financialYear: $year) {
    financialYear cooperatives members
    byActivityStatus { status count }
    byHealthCategory { category count }
    flagged byFlag { kind count }
    salesThisYear salesPreviousYear salesTrendPercent
    rat { financialYear onTime late missing notDue }
    monthly { month financialYear sales orders cooperativesWithSales }
  }
}
"""
KOPTAN, KOPWAN = "KOPTAN Sepi Kudus", "KOPWAN Srikandi Semarang"
KSP, KUD, BALI = "KSP Artha Kudus", "KUD Makmur Kaliwungu", "KUD Mina Segara Pecatu"
ALL = [KOPTAN, KOPWAN, KSP, KUD, BALI]


def district(api, user, **variables):
    result = api(LIST, {"first": 100, **variables}, as_user=user)
    assert "errors" not in result, result
    return result["data"]["districtCooperatives"]


def names(page):
    return [edge["node"]["name"] for edge in page["edges"]]


# --- scoping -------------------------------------------------------------------------------


def test_kudus_officer_sees_the_kudus_cooperatives_with_their_figures(api, supervised):
    page = district(api, supervised.kudus_officer)
    assert names(page) == [KOPTAN, KSP, KUD]
    assert page["totalCount"] == 3
    ksp = page["edges"][1]["node"]
    assert ksp == {
        "name": KSP,
        "nomorIndukKoperasi": "3319010000000001",
        "jenis": "KSP",
        "regency": {"code": "33.19", "name": "Kabupaten Kudus"},
        "province": {"code": "33", "name": "Jawa Tengah"},
        "memberCount": 300,
        "hasSavingsAndLoanUnit": True,
        "isMerahPutih": False,
        "activityStatus": "ACTIVE",
        "lastRatDate": "2026-03-15",
        "lastSaleDate": "2026-08-10",
        "healthCategory": "Sehat",
        "healthScore": 80.80,
        "healthFinancialYear": 2025,
        "flags": [
            {
                "kind": "sales_drop",
                "reason": "Marketplace sales from 2026-05 to 2026-07 were Rp0, 100% less than "
                "Rp80.000 a year earlier (warning at a drop of 50% or more).",
            }
        ],
        "financialYear": 2026,
        "salesThisYear": 130_000,
        "salesPreviousYear": 80_000,
        "salesTrendPercent": 62.5,
        "ordersThisYear": 2,
        "ratFinancialYear": 2025,
        "ratStatus": "ON_TIME",
        "ratDate": "2026-03-15",
        "ratDaysLate": 0,
        "ratDeadline": "2026-06-30",
        "cooperative": {"id": gid("Cooperative", supervised.kudus_ksp.pk), "name": KSP},
    }
    kud = page["edges"][2]["node"]
    assert (kud["activityStatus"], kud["ratStatus"], kud["ratDaysLate"]) == (
        "NO_RECENT_SALES",
        "LATE",
        20,
    )
    assert (kud["salesTrendPercent"], kud["healthCategory"], kud["healthScore"]) == (
        None,  # its 2025 sale (20 November) is after 15 August: nothing to compare with
        None,
        None,
    )
    koptan = page["edges"][0]["node"]
    assert (koptan["activityStatus"], koptan["ratStatus"], koptan["lastSaleDate"]) == (
        "INACTIVE",
        "OVERDUE",
        None,
    )
    assert [flag["kind"] for flag in koptan["flags"]] == ["rat_overdue"]


def test_province_officer_sees_all_of_central_java_and_nothing_in_bali(api, supervised):
    page = district(api, supervised.jateng_officer)
    assert names(page) == [KOPTAN, KOPWAN, KSP, KUD]
    kopwan = page["edges"][1]["node"]
    assert (kopwan["regency"]["name"], kopwan["isMerahPutih"], kopwan["ratStatus"]) == (
        "Kota Semarang",
        True,
        "OVERDUE",
    )


def test_platform_staff_see_every_cooperative(api, supervised):
    page = district(api, supervised.platform_staff)
    assert names(page) == ALL
    bali = page["edges"][4]["node"]
    assert (bali["ratStatus"], bali["ratDeadline"], bali["activityStatus"]) == (
        "NOT_DUE",  # the cooperative's articles give 12 months
        "2026-12-31",
        "NO_RECENT_RAT",
    )


@pytest.mark.parametrize("who", ["coop_admin", "customer", None])
def test_cooperative_staff_customers_and_anonymous_are_refused(api, supervised, who):
    user = getattr(supervised, who) if who else None
    assert_permission_denied(api(LIST, {"first": 10}, as_user=user))
    assert_permission_denied(api(SUMMARY, as_user=user))


def test_an_unassigned_officer_is_refused(api, supervised):
    from coop_reporting.supervision.models import DinasOfficerAssignment

    DinasOfficerAssignment.objects.filter(user=supervised.kudus_officer).update(is_active=False)
    assert_permission_denied(api(LIST, {"first": 10}, as_user=supervised.kudus_officer))


@pytest.mark.parametrize("region", [{"regency": "51.03"}, {"province": "51"}, {"regency": "33.74"}])
def test_a_region_outside_the_officers_scope_gives_an_empty_list(api, supervised, region):
    page = district(api, supervised.kudus_officer, filter=region)
    assert (page["totalCount"], page["edges"]) == (0, [])
    summary = api(SUMMARY, region, as_user=supervised.kudus_officer)["data"]["districtSummary"]
    assert (summary["cooperatives"], summary["salesThisYear"]) == (0, 0)


def test_a_region_inside_the_scope_narrows_it(api, supervised):
    page = district(api, supervised.jateng_officer, filter={"regency": "33.74"})
    assert names(page) == [KOPWAN]


@pytest.mark.parametrize(
    ("argument", "value"), [("regency", "3319"), ("province", "33.19"), ("regency", "Kudus")]
)
def test_a_malformed_region_code_is_an_error(api, supervised, argument, value):
    result = api(LIST, {"first": 5, "filter": {argument: value}}, as_user=supervised.platform_staff)
    assert result["data"]["districtCooperatives"] is None
    assert f"Invalid `{argument}` code" in result["errors"][0]["message"]


# --- filters and sorts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"search": "kudus"}, [KOPTAN, KSP]),
        ({"search": "331901000000000"}, [KSP, KUD]),
        ({"cooperativeType": ["KUD"]}, [KUD, BALI]),
        ({"cooperativeType": ["KSP", "KOPWAN"]}, [KOPWAN, KSP]),
        ({"activityStatus": ["ACTIVE"]}, [KSP]),
        ({"activityStatus": ["NO_RECENT_SALES"]}, [KUD]),
        ({"activityStatus": ["NO_RECENT_RAT"]}, [KOPWAN, BALI]),
        ({"activityStatus": ["INACTIVE"]}, [KOPTAN]),
        ({"activityStatus": ["ACTIVE", "INACTIVE"]}, [KOPTAN, KSP]),
        ({"healthCategory": ["Sehat"]}, [KSP]),
        ({"healthCategory": ["Cukup Sehat", "Sehat"]}, [KOPWAN, KSP]),
        ({"flag": ["rat_overdue"]}, [KOPTAN, KOPWAN]),
        ({"flag": ["sales_drop", "no_sales"]}, [KSP, KUD]),
        ({"flagged": True}, [KOPTAN, KOPWAN, KSP, KUD]),
        ({"flagged": False}, [BALI]),
        ({"hasSavingsAndLoanUnit": True}, [KOPWAN, KSP]),
        ({"hasSavingsAndLoanUnit": False}, [KOPTAN, KUD, BALI]),
        ({"merahPutih": True}, [KOPWAN]),
        ({"regency": "33.19"}, [KOPTAN, KSP, KUD]),
        ({"province": "51"}, [BALI]),
        ({"province": "33", "cooperativeType": ["KUD"], "flagged": True}, [KUD]),
    ],
)
def test_each_filter(api, supervised, filter_, expected):
    page = district(api, supervised.platform_staff, filter=filter_)
    assert names(page) == expected
    assert page["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("field", "direction", "expected"),
    [
        ("NAME", "ASC", ALL),
        ("NAME", "DESC", ALL[::-1]),
        ("SALES_THIS_YEAR", "DESC", [BALI, KSP, KOPWAN, KOPTAN, KUD]),  # 0 and 0: by name
        ("SALES_THIS_YEAR", "ASC", [KOPTAN, KUD, KOPWAN, KSP, BALI]),
        ("SALES_TREND", "DESC", [KSP, KOPTAN, KOPWAN, KUD, BALI]),  # no trend: last
        ("SALES_TREND", "ASC", [KSP, KOPTAN, KOPWAN, KUD, BALI]),
        ("HEALTH_SCORE", "DESC", [KSP, KOPWAN, KOPTAN, KUD, BALI]),
        ("HEALTH_SCORE", "ASC", [KOPWAN, KSP, KOPTAN, KUD, BALI]),
        ("LAST_SALE_DATE", "DESC", [KSP, BALI, KOPWAN, KUD, KOPTAN]),
        ("LAST_SALE_DATE", "ASC", [KUD, KOPWAN, BALI, KSP, KOPTAN]),
        ("MEMBERS", "DESC", [KSP, BALI, KUD, KOPWAN, KOPTAN]),
        ("MEMBERS", "ASC", [KOPTAN, KOPWAN, KUD, BALI, KSP]),
    ],
)
def test_each_sort_and_its_pages_both_ways(api, supervised, field, direction, expected):
    sort_by = {"field": field, "direction": direction}
    staff = supervised.platform_staff
    assert names(district(api, staff, sortBy=sort_by)) == expected
    # forwards two at a time
    seen, after = [], None
    while True:
        page = district(api, staff, sortBy=sort_by, first=2, after=after)
        assert page["totalCount"] == 5
        seen += names(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected
    # backwards two at a time
    seen, before = [], None
    while True:
        page = district(api, staff, sortBy=sort_by, first=None, last=2, before=before)
        seen = names(page) + seen
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert seen == expected


def test_more_than_100_records_are_refused(api, supervised):
    result = api(LIST, {"first": 101}, as_user=supervised.platform_staff)
    assert "exceeds the `first` limit of 100 records" in result["errors"][0]["message"]


def test_a_past_financial_year_shows_that_years_figures(api, supervised):
    page = district(api, supervised.kudus_officer, year=2025, sortBy={
        "field": "SALES_THIS_YEAR", "direction": "DESC"})  # fmt: skip
    assert names(page) == [KUD, KSP, KOPTAN]
    kud = page["edges"][0]["node"]
    assert (kud["financialYear"], kud["salesThisYear"], kud["salesPreviousYear"]) == (
        2025,
        200_000,
        0,
    )
    assert (kud["ratFinancialYear"], kud["ratStatus"], kud["ratDeadline"]) == (
        2024,
        "OVERDUE",
        "2025-06-30",
    )
    result = api(LIST, {"first": 5, "year": 2027}, as_user=supervised.kudus_officer)
    assert "Invalid `financialYear`" in result["errors"][0]["message"]


# --- totals and monthly trends -------------------------------------------------------------


def expected_months(cooperatives: set[str]) -> dict[str, tuple[int, int, int]]:
    """Month → (sales, orders, cooperatives with sales), worked out from the fixture's
    sales: one order per sale."""
    sales: dict[str, int] = defaultdict(int)
    orders: dict[str, int] = defaultdict(int)
    sellers: dict[str, set[str]] = defaultdict(set)
    for name, day, amount in SALES:
        if name in cooperatives:
            month = day[:7] + "-01"
            sales[month] += amount
            orders[month] += 1
            sellers[month].add(name)
    return {month: (sales[month], orders[month], len(sellers[month])) for month in sales}


def test_district_summary_totals_and_monthly_trends(api, supervised):
    result = api(SUMMARY, as_user=supervised.jateng_officer)
    assert "errors" not in result, result
    summary = result["data"]["districtSummary"]
    jateng = {"kudus_ksp", "kudus_kud", "semarang_kopwan"}
    this_year = sum(amount for name, day, amount in SALES if name in jateng and day >= "2026")
    last_year = sum(amount for name, day, amount in SALES if name in jateng and day < "2026")
    assert (this_year, last_year) == (175_000, 280_000)
    assert {key: value for key, value in summary.items() if key != "monthly"} == {
        "financialYear": 2026,
        "cooperatives": 4,
        "members": 300 + 150 + 25 + 80,
        "byActivityStatus": [
            {"status": "ACTIVE", "count": 1},
            {"status": "NO_RECENT_SALES", "count": 1},
            {"status": "NO_RECENT_RAT", "count": 1},
            {"status": "INACTIVE", "count": 1},
        ],
        "byHealthCategory": [
            {"category": None, "count": 2},
            {"category": "Cukup Sehat", "count": 1},
            {"category": "Sehat", "count": 1},
        ],
        "flagged": 4,
        "byFlag": [
            {"kind": "no_sales", "count": 1},
            {"kind": "rat_overdue", "count": 2},
            {"kind": "sales_drop", "count": 1},
        ],
        "salesThisYear": this_year,
        "salesPreviousYear": last_year,
        # this year (175,000) against 1 January–15 August 2025 (80,000), not all of 2025
        "salesTrendPercent": 118.8,
        "rat": {"financialYear": 2025, "onTime": 1, "late": 1, "missing": 2, "notDue": 0},
    }
    months = expected_months(jateng)
    assert len(summary["monthly"]) == 24
    assert summary["monthly"][0]["month"] == "2025-01-01"
    assert summary["monthly"][-1]["month"] == "2026-12-01"
    for entry in summary["monthly"]:
        sales, orders, sellers = months.get(entry["month"], (0, 0, 0))
        assert (entry["sales"], entry["orders"], entry["cooperativesWithSales"]) == (
            sales,
            orders,
            sellers,
        ), entry["month"]
        assert entry["financialYear"] == int(entry["month"][:4])


def test_district_summary_of_a_region_for_platform_staff(api, supervised):
    summary = api(SUMMARY, {"province": "51"}, as_user=supervised.platform_staff)["data"][
        "districtSummary"
    ]
    assert (summary["cooperatives"], summary["salesThisYear"], summary["salesTrendPercent"]) == (
        1,
        500_000,
        None,
    )
    assert summary["rat"] == {
        "financialYear": 2025, "onTime": 0, "late": 0, "missing": 0, "notDue": 1,
    }  # fmt: skip
    august = next(m for m in summary["monthly"] if m["month"] == "2026-08-01")
    assert (august["sales"], august["orders"], august["cooperativesWithSales"]) == (500_000, 1, 1)


def test_district_summary_follows_a_new_sale(api, supervised):
    from tests.coop_reporting.supervision.conftest import sell

    sell(supervised.kudus_idle, supervised.kudus_hub, "2026-08-14", 25_000)
    summary = api(SUMMARY, as_user=supervised.kudus_officer)["data"]["districtSummary"]
    august = next(m for m in summary["monthly"] if m["month"] == "2026-08-01")
    assert (august["sales"], august["orders"], august["cooperativesWithSales"]) == (
        125_000,
        2,
        2,
    )
    assert summary["salesThisYear"] == 130_000 + 25_000


# --- no N+1 --------------------------------------------------------------------------------


def test_query_count_is_the_same_for_one_row_and_a_hundred(api, supervised):
    # given 60 more Kudus cooperatives, every other one flagged
    for number in range(60):
        cooperative = CooperativeFactory(
            name=f"KSU Kudus {number:02}", village=supervised.kudus_idle.village
        )
        if number % 2:
            sales_services.cooperative_flags_set(
                cooperative=cooperative, kind="no_sales", active=True, reason="Belum berjualan."
            )
    counts = {}
    for first in (1, 100):
        with CaptureQueriesContext(connection) as queries:
            page = district(api, supervised.kudus_officer, first=first)
        assert len(page["edges"]) == min(first, 63)
        counts[first] = len(queries)
    assert counts[1] == counts[100]
    # token user, officer scope, page, count, flags, regencies, provinces, cooperatives
    assert counts[100] <= 9


def test_district_summary_query_count_does_not_grow_with_cooperatives(api, supervised):
    with CaptureQueriesContext(connection) as before:
        api(SUMMARY, as_user=supervised.jateng_officer)
    for number in range(30):
        CooperativeFactory(name=f"KSU Kudus {number:02}", village=supervised.kudus_idle.village)
    with CaptureQueriesContext(connection) as after:
        api(SUMMARY, as_user=supervised.jateng_officer)
    assert len(after) == len(before)


def test_today_is_the_pinned_day(today):
    assert today == datetime.date(2026, 8, 15)


COOPERATIVE_RECORD = """
query Record($id: ID!) {
  cooperative(id: $id) { name phone email nib npwp address membersMale membersFemale }
}
"""


def test_an_officer_reads_the_registration_data_of_the_cooperatives_supervised(api, supervised):
    idle = supervised.kudus_idle
    idle.phone, idle.email = "+6281234567890", "koptan.sepi@example.id"
    idle.save(update_fields=["phone", "email"])
    result = api(
        COOPERATIVE_RECORD, {"id": gid("Cooperative", idle.pk)}, as_user=supervised.kudus_officer
    )
    assert "errors" not in result, result
    record = result["data"]["cooperative"]
    assert record["phone"] == "+6281234567890"
    assert record["email"] == "koptan.sepi@example.id"
    assert (record["membersMale"], record["membersFemale"]) == (10, 15)


def test_an_officer_does_not_read_the_records_of_another_district(api, supervised):
    bali = gid("Cooperative", supervised.bali_kud.pk)
    result = api(COOPERATIVE_RECORD, {"id": bali}, as_user=supervised.kudus_officer)
    codes = {error["extensions"]["exception"]["code"] for error in result["errors"]}
    assert codes == {"PermissionDenied"}
    record = result["data"]["cooperative"]
    assert record.pop("name") == "KUD Mina Segara Pecatu"  # public
    assert set(record.values()) == {None}
