"""A discounted checkout paid online: Midtrans' item_details add up to gross_amount (the
discount as an item of negative price), and the settled payment places the discounted
order and counts the code's use. Real midtransclient against the fake Midtrans."""

from __future__ import annotations

import pytest

from marketplace.checkout import services as checkout_services
from marketplace.discounts.models import VoucherCode
from marketplace.orders.models import Order, OrderChargeStatus
from marketplace.payments.selectors import payment_items_for_checkout
from marketplace.payments.services import checkout_payments
from tests.factories.checkout import sellable_variant
from tests.factories.discounts import voucher_in_hub
from tests.factories.shipping import ShippingMethodFactory

pytestmark = pytest.mark.django_db(transaction=True)


def discounted_checkout(hub, point, *, shipping: bool = False):
    voucher_in_hub(hub, code="DESAMAJU", value=10, min_spent=50_000, usage_limit=3)
    rice = sellable_variant(
        hub, point, price=65_000, name="Beras merah organik dari sawah terasering Jatiluwih"
    )
    coffee = sellable_variant(hub, point, price=33_333)
    checkout = checkout_services.checkout_create(
        channel=hub.channel,
        lines=[(rice, 1), (coffee, 2)],
        email="budi@example.com",
        shipping_address=None,
    )
    if shipping:
        method = ShippingMethodFactory(channel=hub.channel, price_amount=9_000, name="Kurir desa")
        checkout = checkout_services.checkout_delivery_method_update(
            checkout=checkout, shipping_method=method
        )
    else:
        checkout = checkout_services.checkout_delivery_method_update(
            checkout=checkout, collection_point=point
        )
    return checkout_services.checkout_add_promo_code(checkout=checkout, promo_code="desamaju")


def test_item_details_add_up_to_the_discounted_total(hub, point):
    checkout = discounted_checkout(hub, point)

    items = payment_items_for_checkout(checkout=checkout)

    # 65,000 + 2 × 33,333 = 131,666; 10 % = 13,167 (half up)
    assert [(item.price, item.quantity) for item in items] == [
        (65_000, 1),
        (33_333, 2),
        (-13_167, 1),
    ]
    assert sum(item.price * item.quantity for item in items) == 118_499
    assert all(len(item.name) <= 50 for item in items)


def test_snap_payment_of_a_discounted_checkout_places_the_discounted_order(
    hub, point, fake_midtrans, pay
):
    checkout = discounted_checkout(hub, point)

    tx = checkout_payments.transaction_initialize(checkout=checkout, method="snap")

    sent = fake_midtrans.calls("POST", "/snap/v1/transactions")[0]
    assert sent["transaction_details"]["gross_amount"] == 118_499 == tx.amount
    items = sent["item_details"]
    assert sum(item["price"] * item["quantity"] for item in items) == 118_499
    assert items[-1]["price"] == -13_167
    assert all(len(item["name"]) <= 50 for item in items)

    pay(tx, "settlement", payment_type="qris")

    order = Order.objects.get()
    assert (order.voucher_code, order.discount_amount, order.total_amount) == (
        "DESAMAJU",
        13_167,
        118_499,
    )
    assert order.charge_status == OrderChargeStatus.FULL
    assert sum(int(line.total_price_amount) for line in order.lines.all()) == 118_499
    assert VoucherCode.objects.get(code="DESAMAJU").used == 1


def test_items_with_shipping_and_discount_add_up(hub, point, fake_midtrans):
    checkout = discounted_checkout(hub, point, shipping=True)

    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")

    sent = fake_midtrans.calls("POST", "/v2/charge")[0]
    gross = sent["transaction_details"]["gross_amount"]
    assert gross == 118_499 + 9_000 == tx.amount
    assert sum(item["price"] * item["quantity"] for item in sent["item_details"]) == gross
