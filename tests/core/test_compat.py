"""The private Django, django-csp and psycopg APIs of core/compat.py still work as it expects.

Each test fails when an upgrade changes one of them: fix core/compat.py, nothing else.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core import compat
from core.middleware import ContentSecurityPolicyMiddleware
from tests.factories import image_upload, make_article


@pytest.mark.django_db
def test_compile_queryset_gives_sql_parameters_and_converters():
    sql, params, converters = compat.compile_queryset(
        Article.objects.filter(pk=41).values_list("id", "published_at", "allow_rating")
    )
    assert "%s" in sql and 41 in params
    assert all(isinstance(index, int) and callable(functions[0]) for index, (functions, _) in converters)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side binding: PostgreSQL only")
def test_the_server_binding_cursor_sends_parameters_apart_and_is_logged():
    import psycopg

    article = make_article()
    with CaptureQueriesContext(connection) as queries, compat.server_binding_cursor(connection) as cursor:
        assert isinstance(cursor.cursor, psycopg.Cursor)  # not Django's ClientCursor, which inlines them
        assert not isinstance(cursor.cursor, psycopg.ClientCursor)
        cursor.execute("SELECT title FROM articles_article WHERE id = %s", [article.pk])
        assert cursor.fetchall() == [(article.title,)]
    assert len(queries) == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side binding: PostgreSQL only")
def test_a_long_statement_is_turned_into_postgresqls_form_once(monkeypatch):
    from psycopg import _queries

    article = make_article()
    # Longer than psycopg's own cache takes (4 KB), with more parameters (50): the home page's blocks.
    parts = " UNION ALL ".join(f"SELECT title FROM articles_article WHERE id = %s AND {n} = {n}" for n in range(60))  # noqa: S608 - numbers only
    assert len(parts) > _queries.MAX_CACHED_STATEMENT_LENGTH
    turned, original = [], _queries._query2pg_nocache
    monkeypatch.setattr(_queries, "_query2pg_nocache", lambda *args: turned.append(1) or original(*args))
    compat._split_statement.cache_clear()
    for pk in (article.pk, article.pk + 1000, article.pk):
        with compat.server_binding_cursor(connection) as cursor:
            cursor.execute(parts, [pk] * 60)
            assert cursor.fetchall() == ([(article.title,)] * 60 if pk == article.pk else [])
    assert len(turned) == 1


@pytest.mark.django_db
def test_is_new_upload_tells_a_fresh_upload_from_a_stored_file():
    assert not compat.is_new_upload(make_article().lead_image)  # empty
    stored = make_article(lead_image=image_upload(), lead_image_alt="Ảnh").lead_image
    assert stored.name and not compat.is_new_upload(stored)
    stored.instance.lead_image = SimpleUploadedFile("a.jpg", image_upload().read())
    assert compat.is_new_upload(stored.instance.lead_image)


@pytest.mark.django_db
def test_cache_related_spares_the_query_of_a_related_object(django_assert_num_queries):
    article = make_article()
    fresh = Article.objects.only("id", "category_id").get(pk=article.pk)
    compat.cache_related(fresh, "category", article.category)
    with django_assert_num_queries(0):
        assert fresh.category.name == article.category.name


def test_concrete_fields_are_the_columns_in_table_order():
    names = [field.name for field in compat.concrete_fields(Article)]
    assert names[0] == "id" and "lead_image" in names and "category" in names
    assert "tags" not in names and "votes" not in names  # many-to-many and reverse relations have no column


def test_loosen_csp_adds_sources_to_this_response_only():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    loosened = HttpResponse()
    compat.loosen_csp(loosened, {"style-src": ["'unsafe-inline'"]})
    request = RequestFactory().get("/")
    header = middleware.process_response(request, loosened)["Content-Security-Policy"]
    plain = middleware.process_response(request, HttpResponse())["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in header
    assert "unsafe-inline" not in plain


@pytest.mark.django_db
def test_drop_broken_connection_keeps_a_connection_that_answers():
    connection.ensure_connection()
    kept = connection.connection
    connection.health_check_done = False  # as at the start of a request
    compat.drop_broken_connection(connection)
    assert connection.connection is kept and connection.health_check_done
