"""A voucher with a usage limit under concurrent completions, on the real PostgreSQL
(threads with their own connections; a sleep after the voucher lock makes the second
completion really wait for the first)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from marketplace.checkout import complete
from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout
from marketplace.discounts.models import VoucherCode
from marketplace.orders.models import Order
from tests.factories.checkout import sellable_variant, stock_of
from tests.factories.discounts import voucher_in_hub
from tests.marketplace.orders.test_concurrency import run_concurrently, slow_after

pytestmark = pytest.mark.django_db(transaction=True)


def ready(hub, point, variant, email, code):
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email=email
    )
    checkout = checkout_services.checkout_delivery_method_update(
        checkout=checkout, collection_point=point
    )
    return checkout_services.checkout_add_promo_code(checkout=checkout, promo_code=code)


@pytest.mark.parametrize("codes", [("SEKALI", "SEKALI"), ("SEKALI", "SEKALI-2")])
def test_usage_limit_one_serves_only_one_of_two_concurrent_completions(
    hub, point, monkeypatch, codes
):
    # given: one use left, shared by two codes of the same voucher in the second case
    voucher = voucher_in_hub(hub, code="SEKALI", value=10, usage_limit=1)
    VoucherCode.objects.create(voucher=voucher, code="SEKALI-2")
    variant = sellable_variant(hub, point, price=60_000, quantity=10)
    first = ready(hub, point, variant, "a@example.com", codes[0])
    second = ready(hub, point, variant, "b@example.com", codes[1])
    slow_after(monkeypatch, complete, "voucher_lock")

    # when
    results = run_concurrently(
        lambda: checkout_services.checkout_complete(checkout=first),
        lambda: checkout_services.checkout_complete(checkout=second),
    )

    # then: one order with the discount; the other completion changed nothing
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    [error] = [value for kind, value in results if kind == "error"]
    assert isinstance(error, ValidationError)
    assert error.error_dict["voucher_code"][0].code == "voucher_not_applicable"
    [order] = Order.objects.all()
    assert (order.discount_amount, order.total_amount) == (6_000, 54_000)
    assert VoucherCode.objects.filter(voucher=voucher).aggregate(n=Sum("used"))["n"] == 1
    assert Checkout.objects.count() == 1
    assert stock_of(variant, point).quantity_allocated == 1


def test_enough_uses_for_both_concurrent_completions(hub, point, monkeypatch):
    voucher = voucher_in_hub(hub, code="DUAKALI", usage_limit=2)
    variant = sellable_variant(hub, point, price=60_000, quantity=10)
    first = ready(hub, point, variant, "a@example.com", "DUAKALI")
    second = ready(hub, point, variant, "b@example.com", "DUAKALI")
    slow_after(monkeypatch, complete, "voucher_lock")

    results = run_concurrently(
        lambda: checkout_services.checkout_complete(checkout=first),
        lambda: checkout_services.checkout_complete(checkout=second),
    )

    assert [kind for kind, _ in results] == ["ok", "ok"]
    assert voucher.codes.get().used == 2
    assert sorted(Order.objects.values_list("discount_amount", flat=True)) == [6_000, 6_000]
