"""The SHU arithmetic on its own: the worked example with every rupiah written out, and
the largest-remainder shares always adding up exactly to their pool."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from coop_reporting.shu.arithmetic import largest_remainder, pool_of


def test_worked_example_shu_ten_million_twenty_and_thirty_percent():
    """SHU bersih Rp10.000.000; the AD/ART gives 20 % to jasa modal, 30 % to jasa usaha.

    Pools: 10.000.000 × 20 % = Rp2.000.000 (jasa modal); × 30 % = Rp3.000.000 (jasa usaha).

    Members (number: average savings; transactions):
      1 Siti:  Rp1.000.000; Rp1.500.000 (purchases 1.000.000 + offline 500.000)
      2 Wayan: Rp1.000.000; Rp2.000.000 (sales as a producer)
      3 Made:  Rp1.000.000; Rp3.500.000 (purchases)
    All savings Rp3.000.000; all transactions Rp7.000.000.

    Jasa modal, exact: 2.000.000 × 1/3 = 666.666,67 each → 666.666 each (1.999.998);
      2 rupiah left, remainders equal (2/3 each): members 1 and 2 (lower numbers) get one
      → 666.667 + 666.667 + 666.666 = 2.000.000.
    Jasa usaha, exact: 3.000.000 × 1,5/7 = 642.857,14; × 2/7 = 857.142,86; × 3,5/7 =
      1.500.000 → 642.857 + 857.142 + 1.500.000 = 2.999.999; 1 rupiah left, largest
      remainder is Wayan's (0,86) → 642.857 + 857.143 + 1.500.000 = 3.000.000.
    Shares: Siti 666.667 + 642.857 = 1.309.524; Wayan 666.667 + 857.143 = 1.523.810;
      Made 666.666 + 1.500.000 = 2.166.666; together 5.000.000 = both pools.
    """
    capital_pool = pool_of(10_000_000, Decimal("20"))
    patronage_pool = pool_of(10_000_000, Decimal("30"))
    assert (capital_pool, patronage_pool) == (2_000_000, 3_000_000)

    capital = largest_remainder(capital_pool, [1_000_000, 1_000_000, 1_000_000])
    patronage = largest_remainder(patronage_pool, [1_500_000, 2_000_000, 3_500_000])

    assert [part.floor for part in capital] == [666_666, 666_666, 666_666]
    assert [part.amount for part in capital] == [666_667, 666_667, 666_666]
    assert [part.rounded_up for part in capital] == [True, True, False]
    assert [part.floor for part in patronage] == [642_857, 857_142, 1_500_000]
    assert [part.amount for part in patronage] == [642_857, 857_143, 1_500_000]
    assert patronage[1].exact == Fraction(6_000_000, 7)  # 857.142,857…
    totals = [c.amount + p.amount for c, p in zip(capital, patronage, strict=True)]
    assert totals == [1_309_524, 1_523_810, 2_166_666]
    assert sum(totals) == 5_000_000


def test_pools_round_half_up_to_the_rupiah_and_a_loss_shares_nothing():
    assert pool_of(1_000_001, Decimal("12.5")) == 125_000  # 125.000,125
    assert pool_of(1_000_004, Decimal("12.5")) == 125_001  # 125.000,5
    assert pool_of(-5_000_000, Decimal("20")) == 0
    assert pool_of(0, Decimal("20")) == 0


def test_shares_always_add_up_to_the_pool_over_random_inputs():
    rng = random.Random(20251231)
    for _ in range(2_000):
        pool = rng.choice([0, 1, 7, rng.randint(0, 10**6), rng.randint(0, 10**12)])
        size = rng.randint(1, 40)
        weights = [rng.choice([0, 1, rng.randint(0, 10**9)]) for _ in range(size)]
        parts = largest_remainder(pool, weights)
        amounts = [part.amount for part in parts]
        if sum(weights) == 0:
            assert amounts == [0] * size
            continue
        assert sum(amounts) == pool, (pool, weights)
        for part in parts:
            # each share is its exact value rounded down or up, never further away
            assert part.floor <= part.amount <= part.floor + 1
            assert part.amount - part.exact < 1
            assert part.exact - part.amount < 1
            if part.weight == 0:
                assert part.amount == 0
        # more weight never gets less
        for a in parts:
            assert all(a.amount <= b.amount for b in parts if a.weight < b.weight)


def test_negative_input_is_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        largest_remainder(100, [1, -1])
