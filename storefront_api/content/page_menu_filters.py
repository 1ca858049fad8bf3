"""``filter``, ``where`` and ``sortBy`` of the ``pages`` and ``menus`` lists: Saleor's
``PageFilterInput``, ``PageWhereInput``, ``PageSortingInput``, ``MenuFilterInput`` and
``MenuSortingInput``.

Lumbung's pages and menus carry no metadata and pages no attributes: a ``metadata`` or
``attributes`` condition matches none. Page search is a substring match without a rank,
so ``RANK`` (allowed, as in Saleor, only with a search) orders matches by slug.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from graphql import GraphQLError

from marketplace.content.models import Menu, MenuItem, Page
from storefront_api.catalog.attribute_value_filters import AssignedAttributeWhereInput
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import (
    NOTHING,
    GlobalIDFilterInput,
    MetadataFilter,
    StringFilterInput,
    metadata_q,
    value_filter_q,
)
from storefront_api.core.ids import decode_int_pk


class MetadataValueFilterInput(graphene.InputObjectType):
    eq = graphene.String(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="The value included in.")


class MetadataFilterInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key to filter by.")
    value = graphene.InputField(MetadataValueFilterInput, description="Value to filter by.")


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name or slug.")
    slug = graphene.List(graphene.NonNull(graphene.String), description="Menu slugs.")
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Menu slugs.")


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by title, slug or content.")
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Page IDs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Page slugs.")


class PageWhereInput(graphene.InputObjectType):
    metadata = graphene.InputField(MetadataFilterInput, description="Filter by metadata fields.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Page IDs.")
    slug = graphene.InputField(StringFilterInput, description="Filter by page slug.")
    page_type = graphene.InputField(GlobalIDFilterInput, description="Filter by page type.")
    attributes = graphene.List(
        graphene.NonNull(AssignedAttributeWhereInput),
        description="Filter by attributes associated with the page.",
    )
    AND = graphene.List(
        graphene.NonNull(lambda: PageWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    OR = graphene.List(
        graphene.NonNull(lambda: PageWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )


class PageSortField(graphene.Enum):
    TITLE = "title"
    SLUG = "slug"
    VISIBILITY = "visibility"
    CREATION_DATE = "creation_date"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"
    CREATED_AT = "created_at"
    RANK = "rank"

    @property
    def description(self) -> str:
        return f"Sort pages by {self.name.lower().replace('_', ' ')}."

    @property
    def deprecation_reason(self) -> str | None:
        return {
            "CREATION_DATE": "Use `CREATED_AT` instead.",
            "PUBLICATION_DATE": "Use `PUBLISHED_AT` instead.",
        }.get(self.name)


class PageSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort pages."
    )
    field = PageSortField(required=True, description="Sort pages by the selected field.")


class MenuSortField(graphene.Enum):
    NAME = "name"
    ITEMS_COUNT = "items_count"

    @property
    def description(self) -> str:
        return "Sort menus by name." if self.name == "NAME" else "Sort menus by items count."


class MenuSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort menus."
    )
    field = MenuSortField(required=True, description="Sort menus by the selected field.")


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def _ids(values: list[str], type_name: str, field: str) -> list[int]:
    return [decode_int_pk(value, only_type=type_name, field=field) for value in values]


def filter_pages(queryset: QuerySet[Page], args: dict[str, Any]) -> QuerySet[Page]:
    """Pages matching the ``search`` argument and a ``PageFilterInput``."""
    data = args.get("filter") or {}
    search = args.get("search") or data.get("search")
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(slug__icontains=search))
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=_ids(data["ids"], "Page", "ids"))
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    if data.get("page_types") is not None:
        queryset = queryset.filter(
            page_type_id__in=_ids(data["page_types"], "PageType", "pageTypes")
        )
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


def page_where_q(data: dict[str, Any] | None) -> Q:
    """A ``PageWhereInput`` as a condition (fields AND-ed; AND/OR lists)."""
    data = data or {}
    condition = Q()
    if data.get("metadata") is not None or data.get("attributes") is not None:
        condition &= NOTHING
    if data.get("ids") is not None:
        condition &= Q(pk__in=_ids(data["ids"], "Page", "ids"))
    condition &= value_filter_q("slug", data.get("slug"))
    page_type = data.get("page_type") or {}
    if page_type.get("eq") is not None:
        condition &= Q(
            page_type_id=decode_int_pk(page_type["eq"], only_type="PageType", field="pageType")
        )
    if page_type.get("one_of") is not None:
        condition &= Q(page_type_id__in=_ids(page_type["one_of"], "PageType", "pageType"))
    for item in data.get("AND") or []:
        condition &= page_where_q(item)
    if data.get("OR"):
        any_of = NOTHING
        for item in data["OR"]:
            any_of |= page_where_q(item)
        condition &= any_of
    return condition


_PAGE_ORDER = {
    "title": ["title", "slug"],
    "slug": ["slug"],
    "visibility": ["is_published", "title", "slug"],
    "creation_date": ["created_at", "title", "slug"],
    "created_at": ["created_at", "title", "slug"],
    "publication_date": ["published_at", "title", "slug"],
    "published_at": ["published_at", "title", "slug"],
    "rank": ["slug"],
}


def page_order_by(args: dict[str, Any]) -> list[str]:
    """The order of a ``PageSortingInput`` (none: the pages' own ordering)."""
    sort_by = args.get("sort_by")
    if not sort_by:
        return []
    field = _value(sort_by["field"])
    searching = args.get("search") or (args.get("filter") or {}).get("search")
    if field == "rank" and not searching:
        raise GraphQLError("Sorting by RANK is available only when using a search filter.")
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    return [f"{prefix}{name}" for name in _PAGE_ORDER[field]]


def filter_menus(queryset: QuerySet[Menu], data: dict[str, Any] | None) -> QuerySet[Menu]:
    """Menus matching a ``MenuFilterInput``."""
    data = data or {}
    if data.get("search"):
        text = data["search"]
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    slugs = data.get("slugs") if data.get("slugs") is not None else data.get("slug")
    if slugs is not None:
        queryset = queryset.filter(slug__in=slugs)
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


def sort_menus(
    queryset: QuerySet[Menu], sort_by: dict[str, Any] | None
) -> tuple[QuerySet[Menu], list[str]]:
    """Menus by name or by their number of items (none: the menus' own ordering)."""
    if not sort_by:
        return queryset, []
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    if _value(sort_by["field"]) == "items_count":
        items = (
            MenuItem.objects.filter(menu=OuterRef("pk"))
            .order_by()
            .values("menu")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = queryset.annotate(
            items_count=Coalesce(Subquery(items), 0, output_field=IntegerField())
        )
        return queryset, [f"{prefix}items_count", f"{prefix}name", f"{prefix}slug"]
    return queryset, [f"{prefix}name", f"{prefix}slug"]
