"""Dashboard queries compiled once and then run as SQL.

Building a dashboard's queryset (the policy's scope, the findings, the columns) and
compiling it to SQL costs Django 1.5–3 ms of CPU, whatever the number of rows — more than
PostgreSQL needs to run the query (docs/performance.md, "Dashboard (PostgreSQL)"). The
SQL of a given user's page does not change between requests: it is a function of what
the policy's scope depends on (``policy.scope_key``), the language and the filters, and
everything that changes with the data (team membership, responsible coach, the findings)
is inside the SQL as subqueries and joins, read when the query runs.

So a page's query is built by the same code as before (the policy's ``clients_for``,
``findings.finding_rows``), compiled once per key and database connection, and then run
with ``cursor.execute``: the scope is still defined in one place only, the policy.
``Prepared`` keeps the SQL, its parameters and the backend's value converters (SQLite's
date parsing; none on PostgreSQL), so the rows are the same tuples ``values_list`` gives.

The cache is per database connection object (Django keeps one per thread), bounded
(``CACHE_SIZE`` keys, least recently used dropped first), and never needs invalidating:
a key that changes meaning cannot exist, because each key names every input of its SQL.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

CACHE_SIZE = 512

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A compiled query: ``sql`` with ``params``, and per result column the backend's
    converters (``(position, converters, expression)``; empty on PostgreSQL)."""

    sql: str
    params: tuple[Any, ...]
    converters: tuple[tuple[int, tuple[Converter, ...], Any], ...]
    alias: str

    def run(self, limit: int | None = None, offset: int = 0) -> list[tuple[Any, ...]]:
        """The rows as tuples; ``limit``/``offset`` page them in SQL."""
        sql, params = self.sql, self.params
        if limit is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            params = (*params, limit, offset)
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
        if not self.converters:
            return rows
        return [self._convert(row, connection) for row in rows]

    def _convert(self, row: Sequence[Any], connection: BaseDatabaseWrapper) -> tuple[Any, ...]:
        values = list(row)
        for position, converters, expression in self.converters:
            value = values[position]
            for converter in converters:
                value = converter(value, expression, connection)
            values[position] = value
        return tuple(values)


_caches: weakref.WeakKeyDictionary[BaseDatabaseWrapper, OrderedDict[Hashable, Prepared | None]]
_caches = weakref.WeakKeyDictionary()


def compile_queryset(queryset: QuerySet[Any]) -> Prepared | None:
    """Compile ``queryset`` (a ``values_list`` query) on its database; None when the
    query is known to be empty (e.g. a policy's ``none()``)."""
    alias = queryset.db
    compiler = queryset.query.get_compiler(using=alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
    )
    return Prepared(sql, tuple(params), converters, alias)


def compile_count(queryset: QuerySet[Any]) -> Prepared | None:
    """Compile the count of ``queryset``'s rows (``SELECT COUNT(*)`` over its ids)."""
    inner = compile_queryset(queryset.order_by().values_list("pk"))
    if inner is None:
        return None
    # Django's own compiled SQL inside a fixed wrapper: no value is formatted into it.
    sql = f"SELECT COUNT(*) FROM ({inner.sql}) counted"  # noqa: S608
    return Prepared(sql, inner.params, (), inner.alias)


def prepared(
    key: Hashable,
    build: Callable[[], QuerySet[Any]],
    compiler: Callable[[QuerySet[Any]], Prepared | None] = compile_queryset,
) -> Prepared | None:
    """The compiled query of ``key``: ``compiler(build())`` on the first call for this key
    on this thread's connection, the cached result after that.

    ``key`` must name everything the SQL of ``build()`` depends on (see the module's
    docstring); the query runs on the default database.
    """
    connection = connections["default"]
    cache = _caches.get(connection)
    if cache is None:
        cache = _caches[connection] = OrderedDict()
    try:
        found = cache[key]
    except KeyError:
        found = cache[key] = compiler(build())
        if len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return found


def clear() -> None:
    """Forget every compiled query (tests; a deployment never needs it)."""
    _caches.clear()


class PreparedRows:
    """The rows of a prepared query as a sequence a ``Paginator`` can page: ``count()``
    runs the prepared count query, a slice runs the rows' query with LIMIT/OFFSET,
    iterating runs it whole."""

    def __init__(self, rows: Prepared | None, count: Callable[[], Prepared | None]) -> None:
        self.rows = rows
        self._count = count
        self._counted: int | None = None

    def count(self) -> int:
        if self._counted is None:
            counted = self._count()
            self._counted = int(counted.run()[0][0]) if counted is not None else 0
        return self._counted

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> tuple[Any, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Any, ...] | list[tuple[Any, ...]]:
        if self.rows is None:
            if isinstance(index, slice):
                return []
            raise IndexError(index)
        if isinstance(index, slice):
            start, stop, step = index.start or 0, index.stop, index.step
            if step not in (None, 1) or start < 0 or (stop is not None and stop < 0):
                raise ValueError("only forward slices without a step")
            if stop is None:
                return self.rows.run()[start:]
            return self.rows.run(limit=max(stop - start, 0), offset=start)
        found = self.rows.run(limit=1, offset=index) if index >= 0 else []
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows.run() if self.rows is not None else [])
