from __future__ import annotations

import datetime
import random

import pytest
from django.core.management import call_command

from coop_reporting.sales import rebuild, services
from coop_reporting.sales.models import RollupBuyer, SaleFact, SalesRollup
from marketplace.orders.models import Order
from tests.coop_reporting.sales.conftest import cancel, paid_order, refund, rollup_snapshot

pytestmark = pytest.mark.django_db

START = datetime.datetime(2023, 11, 1, tzinfo=datetime.UTC)


def random_history(world, *, seed: int, orders: int) -> None:
    """Orders paid over ~500 days (any hour, so hub-local dates differ from UTC ones),
    recorded as the worker would: some twice, some canceled after payment (recorded
    before the cancel or only after it), some with lines refunded in part or whole (in
    one or two refunds, recorded between them or not, some canceled afterwards), a few
    never notified."""
    rng = random.Random(seed)
    buyers = [f"warga{n}@example.com" for n in range(15)]

    def record(order) -> None:
        services.order_sales_record(order_id=str(order.pk))

    for _ in range(orders):
        paid_at = START + datetime.timedelta(minutes=rng.randrange(500 * 24 * 60))
        lines = [
            (rng.choice(world.producers), rng.randint(1, 5), rng.choice([2_500, 15_000, 40_000]))
            for _ in range(rng.randint(1, 3))
        ]
        order = paid_order(rng.choice(world.hubs), lines, paid_at=paid_at, buyer=rng.choice(buyers))
        fate = rng.random()
        if fate < 0.5:
            record(order)
            if rng.random() < 0.3:
                record(order)
        elif fate < 0.65:
            record(order)
            cancel(order)
            record(order)
        elif fate < 0.72:
            cancel(order)  # canceled before the notification was handled
            record(order)
        elif fate < 0.92:
            line = rng.choice(list(order.lines.all()))
            if rng.random() < 0.7:
                record(order)  # refunds after the sale was recorded, else before
            first = rng.randint(1, line.quantity)
            refund(order, line, first)
            if rng.random() < 0.5:
                record(order)
            if first < line.quantity and rng.random() < 0.5:
                refund(order, line, rng.randint(1, line.quantity - first))
            if rng.random() < 0.2:
                cancel(order)
            record(order)
        elif fate < 0.96:
            line = order.lines.first()
            refund(order, line, line.quantity)  # refunded, then the notification lost
        # else: paid, but the notification was lost: only a rebuild records it
    for order_id in SaleFact.objects.values_list("order_id", flat=True).distinct():
        services.order_sales_record(order_id=str(order_id))


@pytest.mark.parametrize("start_month", [1, 4])
def test_rebuild_equals_incremental_on_random_history(world, settings, start_month):
    # given a random history recorded incrementally (financial year from January or April)
    settings.COOP_FINANCIAL_YEAR_START_MONTH = start_month
    random_history(world, seed=20250917 + start_month, orders=250)
    # the lost notifications are caught up incrementally too
    for order_id in Order.objects.values_list("pk", flat=True):
        services.order_sales_record(order_id=str(order_id))
    incremental = rollup_snapshot()
    facts = SaleFact.objects.count()
    assert incremental[0]
    assert incremental[1]
    assert SaleFact.objects.filter(kind="reversal").exists()
    assert SaleFact.objects.filter(kind="reversal", sequence=2).exists()  # refunded in parts
    assert {row[2] for row in incremental[0]} == {"day", "month", "year"}
    # of the cooperatives alone, with buyers counted per financial year only
    assert {row[0] for row in incremental[0]} == {"cooperative"}
    assert {row[2] for row in incremental[0] if row[7]} == {"year"}
    assert {(row[0], row[2]) for row in incremental[1]} == {("cooperative", "year")}
    # when everything is rebuilt from orders
    result = rebuild.reporting_rebuild()
    # then the rollups are the same and no fact was added
    assert rollup_snapshot() == incremental
    assert (result.sales_added, result.orders_reconciled) == (0, 0)
    assert SaleFact.objects.count() == facts
    # and also when facts and rollups are wiped and rebuilt from orders alone (canceled
    # orders then leave no facts at all, which nets to the same rollups)
    SaleFact.objects.all().delete()
    SalesRollup.objects.all().delete()
    RollupBuyer.objects.all().delete()
    rebuild.reporting_rebuild()
    assert rollup_snapshot() == incremental


def test_rebuild_records_lost_notifications_and_reverses_missed_cancelations(world):
    # given one order never notified and one recorded then canceled without notification
    lost = paid_order(world.hubs[0], [(world.producers[0], 2, 15_000)], paid_at=START)
    missed = paid_order(world.hubs[1], [(world.producers[1], 1, 40_000)], paid_at=START)
    services.order_sales_record(order_id=str(missed.pk))
    cancel(missed)
    # when the command runs
    call_command("rebuild_reporting", "--no-progress")
    # then the lost order is a sale and the canceled one is reversed
    assert list(SaleFact.objects.filter(order_id=lost.pk).values_list("kind", flat=True)) == [
        "sale"
    ]
    assert set(SaleFact.objects.filter(order_id=missed.pk).values_list("kind", flat=True)) == {
        "sale",
        "reversal",
    }
    year = SalesRollup.objects.get(
        scope="cooperative",
        scope_id=world.cooperative.pk,
        period="year",
        period_start=datetime.date(2023, 1, 1),
    )
    assert (year.quantity, year.gross_amount, year.orders, year.buyers) == (2, 30_000, 1, 1)


def test_rebuild_reporting_names_each_step_on_its_progress_bar(world, capsys):
    # given a paid order nobody recorded
    paid_order(world.hubs[0], [(world.producers[0], 1, 15_000)], paid_at=START)
    # when the command runs with its progress bar
    call_command("rebuild_reporting")
    # then the bar went through every step, in Bahasa Indonesia, and the sale is recorded
    shown = capsys.readouterr().err
    for step in ("Memuat baris pesanan", "Mencatat penjualan", "Membalik pengembalian",
                 "Menghitung rekap", "Menghitung ringkasan"):  # fmt: skip
        assert step in shown
    assert "5/5" in shown
    assert SaleFact.objects.filter(kind="sale").count() == 1


def test_rebuild_reporting_logs_how_long_each_step_took(world, caplog):
    # given a paid order nobody recorded, so the rebuild fills an empty ledger
    paid_order(world.hubs[0], [(world.producers[0], 1, 15_000)], paid_at=START)
    # when the command runs
    with caplog.at_level("INFO", logger="coop_reporting"):
        call_command("rebuild_reporting", "--no-progress")
    # then the operator's log has the seconds of each step, the slow ones included
    steps = {
        record.step: record.seconds
        for record in caplog.records
        if record.getMessage() == "coop_sales_rebuild_step"
    }
    for step in ("paid_lines_load", "sale_facts_write", "refunds_find", "group_by_order",
                 "group_by_day", "group_by_month", "group_by_year", "rollups_write",
                 "buyers_write", "analyze", "district_summaries"):  # fmt: skip
        assert step in steps
        assert steps[step] >= 0
    assert SaleFact.objects.filter(kind="sale").count() == 1
