"""Querysets compiled once per process, run with new parameters on each request.

A page made afresh (not from the page cache) runs a few small queries whose SQL
never changes, only their parameters. Built by the ORM on every request they cost
about 4 ms of CPU on the article page - more than everything else together. A
Statement builds its queryset once, with marker values where the parameters go,
keeps the SQL Django compiled from it, and on each run puts the real values
where the markers were. So the rules stay written once, in the querysets
(Article.objects.published() ...), and the SQL is the ORM's own.

The site being served (core/sites.py) is a parameter like the others: a statement is
compiled under a marker site, so the SQL keeps a slot where the site's id goes, and each
run fills it with the site of the page being made.

On PostgreSQL a statement is sent with its parameters apart, so that psycopg
prepares it after 5 runs on a connection (DB_PREPARED_STATEMENTS=0 turns that
off) and PostgreSQL stops planning it anew.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, router

from .compat import compile_queryset, server_binding_cursor
from .sites import current_site_id, serving

# Marker values: no real id or moment is ever one of them.
_INT_MARKER = 918_273_645_000
_DATETIME_MARKER = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)
_SITE_MARKER = _INT_MARKER - 1
_SITE = "__site__"


def _marker(kind: type, index: int):
    if kind is int:
        return _INT_MARKER + index
    if kind is datetime:
        return _DATETIME_MARKER.replace(microsecond=index + 1)
    if kind is str:
        return f"\x1f{_INT_MARKER + index}\x1f"  # a control character no address or name holds
    raise TypeError(f"a Statement parameter is an int, a datetime or a str, not {kind}")


def _adapt(kind: type, value, db):
    """A value as the database's driver takes it, as the ORM would pass it (SQLite: text)."""
    return db.ops.adapt_datetimefield_value(value) if kind is datetime else value


class Statement:
    """`build(**markers)` -> a values_list queryset, or a tuple of them for UNION ALL.

    `parameters` names each argument of `build` and its type (int, datetime or str: a value
    compared as it is, `field=value`; not one the ORM rewrites, as `__contains` does).
    prepared=False for a statement whose best plan depends on its parameters.
    """

    def __init__(self, build: Callable, prepared: bool = True, **parameters: type):
        self.build = build
        self.parameters = parameters
        self.prepared = prepared
        self._compiled: dict[str, tuple] = {}

    @cached_property
    def model(self):
        """The model the statement reads, for the database router (a replica for readers' pages)."""
        markers = {name: _marker(kind, index) for index, (name, kind) in enumerate(self.parameters.items())}
        with serving(_SITE_MARKER):
            built = self.build(**markers)
        return (built[0] if isinstance(built, tuple) else built).model

    def _compile(self) -> tuple:
        markers = {name: _marker(kind, index) for index, (name, kind) in enumerate(self.parameters.items())}
        with serving(_SITE_MARKER):
            built = self.build(**markers)
            parts = [compile_queryset(queryset) for queryset in (built if isinstance(built, tuple) else (built,))]
        if len(parts) == 1:
            sql = parts[0][0]
        else:
            # The ORM's own SQL of each part (values are %s parameters), side by side.
            sql = " UNION ALL ".join(
                f"SELECT * FROM ({part_sql}) AS part{n}"  # noqa: S608
                for n, (part_sql, _, _) in enumerate(parts)
            )
        adapted = {_adapt(self.parameters[name], marker, connection): name for name, marker in markers.items()}
        adapted[_SITE_MARKER] = _SITE
        # Each parameter: the name of the argument it comes from, or the constant the ORM put there.
        slots = tuple((adapted.get(value), value) for _, params, _ in parts for value in params)
        missing = set(markers) - {name for name, _ in slots}
        if missing:
            raise ImproperlyConfigured(f"Statement: the query does not use {', '.join(sorted(missing))}")
        return sql, slots, parts[0][2]

    def rows(self, **values) -> list[list]:
        """The rows for these values of the parameters, each column converted as the ORM would."""
        # This thread's connection to the database the router chose (core/dbrouter.py: the
        # replica for a reader's page), looked up once (`connection` is a proxy of the default).
        db = connections[router.db_for_read(self.model)]
        compiled = self._compiled.get(db.vendor)
        if compiled is None:
            compiled = self._compiled[db.vendor] = self._compile()
        sql, slots, converters = compiled
        kinds = self.parameters
        adapted = {name: _adapt(kinds[name], value, db) for name, value in values.items()}
        adapted[_SITE] = current_site_id()
        params = [constant if name is None else adapted[name] for name, constant in slots]
        use_server_binding = self.prepared and db.vendor == "postgresql"
        with server_binding_cursor(db) if use_server_binding else db.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [list(row) for row in cursor.fetchall()]
        if converters:
            for row in rows:
                for index, (functions, expression) in converters:
                    for convert in functions:
                        row[index] = convert(row[index], expression, db)
        return rows


def plan_once(sender, connection, **kwargs):
    """On a new PostgreSQL connection whose statements are prepared: plan each
    prepared statement once (a generic plan) instead of letting PostgreSQL plan
    it anew whenever its estimate of the generic plan looks worse - which, for
    the article page's neighbours (index range scans on 100,000 articles), was
    every time and cost 0.35 ms. Only Statements with prepared=True can be
    prepared (Django inlines the parameters of its own queries), and each of
    them has one good plan whatever its parameters."""
    if connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None:
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")
