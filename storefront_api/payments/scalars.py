"""Saleor's ``JSON`` scalar: any JSON value, sent and received as JSON (not a string)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import value_from_ast_untyped


class JSON(graphene.Scalar):
    """The `JSON` scalar type represents JSON values as specified by ECMA-404."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return value_from_ast_untyped(node, _variables)

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value
