"""What a voucher takes off a cart, in whole rupiah (pure functions, no database)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from marketplace.discounts.calculations import (
    DiscountLine,
    NotApplicable,
    VoucherTerms,
    amount_off,
    split_largest_remainder,
    voucher_discount,
)

COOP_A, COOP_B = 1, 2


def line(key: str, price: int, quantity: int = 1, **kwargs: object) -> DiscountLine:
    values = {
        "variant_id": hash(key) % 1000,
        "product_id": hash(key) % 1000,
        "category_id": None,
        "cooperative_id": COOP_A,
        **kwargs,
    }
    return DiscountLine(key=key, unit_price=price, quantity=quantity, **values)


def terms(**kwargs: object) -> VoucherTerms:
    values = {"type": "entire_order", "value_type": "percentage", "value": Decimal(10), **kwargs}
    return VoucherTerms(**values)


def test_split_adds_up_exactly_by_largest_remainder():
    assert split_largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert split_largest_remainder(10, [50_000, 30_000, 20_000]) == [5, 3, 2]
    assert split_largest_remainder(7, [3, 3, 1]) == [3, 3, 1]
    assert split_largest_remainder(0, [5, 5]) == [0, 0]


def test_split_never_loses_a_rupiah_on_random_carts():
    rng = random.Random(20261124)
    for _ in range(500):
        weights = [rng.randint(1, 200_000) for _ in range(rng.randint(1, 8))]
        total = rng.randint(0, sum(weights))
        shares = split_largest_remainder(total, weights)
        assert sum(shares) == total
        assert all(0 <= share <= weight for share, weight in zip(shares, weights, strict=True))


def test_percentage_rounds_half_up_and_fixed_never_exceeds_the_price():
    assert amount_off(12_345, value_type="percentage", value=Decimal(10)) == 1_235
    assert amount_off(12_344, value_type="percentage", value=Decimal(10)) == 1_234
    assert amount_off(15_000, value_type="percentage", value=Decimal("12.5")) == 1_875
    assert amount_off(15_000, value_type="fixed", value=Decimal(20_000)) == 15_000
    assert amount_off(15_000, value_type="percentage", value=Decimal(100)) == 15_000


def test_entire_order_spreads_the_discount_over_the_lines():
    lines = [line("a", 15_000, 2), line("b", 12_500, 1), line("c", 3_333, 3)]
    # subtotal 52,499 → 10 % = 5,249.9 → 5,250

    discount = voucher_discount(terms(), lines)

    assert discount.amount == 5_250
    assert sum(discount.lines.values()) == 5_250
    assert discount.lines == {"a": 3_000, "b": 1_250, "c": 1_000}
    assert discount.shipping == 0


def test_a_cooperatives_voucher_sees_only_its_lines():
    lines = [line("a", 20_000, 1), line("b", 30_000, 1, cooperative_id=COOP_B)]

    discount = voucher_discount(terms(cooperative_id=COOP_B), lines)

    assert discount.lines == {"b": 3_000}
    with pytest.raises(NotApplicable) as caught:
        voucher_discount(terms(cooperative_id=COOP_B), [line("a", 20_000)])
    assert caught.value.reason == "no_lines"


def test_minimum_spent_of_a_cooperatives_voucher_counts_its_lines_only():
    lines = [line("a", 60_000), line("b", 10_000, cooperative_id=COOP_B)]

    with pytest.raises(NotApplicable) as caught:
        voucher_discount(terms(cooperative_id=COOP_B, min_spent=50_000), lines)

    assert caught.value.reason == "min_spent"
    assert "Rp50.000" in caught.value.message


def test_specific_products_discount_every_unit_of_listed_products_only():
    lines = [
        line("a", 15_000, 3, product_id=10),
        line("b", 9_000, 2, product_id=11, category_id=5),
        line("c", 4_000, 1, product_id=12),
    ]
    fixed = terms(
        type="specific_product", value_type="fixed", value=Decimal(5_000),
        product_ids=frozenset({10}), category_ids=frozenset({5}),
    )  # fmt: skip

    discount = voucher_discount(fixed, lines)

    assert discount.lines == {"a": 15_000, "b": 10_000}
    assert discount.amount == 25_000


def test_specific_products_need_a_listed_product_in_the_cart():
    voucher = terms(type="specific_product", product_ids=frozenset({99}))
    with pytest.raises(NotApplicable) as caught:
        voucher_discount(voucher, [line("a", 10_000, product_id=1)])
    assert caught.value.reason == "no_lines"


def test_apply_once_per_order_discounts_the_cheapest_unit():
    lines = [line("a", 15_000, 2), line("b", 8_000, 3)]

    discount = voucher_discount(terms(apply_once_per_order=True, value=Decimal(50)), lines)

    assert discount.lines == {"b": 4_000}
    assert discount.amount == 4_000


def test_shipping_voucher_needs_a_shipping_method_and_takes_off_the_fee():
    shipping = terms(type="shipping", value_type="fixed", value=Decimal(20_000))
    lines = [line("a", 15_000)]

    with pytest.raises(NotApplicable) as caught:
        voucher_discount(shipping, lines, shipping_price=None)
    assert caught.value.reason == "no_shipping"
    discount = voucher_discount(shipping, lines, shipping_price=12_000, country="ID")
    assert (discount.amount, discount.shipping, discount.lines) == (12_000, 12_000, {})


def test_shipping_voucher_limited_to_countries():
    shipping = terms(type="shipping", countries=frozenset({"ID"}))
    with pytest.raises(NotApplicable) as caught:
        voucher_discount(shipping, [line("a", 15_000)], shipping_price=10_000, country="MY")
    assert caught.value.reason == "country"


def test_minimum_quantity():
    with pytest.raises(NotApplicable) as caught:
        voucher_discount(terms(min_quantity=3), [line("a", 15_000, 2)])
    assert caught.value.reason == "min_quantity"
    assert voucher_discount(terms(min_quantity=3), [line("a", 15_000, 3)]).amount == 4_500
