"""``Attribute.choices(filter:, where:, search:, sortBy:)``: Saleor's
``AttributeValueFilterInput``, ``AttributeValueWhereInput`` and
``AttributeChoicesSortingInput`` over an attribute's predefined values."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q

from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import (
    NOTHING,
    StringFilterInput,
    check_one_filter_argument,
    sort_order,
    value_filter_q,
)
from storefront_api.core.ids import decode_int_pk


class AttributeValueFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AttributeValueWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.InputField(StringFilterInput, description="Filter by name.")
    slug = graphene.InputField(StringFilterInput, description="Filter by slug.")
    AND = graphene.List(
        graphene.NonNull(lambda: AttributeValueWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    OR = graphene.List(
        graphene.NonNull(lambda: AttributeValueWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )


class AttributeChoicesSortField(graphene.Enum):
    NAME = "name"
    SLUG = "slug"

    @property
    def description(self) -> str:
        return f"Sort attribute choice by {self.name.lower()}."


class AttributeChoicesSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort attribute choices."
    )
    field = AttributeChoicesSortField(
        required=True, description="Sort attribute choices by the selected field."
    )


def choices_arguments() -> dict[str, graphene.Argument]:
    """The arguments of ``Attribute.choices`` besides the page ones."""
    return {
        "sort_by": graphene.Argument(
            AttributeChoicesSortingInput, description="Sort attribute choices."
        ),
        "filter": graphene.Argument(
            AttributeValueFilterInput,
            description="Filtering options for attribute choices.",
            deprecation_reason="Use `where` filter instead.",
        ),
        "where": graphene.Argument(
            AttributeValueWhereInput, description="Where filtering options."
        ),
        "search": graphene.String(description="Search attribute choices by name or slug."),
    }


def _ids_q(values: list[str]) -> Q:
    return Q(pk__in=[decode_int_pk(v, only_type="AttributeValue", field="ids") for v in values])


def _search_q(text: str | None) -> Q:
    text = (text or "").strip()
    return Q(name__icontains=text) | Q(slug__icontains=text) if text else Q()


def _filter_q(data: dict[str, Any]) -> Q:
    condition = _search_q(data.get("search"))
    if data.get("ids") is not None:
        condition &= _ids_q(data["ids"])
    if data.get("slugs") is not None:
        condition &= Q(slug__in=data["slugs"])
    return condition


def _where_q(data: dict[str, Any]) -> Q:
    condition = value_filter_q("name", data.get("name")) & value_filter_q("slug", data.get("slug"))
    if data.get("ids") is not None:
        condition &= _ids_q(data["ids"])
    for item in data.get("AND") or []:
        condition &= _where_q(item)
    if data.get("OR"):
        any_of = NOTHING
        for item in data["OR"]:
            any_of |= _where_q(item)
        condition &= any_of
    return condition


def choices_condition(args: dict[str, Any]) -> tuple[Q, list[str]]:
    """The values the ``filter``/``where``/``search`` of ``args`` keep, and their order
    (Saleor's default: the values' own order)."""
    check_one_filter_argument(args)
    condition = _search_q(args.get("search")) & _filter_q(args.get("filter") or {})
    condition &= _where_q(args.get("where") or {})
    order = sort_order(
        args.get("sort_by"),
        {"name": ["name", "slug"], "slug": ["slug"]},
        ["sort_order"],
    )
    return condition, order
