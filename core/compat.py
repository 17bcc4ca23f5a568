"""Every private API of Django, django-csp and psycopg the portal's apps rely on, and nowhere else.

(The page cache keeps its own, for Redis, in pagecache/compat.py: it imports no
app.) Each was checked against Django 5.2.19, django-csp 4.0 and psycopg 3.3.9
(requirements.txt); tests/core/test_compat.py fails when one of them changes
shape, so an upgrade shows here first.
"""

import functools

import psycopg
from psycopg import _queries


def compile_queryset(queryset) -> tuple[str, tuple, list]:
    """The SQL and parameters of `queryset` (a values_list), and the converters of its
    columns, as Query.get_compiler(), SQLCompiler.as_sql(), .select and
    .get_converters() give them: {column index: (functions, expression)}."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    return sql, tuple(params), list(converters.items())


def server_binding_cursor(connection):
    """A cursor of Django's PostgreSQL connection that sends parameters apart from the SQL
    (Django's own cursors inline them), so that psycopg can prepare a statement; its
    queries are logged like Django's (DatabaseWrapper._prepare_cursor)."""
    connection.ensure_connection()
    return connection._prepare_cursor(_StatementCursor(connection.connection))


@functools.lru_cache(maxsize=512)
def _split_statement(query: bytes, encoding: str):
    return _queries._query2pg_nocache(query, encoding)


class _StatementQuery(_queries.PostgresQuery):
    """psycopg turns each query's %s into $1, $2 … anew unless it is short (4 KB) and has few
    parameters (50): the statements of core/fastsql.py are a fixed few, compiled once per
    process, and some are long (the home page's blocks: a UNION of a part per category), so
    they are turned once and remembered (PostgresQuery.convert, with the cache always on)."""

    def convert(self, query, vars) -> None:
        if vars is None or not isinstance(query, str | bytes):
            return super().convert(query, vars)
        query = self._ensure_bytes(query)
        self.query, self._want_formats, self._order, self._parts = _split_statement(query, self._tx.encoding)
        self.dump(vars)
        return None


class _StatementCursor(psycopg.Cursor):
    _query_cls = _StatementQuery


def cache_related(instance, field_name: str, value) -> None:
    """Give `instance` its related object `value` already loaded, as select_related() does
    (ForeignKey.set_cached_value): no query when the page reads article.category. The
    public `article.category = value` would do it too, through the router's checks."""
    instance._meta.get_field(field_name).set_cached_value(instance, value)


def is_new_upload(field_file) -> bool:
    """Whether a FileField's value is an upload not stored yet (FieldFile._committed)."""
    return bool(field_file) and not getattr(field_file, "_committed", True)


def loosen_csp(response, directives: dict) -> None:
    """Add sources to this response's Content-Security-Policy, as django-csp's
    @csp_update decorator does (it sets response._csp_update)."""
    response._csp_update = directives


def csp_loosened(response) -> bool:
    """Whether loosen_csp() (or django-csp's @csp_update) already changed this response's policy."""
    return getattr(response, "_csp_update", None) is not None


def concrete_fields(model) -> tuple:
    """The fields of `model` that have a column, in the table's order (Options.concrete_fields)."""
    return tuple(model._meta.concrete_fields)


def drop_broken_connection(connection) -> None:
    """Close `connection` if it was kept open (CONN_MAX_AGE) and no longer answers, as Django
    does before a request's first query (BaseDatabaseWrapper.close_if_health_check_failed,
    called on request_started), so that the next query opens a fresh one."""
    connection.close_if_health_check_failed()
