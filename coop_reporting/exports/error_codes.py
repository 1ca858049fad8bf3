"""Error codes of report exports (lowercase values, as Saleor's)."""

from __future__ import annotations

from enum import Enum


class ReportExportErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNSUPPORTED_FORMAT = "unsupported_format"  # the kind of report has no such format
    INVALID_PERIOD = "invalid_period"  # the period ends before it starts, or is too long
    OUT_OF_SCOPE_REGION = "out_of_scope_region"  # a district report on a region not supervised
