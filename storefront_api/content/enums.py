"""Error codes of collections, menus and pages."""

from __future__ import annotations

from marketplace.content import error_codes as content_error_codes
from storefront_api.core.enums import to_graphene_enum

CollectionErrorCode = to_graphene_enum(content_error_codes.CollectionErrorCode)
MenuErrorCode = to_graphene_enum(content_error_codes.MenuErrorCode)
PageErrorCode = to_graphene_enum(content_error_codes.PageErrorCode)
