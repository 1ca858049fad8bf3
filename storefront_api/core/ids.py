"""Relay global IDs as Saleor's: ``base64("Product:42")``, checked against the expected type."""

from __future__ import annotations

from graphql_relay import from_global_id, to_global_id

from marketplace.core.exceptions import field_error

GRAPHQL_ERROR = "graphql_error"  # Saleor's code for an ID it cannot read or of another type


def global_id(type_name: str, pk: object) -> str:
    return to_global_id(type_name, str(pk))


def decode_global_id(value: str, *, only_type: str, field: str = "id") -> str:
    """The primary key in ``value``, a global ID of ``only_type``.

    Raises ValidationError on ``field`` with Saleor's ``GRAPHQL_ERROR`` code (and its
    messages) for IDs that do not decode or name another type.
    """
    try:
        type_name, pk = from_global_id(value)
    except (TypeError, ValueError, UnicodeDecodeError):
        type_name, pk = "", ""
    if not type_name or not pk:
        raise field_error(field, f"Couldn't resolve id: {value}.", GRAPHQL_ERROR)
    if type_name != only_type:
        raise field_error(field, f"Must receive a {only_type} id.", GRAPHQL_ERROR)
    return pk


def decode_global_ids(values: list[str], *, only_type: str, field: str) -> list[str]:
    """Primary keys of several global IDs of ``only_type``; errors as ``decode_global_id``."""
    return [decode_global_id(value, only_type=only_type, field=field) for value in values]


def decode_int_pk(value: str, *, only_type: str, field: str = "id") -> int:
    """Like :func:`decode_global_id`, for integer primary keys."""
    pk = decode_global_id(value, only_type=only_type, field=field)
    try:
        return int(pk)
    except ValueError:
        raise field_error(field, f"Couldn't resolve id: {value}.", GRAPHQL_ERROR) from None
