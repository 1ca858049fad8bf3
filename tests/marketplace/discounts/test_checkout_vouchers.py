"""Promo codes on checkouts: applying, removing, refusals, and prices with the discount."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from marketplace.checkout import services
from marketplace.checkout.selectors import checkout_totals
from marketplace.discounts.models import VoucherCode, VoucherCustomer, VoucherType
from tests.factories.checkout import sellable_variant
from tests.factories.discounts import voucher_in_hub
from tests.factories.shipping import ShippingMethodFactory
from tests.factories.village_hubs import CooperativeFactory, VillageHubFactory

pytestmark = pytest.mark.django_db


def ready(hub, point, lines, email="budi@example.com"):
    checkout = services.checkout_create(channel=hub.channel, lines=lines, email=email)
    return services.checkout_delivery_method_update(checkout=checkout, collection_point=point)


def error_of(excinfo, field="promo_code"):
    [error] = excinfo.value.error_dict[field]
    return error.code, error.messages[0]


def test_code_applies_ignoring_case_and_discounts_every_line(hub, point):
    # given: Rp30.000 + Rp25.000 of two cooperatives, 10 % off from Rp50.000
    voucher_in_hub(hub, code="DesaMaju", value=10, min_spent=50_000)
    a = sellable_variant(hub, point, price=15_000)
    b = sellable_variant(hub, point, price=25_000)
    checkout = ready(hub, point, [(a, 2), (b, 1)])

    # when
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="  desamaju ")

    # then
    checkout.refresh_from_db()
    assert checkout.voucher_code == "DesaMaju"
    totals = checkout_totals(checkout=checkout)
    assert (totals.undiscounted_subtotal, totals.discount) == (55_000, 5_500)
    assert (totals.subtotal, totals.shipping, totals.total) == (49_500, 0, 49_500)
    assert {p.line.variant_id: (p.discount, p.total_price) for p in totals.lines} == {
        a.pk: (3_000, 27_000),
        b.pk: (2_500, 22_500),
    }
    assert totals.voucher.name == "Voucher DesaMaju"


def test_unknown_code_is_invalid_and_changes_nothing(hub, point):
    checkout = ready(hub, point, [(sellable_variant(hub, point), 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="NGAWUR")

    assert error_of(caught) == ("invalid", "Promo code is invalid.")
    checkout.refresh_from_db()
    assert checkout.voucher_code == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end_date": timezone.now() - datetime.timedelta(minutes=1)}, "expired"),
        ({"start_date": timezone.now() + datetime.timedelta(days=1)}, "not valid yet"),
        ({"usage_limit": 0}, "used up"),
    ],
)
def test_code_that_does_not_run_now_is_invalid(hub, point, fields, message):
    voucher_in_hub(hub, code="HABIS", **fields)
    checkout = ready(hub, point, [(sellable_variant(hub, point), 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="HABIS")

    code, text = error_of(caught)
    assert code == "invalid"
    assert message in text


def test_code_of_another_hubs_channel_is_invalid(hub, point):
    voucher_in_hub(VillageHubFactory(), code="DESALAIN")
    checkout = ready(hub, point, [(sellable_variant(hub, point), 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="desalain")

    assert error_of(caught) == ("invalid", "This promo code is not valid in this shop.")


def test_used_up_code_is_invalid(hub, point):
    voucher = voucher_in_hub(hub, code="SEKALI", usage_limit=1)
    VoucherCode.objects.filter(voucher=voucher).update(used=1)
    checkout = ready(hub, point, [(sellable_variant(hub, point), 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="SEKALI")

    assert error_of(caught) == ("invalid", "This promo code has been used up.")


def test_minimum_spent_not_reached_is_not_applicable(hub, point):
    voucher_in_hub(hub, min_spent=50_000)
    checkout = ready(hub, point, [(sellable_variant(hub, point, price=15_000), 3)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    assert error_of(caught) == (
        "voucher_not_applicable",
        "This offer is only valid for orders over Rp50.000.",
    )
    checkout.refresh_from_db()
    assert checkout.voucher_code == ""


def test_once_per_customer_refuses_a_buyer_who_used_it(hub, point):
    voucher = voucher_in_hub(hub, apply_once_per_customer=True)
    VoucherCustomer.objects.create(
        voucher_code=voucher.codes.get(), customer_email="budi@example.com"
    )
    checkout = ready(hub, point, [(sellable_variant(hub, point), 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    assert error_of(caught)[0] == "voucher_not_applicable"


def test_cooperative_voucher_discounts_only_its_own_lines(hub, point):
    tani = CooperativeFactory()
    voucher_in_hub(hub, code="TANI20", value=20, cooperative=tani)
    own = sellable_variant(hub, point, price=20_000, cooperative=tani)
    other = sellable_variant(hub, point, price=50_000)
    checkout = ready(hub, point, [(own, 2), (other, 1)])

    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="TANI20")

    totals = checkout_totals(checkout=checkout)
    by_variant = {price.line.variant_id: price for price in totals.lines}
    assert (by_variant[own.pk].discount, by_variant[own.pk].total_price) == (8_000, 32_000)
    assert (by_variant[other.pk].discount, by_variant[other.pk].total_price) == (0, 50_000)
    assert totals.total == 82_000


def test_cooperative_voucher_without_its_products_is_not_applicable(hub, point):
    voucher_in_hub(hub, code="TANI20", cooperative=CooperativeFactory())
    checkout = ready(hub, point, [(sellable_variant(hub, point), 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="TANI20")

    assert error_of(caught) == (
        "voucher_not_applicable",
        "This voucher is only valid for products of its cooperative.",
    )


def test_code_is_dropped_when_a_line_change_falls_below_the_minimum(hub, point):
    voucher_in_hub(hub, min_spent=50_000)
    variant = sellable_variant(hub, point, price=15_000)
    checkout = ready(hub, point, [(variant, 4)])
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    services.checkout_lines_update(checkout=checkout, lines=[(variant, 2)])

    checkout.refresh_from_db()
    assert checkout.voucher_code == ""
    assert checkout_totals(checkout=checkout).total == 30_000


def test_code_stays_while_it_applies_and_the_discount_follows_the_lines(hub, point):
    voucher_in_hub(hub, min_spent=50_000)
    variant = sellable_variant(hub, point, price=15_000)
    checkout = ready(hub, point, [(variant, 4)])
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    services.checkout_lines_add(checkout=checkout, lines=[(variant, 1)])

    checkout.refresh_from_db()
    assert checkout.voucher_code == "DESAMAJU"
    totals = checkout_totals(checkout=checkout)
    assert (totals.discount, totals.total) == (7_500, 67_500)


def test_expired_meanwhile_shows_no_discount_and_is_dropped_on_the_next_change(hub, point):
    voucher = voucher_in_hub(hub)
    variant = sellable_variant(hub, point, price=15_000)
    checkout = ready(hub, point, [(variant, 2)])
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")
    voucher.end_date = timezone.now() - datetime.timedelta(seconds=1)
    voucher.save()

    totals = checkout_totals(checkout=checkout)
    assert (totals.voucher, totals.discount, totals.total) == (None, 0, 30_000)
    assert totals.voucher_problem.reason == "ended"

    services.checkout_email_update(checkout=checkout, email="siti@example.com")
    checkout.refresh_from_db()
    assert checkout.voucher_code == ""


def test_shipping_voucher_needs_delivery_and_lowers_the_fee(hub, point):
    method = ShippingMethodFactory(channel=hub.channel, price_amount=12_000)
    voucher_in_hub(hub, code="ONGKIR", type=VoucherType.SHIPPING, value_type="fixed", value=10_000)
    variant = sellable_variant(hub, point, price=15_000)
    checkout = ready(hub, point, [(variant, 1)])

    with pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="ONGKIR")
    assert error_of(caught)[0] == "voucher_not_applicable"

    checkout = services.checkout_delivery_method_update(checkout=checkout, shipping_method=method)
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="ongkir")
    totals = checkout_totals(checkout=checkout)
    assert (totals.undiscounted_shipping, totals.shipping, totals.discount) == (
        12_000,
        2_000,
        10_000,
    )
    assert (totals.subtotal, totals.total) == (15_000, 17_000)

    # back to pickup: the delivery voucher no longer applies
    checkout = services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    checkout.refresh_from_db()
    assert checkout.voucher_code == ""


def test_remove_by_code_or_by_voucher_id(hub, point):
    voucher = voucher_in_hub(hub)
    checkout = ready(hub, point, [(sellable_variant(hub, point, price=60_000), 1)])
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    services.checkout_remove_promo_code(checkout=checkout, promo_code="desamaju")
    checkout.refresh_from_db()
    assert checkout.voucher_code == ""

    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")
    services.checkout_remove_promo_code(checkout=checkout, voucher_id=voucher.pk)
    checkout.refresh_from_db()
    assert checkout.voucher_code == ""
    assert checkout_totals(checkout=checkout).total == 60_000


def test_remove_refuses_codes_not_on_the_checkout(hub, point):
    voucher_in_hub(hub)
    other = voucher_in_hub(hub, code="LAIN")
    checkout = ready(hub, point, [(sellable_variant(hub, point, price=60_000), 1)])
    checkout = services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    with pytest.raises(ValidationError) as caught:
        services.checkout_remove_promo_code(checkout=checkout, promo_code="LAIN")
    assert error_of(caught)[0] == "invalid"
    with pytest.raises(ValidationError) as caught:
        services.checkout_remove_promo_code(checkout=checkout, promo_code="TIDAKADA")
    assert error_of(caught)[0] == "not_found"
    with pytest.raises(ValidationError) as caught:
        services.checkout_remove_promo_code(checkout=checkout, voucher_id=other.pk)
    assert error_of(caught, "promo_code_id")[0] == "not_found"
    checkout.refresh_from_db()
    assert checkout.voucher_code == "DESAMAJU"


def test_refusals_speak_bahasa_indonesia_by_default(hub, point):
    voucher_in_hub(hub, min_spent=50_000)
    checkout = ready(hub, point, [(sellable_variant(hub, point, price=15_000), 1)])

    with translation.override("id"), pytest.raises(ValidationError) as caught:
        services.checkout_add_promo_code(checkout=checkout, promo_code="DESAMAJU")

    assert error_of(caught)[1] == "Penawaran ini hanya berlaku untuk belanja minimal Rp50.000."
