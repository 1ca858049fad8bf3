"""Error codes of the consultation desk (values as Saleor's: lowercase). The file codes
are the RAT attachments' own, since attachments are checked by the same function."""

from __future__ import annotations

from enum import Enum


class ConsultationErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    ALREADY_CLOSED = "already_closed"
    TOO_MANY_FILES = "too_many_files"
    UNSUPPORTED_FILE_TYPE = "unsupported_file_type"
    FILE_SIZE_LIMIT_EXCEEDED = "file_size_limit_exceeded"
    TOO_MANY_PAGES = "too_many_pages"
    ENCRYPTED_FILE = "encrypted_file"
    CORRUPT_FILE = "corrupt_file"
