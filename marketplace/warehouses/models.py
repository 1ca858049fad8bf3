"""Warehouses and stock, shaped like Saleor's ``warehouse`` app.

A warehouse is either a village hub's pickup point (``village_hub``), a cooperative's own
store room (``cooperative``) or, with neither, a platform warehouse. Channels a warehouse
serves are ``channels`` (Saleor's channel-warehouse link); stock available in a channel is
summed over them (``selectors.stock_available``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.core.models import TimeStampedModel
from marketplace.core.phone import E164_ID_RE, validate_phone_id
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.warehouses.error_codes import StockErrorCode, WarehouseErrorCode


class ClickAndCollectOption(models.TextChoices):
    """Saleor's ``WarehouseClickAndCollectOptionEnum``; values as in Saleor's database."""

    DISABLED = "disabled", _("Disabled")
    LOCAL_STOCK = "local", _("Local stock only")
    ALL_WAREHOUSES = "all", _("All warehouses")


class Warehouse(TimeStampedModel):
    ClickAndCollect = ClickAndCollectOption

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    street_address = models.CharField(_("street address"), max_length=256, blank=True)
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="warehouses", verbose_name=_("village")
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    phone = models.CharField(
        _("phone number"), max_length=16, blank=True, validators=[validate_phone_id]
    )
    click_and_collect_option = models.CharField(
        _("click and collect"),
        max_length=16,
        choices=ClickAndCollectOption.choices,
        default=ClickAndCollectOption.DISABLED,
    )
    is_private = models.BooleanField(_("private"), default=True)
    channels = models.ManyToManyField(
        Channel, related_name="warehouses", blank=True, verbose_name=_("channels")
    )
    village_hub = models.ForeignKey(
        VillageHub,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warehouses",
        verbose_name=_("village hub (pickup point)"),
    )
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warehouses",
        verbose_name=_("cooperative"),
    )

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ("slug",)
        constraints = [
            models.CheckConstraint(
                condition=Q(click_and_collect_option__in=ClickAndCollectOption.values),
                name="warehouse_click_and_collect_valid",
                violation_error_code=WarehouseErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(village_hub__isnull=True) | Q(cooperative__isnull=True),
                name="warehouse_hub_or_cooperative",
                violation_error_code=WarehouseErrorCode.INVALID.value,
                violation_error_message=_(
                    "A warehouse belongs to a village hub or to a cooperative, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
                name="warehouse_postal_code_format",
                violation_error_code=WarehouseErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(phone="") | Q(phone__regex=E164_ID_RE),
                name="warehouse_phone_e164",
                violation_error_code=WarehouseErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    """Quantity of a variant in a warehouse; ``quantity_allocated`` is held for orders.

    ``0 <= quantity_allocated <= quantity`` is enforced by the database: overselling is
    never silent (Saleor lets quantity drop below allocations; we refuse that instead).
    """

    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="stocks")
    product_variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="stocks"
    )
    quantity = models.IntegerField(_("quantity"), default=0)
    quantity_allocated = models.IntegerField(_("quantity allocated"), default=0)

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stocks")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "product_variant"],
                name="stock_warehouse_variant_unique",
                violation_error_code=StockErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0),
                name="stock_quantity_non_negative",
                violation_error_code=StockErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__gte=0),
                name="stock_quantity_allocated_non_negative",
                violation_error_code=StockErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="stock_allocated_within_quantity",
                violation_error_code=StockErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_variant_id} @ {self.warehouse_id}: {self.quantity}"
