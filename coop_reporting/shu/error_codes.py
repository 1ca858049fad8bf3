"""Error codes of SHU allocations and offline member transactions (Saleor-style values)."""

from __future__ import annotations

from enum import Enum


class ShuErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERCENTAGE_OUT_OF_RANGE = "percentage_out_of_range"  # not within 0–100
    PERCENTAGES_OVER_100 = "percentages_over_100"  # jasa modal + jasa usaha > 100
    NOT_POSITIVE = "not_positive"
