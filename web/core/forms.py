"""Form helpers the pages share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a domain service's ``ValidationError`` next to the form's fields.

    Errors on a field the form does not have are shown above the form.
    """
    error_dict = getattr(error, "error_dict", None) or {NON_FIELD_ERRORS: error.error_list}
    for field, errors in error_dict.items():
        for item in errors:
            form.add_error(field if field in form.fields else None, item.messages[0])
