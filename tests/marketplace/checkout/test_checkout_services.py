from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marketplace.catalog.models import ProductChannelListing
from marketplace.checkout import services
from marketplace.checkout.models import Checkout, CheckoutLine, Reservation
from marketplace.checkout.selectors import (
    checkout_totals,
    variant_quantity_available_for_checkout,
)
from marketplace.orders.models import Order
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.checkout import pickup_point, sellable_variant, stock_of
from tests.factories.shipping import ShippingMethodFactory
from tests.factories.village_hubs import VillageHubFactory

pytestmark = pytest.mark.django_db


def error_code(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return exc.value.error_dict[field][0].code


def test_create_reserves_stock_for_the_lines(hub, point):
    variant = sellable_variant(hub, point, quantity=5)

    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="Sari@Example.com"
    )

    assert checkout.email == "sari@example.com"
    line = checkout.lines.get()
    assert line.quantity == 2
    reservation = Reservation.objects.get(checkout_line=line)
    assert reservation.quantity_reserved == 2
    assert reservation.stock == stock_of(variant, point)
    assert reservation.reserved_until > timezone.now() + datetime.timedelta(minutes=19)


def test_create_sums_a_variant_given_twice(hub, point):
    variant = sellable_variant(hub, point)

    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 1), (variant, 2)], email="a@example.com"
    )

    assert checkout.lines.get().quantity == 3


def test_email_defaults_to_the_users(hub, point):
    user = UserFactory(email="wayan@example.com")
    variant = sellable_variant(hub, point)

    checkout = services.checkout_create(channel=hub.channel, lines=[(variant, 1)], user=user)

    assert checkout.email == "wayan@example.com"
    assert checkout.user == user


@pytest.mark.parametrize(
    ("quantity", "code"),
    [(0, "zero_quantity"), (-1, "zero_quantity"), (51, "quantity_greater_than_limit")],
)
def test_create_refuses_bad_quantities(hub, point, quantity, code):
    variant = sellable_variant(hub, point, quantity=100)

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(
            channel=hub.channel, lines=[(variant, quantity)], email="a@example.com"
        )

    assert error_code(exc, "quantity") == code
    assert Checkout.objects.count() == 0


def test_create_refuses_more_than_available(hub, point):
    variant = sellable_variant(hub, point, quantity=2)

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 3)], email="a@example.com")

    assert error_code(exc, "quantity") == "insufficient_stock"
    assert exc.value.error_dict["quantity"][0].params == {"variants": [variant.pk]}
    assert Checkout.objects.count() == 0
    assert Reservation.objects.count() == 0


def test_create_refuses_a_variant_not_priced_in_the_channel(hub, point):
    variant = ProductVariantFactory()

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 1)], email="a@example.com")

    assert error_code(exc, "lines") == "unavailable_variant_in_channel"
    assert Checkout.objects.count() == 0


def test_create_refuses_an_unpublished_product(hub, point):
    variant = sellable_variant(hub, point)
    ProductChannelListing.objects.filter(product=variant.product).update(is_published=False)

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 1)], email="a@example.com")

    assert error_code(exc, "lines") == "product_not_published"


def test_create_refuses_a_product_not_yet_available_for_purchase(hub, point):
    variant = sellable_variant(hub, point)
    ProductChannelListing.objects.filter(product=variant.product).update(
        available_for_purchase_at=timezone.now() + datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 1)], email="a@example.com")

    assert error_code(exc, "lines") == "product_unavailable_for_purchase"


def test_create_refuses_a_malformed_email(hub, point):
    variant = sellable_variant(hub, point)

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 1)], email="not-an-email")

    assert error_code(exc, "email") == "invalid"
    assert Checkout.objects.count() == 0


def test_create_refuses_an_inactive_channel(hub, point):
    variant = sellable_variant(hub, point)
    hub.channel.is_active = False
    hub.channel.save(update_fields=["is_active"])

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 1)], email="a@example.com")

    assert error_code(exc, "channel") == "channel_inactive"


def test_create_refuses_an_invalid_shipping_address_with_prefixed_field(hub, point):
    variant = sellable_variant(hub, point)

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(
            channel=hub.channel,
            lines=[(variant, 1)],
            email="a@example.com",
            shipping_address={"street_address_1": "Jl. Melati 1", "postal_code": "123"},
        )

    assert error_code(exc, "shipping_address.postal_code") == "invalid"
    assert error_code(exc, "shipping_address.city") == "required"
    assert Checkout.objects.count() == 0


# --- reservations ------------------------------------------------------------------------


def test_another_checkout_cannot_take_reserved_units(hub, point):
    variant = sellable_variant(hub, point, quantity=3)
    services.checkout_create(channel=hub.channel, lines=[(variant, 2)], email="a@example.com")

    with pytest.raises(ValidationError) as exc:
        services.checkout_create(channel=hub.channel, lines=[(variant, 2)], email="b@example.com")

    assert error_code(exc, "quantity") == "insufficient_stock"
    assert variant_quantity_available_for_checkout(variant=variant, channel=hub.channel) == 1


def test_expired_reservations_do_not_count(hub, point):
    variant = sellable_variant(hub, point, quantity=3)
    services.checkout_create(channel=hub.channel, lines=[(variant, 3)], email="a@example.com")
    Reservation.objects.update(reserved_until=timezone.now() - datetime.timedelta(seconds=1))

    other = services.checkout_create(
        channel=hub.channel, lines=[(variant, 3)], email="b@example.com"
    )

    assert other.lines.get().reservations.get().quantity_reserved == 3


def test_own_reservation_does_not_block_itself(hub, point):
    variant = sellable_variant(hub, point, quantity=3)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="a@example.com"
    )

    services.checkout_lines_add(checkout=checkout, lines=[(variant, 1)])

    line = checkout.lines.get()
    assert line.quantity == 3
    assert line.reservations.get().quantity_reserved == 3


def test_lines_add_beyond_stock_changes_nothing(hub, point):
    variant = sellable_variant(hub, point, quantity=3)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="a@example.com"
    )

    with pytest.raises(ValidationError) as exc:
        services.checkout_lines_add(checkout=checkout, lines=[(variant, 2)])

    assert error_code(exc, "quantity") == "insufficient_stock"
    line = checkout.lines.get()
    assert line.quantity == 2
    assert line.reservations.get().quantity_reserved == 2


def test_lines_update_sets_quantity_and_zero_removes_the_line(hub, point):
    first = sellable_variant(hub, point)
    second = sellable_variant(hub, point)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(first, 2), (second, 1)], email="a@example.com"
    )

    services.checkout_lines_update(checkout=checkout, lines=[(first, 5), (second, 0)])

    assert list(checkout.lines.values_list("variant", "quantity")) == [(first.pk, 5)]
    assert Reservation.objects.get().quantity_reserved == 5


def test_lines_update_refuses_negative(hub, point):
    variant = sellable_variant(hub, point)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="a@example.com"
    )

    with pytest.raises(ValidationError) as exc:
        services.checkout_lines_update(checkout=checkout, lines=[(variant, -1)])

    assert error_code(exc, "quantity") == "zero_quantity"
    assert checkout.lines.get().quantity == 2


def test_lines_delete_removes_reservations_and_refuses_foreign_lines(hub, point):
    variant = sellable_variant(hub, point)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="a@example.com"
    )
    other = services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email="b@example.com"
    )

    with pytest.raises(ValidationError) as exc:
        services.checkout_lines_delete(checkout=checkout, line_ids=[other.lines.get().pk])
    assert error_code(exc, "line_id") == "invalid"

    services.checkout_lines_delete(checkout=checkout, line_ids=[checkout.lines.get().pk])
    assert not CheckoutLine.objects.filter(checkout=checkout).exists()
    assert Reservation.objects.count() == 1


# --- contact, addresses, delivery --------------------------------------------------------


def test_email_update(hub, point):
    variant = sellable_variant(hub, point)
    checkout = services.checkout_create(channel=hub.channel, lines=[(variant, 1)])

    with pytest.raises(ValidationError) as exc:
        services.checkout_email_update(checkout=checkout, email="nope@")
    assert error_code(exc, "email") == "invalid"

    services.checkout_email_update(checkout=checkout, email=" Ketut@Example.com ")
    checkout.refresh_from_db()
    assert checkout.email == "ketut@example.com"


def test_shipping_address_is_a_copy_and_is_replaced(hub, point):
    variant = sellable_variant(hub, point)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email="a@example.com"
    )
    book_address = AddressFactory()

    services.checkout_shipping_address_update(checkout=checkout, address=book_address)
    checkout.refresh_from_db()
    first_copy = checkout.shipping_address
    assert first_copy.pk != book_address.pk
    assert first_copy.postal_code == "80362"

    services.checkout_shipping_address_update(
        checkout=checkout,
        address={
            "street_address_1": "Jl. Pantai 5",
            "village": book_address.village_id,
            "phone": "0812-3456-7891",
        },
    )
    checkout.refresh_from_db()
    assert checkout.shipping_address.phone == "+6281234567891"
    assert checkout.shipping_address.city == "Kabupaten Badung"
    assert not type(first_copy).objects.filter(pk=first_copy.pk).exists()


def test_delivery_method_accepts_only_this_hubs_pickup_points_and_methods(hub, point):
    variant = sellable_variant(hub, point)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email="a@example.com"
    )
    other_hub = VillageHubFactory()
    other_point = pickup_point(other_hub)
    other_method = ShippingMethodFactory(channel=other_hub.channel)

    with pytest.raises(ValidationError) as exc:
        services.checkout_delivery_method_update(checkout=checkout, collection_point=other_point)
    assert error_code(exc, "delivery_method_id") == "delivery_method_not_applicable"
    with pytest.raises(ValidationError) as exc:
        services.checkout_delivery_method_update(checkout=checkout, shipping_method=other_method)
    assert error_code(exc, "delivery_method_id") == "shipping_method_not_applicable"

    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    checkout.refresh_from_db()
    assert checkout.collection_point == point
    method = ShippingMethodFactory(channel=hub.channel)
    services.checkout_delivery_method_update(checkout=checkout, shipping_method=method)
    checkout.refresh_from_db()
    assert checkout.collection_point is None
    assert checkout.shipping_method == method


# --- totals ------------------------------------------------------------------------------


def test_totals_in_whole_rupiah_with_two_cooperatives(hub, point):
    keripik = sellable_variant(hub, point, price=15_000)
    kopi = sellable_variant(hub, point, price=42_500)
    assert keripik.product.cooperative_id != kopi.product.cooperative_id
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(keripik, 3), (kopi, 2)], email="a@example.com"
    )
    method = ShippingMethodFactory(channel=hub.channel, price_amount=7_000)
    services.checkout_shipping_address_update(checkout=checkout, address=AddressFactory())
    services.checkout_delivery_method_update(checkout=checkout, shipping_method=method)
    checkout.refresh_from_db()

    totals = checkout_totals(checkout=checkout)

    assert (totals.subtotal, totals.shipping, totals.tax, totals.total) == (
        130_000,
        7_000,
        0,
        137_000,
    )
    assert all(isinstance(value, int) for value in (totals.subtotal, totals.total))
    assert [price.total_price for price in totals.lines] == [45_000, 85_000]


def test_pickup_is_free(hub, point):
    variant = sellable_variant(hub, point, price=20_000)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="a@example.com"
    )
    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)

    totals = checkout_totals(checkout=checkout)

    assert (totals.subtotal, totals.shipping, totals.total) == (40_000, 0, 40_000)


# --- completion refusals -----------------------------------------------------------------


def _checkout(hub, point, **kwargs):
    variant = sellable_variant(hub, point, quantity=5)
    return services.checkout_create(channel=hub.channel, lines=[(variant, 1)], **kwargs)


def test_complete_without_delivery_method(hub, point):
    checkout = _checkout(hub, point, email="a@example.com")

    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout)

    assert error_code(exc, "shipping_method") == "shipping_method_not_set"
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert Order.objects.count() == 0


def test_complete_without_email(hub, point):
    checkout = _checkout(hub, point)
    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)

    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout)

    assert error_code(exc, "email") == "email_not_set"
    assert Order.objects.count() == 0


def test_complete_without_lines(hub, point):
    checkout = _checkout(hub, point, email="a@example.com")
    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    services.checkout_lines_delete(checkout=checkout, line_ids=[checkout.lines.get().pk])

    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout)

    assert error_code(exc, "lines") == "no_lines"


def test_complete_shipping_needs_an_address(hub, point):
    checkout = _checkout(hub, point, email="a@example.com")
    method = ShippingMethodFactory(channel=hub.channel)
    services.checkout_delivery_method_update(checkout=checkout, shipping_method=method)

    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout, payment_mode="paid")

    assert error_code(exc, "shipping_address") == "shipping_address_not_set"


def test_pay_at_pickup_needs_pickup_and_a_hub_taking_cash(hub, point):
    checkout = _checkout(hub, point, email="a@example.com")
    services.checkout_shipping_address_update(checkout=checkout, address=AddressFactory())
    method = ShippingMethodFactory(channel=hub.channel)
    services.checkout_delivery_method_update(checkout=checkout, shipping_method=method)

    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")
    assert error_code(exc, "delivery_method") == "delivery_method_not_applicable"

    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    hub.channel.allow_unpaid_orders = False
    hub.channel.save(update_fields=["allow_unpaid_orders"])
    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")
    assert error_code(exc, "id") == "checkout_not_fully_paid"
    assert Order.objects.count() == 0


def test_complete_refuses_when_stock_was_sold_meanwhile(hub, point):
    variant = sellable_variant(hub, point, quantity=2)
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="a@example.com"
    )
    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    Reservation.objects.all().delete()  # e.g. expired and cleaned up
    stock = stock_of(variant, point)
    stock.quantity_allocated = 1
    stock.save(update_fields=["quantity_allocated"])

    with pytest.raises(ValidationError) as exc:
        services.checkout_complete(checkout=checkout)

    assert error_code(exc, "lines") == "insufficient_stock"
    stock.refresh_from_db()
    assert stock.quantity_allocated == 1
    assert Checkout.objects.filter(pk=checkout.pk).exists()
