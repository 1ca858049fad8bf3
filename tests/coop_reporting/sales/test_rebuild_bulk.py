"""The rebuild's bulk path: a whole history with no facts yet (a first recording, a lost
ledger) is recorded in one SQL statement rather than order by order, and ends with the
same facts (hub-local dates, buyer keys, villages) and rollups as the worker's
incremental recording."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from coop_reporting.sales import rebuild, services
from coop_reporting.sales.models import RollupBuyer, SaleFact, SalesRollup
from marketplace.orders.models import Order
from tests.coop_reporting.sales.conftest import paid_order, rollup_snapshot
from tests.coop_reporting.sales.test_rebuild import random_history
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

FACT = ("order_line_id", "kind", "sequence", "order_id", "cooperative_id", "producer_id",
        "hub_id", "village_code", "category_id", "quantity", "gross_amount", "sale_date",
        "booked_on", "buyer_key")  # fmt: skip


def ledger_schema() -> tuple[set[tuple], set[tuple]]:
    """The facts table's indexes and constraints: names and definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [SaleFact._meta.db_table],
        )
        indexes = set(cursor.fetchall())
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass",
            [SaleFact._meta.db_table],
        )
        constraints = set(cursor.fetchall())
    assert len(indexes) >= 5
    assert len(constraints) >= 6
    return indexes, constraints


def test_bulk_recording_of_a_whole_history_equals_the_incremental_one(world, monkeypatch):
    # given a random history recorded by the worker, lost notifications caught up
    random_history(world, seed=20261124, orders=200)
    # plus a guest who typed the e-mail carelessly, and a signed-in buyer, paid at
    # 23:30 WIB on 31 March (1 April in WITA and WIT hubs)
    late = datetime.datetime(2026, 3, 31, 16, 30, tzinfo=datetime.UTC)
    late_orders = []
    for hub in world.hubs:
        late_orders.append(paid_order(hub, [(world.producers[0], 2, 15_000)], paid_at=late,
                                      buyer="  Ibu.Sari@Example.COM\t"))  # fmt: skip
        late_orders.append(paid_order(hub, [(world.producers[1], 1, 40_000)], paid_at=late))
        Order.objects.filter(pk=late_orders[-1].pk).update(user=UserFactory())
    for order_id in Order.objects.values_list("pk", flat=True):
        services.order_sales_record(order_id=str(order_id))
    incremental = rollup_snapshot()
    sales = set(SaleFact.objects.filter(kind="sale").values_list(*FACT))
    refunded_lines = set(
        SaleFact.objects.filter(kind="reversal").values_list("order_line_id", flat=True)
    )
    assert len(sales) > 300
    assert refunded_lines
    # when the ledger is lost and the rebuild records everything in bulk
    SaleFact.objects.all().delete()
    SalesRollup.objects.all().delete()
    RollupBuyer.objects.all().delete()
    monkeypatch.setattr(rebuild, "REBUILD_ONE_BY_ONE_SHARE", 0)
    schema = ledger_schema()
    result = rebuild.reporting_rebuild()
    # then the sales of every paid line are back, the refunds reversed again, and the
    # rollups are those of the incremental recording
    paid_sales = set(SaleFact.objects.filter(kind="sale").values_list(*FACT))
    assert paid_sales <= sales
    assert result.sales_added == len(paid_sales)
    assert result.lines_seen == len(paid_sales)  # every paid line compared, none twice
    assert result.orders_reconciled > 0  # lines refunded in part are reversed afterwards
    assert rollup_snapshot() == incremental
    # with the ledger's indexes, unique key and foreign keys made again as they were
    assert ledger_schema() == schema
    # and statistics for the planner that know the new sizes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [SaleFact._meta.db_table],
        )
        assert cursor.fetchone()[0] == SaleFact.objects.count()
    late_sales = SaleFact.objects.filter(order_id__in=[o.pk for o in late_orders])
    assert set(late_sales.values_list("sale_date", flat=True)) == {
        datetime.date(2026, 3, 31),
        datetime.date(2026, 4, 1),
    }
    assert len(set(late_sales.values_list("buyer_key", flat=True))) == 4  # 1 guest, 3 users
    # and a second rebuild finds nothing to do
    again = rebuild.reporting_rebuild()
    assert (again.sales_added, again.orders_reconciled) == (0, 0)
    assert again.lines_seen == result.lines_seen
    assert rollup_snapshot() == incremental


def test_bulk_recording_fills_a_ledger_that_lost_part_of_its_history(world, monkeypatch):
    # given a random history recorded by the worker
    random_history(world, seed=20261125, orders=120)
    for order_id in Order.objects.values_list("pk", flat=True):
        services.order_sales_record(order_id=str(order_id))
    incremental = rollup_snapshot()
    facts = set(SaleFact.objects.values_list(*FACT))
    # when the facts of every other order without refunds are lost, and the rollups too
    refunded = SaleFact.objects.filter(kind="reversal").values_list("order_id", flat=True)
    kept = SaleFact.objects.exclude(order_id__in=refunded)
    lost = sorted(set(kept.values_list("order_id", flat=True)))[::2]
    assert len(lost) > 30
    SaleFact.objects.filter(order_id__in=lost).delete()
    SalesRollup.objects.all().delete()
    RollupBuyer.objects.all().delete()
    monkeypatch.setattr(rebuild, "REBUILD_ONE_BY_ONE_SHARE", 0)
    result = rebuild.reporting_rebuild()
    # then the lost sales are recorded again in bulk, next to the ones kept
    assert result.sales_added == SaleFact.objects.filter(order_id__in=lost).count()
    assert set(SaleFact.objects.values_list(*FACT)) == facts
    assert rollup_snapshot() == incremental
