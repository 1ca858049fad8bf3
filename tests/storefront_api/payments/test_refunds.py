"""Refunds from staff through GraphQL: ``transactionRequestAction`` and Saleor's granted
refunds, against the fake Midtrans; who may do what; what orders and reporting show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from coop_reporting.sales.models import SaleFact
from coop_reporting.sales.services import order_sales_record
from marketplace.accounts import tokens
from marketplace.checkout import services as checkout_services
from marketplace.orders.models import Order
from marketplace.orders.reporting import paid_order_lines
from marketplace.payments.models import OrderGrantedRefund, TransactionItem
from marketplace.payments.services import checkout_payments
from tests.factories.accounts import UserFactory
from tests.factories.checkout import sellable_variant
from tests.factories.village_hubs import CooperativeStaffFactory, HubOperatorFactory

pytestmark = pytest.mark.django_db(transaction=True)

REFUND = """
mutation($id: ID!, $type: TransactionActionEnum!, $amount: PositiveDecimal) {
  transactionRequestAction(id: $id, actionType: $type, amount: $amount, refundReason: "rusak") {
    transaction {
      chargedAmount { amount } refundedAmount { amount } refundPendingAmount { amount } actions
      events { type amount { amount } createdBy { ... on User { email } } }
    }
    errors { field message code }
  }
}"""
ORDER = """
query($id: ID!) {
  order(id: $id) {
    isPaid chargeStatus authorizeStatus totalCharged { amount } totalRefunded { amount }
    totalBalance { amount }
  }
}"""
ORDER_STAFF = """
query($id: ID!) {
  order(id: $id) {
    transactions { pspReference refundedAmount { amount } events { type } }
    grantedRefunds { status amount { amount } }
    totalGrantedRefund { amount } totalRemainingGrant { amount } totalRefundPending { amount }
  }
}"""
GRANT = """
mutation($id: ID!, $input: OrderGrantRefundCreateInput!) {
  orderGrantRefundCreate(id: $id, input: $input) {
    order { chargeStatus isPaid totalGrantedRefund { amount } totalRemainingGrant { amount }
            totalBalance { amount } }
    grantedRefund {
      id amount { amount } status reason shippingCostsIncluded
      lines { quantity orderLine { productName } }
      transaction { pspReference } user { email }
    }
    errors { field message code lines { lineId field code } }
  }
}"""
REFUND_GRANT = """
mutation($grant: ID!) {
  transactionRequestRefundForGrantedRefund(grantedRefundId: $grant) {
    transaction { chargedAmount { amount } refundedAmount { amount } }
    errors { field message code }
  }
}"""
GRANT_EVENTS = """
query($id: ID!) {
  order(id: $id) {
    grantedRefunds { status transactionEvents { type pspReference amount { amount } } }
  }
}"""


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


def token(user: Any) -> str:
    return tokens.create_access_token(user)


def permission_denied(body: dict[str, Any]) -> bool:
    return body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.fixture
def paid_order(hub, point, fake_midtrans, pay) -> Callable[..., tuple[Order, TransactionItem]]:
    """An order of 2 × keripik (Rp15.000) and 1 × kopi (Rp20.000), paid by QRIS."""

    def make() -> tuple[Order, TransactionItem]:
        keripik = sellable_variant(hub, point, price=15_000, name="Keripik Singkong")
        kopi = sellable_variant(hub, point, price=20_000, name="Kopi Pecatu")
        checkout = checkout_services.checkout_create(
            channel=hub.channel, lines=[(keripik, 2), (kopi, 1)], email="budi@example.com"
        )
        checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
        tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
        pay(tx, "settlement")
        order = Order.objects.get(checkout_token=checkout.pk)
        assert order.is_paid
        return order, tx

    return make


@pytest.fixture
def operator(hub) -> Any:
    return HubOperatorFactory(hub=hub).user


def test_partial_then_full_refund_by_the_hub_operator(gql, paid_order, operator, fake_midtrans):
    order, tx = paid_order()
    order_id = gid("Order", order.pk)

    partial = gql.execute(
        REFUND, {"id": gid("TransactionItem", tx.pk), "type": "REFUND", "amount": 10_000},
        token=token(operator),
    )["data"]["transactionRequestAction"]  # fmt: skip

    assert partial["errors"] == []
    moved = partial["transaction"]
    assert (moved["chargedAmount"]["amount"], moved["refundedAmount"]["amount"]) == (40_000, 10_000)
    assert moved["refundPendingAmount"]["amount"] == 0
    assert moved["actions"] == ["REFUND"]
    refund_events = [e for e in moved["events"] if e["type"].startswith("REFUND")]
    assert [(e["type"], e["amount"]["amount"]) for e in refund_events] == [
        ("REFUND_REQUEST", 10_000), ("REFUND_SUCCESS", 10_000),
    ]  # fmt: skip
    assert refund_events[0]["createdBy"] == {"email": operator.email}
    assert fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund")[0]["amount"] == 10_000
    seen = gql.execute(ORDER, {"id": order_id})["data"]["order"]
    assert (seen["chargeStatus"], seen["isPaid"]) == ("PARTIAL", False)
    assert (seen["totalCharged"]["amount"], seen["totalRefunded"]["amount"]) == (40_000, 10_000)
    assert seen["totalBalance"]["amount"] == -10_000

    # more than is left: refused, nothing changes
    too_much = gql.execute(
        REFUND, {"id": gid("TransactionItem", tx.pk), "type": "REFUND", "amount": 45_000},
        token=token(operator),
    )["data"]["transactionRequestAction"]  # fmt: skip
    assert [(e["field"], e["code"]) for e in too_much["errors"]] == [("amount", "INVALID")]
    assert "Rp40,000" in too_much["errors"][0]["message"]
    assert len(fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund")) == 1

    full = gql.execute(
        REFUND, {"id": gid("TransactionItem", tx.pk), "type": "REFUND"}, token=token(operator)
    )["data"]["transactionRequestAction"]
    assert full["errors"] == []
    assert (full["transaction"]["chargedAmount"]["amount"],
            full["transaction"]["refundedAmount"]["amount"]) == (0, 50_000)  # fmt: skip
    assert full["transaction"]["actions"] == []
    seen = gql.execute(ORDER, {"id": order_id})["data"]["order"]
    assert (seen["chargeStatus"], seen["authorizeStatus"]) == ("NONE", "NONE")
    assert (seen["totalCharged"]["amount"], seen["totalRefunded"]["amount"]) == (0, 50_000)
    # reporting sees no paid sales any more
    assert list(paid_order_lines(order.pk)) == []


def test_charge_and_cancel_requests(gql, paid_order, operator, make_checkout, fake_midtrans):
    order, tx = paid_order()
    charge = gql.execute(
        REFUND, {"id": gid("TransactionItem", tx.pk), "type": "CHARGE"}, token=token(operator)
    )["data"]["transactionRequestAction"]
    assert [(e["field"], e["code"]) for e in charge["errors"]] == [("actionType", "INVALID")]
    cancel = gql.execute(
        REFUND, {"id": gid("TransactionItem", tx.pk), "type": "CANCEL"}, token=token(operator)
    )["data"]["transactionRequestAction"]
    assert [(e["field"], e["code"]) for e in cancel["errors"]] == [("id", "INVALID")]
    # the buyer cancels their own unpaid attempt
    buyer = UserFactory()
    checkout = make_checkout()
    checkout_services.checkout_customer_set(checkout=checkout, user=buyer)
    pending = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    canceled = gql.execute(
        REFUND, {"id": gid("TransactionItem", pending.pk), "type": "CANCEL"}, token=token(buyer)
    )["data"]["transactionRequestAction"]
    assert canceled["errors"] == []
    assert [e["type"] for e in canceled["transaction"]["events"]][-2:] == [
        "CANCEL_REQUEST", "CANCEL_SUCCESS",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "who", ["another buyer", "another cooperative", "the seller cooperative", "another hub"]
)
def test_strangers_cannot_see_refund_or_grant(gql, hub, paid_order, fake_midtrans, who):
    order, tx = paid_order()
    stranger = {
        "another buyer": lambda: UserFactory(),
        "another cooperative": lambda: CooperativeStaffFactory().user,
        "the seller cooperative": lambda: (
            CooperativeStaffFactory(cooperative=order.lines.first().cooperative).user
        ),
        "another hub": lambda: HubOperatorFactory().user,
    }[who]()
    order_id = gid("Order", order.pk)

    seen = gql.execute(ORDER_STAFF, {"id": order_id}, token=token(stranger))
    assert permission_denied(seen)
    assert seen["data"]["order"] is None
    refund = gql.execute(
        REFUND, {"id": gid("TransactionItem", tx.pk), "type": "REFUND", "amount": 1_000},
        token=token(stranger),
    )  # fmt: skip
    assert permission_denied(refund)
    assert refund["data"]["transactionRequestAction"] is None
    grant = gql.execute(
        GRANT,
        {
            "id": order_id,
            "input": {"amount": 1_000, "transactionId": gid("TransactionItem", tx.pk)},
        },
        token=token(stranger),
    )
    assert permission_denied(grant)
    tx.refresh_from_db()
    assert tx.refunded_amount == 0
    assert not OrderGrantedRefund.objects.exists()
    assert fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund") == []


def test_anonymous_cannot_refund(gql, paid_order, fake_midtrans):
    _order, tx = paid_order()
    refund = gql.execute(REFUND, {"id": gid("TransactionItem", tx.pk), "type": "REFUND"})
    assert permission_denied(refund)
    tx.refresh_from_db()
    assert tx.refunded_amount == 0


def test_granted_refund_of_a_whole_line_is_paid_back_and_leaves_the_sales(
    gql, paid_order, operator, fake_midtrans
):
    order, tx = paid_order()
    order_id = gid("Order", order.pk)
    keripik = order.lines.get(product_name="Keripik Singkong")
    order_sales_record(order_id=str(order.pk))
    assert SaleFact.objects.filter(order_id=order.pk, kind="sale").count() == 2
    tx_id = gid("TransactionItem", tx.pk)

    # bad grants are refused and change nothing
    nothing = gql.execute(GRANT, {"id": order_id, "input": {"transactionId": tx_id}},
                          token=token(operator))["data"]["orderGrantRefundCreate"]  # fmt: skip
    assert {(e["field"], e["code"]) for e in nothing["errors"]} == {
        ("amount", "REQUIRED"), ("lines", "REQUIRED"), ("grantRefundForShipping", "REQUIRED"),
    }  # fmt: skip
    too_many = gql.execute(
        GRANT,
        {"id": order_id, "input": {"transactionId": tx_id,
                                   "lines": [{"id": gid("OrderLine", keripik.pk), "quantity": 3}]}},
        token=token(operator),
    )["data"]["orderGrantRefundCreate"]  # fmt: skip
    assert [(e["field"], e["code"]) for e in too_many["errors"]] == [("lines", "INVALID")]
    assert too_many["errors"][0]["lines"] == [
        {"lineId": gid("OrderLine", keripik.pk), "field": "quantity",
         "code": "QUANTITY_GREATER_THAN_AVAILABLE"},
    ]  # fmt: skip
    too_much = gql.execute(
        GRANT, {"id": order_id, "input": {"transactionId": tx_id, "amount": 60_000}},
        token=token(operator),
    )["data"]["orderGrantRefundCreate"]  # fmt: skip
    assert [(e["field"], e["code"]) for e in too_much["errors"]] == [
        ("amount", "AMOUNT_GREATER_THAN_AVAILABLE")
    ]
    assert not OrderGrantedRefund.objects.exists()

    # when the operator grants back both packs of keripik
    granted = gql.execute(
        GRANT,
        {"id": order_id, "input": {"transactionId": tx_id, "reason": "Kemasan rusak",
                                   "lines": [{"id": gid("OrderLine", keripik.pk), "quantity": 2}]}},
        token=token(operator),
    )["data"]["orderGrantRefundCreate"]  # fmt: skip

    # then the grant waits to be paid back and the order counts as overcharged
    assert granted["errors"] == []
    grant = granted["grantedRefund"]
    assert (grant["amount"]["amount"], grant["status"], grant["reason"]) == (
        30_000, "NONE", "Kemasan rusak",
    )  # fmt: skip
    assert grant["lines"] == [{"quantity": 2, "orderLine": {"productName": "Keripik Singkong"}}]
    assert grant["transaction"] == {"pspReference": tx.psp_reference}
    assert grant["user"] == {"email": operator.email}  # the granting user sees themself
    assert granted["order"]["chargeStatus"] == "OVERCHARGED"
    assert granted["order"]["totalGrantedRefund"]["amount"] == 30_000
    assert granted["order"]["totalBalance"]["amount"] == 30_000
    assert fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund") == []

    # when it is paid back through Midtrans
    paid_back = gql.execute(REFUND_GRANT, {"grant": grant["id"]}, token=token(operator))
    result = paid_back["data"]["transactionRequestRefundForGrantedRefund"]

    # then the money moved once, the grant is done and the order is fully charged again
    assert result["errors"] == []
    assert (result["transaction"]["chargedAmount"]["amount"],
            result["transaction"]["refundedAmount"]["amount"]) == (20_000, 30_000)  # fmt: skip
    refunds = fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund")
    assert [(r["amount"], r["refund_key"]) for r in refunds] == [
        (30_000, f"{tx.psp_reference}-g{OrderGrantedRefund.objects.get().pk}")
    ]
    seen = gql.execute(ORDER, {"id": order_id})["data"]["order"]
    assert (seen["chargeStatus"], seen["isPaid"]) == ("FULL", True)
    assert (seen["totalCharged"]["amount"], seen["totalRefunded"]["amount"]) == (20_000, 30_000)
    assert seen["totalBalance"]["amount"] == 0
    staff_view = gql.execute(ORDER_STAFF, {"id": order_id}, token=token(operator))["data"]
    assert staff_view["order"]["grantedRefunds"] == [
        {"status": "SUCCESS", "amount": {"amount": 30_000.0}}
    ]
    assert staff_view["order"]["totalRemainingGrant"]["amount"] == 0
    events = gql.execute(GRANT_EVENTS, {"id": order_id}, token=token(operator))["data"]
    grant_events = events["order"]["grantedRefunds"][0]["transactionEvents"]
    assert [(e["type"], e["amount"]["amount"]) for e in grant_events] == [
        ("REFUND_REQUEST", 30_000), ("REFUND_SUCCESS", 30_000),
    ]  # fmt: skip

    # paying it back twice is refused
    twice = gql.execute(REFUND_GRANT, {"grant": grant["id"]}, token=token(operator))
    errors = twice["data"]["transactionRequestRefundForGrantedRefund"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("grantedRefundId", "REFUND_ALREADY_PROCESSED")
    ]
    assert len(fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund")) == 1

    # reporting: the keripik line leaves the sales, the kopi stays
    assert [line.line_id for line in paid_order_lines(order.pk)] == [
        str(order.lines.get(product_name="Kopi Pecatu").pk)
    ]
    order_sales_record(order_id=str(order.pk))
    reversed_lines = SaleFact.objects.filter(order_id=order.pk, kind="reversal")
    assert list(reversed_lines.values_list("order_line_id", flat=True)) == [keripik.pk]


def test_granted_refund_for_shipping_and_an_amount(gql, hub, paid_order, fake_midtrans):
    order, tx = paid_order()
    staff = UserFactory(is_staff=True)
    granted = gql.execute(
        GRANT,
        {"id": gid("Order", order.pk),
         "input": {"transactionId": gid("TransactionItem", tx.pk), "amount": "5000"}},
        token=token(staff),
    )["data"]["orderGrantRefundCreate"]  # fmt: skip
    assert granted["errors"] == []
    assert granted["grantedRefund"]["user"] == {"email": staff.email}
    fraction = gql.execute(
        GRANT,
        {"id": gid("Order", order.pk),
         "input": {"transactionId": gid("TransactionItem", tx.pk), "amount": "50.5"}},
        token=token(staff),
    )["data"]["orderGrantRefundCreate"]  # fmt: skip
    assert [(e["field"], e["code"]) for e in fraction["errors"]] == [("amount", "INVALID")]
    assert OrderGrantedRefund.objects.count() == 1


def test_order_payment_fields_have_no_n_plus_one(gql, paid_order, fake_midtrans):
    staff = UserFactory(is_staff=True)
    query = """{ orders(first: 10) { edges { node {
        chargeStatus authorizeStatus totalBalance { amount } totalRefunded { amount }
        transactions { actions chargedAmount { amount } refundPendingAmount { amount }
                       events { type } }
        grantedRefunds { status lines { quantity } }
    } } } }"""
    paid_order()
    with CaptureQueriesContext(connection) as one:
        body = gql.execute(query, token=token(staff))
    assert len(body["data"]["orders"]["edges"]) == 1
    paid_order()
    paid_order()
    with CaptureQueriesContext(connection) as three:
        body = gql.execute(query, token=token(staff))
    assert len(body["data"]["orders"]["edges"]) == 3
    assert all(edge["node"]["chargeStatus"] == "FULL" for edge in body["data"]["orders"]["edges"])
    assert len(three) == len(one)


def test_chargeback_reported_by_midtrans_shows_on_the_transaction_and_order(
    gql, paid_order, operator, fake_midtrans, pay
):
    order, tx = paid_order()
    pay(tx, "partial_chargeback", extra={"chargeback_amount": "10000.00"})
    staff_view = gql.execute(ORDER_STAFF, {"id": gid("Order", order.pk)}, token=token(operator))
    transaction = staff_view["data"]["order"]["transactions"][0]
    assert transaction["events"][-1] == {"type": "CHARGE_BACK"}
    seen = gql.execute(ORDER, {"id": gid("Order", order.pk)})["data"]["order"]
    assert (seen["chargeStatus"], seen["totalCharged"]["amount"]) == ("PARTIAL", 40_000)
