"""core.fastsql.Statement: a queryset compiled once, bound anew on each run."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core.fastsql import Statement
from tests.factories import make_article, make_category


@pytest.mark.django_db
def test_a_statement_answers_what_its_queryset_answers_for_every_value():
    category = make_category()
    now = timezone.now()
    made = [make_article(category=category, published_at=now - timedelta(days=n)) for n in range(5)]
    make_article(category=category, published_at=now + timedelta(days=1))  # scheduled
    statement = Statement(
        lambda category, now: Article.objects.published(now).filter(category_id=category).values_list("id", "title"),
        category=int,
        now=datetime,
    )
    for moment in (now, now - timedelta(days=2, hours=1), now + timedelta(days=2)):
        expected = list(Article.objects.published(moment).filter(category=category).values_list("id", "title"))
        assert [tuple(row) for row in statement.rows(category=category.pk, now=moment)] == expected
    assert statement.rows(category=category.pk + 1000, now=now) == []
    assert len(made) == 5


@pytest.mark.django_db
def test_a_statement_is_compiled_once_and_its_sql_is_the_orms():
    article = make_article()
    statement = Statement(lambda pk: Article.objects.filter(pk=pk).values_list("title"), pk=int)
    with CaptureQueriesContext(connection) as queries:
        assert statement.rows(pk=article.pk) == [[article.title]]
        assert statement.rows(pk=article.pk) == [[article.title]]
    sql, _ = Article.objects.filter(pk=article.pk).values_list("title").query.sql_with_params()
    assert len(queries) == 2 and len(statement._compiled) == 1
    assert queries[0]["sql"].split(" WHERE ")[0] == sql.split(" WHERE ")[0]


@pytest.mark.django_db
def test_converters_run_as_the_orm_runs_them():
    article = make_article()
    statement = Statement(lambda pk: Article.objects.filter(pk=pk).values_list("published_at", "allow_rating"), pk=int)
    [[published_at, allow_rating]] = statement.rows(pk=article.pk)
    assert published_at == article.published_at and published_at.tzinfo is not None
    assert allow_rating is True


@pytest.mark.django_db
def test_a_parameter_the_query_does_not_use_is_an_error_not_a_silent_constant():
    unused = Statement(lambda pk, now: Article.objects.filter(pk=pk).values_list("id"), pk=int, now=datetime)
    with pytest.raises(ImproperlyConfigured, match="now"):
        unused.rows(pk=1, now=timezone.now())
