"""Paid orders built directly (fast, any payment date) for sales reporting tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from coop_reporting.sales.models import RollupBuyer, SalesRollup
from marketplace.orders.models import Order, OrderChargeStatus, OrderLine, OrderStatus
from marketplace.payments.models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    OrderGrantedRefundStatus,
    TransactionItem,
)
from marketplace.village_hubs.models import Cooperative, Producer, VillageHub
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.village_hubs import CooperativeFactory, ProducerFactory, VillageHubFactory
from tests.marketplace.payments.conftest import (  # noqa: F401 - pytest fixtures (test_refunds)
    endpoint,
    enqueued,
    fake_midtrans,
    hub,
    pay,
    point,
    process,
)


def paid_order(
    village_hub: VillageHub,
    lines: list[tuple[Producer, int, int]],
    *,
    paid_at: datetime.datetime,
    buyer: str = "sari@example.com",
) -> Order:
    """An order paid at ``paid_at`` in ``village_hub``'s channel; ``lines``: (producer, quantity,
    unit price)."""
    order = OrderFactory(
        channel=village_hub.channel,
        user_email=buyer,
        status=OrderStatus.UNFULFILLED,
        charge_status=OrderChargeStatus.FULL,
        paid_at=paid_at,
    )
    for producer, quantity, price in lines:
        variant = ProductVariantFactory(
            product=ProductFactory(cooperative=producer.cooperative, producer=producer)
        )
        OrderLineFactory(
            order=order,
            variant=variant,
            producer=producer,
            category=variant.product.category,
            quantity=quantity,
            unit_price_amount=price,
        )
    return order


def cancel(order: Order) -> None:
    """What ``order_cancel`` does to a paid order, as far as reporting can tell."""
    Order.objects.filter(pk=order.pk).update(
        status=OrderStatus.CANCELED, canceled_at=datetime.datetime.now(tz=datetime.UTC)
    )


def refund(order: Order, line: OrderLine, units: int) -> None:
    """What a granted refund of ``units`` of ``line``, paid back online, leaves for
    reporting (``order_grant_refund_create`` + ``granted_refund_process`` of
    ``payments.services.granted_refunds`` through Midtrans do it for real in
    ``test_refunds.py``)."""
    tx = TransactionItem.objects.filter(order=order).first()
    if tx is None:
        tx = TransactionItem.objects.create(
            order=order,
            method="qris",
            amount=max(int(order.total_amount), 1),
            charged_amount=max(int(order.total_amount), 1),
            psp_reference=f"LMB-{order.pk.hex[:20]}",
            status="settlement",
        )
    grant = OrderGrantedRefund.objects.create(
        order=order,
        transaction=tx,
        amount=max(int(line.unit_price_amount) * units, 1),
        status=OrderGrantedRefundStatus.SUCCESS,
    )
    OrderGrantedRefundLine.objects.create(granted_refund=grant, order_line=line, quantity=units)


def rollup_snapshot() -> tuple[set[tuple], set[tuple]]:
    rollups = set(
        SalesRollup.objects.values_list(
            "scope", "scope_id", "period", "period_start", "quantity", "gross_amount",
            "orders", "buyers",
        )
    )  # fmt: skip
    buyers = set(
        RollupBuyer.objects.values_list(
            "scope", "scope_id", "period", "period_start", "buyer_key", "orders"
        )
    )
    return rollups, buyers


def rollup(scope: str, scope_id: int, period: str, start: datetime.date) -> SalesRollup | None:
    return SalesRollup.objects.filter(
        scope=scope, scope_id=scope_id, period=period, period_start=start
    ).first()


@dataclass
class World:
    cooperative: Cooperative
    other_cooperative: Cooperative
    producers: list[Producer]
    hubs: list[VillageHub]


@pytest.fixture
def world(db: None) -> World:
    """Two cooperatives (fee 10%), four producers, hubs in WIB, WITA and WIT."""
    cooperative = CooperativeFactory(fee_percentage=10, member_count=40, members_male=0,
                                     members_female=0)  # fmt: skip
    other = CooperativeFactory(fee_percentage=5)
    producers = [
        ProducerFactory(cooperative=cooperative),
        ProducerFactory(cooperative=cooperative),
        ProducerFactory(cooperative=cooperative),
        ProducerFactory(cooperative=other),
    ]
    hubs = [
        VillageHubFactory(time_zone=VillageHub.TimeZone.WIB),
        VillageHubFactory(time_zone=VillageHub.TimeZone.WITA),
        VillageHubFactory(time_zone=VillageHub.TimeZone.WIT),
    ]
    return World(cooperative, other, producers, hubs)
