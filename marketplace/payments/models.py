"""Online payments shaped like Saleor's transaction API (``TransactionItem`` and
``TransactionEvent``), and the Midtrans notifications received.

One ``TransactionItem`` is one charge attempt at the gateway: its ``psp_reference`` is
the Midtrans ``order_id`` of the attempt (``<short checkout id>-<attempt no>``), unique
at Midtrans and here. A checkout may have several attempts (the buyer switches from QRIS
to a bank VA); the one that settles turns the checkout into an order. Amounts are whole
rupiah; as in Saleor ``charged_amount`` is what is held now (a refund moves money from
charged to refunded). ``TransactionEvent`` is the attempt's history; its ``dedupe_key``
makes applying the same Midtrans status twice record one event. ``PaymentNotification``
stores each Midtrans HTTP notification once. ``OrderGrantedRefund`` is Saleor's granted
refund: staff grant an amount (and lines) of an order back, to be paid back through one
of its transactions. Write through the modules of ``payments.services``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order, OrderLine
from marketplace.payments.error_codes import PaymentErrorCode

GATEWAY_MIDTRANS = "midtrans"
PSP_REFERENCE_MAX_LENGTH = 50
PSP_REFERENCE_RE = r"^[A-Za-z0-9_~.\-]{1,50}$"


class PaymentMethodType(models.TextChoices):
    """What the buyer chose: Snap (Midtrans' own page with every method) or one Core API
    method shown by our storefront."""

    SNAP = "snap", _("Midtrans payment page")
    QRIS = "qris", _("QRIS")
    BCA_VA = "bca_va", _("BCA virtual account")
    BNI_VA = "bni_va", _("BNI virtual account")
    BRI_VA = "bri_va", _("BRI virtual account")
    PERMATA_VA = "permata_va", _("Permata virtual account")
    ECHANNEL = "echannel", _("Mandiri bill payment")
    GOPAY = "gopay", _("GoPay")
    SHOPEEPAY = "shopeepay", _("ShopeePay")
    INDOMARET = "indomaret", _("Indomaret")
    ALFAMART = "alfamart", _("Alfamart")


class TransactionEventType(models.TextChoices):
    """Saleor's ``TransactionEventTypeEnum`` (names as on the wire, values as Saleor's DB)."""

    AUTHORIZATION_SUCCESS = "authorization_success", _("Authorization success")
    AUTHORIZATION_FAILURE = "authorization_failure", _("Authorization failure")
    AUTHORIZATION_ADJUSTMENT = "authorization_adjustment", _("Authorization adjustment")
    AUTHORIZATION_REQUEST = "authorization_request", _("Authorization request")
    AUTHORIZATION_ACTION_REQUIRED = (
        "authorization_action_required",
        _("Authorization action required"),
    )
    CHARGE_ACTION_REQUIRED = "charge_action_required", _("Charge action required")
    CHARGE_SUCCESS = "charge_success", _("Charge success")
    CHARGE_FAILURE = "charge_failure", _("Charge failure")
    CHARGE_BACK = "charge_back", _("Chargeback")
    CHARGE_REQUEST = "charge_request", _("Charge request")
    REFUND_SUCCESS = "refund_success", _("Refund success")
    REFUND_FAILURE = "refund_failure", _("Refund failure")
    REFUND_REVERSE = "refund_reverse", _("Refund reversed")
    REFUND_REQUEST = "refund_request", _("Refund request")
    CANCEL_SUCCESS = "cancel_success", _("Cancel success")
    CANCEL_FAILURE = "cancel_failure", _("Cancel failure")
    CANCEL_REQUEST = "cancel_request", _("Cancel request")
    INFO = "info", _("Info")


class TransactionItem(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    checkout = models.ForeignKey(
        Checkout,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payment_transactions",
        verbose_name=_("checkout"),
    )
    # Kept when the checkout is deleted (it became an order): finds that order.
    checkout_token = models.UUIDField(_("checkout"), null=True, blank=True, db_index=True)
    order = models.ForeignKey(
        Order,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_transactions",
        verbose_name=_("order"),
    )
    gateway = models.CharField(_("gateway"), max_length=32, default=GATEWAY_MIDTRANS)
    psp_reference = models.CharField(
        _("PSP reference"), max_length=PSP_REFERENCE_MAX_LENGTH, unique=True
    )
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    method = models.CharField(_("payment method"), max_length=32, choices=PaymentMethodType)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    amount = models.BigIntegerField(_("amount"))  # asked of the buyer (gross_amount)
    authorized_amount = models.BigIntegerField(_("authorized"), default=0)
    charged_amount = models.BigIntegerField(_("charged"), default=0)
    refunded_amount = models.BigIntegerField(_("refunded"), default=0)
    canceled_amount = models.BigIntegerField(_("canceled"), default=0)
    status = models.CharField(_("Midtrans status"), max_length=32, blank=True)
    fraud_status = models.CharField(_("fraud status"), max_length=16, blank=True)
    midtrans_transaction_id = models.CharField(
        _("Midtrans transaction id"), max_length=64, blank=True
    )
    message = models.CharField(_("message"), max_length=512, blank=True)
    data = models.JSONField(_("data for the buyer"), default=dict, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    # Saleor's ``transactionInitialize(idempotencyKey:)``: a retry with the same key
    # returns this attempt instead of starting another.
    idempotency_key = models.CharField(_("idempotency key"), max_length=512, blank=True)

    class Meta:
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        ordering = ("created_at", "pk")
        indexes = [
            models.Index(
                fields=["expires_at"],
                condition=Q(status__in=("", "pending")),
                name="payment_tx_pending_expiry_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(psp_reference__regex=PSP_REFERENCE_RE),
                name="payment_tx_psp_reference_format",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(
                    amount__gt=0,
                    authorized_amount__gte=0,
                    charged_amount__gte=0,
                    refunded_amount__gte=0,
                    canceled_amount__gte=0,
                ),
                name="payment_tx_amounts_non_negative",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(charged_amount__lte=F("amount")) & Q(refunded_amount__lte=F("amount")),
                name="payment_tx_amounts_within_amount",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(currency="IDR"),
                name="payment_tx_currency_idr",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
            models.UniqueConstraint(
                fields=["checkout_token", "attempt"],
                name="payment_tx_checkout_attempt_unique",
                violation_error_code=PaymentErrorCode.UNIQUE.value,
            ),
            models.UniqueConstraint(
                fields=["checkout_token", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="payment_tx_idempotency_key_unique",
                violation_error_code=PaymentErrorCode.UNIQUE.value,
            ),
        ]

    def __str__(self) -> str:
        return self.psp_reference

    @property
    def refundable_amount(self) -> int:
        return self.charged_amount


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(
        TransactionItem, on_delete=models.CASCADE, related_name="events"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    type = models.CharField(_("type"), max_length=64, choices=TransactionEventType)
    amount = models.BigIntegerField(_("amount"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    psp_reference = models.CharField(_("PSP reference"), max_length=128, blank=True)
    message = models.CharField(_("message"), max_length=512, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What makes this event unique: the Midtrans status applied, or the refund key.
    dedupe_key = models.CharField(_("deduplication key"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("payment transaction event")
        verbose_name_plural = _("payment transaction events")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.transaction_id}: {self.type} {self.amount}"


class PaymentNotification(models.Model):
    """One Midtrans HTTP notification, stored once (a replay stores nothing new).
    ``payment`` is our attempt; ``transaction_id`` is Midtrans' id of the transaction."""

    payment = models.ForeignKey(
        TransactionItem, on_delete=models.CASCADE, related_name="notifications"
    )
    body = models.JSONField(_("body"))
    order_id = models.CharField(_("Midtrans order id"), max_length=PSP_REFERENCE_MAX_LENGTH)
    transaction_id = models.CharField(_("Midtrans transaction id"), max_length=64)
    transaction_status = models.CharField(_("Midtrans status"), max_length=32)
    status_code = models.CharField(_("status code"), max_length=8)
    # What else tells one state of the same status from another (a challenged card
    # capture later accepted, a second partial refund): a digest, see webhooks.py.
    content_key = models.CharField(_("content key"), max_length=64, default="")
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")
        ordering = ("received_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["transaction_id", "transaction_status", "status_code", "content_key"],
                name="payment_notification_unique_state",
                violation_error_code=PaymentErrorCode.UNIQUE.value,
            )
        ]
        indexes = [
            models.Index(
                fields=["received_at"],
                condition=Q(processed_at__isnull=True),
                name="payment_notification_todo_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.transaction_status}"


class OrderGrantedRefundStatus(models.TextChoices):
    """Saleor's ``OrderGrantedRefundStatusEnum``."""

    NONE = "none", _("Not refunded yet")
    PENDING = "pending", _("Refund in progress")
    SUCCESS = "success", _("Refunded")
    FAILURE = "failure", _("Refund failed")


class OrderGrantedRefund(models.Model):
    """An amount of an order granted back to the buyer (Saleor's ``OrderGrantedRefund``),
    paid back through ``transaction``. Whole rupiah. While granted and not yet refunded
    the order counts as overcharged (Saleor: charge status is measured against the
    total minus granted refunds)."""

    Status = OrderGrantedRefundStatus

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="granted_refunds", verbose_name=_("order")
    )
    transaction = models.ForeignKey(
        TransactionItem,
        on_delete=models.PROTECT,
        related_name="granted_refunds",
        verbose_name=_("payment transaction"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    amount = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    reason = models.TextField(_("reason"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    shipping_costs_included = models.BooleanField(_("shipping costs included"), default=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OrderGrantedRefundStatus.choices,
        default=OrderGrantedRefundStatus.NONE,
    )

    class Meta:
        verbose_name = _("granted refund")
        verbose_name_plural = _("granted refunds")
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="granted_refund_amount_positive",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(status__in=OrderGrantedRefundStatus.values),
                name="granted_refund_status_valid",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.amount}"

    @property
    def refund_key(self) -> str:
        """Midtrans ``refund_key`` of this grant's refund: fixed, so retries are
        idempotent at Midtrans; also the ``pspReference`` of its refund events."""
        return f"{self.transaction.psp_reference}-g{self.pk}"


class OrderGrantedRefundLine(models.Model):
    """Units of an order line included in a granted refund."""

    granted_refund = models.ForeignKey(
        OrderGrantedRefund, on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(
        OrderLine,
        on_delete=models.PROTECT,
        related_name="granted_refund_lines",
        verbose_name=_("order line"),
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("granted refund line")
        verbose_name_plural = _("granted refund lines")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="granted_refund_line_quantity_positive",
                violation_error_code=PaymentErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_line_id} × {self.quantity}"
