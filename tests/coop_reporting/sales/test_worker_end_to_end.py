"""Orders placed and paid through the domain services reach reporting via a real worker."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from coop_reporting.sales import selectors
from coop_reporting.sales.models import SaleFact
from marketplace.checkout import services as checkout_services
from marketplace.orders import services as order_services
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.village_hubs import (
    CooperativeFactory,
    HubOperatorFactory,
    ProducerFactory,
    VillageHubFactory,
)
from tests.helpers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_order_paid_at_pickup_reaches_profile_and_statement_then_cancel_reverses(
    start_worker, django_capture_on_commit_callbacks
):
    # given a hub, a cooperative (fee 10%) with a producer selling keripik, and a worker
    hub = VillageHubFactory()
    point = pickup_point(hub)
    cooperative = CooperativeFactory(fee_percentage=10)
    producer = ProducerFactory(cooperative=cooperative)
    keripik = sellable_variant(hub, point, price=15_000, cooperative=cooperative, producer=producer)
    operator = HubOperatorFactory(hub=hub).user
    start_worker(broker_url=settings.CELERY_BROKER_URL)

    # when a buyer orders 2 packs, pays at pickup and the operator confirms the cash
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(keripik, 2)], email="sari@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    order = checkout_services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")
    with django_capture_on_commit_callbacks(execute=True):
        order_services.order_confirm_payment_at_pickup(order=order, operator=operator)

    # then the worker records it: the activity profile and the statement show it
    wait_for(lambda: SaleFact.objects.filter(order_id=order.pk).exists(), timeout=60,
             what="sale recorded by the worker")  # fmt: skip
    year = SaleFact.objects.get(order_id=order.pk).sale_date.year
    today = timezone.localdate()
    window = (today - datetime.timedelta(days=2), today + datetime.timedelta(days=2))
    profile = selectors.cooperative_activity_profile(cooperative, year)
    assert (profile.marketplace_sales, profile.units_sold, profile.orders, profile.buyers) == (
        30_000, 2, 1, 1,
    )  # fmt: skip
    assert profile.active_producers == 1
    statement = selectors.producer_statement(producer, *window)
    assert (statement.units_sold, statement.gross_sales, statement.refunds) == (2, 30_000, 0)
    assert (statement.cooperative_fee, statement.net_owed) == (3_000, 27_000)

    # when the operator cancels the paid order (cash given back at the hub)
    with django_capture_on_commit_callbacks(execute=True):
        order_services.order_cancel(order=order, actor=operator)

    # then the worker reverses it
    wait_for(
        lambda: SaleFact.objects.filter(order_id=order.pk, kind="reversal").exists(),
        timeout=60,
        what="reversal recorded by the worker",
    )
    profile = selectors.cooperative_activity_profile(cooperative, year)
    assert (profile.marketplace_sales, profile.units_sold, profile.orders, profile.buyers) == (
        0, 0, 0, 0,
    )  # fmt: skip
    statement = selectors.producer_statement(producer, *window)
    assert (statement.gross_sales, statement.refunds, statement.net_sales) == (30_000, 30_000, 0)
    assert (statement.units_refunded, statement.cooperative_fee, statement.net_owed) == (2, 0, 0)
    assert SaleFact.objects.filter(order_id=order.pk).count() == 2
