"""Saleor's integer duration scalars used by channel settings."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import IntValueNode


class _WholeNumber(graphene.Scalar):
    @staticmethod
    def serialize(value: Any) -> int | None:
        return None if value is None else int(value)

    @staticmethod
    def parse_value(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("Expected an integer.")
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> int:
        if not isinstance(node, IntValueNode):
            raise ValueError("Expected an integer.")
        return int(node.value)


class Minute(_WholeNumber):
    """The `Minute` scalar type represents number of minutes by integer value."""


class Day(_WholeNumber):
    """The `Day` scalar type represents number of days by integer value."""
