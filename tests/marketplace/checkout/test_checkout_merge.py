"""A guest's cart joins the account's cart at sign-in; a phone is contact enough."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.checkout import services
from marketplace.checkout.models import Checkout
from marketplace.warehouses.models import Stock
from tests.factories.accounts import UserFactory
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.village_hubs import VillageHubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_and_point():
    hub = VillageHubFactory()
    return hub, pickup_point(hub)


def test_merge_adds_quantities_and_leaves_out_what_stock_cannot_cover(hub_and_point):
    hub, point = hub_and_point
    coffee = sellable_variant(hub, point, quantity=3)
    tea = sellable_variant(hub, point, quantity=5)
    user = UserFactory()
    own = services.checkout_create(channel=hub.channel, lines=[(coffee, 2)], user=user)
    guest = services.checkout_create(channel=hub.channel, lines=[(tea, 2)])
    # the account's cart holds 2 of 3 coffees; a second guest cart asks for 1 more coffee
    services.checkout_lines_add(checkout=guest, lines=[(coffee, 1)])

    merged, left_out = services.checkout_merge(source=guest, target=own)

    assert merged.pk == own.pk
    assert left_out == []
    assert {line.variant_id: line.quantity for line in merged.lines.all()} == {
        coffee.pk: 3,
        tea.pk: 2,
    }
    assert not Checkout.objects.filter(pk=guest.pk).exists()


def test_merge_names_products_that_no_longer_fit(hub_and_point):
    hub, point = hub_and_point
    coffee = sellable_variant(hub, point, quantity=3)
    own = services.checkout_create(channel=hub.channel, lines=[(coffee, 2)], user=UserFactory())
    guest = services.checkout_create(channel=hub.channel, lines=[(coffee, 1)])
    Stock.objects.filter(product_variant=coffee).update(quantity=2)  # one was sold meanwhile

    merged, left_out = services.checkout_merge(source=guest, target=own)

    assert left_out == [coffee.product.name]
    assert merged.lines.get().quantity == 2


def test_merge_refuses_carts_of_two_hubs(hub_and_point):
    hub, point = hub_and_point
    other = VillageHubFactory()
    own = services.checkout_create(
        channel=hub.channel, lines=[(sellable_variant(hub, point), 1)], user=UserFactory()
    )
    guest = services.checkout_create(
        channel=other.channel, lines=[(sellable_variant(other, pickup_point(other)), 1)]
    )
    with pytest.raises(ValidationError) as refused:
        services.checkout_merge(source=guest, target=own)
    assert refused.value.error_dict["id"][0].code == "invalid"
    assert Checkout.objects.filter(pk=guest.pk).exists()


def test_an_order_with_only_a_phone_number_is_placed(hub_and_point):
    hub, point = hub_and_point
    checkout = services.checkout_create(
        channel=hub.channel, lines=[(sellable_variant(hub, point), 1)]
    )
    services.checkout_billing_address_update(
        checkout=checkout,
        address={
            "first_name": "Wayan", "phone": "0812 3456 7890", "street_address_1": "Balai Desa",
            "village": point.village_id,
        },
    )  # fmt: skip
    services.checkout_delivery_method_update(checkout=checkout, collection_point=point)

    order = services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")

    assert order.user_email == ""
    assert order.billing_address.phone == "+6281234567890"
    assert order.pickup_code
