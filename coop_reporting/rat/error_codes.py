"""Error codes of RAT reports and health inputs (values as Saleor's: lowercase)."""

from __future__ import annotations

from enum import Enum


class RatErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    ALREADY_EXISTS = "already_exists"
    NEGATIVE_AMOUNT = "negative_amount"
    TOTAL_MISMATCH = "total_mismatch"  # a total is not the sum of its items
    BALANCE_SHEET_UNBALANCED = "balance_sheet_unbalanced"  # assets ≠ liabilities + equity
    INCOME_STATEMENT_MISMATCH = "income_statement_mismatch"  # SHU ≠ income − expenses
    SHU_MISMATCH = "shu_mismatch"  # neraca's SHU tahun berjalan ≠ SHU bersih
    SHU_DISTRIBUTION_MISMATCH = "shu_distribution_mismatch"  # not 100% / not SHU bersih
    ATTENDANCE_EXCEEDS_MEMBERS = "attendance_exceeds_members"
    INVALID_RAT_DATE = "invalid_rat_date"
    NOT_DRAFT = "not_draft"  # submitted reports are immutable; correct them instead
    NOT_LATEST_VERSION = "not_latest_version"
    UNSUPPORTED_FILE_TYPE = "unsupported_file_type"
    FILE_SIZE_LIMIT_EXCEEDED = "file_size_limit_exceeded"
    TOO_MANY_PAGES = "too_many_pages"  # a PDF over RAT_ATTACHMENT_MAX_PAGES
    ENCRYPTED_FILE = "encrypted_file"
    CORRUPT_FILE = "corrupt_file"
    NO_SAVINGS_UNIT = "no_savings_unit"
    UNKNOWN_INPUT = "unknown_input"
