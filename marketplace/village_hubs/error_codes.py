"""Error codes of village hub, cooperative and producer services (values as Saleor's: lowercase)."""

from __future__ import annotations

from enum import Enum


class VillageHubErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    ALREADY_EXISTS = "already_exists"
    INVALID_NIK_KOPERASI = "invalid_nik_koperasi"
    INVALID_NIB = "invalid_nib"
    INVALID_NPWP = "invalid_npwp"
    INVALID_PIRT_NUMBER = "invalid_pirt_number"
    INVALID_BPOM_NUMBER = "invalid_bpom_number"
    INVALID_PHONE = "invalid_phone"
    INVALID_OPENING_HOURS = "invalid_opening_hours"
    COOPERATIVE_INACTIVE = "cooperative_inactive"
