"""Midtrans HTTP notifications: ``POST /payments/midtrans/notification/``.

Checks, in order, and answers 4xx without changing anything when one fails: POST
(405), a JSON object (400), the signature (403, compared in constant time), a known
attempt for ``order_id`` (404), ``gross_amount`` equal to the attempt's amount and
currency IDR (400). A valid notification is stored once (a replay stores nothing new)
and answered 200 at once; ``payment_notification_process_task`` applies it after commit,
confirming the status with Midtrans' Get Status first. Logs never contain the server key,
the signature or the body.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from marketplace.payments.midtrans.signature import signature_is_valid
from marketplace.payments.models import PaymentNotification, TransactionItem
from marketplace.payments.statuses import parse_gross_amount
from marketplace.payments.tasks import payment_notification_process_task

logger = logging.getLogger(__name__)

REQUIRED = ("order_id", "status_code", "gross_amount", "signature_key", "transaction_status",
            "transaction_id")  # fmt: skip
MAX_BODY_BYTES = 64 * 1024


def _refuse(status: int, reason: str, order_id: object = None) -> JsonResponse:
    logger.warning(
        "midtrans_notification_rejected",
        extra={"reason": reason, "order_id": str(order_id)[:60] if order_id else None},
    )
    return JsonResponse({"status": "rejected", "reason": reason}, status=status)


def content_key(body: dict) -> str:
    """A digest of what, besides the status and its code, makes a notification news:
    the fraud verdict, the refunds and the chargeback amount. A replay of the same
    notification gives the same key; a later state under the same status does not."""
    given = body.get("refunds")
    refunds = given if isinstance(given, list) else []
    state = {
        "fraud_status": body.get("fraud_status"),
        "refund_amount": body.get("refund_amount"),
        "refunds": sorted(
            str(r.get("refund_chargeback_id") or r.get("refund_key") or r)
            for r in refunds
            if isinstance(r, dict)
        ),
        "chargeback_amount": body.get("chargeback_amount"),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


def _enqueue(notification_id: int) -> None:
    payment_notification_process_task.delay(notification_id)


@csrf_exempt
def midtrans_notification(request: HttpRequest) -> JsonResponse:
    """Receive one Midtrans payment notification."""
    if request.method != "POST":
        response = JsonResponse({"status": "rejected", "reason": "method"}, status=405)
        response["Allow"] = "POST"
        return response
    if len(request.body) > MAX_BODY_BYTES:
        return _refuse(400, "too_large")
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _refuse(400, "not_json")
    if not isinstance(body, dict) or not all(isinstance(body.get(key), str) for key in REQUIRED):
        return _refuse(400, "fields")
    order_id = body["order_id"]
    if not signature_is_valid(body, server_key=settings.MIDTRANS_SERVER_KEY):
        return _refuse(403, "signature", order_id)
    tx = TransactionItem.objects.filter(psp_reference=order_id).first()
    if tx is None:
        return _refuse(404, "unknown_order", order_id)
    if parse_gross_amount(body["gross_amount"]) != tx.amount:
        return _refuse(400, "amount", order_id)
    if body.get("currency", "IDR") != "IDR" or tx.currency != "IDR":
        return _refuse(400, "currency", order_id)
    fields = {
        "transaction_id": body["transaction_id"][:64],
        "transaction_status": body["transaction_status"][:32],
        "status_code": body["status_code"][:8],
        "content_key": content_key(body),
    }
    stored = {key: value for key, value in body.items() if key != "signature_key"}
    created = False
    try:
        with transaction.atomic():
            notification = PaymentNotification.objects.create(
                payment=tx, body=stored, order_id=order_id, **fields
            )
            created = True
    except IntegrityError:  # a replay: the same state of the same Midtrans transaction
        notification = PaymentNotification.objects.get(**fields)
    if notification.processed_at is None:
        notification_id = notification.pk
        transaction.on_commit(lambda: _enqueue(notification_id))
    logger.info(
        "midtrans_notification_received",
        extra={
            "notification_id": notification.pk,
            "psp_reference": order_id,
            "status": fields["transaction_status"],
            "replay": not created,
        },
    )
    return JsonResponse({"status": "ok"})
