"""Orders shaped like Saleor's ``order`` app, for village hubs.

An order is placed in one hub's channel and may hold lines of several cooperatives; each
line keeps a snapshot of what was sold (names, SKU, price in whole rupiah) and, for
per-cooperative fulfilment and reporting, the cooperative, producer and category.
``Allocation`` rows hold stock for lines (``Stock.quantity_allocated`` is kept equal to
the sum of allocations by ``orders.placement`` and ``orders.services``). A
``Fulfillment`` is one cooperative handing over some of its lines. ``OrderEvent`` is the
order's history.

Pay at pickup: villagers pay cash at the hub; such orders carry a short ``pickup_code``
the operator looks up, and expire (``expires_at``) if nobody pays in time.

Vouchers: an order keeps the voucher, the code and the discount it was placed with
(Saleor's ``voucher``, ``voucher_code`` and order discount). The discount is split onto
the lines in whole rupiah (``OrderLine.discount_amount``), so each line's
``total_price_amount`` is what its cooperative really sold it for, and the lines add up
to the order's subtotal exactly; a shipping voucher lowers the shipping price instead.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # lazy text (gettext_lazy) as the Django stubs name it; a name only the stubs have
    from django.utils.functional import _StrPromise as StrPromise

from marketplace.accounts.models import Address
from marketplace.catalog.models import Category, ProductVariant
from marketplace.channels.models import Channel
from marketplace.core.models import ModelWithMetadata
from marketplace.discounts.models import Voucher
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.shipping.models import ShippingMethod
from marketplace.village_hubs.models import Cooperative, Producer
from marketplace.warehouses.models import Stock, Warehouse

AMOUNT_MAX_DIGITS = 12
# Unambiguous when read aloud or handwritten: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, G/6.
PICKUP_CODE_ALPHABET = "ACEFHJKMNPRTUVWXY3479"
PICKUP_CODE_LENGTH = 6
PICKUP_CODE_RE = rf"^[{PICKUP_CODE_ALPHABET}]{{{PICKUP_CODE_LENGTH}}}$"


def _amount(verbose_name: str | StrPromise) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=AMOUNT_MAX_DIGITS, decimal_places=0, default=0
    )


class OrderStatus(models.TextChoices):
    """Saleor's ``OrderStatus``; values as in Saleor's database."""

    DRAFT = "draft", _("Draft")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    UNFULFILLED = "unfulfilled", _("Unfulfilled")
    PARTIALLY_FULFILLED = "partially fulfilled", _("Partially fulfilled")
    PARTIALLY_RETURNED = "partially_returned", _("Partially returned")
    RETURNED = "returned", _("Returned")
    FULFILLED = "fulfilled", _("Fulfilled")
    CANCELED = "canceled", _("Canceled")
    EXPIRED = "expired", _("Expired")


# Orders still waiting to be handed over: their pickup codes must be unique per hub.
OPEN_STATUSES = (
    OrderStatus.UNCONFIRMED,
    OrderStatus.UNFULFILLED,
    OrderStatus.PARTIALLY_FULFILLED,
)


class OrderChargeStatus(models.TextChoices):
    """Saleor's ``OrderChargeStatusEnum``."""

    NONE = "none", _("Not charged")
    PARTIAL = "partial", _("Partially charged")
    FULL = "full", _("Fully charged")
    OVERCHARGED = "overcharged", _("Overcharged")


class OrderAuthorizeStatus(models.TextChoices):
    """Saleor's ``OrderAuthorizeStatusEnum``."""

    NONE = "none", _("Not authorized")
    PARTIAL = "partial", _("Partially authorized")
    FULL = "full", _("Fully authorized")


class PaymentMethod(models.TextChoices):
    PAY_AT_PICKUP = "pay_at_pickup", _("Cash at the village hub")
    ONLINE = "online", _("Online payment")


class Order(ModelWithMetadata):
    Status = OrderStatus

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(_("number"), unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="orders", verbose_name=_("channel")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("user"),
    )
    user_email = models.EmailField(_("e-mail address"), blank=True)
    checkout_token = models.UUIDField(_("checkout"), null=True, blank=True, unique=True)
    language_code = models.CharField(_("language"), max_length=8, default="id")
    customer_note = models.TextField(_("customer note"), blank=True)

    billing_address = models.ForeignKey(
        Address, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shipping_address = models.ForeignKey(
        Address, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    collection_point = models.ForeignKey(
        Warehouse,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collection point"),
    )
    collection_point_name = models.CharField(_("collection point"), max_length=255, blank=True)
    shipping_method = models.ForeignKey(
        ShippingMethod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("shipping method"),
    )
    shipping_method_name = models.CharField(_("shipping method"), max_length=255, blank=True)

    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    subtotal_amount = _amount(_("subtotal"))
    shipping_price_amount = _amount(_("shipping price"))
    undiscounted_shipping_price_amount = _amount(_("shipping price before discount"))
    tax_amount = _amount(_("tax included"))
    total_amount = _amount(_("total"))
    total_charged_amount = _amount(_("total charged"))
    charge_status = models.CharField(
        _("charge status"),
        max_length=32,
        choices=OrderChargeStatus.choices,
        default=OrderChargeStatus.NONE,
    )
    authorize_status = models.CharField(
        _("authorize status"),
        max_length=32,
        choices=OrderAuthorizeStatus.choices,
        default=OrderAuthorizeStatus.NONE,
    )
    payment_method = models.CharField(_("payment method"), max_length=32)
    pickup_code = models.CharField(_("pickup code"), max_length=PICKUP_CODE_LENGTH, blank=True)

    voucher = models.ForeignKey(
        Voucher,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("voucher"),
    )
    voucher_code = models.CharField(_("voucher code"), max_length=255, blank=True)
    discount_amount = _amount(_("discount"))
    discount_name = models.CharField(_("discount name"), max_length=255, blank=True)
    translated_discount_name = models.CharField(
        _("translated discount name"), max_length=255, blank=True
    )
    discount_value_type = models.CharField(_("discount value type"), max_length=10, blank=True)
    discount_value = models.DecimalField(
        _("discount value"), max_digits=AMOUNT_MAX_DIGITS, decimal_places=2, default=0
    )

    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    canceled_at = models.DateTimeField(_("canceled"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ("-number",)
        indexes = [
            models.Index(
                fields=["expires_at"],
                condition=Q(charge_status="none", expires_at__isnull=False),
                name="order_unpaid_expiry_idx",
            ),
            models.Index(fields=["paid_at"], name="order_paid_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values),
                name="order_status_valid",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(charge_status__in=OrderChargeStatus.values),
                name="order_charge_status_valid",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(authorize_status__in=OrderAuthorizeStatus.values),
                name="order_authorize_status_valid",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(total_amount=F("subtotal_amount") + F("shipping_price_amount")),
                name="order_total_is_subtotal_plus_shipping",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(
                    subtotal_amount__gte=0,
                    shipping_price_amount__gte=0,
                    tax_amount__gte=0,
                    total_charged_amount__gte=0,
                ),
                name="order_amounts_non_negative",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(
                    discount_amount__gte=0,
                    undiscounted_shipping_price_amount__gte=F("shipping_price_amount"),
                ),
                name="order_discount_within_amounts",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(collection_point__isnull=True) | Q(shipping_method__isnull=True),
                name="order_one_delivery_method",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(pickup_code="") | Q(pickup_code__regex=PICKUP_CODE_RE),
                name="order_pickup_code_format",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.UniqueConstraint(
                fields=["channel", "pickup_code"],
                condition=~Q(pickup_code="") & Q(status__in=OPEN_STATUSES),
                name="order_pickup_code_unique_open_per_channel",
                violation_error_code=OrderErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(paid_at__isnull=True) | ~Q(charge_status="none"),
                name="order_paid_at_needs_charge",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def is_paid(self) -> bool:
        return self.charge_status in (OrderChargeStatus.FULL, OrderChargeStatus.OVERCHARGED)


class OrderLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        ProductVariant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    product_name = models.CharField(_("product"), max_length=386)
    variant_name = models.CharField(_("variant"), max_length=255, blank=True)
    product_sku = models.CharField(_("SKU"), max_length=255, blank=True)
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="order_lines",
        verbose_name=_("cooperative"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("producer"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("category"),
    )
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    quantity_fulfilled = models.PositiveIntegerField(_("quantity fulfilled"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    # Before the voucher: the channel's price, and that × quantity.
    undiscounted_unit_price_amount = _amount(_("unit price before discount"))
    undiscounted_total_price_amount = _amount(_("total price before discount"))
    # The line's share of the order's voucher discount (whole rupiah).
    discount_amount = _amount(_("discount"))
    # What the buyer pays for the line (undiscounted total − discount), and per unit
    # (rounded to whole rupiah; the total is exact).
    unit_price_amount = _amount(_("unit price"))
    total_price_amount = _amount(_("total price"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="order_line_quantity_positive",
                violation_error_code=OrderErrorCode.ZERO_QUANTITY.value,
            ),
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__gte=0, quantity_fulfilled__lte=F("quantity")),
                name="order_line_fulfilled_within_quantity",
                violation_error_code=OrderErrorCode.FULFILL_ORDER_LINE.value,
            ),
            models.CheckConstraint(
                condition=Q(
                    undiscounted_total_price_amount=F("undiscounted_unit_price_amount")
                    * F("quantity")
                ),
                name="order_line_undiscounted_total_is_unit_times_quantity",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(
                    total_price_amount=F("undiscounted_total_price_amount") - F("discount_amount"),
                    discount_amount__gte=0,
                    total_price_amount__gte=0,
                ),
                name="order_line_total_is_undiscounted_less_discount",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_name} × {self.quantity}"

    @property
    def quantity_unfulfilled(self) -> int:
        return self.quantity - self.quantity_fulfilled


class Allocation(models.Model):
    """Units of a stock row held for an order line until fulfilled or released."""

    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="allocations")
    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="allocations")
    quantity_allocated = models.PositiveIntegerField(_("quantity allocated"), default=0)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "stock"],
                name="allocation_line_stock_unique",
                violation_error_code=OrderErrorCode.UNIQUE.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_line_id} ↔ {self.stock_id}: {self.quantity_allocated}"


class FulfillmentStatus(models.TextChoices):
    """Saleor's ``FulfillmentStatus``."""

    FULFILLED = "fulfilled", _("Fulfilled")
    REFUNDED = "refunded", _("Refunded")
    RETURNED = "returned", _("Returned")
    REPLACED = "replaced", _("Replaced")
    REFUNDED_AND_RETURNED = "refunded_and_returned", _("Refunded and returned")
    CANCELED = "canceled", _("Canceled")
    WAITING_FOR_APPROVAL = "waiting_for_approval", _("Waiting for approval")


class Fulfillment(models.Model):
    """One cooperative handing over some of its lines of an order."""

    Status = FulfillmentStatus

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfillments")
    fulfillment_order = models.PositiveIntegerField(_("number within the order"))
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="fulfillments"
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=FulfillmentStatus.choices,
        default=FulfillmentStatus.FULFILLED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("fulfillment")
        verbose_name_plural = _("fulfillments")
        ordering = ("order", "fulfillment_order")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "fulfillment_order"],
                name="fulfillment_order_number_unique",
                violation_error_code=OrderErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(status__in=FulfillmentStatus.values),
                name="fulfillment_status_valid",
                violation_error_code=OrderErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}-{self.fulfillment_order}"


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.CASCADE, related_name="fulfillment_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    stock = models.ForeignKey(
        Stock, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fulfillment line")
        verbose_name_plural = _("fulfillment lines")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="fulfillment_line_quantity_positive",
                violation_error_code=OrderErrorCode.ZERO_QUANTITY.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_line_id} × {self.quantity}"


class OrderEventType(models.TextChoices):
    """The subset of Saleor's ``OrderEvents`` we record (same values; the labels are
    the names, as Django makes them)."""

    PLACED = "placed"
    PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT = "placed_automatically_from_paid_checkout"
    CONFIRMED = "confirmed"
    CANCELED = "canceled"
    EXPIRED = "expired"
    ORDER_MARKED_AS_PAID = "order_marked_as_paid"
    ORDER_FULLY_PAID = "order_fully_paid"
    PAYMENT_REFUNDED = "payment_refunded"
    FULFILLMENT_FULFILLED_ITEMS = "fulfillment_fulfilled_items"
    FULFILLMENT_AWAITS_APPROVAL = "fulfillment_awaits_approval"
    FULFILLMENT_CANCELED = "fulfillment_canceled"
    EMAIL_SENT = "email_sent"
    NOTE_ADDED = "note_added"
    OTHER = "other"


class OrderEvent(models.Model):
    """One entry of an order's history (Saleor's ``OrderEvent``)."""

    Type = OrderEventType

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    date = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    type = models.CharField(_("type"), max_length=255, choices=OrderEventType.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    parameters = models.JSONField(_("parameters"), blank=True, default=dict)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ("date", "pk")

    def __str__(self) -> str:
        return f"{self.order_id}: {self.type}"
