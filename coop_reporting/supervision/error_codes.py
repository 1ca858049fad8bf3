"""Error codes of Dinas officer assignments (values as Saleor's: lowercase)."""

from __future__ import annotations

from enum import Enum


class DinasOfficerErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    INACTIVE_USER = "inactive_user"
