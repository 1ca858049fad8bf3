"""A cooperative's recorded sales history with round numbers, for profile, statement and
export tests (orders built directly and recorded through the reporting service)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from coop_reporting.sales import services
from marketplace.accounts.models import User
from marketplace.catalog.models import Category
from marketplace.orders.models import Order, OrderChargeStatus, OrderStatus
from marketplace.village_hubs.models import Cooperative, Producer, VillageHub
from tests.factories.catalog import CategoryFactory, ProductFactory, ProductVariantFactory
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.village_hubs import ProducerFactory, VillageHubFactory


def at(day: datetime.date) -> datetime.datetime:
    """03:00 UTC: the same date in WIB, WITA and WIT."""
    return datetime.datetime.combine(day, datetime.time(3), tzinfo=datetime.UTC)


def paid_order(
    hub: VillageHub,
    lines: list[tuple[Producer, Category, int, int]],
    *,
    paid_on: datetime.date,
    buyer: str,
    user: User | None = None,
) -> Order:
    """An order paid on ``paid_on`` in ``hub``'s channel; ``lines``: (producer, category,
    quantity, unit price), recorded by reporting."""
    order = OrderFactory(
        channel=hub.channel,
        user=user,
        user_email=buyer,
        status=OrderStatus.UNFULFILLED,
        charge_status=OrderChargeStatus.FULL,
        paid_at=at(paid_on),
    )
    for producer, category, quantity, price in lines:
        variant = ProductVariantFactory(
            product=ProductFactory(
                cooperative=producer.cooperative, producer=producer, category=category
            )
        )
        OrderLineFactory(
            order=order,
            variant=variant,
            producer=producer,
            category=category,
            quantity=quantity,
            unit_price_amount=price,
        )
    services.order_sales_record(order_id=str(order.pk))
    return order


def cancel_paid(order: Order) -> None:
    """What ``order_cancel`` does to a paid order as far as reporting sees it, recorded:
    a refund booked today."""
    Order.objects.filter(pk=order.pk).update(
        status=OrderStatus.CANCELED, canceled_at=datetime.datetime.now(tz=datetime.UTC)
    )
    services.order_sales_record(order_id=str(order.pk))


@dataclass
class SalesHistory:
    """What ``sales_history`` made; the expected figures are written out in the tests."""

    cooperative: Cooperative
    hub: VillageHub
    keripik: Producer  # "Keripik Bu Sari"
    kopi: Producer  # "Kopi Pak Made"
    madu: Producer  # "Madu Hutan Wayan": only a canceled order
    camilan: Category  # "Camilan"
    minuman: Category  # "Minuman"


def sales_history(cooperative: Cooperative, *, entered_by: User) -> SalesHistory:
    """Financial years 2023 and 2024 (calendar years) of ``cooperative`` (fee 10%, 40
    members):

    2023-05-01  Keripik 1 × 20.000 (Camilan), buyer a
    2024-02-03  Keripik 2 × 15.000 (Camilan), buyer a
    2024-02-20  Kopi    1 × 40.000 (Minuman), buyer a
    2024-07-09  Keripik 3 × 10.000 (Camilan), buyer b
    2024-08-01  Madu    5 ×  8.000 (Minuman), buyer c — canceled today
    2024-09     offline 100.000 ("Pasar desa")
    """
    Cooperative.objects.filter(pk=cooperative.pk).update(
        fee_percentage=10, member_count=40, members_male=15, members_female=25
    )
    cooperative.refresh_from_db()
    hub = VillageHubFactory()
    keripik = ProducerFactory(cooperative=cooperative, name="Keripik Bu Sari")
    kopi = ProducerFactory(cooperative=cooperative, name="Kopi Pak Made")
    madu = ProducerFactory(cooperative=cooperative, name="Madu Hutan Wayan")
    camilan = CategoryFactory(name="Camilan")
    minuman = CategoryFactory(name="Minuman")
    paid_order(
        hub, [(keripik, camilan, 1, 20_000)], paid_on=datetime.date(2023, 5, 1), buyer="a@x.id"
    )
    paid_order(
        hub, [(keripik, camilan, 2, 15_000)], paid_on=datetime.date(2024, 2, 3), buyer="a@x.id"
    )
    paid_order(
        hub, [(kopi, minuman, 1, 40_000)], paid_on=datetime.date(2024, 2, 20), buyer="a@x.id"
    )
    paid_order(
        hub, [(keripik, camilan, 3, 10_000)], paid_on=datetime.date(2024, 7, 9), buyer="b@x.id"
    )
    gone = paid_order(
        hub, [(madu, minuman, 5, 8_000)], paid_on=datetime.date(2024, 8, 1), buyer="c@x.id"
    )
    cancel_paid(gone)
    services.offline_sale_record(
        cooperative=cooperative,
        month=datetime.date(2024, 9, 14),
        amount=100_000,
        note="Pasar desa",
        entered_by=entered_by,
    )
    return SalesHistory(cooperative, hub, keripik, kopi, madu, camilan, minuman)
