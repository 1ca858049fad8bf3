"""Per-request batch loading without promises: ``BaseLoader`` and the sibling registry.

How it works
------------
graphql-core executes a synchronous query depth first: the whole sub-tree of the first
product in a list is resolved before the second product is looked at, so a loader
cannot wait for "all keys of this tick" as JavaScript's DataLoader does. Instead, when a
loader is asked about one object, it loads the keys of that object's *siblings* too:

* every list the executor completes (``[Product!]!``, a page of nodes, ...) is
  remembered as a group of siblings (``BatchingExecutionContext``);
* every batch a loader loads is remembered as a group as well, so one level down the
  siblings of a variant are all the variants loaded for the whole product page.

``VariantsByProductIdLoader(info.context).load_from(product, key=lambda p: p.pk)`` thus
loads the variants of every product of the page in one query on the first call and
answers the other products from the cache; ``.load(key)`` / ``.load_many(keys)`` load
explicit keys (with any queued ones). Query count stays constant per nesting level,
whatever the page size. Connection resolvers that hand out wrapper objects (edges)
call :func:`remember_siblings` with the nodes themselves.

Why this and not the alternatives (graphene 3.4, graphql-core 3.2.14 here)
--------------------------------------------------------------------------
* ``graphql-sync-dataloaders`` (DeferredExecutionContext + SyncDataLoader): unmaintained
  since 2022 and, from graphql-core 3.2.10 on, turns every resolver error into
  ``handle_field_error() missing ... 'path'``; it re-implements graphql-core's executor
  internals, which is why it broke. Rejected.
* graphene's asyncio ``DataLoader`` under an async view: the ORM would need
  ``sync_to_async`` around every batch, every resolver touching a loader becomes a
  coroutine, and graphql-core's async path costs an awaitable per field; the project's
  target is twice Saleor's throughput. Rejected.
* Sibling batching (this module): resolvers stay plain synchronous functions returning
  values, errors are ordinary exceptions (reported by the executor as usual), and the
  only executor hook is one overridden method calling ``super()``. The price: batching
  follows the shape of the data (lists and earlier batches), not arbitrary keys; a
  field asked for only some siblings (``@include``, fragments on one member of a union)
  may load a few keys nobody reads.

Loaders and sibling groups live on the request and are dropped after each operation
(:func:`clear_request_state`), so a batch of operations never sees stale rows.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from enum import Enum
from typing import Any, Generic, TypeVar

from django.db.models import Model
from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLUnionType,
    get_nullable_type,
)
from graphql.execution import ExecutionContext
from graphql.pyutils import is_iterable

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
M = TypeVar("M", bound=Model)

_STATE_ATTR = "_lumbung_graphql_state"


class _RequestState:
    __slots__ = ("groups", "loaders")

    def __init__(self) -> None:
        self.loaders: dict[type[BaseLoader], BaseLoader] = {}
        # id(object) -> the list it was returned in. The lists hold strong references,
        # so an id cannot be reused by another object while the state lives.
        self.groups: dict[int, list[Any]] = {}


def _state(context: Any) -> _RequestState:
    state = getattr(context, _STATE_ATTR, None)
    if state is None:
        state = _RequestState()
        setattr(context, _STATE_ATTR, state)
    return state


def clear_request_state(context: Any) -> None:
    """Forget every loader cache and sibling group of this request (between operations)."""
    if hasattr(context, _STATE_ATTR):
        delattr(context, _STATE_ATTR)


# Objects with a __dict__ that Python shares between unrelated places: not entities.
_SHARED = (Enum, type)


def remember_siblings(context: Any, objects: Iterable[Any]) -> None:
    """Record ``objects`` as returned together, so loaders batch over all of them: model
    instances and other objects with identity (a ``__dict__``); not ints, strings, enum
    members or classes, which Python shares between unrelated places."""
    group = [
        obj
        for obj in objects
        if getattr(obj, "__dict__", None) is not None and not isinstance(obj, _SHARED)
    ]
    if len(group) < 2:
        return
    groups = _state(context).groups
    size = len(group)
    for obj in group:
        # An object keeps its largest group: the variants of a product, completed as a
        # list, are also part of the loader batch that fetched every product's variants.
        known = groups.get(id(obj))
        if known is None or len(known) < size:
            groups[id(obj)] = group


def siblings_of(context: Any, obj: Any) -> list[Any]:
    """The group ``obj`` was returned in (``[obj]`` if none)."""
    group = _state(context).groups.get(id(obj))
    return group if group is not None else [obj]


class BaseLoader(Generic[K, V]):
    """A batch loader cached per request: ``ProductByIdLoader(info.context).load(pk)``.

    Subclasses implement :meth:`batch_load`, returning one value per key, in key order
    (``None`` or ``[]`` for keys with nothing).
    """

    context: Any
    _cache: dict[K, V]
    _queue: dict[K, None]
    _queued_groups: set[int]

    def __new__(cls, context: Any) -> BaseLoader[K, V]:
        """The request's loader of this class (state set up once per request here; no
        ``__init__``, so that each resolver's ``Loader(info.context)`` costs one call)."""
        state = getattr(context, _STATE_ATTR, None)
        loaders = (state or _state(context)).loaders
        loader = loaders.get(cls)
        if loader is None:
            loader = super().__new__(cls)
            loader.context = context
            loader._cache = {}
            loader._queue = {}  # insertion-ordered set
            loader._queued_groups = set()
            loaders[cls] = loader
        return loader

    def batch_load(self, keys: Sequence[K]) -> Sequence[V]:
        raise NotImplementedError

    def prime(self, keys: Iterable[K]) -> None:
        """Queue ``keys`` to be loaded with the next batch."""
        for key in keys:
            if key is not None and key not in self._cache:
                self._queue[key] = None

    def load(self, key: K) -> V:
        """The value for ``key``, loading it (and every queued key) if not cached."""
        try:
            return self._cache[key]
        except KeyError:
            pass
        self._queue[key] = None
        self._dispatch()
        return self._cache[key]

    def load_many(self, keys: Iterable[K]) -> list[V]:
        keys = list(keys)
        self.prime(keys)
        if self._queue:
            self._dispatch()
        return [self._cache[key] for key in keys]

    def load_from(self, obj: Any, key: Callable[[Any], K]) -> V:
        """The value for ``key(obj)``, loaded together with ``key(s)`` of obj's siblings."""
        own_key = key(obj)
        try:
            return self._cache[own_key]  # loaded with an earlier sibling
        except KeyError:
            pass
        group = siblings_of(self.context, obj)
        if len(group) > 1 and id(group) not in self._queued_groups:
            self._queued_groups.add(id(group))
            kind = type(obj)
            self.prime(key(sibling) for sibling in group if type(sibling) is kind)
        return self.load(own_key)

    def _dispatch(self) -> None:
        keys = list(self._queue)
        self._queue.clear()
        values = self.batch_load(keys)
        if len(values) != len(keys):
            raise ValueError(
                f"{type(self).__name__}.batch_load returned {len(values)} values "
                f"for {len(keys)} keys."
            )
        self._cache.update(zip(keys, values, strict=True))
        loaded: list[Any] = []
        for value in values:
            if isinstance(value, list | tuple):
                loaded.extend(value)
            elif value is not None:
                loaded.append(value)
        remember_siblings(self.context, loaded)


_OBJECT_TYPES = (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)


class BatchingExecutionContext(ExecutionContext):
    """graphql-core's executor, remembering every list of objects it completes."""

    def complete_list_value(
        self, return_type: GraphQLList, field_nodes: Any, info: Any, path: Any, result: Any,
        *args: Any, **kwargs: Any,
    ) -> Any:  # fmt: skip
        if is_iterable(result) and isinstance(
            get_nullable_type(return_type.of_type), _OBJECT_TYPES
        ):
            if not isinstance(result, list):
                result = list(result)
            remember_siblings(self.context_value, result)
        return super().complete_list_value(
            return_type, field_nodes, info, path, result, *args, **kwargs
        )


# --- keys of ``load_from``: C-level readers, no Python frame per object ------------------

#: an object's ``id``: the primary key of every model with Django's default one
by_id: Callable[[Any], Any] = operator.attrgetter("id")
#: an object's ``category_id``
by_category_id: Callable[[Any], Any] = operator.attrgetter("category_id")


# --- shapes of a batch: what ``batch_load`` returns -------------------------------------


def by_pk(rows: Iterable[M], keys: Sequence[Any]) -> list[M | None]:
    """One row (or ``None``) per key, in key order: the answer of a by-id loader."""
    found = {row.pk: row for row in rows}
    return [found.get(key) for key in keys]


def grouped(rows: Iterable[M], attr: str, keys: Sequence[Any]) -> list[list[M]]:
    """The rows whose ``attr`` is each key (``[]`` for none), in key order and in the
    rows' own order: the answer of a by-parent loader."""
    groups: dict[Any, list[M]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, attr)].append(row)
    return [groups.get(key, []) for key in keys]
