"""Issue 12 item 5 and issue 13 item 4 through GraphQL: cooperatives prepare, the hub's
counter takes the cash and hands over; unpaid orders expire; personal data and checkouts
are shown only to whom they belong."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from marketplace.checkout.models import Checkout
from marketplace.orders import services
from marketplace.orders.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.checkout import stock_of
from tests.storefront_api.checkout.conftest import ADDRESS, Shop, gid, token_for
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

CREATE = """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id } errors { field code } }
}
"""
EMAIL = """
mutation($id: ID!, $email: String!) {
  checkoutEmailUpdate(id: $id, email: $email) { checkout { email } errors { field code } }
}
"""
ADDRESS_UPDATE = """
mutation($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) { errors { field code } }
}
"""
DELIVERY = """
mutation($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) { errors { field code } }
}
"""
COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(id: $id) { order { id } errors { field code message } }
}
"""
CHECKOUT = "query($id: ID!) { checkout(id: $id) { id email } }"
ORDER = """
query($id: ID!) {
  order(id: $id) {
    id status isPaid pickupCode userEmail
    shippingAddress { firstName lastName streetAddress1 phone city postalCode }
    lines { productName }
    fulfillments { status cooperative { name } }
  }
}
"""
BY_CODE = """
query($channel: String!, $code: String!) {
  orderByPickupCode(channel: $channel, code: $code) { id status isPaid }
}
"""
MARK_AS_PAID = """
mutation($id: ID!) { orderMarkAsPaid(id: $id) { order { isPaid status } errors { code } } }
"""
FULFILL = """
mutation($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) {
    fulfillments { id status } order { status } errors { field code }
  }
}
"""
APPROVE = """
mutation($id: ID!) {
  orderFulfillmentApprove(id: $id, notifyCustomer: false) {
    fulfillment { status } order { status isPaid } errors { field code message }
  }
}
"""


def place_order(gql: GraphQLClient, shop: Shop, *, buyer: Any = None) -> tuple[str, Order]:
    token = token_for(buyer) if buyer else None
    lines = [
        {"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 2},
        {"variantId": gid("ProductVariant", shop.kopi.pk), "quantity": 1},
    ]
    checkout = gql.execute(
        CREATE,
        {"input": {"channel": "gerai-pecatu", "lines": lines, "email": "made@desa.id"}},
        token=token,
    )["data"]["checkoutCreate"]["checkout"]["id"]
    gql.execute(ADDRESS_UPDATE, {"id": checkout, "address": ADDRESS}, token=token)
    gql.execute(DELIVERY, {"id": checkout, "method": gid("Warehouse", shop.point.pk)}, token=token)
    completed = gql.execute(COMPLETE, {"id": checkout}, token=token)["data"]["checkoutComplete"]
    assert completed["errors"] == []
    order_id = completed["order"]["id"]
    return order_id, Order.objects.get()


def prepare(gql: GraphQLClient, shop: Shop, order: Order) -> list[str]:
    """Each cooperative prepares its line; returns the fulfillment ids."""
    ids = []
    for staff, variant in ((shop.staff_a, shop.beras), (shop.staff_b, shop.kopi)):
        line = order.lines.get(variant=variant)
        done = gql.execute(
            FULFILL,
            {
                "order": gid("Order", order.pk),
                "input": {
                    "lines": [
                        {
                            "orderLineId": gid("OrderLine", line.pk),
                            "stocks": [
                                {"quantity": line.quantity, "warehouse": gid("Warehouse", 1)}
                            ],
                        }
                    ]
                },
            },
            token=token_for(staff),
        )["data"]["orderFulfill"]
        assert done["errors"] == []
        assert done["fulfillments"][0]["status"] == "WAITING_FOR_APPROVAL"
        ids.append(done["fulfillments"][0]["id"])
    return ids


def permission_denied(result: dict[str, Any]) -> bool:
    return result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_5a_prepared_unpaid_order_is_still_found_paid_and_then_handed_over(
    gql: GraphQLClient, shop: Shop
) -> None:
    shop.hub.channel.automatically_confirm_all_new_orders = True  # as the demo hubs
    shop.hub.channel.save(update_fields=["automatically_confirm_all_new_orders"])
    order_id, order = place_order(gql, shop)
    fulfillments = prepare(gql, shop, order)
    operator = token_for(shop.operator)

    found = gql.execute(
        BY_CODE, {"channel": "gerai-pecatu", "code": order.pickup_code}, token=operator
    )["data"]["orderByPickupCode"]
    assert found == {"id": order_id, "status": "UNFULFILLED", "isPaid": False}

    refused = gql.execute(APPROVE, {"id": fulfillments[0]}, token=operator)["data"]
    assert refused["orderFulfillmentApprove"]["errors"][0]["code"] == "CANNOT_FULFILL_UNPAID_ORDER"
    assert stock_of(shop.beras, shop.point).quantity == 10

    paid = gql.execute(MARK_AS_PAID, {"id": order_id}, token=operator)["data"]["orderMarkAsPaid"]
    assert paid == {"order": {"isPaid": True, "status": "UNFULFILLED"}, "errors": []}

    statuses = []
    for fulfillment in fulfillments:
        approved = gql.execute(APPROVE, {"id": fulfillment}, token=operator)["data"][
            "orderFulfillmentApprove"
        ]
        assert approved["errors"] == []
        assert approved["fulfillment"]["status"] == "FULFILLED"
        statuses.append(approved["order"]["status"])
    assert statuses == ["PARTIALLY_FULFILLED", "FULFILLED"]
    assert stock_of(shop.beras, shop.point).quantity == 8
    assert stock_of(shop.kopi, shop.point).quantity == 9


def test_5b_only_the_hubs_operators_hand_over(gql: GraphQLClient, shop: Shop) -> None:
    order_id, order = place_order(gql, shop)
    gql.execute(MARK_AS_PAID, {"id": order_id}, token=token_for(shop.operator))
    fulfillment = prepare(gql, shop, order)[0]

    for stranger in (shop.staff_a, shop.other_operator):
        result = gql.execute(APPROVE, {"id": fulfillment}, token=token_for(stranger))
        assert permission_denied(result)
    assert stock_of(shop.beras, shop.point).quantity == 10

    approved = gql.execute(APPROVE, {"id": fulfillment}, token=token_for(shop.operator))
    assert approved["data"]["orderFulfillmentApprove"]["errors"] == []
    again = gql.execute(APPROVE, {"id": fulfillment}, token=token_for(shop.operator))
    assert again["data"]["orderFulfillmentApprove"]["errors"][0]["code"] == "INVALID"
    assert stock_of(shop.beras, shop.point).quantity == 8


def test_5c_unpaid_orders_expire_after_the_channels_window_and_give_all_stock_back(
    gql: GraphQLClient, shop: Shop
) -> None:
    admin = UserFactory(is_staff=True)
    updated = gql.execute(
        """mutation($id: ID!, $input: ChannelUpdateInput!) {
          channelUpdate(id: $id, input: $input) {
            channel { orderSettings { expireOrdersAfter } } errors { field code } } }""",
        {
            "id": gid("Channel", shop.hub.channel_id),
            "input": {"orderSettings": {"expireOrdersAfter": 3 * 24 * 60}},
        },
        token=token_for(admin),
    )["data"]["channelUpdate"]
    assert updated == {"channel": {"orderSettings": {"expireOrdersAfter": 4320}}, "errors": []}
    order_id, order = place_order(gql, shop)
    Order.objects.filter(pk=order.pk).update(status="unfulfilled")
    prepare(gql, shop, order)
    assert order.expires_at is not None
    assert order.expires_at - order.created_at >= datetime.timedelta(days=3) - datetime.timedelta(
        seconds=5
    )

    assert services.orders_expire_unpaid(now=order.expires_at - datetime.timedelta(minutes=1)) == 0
    assert services.orders_expire_unpaid(now=order.expires_at + datetime.timedelta(minutes=1)) == 1

    seen = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.operator))["data"]["order"]
    assert seen["status"] == "EXPIRED"
    assert {f["status"] for f in seen["fulfillments"]} == {"CANCELED"}
    for variant in (shop.beras, shop.kopi):
        stock = stock_of(variant, shop.point)
        assert (stock.quantity, stock.quantity_allocated) == (10, 0)
    code = gql.execute(
        BY_CODE,
        {"channel": "gerai-pecatu", "code": order.pickup_code},
        token=token_for(shop.operator),
    )["data"]["orderByPickupCode"]
    assert code is None


# --- issue 13 item 4: personal data ------------------------------------------------------


def test_bare_order_id_holder_sees_obfuscated_personal_data_and_no_pickup_code(
    gql: GraphQLClient, shop: Shop
) -> None:
    buyer = UserFactory(email="made@desa.id")
    order_id, order = place_order(gql, shop, buyer=buyer)

    anonymous = gql.execute(ORDER, {"id": order_id})["data"]["order"]
    assert anonymous["userEmail"] == "m...@desa.id"
    assert anonymous["pickupCode"] is None
    address = anonymous["shippingAddress"]
    assert (address["firstName"], address["lastName"]) == ("M...", "W......")
    assert address["streetAddress1"] == "J" + "." * (len("Jl. Uluwatu No. 12") - 1)
    assert address["phone"] == "+62" + "." * (len("+6281234567890") - 3)
    assert address["postalCode"] == "80361"  # not personal: Saleor keeps it too
    assert "Made" not in str(anonymous)
    assert "0812" not in str(anonymous)
    assert "81234567890" not in str(anonymous)

    stranger = gql.execute(ORDER, {"id": order_id}, token=token_for(UserFactory()))
    assert stranger["data"]["order"]["pickupCode"] is None

    for viewer in (buyer, shop.operator, UserFactory(is_staff=True)):
        full = gql.execute(ORDER, {"id": order_id}, token=token_for(viewer))["data"]["order"]
        assert full["userEmail"] == "made@desa.id"
        assert full["pickupCode"] == order.pickup_code
        assert full["shippingAddress"]["firstName"] == "Made"
        assert full["shippingAddress"]["streetAddress1"] == "Jl. Uluwatu No. 12"


def test_cooperative_staff_see_only_their_lines_of_a_shared_order(
    gql: GraphQLClient, shop: Shop
) -> None:
    order_id, order = place_order(gql, shop)
    Order.objects.filter(pk=order.pk).update(status="unfulfilled")
    prepare(gql, shop, order)

    seen_a = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.staff_a))["data"]["order"]
    seen_b = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.staff_b))["data"]["order"]

    assert [line["productName"] for line in seen_a["lines"]] == ["Beras merah"]
    assert [f["cooperative"]["name"] for f in seen_a["fulfillments"]] == ["Koperasi Tani Pecatu"]
    assert [line["productName"] for line in seen_b["lines"]] == ["Kopi arabika"]
    assert seen_a["pickupCode"] is None
    everyone = gql.execute(ORDER, {"id": order_id}, token=token_for(shop.operator))
    assert len(everyone["data"]["order"]["lines"]) == 2


def test_order_1941_attack_a_signed_in_users_checkout_is_theirs_only(
    gql: GraphQLClient, shop: Shop
) -> None:
    owner = UserFactory(email="pemilik@desa.id")
    attacker = UserFactory(email="penyerang@example.com")
    lines = [{"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 1}]
    checkout_id = gql.execute(
        CREATE,
        {"input": {"channel": "gerai-pecatu", "lines": lines}},
        token=token_for(owner),
    )["data"]["checkoutCreate"]["checkout"]["id"]
    gql.execute(
        DELIVERY,
        {"id": checkout_id, "method": gid("Warehouse", shop.point.pk)},
        token=token_for(owner),
    )

    for token in (None, token_for(attacker)):
        assert gql.execute(CHECKOUT, {"id": checkout_id}, token=token)["data"] == {"checkout": None}
        email = gql.execute(
            EMAIL, {"id": checkout_id, "email": "penyerang@example.com"}, token=token
        )
        assert permission_denied(email)
        completed = gql.execute(COMPLETE, {"id": checkout_id}, token=token)
        assert permission_denied(completed)

    checkout = Checkout.objects.get()
    assert checkout.email == "pemilik@desa.id"
    assert not Order.objects.exists()
    mine = gql.execute(CHECKOUT, {"id": checkout_id}, token=token_for(owner))["data"]
    assert mine == {"checkout": {"id": checkout_id, "email": "pemilik@desa.id"}}


def test_anonymous_checkout_still_works_for_whoever_holds_its_id(
    gql: GraphQLClient, shop: Shop
) -> None:
    order_id, _order = place_order(gql, shop)
    assert order_id


COMPLETE_WITH_CODE = """
mutation($id: ID!) {
  checkoutComplete(id: $id) { order { id pickupCode userEmail } errors { field code } }
}
"""


def test_a_guest_who_places_an_order_is_told_its_pickup_code_but_a_replay_is_not(
    gql: GraphQLClient, shop: Shop
) -> None:
    """A storefront shows the guest their pickup code from checkoutComplete's answer; the
    checkout id replayed afterwards is a bare token again: no code, obfuscated data."""
    lines = [{"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 1}]
    checkout = gql.execute(
        CREATE, {"input": {"channel": "gerai-pecatu", "lines": lines, "email": "made@desa.id"}}
    )["data"]["checkoutCreate"]["checkout"]["id"]
    gql.execute(ADDRESS_UPDATE, {"id": checkout, "address": ADDRESS})
    gql.execute(DELIVERY, {"id": checkout, "method": gid("Warehouse", shop.point.pk)})

    placed = gql.execute(COMPLETE_WITH_CODE, {"id": checkout})["data"]["checkoutComplete"]
    order = Order.objects.get()
    assert placed["order"]["pickupCode"] == order.pickup_code
    assert placed["order"]["userEmail"] == "made@desa.id"

    replayed = gql.execute(COMPLETE_WITH_CODE, {"id": checkout})["data"]["checkoutComplete"]
    assert replayed["order"]["id"] == placed["order"]["id"]
    assert replayed["order"]["pickupCode"] is None
    assert replayed["order"]["userEmail"] == "m...@desa.id"
    later = gql.execute(ORDER, {"id": placed["order"]["id"]})["data"]["order"]
    assert later["pickupCode"] is None
