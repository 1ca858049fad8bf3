"""Vouchers shaped like Saleor's ``discount`` app, for a marketplace of village hubs.

A ``Voucher`` gives a discount when a buyer enters one of its ``VoucherCode`` codes
(unique, case-insensitive) at checkout. Its type says what it discounts: the whole
order (``entire_order``), some products (``specific_product``: the products, variants,
categories and collections it lists) or the delivery fee (``shipping``). Its value
(fixed rupiah or a percentage) and the minimum spent are set per channel
(``VoucherChannelListing``), so a voucher works only in the hubs' channels it is listed
in.

The marketplace twist is who owns (and funds) a voucher: a village hub (``village_hub``;
it may be listed only in that hub's channel), a cooperative (``cooperative``; it
discounts only that cooperative's products, in the hubs the cooperative supplies), or
the platform (neither). ``VoucherCustomer`` remembers who used a code, for vouchers
given once per customer. Write through ``discounts.services``.
"""

from __future__ import annotations

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, Product, ProductVariant
from marketplace.channels.models import Channel
from marketplace.content.models import Collection
from marketplace.discounts.error_codes import DiscountErrorCode
from marketplace.village_hubs.models import Cooperative, VillageHub

AMOUNT_MAX_DIGITS = 12
CODE_MAX_LENGTH = 255


class VoucherType(models.TextChoices):
    """Saleor's ``VoucherTypeEnum``; values as in Saleor's database."""

    SHIPPING = "shipping", _("Delivery fee")
    ENTIRE_ORDER = "entire_order", _("Entire order")
    SPECIFIC_PRODUCT = "specific_product", _("Specific products")


class DiscountValueType(models.TextChoices):
    """Saleor's ``DiscountValueTypeEnum``."""

    FIXED = "fixed", _("Fixed amount")
    PERCENTAGE = "percentage", _("Percentage")


class Voucher(models.Model):
    Type = VoucherType
    ValueType = DiscountValueType

    name = models.CharField(_("name"), max_length=255, blank=True)
    type = models.CharField(
        _("type"), max_length=20, choices=VoucherType.choices, default=VoucherType.ENTIRE_ORDER
    )
    discount_value_type = models.CharField(
        _("discount value type"),
        max_length=10,
        choices=DiscountValueType.choices,
        default=DiscountValueType.FIXED,
    )
    usage_limit = models.PositiveIntegerField(_("usage limit"), null=True, blank=True)
    start_date = models.DateTimeField(_("start date"), default=timezone.now)
    end_date = models.DateTimeField(_("end date"), null=True, blank=True)
    apply_once_per_order = models.BooleanField(_("apply once per order"), default=False)
    apply_once_per_customer = models.BooleanField(_("apply once per customer"), default=False)
    single_use = models.BooleanField(_("single use codes"), default=False)
    min_checkout_items_quantity = models.PositiveIntegerField(
        _("minimum quantity of items"), null=True, blank=True
    )
    countries = ArrayField(
        models.CharField(max_length=2), verbose_name=_("countries"), default=list, blank=True
    )
    village_hub = models.ForeignKey(
        VillageHub,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="vouchers",
        verbose_name=_("village hub"),
    )
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="vouchers",
        verbose_name=_("cooperative"),
    )
    products = models.ManyToManyField(
        Product, blank=True, related_name="vouchers", verbose_name=_("products")
    )
    variants = models.ManyToManyField(
        ProductVariant, blank=True, related_name="vouchers", verbose_name=_("variants")
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="vouchers", verbose_name=_("categories")
    )
    collections = models.ManyToManyField(
        Collection, blank=True, related_name="vouchers", verbose_name=_("collections")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=VoucherType.values),
                name="voucher_type_valid",
                violation_error_code=DiscountErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(discount_value_type__in=DiscountValueType.values),
                name="voucher_discount_value_type_valid",
                violation_error_code=DiscountErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(village_hub__isnull=True) | Q(cooperative__isnull=True),
                name="voucher_one_owner",
                violation_error_code=DiscountErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(cooperative__isnull=True) | ~Q(type=VoucherType.SHIPPING),
                name="voucher_cooperative_not_shipping",
                violation_error_code=DiscountErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="voucher_end_after_start",
                violation_error_code=DiscountErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.pk)


class VoucherCode(models.Model):
    """A code buyers type; ``used`` counts the orders placed with it (not released)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("code"), max_length=CODE_MAX_LENGTH)
    used = models.PositiveIntegerField(_("times used"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    voucher = models.ForeignKey(
        Voucher, on_delete=models.CASCADE, related_name="codes", verbose_name=_("voucher")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("voucher code")
        verbose_name_plural = _("voucher codes")
        ordering = ("-created_at", "code")
        constraints = [
            models.UniqueConstraint(
                Upper("code"),
                name="voucher_code_unique_ignoring_case",
                violation_error_code=DiscountErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=~Q(code=""),
                name="voucher_code_not_blank",
                violation_error_code=DiscountErrorCode.REQUIRED.value,
            ),
        ]

    def __str__(self) -> str:
        return self.code


class VoucherChannelListing(models.Model):
    """The voucher's value and minimum spent in one channel (whole rupiah for amounts;
    a percentage may have two decimals)."""

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="voucher_listings")
    discount_value = models.DecimalField(
        _("discount value"), max_digits=AMOUNT_MAX_DIGITS, decimal_places=2
    )
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    min_spent_amount = models.DecimalField(
        _("minimum spent"), max_digits=AMOUNT_MAX_DIGITS, decimal_places=0, null=True, blank=True
    )

    class Meta:
        verbose_name = _("voucher channel listing")
        verbose_name_plural = _("voucher channel listings")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "channel"],
                name="voucher_channel_listing_unique",
                violation_error_code=DiscountErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(discount_value__gt=0)
                & (Q(min_spent_amount__isnull=True) | Q(min_spent_amount__gte=0)),
                name="voucher_channel_listing_amounts_positive",
                violation_error_code=DiscountErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_id} @ {self.channel_id}: {self.discount_value}"


class VoucherCustomer(models.Model):
    """A buyer (by e-mail) who placed an order with a code of a once-per-customer voucher."""

    voucher_code = models.ForeignKey(
        VoucherCode, on_delete=models.CASCADE, related_name="customers"
    )
    customer_email = models.EmailField(_("e-mail address"))

    class Meta:
        verbose_name = _("voucher customer")
        verbose_name_plural = _("voucher customers")
        ordering = ("voucher_code", "customer_email", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["voucher_code", "customer_email"],
                name="voucher_customer_unique",
                violation_error_code=DiscountErrorCode.UNIQUE.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_code_id}: {self.customer_email}"


class VoucherTranslation(models.Model):
    """The voucher's name in another language (``language_code`` lower case, as Saleor)."""

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(_("language code"), max_length=35)
    name = models.CharField(_("name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("voucher translation")
        verbose_name_plural = _("voucher translations")
        ordering = ("language_code", "voucher", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "language_code"], name="voucher_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_id} [{self.language_code}]"
