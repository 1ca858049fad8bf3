"""Error codes of the member registry's services (values as Saleor's: lowercase)."""

from __future__ import annotations

from enum import Enum


class MemberErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    INVALID_NIK = "invalid_nik"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    ALREADY_DECIDED = "already_decided"
    CONSENT_REQUIRED = "consent_required"
    INVALID_CREDENTIALS = "invalid_credentials"
    CODE_REQUESTS_EXCEEDED = "code_requests_exceeded"
    INVITATION_RESENT_TOO_SOON = "invitation_resent_too_soon"
