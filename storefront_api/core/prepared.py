"""Querysets compiled once per thread and run with new values: :class:`KeyedQuery` and
:class:`PreparedQuery`.

A storefront asks the same queries on every request with other values: a loader's
``Category.objects.filter(pk__in=keys)``, the first page of a channel's product list.
Building such a queryset and compiling it to SQL costs Django more than PostgreSQL takes
to answer it (0.3–1.5 ms each). Here the SQL is compiled on first use in each thread (a
connection belongs to one thread) and then only executed with the new values, its rows
turned into model instances as Django's own ``QuerySet`` iteration does (converters,
``select_related`` populators, annotations). Queries still go through
``connection.cursor()``, so query counting (``CaptureQueriesContext``) and execute
wrappers see them as before.

* :class:`KeyedQuery` filters with ``<column> = ANY(%s)``, so one SQL text serves any
  number of keys.
* :class:`PreparedQuery` takes a function building the queryset from named values and
  checks, when compiling, that each value reaches the SQL as a parameter and nothing
  else does: built with two sets of stand-in values, the SQL must be the same and the
  parameters must differ exactly where the stand-ins are, else it refuses.

Only for querysets whose SQL depends on nothing but those values: the moment
(``timezone.now()``), the user and settings must come in as values or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import F, JSONField, Lookup, Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor, ImageFileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import (  # type: ignore[attr-defined]  # not in the stubs
    ModelIterable,
    get_related_populators,
)
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=Model)


class _Keys:
    """Stands for the list of keys in the compiled parameters."""

    __slots__ = ()


_KEYS = _Keys()
# Column types whose keys a KeyedQuery may send as the text of an integer array.
_INTEGER_COLUMNS = frozenset({"smallint", "integer", "bigint"})


class _AnyOf(Lookup):
    """``<lhs> = ANY(%s)`` with the whole list of keys as one array parameter."""

    lookup_name = "lumbung_any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [value]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY({rhs_sql})", [*lhs_params, *rhs_params]


# Descriptors whose ``__set__`` on an instance being built (nothing cached on it, no
# file before) only puts the value in its ``__dict__``.
_DICT_SETTERS = (ForeignKeyDeferredAttribute, FileDescriptor, ImageFileDescriptor)


def _descriptor(model: type[Model], name: str) -> Any:
    for klass in model.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return None


def _dict_fields(model: type[Model], init_list: list[str]) -> tuple[str, ...] | None:
    """``init_list`` when ``Model.from_db`` with a whole row of ``model`` comes down to
    setting those attributes in the new instance's ``__dict__``, in order, between the
    ``pre_init`` and ``post_init`` signals; ``None`` when it may do anything else (a
    model's own ``__init__``, ``from_db``, ``__new__`` or ``__setattr__``, a deferred
    column, a descriptor that does more on assignment)."""
    if (
        model.__init__ is not Model.__init__
        or model.from_db.__func__ is not Model.from_db.__func__  # type: ignore[attr-defined]
        or model.__new__ is not object.__new__
        or model.__setattr__ is not object.__setattr__
        or model._meta.abstract
    ):
        return None
    after_model = model.__mro__[model.__mro__.index(Model) + 1 :]
    if any("__init__" in klass.__dict__ for klass in after_model if klass is not object):
        return None  # Model.__init__ ends with super().__init__()
    if init_list != [field.attname for field in model._meta.concrete_fields]:
        return None
    for name in init_list:
        descriptor = _descriptor(model, name)
        setter = getattr(type(descriptor), "__set__", None)
        if setter is not None and type(descriptor) not in _DICT_SETTERS:
            return None
    return tuple(init_list)


def _from_db(model: type[Model], alias: str, names: tuple[str, ...], values: Any) -> Model:
    """What ``model.from_db(alias, names, values)`` gives for a model and row that
    :func:`_dict_fields` accepted, without ``__init__``'s ``setattr`` per field."""
    if pre_init.receivers:
        pre_init.send(sender=model, args=tuple(values), kwargs={})
    obj = object.__new__(model)
    state = obj._state = ModelState()
    obj.__dict__.update(zip(names, values, strict=True))
    if post_init.receivers:
        post_init.send(sender=model, instance=obj)
    state.adding = False
    state.db = alias
    return obj


def _quick_json(convert: Callable[..., Any]) -> Callable[..., Any]:
    """``JSONField.from_db_value`` (no decoder of its own), an empty object (the metadata
    of nearly every row) answered without the JSON decoder: ``json.loads("{}")`` is a
    new empty dict."""

    def convert_json(value: Any, expression: Any, connection: Any) -> Any:
        if value == "{}":
            return {}
        return convert(value, expression, connection)

    return convert_json


def _with_quick_json(
    converters: dict[int, tuple[list[Any], Any]],
) -> dict[int, tuple[list[Any], Any]]:
    """Django's converters of a compiled query, each plain JSONField's through
    :func:`_quick_json`."""
    for position, (functions, expression) in converters.items():
        converters[position] = (
            [
                _quick_json(function)
                if getattr(function, "__func__", None) is JSONField.from_db_value
                and getattr(function.__self__, "decoder", True) is None
                else function
                for function in functions
            ],
            expression,
        )
    return converters


class _Compiled:
    """One thread's compiled query, where its values go, and what turning its rows into
    models needs."""

    __slots__ = (
        "_apply_converters",
        "alias",
        "annotations",
        "converters",
        "dict_fields",
        "end",
        "init_list",
        "integer_keys",
        "model",
        "params",
        "populators",
        "slots",
        "sql",
        "start",
    )

    def __init__(self, queryset: QuerySet, alias: str) -> None:
        # Django's own (private) record of prefetch_related(), absent from the stubs
        prefetches = queryset._prefetch_related_lookups  # type: ignore[attr-defined]
        if prefetches or queryset._iterable_class is not ModelIterable:
            raise ValueError("A prepared query yields model instances, without prefetches.")
        self.alias = alias
        self.integer_keys = False  # see KeyedQuery._compiled
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()  # also fills select, klass_info, annotation_col_map
        self.sql = sql
        self.params = list(params)
        self.slots: list[tuple[int, str]] = []
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.dict_fields = _dict_fields(self.model, self.init_list)
        self.populators = get_related_populators(klass_info, select, alias)
        self.annotations = list(compiler.annotation_col_map.items())
        columns = [column[0] for column in select[: compiler.col_count]]
        self.converters = _with_quick_json(compiler.get_converters(columns))
        self._apply_converters = compiler.apply_converters

    def objects(self, values: Mapping[str, Any]) -> list[Model]:
        params = list(self.params)
        for position, name in self.slots:
            params[position] = values[name]
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows: Iterable[Any] = cursor.fetchall()
        if self.converters:
            rows = self._apply_converters(rows, self.converters)
        model, start, end, init_list = self.model, self.start, self.end, self.init_list
        populators, annotations, alias = self.populators, self.annotations, self.alias
        dict_fields = self.dict_fields
        objects = []
        for row in rows:
            if dict_fields is None:
                obj = model.from_db(alias, init_list, row[start:end])
            else:
                obj = _from_db(model, alias, dict_fields, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


class KeyedQuery(Generic[M]):
    """``build()`` narrowed to rows whose ``field`` is one of the keys, compiled once.

    ``KeyedQuery(Category.objects.all, "pk").fetch(keys)`` returns the same instances,
    in the same order, as ``list(Category.objects.filter(pk__in=keys))``.
    """

    def __init__(
        self, build: Callable[[], QuerySet[M]], field: str, *, using: str = "default"
    ) -> None:
        self.build = build
        self.field = field
        self.using = using
        self._local = threading.local()

    def _compiled(self) -> _Compiled:
        compiled = getattr(self._local, "compiled", None)
        if compiled is None:
            queryset = self.build().filter(_AnyOf(F(self.field), _KEYS))
            compiled = _Compiled(queryset, self.using)
            compiled.slots = [
                (i, "keys") for i, param in enumerate(compiled.params) if param is _KEYS
            ]
            if len(compiled.slots) != 1:
                raise ValueError("A KeyedQuery needs exactly one list of keys in its SQL.")
            lookup = queryset.query.where.children[-1]
            if isinstance(lookup, _AnyOf):
                column_type = lookup.lhs.output_field.db_type(connections[self.using])
                compiled.integer_keys = column_type in _INTEGER_COLUMNS
            self._local.compiled = compiled
        return compiled

    def fetch(self, keys: Iterable[Any]) -> list[M]:
        keys = [key for key in keys if key is not None]
        if not keys:
            return []
        compiled = self._compiled()
        keys_param: Any = keys
        if compiled.integer_keys and set(map(type, keys)) == {int}:
            # PostgreSQL's own text of an integer array: the column's type reads it (as
            # with psycopg's '{…}'::int2[] for a list), and psycopg quotes one string
            # in a fifth of the time it takes to dump a list of ints.
            keys_param = "{" + ",".join(map(str, keys)) + "}"
        # the compiled query makes instances of the queryset's model, which is M
        return compiled.objects({"keys": keys_param})  # type: ignore[return-value]


class PreparedQuery(Generic[M]):
    """``build(shape, **values)`` compiled once per thread and shape, run with new values.

    ``stand_ins`` gives two unlikely values for each name (``{"now": (t1, t2)}``); the
    queryset built with each set must compile to the same SQL, with those values, and
    only those, as parameters that differ. ``shape`` is what changes the SQL text itself
    (a ``LIMIT``, a choice of ordering): one compiled query per shape, so keep shapes few.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet[M]],
        stand_ins: Mapping[str, tuple[Any, Any]],
        *,
        using: str = "default",
    ) -> None:
        self.build = build
        self.stand_ins = dict(stand_ins)
        self.using = using
        self._local = threading.local()

    def _compiled(self, shape: Hashable) -> _Compiled:
        cache: dict[Hashable, _Compiled] = self._local.__dict__.setdefault("compiled", {})
        compiled = cache.get(shape)
        if compiled is None:
            compiled = cache[shape] = self._prepare(shape)
        return compiled

    def _prepare(self, shape: Hashable) -> _Compiled:
        first = {name: pair[0] for name, pair in self.stand_ins.items()}
        second = {name: pair[1] for name, pair in self.stand_ins.items()}
        compiled = _Compiled(self.build(shape, **first), self.using)
        other = _Compiled(self.build(shape, **second), self.using)
        if other.sql != compiled.sql or len(other.params) != len(compiled.params):
            raise ValueError("A prepared query's SQL must not depend on its values.")
        for position, (one, two) in enumerate(zip(compiled.params, other.params, strict=True)):
            if one == two:
                continue
            name = next((n for n in first if first[n] == one and second[n] == two), None)
            if name is None:
                raise ValueError(f"Parameter {position} of a prepared query is not a value.")
            compiled.slots.append((position, name))
        if {name for _position, name in compiled.slots} != set(first):
            raise ValueError("Every value of a prepared query must reach its SQL.")
        return compiled

    def fetch(self, shape: Hashable = None, **values: Any) -> list[M]:
        if set(values) != set(self.stand_ins):
            raise TypeError(f"A prepared query takes exactly {sorted(self.stand_ins)}.")
        # the compiled query makes instances of the queryset's model, which is M
        return self._compiled(shape).objects(values)  # type: ignore[return-value]
