"""What a voucher takes off a cart: pure functions on whole rupiah, no database.

Saleor's rules (``saleor/discount/utils/voucher.py``, ``saleor/checkout/utils.py``):

* ``entire_order``: the value off the lines' subtotal, spread over the lines in
  proportion to their totals; with ``apply_once_per_order``, off the cheapest unit only.
* ``specific_product``: the value off every unit of the lines whose product, variant,
  category or collection the voucher lists (all lines when it lists none); with
  ``apply_once_per_order``, off the cheapest such unit only. Nothing to discount: not
  applicable.
* ``shipping``: the value off the delivery fee; needs a shipping method, and one of the
  voucher's countries when it names any.

A fixed value never takes more than the price it applies to; a percentage is rounded
half up to whole rupiah. The marketplace twist: a cooperative's voucher sees only that
cooperative's lines (its minimum spent and quantity are counted on them too). Every
split is in whole rupiah by largest remainder, so line discounts add up exactly.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from marketplace.core.money import format_rupiah

ENTIRE_ORDER = "entire_order"
SPECIFIC_PRODUCT = "specific_product"
SHIPPING = "shipping"
FIXED = "fixed"
PERCENTAGE = "percentage"


class NotApplicable(Exception):  # noqa: N818 - Saleor's name
    """The voucher exists and runs, but does not apply to this cart (``reason``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class DiscountLine:
    """One cart line as the voucher sees it (prices in whole rupiah, before discount)."""

    key: Hashable
    variant_id: int
    product_id: int
    category_id: int | None
    cooperative_id: int | None
    unit_price: int
    quantity: int
    collection_ids: frozenset[int] = frozenset()

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class VoucherTerms:
    """A voucher's rules in one channel."""

    type: str
    value_type: str
    value: Decimal
    min_spent: int | None = None
    min_quantity: int | None = None
    apply_once_per_order: bool = False
    cooperative_id: int | None = None
    product_ids: frozenset[int] = frozenset()
    variant_ids: frozenset[int] = frozenset()
    category_ids: frozenset[int] = frozenset()
    collection_ids: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()

    @property
    def lists_catalogue(self) -> bool:
        return bool(
            self.product_ids or self.variant_ids or self.category_ids or self.collection_ids
        )


@dataclass(frozen=True)
class VoucherDiscount:
    """The discount: ``lines`` maps line keys to their share (absent: none), so
    ``amount == sum(lines.values()) + shipping``."""

    amount: int
    lines: dict[Hashable, int] = field(default_factory=dict)
    shipping: int = 0


def amount_off(price: int, *, value_type: str, value: Decimal) -> int:
    """What the value takes off ``price`` (whole rupiah, never more than the price)."""
    if price <= 0:
        return 0
    if value_type == PERCENTAGE:
        off = (Decimal(price) * value / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    else:
        off = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(0, min(int(off), price))


def split_largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights``, in whole units that add up to
    ``total`` exactly (largest remainder; ties go to the earlier weight). No share is
    larger than its weight when ``total`` ≤ Σ weights."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    shares = [total * weight // weight_sum for weight in weights]
    remainders = [total * weight % weight_sum for weight in weights]
    left = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda index: (-remainders[index], index))
    for index in order[:left]:
        shares[index] += 1
    return shares


def _matches(terms: VoucherTerms, line: DiscountLine) -> bool:
    return (
        line.variant_id in terms.variant_ids
        or line.product_id in terms.product_ids
        or (line.category_id is not None and line.category_id in terms.category_ids)
        or bool(line.collection_ids & terms.collection_ids)
    )


def _cheapest(lines: Sequence[DiscountLine]) -> DiscountLine:
    return min(lines, key=lambda line: line.unit_price)  # first of equals: stable


def voucher_discount(
    terms: VoucherTerms,
    lines: Sequence[DiscountLine],
    *,
    shipping_price: int | None = None,
    country: str | None = None,
) -> VoucherDiscount:
    """The discount ``terms`` give on ``lines`` (and on the delivery fee
    ``shipping_price``; None when no shipping method is chosen). Raises NotApplicable
    (reasons ``no_lines``, ``min_spent``, ``min_quantity``, ``no_shipping``,
    ``country``) when it does not apply."""
    base = [line for line in lines if line.quantity > 0]
    if terms.cooperative_id is not None:
        base = [line for line in base if line.cooperative_id == terms.cooperative_id]
    if not base and terms.type != SHIPPING:
        message = (
            _("This voucher is only valid for products of its cooperative.")
            if terms.cooperative_id is not None
            else _("This offer is only valid for selected items.")
        )
        raise NotApplicable("no_lines", message)
    subtotal = sum(line.total for line in base)
    if terms.min_spent and subtotal < terms.min_spent:
        raise NotApplicable(
            "min_spent",
            _("This offer is only valid for orders over %(amount)s.")
            % {"amount": format_rupiah(terms.min_spent)},
        )
    quantity = sum(line.quantity for line in base)
    if terms.min_quantity and quantity < terms.min_quantity:
        raise NotApplicable(
            "min_quantity",
            _("This offer is only valid for orders with a minimum of %(quantity)d items.")
            % {"quantity": terms.min_quantity},
        )

    if terms.type == SHIPPING:
        if shipping_price is None:
            raise NotApplicable(
                "no_shipping", _("This offer is for delivery: choose a shipping method first.")
            )
        if terms.countries and (country or "").upper() not in terms.countries:
            raise NotApplicable("country", _("This offer is not valid in your country."))
        off = amount_off(shipping_price, value_type=terms.value_type, value=terms.value)
        return VoucherDiscount(amount=off, shipping=off)

    eligible = base
    if terms.type == SPECIFIC_PRODUCT and terms.lists_catalogue:
        eligible = [line for line in base if _matches(terms, line)]
        if not eligible:
            raise NotApplicable("no_lines", _("This offer is only valid for selected items."))

    if terms.apply_once_per_order:
        line = _cheapest(eligible)
        off = amount_off(line.unit_price, value_type=terms.value_type, value=terms.value)
        return VoucherDiscount(amount=off, lines={line.key: off} if off else {})

    if terms.type == SPECIFIC_PRODUCT:
        shares: dict[Hashable, int] = {}
        for line in eligible:
            if terms.value_type == PERCENTAGE:
                off = amount_off(line.total, value_type=PERCENTAGE, value=terms.value)
            else:
                off = amount_off(line.unit_price, value_type=FIXED, value=terms.value)
                off *= line.quantity
            if off:
                shares[line.key] = off
        return VoucherDiscount(amount=sum(shares.values()), lines=shares)

    off = amount_off(subtotal, value_type=terms.value_type, value=terms.value)
    split = split_largest_remainder(off, [line.total for line in eligible])
    return VoucherDiscount(
        amount=off,
        lines={line.key: share for line, share in zip(eligible, split, strict=True) if share},
    )
