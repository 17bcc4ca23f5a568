"""The search table by month (migration 0020, articles/searchindex.py): kept by the database's
trigger whatever writes the article, the same results as the article table's own path, read
newest month first through the index."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search, searchindex
from articles.models import Article
from core.sites import serving
from core.text import search_document, search_words
from tests.factories import make_article, make_category, make_site

from .test_search_index import big_archive  # noqa: F401 - a fixture


@pytest.fixture
def table(db):
    if not searchindex.available():
        pytest.skip("the search table is PostgreSQL's (migration 0020); SQLite searches with LIKE")


def entry(article_id: int):
    """(site, status, published_at, expires_at, its partition) of an article's row, or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT site_id, status, published_at, expires_at, tableoid::regclass::text"
            " FROM articles_search WHERE article_id = %s",
            [article_id],
        )
        rows = cursor.fetchall()
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def month_of(moment: datetime) -> str:
    return f"articles_search_{moment.astimezone(UTC):%Y%m}"


def test_the_table_follows_every_write(table):
    now = timezone.now()
    article = make_article(title="Hội nghị Tân Thới", published_at=now - timedelta(days=1))
    assert entry(article.pk)[:2] == (1, "published") and entry(article.pk)[4] == month_of(article.published_at)

    article.published_at = now - timedelta(days=400)  # another month, another partition
    article.save()
    assert entry(article.pk)[2] == article.published_at and entry(article.pk)[4] == month_of(article.published_at)

    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert entry(article.pk)[1] == "unpublished"

    Article.objects.filter(pk=article.pk).update(status="published", expires_at=now - timedelta(days=2))  # raw UPDATE
    assert entry(article.pk)[1:4] == ("published", article.published_at, now - timedelta(days=2))

    other = make_site("xa2.example.com", "Đảng ủy xã thử")
    Article.objects.filter(pk=article.pk).update(site_id=other.pk)
    assert entry(article.pk)[0] == other.pk

    Article.objects.filter(pk=article.pk).delete()
    assert entry(article.pk) is None


def test_a_write_that_changes_nothing_searched_leaves_the_row(table):
    article = make_article(title="Hội nghị Tân Thới")
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM articles_search WHERE article_id = %s", [article.pk])
        before = cursor.fetchone()
        Article.objects.filter(pk=article.pk).update(rating_sum=5, rating_count=1)  # a vote
        cursor.execute("SELECT xmin::text FROM articles_search WHERE article_id = %s", [article.pk])
        assert cursor.fetchone() == before


def test_bulk_create_and_a_month_with_no_partition_yet(table):
    category = make_category()
    old = datetime(1998, 3, 15, 8, tzinfo=UTC)  # before any partition the migration made
    rows = [
        Article(
            title=f"Tin Tân Thới {n}",
            slug=f"tin-tan-thoi-{n}",
            category=category,
            site_id=category.site_id,
            status=Article.Status.PUBLISHED,
            published_at=old + timedelta(days=n),
            search_title=search_document(f"Tin Tân Thới {n}"),
            search_text=search_document(f"Tin Tân Thới {n}"),
        )
        for n in range(3)
    ]
    made = Article.objects.bulk_create(rows)
    assert [entry(article.pk)[4] for article in made] == ["articles_search_199803"] * 3
    searchindex._oldest.clear()  # as a new process would see it (the last window reads past it anyway)
    assert {pk for _rank, _when, pk in search.search_articles(["tan", "thoi"])} == {a.pk for a in made}


@pytest.fixture
def mixed(db):
    """Drafts, scheduled, expired, published articles, and another site's, over two years."""
    now = timezone.now()
    category = make_category()
    other = make_site("xa3.example.com", "Đảng ủy xã khác")
    made = []
    for n in range(60):
        made.append(
            make_article(
                title=f"Nông thôn mới {'Tân Thới' if n % 7 == 0 else 'xã'} số {n}",
                summary="Xã Tân Thới về đích nông thôn mới." if n % 3 else "Tin khác.",
                category=category,
                status=Article.Status.DRAFT if n % 11 == 0 else Article.Status.PUBLISHED,
                published_at=now + timedelta(days=3) if n % 13 == 0 else now - timedelta(days=12 * n + 1),
                expires_at=now - timedelta(hours=1) if n % 17 == 5 and n % 13 else None,
            )
        )
    with serving(other):
        other_category = make_category()
        for n in range(10):
            make_article(title=f"Nông thôn mới Tân Thới bên kia {n}", category=other_category)
    return other


@pytest.mark.parametrize("phrase", ["nông thôn mới", "tân thới", "nông thôn mới tân thới", "không có"])
@pytest.mark.parametrize("bound", [1000, 7])
def test_the_same_results_as_the_article_table(table, mixed, monkeypatch, phrase, bound):
    monkeypatch.setattr(search, "MAX_RESULTS", bound)
    monkeypatch.setattr(search, "TITLE_RESULTS", 3)
    words = search_words(phrase)
    with serving(1):
        by_month = search.search_articles(words)
    network = search.search_articles(words, sites=[1, mixed.pk])
    monkeypatch.setattr(searchindex, "available", lambda: False)
    with serving(1):
        assert search.search_articles(words) == by_month
    assert search.search_articles(words, sites=[1, mixed.pk]) == network
    if phrase != "không có":
        assert (by_month and len(network) > len(by_month)) or bound == 7


def test_the_windows_read_the_newest_months_first_through_the_index(table, big_archive):  # noqa: F811
    """2,000 articles an hour apart (three months): the 20 newest are in this month's partition."""
    words = search_words("nông thôn mới")
    with CaptureQueriesContext(connection) as queries:
        found = search.search_articles(words)
    windows = [query["sql"] for query in queries.captured_queries if "FROM (SELECT" in query["sql"]]
    assert len(found) == 400 and windows
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_search")  # as autovacuum would, after 2,000 new rows
        cursor.execute("SET LOCAL enable_seqscan = off")  # as the search does (searchindex.newest)
        for sql in windows:
            cursor.execute("EXPLAIN " + sql)
            shown = "\n".join(row[0] for row in cursor.fetchall())
            assert "articles_article" not in shown and "Seq Scan" not in shown, shown
            # (a window older than every partition reads none: "One-Time Filter: false")
            assert "Bitmap Index Scan on articles_search_" in shown or "One-Time Filter: false" in shown, shown
    first_partition = month_of(timezone.now())
    cursor = connection.cursor()
    cursor.execute("EXPLAIN " + windows[0])
    shown = "\n".join(row[0] for row in cursor.fetchall())
    assert shown.count(" on articles_search_") == 2 and first_partition in shown, shown  # heap and index: one partition


def test_a_search_stops_at_the_months_it_needs(table, big_archive, monkeypatch):  # noqa: F811
    monkeypatch.setattr(search, "MAX_RESULTS", 20)
    with CaptureQueriesContext(connection) as queries:
        found = search.search_articles(search_words("nông thôn mới"))
    windows = [query["sql"] for query in queries.captured_queries if "(search_vector @@ to_tsquery" in query["sql"]]
    # 400 matches an hour apart, the 20 newest in this month: one window, one partition.
    assert len(found) >= 20 and len(windows) == 1, windows


@pytest.mark.django_db(transaction=True)
def test_migration_0020_is_reversible_and_copies_the_articles(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the search table is PostgreSQL's")
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(searchindex, "_available", {})
    monkeypatch.setattr(searchindex, "_oldest", {})
    article = make_article(title="Đại hội Đảng bộ xã Tân Thới", published_at=timezone.now() - timedelta(days=900))
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("articles", "0019_search_rum_index")])
        assert not searchindex.available()
        assert [pk for _r, _w, pk in search.search_articles(["tan", "thoi"])] == [article.pk]  # the RUM/GIN path
        article.title = "Đại hội Đảng bộ xã Tân Thới nhiệm kỳ mới"
        article.save()  # no trigger now: the copy below must see it
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        searchindex._available.clear()
        searchindex._oldest.clear()
    assert searchindex.available()
    assert entry(article.pk)[4] == month_of(article.published_at)
    assert [pk for _r, _w, pk in search.search_articles(["nhiem", "ky"])] == [article.pk]


def test_a_small_archive_is_read_through_the_rum_index_in_one_query(table, mixed, monkeypatch):
    """Under searchindex.SMALL_ARCHIVE articles (PostgreSQL's estimate) one look-up of the RUM
    index costs less than a window per month: the same results, one statement, no partition."""
    if not search.rum_index():
        pytest.skip("the RUM extension is not installed on this server (Debian: postgresql-15-rum)")
    words = search_words("nông thôn mới")
    with serving(1):
        by_month = search.search_articles(words)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")  # as autovacuum does: the estimate the choice reads
    searchindex._size.clear()  # as SIZE_SECONDS later
    monkeypatch.setattr(searchindex, "SMALL_ARCHIVE", 20_000)
    with serving(1), CaptureQueriesContext(connection) as queries:
        assert search.search_articles(words) == by_month
        search.search_articles(search_words("tân thới"))  # the size is read once
    searched = [query["sql"] for query in queries.captured_queries if "to_tsquery" in query["sql"]]
    assert len(searched) == 2 and all("articles_search" not in sql and "<=|" in sql for sql in searched), searched
    assert sum("reltuples" in query["sql"] for query in queries.captured_queries) == 1

    monkeypatch.setattr(searchindex, "SMALL_ARCHIVE", 50)  # the 70 articles are more: by month again
    searchindex._size.clear()
    with serving(1), CaptureQueriesContext(connection) as queries:
        assert search.search_articles(words) == by_month
    assert any("articles_search" in query["sql"] for query in queries.captured_queries)


def test_an_archive_of_unknown_size_is_searched_by_month(table, mixed, monkeypatch):
    """A table PostgreSQL has not analysed yet (a fresh import of a million articles) is not
    taken for a small one."""
    monkeypatch.setattr(searchindex, "SMALL_ARCHIVE", 20_000)
    searchindex._size[searchindex._key()] = (float("inf"), -1.0)  # what PostgreSQL says of a table never analysed
    assert not searchindex.small_archive()
    with serving(1), CaptureQueriesContext(connection) as queries:
        search.search_articles(search_words("nông thôn mới"))
    assert any("articles_search" in query["sql"] for query in queries.captured_queries)
