from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection

from coop_reporting.sales import rebuild
from coop_reporting.sales.models import RollupBuyer, SaleFact, SalesRollup
from coop_reporting.sales.selectors import cooperative_activity_profile
from coop_reporting.tasks import record_order_sales_task
from tests.coop_reporting.sales.conftest import (
    cancel,
    paid_order,
    refund,
    rollup,
    rollup_snapshot,
)

pytestmark = pytest.mark.django_db

# 23:30 WIB on 31 Dec 2024 is already 1 Jan 2025 in WITA and WIT.
NEW_YEAR_EVE = datetime.datetime(2024, 12, 31, 16, 30, tzinfo=datetime.UTC)


def test_paid_order_recorded_as_sales_on_the_hub_local_date(world):
    # given an order paid at a WITA hub just after midnight local time
    [producer_a, producer_b, *_] = world.producers
    hub = world.hubs[1]
    order = paid_order(
        hub, [(producer_a, 2, 15_000), (producer_b, 1, 40_000)], paid_at=NEW_YEAR_EVE
    )
    # when the task runs
    record_order_sales_task(str(order.pk))
    # then there is one sale fact per line, dated 1 January 2025
    facts = SaleFact.objects.filter(order_id=order.pk).order_by("gross_amount")
    assert [(f.kind, f.quantity, f.gross_amount, f.sale_date) for f in facts] == [
        ("sale", 2, 30_000, datetime.date(2025, 1, 1)),
        ("sale", 1, 40_000, datetime.date(2025, 1, 1)),
    ]
    assert {f.hub_id for f in facts} == {hub.pk}
    assert facts[0].buyer_key.startswith("email:")
    # and the cooperative's rollups by day, month and year (the only ones any report reads)
    day, year = datetime.date(2025, 1, 1), datetime.date(2025, 1, 1)
    coop_year = rollup("cooperative", world.cooperative.pk, "year", year)
    assert (coop_year.quantity, coop_year.gross_amount, coop_year.orders, coop_year.buyers) == (
        3, 70_000, 1, 1,
    )  # fmt: skip
    assert rollup("cooperative", world.cooperative.pk, "day", day).gross_amount == 70_000
    assert rollup("cooperative", world.cooperative.pk, "month", day).gross_amount == 70_000
    assert rollup("cooperative", world.cooperative.pk, "year", datetime.date(2024, 1, 1)) is None


def test_task_run_three_times_records_each_line_once(world):
    order = paid_order(world.hubs[0], [(world.producers[0], 3, 10_000)], paid_at=NEW_YEAR_EVE)
    for _ in range(3):
        record_order_sales_task(str(order.pk))
    assert SaleFact.objects.filter(order_id=order.pk).count() == 1
    coop_day = rollup("cooperative", world.cooperative.pk, "day", datetime.date(2024, 12, 31))
    assert (coop_day.quantity, coop_day.gross_amount, coop_day.orders, coop_day.buyers) == (
        3,
        30_000,
        1,
        0,
    )  # fmt: skip  (buyers are counted per financial year, not per day or month)
    coop_month = rollup("cooperative", world.cooperative.pk, "month", datetime.date(2024, 12, 1))
    assert (coop_month.orders, coop_month.buyers) == (1, 0)
    coop_year = rollup("cooperative", world.cooperative.pk, "year", datetime.date(2024, 1, 1))
    assert (coop_year.orders, coop_year.buyers) == (1, 1)


def test_order_canceled_after_payment_is_reversed_once(world):
    # given a recorded order and another order of the same buyer the same day
    producer = world.producers[0]
    order = paid_order(world.hubs[0], [(producer, 2, 15_000)], paid_at=NEW_YEAR_EVE)
    other = paid_order(world.hubs[0], [(producer, 1, 5_000)], paid_at=NEW_YEAR_EVE)
    record_order_sales_task(str(order.pk))
    record_order_sales_task(str(other.pk))
    day = datetime.date(2024, 12, 31)
    assert rollup("cooperative", world.cooperative.pk, "day", day).orders == 2
    # when the first is canceled (refund at the hub) and the task runs twice
    cancel(order)
    record_order_sales_task(str(order.pk))
    record_order_sales_task(str(order.pk))
    # then a reversal mirrors the sale and only the other order is left in the rollups
    reversal = SaleFact.objects.get(order_id=order.pk, kind="reversal")
    assert (reversal.quantity, reversal.gross_amount, reversal.sale_date) == (-2, -30_000, day)
    coop_day = rollup("cooperative", world.cooperative.pk, "day", day)
    assert (coop_day.quantity, coop_day.gross_amount, coop_day.orders, coop_day.buyers) == (
        1,
        5_000,
        1,
        0,
    )  # fmt: skip  (buyers are counted per financial year, not per day or month)
    year = datetime.date(2024, 1, 1)
    assert rollup("cooperative", world.cooperative.pk, "year", year).buyers == 1
    assert (
        RollupBuyer.objects.get(
            scope="cooperative", scope_id=world.cooperative.pk, period="year", period_start=year
        ).orders
        == 1
    )
    assert not RollupBuyer.objects.exclude(period="year").exists()
    # and canceling the last order empties the rollups instead of leaving zero rows
    cancel(other)
    record_order_sales_task(str(other.pk))
    assert rollup_snapshot() == (set(), set())


def kept_rollups() -> tuple[set[str], set[tuple[str, str]], int]:
    """Scopes of the rollups, (scope, period) of the buyer rows, month rollups counting
    buyers."""
    return (
        set(SalesRollup.objects.values_list("scope", flat=True)),
        set(RollupBuyer.objects.values_list("scope", "period")),
        SalesRollup.objects.filter(period="month", buyers__gt=0).count(),
    )


def test_recording_keeps_only_the_cooperatives_rollups_and_its_year_buyers(world):
    # given orders of 2025 at three hubs, sold by three producers: Ani buys in January
    # and March, Budi once in February, Citra once in March
    sri, wayan, made, _ = world.producers

    def order(hub_index, producer, month, buyer):
        paid_at = datetime.datetime(2025, month, 10, 3, tzinfo=datetime.UTC)
        placed = paid_order(world.hubs[hub_index], [(producer, 2, 15_000)], paid_at=paid_at,
                            buyer=f"{buyer}@example.com")  # fmt: skip
        record_order_sales_task(str(placed.pk))
        return placed

    ani_january = order(0, sri, 1, "ani")
    order(1, wayan, 3, "ani")
    budi = order(2, made, 2, "budi")
    order(0, wayan, 3, "citra")
    # then only the cooperative's rollups were written, and buyer rows for its year
    assert kept_rollups() == ({"cooperative"}, {("cooperative", "year")}, 0)
    profile = cooperative_activity_profile(world.cooperative, 2025)
    assert (profile.orders, profile.buyers, profile.repeat_buyers) == (4, 3, 1)
    # when Budi's only order is refunded in full
    refund(budi, budi.lines.get(), 2)
    record_order_sales_task(str(budi.pk))
    # then Budi no longer counts as a buyer
    profile = cooperative_activity_profile(world.cooperative, 2025)
    assert (profile.orders, profile.buyers, profile.repeat_buyers) == (3, 2, 1)
    # and when one of Ani's two orders is refunded, she is no longer a returning buyer
    refund(ani_january, ani_january.lines.get(), 2)
    record_order_sales_task(str(ani_january.pk))
    profile = cooperative_activity_profile(world.cooperative, 2025)
    assert (profile.orders, profile.buyers, profile.repeat_buyers) == (2, 2, 0)
    assert (profile.marketplace_sales, profile.active_producers) == (60_000, 1)
    assert kept_rollups() == ({"cooperative"}, {("cooperative", "year")}, 0)
    # and a rebuild from the orders computes the same rollups and buyer rows
    recorded = rollup_snapshot()
    rebuild.reporting_rebuild()
    assert rollup_snapshot() == recorded


def test_unknown_unpaid_or_malformed_orders_record_nothing(world):
    unpaid = paid_order(world.hubs[0], [(world.producers[0], 1, 1_000)], paid_at=NEW_YEAR_EVE)
    type(unpaid).objects.filter(pk=unpaid.pk).update(charge_status="none", paid_at=None)
    record_order_sales_task(str(unpaid.pk))
    record_order_sales_task("3f1c3c8e-0000-4000-8000-000000000000")
    record_order_sales_task("not-a-uuid")
    assert not SaleFact.objects.exists()
    assert rollup_snapshot() == (set(), set())


@pytest.mark.django_db(transaction=True)
def test_two_threads_recording_the_same_order_record_each_line_once(world):
    order = paid_order(
        world.hubs[0],
        [(world.producers[0], 1, 10_000), (world.producers[1], 2, 20_000)],
        paid_at=NEW_YEAR_EVE,
    )
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            record_order_sales_task(str(order.pk))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert SaleFact.objects.filter(order_id=order.pk).count() == 2
    coop_day = rollup("cooperative", world.cooperative.pk, "day", datetime.date(2024, 12, 31))
    assert (coop_day.quantity, coop_day.gross_amount, coop_day.orders, coop_day.buyers) == (
        3, 50_000, 1, 0,
    )  # fmt: skip
    # the same with a cancelation recorded concurrently
    cancel(order)
    threads = [threading.Thread(target=run) for _ in range(2)]
    barrier.reset()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert SaleFact.objects.filter(order_id=order.pk, kind="reversal").count() == 2
    assert rollup_snapshot() == (set(), set())
