"""Template filters the pages share."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import ngettext

from coop_reporting.consultation import selectors
from marketplace.core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: int | Decimal | None) -> str:
    """``{{ price|rupiah }}`` → ``Rp15.000``; empty for ``None``."""
    if amount is None or amount == "":
        return ""
    return format_rupiah(amount)


@register.filter
def duration(value: datetime.timedelta | None) -> str:
    """``{{ median|duration }}`` → "2 hari 3 jam", "3 jam 20 menit", "5 menit" (whole
    minutes, the two largest units); "–" for ``None``."""
    if value is None:
        return "–"
    minutes = max(int(value.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        ngettext("%(n)s day", "%(n)s days", days) % {"n": days} if days else "",
        ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours} if hours else "",
        ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
        if minutes and not days
        else "",
    ]
    words = [part for part in parts if part][:2]
    return " ".join(words) or ngettext("%(n)s minute", "%(n)s minutes", 0) % {"n": 0}


@register.simple_tag(takes_context=True)
def can_consult(context: template.Context, cooperative: Any) -> bool:
    """``{% can_consult cooperative as shown %}``: whether the viewer sees the
    cooperative's consultations (its admins, the officers supervising it, platform staff)."""
    request = context.get("request")
    if request is None or cooperative is None:
        return False
    return selectors.can_read_threads_of(request.user, cooperative)
