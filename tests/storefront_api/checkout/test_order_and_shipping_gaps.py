"""Saleor's order, fulfillment, shipping-zone and shop fields Lumbung fills from its own
data, over /graphql/: an order's weight, shipping methods, payments and actions, the
refunded amounts of a hand-over, a hub's couriers as shipping zones, and the shop's
countries, payment gateways and permissions."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.payments.models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    OrderGrantedRefundStatus,
    TransactionItem,
)
from marketplace.regions.models import Regency
from tests.factories.accounts import UserFactory
from tests.factories.shipping import ShippingMethodFactory
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.checkout.test_order_flow_api import FULFILL, place_order
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

ORDER = """
query($id: ID!) {
  order(id: $id) {
    weight { unit value }
    shippingMethods { name price { amount currency } }
    payments { id gateway }
    actions invoices { id } externalReference
    fulfillments { cooperative { name } totalRefundedAmount { amount currency }
                   shippingRefundedAmount { amount } }
  }
}"""


def prepare(gql: GraphQLClient, shop: Shop, order: Any) -> None:
    """Each cooperative hands its line over to the hub's pickup point."""
    for staff, variant in ((shop.staff_a, shop.beras), (shop.staff_b, shop.kopi)):
        line = order.lines.get(variant=variant)
        stocks = [{"quantity": line.quantity, "warehouse": gid("Warehouse", shop.point.pk)}]
        done = gql.execute(
            FULFILL,
            {"order": gid("Order", order.pk),
             "input": {"lines": [{"orderLineId": gid("OrderLine", line.pk), "stocks": stocks}]}},
            token=token_for(staff),
        )["data"]["orderFulfill"]  # fmt: skip
        assert done["errors"] == []


def couriers(shop: Shop) -> None:
    badung = Regency.objects.get(pk="51.03")
    ShippingMethodFactory(channel=shop.hub.channel, name="Kurir desa Pecatu", price_amount=8_000,
                          regency=badung)  # fmt: skip
    ShippingMethodFactory(channel=shop.hub.channel, name="Pos Indonesia", price_amount=20_000)


def test_order_weight_shipping_methods_and_what_each_viewer_may_do(
    gql: GraphQLClient, shop: Shop
) -> None:
    couriers(shop)
    shop.beras.weight_grams = 1_000  # the variant's own weight wins over its product's
    shop.beras.save(update_fields=["weight_grams"])
    buyer = UserFactory()
    order_id, order = place_order(gql, shop, buyer=buyer)

    as_buyer = gql.execute(ORDER, {"id": order_id}, token=token_for(buyer))["data"]["order"]
    as_operator = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.operator))["data"][
        "order"
    ]

    # 2 × 1 kg of rice and 1 × 250 g of coffee (its product's weight)
    assert as_buyer["weight"] == {"unit": "G", "value": 2_250.0}
    assert as_buyer["shippingMethods"] == [
        {"name": "Kurir desa Pecatu", "price": {"amount": 8_000, "currency": "IDR"}},
        {"name": "Pos Indonesia", "price": {"amount": 20_000, "currency": "IDR"}},
    ]
    assert as_buyer["payments"] == []  # paid in cash at pickup: no online payment
    assert as_buyer["actions"] == []  # the buyer takes no payment actions
    assert as_operator["actions"] == ["MARK_AS_PAID"]  # the cash is taken at the counter
    assert as_buyer["invoices"] == []  # Lumbung issues no invoices
    assert as_buyer["externalReference"] is None

    gql.execute(
        "mutation($id: ID!) { orderMarkAsPaid(id: $id) { errors { code } } }",
        {"id": order_id},
        token=token_for(shop.operator),
    )
    paid = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.operator))["data"]["order"]
    assert paid["actions"] == []


def test_online_payments_are_listed_to_the_buyer_only_and_refunds_show_on_the_hand_over(
    gql: GraphQLClient, shop: Shop
) -> None:
    shop.hub.channel.automatically_confirm_all_new_orders = True  # as the demo hubs
    shop.hub.channel.save(update_fields=["automatically_confirm_all_new_orders"])
    buyer = UserFactory()
    order_id, order = place_order(gql, shop, buyer=buyer)
    prepare(gql, shop, order)
    tx = TransactionItem.objects.create(
        order=order, psp_reference="LMB-test-1", method="snap", amount=170_000,
        charged_amount=170_000, status="settlement",
    )  # fmt: skip
    grant = OrderGrantedRefund.objects.create(
        order=order, transaction=tx, amount=65_000, status=OrderGrantedRefundStatus.SUCCESS
    )
    OrderGrantedRefundLine.objects.create(
        granted_refund=grant, order_line=order.lines.get(variant=shop.beras), quantity=1
    )
    stranger = UserFactory()

    mine = gql.execute(ORDER, {"id": order_id}, token=token_for(buyer))["data"]["order"]
    theirs = gql.execute(ORDER, {"id": order_id}, token=token_for(stranger))["data"]["order"]
    operator = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.operator))["data"]["order"]

    assert mine["payments"] == [
        {"id": gid("Payment", tx.pk), "gateway": "lumbung.payments.midtrans"}
    ]
    assert theirs["payments"] == []  # someone holding only the order's id
    refunds = {f["cooperative"]["name"]: f["totalRefundedAmount"] for f in mine["fulfillments"]}
    assert refunds == {
        "Koperasi Tani Pecatu": {"amount": 65_000, "currency": "IDR"},  # one sack refunded
        "Koperasi Kopi Kintamani": None,
    }
    assert {f["shippingRefundedAmount"] for f in mine["fulfillments"]} == {None}
    assert "REFUND" in operator["actions"]


ZONES = """
query($id: ID!) {
  checkout(id: $id) {
    availableCollectionPoints {
      name
      shippingZones(first: 10) {
        totalCount
        edges { node {
          name countries { code } description default
          priceRange { start { amount } stop { amount } }
          shippingMethods { name type postalCodeRules { id } }
          channels { slug } warehouses { name }
        } }
      }
    }
  }
}"""


def test_a_hubs_couriers_are_its_shipping_zones(gql: GraphQLClient, shop: Shop) -> None:
    couriers(shop)
    checkout = gql.execute(
        """mutation { checkoutCreate(input: {channel: "gerai-pecatu", lines: []}) {
             checkout { id } } }"""
    )["data"]["checkoutCreate"]["checkout"]["id"]

    point = gql.execute(ZONES, {"id": checkout})["data"]["checkout"]["availableCollectionPoints"][0]

    zones = [edge["node"] for edge in point["shippingZones"]["edges"]]
    assert point["shippingZones"]["totalCount"] == 2
    assert [zone["name"] for zone in zones] == ["Indonesia", "Kabupaten Badung"]
    assert zones[1] == {
        "name": "Kabupaten Badung",
        "countries": [{"code": "ID"}],
        "description": "Village couriers delivering in Kabupaten Badung.",
        "default": False,
        "priceRange": {"start": {"amount": 8_000}, "stop": {"amount": 8_000}},
        "shippingMethods": [{"name": "Kurir desa Pecatu", "type": "PRICE", "postalCodeRules": []}],
        "channels": [{"slug": "gerai-pecatu"}],
        "warehouses": [{"name": "Titik ambil Balai Desa"}],
    }


def test_channel_lists_its_shipping_methods_per_country(gql: GraphQLClient, shop: Shop) -> None:
    couriers(shop)
    query = """query($countries: [CountryCode!]) { channel(slug: "gerai-pecatu") {
      availableShippingMethodsPerCountry(countries: $countries) {
        countryCode shippingMethods { name } } } }"""

    every = gql.execute(query)["data"]["channel"]["availableShippingMethodsPerCountry"]
    asked = gql.execute(query, {"countries": ["ID", "MY"]})["data"]["channel"][
        "availableShippingMethodsPerCountry"
    ]

    names = [{"name": "Kurir desa Pecatu"}, {"name": "Pos Indonesia"}]
    assert every == [{"countryCode": "ID", "shippingMethods": names}]
    assert asked == [
        {"countryCode": "ID", "shippingMethods": names},
        {"countryCode": "MY", "shippingMethods": []},  # Lumbung ships within Indonesia
    ]


SHOP = """
query($filter: CountryFilterInput, $channel: String, $currency: String) {
  shop {
    countries(filter: $filter) { code country vat { countryCode } }
    availablePaymentGateways(channel: $channel, currency: $currency) { id currencies }
    permissions { code name }
  }
}"""


def test_shop_ships_within_indonesia_and_lists_its_gateways(
    gql: GraphQLClient, shop: Shop, settings: Any
) -> None:
    settings.MIDTRANS_SERVER_KEY, settings.MIDTRANS_CLIENT_KEY = "SB-server", "SB-client"

    plain = gql.execute(SHOP, {"channel": "gerai-pecatu"})["data"]["shop"]
    no_zones = gql.execute(SHOP, {"filter": {"attachedToShippingZones": True}})["data"]["shop"]
    couriers(shop)
    zones = gql.execute(SHOP, {"filter": {"attachedToShippingZones": True}})["data"]["shop"]
    dollars = gql.execute(SHOP, {"currency": "USD"})["data"]["shop"]

    assert plain["countries"] == [{"code": "ID", "country": "Indonesia", "vat": None}]
    assert no_zones["countries"] == []  # no hub delivers yet: pickup only
    assert zones["countries"] == [{"code": "ID", "country": "Indonesia", "vat": None}]
    assert plain["availablePaymentGateways"] == [
        {"id": "lumbung.payments.midtrans", "currencies": ["IDR"]},
        {"id": "lumbung.payments.pay-at-pickup", "currencies": ["IDR"]},
    ]
    assert dollars["availablePaymentGateways"] == []
    assert {"code": "MANAGE_ORDERS", "name": "Manage orders."} in plain["permissions"]


def test_shop_country_in_the_language_asked(gql: GraphQLClient, db: None) -> None:
    countries = gql.execute("{ shop { countries(languageCode: ID) { country } } }")["data"]
    assert countries["shop"]["countries"] == [{"country": "Indonesia"}]
