"""The district list's figures for another financial year equal those the summaries hold
while that year is the current one; statuses from the dates."""

from __future__ import annotations

import datetime

import pytest

from coop_reporting.district import selectors as district_selectors
from coop_reporting.district import services as district_services
from coop_reporting.district.models import ActivityStatus, RatYearStatus
from coop_reporting.supervision import selectors
from tests.coop_reporting.supervision.conftest import TODAY

pytestmark = pytest.mark.django_db

YEAR_FIGURES = ("cooperative_id", *district_selectors.YEAR_FIELDS, "fy_rat_status")


def rows(scope, *, financial_year, today):
    return sorted(
        district_selectors.district_summaries(scope, financial_year=financial_year, today=today)
        .order_by("cooperative_id")
        .values_list(*YEAR_FIGURES)
    )


@pytest.mark.parametrize("year", [2025, 2024])
def test_a_past_year_from_the_sources_equals_the_summaries_of_that_year(supervised, year):
    # given the district list of a past year, answered from rollups, reports, assessments
    scope = selectors.supervision_scope(supervised.platform_staff)
    past = rows(scope, financial_year=year, today=TODAY)
    # when the summaries are rebuilt as on the last day of that year
    last_day = datetime.date(year, 12, 31)
    district_services.reporting_summaries_rebuild(today=last_day)
    as_then = rows(scope, financial_year=year, today=TODAY)
    # then every figure is the same (the RAT deadlines of that year had passed by TODAY)
    assert past == as_then
    assert len(past) == 5


def test_past_year_figures_are_those_of_the_year(supervised):
    scope = selectors.supervision_scope(supervised.platform_staff)
    ksp = (
        district_selectors.district_summaries(scope, financial_year=2025, today=TODAY)
        .filter(cooperative=supervised.kudus_ksp)
        .get()
    )
    assert (ksp.fy_sales, ksp.fy_previous_sales, ksp.fy_trend, ksp.fy_orders) == (
        80_000,
        0,
        None,
        1,
    )
    # the RAT on 2024 was never reported and its deadline (30 June 2025) has passed
    assert (ksp.fy_rat_date, ksp.fy_rat_status) == (None, RatYearStatus.OVERDUE)
    assert (ksp.fy_health_year, ksp.fy_health_category) == (2025, "Sehat")


@pytest.mark.parametrize(
    ("last_rat", "last_sale", "status"),
    [
        ("2023-08-15", "2026-06-17", ActivityStatus.ACTIVE),  # window edges, both inside
        ("2023-08-14", "2026-06-17", ActivityStatus.NO_RECENT_RAT),
        ("2023-08-15", "2026-06-16", ActivityStatus.NO_RECENT_SALES),  # 60 days: not recent
        (None, None, ActivityStatus.INACTIVE),
    ],
)
def test_activity_status_from_the_last_rat_and_the_last_sale(last_rat, last_sale, status):
    def day(value):
        return None if value is None else datetime.date.fromisoformat(value)

    assert district_selectors.activity_status(day(last_rat), day(last_sale), TODAY) == status


@pytest.mark.parametrize(
    ("rat_date", "days_late", "today", "status"),
    [
        ("2026-03-15", 0, TODAY, RatYearStatus.ON_TIME),
        ("2026-07-20", 20, TODAY, RatYearStatus.LATE),
        (None, None, TODAY, RatYearStatus.OVERDUE),
        (None, None, datetime.date(2026, 6, 30), RatYearStatus.NOT_DUE),  # deadline day
    ],
)
def test_rat_status_of_a_year(rat_date, days_late, today, status):
    rat_day = None if rat_date is None else datetime.date.fromisoformat(rat_date)
    deadline = district_selectors.rat_deadline(2025, None)
    assert deadline == datetime.date(2026, 6, 30)
    assert district_selectors.rat_year_status(rat_day, days_late, deadline, today) == status


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # before any deadline (even a 1-month one) has passed: nothing is overdue yet
        (datetime.date(2026, 1, 15), {"on_time": 1, "late": 1, "not_due": 3}),
        # after the regulation's deadline, before Bali's own (12 months)
        (TODAY, {"on_time": 1, "late": 1, "overdue": 2, "not_due": 1}),
        # after every deadline
        (datetime.date(2027, 1, 1), {"on_time": 1, "late": 1, "overdue": 3}),
    ],
)
def test_rat_status_counts_follow_each_cooperatives_deadline(supervised, today, expected):
    scope = selectors.supervision_scope(supervised.platform_staff)
    statuses = district_selectors.district_summaries(
        scope, financial_year=2026, today=today
    ).values_list("fy_rat_status", flat=True)
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    assert counts == expected
