"""Error codes of the cooperative sales reporting services (lowercase, as Saleor's)."""

from __future__ import annotations

from enum import Enum


class CoopSalesErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    FUTURE_MONTH = "future_month"
    INVALID_PERIOD = "invalid_period"
