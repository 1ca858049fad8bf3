"""Orders placed with a voucher: what they keep, the split onto lines, reporting, usage."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from coop_reporting.sales.models import SaleFact
from coop_reporting.sales.services import order_sales_record
from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout
from marketplace.discounts.models import VoucherCode, VoucherCustomer
from marketplace.orders import reporting
from marketplace.orders import services as order_services
from marketplace.orders.models import Order, OrderStatus
from tests.factories.checkout import sellable_variant
from tests.factories.discounts import voucher_in_hub
from tests.factories.village_hubs import CooperativeFactory, HubOperatorFactory

pytestmark = pytest.mark.django_db


def place(hub, point, lines, code="DESAMAJU", email="budi@example.com"):
    checkout = checkout_services.checkout_create(channel=hub.channel, lines=lines, email=email)
    checkout = checkout_services.checkout_delivery_method_update(
        checkout=checkout, collection_point=point
    )
    if code:
        checkout = checkout_services.checkout_add_promo_code(checkout=checkout, promo_code=code)
    return checkout_services.checkout_complete(checkout=checkout)


def used(voucher) -> int:
    return VoucherCode.objects.filter(voucher=voucher).aggregate(n=Sum("used"))["n"]


def test_order_keeps_voucher_code_discount_and_lines_add_up_exactly(hub, point):
    # given: three lines of three cooperatives, 10 % off Rp52.499 = Rp5.250
    voucher = voucher_in_hub(hub, code="DesaMaju", value=10, min_spent=50_000)
    a = sellable_variant(hub, point, price=15_000)
    b = sellable_variant(hub, point, price=12_500)
    c = sellable_variant(hub, point, price=3_333)

    # when
    order = place(hub, point, [(a, 2), (b, 1), (c, 3)], code="desamaju")

    # then
    order.refresh_from_db()
    assert (order.voucher_id, order.voucher_code) == (voucher.pk, "DesaMaju")
    assert (order.discount_name, order.discount_value_type, order.discount_value) == (
        "Voucher DesaMaju",
        "percentage",
        10,
    )
    assert (order.subtotal_amount, order.discount_amount, order.total_amount) == (
        47_249,
        5_250,
        47_249,
    )
    lines = {line.variant_id: line for line in order.lines.all()}
    assert {pk: int(line.discount_amount) for pk, line in lines.items()} == {
        a.pk: 3_000,
        b.pk: 1_250,
        c.pk: 1_000,
    }
    assert {pk: int(line.total_price_amount) for pk, line in lines.items()} == {
        a.pk: 27_000,
        b.pk: 11_250,
        c.pk: 8_999,
    }
    assert lines[c.pk].undiscounted_unit_price_amount == 3_333
    assert lines[c.pk].unit_price_amount == 3_000  # 8,999 / 3 rounded; the total is exact
    assert sum(int(line.total_price_amount) for line in lines.values()) == order.subtotal_amount
    assert sum(int(line.discount_amount) for line in lines.values()) == order.discount_amount
    assert used(voucher) == 1


def test_reporting_records_the_discounted_line_amounts(hub, point):
    tani = CooperativeFactory()
    voucher_in_hub(hub, code="TANI10", value=10, cooperative=tani)
    own = sellable_variant(hub, point, price=33_333, cooperative=tani)
    other = sellable_variant(hub, point, price=20_000)
    order = place(hub, point, [(own, 1), (other, 1)], code="TANI10")
    operator = HubOperatorFactory(hub=hub).user

    order_services.order_confirm_payment_at_pickup(order=order, operator=operator)

    rows = {row.cooperative_id: row for row in reporting.paid_order_lines(order.pk)}
    assert (rows[tani.pk].gross_amount, rows[tani.pk].discount_amount) == (30_000, 3_333)
    assert (rows[other.product.cooperative_id].gross_amount,) == (20_000,)
    assert sum(row.gross_amount for row in rows.values()) == 50_000
    order.refresh_from_db()
    assert order.total_amount == 50_000
    # coop_reporting's sale facts, recorded from those rows
    order_sales_record(order_id=str(order.pk))
    facts = dict(
        SaleFact.objects.filter(order_id=order.pk).values_list("cooperative_id", "gross_amount")
    )
    assert facts == {tani.pk: 30_000, other.product.cooperative_id: 20_000}


def test_completion_refuses_a_code_that_expired_meanwhile_and_changes_nothing(hub, point):
    voucher = voucher_in_hub(hub)
    variant = sellable_variant(hub, point, price=60_000)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email="budi@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    checkout_services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")
    voucher.end_date = timezone.now() - datetime.timedelta(seconds=1)
    voucher.save()

    with pytest.raises(ValidationError) as caught:
        checkout_services.checkout_complete(checkout=checkout)

    [error] = caught.value.error_dict["voucher_code"]
    assert error.code == "voucher_not_applicable"
    assert Order.objects.count() == 0
    assert Checkout.objects.filter(pk=checkout.pk, voucher_code="DESAMAJU").exists()
    assert used(voucher) == 0


def test_once_per_customer_is_remembered_at_placement(hub, point):
    voucher = voucher_in_hub(hub, apply_once_per_customer=True)
    variant = sellable_variant(hub, point, price=60_000)
    place(hub, point, [(variant, 1)], email="Budi@Example.com")

    assert VoucherCustomer.objects.filter(
        voucher_code__voucher=voucher, customer_email="budi@example.com"
    ).exists()
    with pytest.raises(ValidationError) as caught:
        place(hub, point, [(variant, 1)])
    assert caught.value.error_dict["promo_code"][0].code == "voucher_not_applicable"


def test_single_use_code_is_deactivated_by_its_order(hub, point):
    voucher = voucher_in_hub(hub, single_use=True)
    place(hub, point, [(sellable_variant(hub, point, price=60_000), 1)])

    code = voucher.codes.get()
    assert (code.used, code.is_active) == (1, False)


def test_cancelling_an_unpaid_order_gives_the_use_back(hub, point):
    voucher = voucher_in_hub(hub, usage_limit=1, apply_once_per_customer=True, single_use=True)
    variant = sellable_variant(hub, point, price=60_000)
    order = place(hub, point, [(variant, 1)])
    assert used(voucher) == 1

    order_services.order_cancel(order=order, actor=HubOperatorFactory(hub=hub).user)

    code = voucher.codes.get()
    assert (code.used, code.is_active) == (0, True)
    assert not VoucherCustomer.objects.exists()
    # the same buyer can use it again
    again = place(hub, point, [(variant, 1)])
    assert again.voucher_code == "DESAMAJU"


def test_expiry_of_an_unpaid_order_gives_the_use_back(hub, point):
    voucher = voucher_in_hub(hub, usage_limit=1)
    order = place(hub, point, [(sellable_variant(hub, point, price=60_000), 1)])

    expired = order_services.orders_expire_unpaid(now=timezone.now() + datetime.timedelta(days=3))

    assert expired == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert used(voucher) == 0


def test_cancelling_a_paid_order_keeps_the_use(hub, point):
    voucher = voucher_in_hub(hub, usage_limit=5)
    order = place(hub, point, [(sellable_variant(hub, point, price=60_000), 1)])
    operator = HubOperatorFactory(hub=hub).user
    order_services.order_confirm_payment_at_pickup(order=order, operator=operator)

    order_services.order_cancel(order=order, actor=operator)

    assert used(voucher) == 1


def test_order_without_a_code_has_no_discount(hub, point):
    order = place(hub, point, [(sellable_variant(hub, point, price=15_000), 2)], code=None)

    order.refresh_from_db()
    assert (order.voucher_code, order.discount_amount, order.total_amount) == ("", 0, 30_000)
    line = order.lines.get()
    assert (line.undiscounted_total_price_amount, line.total_price_amount) == (30_000, 30_000)
