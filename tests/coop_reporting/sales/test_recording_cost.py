"""Recording one order costs the same few queries however long the history is, and the
worker refreshes the early warnings once per order, only when they can change."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop_reporting.sales import services
from coop_reporting.sales.models import CooperativeFlag
from coop_reporting.tasks import record_order_sales_task
from tests.coop_reporting.sales.conftest import cancel, paid_order

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 3, 1, 2, tzinfo=datetime.UTC)


def record_counting(order) -> int:
    with CaptureQueriesContext(connection) as queries:
        recorded = services.order_sales_record(order_id=str(order.pk))
    assert recorded.sales == len(order.lines.all())
    return len(queries)


def test_recording_an_order_costs_the_same_queries_after_a_long_history(world):
    # given a first order of three lines (two producers, one hub): its cooperative's
    # day, month and year
    producers = world.producers[:2]
    lines = [(producers[0], 2, 15_000), (producers[1], 1, 40_000), (producers[0], 1, 2_500)]
    first = record_counting(paid_order(world.hubs[0], lines, paid_at=START))
    # when 60 more orders of 6 returning buyers are recorded over two months
    for n in range(60):
        order = paid_order(
            world.hubs[n % 2],
            [(producers[n % 2], 1, 15_000)],
            paid_at=START + datetime.timedelta(hours=n * 20),
            buyer=f"warga{n % 6}@example.com",
        )
        services.order_sales_record(order_id=str(order.pk))
    # then the same kind of order costs exactly as many queries as the first: one
    # statement for the buyers and one for the rollups, whatever the keys and history
    last = record_counting(
        paid_order(world.hubs[0], lines, paid_at=START + datetime.timedelta(days=61))
    )
    assert last == first
    assert first <= 14  # 13 today, 2 of them the district summary's refresh


def test_worker_checks_warnings_with_one_query_when_a_sale_cannot_change_them(world):
    # given a cooperative without open flags and an order paid now
    order = paid_order(world.hubs[0], [(world.producers[0], 1, 15_000)], paid_at=timezone.now())
    recorded = services.order_sales_record(order_id=str(order.pk))
    # when the task's warning step runs: a sale this month cannot raise or clear a flag
    with CaptureQueriesContext(connection) as queries:
        touched = services.cooperative_flags_after_sales(recorded)
    # then only the open flags were looked up
    assert touched == []
    assert len(queries) == 1


def test_worker_clears_an_open_no_sales_flag_once_per_order(world):
    # given a cooperative flagged for having no sales
    services.cooperative_flags_set(
        cooperative=world.cooperative, kind="no_sales", active=True, reason="Sepi."
    )
    order = paid_order(
        world.hubs[0],
        [(world.producers[0], 1, 15_000), (world.producers[1], 2, 15_000)],
        paid_at=timezone.now(),
    )
    # when the worker records the order (two lines)
    record_order_sales_task(str(order.pk))
    # then the flag is cleared by one recompute for the order, not one per line
    assert not CooperativeFlag.objects.filter(
        cooperative=world.cooperative, cleared_at__isnull=True
    ).exists()


def test_reversals_and_sales_of_earlier_months_recompute_the_warnings(world):
    today = datetime.date(2025, 6, 10)
    # a sale paid in May (before the current month) may change the compared months
    may = paid_order(
        world.hubs[0], [(world.producers[0], 1, 15_000)], paid_at=START.replace(month=5)
    )
    recorded = services.order_sales_record(order_id=str(may.pk))
    assert services.cooperative_flags_after_sales(recorded, today=today) == [world.cooperative.pk]
    # a sale of this month, no open flag: nothing to do
    june = paid_order(
        world.hubs[0], [(world.producers[0], 1, 15_000)], paid_at=START.replace(month=6, day=9)
    )
    recorded = services.order_sales_record(order_id=str(june.pk))
    assert services.cooperative_flags_after_sales(recorded, today=today) == []
    # a reversal may make the last sale older: recomputed
    cancel(june)
    recorded = services.order_sales_record(order_id=str(june.pk))
    assert recorded.reversals == 1
    assert services.cooperative_flags_after_sales(recorded, today=today) == [world.cooperative.pk]
