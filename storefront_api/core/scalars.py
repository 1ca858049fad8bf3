"""Scalars Saleor's schema declares that graphene lacks."""

from __future__ import annotations

import decimal
from typing import Any

import graphene
from graphene.types.generic import GenericScalar


class Upload(graphene.Scalar):
    """Variables of this type are replaced by a file in the request.

    Files travel as in the GraphQL multipart request specification
    (https://github.com/jaydenseric/graphql-multipart-request-spec); the view puts the
    uploaded file object where the ``map`` part says, so resolvers receive Django's
    ``UploadedFile``.
    """

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return node

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value


# --- catalog: storefront browsing --------------------------------------------------------


class PositiveInt(graphene.Scalar):
    """Positive Integer scalar implementation (greater than 0)."""

    @staticmethod
    def serialize(value: Any) -> int:
        return int(value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        from graphql import Undefined
        from graphql.language import IntValueNode

        if isinstance(node, IntValueNode) and int(node.value) > 0:
            return int(node.value)
        return Undefined

    @staticmethod
    def parse_value(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        raise ValueError("PositiveInt cannot represent a non-positive value.")


# --- Saleor's JSON (any JSON value, sent as is) ------------------------------------------


class JSON(GenericScalar):
    """Saleor's ``JSON`` scalar: a JSON value (object, list, string, number) as is."""

    class Meta:
        name = "JSON"


# --- Saleor's Decimal (a JSON number on the wire) -----------------------------------------


class Decimal(graphene.Scalar):
    """Custom Decimal implementation.

    Returns Decimal as a float in the API, parses float to the Decimal on the way back.
    Whole values (every rupiah amount) are sent as whole JSON numbers.
    """

    @staticmethod
    def serialize(value: Any) -> int | float | None:
        if value is None:
            return None
        number = decimal.Decimal(str(value))
        return int(number) if number == number.to_integral_value() else float(number)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        from graphql import Undefined
        from graphql.language import FloatValueNode, IntValueNode, StringValueNode

        if isinstance(node, IntValueNode | FloatValueNode | StringValueNode):
            return _to_decimal(node.value)
        return Undefined

    @staticmethod
    def parse_value(value: Any) -> decimal.Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError("Decimal cannot represent this value.")
        number = _to_decimal(value)
        if not isinstance(number, decimal.Decimal):
            raise ValueError("Decimal cannot represent this value.")
        return number


def _to_decimal(value: Any) -> Any:
    from graphql import Undefined

    try:
        number = decimal.Decimal(str(value))
    except decimal.InvalidOperation:
        return Undefined
    return number if number.is_finite() else Undefined
