"""Scalars of Saleor's catalog inputs, parsed leniently so the domain can refuse bad
values as errors-as-data (``field``, ``message``, ``code``) rather than as a request
validation failure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from graphql.language import ast


class PositiveDecimal(graphene.Scalar):
    """Positive decimal; amounts of rupiah here, accepted as whole numbers only."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return node.value  # a string: "15000", "1.5", "-3"
        return node  # refused by the domain's amount parser

    @staticmethod
    def parse_value(value: Any) -> Any:
        # Kept as sent: ``parse_rupiah_amount`` explains in the mutation's errors what is
        # wrong with "15.000", 1.5 or -3.
        return value


class WeightScalar(graphene.Scalar):
    """A weight: a number of grams, or ``{"value": 1.5, "unit": "kg"}``."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return node.value
        if isinstance(node, ast.ObjectValueNode):
            return {field.name.value: getattr(field.value, "value", None) for field in node.fields}
        return node

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value
