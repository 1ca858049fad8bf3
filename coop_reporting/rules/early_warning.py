"""Early-warning thresholds, from ``early_warning.json`` (values and where they come from).

``marketplace/settings.py`` reads the same file for the defaults of
``COOP_WARNING_SALES_DROP_SHARE`` and ``COOP_WARNING_NO_SALES_DAYS``, which a deployment
may set to override them; these accessors return the values in force.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import Any

from django.conf import settings

from coop_reporting.rules.loader import RULES_DIR, RulesError

RULES_FILE = RULES_DIR / "early_warning.json"


def _check(rules: dict[str, Any]) -> dict[str, Any]:
    share = rules["sales_drop"]["share"]
    if not isinstance(share, int | float) or not 0 < share < 1:
        raise RulesError(f"{RULES_FILE.name}: sales_drop.share must lie between 0 and 1")
    months = rules["sales_drop"]["months"]
    if not isinstance(months, int) or not 1 <= months <= 12:
        raise RulesError(f"{RULES_FILE.name}: sales_drop.months must be 1–12")
    days = rules["no_sales"]["days"]
    if not isinstance(days, int) or days < 1:
        raise RulesError(f"{RULES_FILE.name}: no_sales.days must be a whole number above 0")
    return rules


@cache
def early_warning_rules() -> dict[str, Any]:
    """The early-warning rules, checked."""
    return _check(json.loads(RULES_FILE.read_text(encoding="utf-8")))


def sales_drop_share() -> Decimal:
    """Share of the year-earlier sales that must be lost to raise ``sales_drop``."""
    return Decimal(str(settings.COOP_WARNING_SALES_DROP_SHARE))


def sales_drop_months() -> int:
    """How many full months are compared with the same months a year earlier."""
    return int(early_warning_rules()["sales_drop"]["months"])


def no_sales_days() -> int:
    """Days without a marketplace sale that raise ``no_sales``; a sale within them is
    recent business activity."""
    return int(settings.COOP_WARNING_NO_SALES_DAYS)
