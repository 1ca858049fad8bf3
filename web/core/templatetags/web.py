"""Template filters the pages share."""

from __future__ import annotations

from decimal import Decimal

from django import template

from marketplace.core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: int | Decimal | None) -> str:
    """``{{ price|rupiah }}`` → ``Rp15.000``; empty for ``None``."""
    if amount is None or amount == "":
        return ""
    return format_rupiah(amount)
