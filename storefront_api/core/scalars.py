"""Scalars Saleor's schema declares that graphene lacks."""

from __future__ import annotations

from typing import Any

import graphene


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
