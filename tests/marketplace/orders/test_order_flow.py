from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout, Reservation
from marketplace.core.models import OutgoingEmail
from marketplace.orders import placement, reporting, selectors, services
from marketplace.orders.models import (
    PICKUP_CODE_RE,
    Allocation,
    Order,
    OrderStatus,
)
from tests.factories.accounts import UserFactory
from tests.factories.checkout import sellable_variant, stock_of
from tests.factories.village_hubs import (
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def place(hub, point, lines, *, payment_mode="pay_at_pickup", user=None):
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=lines, email="sari@example.com", user=user
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    return checkout_services.checkout_complete(checkout=checkout, payment_mode=payment_mode)


def test_pay_at_pickup_end_to_end(hub, point, django_capture_on_commit_callbacks):
    keripik = sellable_variant(hub, point, price=15_000, quantity=5)
    kopi = sellable_variant(hub, point, price=40_000, quantity=5)
    coop_a, coop_b = keripik.product.cooperative, kopi.product.cooperative
    buyer = UserFactory()

    # complete → unpaid order with pickup code and expiry
    before = timezone.now()
    order = place(hub, point, [(keripik, 2), (kopi, 1)], user=buyer)
    assert order.status == OrderStatus.UNFULFILLED
    assert order.charge_status == "none"
    assert order.payment_method == "pay_at_pickup"
    assert re.fullmatch(PICKUP_CODE_RE, order.pickup_code)
    assert order.expires_at >= before + datetime.timedelta(days=2)
    assert (order.subtotal_amount, order.shipping_price_amount, order.total_amount) == (
        70_000,
        0,
        70_000,
    )
    assert order.collection_point_name == point.name
    assert not Checkout.objects.exists()
    assert not Reservation.objects.exists()
    assert stock_of(keripik, point).quantity_allocated == 2
    assert stock_of(kopi, point).quantity_allocated == 1
    assert Allocation.objects.count() == 2
    assert list(order.events.values_list("type", flat=True)) == ["placed"]
    lines = {line.cooperative_id: line for line in order.lines.all()}
    assert lines[coop_a.pk].unit_price_amount == 15_000
    assert lines[coop_a.pk].total_price_amount == 30_000
    assert lines[coop_a.pk].category_id == keripik.product.category_id

    # the operator finds it by code
    assert selectors.order_by_pickup_code(hub, order.pickup_code.lower()) == order

    # an operator of another hub is refused
    stranger = HubOperatorFactory(hub=VillageHubFactory()).user
    with pytest.raises(PermissionDenied):
        services.order_confirm_payment_at_pickup(order=order, operator=stranger)
    order.refresh_from_db()
    assert order.charge_status == "none"

    # the operator of this hub confirms the cash payment
    operator = HubOperatorFactory(hub=hub).user
    with mock.patch.object(reporting, "_send_reporting_task") as send:
        with django_capture_on_commit_callbacks(execute=True):
            order = services.order_confirm_payment_at_pickup(order=order, operator=operator)
    send.assert_called_once_with(str(order.pk))
    order.refresh_from_db()
    assert order.charge_status == "full"
    assert order.total_charged_amount == 70_000
    assert order.paid_at is not None
    assert order.expires_at is None
    assert order.events.filter(type="order_marked_as_paid", user=operator).count() == 1

    # again: idempotent
    services.order_confirm_payment_at_pickup(order=order, operator=operator)
    assert order.events.filter(type="order_marked_as_paid").count() == 1

    # cooperative A fulfils only its own lines
    staff_a = CooperativeStaffFactory(cooperative=coop_a).user
    with pytest.raises(PermissionDenied):
        services.order_fulfill_lines(
            order=order, cooperative=coop_b, lines=[(lines[coop_b.pk], 1)], actor=staff_a
        )
    with pytest.raises(ValidationError) as exc:
        services.order_fulfill_lines(
            order=order, cooperative=coop_a, lines=[(lines[coop_b.pk], 1)], actor=staff_a
        )
    assert exc.value.error_dict["lines"][0].code == "not_found"
    with pytest.raises(ValidationError) as exc:
        services.order_fulfill_lines(
            order=order, cooperative=coop_a, lines=[(lines[coop_a.pk], 3)], actor=staff_a
        )
    assert exc.value.error_dict["quantity"][0].code == "fulfill_order_line"

    fulfillment = services.order_fulfill_lines(
        order=order, cooperative=coop_a, lines=[(lines[coop_a.pk], 2)], actor=staff_a
    )
    assert fulfillment.cooperative == coop_a
    assert fulfillment.lines.get().quantity == 2
    # ready at the hub (issue 12 item 5): the hand-over at the counter is the approval
    assert fulfillment.status == "waiting_for_approval"
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    assert stock_of(keripik, point).quantity_allocated == 2
    services.order_fulfillment_approve(fulfillment=fulfillment, actor=operator)
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    stock_a = stock_of(keripik, point)
    assert (stock_a.quantity, stock_a.quantity_allocated) == (3, 0)
    assert stock_of(kopi, point).quantity_allocated == 1

    # what each cooperative sees
    seen = selectors.orders_for_cooperative(staff_a).get()
    assert [line.cooperative_id for line in seen.cooperative_lines] == [coop_a.pk]
    staff_b = CooperativeStaffFactory(cooperative=coop_b).user
    services.order_hand_over(
        order=services.order_fulfill_lines(
            order=order, cooperative=coop_b, lines=[(lines[coop_b.pk], 1)], actor=staff_b
        ).order,
        actor=operator,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert list(selectors.orders_for_hub_operator(operator)) == [order]
    assert list(selectors.orders_for_hub_operator(stranger)) == []
    # a fulfilled order's code is no longer looked up at the counter
    assert selectors.order_by_pickup_code(hub, order.pickup_code) is None


def test_paid_checkout_is_charged_and_reported(hub, point, django_capture_on_commit_callbacks):
    variant = sellable_variant(hub, point, price=10_000)

    with mock.patch.object(reporting, "_send_reporting_task") as send:
        with django_capture_on_commit_callbacks(execute=True):
            order = place(hub, point, [(variant, 3)], payment_mode="paid")

    assert order.charge_status == "full"
    assert order.total_charged_amount == 30_000
    assert order.expires_at is None
    assert order.payment_method == "online"
    send.assert_called_once_with(str(order.pk))


def test_reporting_task_sent_only_when_registered(monkeypatch):
    app = mock.Mock()
    monkeypatch.setattr(reporting, "current_app", app)
    app.tasks = {}
    reporting._send_reporting_task("abc")
    app.send_task.assert_not_called()

    app.tasks = {reporting.REPORTING_TASK_NAME: object()}
    reporting._send_reporting_task("abc")
    app.send_task.assert_called_once_with(reporting.REPORTING_TASK_NAME, args=["abc"])


def test_completing_twice_returns_the_same_order(hub, point):
    variant = sellable_variant(hub, point)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email="a@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)

    first = checkout_services.checkout_complete(checkout=checkout)
    second = checkout_services.checkout_complete(checkout=checkout)

    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert stock_of(variant, point).quantity_allocated == 1


def test_order_numbers_are_sequential(hub, point):
    variant = sellable_variant(hub, point)

    first = place(hub, point, [(variant, 1)])
    second = place(hub, point, [(variant, 1)])

    assert second.number == first.number + 1


def test_unconfirmed_when_channel_does_not_auto_confirm(hub, point):
    hub.channel.automatically_confirm_all_new_orders = False
    hub.channel.save(update_fields=["automatically_confirm_all_new_orders"])
    variant = sellable_variant(hub, point)
    order = place(hub, point, [(variant, 1)])
    assert order.status == OrderStatus.UNCONFIRMED

    services.order_confirm_payment_at_pickup(order=order, operator=HubOperatorFactory(hub=hub).user)

    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    assert list(order.events.values_list("type", flat=True)) == [
        "placed",
        "order_marked_as_paid",
        "confirmed",
    ]


def test_pickup_codes_unique_among_open_orders_of_a_hub(hub, point, monkeypatch):
    variant = sellable_variant(hub, point, quantity=10)
    codes = iter(["AAAAAA", "AAAAAA", "CCCCCC"])
    monkeypatch.setattr(placement, "new_pickup_code", lambda: next(codes))

    first = place(hub, point, [(variant, 1)])
    second = place(hub, point, [(variant, 1)])

    assert (first.pickup_code, second.pickup_code) == ("AAAAAA", "CCCCCC")


def test_pickup_code_format():
    codes = {placement.new_pickup_code() for _ in range(200)}
    assert all(re.fullmatch(PICKUP_CODE_RE, code) for code in codes)
    assert not any(set(code) & set("0O1IL25SZ8B") for code in codes)


# --- cancel and expiry -------------------------------------------------------------------


def test_cancel_releases_stock(hub, point):
    variant = sellable_variant(hub, point, quantity=3)
    buyer = UserFactory()
    order = place(hub, point, [(variant, 3)], user=buyer)
    assert stock_of(variant, point).quantity_allocated == 3

    services.order_cancel(order=order, actor=buyer)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    assert order.canceled_at is not None
    assert stock_of(variant, point).quantity_allocated == 0
    assert not Allocation.objects.exists()
    assert order.events.filter(type="canceled").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.order_cancel(order=order, actor=buyer)
    assert exc.value.error_dict["id"][0].code == "cannot_cancel_order"


def test_cancel_refused_to_strangers(hub, point):
    variant = sellable_variant(hub, point)
    order = place(hub, point, [(variant, 1)], user=UserFactory())

    with pytest.raises(PermissionDenied):
        services.order_cancel(order=order, actor=UserFactory())

    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED


def test_expiry_cancels_unpaid_orders_and_releases_stock(hub, point):
    variant = sellable_variant(hub, point, quantity=4)
    overdue = place(hub, point, [(variant, 2)])
    paid = place(hub, point, [(variant, 1)])
    services.order_confirm_payment_at_pickup(order=paid, operator=HubOperatorFactory(hub=hub).user)
    fresh = place(hub, point, [(variant, 1)])
    Order.objects.filter(pk=overdue.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    from marketplace.orders.tasks import orders_expire_unpaid_task

    assert orders_expire_unpaid_task() == 1
    assert services.orders_expire_unpaid() == 0  # idempotent

    overdue.refresh_from_db()
    assert overdue.status == OrderStatus.EXPIRED
    assert overdue.events.filter(type="expired").count() == 1
    assert stock_of(variant, point).quantity_allocated == 2  # paid 1 + fresh 1
    fresh.refresh_from_db()
    assert fresh.status == OrderStatus.UNFULFILLED


# --- reporting ---------------------------------------------------------------------------


def test_paid_order_lines_use_the_hubs_local_date(point, hub):
    wib_hub = VillageHubFactory(time_zone="Asia/Jakarta")
    from tests.factories.checkout import pickup_point

    wib_point = pickup_point(wib_hub)
    wita_variant = sellable_variant(hub, point, price=12_000)
    wib_variant = sellable_variant(wib_hub, wib_point, price=8_000)
    buyer = UserFactory()
    wita_order = place(hub, point, [(wita_variant, 2)], user=buyer)
    wib_order = place(wib_hub, wib_point, [(wib_variant, 1)])
    services.order_confirm_payment_at_pickup(
        order=wita_order, operator=HubOperatorFactory(hub=hub).user
    )
    services.order_confirm_payment_at_pickup(
        order=wib_order, operator=HubOperatorFactory(hub=wib_hub).user
    )
    # 16:30 UTC on 1 March = 23:30 WIB on 1 March = 00:30 WITA on 2 March
    paid_at = datetime.datetime(2025, 3, 1, 16, 30, tzinfo=datetime.UTC)
    Order.objects.filter(pk__in=[wita_order.pk, wib_order.pk]).update(paid_at=paid_at)

    [wita_line] = reporting.paid_order_lines(wita_order.pk)
    [wib_line] = reporting.paid_order_lines(wib_order.pk)

    assert wib_line.paid_on == datetime.date(2025, 3, 1)
    assert wita_line.paid_on == datetime.date(2025, 3, 2)
    assert wita_line.gross_amount == 24_000
    assert wita_line.quantity == 2
    assert wita_line.cooperative_id == wita_variant.product.cooperative_id
    assert wita_line.hub_id == hub.pk
    assert wita_line.village_code == hub.village_id
    assert wita_line.buyer_key == f"user:{buyer.pk}"
    assert wib_line.buyer_key.startswith("email:")
    assert "sari" not in wib_line.buyer_key
    between = list(
        reporting.paid_order_lines_between(paid_at, paid_at + datetime.timedelta(seconds=1))
    )
    assert {line.order_id for line in between} == {str(wita_order.pk), str(wib_order.pk)}


def test_unpaid_and_canceled_orders_have_no_paid_lines(hub, point):
    variant = sellable_variant(hub, point)
    unpaid = place(hub, point, [(variant, 1)])
    paid = place(hub, point, [(variant, 1)])
    operator = HubOperatorFactory(hub=hub).user
    services.order_confirm_payment_at_pickup(order=paid, operator=operator)
    assert len(list(reporting.paid_order_lines(paid.pk))) == 1

    services.order_cancel(order=paid, actor=operator)

    assert list(reporting.paid_order_lines(unpaid.pk)) == []
    assert list(reporting.paid_order_lines(paid.pk)) == []


def test_buyer_gets_one_confirmation_in_indonesian_with_the_pickup_code(hub, point):
    variant = sellable_variant(hub, point, price=25_000)

    order = place(hub, point, [(variant, 2)])
    # completing again (a retried request) sends nothing more
    assert OutgoingEmail.objects.filter(to="sari@example.com").count() == 1

    email = OutgoingEmail.objects.get(to="sari@example.com")
    assert f"#{order.number}" in email.subject
    assert email.subject.startswith("Pesanan")
    assert order.pickup_code in email.body
    assert "Rp50.000" in email.body
