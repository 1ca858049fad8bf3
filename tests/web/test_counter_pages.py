"""The counter's pages through Django's test client (the browser tests are in
test_counter.py): who may open them, what they show, what the buttons record."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.checkout import services as checkout_services
from marketplace.orders import selectors, services
from marketplace.orders.models import Order, OrderEvent, OrderEventType, OrderStatus
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.checkout import pickup_point, sellable_variant, stock_of
from tests.factories.shipping import ShippingMethodFactory
from tests.factories.village_hubs import (
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    hub = VillageHubFactory(slug="pecatu")
    hub.channel.expire_orders_after = 3 * 24 * 60
    hub.channel.save(update_fields=["expire_orders_after"])
    return hub


@pytest.fixture
def point(hub):
    return pickup_point(hub)


@pytest.fixture
def operator(hub):
    return HubOperatorFactory(hub=hub).user


@pytest.fixture
def order(hub, point):
    keripik = sellable_variant(hub, point, price=15_000, quantity=5)
    kopi = sellable_variant(hub, point, price=40_000, quantity=5)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(keripik, 2), (kopi, 1)], email="sari@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    return checkout_services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")


def prepare_all(order):
    for line in order.lines.all():
        staff = CooperativeStaffFactory(cooperative=line.cooperative).user
        services.order_fulfill_lines(
            order=order, cooperative=line.cooperative, lines=[(line, line.quantity)], actor=staff
        )


def client_for(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def post(client: Client, url: str):
    """A form submit as a browser makes it: the page's CSRF token, then POST."""
    client.get(url.rsplit("/", 2)[0] + "/")
    token = client.cookies["csrftoken"].value
    return client.post(url, {"csrfmiddlewaretoken": token})


def test_not_signed_in_goes_to_sign_in(hub):
    response = Client().get("/loket/pecatu/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=/loket/pecatu/")


def test_only_the_hubs_operators_open_the_counter(hub, order):
    other_operator = HubOperatorFactory(hub=VillageHubFactory()).user
    for stranger in (
        other_operator,
        UserFactory(),
        CooperativeStaffFactory(cooperative=order.lines.first().cooperative).user,
    ):
        client = client_for(stranger)
        assert client.get("/loket/pecatu/").status_code == 404
        assert client.get(f"/loket/pecatu/pesanan/{order.pk}/").status_code == 404
        assert client.get("/loket/pecatu/kas/").status_code == 404
    assert client_for(UserFactory(is_staff=True)).get("/loket/pecatu/").status_code == 200


def test_an_order_of_another_hub_is_not_found_at_this_counter(hub, operator):
    elsewhere = VillageHubFactory()
    other_point = pickup_point(elsewhere)
    variant = sellable_variant(elsewhere, other_point)
    checkout = checkout_services.checkout_create(
        channel=elsewhere.channel, lines=[(variant, 1)], email="a@example.com"
    )
    checkout_services.checkout_delivery_method_update(
        checkout=checkout, collection_point=other_point
    )
    foreign = checkout_services.checkout_complete(checkout=checkout)
    client = client_for(operator)
    assert client.get(f"/loket/pecatu/pesanan/{foreign.pk}/").status_code == 404
    found = client.get("/loket/pecatu/cari/", {"code": foreign.pickup_code})
    assert found.status_code == 400


def test_queue_shows_waiting_and_ready_orders(hub, operator, order):
    client = client_for(operator)
    page = client.get("/loket/pecatu/").content.decode()
    assert f"#{order.number}" in page
    assert "Menunggu barang (1)" in page
    prepare_all(order)
    page = client.get("/loket/pecatu/").content.decode()
    assert "Siap diambil (1)" in page
    assert "Rp70.000" in page


def test_find_by_code_typed_in_lower_case_with_spaces(hub, operator, order):
    code = order.pickup_code.lower()
    response = client_for(operator).get("/loket/pecatu/cari/", {"code": f" {code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert response["Location"] == f"/loket/pecatu/pesanan/{order.pk}/"


def test_unknown_code_is_said_next_to_the_field(hub, operator, order):
    response = client_for(operator).get("/loket/pecatu/cari/", {"code": "XXXXXX"})
    assert response.status_code == 400
    assert 'class="error" id="id_code-error"' in response.content.decode()


def test_take_cash_and_hand_over_in_one_step_double_click_records_once(hub, point, operator, order):
    prepare_all(order)
    client = client_for(operator)
    url = f"/loket/pecatu/pesanan/{order.pk}/bayar-serahkan/"
    page = client.get(f"/loket/pecatu/pesanan/{order.pk}/").content.decode()
    assert "Terima uang Rp70.000 dan serahkan" in page

    first = post(client, url)
    second = post(client, url)

    assert first.status_code == 302
    assert second.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.is_paid
    assert OrderEvent.objects.filter(order=order, type="order_marked_as_paid").count() == 1
    assert client.get(second["Location"]).status_code == 200


def test_take_cash_then_hand_over_in_two_steps(hub, operator, order):
    client = client_for(operator)
    paid = post(client, f"/loket/pecatu/pesanan/{order.pk}/bayar/")
    post(client, f"/loket/pecatu/pesanan/{order.pk}/bayar/")
    assert paid.status_code == 302
    order.refresh_from_db()
    assert order.is_paid
    # nothing ready yet: the hand-over is refused with the reason on the page
    refused = post(client, f"/loket/pecatu/pesanan/{order.pk}/serahkan/")
    assert refused.status_code == 400
    assert "Belum ada barang yang siap diserahkan." in refused.content.decode()
    prepare_all(order)
    assert post(client, f"/loket/pecatu/pesanan/{order.pk}/serahkan/").status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert OrderEvent.objects.filter(order=order, type="order_marked_as_paid").count() == 1


def test_cancel_only_past_the_window_and_stock_comes_back(hub, point, operator, order):
    prepare_all(order)
    client = client_for(operator)
    page = f"/loket/pecatu/pesanan/{order.pk}/"
    url = f"/loket/pecatu/pesanan/{order.pk}/batal/"
    assert (
        "Batalkan pesanan" not in client.get(f"/loket/pecatu/pesanan/{order.pk}/").content.decode()
    )
    assert post(client, url).status_code == 400
    Order.objects.filter(pk=order.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert "Batalkan pesanan" in client.get(page).content.decode()
    assert post(client, url).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    for line in order.lines.all():
        stock = stock_of(line.variant, point)
        assert stock.quantity_allocated == 0


def test_takings_match_the_recorded_payments(hub, point, operator, order):
    client = client_for(operator)
    post(client, f"/loket/pecatu/pesanan/{order.pk}/bayar/")
    variant = sellable_variant(hub, point, price=12_500)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="b@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    second = checkout_services.checkout_complete(checkout=checkout)
    post(client, f"/loket/pecatu/pesanan/{second.pk}/bayar/")

    takings = selectors.counter_takings(hub)
    start, end = selectors.hub_today(hub)
    paid_today = Order.objects.filter(
        channel=hub.channel, payment_method="pay_at_pickup", paid_at__gte=start, paid_at__lt=end
    )
    assert takings.total == sum(int(o.total_charged_amount) for o in paid_today) == 95_000
    page = client.get("/loket/pecatu/kas/").content.decode()
    assert "Rp95.000" in page
    assert f"#{second.number}" in page


@pytest.fixture
def courier_order(hub, point):
    """An order paid online that the hub's village courier delivers to Jl. Uluwatu 7."""
    courier = ShippingMethodFactory(channel=hub.channel, name="Kurir Desa Pecatu")
    keripik = sellable_variant(hub, point, price=15_000, quantity=5)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(keripik, 2)], email="made@example.com"
    )
    checkout_services.checkout_shipping_address_update(
        checkout=checkout,
        address=AddressFactory(street_address_1="Jl. Uluwatu 7", phone="+6281234567890"),
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, shipping_method=courier)
    return checkout_services.checkout_complete(checkout=checkout, payment_mode="paid")


def test_the_courier_orders_are_listed_apart_and_handed_to_the_courier_with_the_address(
    hub, operator, courier_order
):
    client = client_for(operator)
    queue = client.get("/loket/pecatu/").content.decode()
    courier_part = queue.split('id="q-courier"')[1]
    assert f"#{courier_order.number}" in courier_part  # under the courier, waiting for goods
    assert "Menunggu barang (1)" in courier_part
    assert f"#{courier_order.number}" not in queue.split('id="q-courier"')[0]
    url = f"/loket/pecatu/pesanan/{courier_order.pk}/"
    page = client.get(url).content.decode()
    assert "Jl. Uluwatu 7" in page
    assert "+6281234567890" in page
    assert "Belum ada barang yang siap untuk kurir" in page
    assert "Serahkan ke kurir" not in page

    prepare_all(courier_order)
    page = client.get(url).content.decode()
    assert "Siap untuk kurir" in page
    response = post(client, url + "serahkan/")
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Barang sudah diserahkan ke kurir." in page
    assert "Dikirim dengan kurir" in page
    courier_order.refresh_from_db()
    assert courier_order.status == OrderStatus.FULFILLED
    # sent twice (a double tap): nothing more happens
    again = post(client, url + "serahkan/")
    assert again.status_code == 302
    handed = OrderEvent.objects.filter(
        order=courier_order, type=OrderEventType.FULFILLMENT_FULFILLED_ITEMS
    )
    assert handed.count() == 1
    queue = client.get("/loket/pecatu/").content.decode().split('id="q-courier"')[1]
    assert "Dikirim dengan kurir hari ini (1)" in queue


def test_another_hubs_operator_cannot_open_a_courier_order(hub, courier_order):
    other = HubOperatorFactory(hub=VillageHubFactory(slug="colo")).user
    client = client_for(other)
    assert client.get(f"/loket/pecatu/pesanan/{courier_order.pk}/").status_code == 404
    assert post(client, f"/loket/pecatu/pesanan/{courier_order.pk}/serahkan/").status_code == 404
    courier_order.refresh_from_db()
    assert courier_order.status == OrderStatus.UNFULFILLED
