"""Sales channels, shaped like Saleor's ``Channel`` (currency, country, stock, order,
checkout and payment settings).

Every village hub sells through its own channel (``village_hubs.VillageHub.channel``).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Saleor accepts 1–120 days for deleteExpiredOrdersAfter and defaults to 60.
DELETE_EXPIRED_ORDERS_AFTER_MIN_DAYS = 1
DELETE_EXPIRED_ORDERS_AFTER_MAX_DAYS = 120
DELETE_EXPIRED_ORDERS_AFTER_DEFAULT_DAYS = 60

CURRENCY_CODE_RE = r"^[A-Z]{3}$"
COUNTRY_CODE_RE = r"^[A-Z]{2}$"

validate_currency_code = RegexValidator(
    CURRENCY_CODE_RE, _("Enter a three-letter ISO 4217 currency code, e.g. IDR."), "invalid"
)
validate_country_code = RegexValidator(
    COUNTRY_CODE_RE, _("Enter a two-letter ISO 3166-1 country code, e.g. ID."), "invalid"
)


class AllocationStrategy(models.TextChoices):
    """Saleor's ``AllocationStrategyEnum``; values as in Saleor's database."""

    PRIORITIZE_SORTING_ORDER = (
        "prioritize-sorting-order",
        _("Prioritize warehouses by sorting order"),
    )
    PRIORITIZE_HIGH_STOCK = "prioritize-high-stock", _("Prioritize warehouses with high stock")


class MarkAsPaidStrategy(models.TextChoices):
    """Saleor's ``MarkAsPaidStrategyEnum`` (``PAYMENT_FLOW`` is deprecated there)."""

    TRANSACTION_FLOW = "transaction_flow", _("Transaction flow")
    PAYMENT_FLOW = "payment_flow", _("Payment flow")


class TransactionFlowStrategy(models.TextChoices):
    """Saleor's ``TransactionFlowStrategyEnum``."""

    AUTHORIZATION = "authorization", _("Authorization")
    CHARGE = "charge", _("Charge")


class Channel(models.Model):
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    is_active = models.BooleanField(_("active"), default=False)
    currency_code = models.CharField(
        _("currency"), max_length=3, default="IDR", validators=[validate_currency_code]
    )
    default_country = models.CharField(
        _("default country"), max_length=2, default="ID", validators=[validate_country_code]
    )

    # StockSettings
    allocation_strategy = models.CharField(
        _("allocation strategy"),
        max_length=32,
        choices=AllocationStrategy.choices,
        default=AllocationStrategy.PRIORITIZE_SORTING_ORDER,
    )

    # OrderSettings
    automatically_confirm_all_new_orders = models.BooleanField(
        _("automatically confirm all new orders"), default=True
    )
    automatically_fulfill_non_shippable_gift_card = models.BooleanField(
        _("automatically fulfill non-shippable gift cards"), default=True
    )
    allow_unpaid_orders = models.BooleanField(
        _("allow unpaid orders"),
        default=False,
        help_text=_("Orders can be placed without payment, e.g. paid in cash at pickup."),
    )
    expire_orders_after = models.PositiveIntegerField(
        _("expire unpaid orders after (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: unpaid orders never expire."),
    )
    delete_expired_orders_after = models.PositiveSmallIntegerField(
        _("delete expired orders after (days)"),
        default=DELETE_EXPIRED_ORDERS_AFTER_DEFAULT_DAYS,
        validators=[
            MinValueValidator(DELETE_EXPIRED_ORDERS_AFTER_MIN_DAYS),
            MaxValueValidator(DELETE_EXPIRED_ORDERS_AFTER_MAX_DAYS),
        ],
    )
    mark_as_paid_strategy = models.CharField(
        _("mark-as-paid strategy"),
        max_length=32,
        choices=MarkAsPaidStrategy.choices,
        default=MarkAsPaidStrategy.TRANSACTION_FLOW,
    )

    # CheckoutSettings
    use_legacy_error_flow = models.BooleanField(_("use legacy checkout error flow"), default=True)
    automatically_complete_fully_paid_checkouts = models.BooleanField(
        _("automatically complete fully paid checkouts"), default=False
    )
    automatic_completion_delay = models.PositiveIntegerField(
        _("automatic completion delay (minutes)"), null=True, blank=True
    )
    allow_legacy_gift_card_use = models.BooleanField(_("allow legacy gift card use"), default=True)

    # PaymentSettings
    default_transaction_flow_strategy = models.CharField(
        _("default transaction flow strategy"),
        max_length=32,
        choices=TransactionFlowStrategy.choices,
        default=TransactionFlowStrategy.CHARGE,
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ("slug",)
        constraints = [
            models.CheckConstraint(
                condition=Q(currency_code__regex=CURRENCY_CODE_RE),
                name="channel_currency_code_iso4217",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(default_country__regex=COUNTRY_CODE_RE),
                name="channel_default_country_iso3166",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(
                    delete_expired_orders_after__gte=DELETE_EXPIRED_ORDERS_AFTER_MIN_DAYS,
                    delete_expired_orders_after__lte=DELETE_EXPIRED_ORDERS_AFTER_MAX_DAYS,
                ),
                name="channel_delete_expired_orders_after_range",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(expire_orders_after__isnull=True) | Q(expire_orders_after__gte=1),
                name="channel_expire_orders_after_positive",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(allocation_strategy__in=AllocationStrategy.values),
                name="channel_allocation_strategy_valid",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(mark_as_paid_strategy__in=MarkAsPaidStrategy.values),
                name="channel_mark_as_paid_strategy_valid",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(default_transaction_flow_strategy__in=TransactionFlowStrategy.values),
                name="channel_transaction_flow_strategy_valid",
                violation_error_code="invalid",
            ),
        ]

    def __str__(self) -> str:
        return self.slug
