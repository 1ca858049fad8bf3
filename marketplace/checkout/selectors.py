"""Reads of checkouts: lines with prices, totals (with the voucher's discount),
availability for a checkout."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.catalog.models import ProductVariant, ProductVariantChannelListing
from marketplace.channels.models import Channel
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.stock import available_by_stock, candidate_stocks
from marketplace.checkout.validation import collection_points_for_channel
from marketplace.discounts.calculations import DiscountLine, NotApplicable
from marketplace.discounts.models import VoucherCode
from marketplace.discounts.selectors import AppliedVoucher, InvalidCode, voucher_apply
from marketplace.shipping.models import ShippingMethod
from marketplace.shipping.selectors import shipping_methods_for_address
from marketplace.warehouses.models import Warehouse


@dataclass(frozen=True)
class CheckoutLinePrice:
    """A priced line in whole rupiah: ``unit_price`` is the channel's price before any
    voucher, ``discount`` the line's share of the voucher's discount and ``total_price``
    what the buyer pays for the line (``unit_price × quantity − discount``)."""

    line: CheckoutLine
    unit_price: int
    total_price: int
    discount: int = 0

    @property
    def undiscounted_total_price(self) -> int:
        return self.unit_price * self.line.quantity


@dataclass(frozen=True)
class CheckoutTotals:
    """Amounts in whole rupiah. ``tax`` is included in the prices (0 while every seller is
    non-PKP: their prices are final); ``total = subtotal + shipping``, both after the
    voucher's discount: ``discount = undiscounted_subtotal − subtotal +
    undiscounted_shipping − shipping``. ``voucher`` is the applied voucher, None when the
    checkout has no code or its code no longer applies (then ``voucher_problem`` says
    why and completing the checkout is refused)."""

    lines: tuple[CheckoutLinePrice, ...]
    subtotal: int
    shipping: int
    tax: int
    total: int
    undiscounted_subtotal: int = 0
    undiscounted_shipping: int = 0
    discount: int = 0
    voucher: AppliedVoucher | None = None
    voucher_problem: InvalidCode | NotApplicable | None = None


def checkout_get(*, checkout_id: UUID | str) -> Checkout | None:
    """The checkout with this id (a UUID or its text), or None."""
    try:
        return Checkout.objects.select_related("channel").filter(pk=checkout_id).first()
    except (ValueError, ValidationError):  # not a UUID
        return None


def checkouts_of_user(*, user: User, channel_slug: str | None = None) -> QuerySet[Checkout]:
    """The user's checkouts (one per hub at most), the last changed first; only the given
    channel's when ``channel_slug`` is given."""
    checkouts = Checkout.objects.filter(user=user).select_related("channel")
    if channel_slug is not None:
        checkouts = checkouts.filter(channel__slug=channel_slug)
    return checkouts.order_by("-last_change", "pk")


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


def checkout_discount_lines(
    *, lines: list[CheckoutLine], prices: dict[int, int]
) -> list[DiscountLine]:
    """The priced lines as a voucher sees them (product, category, cooperative, price)."""
    return [
        DiscountLine(
            key=line.pk,
            variant_id=line.variant_id,
            product_id=line.variant.product_id,
            category_id=line.variant.product.category_id,
            cooperative_id=line.variant.product.cooperative_id,
            unit_price=prices[line.variant_id],
            quantity=line.quantity,
        )
        for line in lines
        if line.variant_id in prices
    ]


def checkout_voucher_apply(
    *,
    checkout: Checkout,
    code: str | VoucherCode,
    lines: list[CheckoutLine],
    prices: dict[int, int],
    now: datetime.datetime | None = None,
) -> AppliedVoucher:
    """What ``code`` (text or a VoucherCode) takes off the checkout now; raises
    InvalidCode or NotApplicable (``discounts.selectors.voucher_apply``). Once per
    customer is checked on the signed-in user's e-mail, else the checkout's (Saleor)."""
    shipping_price = None
    country = None
    if checkout.shipping_method is not None:
        shipping_price = int(checkout.shipping_method.price_amount)
        if checkout.shipping_address is not None:
            country = checkout.shipping_address.country
    return voucher_apply(
        code,
        channel=checkout.channel,
        lines=checkout_discount_lines(lines=lines, prices=prices),
        shipping_price=shipping_price,
        country=country,
        customer_email=lambda: checkout.user.email if checkout.user is not None else checkout.email,
        language_code=checkout.language_code,
        now=now or timezone.now(),
    )


def checkout_totals(
    *,
    checkout: Checkout,
    now: datetime.datetime | None = None,
    lines: list[CheckoutLine] | None = None,
) -> CheckoutTotals:
    """Line prices from the variants' channel listings, shipping from the flat-rate
    method (pickup at the hub is free), less the discount of the checkout's voucher code
    when it applies now (its share on each line, or off the shipping). Lines without a
    price in the channel are left out (completion refuses them). ``lines``: the
    checkout's lines as ``checkout_lines`` reads them, when the caller has them."""
    if lines is None:
        lines = list(checkout_lines(checkout=checkout))
    prices = {
        variant_id: int(amount)
        for variant_id, amount in ProductVariantChannelListing.objects.filter(
            channel_id=checkout.channel_id,
            variant_id__in=[line.variant_id for line in lines],
            price_amount__isnull=False,
        ).values_list("variant_id", "price_amount")
    }
    undiscounted_shipping = 0
    if checkout.shipping_method is not None:
        undiscounted_shipping = int(checkout.shipping_method.price_amount)
    applied: AppliedVoucher | None = None
    problem: InvalidCode | NotApplicable | None = None
    if checkout.voucher_code:
        try:
            applied = checkout_voucher_apply(
                checkout=checkout, code=checkout.voucher_code, lines=lines, prices=prices, now=now
            )
        except (InvalidCode, NotApplicable) as exc:
            problem = exc
    line_discounts = applied.discount.lines if applied is not None else {}
    priced = tuple(
        CheckoutLinePrice(
            line=line,
            unit_price=prices[line.variant_id],
            total_price=prices[line.variant_id] * line.quantity - line_discounts.get(line.pk, 0),
            discount=line_discounts.get(line.pk, 0),
        )
        for line in lines
        if line.variant_id in prices
    )
    undiscounted_subtotal = sum(price.undiscounted_total_price for price in priced)
    subtotal = sum(price.total_price for price in priced)
    shipping = undiscounted_shipping - (applied.discount.shipping if applied is not None else 0)
    tax = tax_amount_for_lines(channel=checkout.channel, lines=priced)
    return CheckoutTotals(
        lines=priced,
        subtotal=subtotal,
        shipping=shipping,
        tax=tax,
        total=subtotal + shipping,
        undiscounted_subtotal=undiscounted_subtotal,
        undiscounted_shipping=undiscounted_shipping,
        discount=undiscounted_subtotal - subtotal + undiscounted_shipping - shipping,
        voucher=applied,
        voucher_problem=problem,
    )


def pickup_points_for_channel(*, channel: Channel) -> QuerySet[Warehouse]:
    """The hub's pickup points a checkout of ``channel`` may choose, by name."""
    return (
        Warehouse.objects.filter(collection_points_for_channel(channel))
        .select_related("village__district__regency__province")
        .distinct()
        .order_by("name", "pk")
    )


def checkout_shipping_methods(*, checkout: Checkout) -> list[ShippingMethod]:
    """The channel's shipping methods that deliver to the checkout's shipping address
    (a village courier only inside its hub's regency), cheapest first."""
    address = checkout.shipping_address if checkout.shipping_address_id else None
    return shipping_methods_for_address(channel=checkout.channel, address=address)


def quantity_available_by_variant(
    *, channel: Channel | int, variant_ids: Iterable[int], now: datetime.datetime | None = None
) -> dict[int, int]:
    """Units of each variant free to buy in ``channel``: quantity − allocated − active
    checkout reservations over the channel's warehouses (not capped), two queries."""
    stocks = list(candidate_stocks(channel=channel, variant_ids=variant_ids))
    available = available_by_stock(stocks, checkout_id=None, now=now or timezone.now())
    totals: dict[int, int] = {}
    for stock in stocks:
        totals[stock.product_variant_id] = (
            totals.get(stock.product_variant_id, 0) + available[stock.pk]
        )
    return totals


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
