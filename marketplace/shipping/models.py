"""Flat-rate shipping per village hub: each hub's channel has its own shipping methods.

A much smaller cousin of Saleor's ``shipping`` app (zones, weight/price rules): village
couriers (kurir desa, ojek) charge one flat fee inside the hub's area, so a method is a
name and a price in whole rupiah, offered in one channel, and its zone is at most one
regency (kabupaten/kota): a method with a ``regency`` delivers only to addresses in it
(``shipping.areas``), one without delivers anywhere in the channel's country. Pickup at
the hub is not a shipping method but a collection point (``warehouses.Warehouse`` with
click and collect).
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.channels.models import Channel
from marketplace.core.models import TimeStampedModel
from marketplace.regions.models import Regency

PRICE_MAX_DIGITS = 12


class ShippingMethod(TimeStampedModel):
    """A flat-rate delivery offered in one channel (a hub's delivery zone)."""

    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        related_name="shipping_methods",
        verbose_name=_("channel"),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    price_amount = models.DecimalField(
        _("price"),
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivers only within"),
        help_text=_("Empty: anywhere in the channel's country."),
    )

    class Meta:
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ("channel", "price_amount", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_amount__gte=0),
                name="shipping_method_price_non_negative",
                violation_error_code="invalid",
            ),
        ]

    def __str__(self) -> str:
        return self.name
