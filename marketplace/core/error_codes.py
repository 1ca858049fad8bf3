"""Error codes of use cases shared by every app: Saleor's ``MetadataErrorCode``."""

from __future__ import annotations

from enum import Enum


class MetadataErrorCode(Enum):
    """Why changing an object's metadata failed."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    NOT_UPDATED = "not_updated"
