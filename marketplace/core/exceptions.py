"""Domain errors, shaped so the API can return them as Saleor's ``{field, message, code}``.

Services raise ``django.core.exceptions.ValidationError``; each error carries a code
from the app's ``error_codes.py`` enum (values as Saleor's, e.g. ``"not_found"``).
"""

from __future__ import annotations

from enum import Enum

from django.core.exceptions import ValidationError
from django.utils.functional import Promise


def field_error(field: str | None, message: str | Promise, code: Enum | str) -> ValidationError:
    """A ValidationError for one input field (``None`` for the whole input)."""
    code_value = code.value if isinstance(code, Enum) else code
    error = ValidationError(message, code=code_value)
    if field is None:
        return error
    return ValidationError({field: error})
