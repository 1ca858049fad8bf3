"""A Saleor storefront paying with Midtrans through GraphQL: real ``midtransclient``
against the fake Midtrans on 127.0.0.1, notifications posted to the live endpoint,
real PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from graphql_relay import to_global_id

from marketplace.accounts import tokens
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order, OrderChargeStatus
from marketplace.payments.models import TransactionItem
from tests.factories.accounts import UserFactory
from tests.factories.checkout import sellable_variant

pytestmark = pytest.mark.django_db(transaction=True)

MIDTRANS = "lumbung.payments.midtrans"
PAY_AT_PICKUP = "lumbung.payments.pay-at-pickup"

GATEWAYS = """
mutation($id: ID!, $gateways: [PaymentGatewayToInitialize!], $amount: PositiveDecimal) {
  paymentGatewayInitialize(id: $id, paymentGateways: $gateways, amount: $amount) {
    gatewayConfigs { id data errors { field message code } }
    errors { field message code }
  }
}"""
INITIALIZE = """
mutation($id: ID!, $gateway: PaymentGatewayToInitialize!, $amount: PositiveDecimal,
         $key: String, $action: TransactionFlowStrategyEnum) {
  transactionInitialize(id: $id, paymentGateway: $gateway, amount: $amount,
                        idempotencyKey: $key, action: $action) {
    transaction { id token pspReference name actions chargedAmount { amount currency }
                  events { type amount { amount } } }
    transactionEvent { type message }
    data
    errors { field message code }
  }
}"""
PROCESS = """
mutation($id: ID!) {
  transactionProcess(id: $id) {
    transaction { id chargedAmount { amount } order { id chargeStatus isPaid } checkout { id } }
    transactionEvent { type }
    data
    errors { field message code }
  }
}"""
CHECKOUT = """
query($id: ID!) {
  checkout(id: $id) {
    id chargeStatus authorizeStatus totalBalance { amount }
    availablePaymentGateways { id name currencies config { field value } }
    transactions { pspReference chargedAmount { amount } actions checkout { id }
                   paymentMethodDetails { __typename name } }
  }
}"""
COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(id: $id) {
    order { id status isPaid chargeStatus authorizeStatus paymentStatus
            totalCharged { amount } totalBalance { amount } total { gross { amount } } }
    errors { field message code }
  }
}"""
ORDER = """
query($id: ID!) {
  order(id: $id) {
    id isPaid chargeStatus authorizeStatus totalCharged { amount } totalBalance { amount }
    totalRefunded { amount }
  }
}"""
ORDER_TRANSACTIONS = """
query($id: ID!) {
  order(id: $id) {
    id
    transactions { pspReference chargedAmount { amount } refundedAmount { amount }
                   events { type pspReference amount { amount } } }
  }
}"""


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


def midtrans(method: str = "snap", **data: Any) -> dict[str, Any]:
    return {"id": MIDTRANS, "data": {"paymentMethod": method, **data}}


def initialize(gql, checkout_id: Any, method: str = "snap", **variables: Any) -> dict[str, Any]:
    body = gql.execute(
        INITIALIZE, {"id": gid("Checkout", checkout_id), "gateway": midtrans(method), **variables}
    )
    return body["data"]["transactionInitialize"]


# --- the whole flow ----------------------------------------------------------------------


def test_snap_payment_through_graphql_places_one_paid_order(
    gql, hub, point, fake_midtrans, pay, settings
):
    settings.ALLOWED_CLIENT_HOSTS = ["toko.example"]
    keripik = sellable_variant(hub, point, price=15_000, quantity=10, name="Keripik Singkong")
    # given a checkout made by the storefront, picked up at the hub
    created = gql.execute(
        """mutation($channel: String!, $variant: ID!) {
          checkoutCreate(input: {channel: $channel, email: "budi@example.com",
                                 lines: [{variantId: $variant, quantity: 2}]}) {
            checkout { id } errors { field code } } }""",
        {"channel": hub.channel.slug, "variant": gid("ProductVariant", keripik.pk)},
    )["data"]["checkoutCreate"]
    checkout_id = created["checkout"]["id"]
    delivery = gql.execute(
        """mutation($id: ID!, $point: ID!) {
          checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $point) {
            errors { field code } } }""",
        {"id": checkout_id, "point": gid("Warehouse", point.pk)},
    )["data"]["checkoutDeliveryMethodUpdate"]
    assert delivery["errors"] == []

    # when the storefront lists the gateways
    checkout = gql.execute(CHECKOUT, {"id": checkout_id})["data"]["checkout"]
    assert [g["id"] for g in checkout["availablePaymentGateways"]] == [MIDTRANS, PAY_AT_PICKUP]
    assert {"field": "clientKey", "value": "SB-Mid-client-TESTONLY"} in checkout[
        "availablePaymentGateways"
    ][0]["config"]
    assert (checkout["chargeStatus"], checkout["authorizeStatus"]) == ("NONE", "NONE")
    assert checkout["totalBalance"]["amount"] == -30_000
    response = gql.post(
        {"query": GATEWAYS, "variables": {"id": checkout_id, "gateways": [{"id": MIDTRANS}]}}
    )
    assert settings.MIDTRANS_SERVER_KEY not in response.content.decode()
    configs = response.json()["data"]["paymentGatewayInitialize"]["gatewayConfigs"]
    assert [c["id"] for c in configs] == [MIDTRANS]
    data = configs[0]["data"]
    assert (data["clientKey"], data["amount"], data["currency"]) == (
        "SB-Mid-client-TESTONLY", 30_000, "IDR",
    )  # fmt: skip
    assert [m["id"] for m in data["paymentMethods"]] == [
        "snap", "qris", "bca_va", "bni_va", "bri_va", "permata_va", "echannel", "gopay",
        "shopeepay", "indomaret", "alfamart",
    ]  # fmt: skip

    # and starts a Snap payment
    result = gql.execute(
        INITIALIZE,
        {
            "id": checkout_id,
            "gateway": midtrans("snap", redirectUrl="https://toko.example/selesai"),
        },
    )["data"]["transactionInitialize"]

    # then it gets Midtrans' token and page, and a transaction waiting for the buyer
    assert result["errors"] == []
    assert result["data"]["token"]
    assert result["data"]["redirectUrl"].startswith(fake_midtrans.url)
    assert result["data"]["paymentMethod"] == "snap"
    assert result["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    transaction = result["transaction"]
    assert transaction["name"] == "Midtrans - Midtrans payment page"
    assert transaction["actions"] == ["CANCEL"]
    assert transaction["chargedAmount"] == {"amount": 0.0, "currency": "IDR"}
    assert [e["type"] for e in transaction["events"]] == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
    ]
    sent = fake_midtrans.calls("POST", "/snap/v1/transactions")[0]
    assert sent["transaction_details"]["gross_amount"] == 30_000
    assert sent["callbacks"] == {"finish": "https://toko.example/selesai"}
    checkout = gql.execute(CHECKOUT, {"id": checkout_id})["data"]["checkout"]
    assert checkout["chargeStatus"] == "NONE"
    assert [t["pspReference"] for t in checkout["transactions"]] == [transaction["pspReference"]]

    # when the buyer pays on the Snap page and Midtrans notifies the live endpoint
    tx = TransactionItem.objects.get(psp_reference=transaction["pspReference"])
    pay(tx, "settlement")

    # then the checkout has become one paid order, which checkoutComplete returns
    assert gql.execute(CHECKOUT, {"id": checkout_id})["data"]["checkout"] is None
    completed = gql.execute(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert completed["errors"] == []
    order = completed["order"]
    assert (order["isPaid"], order["chargeStatus"], order["authorizeStatus"]) == (
        True, "FULL", "FULL",
    )  # fmt: skip
    assert (order["status"], order["paymentStatus"]) == ("UNFULFILLED", "FULLY_CHARGED")
    assert (order["totalCharged"]["amount"], order["totalBalance"]["amount"]) == (30_000, 0)
    again = gql.execute(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert again["order"]["id"] == order["id"]
    assert Order.objects.count() == 1
    assert Order.objects.get().charge_status == OrderChargeStatus.FULL


def test_qris_payment_becomes_an_order_without_checkout_complete(
    gql, make_checkout, fake_midtrans, pay
):
    # given a checkout paid by QRIS the storefront shows itself
    checkout = make_checkout()
    result = initialize(gql, checkout.pk, "qris")
    assert result["errors"] == []
    assert result["data"]["qrString"].startswith("00020101")
    assert result["data"]["qrUrl"].startswith(fake_midtrans.url)
    assert result["data"]["expiresAt"]
    assert fake_midtrans.calls("POST", "/v2/charge")[0]["payment_type"] == "qris"
    # when the buyer pays and only Midtrans' notification arrives (the buyer closed the tab)
    tx = TransactionItem.objects.get()
    pay(tx, "settlement")
    # then the order is placed and paid anyway
    order = Order.objects.get(checkout_token=checkout.pk)
    seen = gql.execute(ORDER, {"id": gid("Order", order.pk)})["data"]["order"]
    assert (seen["isPaid"], seen["chargeStatus"], seen["authorizeStatus"]) == (True, "FULL", "FULL")
    assert (seen["totalCharged"]["amount"], seen["totalBalance"]["amount"]) == (30_000, 0)
    assert not Checkout.objects.filter(pk=checkout.pk).exists()


def test_transaction_process_asks_midtrans_and_applies_the_status(
    gql, make_checkout, fake_midtrans
):
    checkout = make_checkout()
    result = initialize(gql, checkout.pk, "bri_va")
    tx_id = result["transaction"]["id"]
    assert result["data"]["vaNumber"] == "12345678901"
    # not paid yet: nothing changes
    processed = gql.execute(PROCESS, {"id": tx_id})["data"]["transactionProcess"]
    assert processed["errors"] == []
    assert processed["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert processed["transaction"]["order"] is None
    assert processed["data"]["vaNumber"] == "12345678901"
    # paid at the bank, no notification yet: processing finds out and places the order
    fake_midtrans.set_status(result["transaction"]["pspReference"], "settlement")
    processed = gql.execute(PROCESS, {"id": tx_id})["data"]["transactionProcess"]
    assert processed["errors"] == []
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert processed["transaction"]["chargedAmount"]["amount"] == 30_000
    assert processed["transaction"]["checkout"] is None
    assert processed["transaction"]["order"]["isPaid"] is True
    assert Order.objects.count() == 1
    # an unknown transaction
    missing = gql.execute(PROCESS, {"id": gid("TransactionItem", checkout.pk)})
    assert missing["data"]["transactionProcess"]["errors"][0]["code"] == "NOT_FOUND"


def test_snap_page_not_paid_yet_is_processed_without_change(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    tx_id = initialize(gql, checkout.pk)["transaction"]["id"]
    processed = gql.execute(PROCESS, {"id": tx_id})["data"]["transactionProcess"]
    assert processed["errors"] == []
    assert processed["transaction"]["chargedAmount"]["amount"] == 0
    assert Order.objects.count() == 0


# --- retries and bad input ---------------------------------------------------------------


def test_idempotency_key_retry_returns_the_same_transaction(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    first = initialize(gql, checkout.pk, "qris", key="pay-1")
    retry = initialize(gql, checkout.pk, "qris", key="pay-1")
    assert retry["errors"] == []
    assert retry["transaction"]["id"] == first["transaction"]["id"]
    assert retry["data"]["qrString"] == first["data"]["qrString"]
    assert len(fake_midtrans.calls("POST", "/v2/charge")) == 1
    assert TransactionItem.objects.count() == 1
    # the same key for another payment is refused
    other = initialize(gql, checkout.pk, "bca_va", key="pay-1")
    assert other["transaction"] is None
    assert [(e["field"], e["code"]) for e in other["errors"]] == [("idempotencyKey", "UNIQUE")]
    empty = initialize(gql, checkout.pk, "qris", key="")
    assert [(e["field"], e["code"]) for e in empty["errors"]] == [("idempotencyKey", "INVALID")]
    # without a key a new attempt starts (the buyer switched method)
    switched = initialize(gql, checkout.pk, "bca_va")
    assert switched["transaction"]["id"] != first["transaction"]["id"]
    assert TransactionItem.objects.count() == 2


@pytest.mark.parametrize(
    ("variables", "field", "message"),
    [
        ({"amount": "30000.5"}, "amount", "cannot have a fraction"),
        ({"amount": 40_000}, "amount", "more than the Rp30,000 owed"),
        ({"amount": 10_000}, "amount", "Pay the whole Rp30,000 at once"),
        ({"action": "AUTHORIZATION"}, "action", "charged at once"),
        ({"gateway": {"id": "stripe"}}, "paymentGateway", "not found"),
        ({"gateway": {"id": PAY_AT_PICKUP}}, "paymentGateway", "complete the checkout"),
        ({"gateway": midtrans("bitcoin")}, "paymentGateway", "Unknown payment method"),
        ({"gateway": midtrans("snap", redirectUrl="https://evil.example/")},
         "paymentGateway", "is not allowed"),
    ],
)  # fmt: skip
def test_bad_payment_input_is_refused_and_changes_nothing(
    gql, make_checkout, fake_midtrans, variables, field, message, settings
):
    settings.ALLOWED_CLIENT_HOSTS = ["toko.example"]  # as in production: not "*"
    checkout = make_checkout()
    result = initialize(gql, checkout.pk, **variables)
    assert result["transaction"] is None
    assert len(result["errors"]) == 1
    error = result["errors"][0]
    assert (error["field"], error["code"]) == (
        field,
        "NOT_FOUND" if "not found" in message else "INVALID",
    )
    assert message in error["message"]
    assert TransactionItem.objects.count() == 0
    assert fake_midtrans.requests == []


def test_exact_amount_is_accepted(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    result = initialize(gql, checkout.pk, "qris", amount="30000")
    assert result["errors"] == []
    assert TransactionItem.objects.get().amount == 30_000


def test_a_placed_order_is_not_paid_online(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    completed = gql.execute(COMPLETE, {"id": gid("Checkout", checkout.pk)})["data"]
    order_id = completed["checkoutComplete"]["order"]["id"]
    result = gql.execute(INITIALIZE, {"id": order_id, "gateway": midtrans("qris")})
    errors = result["data"]["transactionInitialize"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "INVALID")]
    gateways = gql.execute(
        GATEWAYS, {"id": order_id, "gateways": [{"id": MIDTRANS}, {"id": PAY_AT_PICKUP}]}
    )["data"]["paymentGatewayInitialize"]["gatewayConfigs"]
    assert gateways[0]["data"] is None
    assert gateways[0]["errors"][0]["code"] == "INVALID"
    assert gateways[1]["errors"] == []
    assert gateways[1]["data"] == {
        "amount": 30_000,
        "currency": "IDR",
        "transactionRequired": False,
    }


def test_pay_at_pickup_is_offered_only_for_pickup_in_hubs_taking_cash(
    gql, hub, make_checkout, fake_midtrans
):
    checkout = make_checkout()
    checkout_id = gid("Checkout", checkout.pk)
    listed = gql.execute(GATEWAYS, {"id": checkout_id})["data"]["paymentGatewayInitialize"]
    assert [c["id"] for c in listed["gatewayConfigs"]] == [MIDTRANS, PAY_AT_PICKUP]
    hub.channel.allow_unpaid_orders = False
    hub.channel.save(update_fields=["allow_unpaid_orders"])
    listed = gql.execute(GATEWAYS, {"id": checkout_id})["data"]["paymentGatewayInitialize"]
    assert [c["id"] for c in listed["gatewayConfigs"]] == [MIDTRANS]
    asked = gql.execute(
        GATEWAYS, {"id": checkout_id, "gateways": [{"id": PAY_AT_PICKUP}, {"id": "x.y"}]}
    )["data"]["paymentGatewayInitialize"]["gatewayConfigs"]
    assert [(c["id"], c["data"], c["errors"][0]["code"]) for c in asked] == [
        (PAY_AT_PICKUP, None, "INVALID"),
        ("x.y", None, "NOT_FOUND"),
    ]
    wrong = gql.execute(GATEWAYS, {"id": checkout_id, "amount": "31000"})
    assert wrong["data"]["paymentGatewayInitialize"]["errors"][0]["code"] == "INVALID"


def test_without_midtrans_keys_no_online_payment_is_offered(gql, make_checkout, settings):
    settings.MIDTRANS_SERVER_KEY = ""
    settings.MIDTRANS_CLIENT_KEY = ""
    checkout = make_checkout()
    listed = gql.execute(GATEWAYS, {"id": gid("Checkout", checkout.pk)})
    configs = listed["data"]["paymentGatewayInitialize"]["gatewayConfigs"]
    assert [c["id"] for c in configs] == [PAY_AT_PICKUP]
    result = initialize(gql, checkout.pk, "qris")
    assert result["errors"][0]["message"] == "Online payment is not configured for this shop."
    assert TransactionItem.objects.count() == 0


def test_anyone_with_the_checkout_id_sees_its_transactions(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    initialize(gql, checkout.pk, "qris")
    stranger = tokens.create_access_token(UserFactory())
    for token in (None, stranger):
        seen = gql.execute(CHECKOUT, {"id": gid("Checkout", checkout.pk)}, token=token)
        transactions = seen["data"]["checkout"]["transactions"]
        assert [t["actions"] for t in transactions] == [["CANCEL"]]
        assert transactions[0]["checkout"]["id"] == gid("Checkout", checkout.pk)
        assert transactions[0]["paymentMethodDetails"] == {
            "__typename": "OtherPaymentMethodDetails",
            "name": "QRIS",
        }
        assert settings.MIDTRANS_SERVER_KEY not in str(seen)
