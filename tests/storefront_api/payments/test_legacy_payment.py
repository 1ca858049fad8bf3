"""The 2022 react-storefront paying through Saleor's deprecated legacy Payments API
(``checkoutPaymentCreate`` then ``checkoutComplete``) on Midtrans Snap: real
``midtransclient`` against the fake Midtrans, notifications posted to the live endpoint,
real PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from graphql_relay import to_global_id

from marketplace.accounts import tokens
from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.payments.models import TransactionItem
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.checkout import sellable_variant
from tests.factories.shipping import ShippingMethodFactory

pytestmark = pytest.mark.django_db(transaction=True)

MIDTRANS = "lumbung.payments.midtrans"
PAY_AT_PICKUP = "lumbung.payments.pay-at-pickup"

# As react-storefront 2022 sends them (the deprecated ``token`` argument).
PAYMENT_CREATE = """
mutation($token: UUID, $id: ID, $input: PaymentInput!) {
  checkoutPaymentCreate(token: $token, id: $id, input: $input) {
    payment { id total { amount currency } gateway chargeStatus token isActive
              pspReference paymentMethodType capturedAmount { amount } checkout { id } }
    checkout { id }
    errors { field message code }
    paymentErrors { field code }
  }
}"""
COMPLETE = """
mutation($token: UUID, $id: ID) {
  checkoutComplete(token: $token, id: $id) {
    order { id isPaid chargeStatus total { gross { amount } } }
    confirmationNeeded
    confirmationData
    errors { field message code }
  }
}"""
INITIALIZE = """
mutation($id: ID!) {
  transactionInitialize(id: $id, paymentGateway: {id: "lumbung.payments.midtrans"}) {
    errors { code }
  }
}"""


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


def payment_create(gql, checkout: Checkout, token: str | None = None, **input: Any) -> dict:
    variables = {"token": str(checkout.pk), "input": {"gateway": MIDTRANS, **input}}
    return gql.execute(PAYMENT_CREATE, variables, token=token)["data"]["checkoutPaymentCreate"]


def complete(gql, checkout: Checkout) -> dict:
    return gql.execute(COMPLETE, {"token": str(checkout.pk)})["data"]["checkoutComplete"]


def test_react_storefront_legacy_flow_places_one_paid_order(
    gql, make_checkout, fake_midtrans, pay, settings
):
    settings.ALLOWED_CLIENT_HOSTS = ["toko.example"]
    checkout = make_checkout()
    # when the storefront creates a legacy payment of the whole total
    created = payment_create(
        gql, checkout, amount=30_000, token="tok_client", returnUrl="https://toko.example/ok"
    )

    # then it gets a Midtrans Snap payment waiting for the buyer
    assert created["errors"] == []
    assert created["paymentErrors"] == []
    payment = created["payment"]
    assert payment["total"] == {"amount": 30_000, "currency": "IDR"}
    assert (payment["gateway"], payment["chargeStatus"]) == (MIDTRANS, "NOT_CHARGED")
    assert (payment["isActive"], payment["paymentMethodType"]) == (True, "snap")
    assert payment["capturedAmount"] == {"amount": 0}
    assert payment["token"]
    assert payment["checkout"]["id"] == created["checkout"]["id"] == gid("Checkout", checkout.pk)
    sent = fake_midtrans.calls("POST", "/snap/v1/transactions")
    assert len(sent) == 1
    assert sent[0]["transaction_details"]["gross_amount"] == 30_000
    assert sent[0]["callbacks"] == {"finish": "https://toko.example/ok"}

    # when it completes the checkout before the buyer paid
    waiting = complete(gql, checkout)

    # then it is asked to send the buyer to the Snap page, and no order is placed
    assert waiting["errors"] == []
    assert (waiting["order"], waiting["confirmationNeeded"]) == (None, True)
    data = json.loads(waiting["confirmationData"])
    assert data["redirectUrl"].startswith(fake_midtrans.url)
    assert data["token"] == payment["token"]
    assert data["pspReference"] == payment["pspReference"]
    assert settings.MIDTRANS_SERVER_KEY not in waiting["confirmationData"]
    assert Order.objects.count() == 0
    assert Checkout.objects.filter(pk=checkout.pk).exists()

    # when the buyer pays and Midtrans notifies the live endpoint
    pay(TransactionItem.objects.get(psp_reference=payment["pspReference"]), "settlement")

    # then the same call returns the one paid order
    done = complete(gql, checkout)
    assert done["errors"] == []
    assert done["confirmationNeeded"] is False
    assert (done["order"]["isPaid"], done["order"]["chargeStatus"]) == (True, "FULL")
    assert done["order"]["total"]["gross"]["amount"] == 30_000
    assert complete(gql, checkout)["order"]["id"] == done["order"]["id"]
    assert Order.objects.count() == 1


def test_repeated_call_returns_the_same_payment(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    first = payment_create(gql, checkout)["payment"]
    again = payment_create(gql, checkout, amount=30_000)["payment"]
    by_id = gql.execute(
        PAYMENT_CREATE, {"id": gid("Checkout", checkout.pk), "input": {"gateway": MIDTRANS}}
    )["data"]["checkoutPaymentCreate"]["payment"]
    assert first["id"] == again["id"] == by_id["id"]
    assert first["token"] == again["token"]
    assert TransactionItem.objects.count() == 1
    assert len(fake_midtrans.calls("POST", "/snap/v1/transactions")) == 1


def test_a_new_payment_after_the_first_failed(gql, make_checkout, fake_midtrans, pay):
    checkout = make_checkout()
    first = payment_create(gql, checkout)["payment"]
    pay(TransactionItem.objects.get(psp_reference=first["pspReference"]), "expire")
    second = payment_create(gql, checkout)
    assert second["errors"] == []
    assert second["payment"]["id"] != first["id"]
    assert complete(gql, checkout)["confirmationNeeded"] is True


@pytest.mark.parametrize(
    ("input", "field", "code"),
    [
        ({"amount": 29_000}, "amount", "PARTIAL_PAYMENT_NOT_ALLOWED"),
        ({"amount": 31_000}, "amount", "PARTIAL_PAYMENT_NOT_ALLOWED"),
        ({"amount": "30000.5"}, "amount", "INVALID"),
        ({"gateway": "mirumee.payments.dummy"}, "gateway", "NOT_SUPPORTED_GATEWAY"),
        ({"gateway": PAY_AT_PICKUP}, "gateway", "NOT_SUPPORTED_GATEWAY"),
        ({"storePaymentMethod": "ON_SESSION"}, "storePaymentMethod", "INVALID"),
        ({"metadata": [{"key": "a", "value": "b"}]}, "metadata", "INVALID"),
        ({"returnUrl": "https://evil.example/x"}, "returnUrl", "INVALID"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    gql, make_checkout, fake_midtrans, input, field, code
):
    checkout = make_checkout()
    result = payment_create(gql, checkout, **input)
    assert result["payment"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert result["paymentErrors"] == [{"field": field, "code": code}]
    assert TransactionItem.objects.count() == 0
    assert fake_midtrans.calls("POST", "/snap/v1/transactions") == []


def test_pay_at_pickup_is_refused_with_the_way_to_complete(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    result = payment_create(gql, checkout, gateway=PAY_AT_PICKUP)
    assert result["errors"][0]["message"] == (
        "Paying at the village hub needs no payment: complete the checkout."
    )


def test_unknown_checkout_is_not_found(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    Checkout.objects.filter(pk=checkout.pk).delete()
    result = payment_create(gql, checkout)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
    assert TransactionItem.objects.count() == 0


def test_without_midtrans_keys_the_gateway_is_not_supported(gql, make_checkout, settings):
    settings.MIDTRANS_SERVER_KEY = ""
    result = payment_create(gql, make_checkout())
    assert [e["code"] for e in result["errors"]] == ["NOT_SUPPORTED_GATEWAY"]


def test_anyone_with_the_checkout_id_gets_the_same_payment(gql, make_checkout, fake_midtrans):
    checkout = make_checkout()
    buyer = payment_create(gql, checkout)["payment"]
    stranger = tokens.create_access_token(UserFactory())
    seen = payment_create(gql, checkout, token=stranger)
    assert seen["payment"]["id"] == buyer["id"]
    assert settings.MIDTRANS_SERVER_KEY not in str(seen)
    assert TransactionItem.objects.count() == 1


def test_transaction_api_attempts_keep_checkout_complete_unchanged(
    gql, make_checkout, fake_midtrans
):
    checkout = make_checkout()
    assert (
        gql.execute(INITIALIZE, {"id": gid("Checkout", checkout.pk)})["data"][
            "transactionInitialize"
        ]["errors"]
        == []
    )
    result = complete(gql, checkout)
    assert result["confirmationNeeded"] is False
    assert result["confirmationData"] is None


def test_shipped_checkout_waits_for_its_legacy_payment(gql, hub, point, fake_midtrans, pay):
    variant = sellable_variant(hub, point, price=15_000, quantity=10)
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="budi@example.com"
    )
    method = ShippingMethodFactory(channel=hub.channel, price_amount=9_000)
    checkout = checkout_services.checkout_delivery_method_update(
        checkout=checkout, shipping_method=method
    )
    # without a payment a shipped order cannot be placed
    unpaid = complete(gql, checkout)
    assert [e["code"] for e in unpaid["errors"]] == ["CHECKOUT_NOT_FULLY_PAID"]

    # as Saleor, no payment is taken for a checkout that could not become an order
    refused = payment_create(gql, checkout, amount=39_000)
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("shippingAddress", "SHIPPING_ADDRESS_NOT_SET")
    ]
    assert TransactionItem.objects.count() == 0
    checkout = checkout_services.checkout_shipping_address_update(
        checkout=checkout, address=AddressFactory()
    )

    payment = payment_create(gql, checkout, amount=39_000)["payment"]
    waiting = complete(gql, checkout)
    assert waiting["errors"] == []
    assert waiting["confirmationNeeded"] is True
    assert json.loads(waiting["confirmationData"])["token"] == payment["token"]

    pay(TransactionItem.objects.get(psp_reference=payment["pspReference"]), "settlement")
    done = complete(gql, checkout)
    assert done["order"]["isPaid"] is True
    assert done["order"]["total"]["gross"]["amount"] == 39_000
