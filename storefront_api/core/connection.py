"""Relay connections as Saleor serves them: keyset cursors, ``totalCount``, 100-record cap.

A connection type is declared with :class:`CountableConnection`::

    class ProductCountableConnection(CountableConnection):
        class Meta:
            node = Product

which yields Saleor's ``ProductCountableConnection { pageInfo edges totalCount }`` and
``ProductCountableEdge { node cursor }`` (non-null as in Saleor). A resolver returns
``resolve_connection(queryset, info, args, ProductCountableConnection)``.

Cursors are base64 JSON lists of the sort-field values of a row (as Saleor's), so a page
is found with an index-friendly ``WHERE (a, b, pk) > (…)`` instead of an OFFSET, and
stays right while rows are added. ``totalCount`` runs its ``COUNT`` only when asked.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any

import graphene
from django.db.models import F, Q, QuerySet
from graphql import GraphQLError

from storefront_api.core.dataloaders import remember_siblings

MAX_PAGE_SIZE = 100


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    total_count = graphene.Int(description="A total count of items in the collection.")

    @classmethod
    def __init_subclass_with_meta__(cls, node: Any = None, name: str | None = None, **options: Any):
        # Saleor's names: <Node>CountableConnection / <Node>CountableEdge, non-null edges.
        options.setdefault("strict_types", True)
        super().__init_subclass_with_meta__(node=node, name=name, **options)

    @staticmethod
    def resolve_total_count(root: Any, info: Any) -> int:
        return root.count_total()


def connection_args() -> dict[str, graphene.Argument]:
    """``before``, ``after``, ``first``, ``last`` as Saleor declares them."""
    return {
        "before": graphene.String(
            description="Return the elements in the list that come before the specified cursor."
        ),
        "after": graphene.String(
            description="Return the elements in the list that come after the specified cursor."
        ),
        "first": graphene.Int(
            description="Retrieve the first n elements from the list. Note that the system "
            "only allows fetching a maximum of 100 objects in a single query."
        ),
        "last": graphene.Int(
            description="Retrieve the last n elements from the list. Note that the system "
            "only allows fetching a maximum of 100 objects in a single query."
        ),
    }


def encode_cursor(values: Sequence[Any]) -> str:
    return base64.b64encode(json.dumps([_jsonable(v) for v in values]).encode()).decode()


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        values = json.loads(base64.b64decode(cursor.encode(), validate=True))
    except (ValueError, UnicodeDecodeError) as exc:
        raise GraphQLError("Received cursor is invalid.") from exc
    if not isinstance(values, list) or len(values) != size:
        raise GraphQLError("Received cursor is invalid.")
    return values


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # Decimal, datetime, UUID: their string forms filter back exactly


def validate_connection_args(info: Any, args: dict[str, Any], max_limit: int) -> None:
    first, last = args.get("first"), args.get("last")
    if first is not None and first < 0:
        raise GraphQLError("Argument `first` must be a non-negative integer.")
    if last is not None and last < 0:
        raise GraphQLError("Argument `last` must be a non-negative integer.")
    if first is not None and last is not None:
        raise GraphQLError("Argument `last` cannot be combined with `first`.")
    if first is not None and args.get("before"):
        raise GraphQLError("Argument `first` cannot be combined with `before`.")
    if last is not None and args.get("after"):
        raise GraphQLError("Argument `last` cannot be combined with `after`.")
    for name, value in (("first", first), ("last", last)):
        if value is not None and value > max_limit:
            raise GraphQLError(
                f"Requesting {value} records on the `{info.field_name}` connection "
                f"exceeds the `{name}` limit of {max_limit} records."
            )
    if not first and not last and selects(info, "edges"):
        raise GraphQLError(
            "You must provide a `first` or `last` value to properly paginate "
            f"the `{info.field_name}` connection."
        )


def selects(info: Any, name: str) -> bool:
    """Whether the field being resolved selects ``name`` (fragments included)."""
    for field_node in info.field_nodes:
        selection_set = field_node.selection_set
        if selection_set and _selection_names(info, selection_set) & {name}:
            return True
    return False


def _selection_names(info: Any, selection_set: Any) -> set[str]:
    names: set[str] = set()
    for selection in selection_set.selections:
        kind = selection.kind
        if kind == "field":
            names.add(selection.name.value)
        elif kind == "fragment_spread":
            fragment = info.fragments.get(selection.name.value)
            if fragment:
                names |= _selection_names(info, fragment.selection_set)
        elif kind == "inline_fragment":
            names |= _selection_names(info, selection.selection_set)
    return names


def _keyset_filter(
    fields: Sequence[str], descending: Sequence[bool], values: Sequence[Any], *, nulls_last: bool
) -> Q:
    """Rows strictly after ``values`` in the order of ``fields``: (a > x) or (a = x and b > y)…"""
    condition = Q(pk__in=[])  # always false; OR-ed with each level below
    for index, field in enumerate(fields):
        equal = Q(**dict(zip(fields[:index], values, strict=False)))
        value = values[index]
        if value is None:
            # NULLs last: nothing comes after NULL on this field; NULLs first: all values do
            after = Q(pk__in=[]) if nulls_last else Q(**{f"{field}__isnull": False})
        else:
            after = Q(**{f"{field}__{'lt' if descending[index] else 'gt'}": value})
            if nulls_last:
                after |= Q(**{f"{field}__isnull": True})
        condition |= equal & after
    return condition


def _order_fields(
    queryset: QuerySet | None, order_by: Sequence[str] | None
) -> tuple[list[str], list[bool]]:
    """The sort fields of a page and whether each is descending, the primary key last."""
    order: list[Any]
    if order_by:
        order = list(order_by)
    else:
        assert queryset is not None
        order = list(queryset.query.order_by or queryset.model._meta.ordering or [])
    order = [name for name in order if name.lstrip("-") not in {"pk", "id"}] + ["pk"]
    return [name.lstrip("-") for name in order], [name.startswith("-") for name in order]


def _ordering(fields: Sequence[str], descending: Sequence[bool], *, backwards: bool) -> list[Any]:
    nulls = {"nulls_first": True} if backwards else {"nulls_last": True}
    return [
        F(field).desc(**nulls) if desc else F(field).asc(**nulls)
        for field, desc in zip(fields, descending, strict=True)
    ]


def first_page_queryset(queryset: QuerySet, order_by: Sequence[str], count: int) -> QuerySet:
    """The rows :func:`resolve_connection` reads for a first page of ``count`` (one more,
    to know whether a next page exists): for a prepared query of the same page."""
    fields, descending = _order_fields(queryset, order_by)
    return queryset.order_by(*_ordering(fields, descending, backwards=False))[: count + 1]


def resolve_connection(
    queryset: QuerySet,
    info: Any,
    args: dict[str, Any],
    connection_type: type[CountableConnection],
    *,
    order_by: Sequence[str] | None = None,
    max_limit: int = MAX_PAGE_SIZE,
) -> CountableConnection:
    """One page of ``queryset`` as ``connection_type``, per ``first/last/after/before``.

    ``order_by`` names the sort fields (``"-created_at"``); the primary key is always
    added last so the order is total. Without it the queryset's own ordering is used.
    """
    validate_connection_args(info, args, max_limit)
    fields, descending = _order_fields(queryset, order_by)

    first, last = args.get("first"), args.get("last")
    backwards = last is not None
    if backwards:  # walk the order in reverse, then flip the page back
        descending = [not d for d in descending]
    page_qs = queryset.order_by(*_ordering(fields, descending, backwards=backwards))
    cursor = args.get("before") if backwards else args.get("after")
    if cursor:
        page_qs = page_qs.filter(
            _keyset_filter(
                fields,
                descending,
                decode_cursor(cursor, len(fields)),
                nulls_last=not backwards,
            )
        )

    count = first if first is not None else last
    rows = list(page_qs[: count + 1]) if count else []
    connection = _page(rows, info, connection_type, fields, count, backwards, bool(cursor))
    connection.count_total = queryset.count
    return connection


def resolve_first_page(
    rows: Callable[[int], list[Any]],
    info: Any,
    args: dict[str, Any],
    connection_type: type[CountableConnection],
    *,
    order_by: Sequence[str],
    count_total: Callable[[], int],
    max_limit: int = MAX_PAGE_SIZE,
) -> CountableConnection | None:
    """The first page as :func:`resolve_connection` gives it, its rows from ``rows(n)``
    (the first ``n`` in :func:`first_page_queryset`'s order); ``None`` when ``args`` ask
    for another page (a cursor, or ``last``)."""
    if args.get("after") or args.get("before") or args.get("last") is not None:
        return None
    validate_connection_args(info, args, max_limit)
    fields, _descending = _order_fields(None, order_by)
    count = args.get("first")
    page_rows = rows(count + 1) if count else []
    connection = _page(page_rows, info, connection_type, fields, count, False, False)
    connection.count_total = count_total
    return connection


def _page(
    rows: list[Any],
    info: Any,
    connection_type: type[CountableConnection],
    fields: Sequence[str],
    count: int | None,
    backwards: bool,
    has_cursor: bool,
) -> CountableConnection:
    """The connection of a page from its rows (``count + 1`` of them when more follow)."""
    has_more = len(rows) > (count or 0)
    rows = rows[:count] if count else []
    if backwards:
        rows.reverse()
    remember_siblings(info.context, rows)

    edges = [
        connection_type.Edge(
            node=row, cursor=encode_cursor([_value(row, field) for field in fields])
        )
        for row in rows
    ]
    page_info = graphene.relay.PageInfo(
        has_next_page=has_more if not backwards else has_cursor,
        has_previous_page=has_more if backwards else has_cursor,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return connection_type(edges=edges, page_info=page_info)


def _value(row: Any, field: str) -> Any:
    value = row
    for part in field.split("__"):
        value = getattr(value, part) if value is not None else None
    return value
