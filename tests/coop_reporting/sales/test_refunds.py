"""Refunds after payment through the payment services (fake Midtrans): a line refunded
through a granted refund is reversed alone, money given back without naming lines leaves
the sales as they are, a refund in full reverses the rest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from coop_reporting.sales import selectors, services
from coop_reporting.sales.models import SaleFact
from marketplace.checkout import services as checkout_services
from marketplace.orders.models import Order
from marketplace.payments.services import checkout_payments, granted_refunds, transaction_actions
from marketplace.village_hubs.models import HubSupply
from tests.factories.checkout import sellable_variant
from tests.factories.village_hubs import CooperativeFactory, HubOperatorFactory, ProducerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def facts(order: Order) -> list[tuple[str, str, int, int]]:
    return sorted(
        SaleFact.objects.filter(order_id=order.pk).values_list(
            "kind", "producer__name", "quantity", "gross_amount"
        )
    )


def test_online_refunds_reverse_the_refunded_line_then_the_rest(hub, point, pay) -> None:
    # given a cooperative (fee 10%) whose two producers sold 2 × keripik (Rp15.000) and
    # 1 × kopi (Rp20.000) in one order paid by QRIS, recorded by reporting
    cooperative = CooperativeFactory(fee_percentage=10)
    sri = ProducerFactory(cooperative=cooperative, name="Bu Sri")
    wayan = ProducerFactory(cooperative=cooperative, name="Pak Wayan")
    keripik = sellable_variant(hub, point, price=15_000, cooperative=cooperative, producer=sri)
    HubSupply.objects.filter(hub=hub, cooperative=cooperative).delete()  # added again below
    kopi = sellable_variant(hub, point, price=20_000, cooperative=cooperative, producer=wayan)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(keripik, 2), (kopi, 1)], email="budi@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    pay(tx, "settlement")
    order = Order.objects.get(checkout_token=checkout.pk)
    services.order_sales_record(order_id=str(order.pk))
    operator = HubOperatorFactory(hub=hub).user
    keripik_line = order.lines.get(variant=keripik)

    # when the hub operator grants a refund of the keripik line and pays it back
    grant = granted_refunds.order_grant_refund_create(
        order=order, transaction_item=tx, actor=operator, lines=[(keripik_line.pk, 2, "remuk")]
    )
    granted_refunds.granted_refund_process(granted_refund=grant, actor=operator)
    recorded = services.order_sales_record(order_id=str(order.pk))

    # then only the keripik line is reversed: Bu Sri's statement shows the refund, Pak
    # Wayan's sale stays, and the order still counts (its kopi line was kept)
    assert (recorded.sales, recorded.reversals) == (0, 1)
    assert facts(order) == [
        ("reversal", "Bu Sri", -2, -30_000),
        ("sale", "Bu Sri", 2, 30_000),
        ("sale", "Pak Wayan", 1, 20_000),
    ]
    today = timezone.localdate()
    window = (today - datetime.timedelta(days=1), today + datetime.timedelta(days=1))
    sri_statement = selectors.producer_statement(sri, *window)
    assert (sri_statement.gross_sales, sri_statement.refunds, sri_statement.net_sales) == (
        30_000,
        30_000,
        0,
    )
    assert (sri_statement.units_refunded, sri_statement.cooperative_fee) == (2, 0)
    wayan_statement = selectors.producer_statement(wayan, *window)
    assert (wayan_statement.net_sales, wayan_statement.cooperative_fee) == (20_000, 2_000)
    assert wayan_statement.net_owed == 18_000
    sale_year = SaleFact.objects.filter(order_id=order.pk).first().sale_date.year
    profile = selectors.cooperative_activity_profile(cooperative, sale_year)
    assert (profile.marketplace_sales, profile.units_sold, profile.orders) == (20_000, 1, 1)
    assert (profile.buyers, profile.active_producers) == (1, 1)

    # when Rp5.000 more is given back without naming a line (a goodwill refund)
    transaction_actions.transaction_refund(transaction=tx, amount=5_000, actor=operator)
    order.refresh_from_db()
    assert order.charge_status == "partial"
    again = services.order_sales_record(order_id=str(order.pk))

    # then no goods came back: the kopi sale stays
    assert (again.sales, again.reversals) == (0, 0)
    assert len(facts(order)) == 3

    # when the rest of the payment is refunded
    transaction_actions.transaction_refund(transaction=tx, amount=None, actor=operator)
    last = services.order_sales_record(order_id=str(order.pk))

    # then the kopi line is reversed too and the order leaves the profile
    assert (last.sales, last.reversals) == (0, 1)
    assert ("reversal", "Pak Wayan", -1, -20_000) in facts(order)
    profile = selectors.cooperative_activity_profile(cooperative, sale_year)
    assert (profile.marketplace_sales, profile.orders, profile.buyers) == (0, 0, 0)


def test_refund_requests_reach_reporting_after_commit(hub, point, pay, monkeypatch) -> Any:
    # given an order paid online
    variant = sellable_variant(hub, point, price=15_000)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email="budi@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    sent: list[str] = []
    monkeypatch.setattr(
        "marketplace.orders.reporting._send_reporting_task", lambda order_id: sent.append(order_id)
    )
    pay(tx, "settlement")
    order = Order.objects.get(checkout_token=checkout.pk)
    assert sent == [str(order.pk)]
    # when it is refunded in part, then in full: reporting is told each time
    operator = HubOperatorFactory(hub=hub).user
    transaction_actions.transaction_refund(transaction=tx, amount=5_000, actor=operator)
    transaction_actions.transaction_refund(transaction=tx, amount=None, actor=operator)
    assert sent == [str(order.pk)] * 3


def test_a_line_refunded_in_parts_is_reversed_unit_by_unit(hub, point, pay) -> None:
    # given 3 × keripik (Rp15.000) and 1 × kopi (Rp20.000) paid by QRIS and recorded
    cooperative = CooperativeFactory(fee_percentage=10)
    sri = ProducerFactory(cooperative=cooperative, name="Bu Sri")
    keripik = sellable_variant(hub, point, price=15_000, cooperative=cooperative, producer=sri)
    HubSupply.objects.filter(hub=hub, cooperative=cooperative).delete()  # added again below
    kopi = sellable_variant(hub, point, price=20_000, cooperative=cooperative)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(keripik, 3), (kopi, 1)], email="budi@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    pay(tx, "settlement")
    order = Order.objects.get(checkout_token=checkout.pk)
    services.order_sales_record(order_id=str(order.pk))
    operator = HubOperatorFactory(hub=hub).user
    line = order.lines.get(variant=keripik)

    def refund_keripik(units: int) -> services.OrderSalesRecorded:
        grant = granted_refunds.order_grant_refund_create(
            order=order, transaction_item=tx, actor=operator, lines=[(line.pk, units, "remuk")]
        )
        granted_refunds.granted_refund_process(granted_refund=grant, actor=operator)
        recorded = services.order_sales_record(order_id=str(order.pk))
        assert services.order_sales_record(order_id=str(order.pk)).reversals == 0  # once
        return recorded

    # when one pack of the three is paid back
    assert refund_keripik(1).reversals == 1
    # then one pack is reversed; the line and the order still count
    keripik_facts = SaleFact.objects.filter(order_line_id=line.pk).order_by("kind", "sequence")
    assert [(f.kind, f.sequence, f.quantity, f.gross_amount) for f in keripik_facts] == [
        ("reversal", 1, -1, -15_000),
        ("sale", 1, 3, 45_000),
    ]
    year = keripik_facts[0].sale_date.year
    profile = selectors.cooperative_activity_profile(cooperative, year)
    assert (profile.marketplace_sales, profile.units_sold, profile.orders) == (50_000, 3, 1)
    assert profile.active_producers == 1
    # (the hub's dates: a day ahead of WIB near midnight in a WITA hub)
    sold_on = keripik_facts[1].sale_date
    window = (sold_on - datetime.timedelta(days=1), sold_on + datetime.timedelta(days=1))
    statement = selectors.producer_statement(sri, *window)
    assert (statement.units_sold, statement.gross_sales) == (3, 45_000)
    assert (statement.units_refunded, statement.refunds, statement.net_sales) == (1, 15_000, 30_000)
    assert (statement.cooperative_fee, statement.net_owed) == (3_000, 27_000)

    # when the two other packs are paid back
    assert refund_keripik(2).reversals == 1
    # then the rest of the line is reversed as the second reversal; the kopi keeps the order
    assert list(
        SaleFact.objects.filter(order_line_id=line.pk, kind="reversal")
        .order_by("sequence")
        .values_list("sequence", "quantity", "gross_amount")
    ) == [(1, -1, -15_000), (2, -2, -30_000)]
    profile = selectors.cooperative_activity_profile(cooperative, year)
    assert (profile.marketplace_sales, profile.units_sold, profile.orders) == (20_000, 1, 1)
    assert profile.active_producers == 0  # the kopi has no producer
    statement = selectors.producer_statement(sri, *window)
    assert (statement.refunds, statement.net_sales, statement.net_owed) == (45_000, 0, 0)
