"""Turning a ``RatReportInput`` into the service's keyword arguments."""

from __future__ import annotations

from typing import Any

from storefront_api.village_hubs.utils import enum_value


def report_fields(data: Any) -> dict[str, Any]:
    """Model field names → values sent by the client (nested groups flattened);
    ``shu_distribution`` as a list of dicts when sent."""
    data = {key: enum_value(value) for key, value in dict(data or {}).items()}
    data.pop("cooperative", None)
    data.pop("financial_year", None)
    for group in ("balance_sheet", "income_statement"):
        if group in data:
            data.update(dict(data.pop(group) or {}))
    if "shu_distribution" in data:
        lines = data.pop("shu_distribution")
        data["shu_distribution"] = [dict(line) for line in lines or []]
    return data
