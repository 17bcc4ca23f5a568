"""Search through an index: the ranking, both spellings, bad input, and costs that do not grow.

On PostgreSQL the articles' words are read from the search table by month (migration 0020,
tests/articles/test_search_table.py); without it from the RUM index in date order (0019),
or from the GIN index (0007); on SQLite with LIKE. The same results on every path.
"""

import unicodedata
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search, searchindex
from articles.models import Article
from core.text import search_document, search_words
from tests.factories import make_article, make_category

from .test_search_tags_topics import found

GIN = "article_search_vector_idx"
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the word indexes are PostgreSQL's")


@pytest.fixture
def rum(db, monkeypatch):
    """The RUM path, as on a PostgreSQL without the search table of migration 0020; skipped
    where the extension cannot be (SQLite, a server without it)."""
    monkeypatch.setattr(searchindex, "available", lambda: False)
    if connection.vendor != "postgresql":
        pytest.skip("RUM is a PostgreSQL extension; SQLite searches with LIKE")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            pytest.skip("the RUM extension is not installed on this server (Debian: postgresql-15-rum)")
    assert search.rum_index()  # installed, so migration 0019 made the index


@pytest.fixture
def no_rum(db, monkeypatch):
    """The GIN path, as on a PostgreSQL without the extension: the indexes as migration 0019
    leaves them there, for this test (its transaction puts them back), without the search table."""
    monkeypatch.setattr(searchindex, "available", lambda: False)
    monkeypatch.setattr(search, "rum_index", lambda: False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no DDL while foreign keys wait to be checked
            cursor.execute(f"DROP INDEX IF EXISTS {search.RUM_INDEX}")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {GIN} ON articles_article USING gin (search_vector)")


@pytest.fixture
def archive(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category = make_category(name="Thời sự")
    now = timezone.now()
    newer = [
        make_article(
            title=f"Tin số {n}",
            summary="Đại hội Đảng bộ xã Tân Thới nhiệm kỳ mới.",
            category=category,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(6)
    ]
    exact = make_article(title="Đại hội Đảng bộ xã Tân Thới", category=category, published_at=now - timedelta(days=400))
    words = make_article(
        title="Xã Tân Thới chuẩn bị đại hội Đảng bộ", category=category, published_at=now - timedelta(days=2)
    )
    return {"newer": newer, "exact": exact, "words": words}


def test_the_exact_title_match_ranks_first_however_old(client, archive):
    titles = found(client, "đại hội đảng bộ xã tân thới")
    assert titles[0] == archive["exact"].title
    assert titles[1] == archive["words"].title  # every word in the title, not as a phrase
    assert titles[2:] == [article.title for article in archive["newer"]]  # then the newest first


def test_the_exact_title_match_ranks_first_on_the_gin_path_too(client, archive, no_rum):
    test_the_exact_title_match_ranks_first_however_old(client, archive)


@pytest.mark.parametrize(
    "query",
    [
        "Tân Thới",
        "tan thoi",
        "TÂN THỚI",
        unicodedata.normalize("NFD", "Tân Thới"),
        unicodedata.normalize("NFD", "TÂN THỚI"),
        "Tân Thới (đại hội)",
    ],
)
def test_every_spelling_finds_the_same_articles(client, archive, query):
    expected = set(found(client, "tan thoi"))
    assert len(expected) == 8
    assert set(found(client, query)) >= expected if "đại" in query else set(found(client, query)) == expected


def test_an_nfd_title_is_found_by_an_nfc_query(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(title=unicodedata.normalize("NFD", "Ủy ban Mặt trận Tổ quốc"))
    assert found(client, "ủy ban mặt trận") == found(client, "uy ban mat tran") == [article.title]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a", "Từ khóa quá ngắn"),
        ("ở", "Từ khóa quá ngắn"),
        ("1 2 3", "Từ khóa quá ngắn"),
        ("đại " * 125, "Từ khóa quá dài"),  # 500 characters
        ("!@#$%^&*()", "Từ khóa cần có ít nhất một chữ hoặc số."),
        ("& | ! : * ( )", "Từ khóa cần có ít nhất một chữ hoặc số."),
        ("中华人民共和国 Россия", "Từ khóa cần có ít nhất một chữ hoặc số."),
    ],
)
def test_input_with_nothing_to_search_says_why(client, archive, query, message):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'class="search-result"' not in html


@pytest.mark.parametrize(
    "query",
    [
        "tân & thới",
        "tân | thới",
        "!tân",
        "tân:*",
        "(tân thới)",
        "tân <-> thới",
        "tân' & 'thới",
        "Tân Thới 中国 Россия",
        "đại hội " * 10,
    ],
)
def test_query_syntax_and_mixed_scripts_are_only_words(client, archive, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert set(found(client, query)) <= set(found(client, "tan thoi dai hoi")) | set(found(client, "tan thoi"))
    assert found(client, query)


def count_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_holds_as_the_archive_grows(client, archive):
    count_queries(client, "tân thới")  # the header cache, the index check
    small = count_queries(client, "tân thới")
    category = make_category()
    for n in range(40):
        make_article(title=f"Tân Thới {n}", category=category, published_at=timezone.now() - timedelta(days=n + 3))
    count_queries(client, "tân thới")  # the header cache again, after the edits
    assert count_queries(client, "tân thới") == small
    assert count_queries(client, "không có bài nào") <= small  # nothing found: no page to load


@pytest.fixture
def big_archive(db):
    """2,000 articles written in one go: a size at which PostgreSQL's plans are those of a real archive."""
    category = make_category()
    now = timezone.now()
    topics = ["nông thôn mới", "chuyển đổi số", "an ninh trật tự", "giáo dục", "y tế cơ sở"]
    rows = []
    for n in range(2000):
        title = f"Tin {topics[n % 5]} số {n}"
        text = f"Bài viết về {topics[n % 5]} ở xã thứ {n % 97}." + (" Xã Tân Thới." if n % 50 == 0 else "")
        rows.append(
            Article(
                title=title,
                slug=f"tin-{n}",
                category=category,
                site_id=category.site_id,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=n),
                search_title=search_document(title),
                search_text=search_document(title, text),
            )
        )
    Article.objects.bulk_create(rows, batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does to a table that has lived a while: the GIN index's pending
            # list merged (2,000 new rows wait there, and the planner prices it as read in full).
            cursor.execute("SELECT gin_clean_pending_list(i) FROM to_regclass(%s) i WHERE i IS NOT NULL", [GIN])
            cursor.execute("ANALYZE articles_article")


def plan(words, **filters):
    sql, params = search.matches_sql(words, **filters)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
@pytest.mark.parametrize("phrase", ["nông thôn mới", "tân thới", "giáo dục xã", "không có"])
def test_the_plan_reads_an_index_never_the_whole_table(big_archive, phrase):
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
    shown = plan(search_words(phrase))
    assert "Seq Scan on articles_article" not in shown, shown
    index = search.RUM_INDEX if search.rum_index() else GIN
    assert index in shown, shown


@postgres_only
def test_without_rum_the_gin_index_is_read(big_archive, no_rum):
    shown = plan(search_words("nông thôn mới"))
    assert "Seq Scan on articles_article" not in shown and "article_search_vector_idx" in shown, shown


def test_with_rum_the_newest_come_in_order_out_of_the_index(rum, big_archive, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 20)
    shown = plan(search_words("nông"))  # 400 matches, 20 wanted
    # The index itself gives the date order: no sort of every match before the LIMIT.
    assert f"Index Scan using {search.RUM_INDEX}" in shown and "Order By: (published_at <=|" in shown, shown


def test_rum_and_gin_give_the_same_results(rum, big_archive, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 30)
    phrases = ["nông thôn mới", "tân thới", "xã thứ 50", "không có"]
    with_rum = [search.search_articles(search_words(phrase)) for phrase in phrases]
    monkeypatch.setattr(search, "rum_index", lambda: False)
    assert [search.search_articles(search_words(phrase)) for phrase in phrases] == with_rum
    assert [len(rows) for rows in with_rum] == [30, 30, 21, 0]


def test_the_gin_path_gives_the_same_results_as_the_default(archive, monkeypatch):
    words = search_words("đại hội đảng bộ")
    default = search.search_articles(words)
    monkeypatch.setattr(searchindex, "available", lambda: False)
    monkeypatch.setattr(search, "rum_index", lambda: False)
    assert search.search_articles(words) == default and len(default) == 8


def indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'articles_article'")
        return {name for (name,) in cursor.fetchall()}


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_migration_0019_puts_one_word_index_in_place_both_ways(monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        available = cursor.fetchone() is not None
    monkeypatch.setattr(search, "_rum_index", {})  # the answer changes under this test
    monkeypatch.setattr(searchindex, "_available", {})  # migrating back to 0018 drops the search table
    monkeypatch.setattr(searchindex, "_oldest", {})
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("articles", "0018_category_index_with_site")])
        assert GIN in indexes() and search.RUM_INDEX not in indexes()
        assert not search.rum_index()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    search._rum_index.clear()
    # Where the extension is installed, the RUM index replaces the GIN one; elsewhere GIN stays.
    now = indexes()
    assert (search.RUM_INDEX in now, GIN in now, search.rum_index()) == (available, not available, available)


@postgres_only
def test_the_title_matches_are_read_only_when_the_bound_is_reached(big_archive):
    """Fewer matches than MAX_RESULTS are all in the first read: the second one is never made."""
    sql, params = search.matches_sql(search_words("tân thới"))  # 40 matches
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
        shown = "\n".join(row[0] for row in cursor.fetchall())
    assert "never executed" in shown and "One-Time Filter" in shown, shown
    assert len(search.search_articles(search_words("tân thới"))) == 40
