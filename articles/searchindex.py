"""PostgreSQL: the articles' search table, one partition a month, read newest month first.

`articles_search` (migration 0020) holds, for every article, only what search needs: its
site, category, status and dates (what Article.public_rule() reads), the word vector of its
search text and the words of its title. It is partitioned by published_at, one partition a
calendar month (UTC), each with GIN indexes on (site_id, words) and (site_id, title words)
(btree_gin, where it can be created): one site's matches are intersected inside the index.

A trigger on articles_article keeps it (insert, update of a searched column, delete,
truncate), so bulk_create, the NukeViet importer and raw UPDATEs are covered; the trigger
creates a month's partition when it is missing (the migration makes them from the oldest
article to three years ahead). There is no default partition.

The search reads windows of whole months, newest first, each a query through the parent
table that PostgreSQL prunes to the window's partitions (Limit -> Sort -> Bitmap Heap Scan),
and stops as soon as it has the MAX_RESULTS newest: a broad phrase costs with the matches of
the last month or two, not of the archive; a word found nowhere with one empty index look-up
a month, in a few queries (the window grows WINDOW_GROWTH times each step). PostgreSQL does
not do this by itself: with no child ordered by published_at it sorts every partition's
matches (Sort over Append), and with a btree on published_at it reads each partition in date
order filtering the words (bench/RESULTS.md, "Issue 26: search by month").
"""

import math
import time as clock
from datetime import UTC, datetime, time, timedelta

from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.sites import SiteQuerySet

TABLE = "articles_search"
WINDOW_GROWTH = 4  # months in each window: 1, 4, 16, 64, … (a word found nowhere: 5 queries back to 2005)

# Below this many articles in the installation (every site's), one look-up of the article
# table's RUM index beats a window per month: at 1,000 articles over five years every one of
# some 60 partitions is planned and read (8 ms against 3); a broad phrase, "nông thôn mới",
# at 10,000 articles: 15 ms by month, 11.5 through RUM; at 40,000: 15 against 24, RUM's cost
# growing with the matches (bench/RESULTS.md, "Issue 26: small archives").
SMALL_ARCHIVE = 15_000
SIZE_SECONDS = 600  # how long a process trusts the size it read

_available: dict[tuple[str, str], bool] = {}
_oldest: dict[tuple[str, str], datetime | None] = {}
_size: dict[tuple[str, str], tuple[float, float]] = {}


class SearchEntry(models.Model):
    """One article as search sees it: a row of articles_search, written by the database's
    trigger, never by Django (unmanaged)."""

    # The table's primary key is (article_id, published_at): a partitioned table's must hold
    # its partition key. Django knows article_id alone, which is unique too.
    article_id = models.BigIntegerField(primary_key=True)
    site = models.ForeignKey("sites.Site", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    category = models.ForeignKey(
        "articles.Category", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    # The columns Article.public_rule() reads, under the same names: the rule applies as it is.
    status = models.CharField(max_length=16)
    published_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True)
    search_title = models.CharField(max_length=255)
    # search_vector (the article's, copied) and title_vector (of search_title) are read by
    # articles/search.py's raw conditions only.

    objects = SiteQuerySet.as_manager()

    class Meta:
        managed = False
        db_table = TABLE
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        # Written by the trigger alone: nobody is given a right to add, change or delete one.
        default_permissions = ()

    def __str__(self):
        return f"{self.article_id} ({self.published_at:%Y-%m})"


def _key() -> tuple[str, str]:
    return (connection.alias, connection.settings_dict["NAME"])


def available() -> bool:
    """Whether this database has the search table (migration 0020 on PostgreSQL): asked once
    per process and database."""
    if connection.vendor != "postgresql":
        return False
    if _key() not in _available:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
            _available[_key()] = cursor.fetchone()[0]
    return _available[_key()]


def small_archive() -> bool:
    """Whether the installation holds fewer than SMALL_ARCHIVE articles, from PostgreSQL's own
    estimate (pg_class.reltuples, kept by autovacuum): no count, read once per SIZE_SECONDS per
    process. A table never analysed (-1) is not small: the months are right at any size."""
    now = clock.monotonic()
    read, size = _size.get(_key(), (-math.inf, -1.0))
    if now - read > SIZE_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'articles_article'::regclass")
            size = float(cursor.fetchone()[0])
        _size[_key()] = (now, size)
    return 0 <= size < SMALL_ARCHIVE


def oldest_month() -> datetime | None:
    """The lower bound of the oldest partition, once per process. Only where the windows end:
    the last window has no lower bound, so a partition made since for an older article is read."""
    if _key() not in _oldest:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT min(c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                " WHERE i.inhparent = %s::regclass",
                [TABLE],
            )
            name = cursor.fetchone()[0]
        _oldest[_key()] = datetime.strptime(name[-6:], "%Y%m").replace(tzinfo=UTC) if name else None
    return _oldest[_key()]


def month_start(moment: datetime, months_back: int = 0) -> datetime:
    """The first instant (UTC) of moment's month, `months_back` months earlier: a partition bound."""
    moment = moment.astimezone(UTC)
    index = moment.year * 12 + moment.month - 1 - months_back
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)


def newest(entries, rank, limit: int, *, now, date_from=None, date_to=None) -> list[tuple]:
    """(rank, published_at, article_id) of the first `limit` of `entries` (SearchEntry, filtered
    and ordered newest first), read a window of months at a time from the newest: the windows
    are partition bounds, so each query reads its window's partitions only, and none is read
    once `limit` are found. One statement, compiled once, run with each window's bounds; the
    rank is computed outside the LIMIT, on the rows kept only (each reads the row's word
    vector: computed before the sort, it cost 30 ms for a window of 9,000 matches)."""
    oldest = oldest_month()
    if oldest is None:
        return []
    upper = now
    if date_to is not None:
        upper = min(upper, timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min)))
    floor = timezone.make_aware(datetime.combine(date_from, time.min)) if date_from is not None else None
    sql, params = _statement(entries, rank)
    rows: list[tuple] = []
    high, months = month_start(upper, -1), 1
    outer = connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        # The planner prices `@@` as one operator, not as reading and checking a word vector,
        # so it reads a small partition (a small site's months: 160 rows) whole rather than
        # through its index, 20 times slower (0.3 ms against 0.015): this statement's windows
        # are always a few matches among many rows, so its index, for this transaction only.
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        seqscan = cursor.fetchone()[0]
        while len(rows) < limit:
            low = month_start(high, months)
            # The last window reaches back past the oldest partition known (or to date_from):
            # one made since for an older article is read too.
            last = low <= oldest or (floor is not None and low <= floor)
            bounds = {_LOW: (floor or _EVER) if last else low, _HIGH: high}
            cursor.execute(sql, [bounds.get(param, param) for param in params] + [limit - len(rows)])
            rows += cursor.fetchall()
            if last:
                break
            high, months = low, _next_months(len(rows), limit, upper - low, months)
        if outer:  # else the setting ends with this transaction
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [seqscan])
    return rows


def _next_months(found: int, limit: int, covered: timedelta, months: int) -> int:
    """The next window: as many months as the matches found so far say the rest needs, with a
    margin, at most WINDOW_GROWTH times the last (a word found nowhere: 1, 4, 16, 64, …)."""
    if not found:
        return months * WINDOW_GROWTH
    needed = (limit - found) / found * covered / MONTH * 1.5
    return max(1, min(months * WINDOW_GROWTH, math.ceil(needed)))


MONTH = timedelta(days=30)

# Marker bounds, replaced by each window's: no article is published at either.
_LOW = datetime(1901, 2, 3, 4, 5, 6, 1, tzinfo=UTC)
_HIGH = datetime(1901, 2, 3, 4, 5, 6, 2, tzinfo=UTC)
_EVER = datetime(1, 1, 1, tzinfo=UTC)


def _statement(entries, rank) -> tuple[str, list]:
    window = entries.filter(published_at__gte=_LOW, published_at__lt=_HIGH).annotate(
        search_vector=RawSQL(f'"{TABLE}"."search_vector"', [])  # noqa: S611 - a column name
    )
    inner, inner_params = window.values_list(
        "published_at", "article_id", "search_title", "search_vector"
    ).query.sql_with_params()
    query = SearchEntry.objects.all().query
    rank_sql, rank_params = query.get_compiler(connection=connection).compile(rank.resolve_expression(query))
    # The rank's columns are read from the window's rows, under the table's name.
    sql = f'SELECT {rank_sql}, "{TABLE}"."published_at", "{TABLE}"."article_id" FROM ({inner} LIMIT %s) AS "{TABLE}"'  # noqa: S608 - both parts compiled by the ORM, values as parameters
    return sql, [*rank_params, *inner_params]
