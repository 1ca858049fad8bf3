"""The storefront flow over HTTP: browse, cart, contact, address, pickup, pay at pickup,
order status, cash confirmed at the hub, per-cooperative fulfilment."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.orders.models import Order, OrderEvent
from tests.factories.checkout import stock_of
from tests.storefront_api.checkout.conftest import ADDRESS, Shop, gid, token_for
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

PRODUCTS = """
query Products($channel: String!) {
  products(channel: $channel, first: 10) {
    edges { node { id name variants { id name } } }
  }
}
"""
CHECKOUT_FIELDS = """
  id token email quantity isShippingRequired authorizeStatus chargeStatus
  channel { slug }
  lines { id quantity variant { id name } unitPrice { gross { amount currency } }
          totalPrice { gross { amount currency } } undiscountedUnitPrice { amount } }
  totalPrice { gross { amount currency } tax { amount } }
  subtotalPrice { gross { amount } }
  shippingPrice { gross { amount } }
  shippingAddress { firstName streetAddress1 city cityArea countryArea postalCode
                    country { code } phone }
  availableCollectionPoints { id name }
  availablePaymentGateways { id name currencies config { field value } }
  deliveryMethod { __typename ... on Warehouse { id name } }
  stockReservationExpires
"""
CREATE = (
    "mutation Create($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {"
    " checkout { " + CHECKOUT_FIELDS + " } errors { field code message variants } } }"
)
EMAIL = """
mutation Email($id: ID!, $email: String!) {
  checkoutEmailUpdate(id: $id, email: $email) { checkout { email } errors { field code } }
}
"""
SHIPPING_ADDRESS = """
mutation Address($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    checkout { shippingAddress { streetAddress1 postalCode phone countryArea } }
    errors { field code addressType }
  }
}
"""
DELIVERY = """
mutation Delivery($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { deliveryMethod { __typename ... on Warehouse { id name } }
               totalPrice { gross { amount } } shippingPrice { gross { amount } } }
    errors { field code message }
  }
}
"""
COMPLETE = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) {
    order { id number status paymentStatus total { gross { amount currency } } }
    confirmationNeeded
    errors { field code message }
  }
}
"""
ORDER = """
query Order($id: ID!) {
  order(id: $id) {
    id number status statusDisplay paymentStatus isPaid chargeStatus authorizeStatus
    pickupCode collectionPointName userEmail villageHub { slug }
    channel { slug }
    total { gross { amount currency } tax { amount } }
    totalCharged { amount }
    lines { id quantity productName unitPrice { gross { amount } } cooperative { name } }
    deliveryMethod { __typename ... on Warehouse { name } }
    shippingAddress { streetAddress1 phone }
  }
}
"""
MARK_AS_PAID = """
mutation Paid($id: ID!) {
  orderMarkAsPaid(id: $id, transactionReference: "kas-001") {
    order { id isPaid status chargeStatus paymentStatus totalCharged { amount } }
    errors { field code message }
  }
}
"""
STAFF_ORDERS = """
query { orders(first: 10) { totalCount edges { node {
  id number pickupCode lines { id productName quantity }
} } } }
"""
FULFILL = """
mutation Fulfill($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) {
    fulfillments { id status cooperative { name } lines { quantity orderLine { id } } }
    order { id status }
    errors { field code message }
  }
}
"""
APPROVE = """
mutation Approve($id: ID!) {
  orderFulfillmentApprove(id: $id, notifyCustomer: false) {
    fulfillment { id status }
    order { id status }
    errors { field code message }
  }
}
"""


def _create_cart(gql: GraphQLClient, shop: Shop) -> dict[str, Any]:
    response = gql.execute(
        CREATE,
        {
            "input": {
                "channel": "gerai-pecatu",
                "languageCode": "ID",
                "lines": [
                    {"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 2},
                    {"variantId": gid("ProductVariant", shop.kopi.pk), "quantity": 1},
                ],
            }
        },
    )
    payload = response["data"]["checkoutCreate"]
    assert payload["errors"] == []
    return payload["checkout"]


def test_villager_orders_for_pickup_pays_cash_and_cooperatives_fulfil(
    gql: GraphQLClient, shop: Shop
) -> None:
    # given: the storefront lists the hub's products
    listed = gql.execute(PRODUCTS, {"channel": "gerai-pecatu"})["data"]["products"]["edges"]
    variant_ids = {v["id"] for edge in listed for v in edge["node"]["variants"]}
    assert gid("ProductVariant", shop.beras.pk) in variant_ids
    assert gid("ProductVariant", shop.kopi.pk) in variant_ids

    # when: a cart with goods of two cooperatives
    checkout = _create_cart(gql, shop)
    # then
    assert checkout["quantity"] == 3
    assert checkout["channel"] == {"slug": "gerai-pecatu"}
    assert [line["quantity"] for line in checkout["lines"]] == [2, 1]
    assert checkout["lines"][0]["unitPrice"]["gross"] == {"amount": 65000, "currency": "IDR"}
    assert checkout["lines"][0]["totalPrice"]["gross"]["amount"] == 130000
    assert checkout["totalPrice"] == {
        "gross": {"amount": 170000, "currency": "IDR"},
        "tax": {"amount": 0},
    }
    assert checkout["availableCollectionPoints"] == [
        {"id": gid("Warehouse", shop.point.pk), "name": "Titik ambil Balai Desa"}
    ]
    assert checkout["availablePaymentGateways"] == [
        {
            "id": "lumbung.payments.pay-at-pickup",
            "name": "Pay at pickup (cash at the village hub)",
            "currencies": ["IDR"],
            "config": [],
        }
    ]
    assert checkout["stockReservationExpires"] is not None
    assert checkout["chargeStatus"] == "NONE"
    checkout_id = checkout["id"]

    # when: contact, Indonesian address, pickup at the hub
    email = gql.execute(EMAIL, {"id": checkout_id, "email": "Made@Desa.id"})
    address = gql.execute(SHIPPING_ADDRESS, {"id": checkout_id, "address": ADDRESS})
    delivery = gql.execute(DELIVERY, {"id": checkout_id, "method": gid("Warehouse", shop.point.pk)})
    # then
    assert email["data"]["checkoutEmailUpdate"] == {
        "checkout": {"email": "made@desa.id"},
        "errors": [],
    }
    assert address["data"]["checkoutShippingAddressUpdate"] == {
        "checkout": {
            "shippingAddress": {
                "streetAddress1": "Jl. Uluwatu No. 12",
                "postalCode": "80361",
                "phone": "+6281234567890",
                "countryArea": "Bali",
            }
        },
        "errors": [],
    }
    assert delivery["data"]["checkoutDeliveryMethodUpdate"] == {
        "checkout": {
            "deliveryMethod": {
                "__typename": "Warehouse",
                "id": gid("Warehouse", shop.point.pk),
                "name": "Titik ambil Balai Desa",
            },
            "totalPrice": {"gross": {"amount": 170000}},
            "shippingPrice": {"gross": {"amount": 0}},
        },
        "errors": [],
    }

    # when: completed, to pay at pickup
    completed = gql.execute(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    # then
    assert completed["errors"] == []
    assert completed["confirmationNeeded"] is False
    order_id = completed["order"]["id"]
    assert completed["order"]["status"] == "UNCONFIRMED"
    assert completed["order"]["paymentStatus"] == "NOT_CHARGED"
    assert completed["order"]["total"]["gross"] == {"amount": 170000, "currency": "IDR"}
    assert gql.execute("query($id: ID!) { checkout(id: $id) { id } }", {"id": checkout_id})[
        "data"
    ] == {"checkout": None}

    # when: anyone holding the order id reads it
    order = gql.execute(ORDER, {"id": order_id})["data"]["order"]
    # then: the order, with personal data obfuscated and no pickup code (issue 13)
    stored = Order.objects.get()
    assert order["status"] == "UNCONFIRMED"
    assert order["statusDisplay"] == "Unconfirmed"
    assert order["isPaid"] is False
    assert order["chargeStatus"] == "NONE"
    assert order["pickupCode"] is None
    assert len(stored.pickup_code) == 6
    assert order["number"] == str(stored.number)
    assert order["collectionPointName"] == "Titik ambil Balai Desa"
    assert order["villageHub"] == {"slug": "gerai-pecatu"}
    assert order["userEmail"] == "m...@desa.id"
    assert order["total"] == {"gross": {"amount": 170000, "currency": "IDR"}, "tax": {"amount": 0}}
    assert order["deliveryMethod"] == {"__typename": "Warehouse", "name": "Titik ambil Balai Desa"}
    assert order["shippingAddress"] == {
        "streetAddress1": "J" + "." * (len("Jl. Uluwatu No. 12") - 1),
        "phone": "+62" + "." * (len("+6281234567890") - 3),
    }
    # the hub's operator sees all of it
    seen = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.operator))["data"]["order"]
    assert seen["pickupCode"] == stored.pickup_code
    assert seen["userEmail"] == "made@desa.id"
    assert seen["shippingAddress"] == {
        "streetAddress1": "Jl. Uluwatu No. 12",
        "phone": "+6281234567890",
    }
    assert sorted((line["productName"], line["quantity"]) for line in order["lines"]) == [
        ("Beras merah", 2),
        ("Kopi arabika", 1),
    ]

    # when: the operator of another hub tries to confirm the cash
    refused = gql.execute(MARK_AS_PAID, {"id": order_id}, token=token_for(shop.other_operator))
    # then: refused, nothing changed
    assert refused["data"]["orderMarkAsPaid"] is None
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    stored.refresh_from_db()
    assert stored.charge_status == "none"
    assert stored.status == "unconfirmed"
    assert not OrderEvent.objects.filter(order=stored, type="order_marked_as_paid").exists()

    # when: the hub's operator confirms the cash, twice (idempotent)
    for _attempt in range(2):
        paid = gql.execute(MARK_AS_PAID, {"id": order_id}, token=token_for(shop.operator))
        assert paid["data"]["orderMarkAsPaid"] == {
            "order": {
                "id": order_id,
                "isPaid": True,
                "status": "UNFULFILLED",
                "chargeStatus": "FULL",
                "paymentStatus": "FULLY_CHARGED",
                "totalCharged": {"amount": 170000},
            },
            "errors": [],
        }
    assert OrderEvent.objects.filter(order=stored, type="order_marked_as_paid").count() == 1

    # when: each cooperative's staff list their orders
    seen_a = gql.execute(STAFF_ORDERS, token=token_for(shop.staff_a))["data"]["orders"]
    seen_b = gql.execute(STAFF_ORDERS, token=token_for(shop.staff_b))["data"]["orders"]
    # then: only their own lines, no pickup code
    node_a = seen_a["edges"][0]["node"]
    node_b = seen_b["edges"][0]["node"]
    assert seen_a["totalCount"] == 1
    assert [line["productName"] for line in node_a["lines"]] == ["Beras merah"]
    assert [line["productName"] for line in node_b["lines"]] == ["Kopi arabika"]
    assert node_a["pickupCode"] is None

    # when: cooperative B's staff try to fulfil cooperative A's line
    line_a = node_a["lines"][0]["id"]
    line_b = node_b["lines"][0]["id"]
    stocks = [{"quantity": 2, "warehouse": gid("Warehouse", shop.point.pk)}]
    wrong = gql.execute(
        FULFILL,
        {"order": order_id, "input": {"lines": [{"orderLineId": line_a, "stocks": stocks}]}},
        token=token_for(shop.staff_b),
    )
    # then: refused, nothing handed over
    assert wrong["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert stock_of(shop.beras, shop.point).quantity == 10

    # when: each cooperative fulfils its own line
    done_a = gql.execute(
        FULFILL,
        {"order": order_id, "input": {"lines": [{"orderLineId": line_a, "stocks": stocks}]}},
        token=token_for(shop.staff_a),
    )["data"]["orderFulfill"]
    done_b = gql.execute(
        FULFILL,
        {
            "order": order_id,
            "input": {
                "lines": [
                    {
                        "orderLineId": line_b,
                        "stocks": [{"quantity": 1, "warehouse": gid("Warehouse", shop.point.pk)}],
                    }
                ],
                "notifyCustomer": False,
            },
        },
        token=token_for(shop.staff_b),
    )["data"]["orderFulfill"]
    # then: ready at the hub (waiting for the counter's approval), still on the shelf
    assert done_a["errors"] == []
    assert done_a["fulfillments"][0]["cooperative"] == {"name": "Koperasi Tani Pecatu"}
    assert done_a["fulfillments"][0]["status"] == "WAITING_FOR_APPROVAL"
    assert done_a["fulfillments"][0]["lines"] == [{"quantity": 2, "orderLine": {"id": line_a}}]
    assert done_a["order"]["status"] == "UNFULFILLED"
    assert done_b["errors"] == []
    assert done_b["order"]["status"] == "UNFULFILLED"
    assert stock_of(shop.beras, shop.point).quantity == 10

    # when: the hub's operator hands both over at the counter
    for done in (done_a, done_b):
        approved = gql.execute(
            APPROVE, {"id": done["fulfillments"][0]["id"]}, token=token_for(shop.operator)
        )["data"]["orderFulfillmentApprove"]
        assert approved["errors"] == []
        assert approved["fulfillment"]["status"] == "FULFILLED"
    # then
    assert approved["order"]["status"] == "FULFILLED"
    assert stock_of(shop.beras, shop.point).quantity == 8
    assert stock_of(shop.kopi, shop.point).quantity == 9


def test_complete_with_shipping_method_is_not_fully_paid(gql: GraphQLClient, shop: Shop) -> None:
    # given: a cart to be delivered by the hub's courier
    from tests.factories.shipping import ShippingMethodFactory

    method = ShippingMethodFactory(channel=shop.hub.channel, name="Kurir desa")
    checkout = _create_cart(gql, shop)
    gql.execute(EMAIL, {"id": checkout["id"], "email": "made@desa.id"})
    gql.execute(SHIPPING_ADDRESS, {"id": checkout["id"], "address": ADDRESS})
    delivery = gql.execute(
        DELIVERY, {"id": checkout["id"], "method": gid("ShippingMethod", method.pk)}
    )["data"]["checkoutDeliveryMethodUpdate"]
    assert delivery["checkout"]["shippingPrice"]["gross"]["amount"] == 5000
    assert delivery["checkout"]["totalPrice"]["gross"]["amount"] == 175000
    # when
    completed = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    # then
    assert completed["order"] is None
    assert [(e["field"], e["code"]) for e in completed["errors"]] == [
        ("id", "CHECKOUT_NOT_FULLY_PAID")
    ]
    assert Order.objects.count() == 0


def test_complete_without_unpaid_orders_is_not_fully_paid(gql: GraphQLClient, shop: Shop) -> None:
    # given
    shop.hub.channel.allow_unpaid_orders = False
    shop.hub.channel.save(update_fields=["allow_unpaid_orders"])
    checkout = _create_cart(gql, shop)
    gql.execute(EMAIL, {"id": checkout["id"], "email": "made@desa.id"})
    gql.execute(DELIVERY, {"id": checkout["id"], "method": gid("Warehouse", shop.point.pk)})
    # when
    completed = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    # then
    assert completed["order"] is None
    assert [e["code"] for e in completed["errors"]] == ["CHECKOUT_NOT_FULLY_PAID"]
    assert Order.objects.count() == 0


def test_checkout_refusals_are_errors_as_data(gql: GraphQLClient, shop: Shop) -> None:
    checkout = _create_cart(gql, shop)
    # bad e-mail
    email = gql.execute(EMAIL, {"id": checkout["id"], "email": "bukan-email"})
    assert email["data"]["checkoutEmailUpdate"] == {
        "checkout": None,
        "errors": [{"field": "email", "code": "INVALID"}],
    }
    # bad postal code
    address = gql.execute(
        SHIPPING_ADDRESS, {"id": checkout["id"], "address": {**ADDRESS, "postalCode": "123"}}
    )["data"]["checkoutShippingAddressUpdate"]
    assert address["checkout"] is None
    assert address["errors"] == [
        {"field": "postalCode", "code": "INVALID", "addressType": "SHIPPING"}
    ]
    # more than in stock
    too_many = gql.execute(
        CREATE,
        {
            "input": {
                "channel": "gerai-pecatu",
                "lines": [{"variantId": gid("ProductVariant", shop.kopi.pk), "quantity": 11}],
            }
        },
    )["data"]["checkoutCreate"]
    assert too_many["checkout"] is None
    assert [(e["field"], e["code"], e["variants"]) for e in too_many["errors"]] == [
        ("quantity", "INSUFFICIENT_STOCK", [gid("ProductVariant", shop.kopi.pk)])
    ]
    # no channel
    unknown = gql.execute(CREATE, {"input": {"channel": "tidak-ada", "lines": []}})
    assert [(e["field"], e["code"]) for e in unknown["data"]["checkoutCreate"]["errors"]] == [
        ("channel", "NOT_FOUND")
    ]
    # completion without e-mail nor delivery
    completed = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    assert completed["order"] is None
    assert completed["errors"][0]["code"] in {"EMAIL_NOT_SET", "SHIPPING_METHOD_NOT_SET"}
    assert Order.objects.count() == 0


def test_mark_as_paid_needs_sign_in(gql: GraphQLClient, shop: Shop) -> None:
    checkout = _create_cart(gql, shop)
    gql.execute(EMAIL, {"id": checkout["id"], "email": "made@desa.id"})
    gql.execute(DELIVERY, {"id": checkout["id"], "method": gid("Warehouse", shop.point.pk)})
    order_id = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]["order"][
        "id"
    ]
    anonymous = gql.execute(MARK_AS_PAID, {"id": order_id})
    assert anonymous["data"]["orderMarkAsPaid"] is None
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Order.objects.get().charge_status == "none"
