"""graphql-core's executor with a short path for plain fields: :class:`ExecutionContext`.

Most fields of a catalog answer are read straight off an object or a dict (``name``,
``slug``, ``amount``, ``currency``, ``url``, a node's ``id``, the ``priceRange`` →
``start`` → ``gross`` dicts): graphene gives them its default resolver. For each,
graphql-core builds a ``GraphQLResolveInfo``, coerces the (absent) arguments, calls the
resolver through two ``functools.partial`` layers and walks ``complete_value`` to reach
``serialize`` or the sub-selection: a third of a product list's execution.
:meth:`ExecutionContext.execute_fields` reads such a field itself, with the same resolver
semantics (``dict.get`` / ``getattr`` with the field's default value, graphene's
``to_global_id`` for ids), the same ``serialize``, and for an object type without
``is_type_of`` the same sub-selection, its errors handled as graphql-core handles them.

Anything else takes graphql-core's own path: fields with a resolver of their own, with
arguments, of list, interface or union type, or of an object type that checks
``is_type_of``; and every leaf that needs an error (``null`` for a non-null field, a value
``serialize`` refuses, an exception while reading) is resolved again through it, so the
errors and their paths are graphql-core's own.

Every other field is still resolved as graphql-core resolves it, with less around it:

* what each field of a selection is (its definition and how to read it) is worked out
  once per execution for each selection (the 20 products of a page share one);
* a field with a resolver of its own goes through :meth:`ExecutionContext._execute_resolved`,
  graphql-core's ``execute_field`` for a synchronous resolver without looking the field
  up again nor coercing arguments the field does not have;
* :meth:`ExecutionContext.complete_value` completes an object (``node``, ``category``,
  ``pricing``, an edge) in one step, the ``is_type_of`` check, the null check of a
  non-null field and their errors as graphql-core's own; lists, leaves, interfaces and
  unions are graphql-core's;
* a ``String`` or ``ID`` that already is a string is kept as it is (what their
  ``serialize`` gives back), and relay ids are encoded once per type and key.
"""

from __future__ import annotations

import enum
import functools
import operator
from collections.abc import Callable
from typing import Any, cast

from graphene.relay.id_type import DefaultGlobalIDType
from graphene.relay.node import GlobalID, Node
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver, dict_resolver
from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    Undefined,
    is_leaf_type,
)
from graphql.error import located_error
from graphql.execution.execute import get_field_def, invalid_return_type_error
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path

from storefront_api.core.dataloaders import BatchingExecutionContext

# Resolvers are synchronous: graphql-core asks whether every value is awaitable, and a
# C-level "is it this private object" answers False without a Python frame.
never_awaitable: Callable[[Any], bool] = functools.partial(operator.is_, object())

_DEFAULT_RESOLVERS = (dict_or_attr_resolver, attr_resolver, dict_resolver)
_SLOW = None  # a field that takes graphql-core's path
_FAILED = object()  # the field needs graphql-core's path (see execute_fields)
_IMMUTABLE = (int, float, str, bytes, bool, enum.Enum)


def _reader(resolve: Any) -> Callable[[Any], Any] | None:
    """A function of the source giving what graphene's default resolver ``resolve`` gives,
    or ``None`` when ``resolve`` is anything else."""
    if not (
        isinstance(resolve, functools.partial)
        and resolve.func in _DEFAULT_RESOLVERS
        and len(resolve.args) == 2
        and not resolve.keywords
    ):
        return None
    attname, default = resolve.args
    if resolve.func is attr_resolver:
        return lambda source: getattr(source, attname, default)
    if resolve.func is dict_resolver:
        return lambda source: source.get(attname, default)

    def read(source: Any) -> Any:
        if isinstance(source, dict):
            return source.get(attname, default)
        return getattr(source, attname, default)

    return read


def _id_reader(resolve: Any, parent_type: GraphQLObjectType) -> Callable[[Any], Any] | None:
    """The same for a relay ``id`` field whose own value comes from the default resolver."""
    if not (isinstance(resolve, functools.partial) and resolve.func is GlobalID.id_resolver):
        return None
    if len(resolve.args) != 2 or set(resolve.keywords) - {"parent_type_name"}:
        return None
    parent_resolver, node = resolve.args
    read_id = _reader(parent_resolver)
    if read_id is None:
        return None
    type_name = resolve.keywords.get("parent_type_name") or parent_type.name
    to_global_id = node.to_global_id
    if _encodes_by_default(node):

        def read_cached(source: Any) -> Any:
            key = read_id(source)
            kind: Any = type(key)  # a class is hashable (typeshed's lru_cache says not)
            return _global_id(to_global_id, type_name, kind, key)

        return read_cached

    def read(source: Any) -> Any:
        return to_global_id(type_name, read_id(source))

    return read


def _encodes_by_default(node: Any) -> bool:
    """Whether ``node.to_global_id`` is graphene's own base64 of ``"Type:id"``: a value
    of its arguments alone."""
    own = getattr(node.to_global_id, "__func__", None)
    meta = getattr(node, "_meta", None)
    return own is Node.to_global_id.__func__ and (
        getattr(meta, "global_id_type", None) is DefaultGlobalIDType
    )


@functools.lru_cache(maxsize=4096)
def _global_id(
    to_global_id: Callable[[str, Any], str], type_name: str, _kind: type, key: Any
) -> str:
    """``to_global_id(type_name, key)``, remembered (``_kind``: ``1`` and ``True`` are
    equal keys with different ids)."""
    return to_global_id(type_name, key)


class _Plan:
    """How to read a plain field: ``read(source)``, then ``leaf.serialize`` the value or
    execute ``object_type``'s sub-selection on it."""

    __slots__ = ("keeps_strings", "leaf", "non_null", "object_type", "read")

    def __init__(
        self,
        read: Callable[[Any], Any],
        non_null: bool,
        leaf: GraphQLLeafType | None = None,
        object_type: GraphQLObjectType | None = None,
    ) -> None:
        self.read = read
        self.non_null = non_null
        self.leaf = leaf
        self.object_type = object_type
        # graphql-core's String and ID serialize a str to itself
        self.keeps_strings = leaf is GraphQLString or leaf is GraphQLID


def _plan(field: GraphQLField, parent_type: GraphQLObjectType) -> _Plan | None:
    if field.args:
        return _SLOW
    return_type = field.type
    non_null = isinstance(return_type, GraphQLNonNull)
    named = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
    if is_leaf_type(named):
        read = _reader(field.resolve) or _id_reader(field.resolve, parent_type)
        return _SLOW if read is None else _Plan(read, non_null, leaf=cast(GraphQLLeafType, named))
    if isinstance(named, GraphQLObjectType) and named.is_type_of is None:
        read = _reader(field.resolve)
        return _SLOW if read is None else _Plan(read, non_null, object_type=named)
    return _SLOW


def _serialized(leaf: GraphQLLeafType, value: Any) -> Any:
    """``leaf.serialize(value)``; ``_FAILED`` when graphql-core's path must resolve the
    field (so that the error is its own): a value ``serialize`` refuses."""
    try:
        serialized = leaf.serialize(value)
    except Exception:
        return _FAILED
    return _FAILED if serialized is None or serialized is Undefined else serialized


_PLAN_ATTR = "_lumbung_plan"  # (parent type, plan) kept on the field definition


def _plan_for(field: GraphQLField, parent_type: GraphQLObjectType) -> _Plan | None:
    cached = getattr(field, _PLAN_ATTR, None)
    if cached is not None and cached[0] is parent_type:
        return cached[1]
    plan = _plan(field, parent_type)
    setattr(field, _PLAN_ATTR, (parent_type, plan))
    return plan


# (named type, non-null, is a leaf) of an object or leaf type, non-null or not
_Kind = tuple[Any, bool, bool]
_KINDS: dict[GraphQLOutputType, _Kind | None] = {}


def _kind(return_type: GraphQLOutputType) -> _Kind | None:
    """``(named type, non-null, leaf)`` when ``return_type`` is an object or a leaf type,
    non-null or not; ``None`` for a list, an interface or a union."""
    try:
        return _KINDS[return_type]
    except KeyError:
        pass
    non_null = isinstance(return_type, GraphQLNonNull)
    named = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
    kind: _Kind | None = None
    if isinstance(named, GraphQLObjectType):
        kind = (named, non_null, False)
    elif is_leaf_type(named):
        kind = (cast(GraphQLLeafType, named), non_null, True)
    _KINDS[return_type] = kind
    return kind


# A selection's fields, each with its definition and plan (``None``: resolve it).
_Selection = list[tuple[str, list[FieldNode], GraphQLField | None, _Plan | None]]


class ExecutionContext(BatchingExecutionContext):
    """The project's executor: sibling batching plus the short paths (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (parent type, id of a collected selection) -> (that selection, its fields)
        self._lumbung_selections: dict[tuple[GraphQLObjectType, int], tuple[Any, _Selection]]
        self._lumbung_selections = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> Any:
        """graphql-core's ``execute_fields`` for synchronous resolvers, reading plain fields
        itself. A field's ``Path`` is built only when something needs it (a sub-selection,
        a resolver, an error): not for a plain leaf."""
        if self.middleware_manager or self.is_awaitable is not never_awaitable:
            return super().execute_fields(parent_type, source_value, path, fields)
        results = {}
        known = self._lumbung_selections.get((parent_type, id(fields)))
        if known is not None and known[0] is fields:
            selection = known[1]
        else:
            selection = self._selection(parent_type, fields)
        for response_name, field_nodes, field, plan in selection:
            if plan is None:
                field_path = Path(path, response_name, parent_type.name)
                value = self._execute_resolved(
                    parent_type, source_value, field_nodes, field, field_path
                )
            else:
                # what the plan reads, serialized for a leaf; None for a null the field
                # allows; _FAILED when graphql-core's path must resolve the field (so that
                # the error is its own): a null the field does not allow, an exception, a
                # value serialize refuses
                try:
                    value = plan.read(source_value)
                except Exception:
                    value = _FAILED
                else:
                    if value is None:
                        value = _FAILED if plan.non_null else None
                    elif plan.keeps_strings and type(value) is str:
                        pass  # what String's and ID's serialize give
                    elif isinstance(value, Exception):
                        value = _FAILED
                    elif plan.leaf is not None:
                        value = _serialized(plan.leaf, value)
                if value is _FAILED:
                    field_path = Path(path, response_name, parent_type.name)
                    value = self.execute_field(parent_type, source_value, field_nodes, field_path)
                elif value is not None and plan.object_type is not None:
                    field_path = Path(path, response_name, parent_type.name)
                    return_type = field.type  # type: ignore[union-attr]  # a plan has a field
                    value = self._execute_object(
                        plan.object_type, return_type, field_nodes, field_path, value
                    )
            if value is not Undefined:
                results[response_name] = value
        return results

    def _selection(
        self, parent_type: GraphQLObjectType, fields: dict[str, list[FieldNode]]
    ) -> _Selection:
        """Each field of ``fields`` with its definition and plan, worked out once per
        execution: ``fields`` is graphql-core's collected sub-selection, one object for
        every value completed with the same selection (kept in its ``_subfields_cache``
        for the whole execution, so its ``id`` is not reused meanwhile)."""
        selection: _Selection = []
        for response_name, field_nodes in fields.items():
            field = get_field_def(self.schema, parent_type, field_nodes[0])
            plan = _plan_for(field, parent_type) if field else _SLOW
            selection.append((response_name, field_nodes, field, plan))
        self._lumbung_selections[(parent_type, id(fields))] = (fields, selection)
        return selection

    def _execute_resolved(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_nodes: list[FieldNode],
        field: GraphQLField | None,
        path: Path,
    ) -> Any:
        """graphql-core's ``execute_field`` for a synchronous resolver and no middleware,
        with the field's definition already known and no arguments coerced for a field
        that has none: the same resolver call, completion and error handling."""
        if not field:
            return Undefined
        return_type = field.type
        resolve_fn = field.resolve or self.field_resolver
        info = self.build_resolve_info(field, field_nodes, parent_type, path)
        try:
            if field.args:
                result = resolve_fn(source, info, **self._arguments(field, field_nodes[0]))
            else:
                result = resolve_fn(source, info)
            return self.complete_value(return_type, field_nodes, info, path, result)
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, return_type, path)
            return None

    def _arguments(self, field: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """``get_argument_values`` for ``node``, coerced once per execution when every
        value is a number, a string, a boolean, an enum member or null (nothing a resolver
        could change for the next sibling): the variables do not change meanwhile."""
        cache: dict[tuple[int, int], tuple[GraphQLField, FieldNode, dict[str, Any]]]
        cache = self.__dict__.setdefault("_lumbung_arguments", {})
        key = (id(field), id(node))
        known = cache.get(key)
        if known is not None and known[0] is field and known[1] is node:
            return known[2]
        args = get_argument_values(field, node, self.variable_values)
        if all(value is None or isinstance(value, _IMMUTABLE) for value in args.values()):
            cache[key] = (field, node, args)
        return args

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> Any:
        """graphql-core's ``complete_value``, an object or leaf type (non-null or not)
        completed in one step: the same exception re-raised, the same error for a null
        in a non-null field, for a value ``is_type_of`` refuses and for one ``serialize``
        refuses, the same sub-selection."""
        kind = _KINDS.get(return_type) or _kind(return_type)
        if kind is None or self.is_awaitable is not never_awaitable:
            return super().complete_value(return_type, field_nodes, info, path, result)
        if isinstance(result, Exception):
            raise result
        named, non_null, leaf = kind
        if result is None or result is Undefined:
            if non_null:
                raise TypeError(
                    "Cannot return null for non-nullable field"
                    f" {info.parent_type.name}.{info.field_name}."
                )
            return None
        if leaf:
            return self.complete_leaf_value(named, result)
        object_type: Any = named  # (typing.cast is a call: not on this path)
        # collect_subfields, found in graphql-core's own cache under its own key for one
        # field node without a call
        one = len(field_nodes) == 1
        sub_fields = self._subfields_cache.get((object_type, id(field_nodes[0]))) if one else None
        if sub_fields is None:
            sub_fields = self.collect_subfields(object_type, field_nodes)
        if object_type.is_type_of and not object_type.is_type_of(result, info):
            raise invalid_return_type_error(object_type, result, field_nodes)
        return self.execute_fields(object_type, result, path, sub_fields)

    def _execute_object(
        self,
        object_type: GraphQLObjectType,
        return_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        path: Path,
        value: Any,
    ) -> Any:
        """``value``'s sub-selection, as ``complete_object_value`` runs it for a type with
        no ``is_type_of``; an error in it is handled as ``execute_field`` handles it."""
        try:
            one = len(field_nodes) == 1
            sub_fields = self._subfields_cache.get((object_type, id(field_nodes[0])))
            if sub_fields is None or not one:
                sub_fields = self.collect_subfields(object_type, field_nodes)
            return self.execute_fields(object_type, value, path, sub_fields)
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, return_type, path)
            return None
