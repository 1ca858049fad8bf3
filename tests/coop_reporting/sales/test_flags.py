from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from coop_reporting.sales import services
from coop_reporting.sales.models import CooperativeFlag
from coop_reporting.tasks import cooperative_flags_recompute_task
from tests.coop_reporting.sales.conftest import paid_order

pytestmark = pytest.mark.django_db


def sell(world, day: datetime.date, amount: int) -> None:
    paid_at = datetime.datetime.combine(day, datetime.time(3), tzinfo=datetime.UTC)
    order = paid_order(world.hubs[0], [(world.producers[0], 1, amount)], paid_at=paid_at)
    services.order_sales_record(order_id=str(order.pk))


def open_flags(cooperative) -> dict[str, str]:
    return dict(
        CooperativeFlag.objects.filter(
            cooperative=cooperative, cleared_at__isnull=True
        ).values_list("kind", "reason")
    )


def test_sales_drop_flag_raised_with_numbers_and_cleared(world):
    # given March–May 2024 sales of 400,000 and 1,000,000 in March–May 2023
    sell(world, datetime.date(2023, 4, 10), 1_000_000)
    sell(world, datetime.date(2024, 5, 20), 400_000)
    # when flags are recomputed on 10 June 2024 (drop 60% ≥ 50%)
    with translation.override("en"):
        services.cooperative_flags_recompute(
            cooperative=world.cooperative, today=datetime.date(2024, 6, 10)
        )
        flags = open_flags(world.cooperative)
    # then
    assert flags["sales_drop"] == (
        "Marketplace sales from 2024-03 to 2024-05 were Rp400.000, 60% less than "
        "Rp1.000.000 a year earlier (warning at a drop of 50% or more)."
    )
    assert "no_sales" not in flags
    # when more sales arrive in the window, the flag is cleared (kept as history)
    sell(world, datetime.date(2024, 5, 21), 200_000)
    services.cooperative_flags_recompute(
        cooperative=world.cooperative, today=datetime.date(2024, 6, 10)
    )
    assert "sales_drop" not in open_flags(world.cooperative)
    assert CooperativeFlag.objects.filter(kind="sales_drop", cleared_at__isnull=False).count() == 1


def test_no_sales_flag_after_configured_days(world, settings):
    settings.COOP_WARNING_NO_SALES_DAYS = 30
    sell(world, datetime.date(2024, 5, 1), 10_000)
    services.cooperative_flags_recompute(
        cooperative=world.cooperative, today=datetime.date(2024, 5, 30)
    )
    assert "no_sales" not in open_flags(world.cooperative)
    with translation.override("en"):
        services.cooperative_flags_recompute(
            cooperative=world.cooperative, today=datetime.date(2024, 5, 31)
        )
        assert open_flags(world.cooperative)["no_sales"] == (
            "No marketplace sales for 30 days: the last sale was on 2024-05-01 "
            "(warning after 30 days)."
        )


def test_a_sale_already_dated_tomorrow_in_an_eastern_hub_clears_no_sales(world, settings):
    # given a last sale 30 days ago, then one at 23:30 WIB in the WIT hub (01:30 the next
    # day in Jayapura, so dated 1 June)
    settings.COOP_WARNING_NO_SALES_DAYS = 30
    sell(world, datetime.date(2024, 5, 1), 10_000)
    wit_hub = world.hubs[2]
    late = datetime.datetime(2024, 5, 31, 16, 30, tzinfo=datetime.UTC)
    order = paid_order(wit_hub, [(world.producers[0], 1, 10_000)], paid_at=late)
    services.order_sales_record(order_id=str(order.pk))
    # when the warnings are recomputed on 31 May (WIB)
    services.cooperative_flags_recompute(
        cooperative=world.cooperative, today=datetime.date(2024, 5, 31)
    )
    # then the cooperative sold today: no warning
    assert "no_sales" not in open_flags(world.cooperative)


def test_flags_set_is_idempotent_and_generic(world):
    first = services.cooperative_flags_set(
        cooperative=world.cooperative, kind="rat_overdue", active=True, reason="A"
    )
    again = services.cooperative_flags_set(
        cooperative=world.cooperative, kind="rat_overdue", active=True, reason="B"
    )
    assert (again.pk, again.raised_at, again.reason) == (first.pk, first.raised_at, "B")
    assert (
        services.cooperative_flags_set(
            cooperative=world.cooperative, kind="rat_overdue", active=False
        )
        is None
    )
    assert (
        services.cooperative_flags_set(
            cooperative=world.cooperative, kind="rat_overdue", active=False
        )
        is None
    )
    assert CooperativeFlag.objects.filter(kind="rat_overdue").count() == 1
    assert CooperativeFlag.objects.get(kind="rat_overdue").cleared_at is not None


def test_nightly_task_flags_cooperatives_without_sales(world):
    cooperative_flags_recompute_task()
    # both cooperatives were just created: not idle yet (their missing RAT is another flag)
    assert not CooperativeFlag.objects.filter(kind__in=["sales_drop", "no_sales"]).exists()
