"""Errors as data: Django ``ValidationError`` → Saleor's ``errors { field message code }``.

Services raise ``ValidationError`` whose codes are values of an ``error_codes.py`` enum
(``"invalid_credentials"``); the mutation's error type serializes them as the enum
name (``INVALID_CREDENTIALS``). Field names become camelCase input names.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypedDict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphene.utils.str_converters import to_camel_case

# Django's own validators and form fields use these codes; Saleor folds them into
# REQUIRED, UNIQUE and INVALID, which every error code enum has.
_REQUIRED_CODES = frozenset({"required", "blank", "null"})
_UNIQUE_CODES = frozenset({"unique", "unique_for_date", "unique_together"})


class ErrorData(TypedDict):
    field: str | None
    message: str
    code: str
    params: dict[str, Any]


def error_code(error: ValidationError, allowed: frozenset[str] | None = None) -> str:
    """The code of one error, folded onto ``allowed`` (an enum's values) when given."""
    code = error.code
    if isinstance(code, Enum):
        code = code.value
    if allowed is not None and code in allowed:
        return code
    if code in _REQUIRED_CODES:
        return "required"
    if code in _UNIQUE_CODES:
        return "unique"
    if code is None or allowed is not None:
        return "invalid"
    return code


def validation_error_to_errors(
    exc: ValidationError, *, allowed_codes: frozenset[str] | None = None
) -> list[ErrorData]:
    """One ``{field, message, code, params}`` per message in ``exc``.

    ``field`` is camelCase (``refresh_token`` → ``refreshToken``) or ``None`` for errors
    about the whole input. Codes outside ``allowed_codes`` become ``invalid``.
    """
    error_dict = getattr(exc, "error_dict", None) or {NON_FIELD_ERRORS: exc.error_list}
    return [
        {
            "field": None if field == NON_FIELD_ERRORS else to_camel_case(field),
            "message": error.messages[0],
            "code": error_code(error, allowed_codes),
            "params": error.params or {},
        }
        for field, errors in error_dict.items()
        for error in errors
    ]
