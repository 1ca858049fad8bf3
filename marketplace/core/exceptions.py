"""Domain errors, shaped so the API can return them as Saleor's ``{field, message, code}``.

Services raise ``django.core.exceptions.ValidationError``; each error carries a code
from the app's ``error_codes.py`` enum (values as Saleor's, e.g. ``"not_found"``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import Enum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Model

if TYPE_CHECKING:
    # lazy text (gettext_lazy) as the Django stubs name it; a name only the stubs have
    from django.utils.functional import _StrPromise as StrPromise


def field_error(field: str | None, message: str | StrPromise, code: Enum | str) -> ValidationError:
    """A ValidationError for one input field (``None`` for the whole input)."""
    code_value = code.value if isinstance(code, Enum) else code
    error = ValidationError(message, code=code_value)
    if field is None:
        return error
    return ValidationError({field: error})


_REQUIRED_CODES = frozenset({"required", "blank", "null"})
_UNIQUE_CODES = frozenset({"unique", "unique_together", "unique_for_date"})


def full_clean_with_codes(
    instance: Model,
    codes: type[Enum],
    *,
    exclude: list[str] | None = None,
    validate_constraints: bool = True,
) -> None:
    """``instance.full_clean()``, with Django's error codes mapped onto the app's enum.

    ``blank``/``null`` become ``REQUIRED``, ``unique*`` become ``UNIQUE``, any code the
    enum lacks (``max_length``, ``invalid_choice``…) becomes ``INVALID``. The enum must
    have those three members, as every error-code enum here does.
    """
    known = {code.value for code in codes}
    try:
        instance.full_clean(exclude=exclude, validate_constraints=validate_constraints)
    except ValidationError as exc:
        raise ValidationError(
            {
                field: [_recode(error, codes, known) for error in errors]
                for field, errors in exc.error_dict.items()
            }
        ) from None


def _recode(error: ValidationError, codes: type[Enum], known: set[str]) -> ValidationError:
    code = error.code or codes["INVALID"].value
    if code in _REQUIRED_CODES:
        code = codes["REQUIRED"].value
    elif code in _UNIQUE_CODES:
        code = codes["UNIQUE"].value
    elif code not in known:
        code = codes["INVALID"].value
    return ValidationError(error.message, code=code, params=error.params)


def reject_unknown_keys(data: Mapping[str, object], allowed: Collection[str]) -> None:
    """Guard for ``**changes`` services: a key the service does not know is a bug."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected keyword arguments: {', '.join(sorted(unknown))}")
