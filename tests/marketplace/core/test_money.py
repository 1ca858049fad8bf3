from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.core.money import DEFAULT_MAX_PRICE_IDR, format_rupiah, parse_rupiah_amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (15_000, 15_000),
        (0, 0),
        (Decimal(15_000), 15_000),
        (Decimal("15000.00"), 15_000),
        ("15000", 15_000),
        (" 2500 ", 2_500),
        (15_000.0, 15_000),
        (DEFAULT_MAX_PRICE_IDR, DEFAULT_MAX_PRICE_IDR),
    ],
)
def test_parse_rupiah_amount_accepts_whole_rupiah(value, expected):
    # when
    amount = parse_rupiah_amount(value)
    # then
    assert amount == expected
    assert type(amount) is int


@pytest.mark.parametrize(
    "value",
    [
        15_000.5,
        0.1 + 0.2,
        Decimal("15000.50"),
        "15000.5",
        -1,
        Decimal(-5),
        "-100",
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("Infinity"),
        "NaN",
        "abc",
        "15.000,00",
        "1e3",
        "",
        "١٢٣",
        None,
        True,
        [15_000],
        DEFAULT_MAX_PRICE_IDR + 1,
        str(10**30),
    ],
)
def test_parse_rupiah_amount_refuses(value):
    # when
    with pytest.raises(ValidationError) as exc_info:
        parse_rupiah_amount(value, field="price")
    # then
    assert exc_info.value.error_dict["price"][0].code == "invalid"


def test_parse_rupiah_amount_reads_max_from_settings(settings):
    # given
    settings.MAX_PRICE_IDR = 100_000
    # when / then
    assert parse_rupiah_amount(100_000) == 100_000
    with pytest.raises(ValidationError) as exc_info:
        parse_rupiah_amount(100_001)
    assert exc_info.value.code == "invalid"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(15_000, "Rp15.000"), (1_500_000, "Rp1.500.000"), (0, "Rp0"), (-2_500, "-Rp2.500")],
)
def test_rupiah_is_shown_the_indonesian_way(amount, shown):
    assert format_rupiah(amount) == shown
