"""The queries of the article page and of the site header, written as SQL.

An article page made afresh (not from the page cache) runs five small queries.
Built by the ORM they cost about 4 ms of CPU a page - more than everything else
together - although their SQL never changes, only their parameters. Here they are
fixed strings, run through Django's connection: the same rows as the ORM
querysets they replace (tests/test_page_sql.py compares the two on drafts,
scheduled, expired and hidden content), on PostgreSQL and SQLite alike.

The rule of what readers may see is still written once for each language:
ArticleQuerySet.published() for the ORM, PUBLISHED below for SQL, and the tests
hold them to the same answers.
"""

# The f-strings below put in table and column names from the models and constants of
# this module, never a value: every value is a %s parameter.
# ruff: noqa: S608

from dataclasses import dataclass
from datetime import datetime
from functools import cache

import psycopg
from django.db import connection
from django.db.models.expressions import Col
from django.utils import timezone

from .models import SEARCH_FIELDS, Article, Category, SiteBanner, Tag, Topic, article_url

ARTICLE, CATEGORY, TOPIC, TAG = (model._meta.db_table for model in (Article, Category, Topic, Tag))
ARTICLE_TAGS = Article.tags.through._meta.db_table
BANNER = SiteBanner._meta.db_table

# ArticleQuerySet.published() for the article table under the alias "a"; its two
# parameters are the current time.
PUBLISHED = (
    f"a.status = '{Article.Status.PUBLISHED.value}' AND a.published_at <= %s"
    " AND (a.expires_at IS NULL OR a.expires_at > %s)"
)


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An entry of a list of titles ("Những tin mới hơn", "Tin liên quan"…): what the
    list shows, without a model instance."""

    category_slug: str
    pk: int
    title: str
    slug: str
    published_at: datetime

    def get_absolute_url(self) -> str:
        return article_url(self.category_slug, self.slug, self.pk)


def _fields(model, exclude=()) -> tuple:
    return tuple(field for field in model._meta.concrete_fields if field.name not in exclude)


def _columns(alias: str, fields) -> str:
    return ", ".join(f'{alias}."{field.column}"' for field in fields)


@cache
def _converters(vendor: str, fields: tuple) -> tuple:
    """What the ORM does to each column of a row from this database (SQLite gives
    dates as text and booleans as 0/1; PostgreSQL needs nothing). Kept per
    backend: the converters depend on it and on the settings, not on which
    thread's connection they were taken from."""
    converters = []
    for index, field in enumerate(fields):
        if field is None:  # a column of our own (a number)
            continue
        expression = Col("t", field)
        # As SQLCompiler.get_converters: the backend's, then the field's own.
        found = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        if found:
            converters.append((index, expression, tuple(found)))
    return tuple(converters)


def plan_once(sender, connection, **kwargs):
    """On a new PostgreSQL connection whose statements are prepared: plan each
    prepared statement once (a generic plan) instead of letting PostgreSQL plan
    it anew whenever its estimate of the generic plan looks worse - which, for
    the neighbours' index range scans on 100,000 articles, was every time and
    cost 0.35 ms. Only this module's statements run with prepared=True can be
    prepared (Django inlines the parameters of its own queries), and each of
    them has one good plan whatever its parameters: an index scan by id, by
    category and date, or over a few rows."""
    if connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None:
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def _cursor(prepared: bool):
    """A cursor of Django's connection. On PostgreSQL, one that sends parameters
    apart from the SQL (Django's own cursors inline them), so that psycopg can
    prepare a statement run often - after 5 runs on a connection, unless
    DB_PREPARED_STATEMENTS=0 - and PostgreSQL stops planning it anew: it then
    spends a quarter of the CPU on these statements."""
    if connection.vendor != "postgresql" or not prepared:
        return connection.cursor()
    connection.ensure_connection()
    return connection._prepare_cursor(psycopg.Cursor(connection.connection))  # logged like any query


def _rows(sql: str, params, fields, prepared: bool = True) -> list[list]:
    """The rows of `sql`, each column converted as the ORM converts its field.
    prepared=False for a statement whose best plan depends on its parameters."""
    with _cursor(prepared) as cursor:
        cursor.execute(sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    converters = _converters(connection.vendor, tuple(fields))
    if converters:
        for row in rows:
            for index, expression, functions in converters:
                for convert in functions:
                    row[index] = convert(row[index], expression, connection)
    return rows


def _dt(value):
    """A datetime as this database's driver wants it (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def _now() -> tuple:
    now = _dt(timezone.now())
    return now, now


# --- the article -------------------------------------------------------------------------

_ARTICLE_FIELDS = _fields(Article, exclude=SEARCH_FIELDS)
_CATEGORY_FIELDS = _fields(Category)
_TOPIC_FIELDS = _fields(Topic)
ARTICLE_SQL = (
    f"SELECT {_columns('a', _ARTICLE_FIELDS)}, {_columns('c', _CATEGORY_FIELDS)}, {_columns('t', _TOPIC_FIELDS)}"
    f' FROM "{ARTICLE}" a JOIN "{CATEGORY}" c ON c.id = a.category_id LEFT JOIN "{TOPIC}" t ON t.id = a.topic_id'
    f" WHERE a.id = %s AND {PUBLISHED}"
)


def _instance(model, fields, values):
    return model.from_db(connection.alias, [field.attname for field in fields], values)


def published_article(pk: int) -> Article | None:
    """The published article `pk` with its category and topic loaded (as
    Article.objects.published().for_page()), or None."""
    rows = _rows(ARTICLE_SQL, [pk, *_now()], _ARTICLE_FIELDS + _CATEGORY_FIELDS + _TOPIC_FIELDS)
    if not rows:
        return None
    row = rows[0]
    split, topic_split = len(_ARTICLE_FIELDS), len(_ARTICLE_FIELDS) + len(_CATEGORY_FIELDS)
    article = _instance(Article, _ARTICLE_FIELDS, row[:split])
    category = _instance(Category, _CATEGORY_FIELDS, row[split:topic_split])
    topic = _instance(Topic, _TOPIC_FIELDS, row[topic_split:]) if article.topic_id else None
    Article._meta.get_field("category").set_cached_value(article, category)
    Article._meta.get_field("topic").set_cached_value(article, topic)
    return article


POSITION_SQL = f'SELECT a.id, a.published_at FROM "{ARTICLE}" a WHERE a.id = %s AND {PUBLISHED}'
_POSITION_FIELDS = (Article._meta.get_field("id"), Article._meta.get_field("published_at"))


def published_position(pk: int) -> Article | None:
    """The published article `pk` with only its id and publication time (a page
    cursor of a category, tag or topic: ?truoc=<id>), or None."""
    rows = _rows(POSITION_SQL, [pk, *_now()], _POSITION_FIELDS)
    return _instance(Article, _POSITION_FIELDS, rows[0]) if rows else None


# --- lists of titles -----------------------------------------------------------------------

_LINK_FIELDS = (
    Category._meta.get_field("slug"),
    *(Article._meta.get_field(name) for name in ("id", "title", "slug", "published_at")),
)
_LINK_COLUMNS = "c.slug, a.id, a.title, a.slug, a.published_at"
_LINK_FROM = f'FROM "{ARTICLE}" a JOIN "{CATEGORY}" c ON c.id = a.category_id'

# Each side is an index range scan of the category's (published_at, id) index; the
# redundant published_at bound lets it start at the article instead of the newest row.
NEIGHBOURS_SQL = (
    f"SELECT * FROM (SELECT 1 AS side, {_LINK_COLUMNS} {_LINK_FROM}"
    f" WHERE a.category_id = %s AND {PUBLISHED} AND a.published_at >= %s"
    " AND (a.published_at > %s OR (a.published_at = %s AND a.id > %s))"
    " ORDER BY a.published_at, a.id LIMIT %s) newer"
    f" UNION ALL SELECT * FROM (SELECT 0 AS side, {_LINK_COLUMNS} {_LINK_FROM}"
    f" WHERE a.category_id = %s AND {PUBLISHED} AND a.published_at <= %s"
    " AND (a.published_at < %s OR (a.published_at = %s AND a.id < %s))"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT %s) older"
)


def neighbours(article: Article, count: int) -> tuple[list[ArticleLink], list[ArticleLink]]:
    """The `count` nearest published articles of the article's category on each side,
    nearest first: (newer, older). One statement, two index range scans."""
    at = _dt(article.published_at)
    side = [article.category_id, *_now(), at, at, at, article.pk, count]
    rows = _rows(NEIGHBOURS_SQL, side + side, (None, *_LINK_FIELDS))
    newer = [ArticleLink(*row[1:]) for row in rows if row[0] == 1]
    older = [ArticleLink(*row[1:]) for row in rows if row[0] == 0]
    # A UNION keeps no order of its own.
    newer.sort(key=lambda link: (link.published_at, link.pk))
    older.sort(key=lambda link: (link.published_at, link.pk), reverse=True)
    return newer, older


TOPIC_SQL = (
    f"SELECT {_LINK_COLUMNS} {_LINK_FROM} WHERE a.topic_id = %s AND a.id <> %s AND {PUBLISHED}"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT %s"
)


def topic_articles(article: Article, count: int) -> list[ArticleLink]:
    """The newest `count` other published articles of the article's topic."""
    rows = _rows(TOPIC_SQL, [article.topic_id, article.pk, *_now(), count], _LINK_FIELDS, prepared=False)
    return [ArticleLink(*row) for row in rows]


_TAG_FIELDS = _fields(Tag)
TAGS_SQL = (
    f'SELECT {_columns("g", _TAG_FIELDS)} FROM "{TAG}" g JOIN "{ARTICLE_TAGS}" x ON x.tag_id = g.id'
    " WHERE x.article_id = %s ORDER BY g.name"
)


def tags(article: Article) -> list[Tag]:
    """The article's keywords, in their usual order (by name)."""
    return [_instance(Tag, _TAG_FIELDS, row) for row in _rows(TAGS_SQL, [article.pk], _TAG_FIELDS)]


def related(article: Article, tag_ids: list[int], count: int, topic_id: int | None) -> list[ArticleLink]:
    """The newest `count` published articles sharing a keyword with the article,
    other than itself and the articles of `topic_id` (listed on their own)."""
    if not tag_ids:
        return []
    marks = ", ".join(["%s"] * len(tag_ids))
    other_topic = " AND (a.topic_id IS NULL OR a.topic_id <> %s)" if topic_id else ""
    sql = (
        f'SELECT DISTINCT {_LINK_COLUMNS} {_LINK_FROM} JOIN "{ARTICLE_TAGS}" x ON x.article_id = a.id'
        f" WHERE x.tag_id IN ({marks}) AND a.id <> %s AND {PUBLISHED}{other_topic}"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT %s"
    )
    params = [*tag_ids, article.pk, *_now(), *([topic_id] if topic_id else []), count]
    # Not prepared: how to find them depends on how common the keywords are.
    return [ArticleLink(*row) for row in _rows(sql, params, _LINK_FIELDS, prepared=False)]


# --- the site header -----------------------------------------------------------------------

NAV_SQL = (
    f'SELECT {_columns("c", _CATEGORY_FIELDS)} FROM "{CATEGORY}" c'
    ' WHERE c.is_active AND c.parent_id IS NULL ORDER BY c."order", c.name'
)


def nav_categories() -> list[Category]:
    """The menu: active top-level categories in their order (as the admin sets it)."""
    return [_instance(Category, _CATEGORY_FIELDS, row) for row in _rows(NAV_SQL, [], _CATEGORY_FIELDS)]


_BANNER_FIELDS = _fields(SiteBanner)
BANNER_SQL = (
    f'SELECT {_columns("b", _BANNER_FIELDS)} FROM "{BANNER}" b'
    " WHERE b.is_active AND b.shown_from <= %s AND (b.shown_until IS NULL OR b.shown_until > %s)"
    ' ORDER BY b."order", b.shown_from DESC LIMIT 1'
)


def current_banner() -> SiteBanner | None:
    """The site banner shown now (SiteBanner.objects.current().first()), or None."""
    rows = _rows(BANNER_SQL, _now(), _BANNER_FIELDS)
    return _instance(SiteBanner, _BANNER_FIELDS, rows[0]) if rows else None
