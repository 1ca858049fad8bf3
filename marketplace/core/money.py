"""Money amounts in whole rupiah.

Rupiah prices have no minor unit in practice (Bank Indonesia withdrew coins below Rp1
long ago and prices are quoted in whole rupiah), so amounts are stored as
``Decimal`` with no decimal places and handled as ``int`` in code; never as ``float``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.core.exceptions import field_error

DEFAULT_MAX_PRICE_IDR = 1_000_000_000
INVALID = "invalid"  # the value of every Saleor error enum's INVALID

_NOT_A_NUMBER = _("Enter the amount as a whole number of rupiah, e.g. 15000.")
_FRACTION = _("Rupiah amounts cannot have a fraction; enter a whole number of rupiah.")
_NEGATIVE = _("The amount cannot be negative.")


def max_price_idr() -> int:
    """The largest amount accepted, ``settings.MAX_PRICE_IDR`` (default Rp1,000,000,000)."""
    return int(getattr(settings, "MAX_PRICE_IDR", DEFAULT_MAX_PRICE_IDR))


def parse_rupiah_amount(
    value: Any, *, field: str | None = None, max_amount: int | None = None
) -> int:
    """Parse a whole-rupiah amount from an ``int``, ``Decimal``, ``str`` or ``float``.

    Accepted: ``15000``, ``Decimal("15000")``, ``Decimal("15000.00")``, ``"15000"``,
    ``15000.0`` (a value whose fraction is zero). Refused with ``ValidationError`` code
    ``invalid`` (on ``field`` when given): ``bool``, ``None``, fractions (``15000.5``),
    NaN and infinities, negative amounts, amounts above ``max_amount`` (default
    ``max_price_idr()``) and strings that are not a plain number (``"15.000"`` is
    refused: the dot is a thousands separator in Indonesian and would be ambiguous).
    """
    limit = max_price_idr() if max_amount is None else max_amount
    amount = _to_decimal(value, field)
    if not amount.is_finite():
        raise field_error(field, _NOT_A_NUMBER, INVALID)
    if amount != amount.to_integral_value():
        raise field_error(field, _FRACTION, INVALID)
    if amount < 0:
        raise field_error(field, _NEGATIVE, INVALID)
    if amount > limit:
        message = gettext("The amount cannot be more than Rp%(max)s.") % {"max": f"{limit:,}"}
        raise field_error(field, message, INVALID)
    return int(amount)


def _to_decimal(value: Any, field: str | None) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise field_error(field, _NOT_A_NUMBER, INVALID)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # Decimal(float) is exact, so 0.1 + 0.2 style fractions are caught, not rounded.
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or not all(char in "0123456789+-." for char in text):
            raise field_error(field, _NOT_A_NUMBER, INVALID)
        try:
            return Decimal(text)
        except InvalidOperation:
            raise field_error(field, _NOT_A_NUMBER, INVALID) from None
    raise field_error(field, _NOT_A_NUMBER, INVALID)


def format_rupiah(amount: int | Decimal) -> str:
    """``Rp15.000``: whole rupiah, dots between thousands, no space (as lokal-id and the
    Indonesian spelling guide write it). The one format used in messages and e-mails."""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(value):,}".replace(",", ".")
