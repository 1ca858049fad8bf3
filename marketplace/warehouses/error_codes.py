"""Error codes of warehouses and stock, mirroring Saleor's ``WarehouseErrorCode`` and
``StockErrorCode`` (member names as the GraphQL enum values, values their lowercase form)."""

from __future__ import annotations

from enum import Enum


class WarehouseErrorCode(Enum):
    ALREADY_EXISTS = "already_exists"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"


class StockErrorCode(Enum):
    ALREADY_EXISTS = "already_exists"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
