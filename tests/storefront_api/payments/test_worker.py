"""A Midtrans notification applied by a real Celery worker process, the storefront's
GraphQL flow around it."""

from __future__ import annotations

import pytest
from django.conf import settings
from graphql_relay import to_global_id

from marketplace.orders.models import Order
from marketplace.payments.models import PaymentNotification, TransactionItem
from tests.helpers import wait_for
from tests.marketplace.payments.conftest import SERVER_KEY

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

INITIALIZE = """
mutation($id: ID!) {
  transactionInitialize(id: $id, paymentGateway: {id: "lumbung.payments.midtrans",
                                                  data: {paymentMethod: "qris"}}) {
    transaction { pspReference } data errors { field code }
  }
}"""
COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(id: $id) { order { id isPaid chargeStatus } errors { field code } }
}"""


def test_notification_is_applied_by_a_real_worker(
    gql, make_checkout, fake_midtrans, endpoint, start_worker
):
    # given a worker that reaches the fake Midtrans with the same keys
    start_worker(
        broker_url=settings.CELERY_BROKER_URL,
        env={
            "MIDTRANS_SERVER_KEY": SERVER_KEY,
            "MIDTRANS_CLIENT_KEY": "SB-Mid-client-TESTONLY",
            "MIDTRANS_IS_PRODUCTION": "false",
            "MIDTRANS_CORE_BASE_URL": fake_midtrans.url,
            "MIDTRANS_SNAP_BASE_URL": f"{fake_midtrans.url}/snap/v1",
        },
    )
    checkout = make_checkout()
    checkout_id = to_global_id("Checkout", str(checkout.pk))
    started = gql.execute(INITIALIZE, {"id": checkout_id})["data"]["transactionInitialize"]
    assert started["errors"] == []
    psp_reference = started["transaction"]["pspReference"]

    # when the buyer pays and Midtrans notifies the live endpoint
    fake_midtrans.set_status(psp_reference, "settlement")
    response = fake_midtrans.send_notification(endpoint, fake_midtrans.notification(psp_reference))
    assert response.status_code == 200

    # then the worker confirms it with Get Status and places the paid order
    order = wait_for(
        lambda: Order.objects.filter(checkout_token=checkout.pk, charge_status="full").first(),
        timeout=90,
        what="paid order placed by the worker",
    )
    assert ("GET", f"/v2/{psp_reference}/status") in [
        (method, path) for method, path, _body in fake_midtrans.requests
    ]
    assert PaymentNotification.objects.get().processed_at is not None
    assert TransactionItem.objects.get().order_id == order.pk
    completed = gql.execute(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert completed["errors"] == []
    assert completed["order"] == {
        "id": to_global_id("Order", str(order.pk)), "isPaid": True, "chargeStatus": "FULL",
    }  # fmt: skip
    assert Order.objects.count() == 1
