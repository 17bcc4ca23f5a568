"""Article views counted in the shared cache, added to DailyViews in batches.

A view is one `incr` of a counter for the article and the current minute
(`hits:<minute>:<article id>`): no database, nothing about the reader. The first
view of an article in a minute also writes the article's id in that minute's
list (`hits:<minute>:n` slots), so that the flush knows which counters exist
without scanning the cache.

flush() takes the minutes that are over (GRACE_SECONDS after their end, so no
request is still adding to them), sums their counters per article and day, and
in one transaction adds them to DailyViews (INSERT ... ON CONFLICT DO UPDATE
SET count = count + new) and records each minute in FlushedBatch. A minute
already recorded makes that transaction fail: two flushes at once, or a flush
that died after its commit but before it removed the counters, never add a
minute twice. The counters are removed after the commit.

It runs from the counting endpoint itself, at most once every FLUSH_SECONDS
across all processes (the first beacon after that, once its 204 is sent: see
views.py), and from `manage.py flush_hits`. While the shared cache does not
answer, each process counts in its own memory and writes its counts straight
to DailyViews at the same pace; a restart loses at most those seconds of one
process's views.

With Redis (or one process's local memory) every increment counts; Django's
file cache does `incr` as read-then-write, so concurrent views of one article
on one machine may be undercounted a little there.
"""

import logging
import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

import pagecache
from articles.models import Article

from .models import DailyViews, FlushedBatch

logger = logging.getLogger(__name__)

MINUTE = 60
# A minute is flushed this long after it ends: a view that began in it has been counted by then.
GRACE_SECONDS = 15
# Counters live this long in the cache: a flush that did not run for two days loses views.
KEEP_SECONDS = 2 * 24 * 3600
# How often the endpoint flushes (once across all processes) and each process writes its own counts.
FLUSH_SECONDS = 60
# Rows per INSERT statement, and ids per IN (...) (SQLite's old limit is 999 parameters).
BATCH = 300

PREFIX = "hits"
FLUSH_DUE_KEY = f"{PREFIX}:flush-due"
SCANNED_KEY = f"{PREFIX}:scanned-through"


def current_minute(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // MINUTE)


def day_of(minute: int) -> date:
    """The local day of a minute (Asia/Ho_Chi_Minh is a whole number of hours from UTC)."""
    return timezone.localdate(datetime.fromtimestamp(minute * MINUTE, UTC))


def _counter_key(minute: int, article_id: int) -> str:
    return f"{PREFIX}:{minute}:{article_id}"


def _length_key(minute: int) -> str:
    return f"{PREFIX}:{minute}:n"


def _slot_key(minute: int, slot: int) -> str:
    return f"{PREFIX}:{minute}:slot:{slot}"


# --- counting --------------------------------------------------------------------------


def count_view(article_id: int, now: float | None = None) -> None:
    """One view of the article: one round trip to the cache, a few more for an article's
    first view in a minute. The cache down: counted in this process's memory instead."""
    minute = current_minute(now)
    key = _counter_key(minute, article_id)
    try:
        try:
            cache.incr(key)
        except ValueError:  # the article's first view this minute
            if cache.add(key, 1, KEEP_SECONDS):
                _list(minute, article_id)
            else:
                cache.incr(key)  # another process added it in between
    except pagecache.CACHE_ERRORS:
        local.add(day_of(minute), article_id)


def _list(minute: int, article_id: int) -> None:
    length = _length_key(minute)
    cache.add(length, 0, KEEP_SECONDS)
    slot = cache.incr(length)
    cache.set(_slot_key(minute, slot), article_id, KEEP_SECONDS)


class LocalCounts:
    """A process's own counts while the shared cache does not answer: (day, article) -> views."""

    def __init__(self):
        self.counts: defaultdict[tuple[date, int], int] = defaultdict(int)
        self.lock = threading.Lock()

    def add(self, day: date, article_id: int) -> None:
        with self.lock:
            self.counts[day, article_id] += 1

    def take(self) -> dict[tuple[date, int], int]:
        with self.lock:
            counts, self.counts = self.counts, defaultdict(int)
        return dict(counts)

    def give_back(self, counts: dict[tuple[date, int], int]) -> None:
        with self.lock:
            for key, views in counts.items():
                self.counts[key] += views


local = LocalCounts()


# --- flushing ---------------------------------------------------------------------------

_next_try = 0.0


def maybe_flush(now: float | None = None) -> None:
    """From the endpoint, after its answer: this process's own counts and, at most once every
    FLUSH_SECONDS across all processes, the shared counters. Each process asks the cache
    at most once every FLUSH_SECONDS, so a beacon usually costs nothing here."""
    global _next_try
    moment = time.monotonic()
    if moment < _next_try:
        return
    _next_try = moment + FLUSH_SECONDS
    try:
        flush_local()
        if cache.add(FLUSH_DUE_KEY, 1, FLUSH_SECONDS):
            flush(now)
    except pagecache.CACHE_ERRORS:
        pass  # the cache is down: views go to `local`, written on a later try
    except Exception:
        # A beacon must not fail for it, and the counters wait for the next flush.
        logger.exception("Could not write article views to the database")


def flush_local() -> int:
    """Write this process's own counts (made while the cache was down) to DailyViews."""
    counts = local.take()
    if not counts:
        return 0
    try:
        with transaction.atomic():
            add_views(counts)
    except Exception:
        local.give_back(counts)
        raise
    return sum(counts.values())


def flush(now: float | None = None) -> int:
    """Add the counters of every minute that is over to DailyViews; how many views were added."""
    now = time.time() if now is None else now
    last = current_minute(now - GRACE_SECONDS) - 1
    first = current_minute(now - KEEP_SECONDS) + 1
    scanned = cache.get(SCANNED_KEY)
    start = first if scanned is None else max(first, scanned + 1)
    minutes = list(range(start, last + 1))
    lengths = cache.get_many([_length_key(minute) for minute in minutes]) if minutes else {}
    listed = {minute: lengths.get(_length_key(minute), 0) for minute in minutes}
    listed = {minute: length for minute, length in listed.items() if length}
    done = set(FlushedBatch.objects.filter(minute__in=listed).values_list("minute", flat=True)) if listed else set()
    for minute in done:
        del listed[minute]
    added = _flush_minutes(listed) if listed else 0
    if added is None:
        return 0  # another flush took some of these minutes: the next one starts from the same place
    # Every minute up to `last` is now flushed or was empty: the next flush need not ask about them.
    cache.set(SCANNED_KEY, last, KEEP_SECONDS)
    FlushedBatch.objects.filter(minute__lt=first).delete()
    return added


def _flush_minutes(listed: dict[int, int]) -> int | None:
    slot_keys = [_slot_key(minute, slot) for minute, length in listed.items() for slot in range(1, length + 1)]
    ids = cache.get_many(slot_keys)
    counter_keys = {}
    for minute, length in listed.items():
        for slot in range(1, length + 1):
            article_id = ids.get(_slot_key(minute, slot))
            if article_id is not None:
                counter_keys[_counter_key(minute, article_id)] = (day_of(minute), article_id)
    found = cache.get_many(list(counter_keys))
    counts: defaultdict[tuple[date, int], int] = defaultdict(int)
    for key, views in found.items():
        counts[counter_keys[key]] += int(views)
    try:
        with transaction.atomic():
            # Fails (IntegrityError) if another flush recorded one of these minutes first.
            FlushedBatch.objects.bulk_create([FlushedBatch(minute=minute) for minute in listed])
            added = add_views(counts)
    except IntegrityError:
        logger.info("Article views: another flush took some of minutes %s first", sorted(listed))
        return None
    cache.delete_many([*slot_keys, *counter_keys, *(_length_key(minute) for minute in listed)])
    return added


def add_views(counts: dict[tuple[date, int], int]) -> int:
    """Add `counts` ((day, article id) -> views) to DailyViews, for articles that still exist.

    Django's bulk_create(update_conflicts=True) can only set a column to the new row's
    value, not add to it: this is the same upsert with `count + EXCLUDED.count`
    (PostgreSQL and SQLite 3.24+ alike), so no row is read first and two writers add up.
    """
    ids = sorted({article_id for _, article_id in counts})
    existing = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        existing.update(Article.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    as_date = connection.ops.adapt_datefield_value
    rows = [(pk, as_date(day), views) for (day, pk), views in counts.items() if pk in existing]
    table = connection.ops.quote_name(DailyViews._meta.db_table)
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        values = ", ".join(["(%s, %s, %s)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} (article_id, day, count) VALUES {values} "  # noqa: S608 - no outside text in it
            f"ON CONFLICT (article_id, day) DO UPDATE SET count = {table}.count + EXCLUDED.count"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])
    return sum(views for _, _, views in rows)
