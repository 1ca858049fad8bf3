"""The arithmetic of members' SHU shares, in whole rupiah, without the database.

A pool (jasa modal or jasa usaha) is ``SHU × percentage ÷ 100`` rounded half up to the
rupiah. It is shared in proportion to each member's weight with the largest-remainder
method: every member first gets the whole rupiah of their exact share
(``pool × weight ÷ total``, rounded down); the rupiah left over go one each to the
members with the largest remainders (ties: the lower member number first). The shares
then add up exactly to the pool: no rupiah is lost or invented. When no member has any
weight (no savings, no business) the pool is not shared and every share is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def pool_of(shu: int, percentage: Decimal) -> int:
    """``percentage`` % of ``shu`` in whole rupiah (half up); 0 when the year made a loss."""
    if shu <= 0:
        return 0
    exact = Decimal(shu) * Decimal(percentage) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Part:
    """One member's part of one pool."""

    weight: int
    exact: Fraction  # pool × weight ÷ total, before rounding
    amount: int  # whole rupiah
    rounded_up: bool  # received one of the rupiah left over

    @property
    def floor(self) -> int:
        return self.exact.numerator // self.exact.denominator


def largest_remainder(pool: int, weights: Sequence[int]) -> list[Part]:
    """``pool`` shared by ``weights`` (non-negative; index order breaks ties)."""
    if pool < 0 or any(weight < 0 for weight in weights):
        raise ValueError("pool and weights must not be negative")
    total = sum(weights)
    if total == 0:
        return [Part(weight, Fraction(0), 0, False) for weight in weights]
    floors = [pool * weight // total for weight in weights]
    remainders = [pool * weight % total for weight in weights]
    left_over = pool - sum(floors)
    order = sorted(range(len(weights)), key=lambda index: (-remainders[index], index))
    lucky = set(order[:left_over])
    return [
        Part(
            weight=weight,
            exact=Fraction(pool * weight, total),
            amount=floors[index] + (1 if index in lucky else 0),
            rounded_up=index in lucky,
        )
        for index, weight in enumerate(weights)
    ]
