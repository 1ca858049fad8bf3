"""Turning a ``RatReportInput`` into the service's keyword arguments."""

from __future__ import annotations

import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coop_reporting.rat.error_codes import RatErrorCode
from storefront_api.village_hubs.utils import enum_value


def whole_rupiah(field: str, value: Any) -> Any:
    """``value`` (Saleor's ``Decimal``) as an ``int`` of rupiah; ``ValidationError`` on
    ``field`` when it has a fraction. ``None`` stays ``None``."""
    if not isinstance(value, decimal.Decimal):
        return value
    if value != value.to_integral_value():
        raise ValidationError(
            {field: ValidationError(_("Enter whole rupiah."), code=RatErrorCode.INVALID.value)}
        )
    return int(value)


def report_fields(data: Any) -> dict[str, Any]:
    """Model field names → values sent by the client (nested groups flattened, amounts
    as whole rupiah); ``shu_distribution`` as a list of dicts when sent."""
    data = {key: enum_value(value) for key, value in dict(data or {}).items()}
    data.pop("cooperative", None)
    data.pop("financial_year", None)
    for group in ("balance_sheet", "income_statement"):
        if group in data:
            data.update(dict(data.pop(group) or {}))
    data = {key: whole_rupiah(key, value) for key, value in data.items()}
    if "shu_distribution" in data:
        lines = [dict(line) for line in data.pop("shu_distribution") or []]
        for line in lines:
            line["amount"] = whole_rupiah("shu_distribution", line.get("amount"))
        data["shu_distribution"] = lines
    return data
