"""The back office's orders to prepare through Django's test client: only the
cooperative's own lines, grouped by hub and pickup point, without the buyer's details;
"mark ready" once however often it is sent; the counter then shows the goods as ready;
another cooperative's staff get 404."""

from __future__ import annotations

import pytest
from django.test import Client

from marketplace.checkout import services as checkout_services
from marketplace.orders.models import Fulfillment, FulfillmentStatus
from tests.factories.accounts import UserFactory
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world():
    hub = VillageHubFactory(name="Lumbung Desa Pecatu", slug="pecatu")
    point = pickup_point(hub, name="Balai Desa Pecatu")
    coop_a = CooperativeFactory(name="KUD Mina Segara")
    coop_b = CooperativeFactory(name="Koperasi Tani Pelaga")
    ikan = sellable_variant(hub, point, cooperative=coop_a, name="Ikan asin", quantity=9)
    kopi = sellable_variant(hub, point, cooperative=coop_b, name="Kopi Pelaga", quantity=9)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(ikan, 2), (kopi, 1)], email="sari.rahasia@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    order = checkout_services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")
    admin_a = CooperativeStaffFactory(cooperative=coop_a, role="admin").user
    admin_b = CooperativeStaffFactory(cooperative=coop_b, role="admin").user
    return {"hub": hub, "order": order, "a": coop_a, "b": coop_b, "admin_a": admin_a,
            "admin_b": admin_b}  # fmt: skip


def test_the_page_lists_only_this_cooperatives_lines_by_point_without_buyer_details(world):
    page = _client(world["admin_a"]).get(f"/koperasi/{world['a'].pk}/pesanan/").content.decode()
    order = world["order"]
    assert "Lumbung Desa Pecatu · Balai Desa Pecatu" in page
    assert f"Pesanan #{order.number}" in page
    assert "Ikan asin" in page
    assert "2 perlu dibawa" in page
    assert "Kopi Pelaga" not in page  # the other cooperative's line of the same order
    assert "sari.rahasia" not in page
    assert order.pickup_code not in page  # the buyer's code stays with the buyer and the hub
    assert f"Tandai pesanan #{order.number} siap di loket" in page


def test_mark_ready_twice_prepares_once_and_the_counter_sees_this_cooperatives_goods(world):
    client = _client(world["admin_a"])
    order = world["order"]
    url = f"/koperasi/{world['a'].pk}/pesanan/{order.pk}/siap/"

    first = client.post(url, follow=True).content.decode()
    second = client.post(url, follow=True).content.decode()

    assert f"Pesanan #{order.number} sudah ditandai siap di Balai Desa Pecatu." in first
    assert "2 siap" in first
    assert f"Pesanan #{order.number} sudah siap di loket sebelumnya." in second
    (fulfillment,) = Fulfillment.objects.filter(order=order)
    assert fulfillment.status == FulfillmentStatus.WAITING_FOR_APPROVAL
    assert fulfillment.cooperative == world["a"]
    operator = HubOperatorFactory(hub=world["hub"]).user
    counter = _client(operator).get(f"/loket/pecatu/pesanan/{order.pk}/").content.decode()
    assert "2 siap" in counter
    assert "1 belum datang" in counter  # the other cooperative has not brought its coffee yet


def test_another_cooperatives_admin_and_a_villager_get_404_and_change_nothing(world):
    order = world["order"]
    base = f"/koperasi/{world['a'].pk}/pesanan/"
    for outsider in (world["admin_b"], UserFactory()):
        client = _client(outsider)
        assert client.get(base).status_code == 404
        assert client.post(f"{base}{order.pk}/siap/").status_code == 404
    # B's admin on its own page cannot reach A's lines through B's address either
    own = f"/koperasi/{world['b'].pk}/pesanan/"
    page = _client(world["admin_b"]).get(own).content.decode()
    assert "Kopi Pelaga" in page
    assert "Ikan asin" not in page
    assert not Fulfillment.objects.exists()


def test_marking_ready_is_a_post_and_home_links_to_the_page(world):
    client = _client(world["admin_a"])
    order = world["order"]
    assert client.get(f"/koperasi/{world['a'].pk}/pesanan/{order.pk}/siap/").status_code == 405
    home = client.get(f"/koperasi/{world['a'].pk}/").content.decode()
    assert f'href="/koperasi/{world["a"].pk}/pesanan/"' in home
