"""A member's SHU share explained line by line, in words people read (gettext)."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext as _

from coop_reporting.shu.arithmetic import Part
from coop_reporting.shu.selectors import MONTHS, MemberShu, ShuYear, rupiah_exact
from marketplace.core.money import format_rupiah


def format_exact(value: Fraction) -> str:
    """``Rp666.666,67``: an exact share before rounding, to the sen."""
    exact = rupiah_exact(value)
    whole, _dot, cents = f"{exact:.2f}".partition(".")
    return f"{format_rupiah(int(whole))},{cents}"


def _rounding(part: Part) -> str:
    if part.exact == part.amount:
        return _("exact")
    if part.rounded_up:
        return _("rounded down, plus 1 rupiah left over (largest remainder)")
    return _("rounded down")


def _share_line(label: str, pool: int, part: Part, mine: str, total: str) -> str:
    return _(
        "%(label)s: %(pool)s × %(mine)s ÷ %(total)s = %(exact)s → %(amount)s (%(rounding)s)"
    ) % {
        "label": label,
        "pool": format_rupiah(pool),
        "mine": mine,
        "total": total,
        "exact": format_exact(part.exact),
        "amount": format_rupiah(part.amount),
        "rounding": _rounding(part),
    }


def share_explanation(year: ShuYear, share: MemberShu) -> list[str]:
    lines = [
        _(
            "Average savings: %(sum)s (the 12 month-end balances added up) ÷ %(months)s "
            "= %(average)s."
        )
        % {
            "sum": format_rupiah(share.savings_weight),
            "months": MONTHS,
            "average": format_exact(share.average_savings),
        },
    ]
    if year.total_savings_weight:
        lines.append(
            _share_line(
                _("Jasa modal"),
                year.capital_pool,
                share.capital,
                format_exact(share.average_savings),
                format_exact(year.total_average_savings),
            )
        )
    else:
        lines.append(_("No member had savings this year: the jasa modal pool is not shared."))
    lines.append(
        _(
            "Transactions: purchases %(purchases)s + sales as a producer %(sales)s + "
            "offline %(offline)s = %(total)s."
        )
        % {
            "purchases": format_rupiah(share.purchases),
            "sales": format_rupiah(share.producer_sales),
            "offline": format_rupiah(share.offline),
            "total": format_rupiah(share.transactions),
        }
    )
    if year.total_transactions:
        lines.append(
            _share_line(
                _("Jasa usaha"),
                year.patronage_pool,
                share.patronage,
                format_rupiah(share.transactions),
                format_rupiah(year.total_transactions),
            )
        )
    else:
        lines.append(_("No member transacted this year: the jasa usaha pool is not shared."))
    lines.append(
        _("SHU share: %(capital)s + %(patronage)s = %(total)s.")
        % {
            "capital": format_rupiah(share.capital.amount),
            "patronage": format_rupiah(share.patronage.amount),
            "total": format_rupiah(share.total),
        }
    )
    return lines
