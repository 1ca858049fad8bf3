"""Input helpers shared by the village hub, channel and warehouse mutations."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLError

from marketplace.core.exceptions import field_error
from marketplace.regions.models import Village
from marketplace.regions.selectors import village_get
from storefront_api.core.ids import decode_int_pk

M = TypeVar("M", bound=Model)


def enum_value(value: Any) -> Any:
    """graphene 3 hands enum inputs over as members; services want their values."""
    return value.value if isinstance(value, Enum) else value


def provided(data: Any) -> dict[str, Any]:
    """The fields the client actually sent in an input object (snake_case keys)."""
    return {key: enum_value(value) for key, value in dict(data or {}).items()}


def strings_not_null(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """``null`` for an optional text field means "clear it"."""
    for field in fields:
        if field in data and data[field] is None:
            data[field] = ""
    return data


def get_village(code: str | None, *, field: str, error_code: Enum) -> Village:
    village = village_get(code=(code or "").strip())
    if village is None:
        raise field_error(
            field, _("No village has this Kemendagri code (e.g. 51.03.05.2001)."), error_code
        )
    return village


def get_by_global_id(
    queryset: QuerySet[M], value: str, *, type_name: str, field: str, error_code: Enum
) -> M:
    """The object of ``queryset`` with this global ID; ``GRAPHQL_ERROR`` when the ID is
    malformed or of another type, ``NOT_FOUND`` when there is no such object."""
    try:
        pk = decode_int_pk(value, only_type=type_name, field=field)
    except ValidationError as exc:
        raise field_error(field, exc.messages[0], type(error_code)["GRAPHQL_ERROR"]) from None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise field_error(field, _("Couldn't find the object with this ID."), error_code)
    return obj


def rename_error_fields(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """Report model field errors under the input's field names."""
    error_dict = getattr(exc, "error_dict", None)
    if error_dict is None:
        return exc
    return ValidationError(
        {names.get(field, field): errors for field, errors in error_dict.items()}
    )


def exactly_one_of(**args: Any) -> None:
    """Raise unless exactly one of the keyword arguments is given (not None)."""
    given = [name for name, value in args.items() if value is not None]
    if len(given) != 1:
        raise GraphQLError(
            gettext("Exactly one of %(names)s must be given.") % {"names": ", ".join(args)}
        )
