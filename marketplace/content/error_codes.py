"""Error codes of storefront content, mirroring Saleor's ``CollectionErrorCode``,
``MenuErrorCode`` and ``PageErrorCode`` (names as the GraphQL enum values, values their
lowercase form)."""

from __future__ import annotations

from enum import Enum


class CollectionErrorCode(Enum):
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT = "cannot_manage_product_without_variant"
    FILE_SIZE_LIMIT_EXCEEDED = "file_size_limit_exceeded"


class MenuErrorCode(Enum):
    CANNOT_ASSIGN_NODE = "cannot_assign_node"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    INVALID_MENU_ITEM = "invalid_menu_item"
    NO_MENU_ITEM_PROVIDED = "no_item_provided"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    TOO_MANY_MENU_ITEMS = "too_many_items"
    UNIQUE = "unique"


class PageErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    ATTRIBUTE_ALREADY_ASSIGNED = "attribute_already_assigned"
