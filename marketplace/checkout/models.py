"""Checkouts (carts) shaped like Saleor's ``checkout`` app, and stock reservations.

A checkout belongs to one channel (one village hub) and may hold products of several
cooperatives. Its id is a random UUID (Saleor's ``token``): knowing it is what lets an
anonymous buyer use the checkout, so it is never sequential. Addresses are copies owned
by the checkout. Delivery is either a collection point (the hub's click-and-collect
warehouse) or a flat-rate shipping method of the channel, never both. A checkout may
hold one voucher code (``voucher_code``).

``Reservation`` holds stock for a checkout line for a while (Saleor's reservation in
``saleor/warehouse``; here because only checkouts reserve): units reserved by one
checkout are not available to others until ``reserved_until``. Write through
``checkout.services``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import Address
from marketplace.catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.core.models import ModelWithMetadata
from marketplace.shipping.models import ShippingMethod
from marketplace.warehouses.models import Stock, Warehouse


class Checkout(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_change = models.DateTimeField(_("last change"), auto_now=True, db_index=True)
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="checkouts", verbose_name=_("channel")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkouts",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    shipping_address = models.ForeignKey(
        Address,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shipping address"),
    )
    billing_address = models.ForeignKey(
        Address,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("billing address"),
    )
    collection_point = models.ForeignKey(
        Warehouse,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collection point"),
    )
    shipping_method = models.ForeignKey(
        ShippingMethod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkouts",
        verbose_name=_("shipping method"),
    )
    language_code = models.CharField(_("language"), max_length=8, default="id")
    note = models.TextField(_("note"), blank=True)
    # The promo code the buyer entered (``checkoutAddPromoCode``), as the voucher code is
    # spelled; its discount is worked out with the prices (``checkout_totals``).
    voucher_code = models.CharField(_("voucher code"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ("-last_change", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(collection_point__isnull=True) | Q(shipping_method__isnull=True),
                name="checkout_one_delivery_method",
                violation_error_code=CheckoutErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)


class CheckoutLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    checkout = models.ForeignKey(
        Checkout, on_delete=models.CASCADE, related_name="lines", verbose_name=_("checkout")
    )
    variant = models.ForeignKey(
        ProductVariant,
        on_delete=models.CASCADE,
        related_name="checkout_lines",
        verbose_name=_("variant"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("checkout line")
        verbose_name_plural = _("checkout lines")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["checkout", "variant"],
                name="checkout_line_checkout_variant_unique",
                violation_error_code=CheckoutErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="checkout_line_quantity_positive",
                violation_error_code=CheckoutErrorCode.ZERO_QUANTITY.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} × {self.quantity}"


class Reservation(models.Model):
    """Units of one stock row held for a checkout line until ``reserved_until``."""

    checkout_line = models.ForeignKey(
        CheckoutLine, on_delete=models.CASCADE, related_name="reservations"
    )
    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="reservations")
    quantity_reserved = models.PositiveIntegerField(_("quantity reserved"))
    reserved_until = models.DateTimeField(_("reserved until"))

    class Meta:
        verbose_name = _("stock reservation")
        verbose_name_plural = _("stock reservations")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_line", "stock"],
                name="reservation_line_stock_unique",
                violation_error_code=CheckoutErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(quantity_reserved__gte=1),
                name="reservation_quantity_positive",
                violation_error_code=CheckoutErrorCode.INVALID.value,
            ),
        ]
        indexes = [models.Index(fields=["stock", "reserved_until"], name="reservation_stock_until")]

    def __str__(self) -> str:
        return f"{self.checkout_line_id} ↔ {self.stock_id}: {self.quantity_reserved}"
