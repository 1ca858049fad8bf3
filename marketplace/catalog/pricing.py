"""Prices shown to buyers: the one place where taxes (PPN) on catalog prices are computed.

Listing prices are whole rupiah and final for the buyer. Every seller is non-PKP for now,
so no PPN is added or included: ``net == gross`` and ``tax == 0``. When PKP cooperatives
arrive, :func:`taxed_price` is where PPN (DPP 11/12 × price, 12 % of DPP) goes, as
``marketplace.checkout.selectors.tax_amount_for_lines`` does for checkouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from marketplace.catalog.models import CURRENCY_IDR


@dataclass(frozen=True)
class TaxedPrice:
    """A price with its tax split, in whole units of ``currency``."""

    net: int
    gross: int
    tax: int
    currency: str = CURRENCY_IDR


def taxed_price(*, amount: Decimal | int, currency: str = CURRENCY_IDR) -> TaxedPrice:
    """The buyer's price for a listing price of ``amount`` (tax included: none yet)."""
    gross = int(amount)
    return TaxedPrice(net=gross, gross=gross, tax=0, currency=currency)
