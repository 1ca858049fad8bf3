"""Loader queries compiled once per thread and run with new keys: :class:`KeyedQuery`.

A loader asks the same query on every request with other keys
(``Category.objects.filter(pk__in=keys)``). Building that queryset and compiling it to
SQL costs Django more than PostgreSQL takes to answer it (about 0.3 ms each, eight of
them on a product page), and ``IN (%s, %s, …)`` changes with the number of keys. A
``KeyedQuery`` filters with ``<column> = ANY(%s)`` instead, so the SQL is the same for any
keys: it is compiled on first use in each thread (a connection belongs to one thread)
and then only executed, its rows turned into model instances as Django's own
``QuerySet`` iteration does (converters, ``select_related`` populators, annotations).

Only for querysets whose SQL does not depend on the moment or the request: no
``timezone.now()``, no user, no settings read while building it. Queries still go
through ``connection.cursor()``, so query counting (``CaptureQueriesContext``) and
execute wrappers see them as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections
from django.db.models import F, Lookup, Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators


class _Keys:
    """Stands for the list of keys in the compiled parameters."""

    __slots__ = ()


_KEYS = _Keys()


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


class _Compiled:
    """One thread's compiled query and what turning its rows into models needs."""

    __slots__ = (
        "_apply_converters",
        "annotations",
        "converters",
        "end",
        "init_list",
        "keys_at",
        "model",
        "params",
        "populators",
        "sql",
        "start",
    )

    def __init__(self, queryset: QuerySet, alias: str) -> None:
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()  # also fills select, klass_info, annotation_col_map
        self.sql = sql
        self.params = list(params)
        positions = [i for i, param in enumerate(self.params) if param is _KEYS]
        if len(positions) != 1:
            raise ValueError("A KeyedQuery needs exactly one list of keys in its SQL.")
        self.keys_at = positions[0]
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, alias)
        self.annotations = list(compiler.annotation_col_map.items())
        columns = [column[0] for column in select[: compiler.col_count]]
        self.converters = compiler.get_converters(columns)
        self._apply_converters = compiler.apply_converters

    def rows(self, keys: list[Any], alias: str) -> Iterable[Any]:
        params = list(self.params)
        params[self.keys_at] = keys
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            return self._apply_converters(rows, self.converters)
        return rows


class KeyedQuery:
    """``build()`` narrowed to rows whose ``field`` is one of the keys, compiled once.

    ``KeyedQuery(lambda: Category.objects.all(), "pk").fetch(keys)`` returns the same
    instances, in the same order, as ``list(Category.objects.filter(pk__in=keys))``.
    """

    def __init__(self, build: Callable[[], QuerySet], field: str, *, using: str = "default"):
        self.build = build
        self.field = field
        self.using = using
        self._local = threading.local()

    def _compiled(self) -> _Compiled:
        compiled = getattr(self._local, "compiled", None)
        if compiled is None:
            queryset = self.build().filter(_AnyOf(F(self.field), _KEYS))
            if queryset._prefetch_related_lookups or queryset._iterable_class is not ModelIterable:
                raise ValueError("A KeyedQuery yields model instances, without prefetches.")
            compiled = self._local.compiled = _Compiled(queryset, self.using)
        return compiled

    def fetch(self, keys: Iterable[Any]) -> list[Model]:
        keys = [key for key in keys if key is not None]
        if not keys:
            return []
        compiled = self._compiled()
        model, start, end, init_list = (
            compiled.model,
            compiled.start,
            compiled.end,
            compiled.init_list,
        )
        populators, annotations, alias = compiled.populators, compiled.annotations, self.using
        objects = []
        for row in compiled.rows(keys, alias):
            obj = model.from_db(alias, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects
