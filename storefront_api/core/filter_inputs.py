"""Saleor's generic filter inputs (ranges, ``eq``/``oneOf`` filters, metadata) and the
functions turning them into Django conditions, shared by every listing's ``filter`` and
``where`` arguments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import graphene
from django.db.models import Q
from graphql import GraphQLError

from storefront_api.core.scalars import Decimal


class IntRangeInput(graphene.InputObjectType):
    gte = graphene.Int(description="Value greater than or equal to.")
    lte = graphene.Int(description="Value less than or equal to.")


class DateTimeRangeInput(graphene.InputObjectType):
    gte = graphene.DateTime(description="Start date.")
    lte = graphene.DateTime(description="End date.")


class DateRangeInput(graphene.InputObjectType):
    gte = graphene.Date(description="Start date.")
    lte = graphene.Date(description="End date.")


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to.")
    lte = graphene.Float(description="Price less than or equal to.")


class DecimalRangeInput(graphene.InputObjectType):
    gte = Decimal(description="Decimal value greater than or equal to.")
    lte = Decimal(description="Decimal value less than or equal to.")


class DecimalFilterInput(graphene.InputObjectType):
    eq = Decimal(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(Decimal), description="The value included in.")
    range = graphene.InputField(DecimalRangeInput, description="The value in range.")


class DateTimeFilterInput(graphene.InputObjectType):
    eq = graphene.DateTime(description="The value equal to.")
    one_of = graphene.List(
        graphene.NonNull(graphene.DateTime), description="The value included in."
    )
    range = graphene.InputField(DateTimeRangeInput, description="The value in range.")


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="The value included in.")


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.ID), description="The value included in.")


class ContainsFilterInput(graphene.InputObjectType):
    contains_any = graphene.List(graphene.NonNull(graphene.String))
    contains_all = graphene.List(graphene.NonNull(graphene.String))


class MetadataFilter(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(description="Value of a metadata item.")


NOTHING = Q(pk__in=[])


def range_q(field: str, data: dict[str, Any] | None) -> Q:
    """``gte``/``lte`` bounds on ``field`` (either may be missing)."""
    condition = Q()
    if data and data.get("gte") is not None:
        condition &= Q(**{f"{field}__gte": data["gte"]})
    if data and data.get("lte") is not None:
        condition &= Q(**{f"{field}__lte": data["lte"]})
    return condition


def value_filter_q(field: str, data: dict[str, Any] | None) -> Q:
    """An ``eq``/``oneOf``/``range`` filter (``DecimalFilterInput``, ``StringFilterInput``,
    ``DateTimeFilterInput``) on ``field``; a bare range (``PriceRangeInput``) too."""
    if not data:
        return Q()
    condition = Q()
    if data.get("eq") is not None:
        condition &= Q(**{field: data["eq"]})
    if data.get("one_of") is not None:
        condition &= Q(**{f"{field}__in": data["one_of"]})
    if data.get("range") is not None:
        condition &= range_q(field, data["range"])
    return condition & range_q(field, data)


def metadata_q(items: Iterable[dict[str, Any]] | None, *, has_metadata: bool = True) -> Q:
    """Objects whose public metadata has each key (with the value, when one is given).
    Types without stored metadata (``has_metadata`` false) match no metadata filter."""
    items = list(items or [])
    if not items:
        return Q()
    if not has_metadata:
        return NOTHING
    condition = Q()
    for item in items:
        if item.get("value") is None:
            condition &= Q(metadata__has_key=item["key"])
        else:
            condition &= Q(metadata__contains={item["key"]: item["value"]})
    return condition


def check_one_filter_argument(args: dict[str, Any]) -> None:
    """Saleor's rule for lists with both: ``filter`` or ``where``, not both."""
    if args.get("filter") and args.get("where"):
        raise GraphQLError("Only one filtering argument (filter or where) can be specified.")


def enum_choice(member: Any) -> Any:
    """The value of a graphene enum argument (a member or already its value)."""
    return getattr(member, "value", member)


def sort_order(
    sort_by: dict[str, Any] | None, orders: dict[str, list[str]], default: list[str]
) -> list[str]:
    """Saleor's ``<Type>SortingInput`` (``direction`` and ``field``) as order fields:
    ``orders`` maps each sort field's value to the model fields it sorts by (ties
    broken by the later ones); ``default`` when no sort is asked for."""
    if not sort_by:
        return default
    prefix = "-" if enum_choice(sort_by["direction"]) == "desc" else ""
    return [f"{prefix}{name}" for name in orders[enum_choice(sort_by["field"])]]
