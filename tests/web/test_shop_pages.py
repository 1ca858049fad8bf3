"""The village shop's rules, through Django's test client on factory data: hub search,
the catalogue's query counts, the cart, the checkout's errors, idempotent and rate-limited
placing, who sees an order page, and the cart merge at sign-in."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client, override_settings
from django.utils.text import slugify

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.regions.models import Regency
from marketplace.village_hubs.models import HubSupply
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.shipping import ShippingMethodFactory
from tests.factories.village_hubs import CooperativeFactory, ProducerFactory, VillageHubFactory
from tests.marketplace.payments.conftest import fake_midtrans  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    hub = VillageHubFactory(
        name="Lumbung Desa Pecatu", slug="pecatu", village=village_pecatu(), address="Balai Desa"
    )
    point = pickup_point(hub, name="Titik Ambil Balai Desa")
    return hub, point


def _product(hub, point, name, price=15_000, quantity=10, **kwargs):
    kwargs.setdefault("slug", slugify(name))
    return sellable_variant(hub, point, price=price, quantity=quantity, name=name, **kwargs)


def _add(client, hub, variant, quantity=1):
    return client.post(
        f"/{hub.slug}/produk/{variant.product.slug}/beli/",
        {"variant": variant.pk, "quantity": quantity},
    )


def _checkout_data(client, hub, **overrides):
    page = client.get(f"/{hub.slug}/pesan/").content.decode()
    token = re.search(r'name="place_token" value="([^"]+)"', page).group(1)
    point = re.search(r'name="pickup_point" value="(\d+)"', page).group(1)
    data = {
        "name": "Ni Wayan Sari",
        "phone": "0812 3456 7890",
        "email": "",
        "delivery": "pickup",
        "pickup_point": point,
        "payment": "pay_at_pickup",
        "place_token": token,
    }
    data.update(overrides)
    return data


def test_hubs_are_found_by_regency_province_or_village_name(client):
    VillageHubFactory(name="Lumbung Desa Pecatu", slug="pecatu", village=village_pecatu())
    VillageHubFactory(
        name="Lumbung Desa Bakalankrapyak", slug="bakalankrapyak", village=village_bakalankrapyak()
    )
    for query in ("kudus", "Jawa Tengah", "bakalan"):
        page = client.get("/", {"q": query}).content.decode()
        assert "Lumbung Desa Bakalankrapyak" in page, query
        assert "Lumbung Desa Pecatu" not in page, query
    page = client.get("/", {"q": "badung"}).content.decode()
    assert "Lumbung Desa Pecatu" in page
    assert "Lumbung Desa Bakalankrapyak" not in page


def test_hub_shop_shows_price_stock_and_producer_and_searches(client, shop):
    hub, point = shop
    _product(hub, point, "Keripik Tempe", price=15_000, quantity=7)
    _product(hub, point, "Madu Hutan", price=85_000, quantity=0)
    page = client.get("/pecatu/").content.decode()
    assert "Keripik Tempe" in page
    assert "Rp15.000" in page
    assert "Sisa 7" in page or "7 left" in page
    assert "Habis" in page or "Out of stock" in page  # the honey
    found = client.get("/pecatu/", {"q": "keripik"}).content.decode()
    assert "Keripik Tempe" in found
    assert "Madu Hutan" not in found


def test_a_hub_page_costs_the_same_queries_for_one_product_or_twenty(
    client, shop, django_assert_max_num_queries
):
    hub, point = shop
    _product(hub, point, "Produk 0")
    client.get("/pecatu/")  # session and language settled
    with django_assert_max_num_queries(9) as one:
        assert client.get("/pecatu/").status_code == 200
    for n in range(1, 20):
        _product(hub, point, f"Produk {n}")
    with django_assert_max_num_queries(9) as twenty:
        page = client.get("/pecatu/")
    assert page.content.decode().count('class="card product"') == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)


def test_product_page_query_count_is_bounded(client, shop, django_assert_max_num_queries):
    hub, point = shop
    variant = _product(hub, point, "Kopi Bubuk")
    with django_assert_max_num_queries(10):
        page = client.get(f"/pecatu/produk/{variant.product.slug}/")
    assert page.status_code == 200
    assert "Rp15.000" in page.content.decode()


def test_an_unknown_hub_or_product_is_404(client, shop):
    assert client.get("/tidak-ada/").status_code == 404
    assert client.get("/pecatu/produk/tidak-ada/").status_code == 404


def test_cart_keeps_lines_and_says_when_stock_is_short_next_to_the_line(client, shop):
    hub, point = shop
    variant = _product(hub, point, "Gula Aren", quantity=3)
    assert _add(client, hub, variant, 2).status_code == 302
    cart = client.get("/pecatu/keranjang/").content.decode()
    assert "Gula Aren" in cart
    assert "Rp30.000" in cart
    line = Checkout.objects.get().lines.get()
    response = client.post("/pecatu/keranjang/ubah/", {"line": line.pk, "quantity": 9})
    assert response.status_code == 302
    cart = client.get("/pecatu/keranjang/").content.decode()
    assert f'id="qty-{line.pk}-error"' in cart
    line.refresh_from_db()
    assert line.quantity == 2  # nothing changed
    client.post("/pecatu/keranjang/ubah/", {"line": line.pk, "remove": "1"})
    assert not Checkout.objects.get().lines.exists()


def test_too_many_units_on_the_product_page_is_said_next_to_the_quantity(client, shop):
    hub, point = shop
    variant = _product(hub, point, "Beras Merah", quantity=2)
    response = _add(client, hub, variant, 5)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not Checkout.objects.filter(lines__isnull=False).exists()


def test_bad_phone_is_said_next_to_the_field_and_nothing_is_placed(client, shop):
    hub, point = shop
    _add(client, hub, _product(hub, point, "Kacang Mete"))
    data = _checkout_data(client, hub, phone="12", name="")
    response = client.post("/pecatu/pesan/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_phone-error"' in page
    assert 'id="id_name-error"' in page
    assert Order.objects.count() == 0
    checkout = Checkout.objects.get()
    assert checkout.billing_address_id is None
    assert checkout.collection_point_id is None


def test_a_phone_is_enough_and_placing_twice_makes_one_order(client, shop):
    hub, point = shop
    _add(client, hub, _product(hub, point, "Kopi Kintamani", price=40_000))
    data = _checkout_data(client, hub)
    first = client.post("/pecatu/pesan/", data)
    again = client.post("/pecatu/pesan/", data)  # a double submit or a retry
    assert first.status_code == 302
    assert again["Location"] == first["Location"]
    order = Order.objects.get()
    assert order.billing_address.phone == "+6281234567890"
    assert order.user_email == ""
    page = client.get(first["Location"]).content.decode()
    assert order.pickup_code in page
    assert "Rp40.000" in page
    assert "wa.me/" in page
    assert "<svg" in page


def test_order_page_is_only_for_the_buyer(client, shop):
    hub, point = shop
    _add(client, hub, _product(hub, point, "Teh Hijau"))
    url = client.post("/pecatu/pesan/", _checkout_data(client, hub))["Location"]
    assert client.get(url).status_code == 200
    stranger = Client()
    assert stranger.get(url).status_code == 404
    owner = UserFactory(is_confirmed=True)
    Order.objects.update(user=owner)
    stranger.force_login(owner)
    assert stranger.get(url).status_code == 200
    other = Client()
    other.force_login(UserFactory(is_confirmed=True))
    assert other.get(url).status_code == 404
    assert client.get(f"/pecatu/pesanan/{uuid.uuid4()}/").status_code == 404


@override_settings(SHOP_ORDER_RATE_PER_SESSION="1/h")
def test_placing_orders_is_rate_limited_with_a_message(client, shop):
    hub, point = shop
    variant = _product(hub, point, "Sambal Matah")
    _add(client, hub, variant)
    assert client.post("/pecatu/pesan/", _checkout_data(client, hub)).status_code == 302
    _add(client, hub, variant)
    response = client.post("/pecatu/pesan/", _checkout_data(client, hub))
    assert response.status_code == 429
    assert "error-summary" in response.content.decode()
    assert Order.objects.count() == 1


def test_guest_cart_joins_the_account_cart_at_sign_in(client, shop, settings):
    settings.ALLOW_LOGIN_WITHOUT_CONFIRMATION = True
    hub, point = shop
    user = UserFactory(email="sari@example.com", is_confirmed=True)
    coffee = _product(hub, point, "Kopi Robusta")
    tea = _product(hub, point, "Teh Melati")
    own = Client()
    own.force_login(user)
    _add(own, hub, coffee, 1)
    _add(client, hub, tea, 2)
    _add(client, hub, coffee, 1)
    response = client.post("/akun/masuk/", {"email": user.email, "password": "password"})
    assert response.status_code == 302
    checkout = Checkout.objects.get(user=user)
    assert {line.variant_id: line.quantity for line in checkout.lines.all()} == {
        coffee.pk: 2,
        tea.pk: 2,
    }
    assert Checkout.objects.count() == 1
    assert "Teh Melati" in client.get("/pecatu/keranjang/").content.decode()


# --- paying online (the fake Midtrans) ----------------------------------------------------


_ADDRESS = {
    "street_address_1": "Jl. Pantai 1",
    "city_area": "Kuta Selatan",
    "city": "Kabupaten Badung",
    "country_area": "Bali",
    "postal_code": "80362",
}


@pytest.fixture
def midtrans(fake_midtrans):  # noqa: F811
    return fake_midtrans


def test_delivery_with_qris_shows_the_code_and_only_to_the_buyer(client, shop, midtrans):
    hub, point = shop
    ShippingMethodFactory(
        channel=hub.channel,
        name="Kurir desa",
        price_amount=5_000,
        regency=hub.village.district.regency,  # the hub's own regency only
    )
    _add(client, hub, _product(hub, point, "Arak Bali", price=50_000))
    page = client.get("/pecatu/pesan/").content.decode()
    assert "Kurir desa" in page
    assert "Rp5.000" in page
    data = _checkout_data(
        client,
        hub,
        delivery="delivery",
        payment="qris",
        **{**_ADDRESS, "street_address_1": "Jl. Uluwatu 7"},
    )
    response = client.post("/pecatu/pesan/", data)
    assert response.status_code == 302, re.findall(r"<li>(.*?)</li>", response.content.decode())
    payment_url = response["Location"]
    page = client.get(payment_url).content.decode()
    assert "<svg" in page
    assert "Rp55.000" in page  # the delivery is added
    assert 'http-equiv="refresh"' in page
    status = client.get(payment_url + "status/").json()
    assert status["state"] == "pending"
    assert Client().get(payment_url).status_code == 404
    assert Client().get(payment_url + "status/").status_code == 404
    checkout = Checkout.objects.get()
    assert checkout.shipping_address.street_address_1 == "Jl. Uluwatu 7"
    assert checkout.shipping_address.phone == "+6281234567890"
    # paid at Midtrans: the next load asks Get Status and shows the order
    psp_reference = next(iter(midtrans.transactions))
    midtrans.set_status(psp_reference, "settlement", payment_type="qris")
    order_page = client.get(payment_url)
    assert order_page.status_code == 302
    assert "/pecatu/pesanan/" in order_page["Location"]
    assert "Lunas" in client.get(order_page["Location"]).content.decode()
    order = Order.objects.get()
    assert (order.shipping_method_name, order.shipping_price_amount) == ("Kurir desa", 5_000)


def test_checkout_defaults_to_pickup_and_offers_only_the_hubs_regency_courier(client, shop):
    hub, point = shop
    regency = hub.village.district.regency
    denpasar = Regency.objects.create(
        code="51.71", province=regency.province, name="Kota Denpasar", kind="kota"
    )
    ShippingMethodFactory(
        channel=hub.channel, name="Kurir Desa Pecatu", price_amount=10_000, regency=regency
    )
    ShippingMethodFactory(
        channel=hub.channel, name="Ojek Kota", price_amount=3_000, regency=denpasar
    )
    _add(client, hub, _product(hub, point, "Kopi Pelaga"))
    page = client.get("/pecatu/pesan/").content.decode()
    # pickup at the hub is the choice already made; the courier is the other one
    radios = re.findall(r'<input type="radio" name="delivery"[^>]*>', page)
    assert len(radios) == 2
    assert 'value="pickup"' in radios[0]
    assert "checked" in radios[0]
    assert 'value="delivery"' in radios[1]
    assert "checked" not in radios[1]
    assert "Kurir Desa Pecatu, Rp10.000" in page
    assert "Ojek Kota" not in page  # delivers in another regency


def test_cash_needs_pickup(client, shop, midtrans):
    hub, point = shop
    ShippingMethodFactory(channel=hub.channel)
    _add(client, hub, _product(hub, point, "Garam Amed"))
    data = _checkout_data(client, hub, delivery="delivery", **_ADDRESS)
    response = client.post("/pecatu/pesan/", data)
    assert response.status_code == 400
    assert 'id="id_payment-error"' not in response.content.decode()  # a radio group
    assert "Bayar tunai hanya bisa" in response.content.decode()
    assert Order.objects.count() == 0


def test_virtual_account_number_is_selectable_with_a_copy_button(client, shop, midtrans):
    hub, point = shop
    _add(client, hub, _product(hub, point, "Kopi Luwak"))
    response = client.post("/pecatu/pesan/", _checkout_data(client, hub, payment="bni_va"))
    page = client.get(response["Location"]).content.decode()
    assert '<span id="va-number" class="code">12345678901</span>' in page
    assert 'data-copy="#va-number"' in page


def test_snap_sends_the_buyer_to_the_payment_page_once(client, shop, midtrans):
    hub, point = shop
    _add(client, hub, _product(hub, point, "Tenun Ikat"))
    data = _checkout_data(client, hub, payment="snap")
    first = client.post("/pecatu/pesan/", data)
    again = client.post("/pecatu/pesan/", data)
    assert first["Location"].startswith(midtrans.url + "/snap/v4/redirection/")
    assert again["Location"] == first["Location"]
    assert len(midtrans.calls("POST", "/snap/v1/transactions")) == 1
    # Snap sends the buyer back to the payment's own page, which asks Get Status
    [request] = midtrans.calls("POST", "/snap/v1/transactions")
    back = request["callbacks"]["finish"]
    assert back.endswith(f"/pecatu/bayar/kembali/{data['place_token']}/")
    payment_page = client.get(back.removeprefix("http://testserver"))
    assert re.search(r"/pecatu/bayar/[0-9a-f-]{36}/$", payment_page["Location"])
    assert Client().get(back.removeprefix("http://testserver")).status_code == 404


def test_browsing_without_a_cart_stores_no_session(client, shop):
    from django.contrib.sessions.models import Session

    hub, point = shop
    variant = _product(hub, point, "Kopi Tubruk")
    client.get("/pecatu/")
    client.get(f"/pecatu/produk/{variant.product.slug}/")
    client.get("/pecatu/keranjang/")
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


_FACET_LINK = re.compile(
    r'<a href="[^"]+"(?P<current> aria-current="[^"]+")?>(?P<label>[^<]+?) '
    r'<span class="n">(?P<count>\d+)</span></a>'
)


def _facet_counts(page: str) -> dict[str, tuple[int, bool]]:
    return {m["label"]: (int(m["count"]), bool(m["current"])) for m in _FACET_LINK.finditer(page)}


def _faceted(hub, point, name, n, **kwargs):
    """A product of a cooperative of its own, halal, priced Rp10.000 × (n + 1), with
    ``n % 3`` units in stock, in a category of its own."""
    cooperative = CooperativeFactory(name=f"Koperasi Uji {n}")
    producer = ProducerFactory(cooperative=cooperative, halal_certificate_number=f"ID{n:08d}")
    return sellable_variant(
        hub,
        point,
        price=10_000 * (n + 1),
        quantity=n % 3,
        cooperative=cooperative,
        producer=producer,
        name=name,
        slug=slugify(name),
        category=CategoryFactory(name=f"Kategori {n}", slug=f"kategori-{n}"),
        **kwargs,
    )


def test_search_facets_cost_the_same_queries_for_one_product_or_twenty(
    client, shop, django_assert_max_num_queries
) -> None:
    hub, point = shop
    _faceted(hub, point, "Keripik 1", 1)
    client.get("/pecatu/")  # session and language settled
    url = "/pecatu/?q=keripik&tersedia=1&halal=1"
    with django_assert_max_num_queries(13) as one:
        assert client.get(url).status_code == 200
    for n in (0, *range(2, 20)):
        _faceted(hub, point, f"Keripik {n}", n)
    with django_assert_max_num_queries(13) as twenty:
        page = client.get(url).content.decode()
    assert page.count('class="card product"') == 13  # two in three have stock
    counts = _facet_counts(page)
    assert counts["Tersedia"] == (13, True)
    assert len([label for label in counts if label.startswith("Kategori")]) == 13
    assert len(twenty.captured_queries) == len(one.captured_queries)
    assert counts["Di bawah Rp25.000"] == (1, False)  # Rp20.000
    assert counts["Rp100.000–Rp250.000"] == (7, False)  # Rp110.000 … Rp200.000


def test_categories_and_cooperatives_are_listed_most_products_first_then_by_name(
    client, shop
) -> None:
    hub, point = shop
    categories = {
        name: CategoryFactory(name=name, slug=slugify(name)) for name in ("Teh", "Beras", "Kopi")
    }
    cooperatives = {
        name: CooperativeFactory(name=f"Koperasi {name}") for name in ("Cemara", "Anggrek", "Bunga")
    }
    for n, (category, cooperative) in enumerate(
        [("Teh", "Anggrek"), ("Teh", "Anggrek"), ("Beras", "Cemara"), ("Kopi", "Bunga")]
    ):
        # each product makes its cooperative a supplier of the hub: once is enough
        HubSupply.objects.filter(hub=hub, cooperative=cooperatives[cooperative]).delete()
        _product(
            hub,
            point,
            f"Produk {n}",
            category=categories[category],
            cooperative=cooperatives[cooperative],
        )
    labels = list(_facet_counts(client.get("/pecatu/").content.decode()))
    assert [label for label in labels if label in categories] == ["Teh", "Beras", "Kopi"]
    shown = [label for label in labels if label.startswith("Koperasi ")]
    assert shown == ["Koperasi Anggrek", "Koperasi Bunga", "Koperasi Cemara"]
