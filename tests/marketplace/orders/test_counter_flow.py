"""Issue 12 item 5: cooperatives prepare, the hub's counter takes the cash and hands over.

An unpaid order is never handed over; preparing never hides an order from the counter;
expiry and the counter's cancel give back every unit (ready ones too); a paid order's
sales always reach the cooperatives' reports.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coop_reporting.sales import services as sales_services
from coop_reporting.sales.models import SaleFact
from marketplace.checkout import services as checkout_services
from marketplace.orders import reporting, selectors, services
from marketplace.orders.models import FulfillmentStatus, Order, OrderStatus
from tests.factories.accounts import UserFactory
from tests.factories.checkout import sellable_variant, stock_of
from tests.factories.village_hubs import (
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def place(hub, point, lines):
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=lines, email="sari@example.com", user=UserFactory()
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    return checkout_services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")


@pytest.fixture
def two_coops(hub, point):
    keripik = sellable_variant(hub, point, price=15_000, quantity=5)
    kopi = sellable_variant(hub, point, price=40_000, quantity=5)
    order = place(hub, point, [(keripik, 2), (kopi, 1)])
    lines = {line.cooperative_id: line for line in order.lines.all()}
    return order, keripik, kopi, lines


def prepare_all(order, lines):
    fulfillments = []
    for cooperative_id, line in lines.items():
        staff = CooperativeStaffFactory(cooperative_id=cooperative_id).user
        fulfillments.append(
            services.order_fulfill_lines(
                order=order,
                cooperative=line.cooperative,
                lines=[(line, line.quantity)],
                actor=staff,
            )
        )
    return fulfillments


def test_prepared_unpaid_order_stays_findable_and_payable(hub, point, two_coops):
    order, keripik, _kopi, lines = two_coops
    fulfillments = prepare_all(order, lines)

    assert {f.status for f in fulfillments} == {FulfillmentStatus.WAITING_FOR_APPROVAL}
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    assert selectors.order_by_pickup_code(hub, order.pickup_code) == order
    stock = stock_of(keripik, point)
    assert (stock.quantity, stock.quantity_allocated) == (5, 2)  # still on the hub's shelf

    operator = HubOperatorFactory(hub=hub).user
    paid = services.order_confirm_payment_at_pickup(order=order, operator=operator)
    assert paid.is_paid


def test_preparing_more_than_ordered_is_refused(hub, point, two_coops):
    order, keripik, _kopi, lines = two_coops
    line = lines[keripik.product.cooperative_id]
    staff = CooperativeStaffFactory(cooperative=line.cooperative).user
    services.order_fulfill_lines(
        order=order, cooperative=line.cooperative, lines=[(line, 2)], actor=staff
    )
    with pytest.raises(ValidationError) as exc:
        services.order_fulfill_lines(
            order=order, cooperative=line.cooperative, lines=[(line, 1)], actor=staff
        )
    assert exc.value.error_dict["quantity"][0].code == "fulfill_order_line"


def test_unpaid_order_is_never_handed_over(hub, point, two_coops):
    order, keripik, _kopi, lines = two_coops
    fulfillment = prepare_all(order, lines)[0]
    operator = HubOperatorFactory(hub=hub).user

    with pytest.raises(ValidationError) as exc:
        services.order_fulfillment_approve(fulfillment=fulfillment, actor=operator)
    assert exc.value.error_dict["id"][0].code == "cannot_fulfill_unpaid_order"
    with pytest.raises(ValidationError):
        services.order_hand_over(order=order, actor=operator)

    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.WAITING_FOR_APPROVAL
    assert stock_of(keripik, point).quantity == 5
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED


def test_only_the_hubs_operators_hand_over(hub, point, two_coops):
    order, _keripik, _kopi, lines = two_coops
    fulfillment = prepare_all(order, lines)[0]
    operator = HubOperatorFactory(hub=hub).user
    services.order_confirm_payment_at_pickup(order=order, operator=operator)

    for stranger in (
        HubOperatorFactory(hub=VillageHubFactory()).user,
        CooperativeStaffFactory(cooperative=fulfillment.cooperative).user,
        order.user,
    ):
        with pytest.raises(PermissionDenied):
            services.order_fulfillment_approve(fulfillment=fulfillment, actor=stranger)

    services.order_fulfillment_approve(fulfillment=fulfillment, actor=operator)
    fulfillment.refresh_from_db()
    assert fulfillment.status == FulfillmentStatus.FULFILLED
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED


def test_take_cash_and_hand_over_in_one_step_records_the_cash_once(hub, point, two_coops):
    order, keripik, kopi, lines = two_coops
    prepare_all(order, lines)
    operator = HubOperatorFactory(hub=hub).user

    services.order_hand_over(order=order, actor=operator, take_cash=True)
    with pytest.raises(ValidationError) as exc:  # a second click: nothing left to hand over
        services.order_hand_over(order=order, actor=operator, take_cash=True)
    assert exc.value.error_dict["id"][0].code == "invalid"

    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.total_charged_amount == 70_000
    assert order.events.filter(type="order_marked_as_paid").count() == 1
    assert (stock_of(keripik, point).quantity, stock_of(keripik, point).quantity_allocated) == (
        3,
        0,
    )
    assert stock_of(kopi, point).quantity == 4
    assert selectors.order_by_pickup_code(hub, order.pickup_code) is None  # collected


def test_hand_over_only_what_is_ready(hub, point, two_coops):
    order, keripik, _kopi, lines = two_coops
    line = lines[keripik.product.cooperative_id]
    staff = CooperativeStaffFactory(cooperative=line.cooperative).user
    services.order_fulfill_lines(
        order=order, cooperative=line.cooperative, lines=[(line, 2)], actor=staff
    )
    operator = HubOperatorFactory(hub=hub).user

    services.order_hand_over(order=order, actor=operator, take_cash=True)

    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    assert selectors.order_by_pickup_code(hub, order.pickup_code) == order


def test_expiry_gives_back_every_unit_including_ready_ones(hub, point, two_coops):
    order, keripik, kopi, lines = two_coops
    fulfillments = prepare_all(order, lines)

    expired = services.orders_expire_unpaid(now=order.expires_at + datetime.timedelta(minutes=1))

    assert expired == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    for variant in (keripik, kopi):
        stock = stock_of(variant, point)
        assert (stock.quantity, stock.quantity_allocated) == (5, 0)
    for fulfillment in fulfillments:
        fulfillment.refresh_from_db()
        assert fulfillment.status == FulfillmentStatus.CANCELED


def test_counter_cancels_an_unpaid_order_only_past_its_window(hub, point, two_coops):
    order, keripik, _kopi, lines = two_coops
    prepare_all(order, lines)
    operator = HubOperatorFactory(hub=hub).user

    with pytest.raises(ValidationError) as exc:
        services.order_cancel_overdue(order=order, actor=operator)
    assert exc.value.error_dict["id"][0].code == "cannot_cancel_order"
    with pytest.raises(PermissionDenied):
        services.order_cancel_overdue(
            order=order, actor=HubOperatorFactory(hub=VillageHubFactory()).user
        )

    Order.objects.filter(pk=order.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    order.refresh_from_db()
    services.order_cancel_overdue(order=order, actor=operator)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    stock = stock_of(keripik, point)
    assert (stock.quantity, stock.quantity_allocated) == (5, 0)


def test_paid_order_is_never_canceled_as_overdue(hub, point, two_coops):
    order, _keripik, _kopi, _lines = two_coops
    operator = HubOperatorFactory(hub=hub).user
    services.order_confirm_payment_at_pickup(order=order, operator=operator)
    Order.objects.filter(pk=order.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        services.order_cancel_overdue(order=order, actor=operator)


def test_prepare_pay_hand_over_records_the_cooperatives_sales(
    hub, point, two_coops, django_capture_on_commit_callbacks
):
    order, keripik, kopi, lines = two_coops
    operator = HubOperatorFactory(hub=hub).user

    def record_inline(order_id):
        sales_services.order_sales_record(order_id=order_id)

    with mock.patch.object(reporting, "_send_reporting_task", side_effect=record_inline):
        with django_capture_on_commit_callbacks(execute=True):
            prepare_all(order, lines)
        with django_capture_on_commit_callbacks(execute=True):
            services.order_hand_over(order=order, actor=operator, take_cash=True)

    facts = {
        fact.cooperative_id: (fact.quantity, fact.gross_amount)
        for fact in SaleFact.objects.filter(order_id=order.pk)
    }
    assert facts == {
        keripik.product.cooperative_id: (2, 30_000),
        kopi.product.cooperative_id: (1, 40_000),
    }
