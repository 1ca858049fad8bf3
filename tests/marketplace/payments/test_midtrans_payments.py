"""Midtrans payments end to end: the real ``midtransclient`` against a fake Midtrans on
127.0.0.1, notifications posted to the live endpoint, real PostgreSQL."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import override

from marketplace.checkout import complete
from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout, Reservation
from marketplace.orders.models import Order, OrderChargeStatus, PaymentMethod
from marketplace.payments import selectors
from marketplace.payments.midtrans.signature import signature_is_valid
from marketplace.payments.models import (
    PaymentNotification,
    TransactionEvent,
    TransactionEventType,
    TransactionItem,
)
from marketplace.payments.services import (
    checkout_payments,
    reconciliation,
    transaction_actions,
    transaction_status,
)
from tests.factories.accounts import UserFactory
from tests.marketplace.payments.conftest import SERVER_KEY

pytestmark = pytest.mark.django_db(transaction=True)

E = TransactionEventType


def event_types(tx: TransactionItem) -> list[str]:
    return list(tx.events.order_by("created_at", "pk").values_list("type", flat=True))


def snapshot(tx: TransactionItem) -> tuple:
    tx.refresh_from_db()
    return (tx.status, tx.charged_amount, tx.refunded_amount, tx.order_id, tx.events.count(),
            PaymentNotification.objects.count(), Order.objects.count())  # fmt: skip


# --- signature ---------------------------------------------------------------------------


def test_signature_is_sha512_of_order_status_amount_and_key():
    raw = "1111" + "200" + "100000.00" + "key"
    body = {"order_id": "1111", "status_code": "200", "gross_amount": "100000.00",
            "signature_key": hashlib.sha512(raw.encode()).hexdigest()}  # fmt: skip
    assert signature_is_valid(body, server_key="key") is True
    assert signature_is_valid({**body, "gross_amount": "100000"}, server_key="key") is False
    assert signature_is_valid({**body, "status_code": "201"}, server_key="key") is False
    assert signature_is_valid(body, server_key="other") is False
    assert signature_is_valid(body, server_key="") is False
    assert signature_is_valid({**body, "signature_key": None}, server_key="key") is False


# --- happy paths -------------------------------------------------------------------------


def test_snap_payment_settles_into_one_paid_order(make_checkout, fake_midtrans, pay):
    # given
    checkout = make_checkout()
    checkout_id = checkout.pk
    # when
    tx = checkout_payments.transaction_initialize(
        checkout=checkout, method="snap", redirect_url="https://toko.example/selesai"
    )
    # then: the buyer gets a Snap token and page; Midtrans got consistent items
    assert tx.data["token"]
    assert tx.data["redirect_url"].startswith(fake_midtrans.url)
    assert tx.amount == 30_000
    assert event_types(tx) == [E.CHARGE_REQUEST, E.CHARGE_ACTION_REQUIRED]
    sent = fake_midtrans.calls("POST", "/snap/v1/transactions")[0]
    assert sent["transaction_details"] == {"order_id": tx.psp_reference, "gross_amount": 30_000}
    item = sent["item_details"][0]
    cooperative = checkout.lines.get().variant.product.cooperative.name
    assert item["price"] == 15_000
    assert item["quantity"] == 2
    assert cooperative in item["name"]
    assert "Keripik Singkong" in item["name"]
    assert item["merchant_name"] == cooperative[:50]
    assert sent["callbacks"] == {"finish": "https://toko.example/selesai"}

    # when the buyer pays QRIS on the Snap page
    pay(tx, "settlement", payment_type="qris")

    # then
    order = Order.objects.get()
    assert tx.order_id == order.pk
    assert order.checkout_token == checkout_id
    assert order.charge_status == OrderChargeStatus.FULL
    assert order.total_charged_amount == 30_000
    assert order.payment_method == PaymentMethod.ONLINE
    assert not Checkout.objects.filter(pk=checkout_id).exists()
    assert (tx.status, tx.charged_amount) == ("settlement", 30_000)
    success = tx.events.get(type=E.CHARGE_SUCCESS)
    assert success.amount == 30_000


def test_qris_payment_settles_into_one_paid_order(make_checkout, fake_midtrans, pay):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    assert tx.status == "pending"
    assert tx.data["qr_string"].startswith("000201")
    assert tx.data["qr_url"].startswith(fake_midtrans.url)
    assert tx.midtrans_transaction_id

    pay(tx, "settlement")

    order = Order.objects.get()
    assert order.is_paid
    assert tx.order_id == order.pk
    assert event_types(tx) == [E.CHARGE_REQUEST, E.CHARGE_ACTION_REQUIRED, E.CHARGE_SUCCESS]


@pytest.mark.parametrize(
    ("method", "field", "value"),
    [
        ("bca_va", "va_number", "12345678901"),
        ("bni_va", "va_number", "12345678901"),
        ("bri_va", "va_number", "12345678901"),
        ("permata_va", "va_number", "8562000123456789"),
        ("echannel", "bill_key", "778899001122"),
        ("indomaret", "payment_code", "LMB1234567890"),
        ("alfamart", "payment_code", "LMB1234567890"),
        ("gopay", "deeplink_url", None),
        ("shopeepay", "deeplink_url", None),
    ],
)
def test_core_api_methods_return_what_the_buyer_needs(
    make_checkout, fake_midtrans, method, field, value
):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method=method)
    assert tx.data[field] == value if value else tx.data[field]
    assert tx.data["expires_at"]
    assert SERVER_KEY not in json.dumps(tx.data)


def test_second_attempt_gets_a_new_order_id(make_checkout, fake_midtrans):
    checkout = make_checkout()
    first = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    second = checkout_payments.transaction_initialize(checkout=checkout, method="bca_va")
    assert first.psp_reference.endswith("-1")
    assert second.psp_reference.endswith("-2")
    assert len(second.psp_reference) <= 50


def test_unknown_method_is_refused(make_checkout, fake_midtrans):
    checkout = make_checkout()
    with override("en"), pytest.raises(ValidationError) as exc:
        checkout_payments.transaction_initialize(checkout=checkout, method="bitcoin")
    error = exc.value.error_dict["payment_method"][0]
    assert error.code == "invalid"
    assert TransactionItem.objects.count() == 0


# --- failures ----------------------------------------------------------------------------


def test_expired_payment_releases_the_reservations(make_checkout, pay):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="bca_va")
    assert Reservation.objects.filter(checkout_line__checkout=checkout).exists()

    pay(tx, "expire")

    assert tx.status == "expire"
    assert tx.events.get(type=E.CHARGE_FAILURE).amount == 30_000
    assert not Reservation.objects.filter(checkout_line__checkout=checkout).exists()
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert Order.objects.count() == 0


def test_denied_payment_places_no_order(make_checkout, pay):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")

    pay(tx, "deny")

    assert (tx.status, tx.charged_amount) == ("deny", 0)
    assert E.CHARGE_FAILURE in event_types(tx)
    assert Order.objects.count() == 0
    assert not Reservation.objects.filter(checkout_line__checkout=checkout).exists()


def test_card_capture_challenged_by_fraud_detection_waits_for_the_merchant(make_checkout, pay):
    # given a card payment on the Snap page that Midtrans' fraud detection challenges
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="snap")
    pay(tx, "capture", payment_type="credit_card", fraud="challenge")

    # then no order yet: the money is pending, not charged, and the cart is kept
    assert (tx.status, tx.fraud_status, tx.charged_amount) == ("capture", "challenge", 0)
    assert selectors.transaction_amounts(tx).charge_pending == 30_000
    assert E.CHARGE_SUCCESS not in event_types(tx)
    assert Order.objects.count() == 0
    assert Checkout.objects.filter(pk=checkout.pk).exists()

    # when the merchant accepts the challenge in the Midtrans dashboard
    pay(tx, "capture", payment_type="credit_card", fraud="accept")

    # then one paid order, charged once
    order = Order.objects.get()
    assert (tx.charged_amount, order.total_charged_amount) == (30_000, 30_000)
    assert selectors.transaction_amounts(tx).charge_pending == 0
    assert event_types(tx).count(E.CHARGE_SUCCESS) == 1


def test_card_capture_denied_after_a_challenge_places_no_order(make_checkout, pay):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="snap")
    pay(tx, "capture", payment_type="credit_card", fraud="challenge")

    pay(tx, "deny", payment_type="credit_card", fraud="deny")

    assert (tx.status, tx.charged_amount) == ("deny", 0)
    assert selectors.transaction_amounts(tx).charge_pending == 0
    assert Order.objects.count() == 0
    assert not Reservation.objects.filter(checkout_line__checkout=checkout).exists()


def test_gateway_refusal_records_charge_failure(make_checkout, fake_midtrans):
    checkout = make_checkout()
    fake_midtrans.fail_next.append((400, {"error_messages": ["payment channel is not activated"]}))
    with override("en"), pytest.raises(ValidationError) as exc:
        checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    assert exc.value.error_dict["payment_method"][0].code == "invalid"
    tx = TransactionItem.objects.get()
    assert tx.status == "failure"
    assert event_types(tx) == [E.CHARGE_REQUEST, E.CHARGE_FAILURE]


# --- idempotency and ordering -----------------------------------------------------------


def test_notification_replayed_100_times_records_one_event_and_one_order(
    make_checkout, fake_midtrans, endpoint, process
):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    fake_midtrans.set_status(tx.psp_reference, "settlement")
    body = fake_midtrans.notification(tx.psp_reference)

    statuses = {fake_midtrans.send_notification(endpoint, body).status_code for _ in range(100)}
    process()

    assert statuses == {200}
    assert PaymentNotification.objects.count() == 1
    assert tx.events.filter(type=E.CHARGE_SUCCESS).count() == 1
    assert Order.objects.count() == 1
    tx.refresh_from_db()
    assert tx.charged_amount == 30_000
    # a replay after processing: still 200, nothing new
    assert fake_midtrans.send_notification(endpoint, body).status_code == 200
    process()
    assert tx.events.count() == 3
    assert Order.objects.count() == 1


def test_pending_after_settlement_leaves_it_settled(
    make_checkout, fake_midtrans, endpoint, pay, process
):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    pay(tx, "settlement")
    # a delayed "pending" notification arrives; Midtrans itself says settlement
    late = fake_midtrans.notification(
        tx.psp_reference, transaction_status="pending", status_code="201"
    )
    assert fake_midtrans.send_notification(endpoint, late).status_code == 200
    process()
    tx.refresh_from_db()
    assert tx.status == "settlement"
    # even if a stale status is applied directly, settlement never goes back
    stale = {**fake_midtrans.status_body(tx.psp_reference), "transaction_status": "pending"}
    transaction_status.payment_apply_status(transaction_id=tx.pk, status=stale)
    tx.refresh_from_db()
    assert (tx.status, tx.charged_amount) == ("settlement", 30_000)
    assert tx.events.filter(type=E.INFO).count() == 1
    assert Order.objects.count() == 1


def test_mandiri_reversal_after_settlement_is_applied(make_checkout, fake_midtrans, pay):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="echannel")
    pay(tx, "settlement")
    pay(tx, "deny")
    order = Order.objects.get()
    assert (tx.status, tx.charged_amount) == ("deny", 0)
    assert order.charge_status == OrderChargeStatus.NONE
    assert order.total_charged_amount == 0


def test_get_status_is_trusted_not_the_notification(
    make_checkout, fake_midtrans, endpoint, process
):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    # a signed notification says settlement, but Midtrans' Get Status says pending
    body = fake_midtrans.notification(
        tx.psp_reference, transaction_status="settlement", status_code="200"
    )
    assert fake_midtrans.send_notification(endpoint, body).status_code == 200
    process()
    tx.refresh_from_db()
    assert (tx.status, tx.charged_amount) == ("pending", 0)
    assert Order.objects.count() == 0
    assert fake_midtrans.calls("GET", f"/v2/{tx.psp_reference}/status")


# --- refused notifications ---------------------------------------------------------------


def test_forged_or_tampered_notifications_are_refused(
    make_checkout, fake_midtrans, endpoint, enqueued, caplog
):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    fake_midtrans.set_status(tx.psp_reference, "settlement")
    before = snapshot(tx)
    good = fake_midtrans.notification(tx.psp_reference)
    caplog.set_level(logging.DEBUG)

    forged = {**good, "signature_key": "0" * 128}
    tampered = {
        **good,
        "transaction_status": "settlement",
        "status_code": "200",
        "gross_amount": "1.00",
    }
    assert fake_midtrans.send_notification(endpoint, forged).status_code == 403
    assert fake_midtrans.send_notification(endpoint, tampered).status_code == 403
    assert fake_midtrans.send_notification(endpoint, "not json").status_code == 400
    assert (
        fake_midtrans.send_notification(endpoint, {"order_id": tx.psp_reference}).status_code == 400
    )
    import requests

    assert requests.get(endpoint, timeout=5, proxies={"http": None}).status_code == 405

    assert snapshot(tx) == before
    assert enqueued == []
    assert "midtrans_notification_rejected" in caplog.text
    assert SERVER_KEY not in caplog.text
    assert good["signature_key"] not in caplog.text


def test_amount_mismatch_is_refused(make_checkout, fake_midtrans, endpoint, enqueued):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    fake_midtrans.set_status(tx.psp_reference, "settlement")
    before = snapshot(tx)
    body = fake_midtrans.notification(tx.psp_reference, gross_amount="3000.00")  # signed

    assert fake_midtrans.send_notification(endpoint, body).status_code == 400
    wrong_currency = fake_midtrans.notification(tx.psp_reference, currency="USD")
    assert fake_midtrans.send_notification(endpoint, wrong_currency).status_code == 400
    assert snapshot(tx) == before
    assert enqueued == []


def test_unknown_order_id_is_refused(make_checkout, fake_midtrans, endpoint, enqueued):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    fake_midtrans.set_status(tx.psp_reference, "settlement")
    before = snapshot(tx)
    body = fake_midtrans.notification(tx.psp_reference, order_id="LMB-unknown-1")

    assert fake_midtrans.send_notification(endpoint, body).status_code == 404
    assert snapshot(tx) == before
    assert enqueued == []


# --- checkout completion and the race ---------------------------------------------------


def run_concurrently(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = ("ok", call())
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "deadlock or hang"
    return results


@pytest.mark.parametrize("storefront_first", [True, False])
def test_storefront_completion_and_settlement_race_make_one_order(
    make_checkout, fake_midtrans, monkeypatch, storefront_first
):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    fake_midtrans.set_status(tx.psp_reference, "settlement")
    status = fake_midtrans.status_body(tx.psp_reference)
    original = complete.lock_stocks

    def slow_lock(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(complete, "lock_stocks", slow_lock)
    storefront = lambda: checkout_services.checkout_complete(  # noqa: E731
        checkout=Checkout(pk=checkout.pk), payment_mode="paid"
    )
    notification = lambda: transaction_status.payment_apply_status(  # noqa: E731
        transaction_id=tx.pk, status=status
    )
    calls = (storefront, notification) if storefront_first else (notification, storefront)

    results = run_concurrently(*calls)

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    order = Order.objects.get()
    tx.refresh_from_db()
    assert tx.order_id == order.pk
    assert order.charge_status == OrderChargeStatus.FULL
    assert order.total_charged_amount == 30_000
    assert tx.events.filter(type=E.CHARGE_SUCCESS).count() == 1


def test_settlement_for_an_order_placed_for_pickup_marks_it_paid(
    hub, make_checkout, fake_midtrans, pay
):
    hub.channel.allow_unpaid_orders = True
    hub.channel.save(update_fields=["allow_unpaid_orders"])
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="qris")
    order = checkout_services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")
    assert not order.is_paid

    pay(tx, "settlement")

    order.refresh_from_db()
    assert tx.order_id == order.pk
    assert order.charge_status == OrderChargeStatus.FULL
    assert order.total_charged_amount == 30_000
    assert order.expires_at is None
    assert order.paid_at is not None
    assert Order.objects.count() == 1


def test_late_settlement_with_stock_left_still_places_the_order(make_checkout, fake_midtrans, pay):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="bri_va")
    Reservation.objects.update(reserved_until=timezone.now() - datetime.timedelta(minutes=1))

    pay(tx, "settlement")

    assert Order.objects.get().is_paid
    assert tx.refunded_amount == 0


def test_late_settlement_without_stock_is_recorded_and_refunded(
    hub, point, make_checkout, fake_midtrans, pay, caplog
):
    # given: the buyer's reservation ran out and someone else bought the stock
    checkout = make_checkout(stock=2)
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="bri_va")
    Reservation.objects.update(reserved_until=timezone.now() - datetime.timedelta(minutes=1))
    variant = checkout.lines.get().variant
    other = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 2)], email="x@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=other, collection_point=point)
    checkout_services.checkout_complete(checkout=other, payment_mode="paid")
    caplog.set_level(logging.INFO)

    # when the late payment arrives
    pay(tx, "settlement")

    # then: recorded, logged, refunded in full automatically; no order for this buyer
    assert Order.objects.filter(checkout_token=checkout.pk).count() == 0
    assert (tx.status, tx.charged_amount, tx.refunded_amount) == ("refund", 0, 30_000)
    assert event_types(tx)[-4:] == [E.CHARGE_SUCCESS, E.INFO, E.REFUND_REQUEST, E.REFUND_SUCCESS]
    assert "payment_settled_without_order" in caplog.text
    assert fake_midtrans.calls("POST", f"/v2/{tx.psp_reference}/refund")[0]["amount"] == 30_000


# --- refunds -----------------------------------------------------------------------------


def test_partial_then_full_refund(make_checkout, fake_midtrans, pay, endpoint, process):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    pay(tx, "settlement")
    staff = UserFactory(is_staff=True)

    tx = transaction_actions.transaction_refund(
        transaction=tx, amount=10_000, actor=staff, reason="rusak"
    )

    order = Order.objects.get()
    assert (tx.charged_amount, tx.refunded_amount, tx.status) == (20_000, 10_000, "partial_refund")
    assert (order.total_charged_amount, order.charge_status) == (20_000, OrderChargeStatus.PARTIAL)
    assert tx.events.get(type=E.REFUND_REQUEST).amount == 10_000
    assert tx.events.get(type=E.REFUND_SUCCESS).amount == 10_000

    # Midtrans' own refund notification changes nothing more
    body = fake_midtrans.notification(tx.psp_reference)
    assert fake_midtrans.send_notification(endpoint, body).status_code == 200
    process()
    tx.refresh_from_db()
    assert (tx.charged_amount, tx.refunded_amount) == (20_000, 10_000)

    # more than is left is refused, nothing changes
    with override("en"), pytest.raises(ValidationError) as exc:
        transaction_actions.transaction_refund(transaction=tx, amount=25_000, actor=staff)
    assert exc.value.error_dict["amount"][0].code == "invalid"
    assert "20,000" in exc.value.error_dict["amount"][0].messages[0]
    tx.refresh_from_db()
    assert tx.refunded_amount == 10_000

    tx = transaction_actions.transaction_refund(transaction=tx, amount=None, actor=staff)

    order.refresh_from_db()
    assert (tx.charged_amount, tx.refunded_amount, tx.status) == (0, 30_000, "refund")
    assert (order.total_charged_amount, order.charge_status) == (0, OrderChargeStatus.NONE)
    assert tx.events.filter(type=E.REFUND_SUCCESS).count() == 2


def test_two_partial_refunds_made_in_the_midtrans_dashboard_both_count(
    make_checkout, fake_midtrans, endpoint, process, pay
):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    pay(tx, "settlement")

    def dashboard_refund(key: str, amount: int) -> None:
        status, _ = fake_midtrans.refund(tx.psp_reference, {"refund_key": key, "amount": amount})
        assert status == 200
        body = fake_midtrans.notification(tx.psp_reference)
        assert fake_midtrans.send_notification(endpoint, body).status_code == 200
        process()
        tx.refresh_from_db()

    # two refunds, both reported as partial_refund with status code 200
    dashboard_refund("dasbor-1", 5_000)
    dashboard_refund("dasbor-2", 7_000)

    order = Order.objects.get()
    assert (tx.charged_amount, tx.refunded_amount) == (18_000, 12_000)
    assert order.total_charged_amount == 18_000
    assert [e.amount for e in tx.events.filter(type=E.REFUND_SUCCESS)] == [5_000, 7_000]
    # and the second notification replayed changes nothing
    body = fake_midtrans.notification(tx.psp_reference)
    assert fake_midtrans.send_notification(endpoint, body).status_code == 200
    process()
    tx.refresh_from_db()
    assert tx.refunded_amount == 12_000


def test_refund_by_a_stranger_is_denied(make_checkout, fake_midtrans, pay):
    from django.core.exceptions import PermissionDenied

    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    pay(tx, "settlement")
    with pytest.raises(PermissionDenied):
        transaction_actions.transaction_refund(transaction=tx, amount=1_000, actor=UserFactory())
    tx.refresh_from_db()
    assert tx.refunded_amount == 0
    assert not tx.events.filter(type=E.REFUND_REQUEST).exists()


# --- reconciliation, secrets -------------------------------------------------------------


def test_reconciliation_expires_a_snap_page_never_used(make_checkout, fake_midtrans):
    checkout = make_checkout()
    tx = checkout_payments.transaction_initialize(checkout=checkout, method="snap")
    TransactionItem.objects.filter(pk=tx.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )

    assert reconciliation.payments_reconcile_pending() == 1

    tx.refresh_from_db()
    assert tx.status == "expire"
    assert not Reservation.objects.filter(checkout_line__checkout=checkout).exists()


def test_reconciliation_picks_up_a_missed_settlement(make_checkout, fake_midtrans):
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    fake_midtrans.set_status(tx.psp_reference, "settlement")
    TransactionItem.objects.filter(pk=tx.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )

    reconciliation.payments_reconcile_pending()

    assert Order.objects.get().is_paid


def test_server_key_is_never_logged_or_returned(
    make_checkout, fake_midtrans, pay, caplog, settings
):
    caplog.set_level(logging.DEBUG)
    tx = checkout_payments.transaction_initialize(checkout=make_checkout(), method="qris")
    pay(tx, "settlement")
    transaction_actions.transaction_refund(transaction=tx, amount=5_000, actor=None)
    # a wrong key: Midtrans answers 401; the error must not carry the key
    fake_midtrans.fail_next.append(
        (401, {"status_code": "401", "status_message": "Unknown Merchant server_key/id"})
    )
    with pytest.raises(ValidationError) as exc:
        transaction_actions.transaction_refund(transaction=tx, amount=5_000, actor=None)
    texts = [caplog.text, str(exc.value), json.dumps(tx.data)]
    texts += list(TransactionEvent.objects.values_list("message", flat=True))
    texts += [json.dumps(n.body) for n in PaymentNotification.objects.all()]
    assert all(SERVER_KEY not in text for text in texts)
