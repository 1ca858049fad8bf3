"""Reads of checkouts: lines with prices, totals, availability for a checkout."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from marketplace.catalog.models import ProductVariant, ProductVariantChannelListing
from marketplace.channels.models import Channel
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.stock import available_by_stock, candidate_stocks


@dataclass(frozen=True)
class CheckoutLinePrice:
    line: CheckoutLine
    unit_price: int  # whole rupiah
    total_price: int


@dataclass(frozen=True)
class CheckoutTotals:
    """Amounts in whole rupiah. ``tax`` is included in the prices (0 while every seller is
    non-PKP: their prices are final); ``total = subtotal + shipping``."""

    lines: tuple[CheckoutLinePrice, ...]
    subtotal: int
    shipping: int
    tax: int
    total: int


def checkout_get(*, checkout_id: object) -> Checkout | None:
    """The checkout with this id (a UUID or its text), or None."""
    try:
        return Checkout.objects.select_related("channel").filter(pk=checkout_id).first()
    except (ValueError, ValidationError):  # not a UUID
        return None


def checkout_lines(*, checkout: Checkout) -> QuerySet[CheckoutLine]:
    """The checkout's lines with variant, product and cooperative, oldest first."""
    return checkout.lines.select_related(
        "variant__product__cooperative", "variant__product__producer"
    ).order_by("created_at", "pk")


def tax_amount_for_lines(*, channel: Channel, lines: tuple[CheckoutLinePrice, ...]) -> int:
    """PPN included in the line prices: 0 (non-PKP sellers). The hook for PKP cooperatives
    (DPP 11/12 × price, PPN 12 % of DPP, see conventions.md §2) once sellers carry a
    PKP flag."""
    return 0


def checkout_totals(*, checkout: Checkout) -> CheckoutTotals:
    """Line prices from the variants' channel listings, shipping from the flat-rate
    method (pickup at the hub is free). Lines without a price in the channel are left out
    (completion refuses them)."""
    lines = list(checkout_lines(checkout=checkout))
    prices = dict(
        ProductVariantChannelListing.objects.filter(
            channel_id=checkout.channel_id,
            variant_id__in=[line.variant_id for line in lines],
            price_amount__isnull=False,
        ).values_list("variant_id", "price_amount")
    )
    priced = tuple(
        CheckoutLinePrice(
            line=line,
            unit_price=int(prices[line.variant_id]),
            total_price=int(prices[line.variant_id]) * line.quantity,
        )
        for line in lines
        if line.variant_id in prices
    )
    subtotal = sum(price.total_price for price in priced)
    shipping = 0
    if checkout.shipping_method_id is not None:
        shipping = int(checkout.shipping_method.price_amount)
    tax = tax_amount_for_lines(channel=checkout.channel, lines=priced)
    return CheckoutTotals(
        lines=priced, subtotal=subtotal, shipping=shipping, tax=tax, total=subtotal + shipping
    )


def variant_quantity_available_for_checkout(
    *,
    variant: ProductVariant,
    channel: Channel,
    checkout: Checkout | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Units of ``variant`` a buyer can still get in ``channel``: quantity − allocated −
    active reservations of other checkouts (Saleor's ``quantityAvailable``)."""
    stocks = list(
        candidate_stocks(
            channel=channel,
            variant_ids=[variant.pk],
            collection_point=checkout.collection_point if checkout is not None else None,
        )
    )
    available = available_by_stock(
        stocks,
        checkout_id=checkout.pk if checkout is not None else None,
        now=now or timezone.now(),
    )
    return sum(available.values())
