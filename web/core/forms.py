"""Form helpers the pages share."""

from __future__ import annotations

from typing import TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

FieldT = TypeVar("FieldT", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The form's own copy of its field ``name``, which is a ``kind`` (to set its
    queryset or choices for this form); TypeError if it is not (a mistake in the form)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"the field {name!r} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a domain service's ``ValidationError`` next to the form's fields.

    Errors on a field the form does not have are shown above the form.
    """
    error_dict = getattr(error, "error_dict", None) or {NON_FIELD_ERRORS: error.error_list}
    for field, errors in error_dict.items():
        for item in errors:
            form.add_error(field if field in form.fields else None, item.messages[0])
