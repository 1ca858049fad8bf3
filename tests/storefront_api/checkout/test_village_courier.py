"""Delivery in Saleor's shapes on the demo data, over /graphql/: each hub's village courier
(kurir desa) is a shipping method inside the hub's regency only, with its fee in the total
and on the order; pickup at the hub stays reachable as a collection point and, for a
storefront that reads only ``deliveryOptionsCalculate``, as a free delivery."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from marketplace.catalog.models import ProductVariant
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import checkout_complete
from marketplace.content.models import CollectionProduct, Menu, MenuItem
from marketplace.demo.data import demo_data_load
from marketplace.orders.models import Order
from marketplace.payments.models import TransactionItem
from marketplace.shipping.models import ShippingMethod
from marketplace.village_hubs.models import VillageHub
from tests.marketplace.payments.conftest import (  # noqa: F401 - pytest fixtures
    endpoint,
    enqueued,
    fake_midtrans,
    pay,
    process,
)
from tests.storefront_api.checkout.conftest import gid
from tests.storefront_api.conftest import GraphQLClient

BADUNG = {
    "firstName": "Made",
    "lastName": "Wirawan",
    "streetAddress1": "Jl. Uluwatu No. 12",
    "city": "Kabupaten Badung",
    "cityArea": "Kuta Selatan",
    "countryArea": "Bali",
    "postalCode": "80361",
    "country": "ID",
    "phone": "0812-3456-7890",
}
DENPASAR = {
    **BADUNG,
    "city": "Kota Denpasar",
    "cityArea": "Denpasar Selatan",
    "postalCode": "80222",
}

CHECKOUT = """
  id
  shippingMethods { id name price { amount currency } }
  availableShippingMethods { id name }
  availableCollectionPoints { id name }
  delivery { id shippingMethod { id name } }
  deliveryMethod { __typename ... on Warehouse { id name } ... on ShippingMethod { id name } }
  shippingPrice { gross { amount } }
  subtotalPrice { gross { amount } }
  totalPrice { gross { amount } }
  problems { __typename
    ... on CheckoutProblemDeliveryMethodInvalid { delivery { shippingMethod { name } } } }
"""
CREATE = (
    "mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {"
    " checkout { id } errors { field code message } } }"
)
ADDRESS = (
    "mutation($id: ID!, $address: AddressInput!) {"
    " checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {"
    " checkout {" + CHECKOUT + "} errors { field code message } } }"
)
OPTIONS = """
mutation($id: ID!) {
  deliveryOptionsCalculate(id: $id) {
    deliveries { id shippingMethod { id name active price { amount currency } } }
    errors { field code message }
  }
}"""
CHOOSE = (
    "mutation($id: ID!, $method: ID!) {"
    " checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {"
    " checkout {" + CHECKOUT + "} errors { field code message } } }"
)
COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(id: $id) {
    order { id pickupCode collectionPointName paymentStatus
            deliveryMethod { __typename ... on Warehouse { name } } }
    errors { field code message }
  }
}"""
PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id, paymentGateway: {
      id: "lumbung.payments.midtrans", data: {paymentMethod: "qris"}}) {
    transaction { id } errors { field code message }
  }
}"""
ORDER = """
query($id: ID!) {
  order(id: $id) {
    isPaid shippingMethodName
    shippingMethod { id name }
    deliveryMethod { __typename ... on ShippingMethod { name } }
    shippingPrice { gross { amount } }
    subtotal { gross { amount } }
    total { gross { amount } }
    shippingAddress { city }
  }
}"""


@pytest.fixture
def pecatu() -> VillageHub:
    demo_data_load()
    return VillageHub.objects.select_related("channel").get(slug="pecatu")


def _cart(gql: GraphQLClient, hub: VillageHub, address: dict[str, Any] | None) -> dict:
    variant = ProductVariant.objects.filter(channel_listings__channel=hub.channel).first()
    created = gql.execute(
        CREATE,
        {
            "input": {
                "channel": hub.channel.slug,
                "email": "made@example.com",
                "lines": [{"variantId": gid("ProductVariant", variant.pk), "quantity": 1}],
            }
        },
    )["data"]["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    if address is None:
        return {"id": checkout_id}
    payload = gql.execute(ADDRESS, {"id": checkout_id, "address": address})
    payload = payload["data"]["checkoutShippingAddressUpdate"]
    assert payload["errors"] == []
    return payload["checkout"]


def _options(gql: GraphQLClient, checkout_id: str) -> list[dict]:
    payload = gql.execute(OPTIONS, {"id": checkout_id})["data"]["deliveryOptionsCalculate"]
    assert payload["errors"] == []
    return payload["deliveries"]


def _choose(gql: GraphQLClient, checkout_id: str, method_id: str) -> dict:
    return gql.execute(CHOOSE, {"id": checkout_id, "method": method_id})["data"][
        "checkoutDeliveryMethodUpdate"
    ]


@pytest.mark.django_db
def test_courier_is_offered_inside_the_hubs_regency_and_pickup_first(gql, pecatu):
    # given a cart of the Pecatu hub delivered to an address in Kabupaten Badung
    checkout = _cart(gql, pecatu, BADUNG)
    # then its courier is a shipping method, at a flat Rp10.000
    methods = [(m["name"], m["price"]["amount"]) for m in checkout["shippingMethods"]]
    assert methods == [("Kurir Desa Pecatu", 10_000)]
    assert [m["name"] for m in checkout["availableShippingMethods"]] == ["Kurir Desa Pecatu"]
    # and deliveryOptionsCalculate offers pickup at the hub first (free), then the courier
    deliveries = _options(gql, checkout["id"])
    names = [(d["shippingMethod"]["name"], d["shippingMethod"]["price"]) for d in deliveries]
    assert names == [
        ("Pick up at Titik Ambil Lumbung Desa Pecatu (free)", {"amount": 0, "currency": "IDR"}),
        ("Kurir Desa Pecatu", {"amount": 10_000, "currency": "IDR"}),
    ]
    # and the shop lists it for a Badung address, not for one in Kota Denpasar
    shop = 'query($a: AddressInput) { shop { availableShippingMethods(channel: "pecatu", address: $a) { name } } }'  # noqa: E501
    listed = gql.execute(shop, {"a": {"country": "ID", "city": "BADUNG"}})["data"]["shop"]
    assert listed["availableShippingMethods"] == [{"name": "Kurir Desa Pecatu"}]
    listed = gql.execute(shop, {"a": {"country": "ID", "city": "Kota Denpasar"}})["data"]["shop"]
    assert listed["availableShippingMethods"] == []


@pytest.mark.django_db
def test_courier_is_not_offered_nor_accepted_outside_the_regency(gql, pecatu):
    # given a cart whose address is in Kota Denpasar (Bali, but another regency)
    inside = _cart(gql, pecatu, BADUNG)
    courier_id = inside["shippingMethods"][0]["id"]
    checkout = _cart(gql, pecatu, DENPASAR)
    # then no shipping method is offered; only pickup at the hub remains
    assert checkout["shippingMethods"] == []
    deliveries = _options(gql, checkout["id"])
    assert [d["shippingMethod"]["price"]["amount"] for d in deliveries] == [0]
    # and choosing the courier anyway is refused and changes nothing
    payload = _choose(gql, checkout["id"], courier_id)
    assert payload["errors"] == [
        {
            "field": "deliveryMethodId",
            "code": "SHIPPING_METHOD_NOT_APPLICABLE",
            "message": "This shipping method is not applicable.",
        }
    ]
    assert (
        gql.execute(
            "query($id: ID!) { checkout(id: $id) { deliveryMethod { __typename } } }",
            {"id": checkout["id"]},
        )["data"]["checkout"]["deliveryMethod"]
        is None
    )
    # and without an address yet the courier is not listed (Saleor lists none either)
    bare = _cart(gql, pecatu, None)
    query = "query($id: ID!) { checkout(id: $id) { shippingMethods { id } } }"
    assert gql.execute(query, {"id": bare["id"]})["data"]["checkout"]["shippingMethods"] == []


@pytest.mark.django_db
def test_courier_chosen_before_moving_out_of_the_regency_cannot_place_an_order(gql, pecatu):
    # given the courier chosen for a Badung address
    checkout = _cart(gql, pecatu, BADUNG)
    chosen = _choose(gql, checkout["id"], _options(gql, checkout["id"])[1]["id"])
    assert chosen["errors"] == []
    # when the buyer then moves the address to Kota Denpasar
    moved = gql.execute(ADDRESS, {"id": checkout["id"], "address": DENPASAR})
    moved = moved["data"]["checkoutShippingAddressUpdate"]
    assert moved["errors"] == []
    # then the courier is no longer offered, the storefront is told its choice is invalid,
    # and a settled payment cannot place the order
    assert chosen["checkout"]["problems"] == []
    assert moved["checkout"]["shippingMethods"] == []
    assert moved["checkout"]["problems"] == [
        {
            "__typename": "CheckoutProblemDeliveryMethodInvalid",
            "delivery": {"shippingMethod": {"name": "Kurir Desa Pecatu"}},
        }
    ]
    model = Checkout.objects.get()
    with pytest.raises(ValidationError) as refused:
        checkout_complete(checkout=model, payment_mode="paid")
    assert refused.value.error_dict["shipping_method"][0].code == "shipping_method_not_applicable"
    assert Order.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_courier_order_adds_the_fee_and_shows_the_method(gql, pecatu, fake_midtrans, pay):  # noqa: F811
    # given a Badung cart choosing the delivery a Saleor storefront got from
    # deliveryOptionsCalculate (the courier's Delivery id)
    checkout = _cart(gql, pecatu, BADUNG)
    courier = _options(gql, checkout["id"])[1]
    chosen = _choose(gql, checkout["id"], courier["id"])
    assert chosen["errors"] == []
    state = chosen["checkout"]
    # then the fee is in the total and the checkout shows the courier
    subtotal = state["subtotalPrice"]["gross"]["amount"]
    assert state["shippingPrice"]["gross"]["amount"] == 10_000
    assert state["totalPrice"]["gross"]["amount"] == subtotal + 10_000
    assert state["delivery"]["id"] == courier["id"]
    assert state["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "id": courier["shippingMethod"]["id"],
        "name": "Kurir Desa Pecatu",
    }
    # when the buyer pays the total online (QRIS at Midtrans) and Midtrans settles it
    started = gql.execute(PAY, {"id": checkout["id"]})["data"]["transactionInitialize"]
    assert started["errors"] == []
    pay(TransactionItem.objects.get(), "settlement")
    # then one paid order carries the courier, its fee and the Badung address
    order = Order.objects.get()
    seen = gql.execute(ORDER, {"id": gid("Order", order.pk)})["data"]["order"]
    assert seen["isPaid"] is True
    assert seen["shippingMethodName"] == "Kurir Desa Pecatu"
    assert seen["shippingMethod"]["name"] == "Kurir Desa Pecatu"
    assert seen["deliveryMethod"] == {"__typename": "ShippingMethod", "name": "Kurir Desa Pecatu"}
    assert seen["shippingPrice"]["gross"]["amount"] == 10_000
    assert seen["total"]["gross"]["amount"] == seen["subtotal"]["gross"]["amount"] + 10_000
    assert seen["shippingAddress"]["city"] == "Kabupaten Badung"


@pytest.mark.django_db
def test_pickup_chosen_from_delivery_options_is_the_hubs_collection_point(gql, pecatu):
    # given a Badung cart and the first delivery option (pickup at the hub)
    checkout = _cart(gql, pecatu, BADUNG)
    pickup = _options(gql, checkout["id"])[0]
    # when a storefront that reads only deliveryOptionsCalculate chooses it
    payload = _choose(gql, checkout["id"], pickup["id"])
    assert payload["errors"] == []
    state = payload["checkout"]
    # then the checkout is click and collect at the hub's point, free of charge, and the
    # storefront sees its choice as the checkout's delivery
    point = state["availableCollectionPoints"][0]
    assert state["deliveryMethod"] == {"__typename": "Warehouse", **point}
    assert state["delivery"]["id"] == pickup["id"]
    assert state["shippingPrice"]["gross"]["amount"] == 0
    # and it completes as an order paid at pickup, with a pickup code
    order = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    assert order["errors"] == []
    assert order["order"]["collectionPointName"] == "Titik Ambil Lumbung Desa Pecatu"
    assert order["order"]["deliveryMethod"]["__typename"] == "Warehouse"
    assert order["order"]["pickupCode"]


@pytest.mark.django_db
def test_pickup_through_saleors_collection_points(gql, pecatu):
    # given a cart of the Pecatu hub and its collection point, as Saleor lists it
    checkout = _cart(gql, pecatu, BADUNG)
    point = checkout["availableCollectionPoints"]
    assert [p["name"] for p in point] == ["Titik Ambil Lumbung Desa Pecatu"]
    # when the storefront chooses the warehouse id
    payload = _choose(gql, checkout["id"], point[0]["id"])
    # then the order is collected at the hub
    assert payload["errors"] == []
    assert payload["checkout"]["deliveryMethod"]["__typename"] == "Warehouse"
    order = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    assert order["errors"] == []
    assert order["order"]["collectionPointName"] == "Titik Ambil Lumbung Desa Pecatu"


# --- what a storefront's home page shows -------------------------------------------------

MENU = """
query($slug: String!, $channel: String!) {
  menu(slug: $slug, channel: $channel) {
    name items { name category { slug } collection { slug } }
  }
}"""
FEATURED = """
query($channel: String!) {
  collection(slug: "featured-products", channel: $channel) {
    name products(first: 20) { edges { node { name pricing { priceRange { start {
      gross { currency } } } } } } }
  }
}"""


@pytest.mark.django_db
def test_each_hub_has_navbar_footer_and_featured_products_and_reloading_adds_nothing(gql, pecatu):
    kudus = VillageHub.objects.exclude(pk=pecatu.pk).get()
    # when the demo is loaded again
    demo_data_load()
    # then each hub's channel has both menus, linking the featured collection and categories
    for hub in (pecatu, kudus):
        navbar = gql.execute(MENU, {"slug": "navbar", "channel": hub.channel.slug})
        items = navbar["data"]["menu"]["items"]
        assert items[0] == {
            "name": "Produk Pilihan",
            "category": None,
            "collection": {"slug": "featured-products"},
        }
        assert [i["category"]["slug"] for i in items[1:]] == [
            "kopi",
            "madu",
            "keripik-camilan",
            "tenun",
        ]
        footer = gql.execute(MENU, {"slug": "footer", "channel": hub.channel.slug})
        assert len(footer["data"]["menu"]["items"]) == 5
    # and the featured collection lists a few of the hub's own products, priced in rupiah
    featured = {}
    for hub in (pecatu, kudus):
        body = gql.execute(FEATURED, {"channel": hub.channel.slug})["data"]["collection"]
        assert body["name"] == "Produk Pilihan"
        nodes = [edge["node"] for edge in body["products"]["edges"]]
        assert len(nodes) == 4
        for node in nodes:
            assert node["pricing"]["priceRange"]["start"]["gross"]["currency"] == "IDR"
        featured[hub.slug] = {node["name"] for node in nodes}
    assert not featured["pecatu"] & featured[kudus.slug]
    # and the second load added no menu, item, collection product or courier
    assert Menu.objects.filter(slug__in=["navbar", "footer"]).count() == 2
    assert MenuItem.objects.count() == 10
    assert CollectionProduct.objects.count() == 8
    assert ShippingMethod.objects.count() == 2
