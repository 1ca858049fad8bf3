from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from coop_reporting import exports
from coop_reporting.sales import selectors, services
from coop_reporting.sales.models import OfflineSale
from tests.coop_reporting.sales.conftest import cancel, paid_order
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import CooperativeStaffFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(3), tzinfo=datetime.UTC)


def record(order) -> None:
    services.order_sales_record(order_id=str(order.pk))


def test_activity_profile_of_a_financial_year(world):
    # given sales in 2024 (three orders, a repeat buyer, one canceled) and 2023
    p1, p2, p3, _ = world.producers
    hub = world.hubs[0]
    staff = CooperativeStaffFactory(cooperative=world.cooperative).user
    record(paid_order(hub, [(p1, 2, 10_000)], paid_at=at(datetime.date(2023, 5, 1))))
    record(
        paid_order(hub, [(p1, 1, 50_000)], paid_at=at(datetime.date(2024, 2, 3)), buyer="a@x.id")
    )
    record(
        paid_order(hub, [(p2, 3, 10_000)], paid_at=at(datetime.date(2024, 2, 20)), buyer="a@x.id")
    )
    record(
        paid_order(hub, [(p1, 1, 20_000)], paid_at=at(datetime.date(2024, 7, 9)), buyer="b@x.id")
    )
    gone = paid_order(hub, [(p3, 9, 10_000)], paid_at=at(datetime.date(2024, 8, 1)), buyer="c@x.id")
    record(gone)
    cancel(gone)
    record(gone)
    services.offline_sale_record(
        cooperative=world.cooperative, month=datetime.date(2024, 9, 14), amount=100_000,
        note="Pasar desa", entered_by=staff,
    )  # fmt: skip
    # when the profile of 2024 is read
    profile = selectors.cooperative_activity_profile(world.cooperative, 2024)
    # then
    assert (profile.starts_on, profile.ends_on) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )
    assert (profile.marketplace_sales, profile.offline_sales, profile.volume_usaha) == (
        100_000, 100_000, 200_000,
    )  # fmt: skip
    assert (profile.orders, profile.buyers, profile.repeat_buyers, profile.units_sold) == (
        3,
        2,
        1,
        5,
    )
    assert profile.active_producers == 2  # p3's only sale was canceled
    # No member register: participation is unknown, not active producers ÷ members.
    assert (profile.member_count, profile.member_participation) == (40, None)
    assert profile.months_with_sales == 3  # February, July, September (offline)
    assert profile.previous_volume_usaha == 20_000
    assert profile.volume_usaha_change_percent == Decimal("900.0")
    # and a year after an empty one has no trend
    assert (
        selectors.cooperative_activity_profile(world.cooperative, 2023).volume_usaha_change_percent
        is None
    )


def test_financial_year_from_april(world, settings):
    settings.COOP_FINANCIAL_YEAR_START_MONTH = 4
    p1 = world.producers[0]
    record(paid_order(world.hubs[0], [(p1, 1, 10_000)], paid_at=at(datetime.date(2024, 3, 31))))
    record(paid_order(world.hubs[0], [(p1, 1, 30_000)], paid_at=at(datetime.date(2024, 4, 1))))
    fy2023 = selectors.cooperative_activity_profile(world.cooperative, 2023)
    fy2024 = selectors.cooperative_activity_profile(world.cooperative, 2024)
    assert (fy2023.ends_on, fy2023.marketplace_sales) == (datetime.date(2024, 3, 31), 10_000)
    assert (fy2024.starts_on, fy2024.marketplace_sales) == (datetime.date(2024, 4, 1), 30_000)
    assert fy2024.volume_usaha_change_percent == Decimal("200.0")


def test_offline_sale_refusals_change_nothing(world):
    staff = CooperativeStaffFactory(cooperative=world.cooperative).user
    with pytest.raises(PermissionDenied):
        services.offline_sale_record(
            cooperative=world.cooperative, month=datetime.date(2024, 1, 1), amount=1_000,
            entered_by=UserFactory(),
        )  # fmt: skip
    next_year = timezone.localdate().replace(day=1) + datetime.timedelta(days=400)
    for field, kwargs, code in [
        ("amount", {"amount": 0}, "invalid"),
        ("amount", {"amount": 12.5}, "invalid"),
        ("month", {"month": next_year}, "future_month"),
        ("note", {"note": "x" * 256}, "invalid"),
    ]:
        params = {"month": datetime.date(2024, 1, 1), "amount": 1_000, **kwargs}
        with pytest.raises(ValidationError) as error:
            services.offline_sale_record(cooperative=world.cooperative, entered_by=staff, **params)
        assert error.value.error_dict[field][0].code == code
    assert not OfflineSale.objects.exists()


def test_producer_statement_with_refund_and_fee_rounding(world):
    # given a producer of a cooperative keeping 10%, with sales in March and a sale
    # canceled in March... recorded as a refund on the day it was recorded
    producer = world.producers[0]
    world.cooperative.fee_percentage = Decimal("2.5")
    world.cooperative.save(update_fields=["fee_percentage"])
    hub = world.hubs[0]
    first = paid_order(hub, [(producer, 2, 15_000), (world.producers[1], 1, 99_000)],
                       paid_at=at(datetime.date(2024, 3, 5)))  # fmt: skip
    second = paid_order(hub, [(producer, 1, 2_500)], paid_at=at(datetime.date(2024, 3, 6)))
    record(first)
    record(second)
    cancel(second)
    record(second)
    refund_day = timezone.localdate()
    # when the statement covers March up to today
    statement = selectors.producer_statement(producer, datetime.date(2024, 3, 1), refund_day)
    # then: 32,500 sold, 2,500 refunded, fee 2.5% of 30,000 = 750
    assert (statement.units_sold, statement.gross_sales) == (3, 32_500)
    assert (statement.units_refunded, statement.refunds, statement.net_sales) == (1, 2_500, 30_000)
    assert (statement.cooperative_fee, statement.net_owed) == (750, 29_250)
    assert [(line.kind, line.amount) for line in statement.lines] == [
        ("sale", 30_000), ("sale", 2_500), ("reversal", -2_500),
    ]  # fmt: skip
    assert statement.lines[-1].booked_on == refund_day
    # March alone shows the sales, not the refund
    march = selectors.producer_statement(
        producer, datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)
    )
    assert (march.gross_sales, march.refunds) == (32_500, 0)


def test_fee_rounds_half_up_to_whole_rupiah():
    assert selectors.cooperative_fee(2_510, Decimal("2.5")) == 63  # 62.75
    assert selectors.cooperative_fee(1_010, Decimal("5")) == 51  # 50.5
    assert selectors.cooperative_fee(-1_010, Decimal("5")) == -51
    assert selectors.cooperative_fee(1_000, Decimal("0")) == 0


def test_statement_period_must_not_end_before_it_starts(world):
    with pytest.raises(ValidationError) as error:
        selectors.producer_statement(
            world.producers[0], datetime.date(2024, 3, 2), datetime.date(2024, 3, 1)
        )
    assert error.value.error_dict["ends_on"][0].code == "invalid_period"


def test_statement_exports_parse_back_with_indonesian_headers(world):
    producer = world.producers[0]
    order = paid_order(
        world.hubs[0], [(producer, 4, 12_345)], paid_at=at(datetime.date(2024, 3, 5))
    )
    record(order)
    statement = selectors.producer_statement(
        producer, datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)
    )

    rows = list(
        csv.reader(io.StringIO(exports.producer_statement_csv(statement).decode("utf-8-sig")))
    )
    sheet = load_workbook(io.BytesIO(exports.producer_statement_xlsx(statement))).active
    xlsx_rows = [
        [cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)
    ]

    summary = {row[0]: row[1] for row in rows[:12]}
    assert summary["Produsen"] == producer.name
    assert summary["Penjualan kotor (Rp)"] == "49380"
    assert summary["Biaya koperasi (Rp)"] == "4938"
    assert summary["Hak produsen (Rp)"] == "44442"
    line = order.lines.get()
    product = (
        line.product_name
        if not line.variant_name
        else (f"{line.product_name} ({line.variant_name})")
    )
    assert rows[13] == ["Tanggal", "Pesanan", "Produk", "Jenis", "Jumlah unit", "Nilai (Rp)"]
    assert rows[14] == ["2024-03-05", str(order.number), product, "Penjualan", "4", "49380"]
    assert xlsx_rows[13] == rows[13]
    assert xlsx_rows[14][1:] == [order.number, product, "Penjualan", 4, 49380]
    assert xlsx_rows[14][0].date() == datetime.date(2024, 3, 5)
    assert {row[0]: row[1] for row in xlsx_rows[:12]}["Hak produsen (Rp)"] == 44442
    with translation.override("en"):
        english = exports.producer_statement_csv(statement, language="en").decode("utf-8-sig")
    assert english.splitlines()[13] == "Date,Order,Product,Type,Units,Amount (Rp)"
