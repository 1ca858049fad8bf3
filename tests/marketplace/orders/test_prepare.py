"""A cooperative marks its lines of an order ready at the hub (the back office's "mark
ready"): only its own lines, every unit still to bring, once however often it is asked,
and the hub's counter then sees that cooperative's goods as ready, for the buyer to
collect or for the hub's village courier to deliver."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.checkout import services as checkout_services
from marketplace.orders import selectors, services
from marketplace.orders.models import Fulfillment, FulfillmentStatus, OrderStatus
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.checkout import pickup_point, sellable_variant, stock_of
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.shipping import ShippingMethodFactory
from tests.factories.village_hubs import (
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)
from tests.marketplace.orders.test_concurrency import run_concurrently, slow_after
from tests.marketplace.orders.test_counter_flow import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_order(hub, point):
    """A pickup order of 3 bags of keripik (cooperative A) and 1 coffee (cooperative B)."""
    keripik = sellable_variant(hub, point, price=15_000, quantity=5, name="Keripik")
    kopi = sellable_variant(hub, point, price=40_000, quantity=5, name="Kopi")
    order = place(hub, point, [(keripik, 3), (kopi, 1)])
    return order, keripik.product.cooperative, kopi.product.cooperative, keripik


def _staff(cooperative):
    return CooperativeStaffFactory(cooperative=cooperative).user


def _counter_readiness(hub, order):
    item = selectors.counter_order(hub, order.pk)
    return {coop.name: [(e.ready, e.awaited) for e in lines] for coop, lines in item.by_cooperative}


def test_marking_ready_prepares_only_this_cooperatives_lines_and_the_counter_sees_it(
    hub, point, shared_order
):
    order, coop_a, coop_b, keripik = shared_order

    fulfillment = services.order_cooperative_lines_ready(
        order=order, cooperative=coop_a, actor=_staff(coop_a)
    )

    assert fulfillment.status == FulfillmentStatus.WAITING_FOR_APPROVAL
    assert fulfillment.cooperative == coop_a
    assert [(line.order_line.product_name, line.quantity) for line in fulfillment.lines.all()] == [
        ("Keripik", 3)
    ]
    assert _counter_readiness(hub, order) == {coop_a.name: [(3, 0)], coop_b.name: [(0, 1)]}
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED  # still open and payable at the counter
    assert stock_of(keripik, point).quantity == 5  # on the hub's shelf until handed over


def test_marking_ready_twice_changes_nothing_the_second_time(hub, point, shared_order):
    order, coop_a, _coop_b, _keripik = shared_order
    staff = _staff(coop_a)
    services.order_cooperative_lines_ready(order=order, cooperative=coop_a, actor=staff)

    again = services.order_cooperative_lines_ready(order=order, cooperative=coop_a, actor=staff)

    assert again is None
    assert Fulfillment.objects.filter(order=order).count() == 1


def test_marking_ready_after_a_partial_preparation_brings_only_the_rest(hub, point, shared_order):
    order, coop_a, _coop_b, _keripik = shared_order
    staff = _staff(coop_a)
    line = order.lines.get(cooperative=coop_a)
    services.order_fulfill_lines(order=order, cooperative=coop_a, lines=[(line, 1)], actor=staff)

    rest = services.order_cooperative_lines_ready(order=order, cooperative=coop_a, actor=staff)

    assert [item.quantity for item in rest.lines.all()] == [2]
    assert _counter_readiness(hub, order)[coop_a.name] == [(3, 0)]


def test_another_cooperatives_staff_and_a_villager_may_not_mark_ready(hub, point, shared_order):
    order, coop_a, coop_b, _keripik = shared_order
    for outsider in (_staff(coop_b), UserFactory()):
        with pytest.raises(PermissionDenied):
            services.order_cooperative_lines_ready(order=order, cooperative=coop_a, actor=outsider)
    assert not Fulfillment.objects.filter(order=order).exists()


def test_an_order_neither_collected_nor_sent_by_the_hub_is_refused_with_a_reason(hub):
    line = OrderLineFactory(order=OrderFactory(channel=hub.channel))
    with pytest.raises(ValidationError) as refused:
        services.order_cooperative_lines_ready(
            order=line.order, cooperative=line.cooperative, actor=_staff(line.cooperative)
        )
    assert refused.value.error_dict["id"][0].code == "invalid"
    assert not Fulfillment.objects.exists()


def test_orders_to_prepare_are_grouped_by_hub_and_point_with_only_own_lines(
    hub, point, shared_order, django_assert_max_num_queries
):
    order, coop_a, _coop_b, keripik = shared_order
    other_hub = VillageHubFactory(name="Lumbung Desa Colo")
    other_point = pickup_point(other_hub, name="Balai Colo")
    there = sellable_variant(other_hub, other_point, cooperative=coop_a, name="Keripik pedas")
    second = place(other_hub, other_point, [(there, 2)])
    collected = place(hub, point, [(keripik, 1)])
    collected.status = OrderStatus.FULFILLED
    collected.save(update_fields=["status"])

    with django_assert_max_num_queries(3):
        points = selectors.orders_to_prepare(coop_a)

    found = {
        (p.hub_name, p.point_name): [(o.order.number, [e.line.product_name for e in o.lines])
                                     for o in p.orders]
        for p in points
    }  # fmt: skip
    assert found == {
        (hub.channel.name, point.name): [(order.number, ["Keripik"])],
        (other_hub.channel.name, other_point.name): [(second.number, ["Keripik pedas"])],
    }
    first = points[[p.point_name for p in points].index(point.name)].orders[0]
    assert (first.units_left, first.units_ready) == (3, 0)


@pytest.mark.django_db(transaction=True)
def test_two_people_marking_ready_at_once_prepare_the_goods_once(hub, point, monkeypatch):
    keripik = sellable_variant(hub, point, quantity=5)
    order = place(hub, point, [(keripik, 2)])
    coop = keripik.product.cooperative
    first, second = _staff(coop), _staff(coop)
    slow_after(monkeypatch, services, "_lock_order")

    results = run_concurrently(
        lambda: services.order_cooperative_lines_ready(order=order, cooperative=coop, actor=first),
        lambda: services.order_cooperative_lines_ready(order=order, cooperative=coop, actor=second),
    )

    assert [kind for kind, _ in results] == ["ok", "ok"]
    assert sorted(value is None for _, value in results) == [False, True]
    (fulfillment,) = Fulfillment.objects.filter(order=order)
    assert sum(line.quantity for line in fulfillment.lines.all()) == 2


def _courier_order(hub, point, lines):
    """An order paid online that the hub's village courier delivers."""
    courier = ShippingMethodFactory(channel=hub.channel, name="Kurir Desa Pecatu")
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=lines, email="made@example.com", user=UserFactory()
    )
    checkout_services.checkout_shipping_address_update(checkout=checkout, address=AddressFactory())
    checkout_services.checkout_delivery_method_update(checkout=checkout, shipping_method=courier)
    return checkout_services.checkout_complete(checkout=checkout, payment_mode="paid")


def test_a_courier_order_is_prepared_by_its_cooperatives_and_handed_to_the_courier(hub, point):
    keripik = sellable_variant(hub, point, price=15_000, quantity=5, name="Keripik")
    kopi = sellable_variant(hub, point, price=40_000, quantity=5, name="Kopi")
    order = _courier_order(hub, point, [(keripik, 2), (kopi, 1)])
    coop_a, coop_b = keripik.product.cooperative, kopi.product.cooperative

    # each cooperative sees it under the hub's courier, with only its own lines
    (courier_point,) = selectors.orders_to_prepare(coop_a)
    assert (courier_point.point_name, courier_point.is_courier) == ("Kurir Desa Pecatu", True)
    assert [e.line.product_name for e in courier_point.orders[0].lines] == ["Keripik"]
    assert selectors.cooperative_order_to_prepare(coop_a, order.pk) == order

    # the counter lists it apart from the pickup queue, waiting for goods
    queue = selectors.counter_queue(hub)
    assert [item.order for item in queue.courier["waiting"]] == [order]
    assert not any(queue.pickup.values())

    services.order_cooperative_lines_ready(order=order, cooperative=coop_a, actor=_staff(coop_a))
    services.order_cooperative_lines_ready(order=order, cooperative=coop_b, actor=_staff(coop_b))
    q = selectors.counter_queue(hub)
    assert [item.order for item in q.courier["ready"]] == [order]

    operator = HubOperatorFactory(hub=hub).user
    services.order_hand_over(order=order, actor=operator)

    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert stock_of(keripik, point).quantity == 3  # the goods left the hub with the courier
    assert [item.order for item in selectors.counter_queue(hub).courier["collected"]] == [order]
    assert selectors.orders_to_prepare(coop_a) == []
