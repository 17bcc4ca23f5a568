"""The flush: the cache's counters added to DailyViews exactly once, whoever runs it and when."""

import io
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from hits import services
from hits.models import DailyViews, FlushedBatch
from tests.factories import make_article

NOW = time.time()
MINUTE = services.MINUTE


@pytest.fixture
def articles(db):
    return [make_article() for _ in range(3)]


def views(article) -> int:
    return sum(DailyViews.objects.filter(article=article).values_list("count", flat=True))


def test_views_of_closed_minutes_are_written_and_the_counters_removed(articles):
    first, second, _ = articles
    for _ in range(7):
        services.count_view(first.pk, now=NOW)
    services.count_view(second.pk, now=NOW)
    assert services.flush(now=NOW) == 0  # the minute is not over: nothing yet
    assert services.flush(now=NOW + MINUTE + services.GRACE_SECONDS) == 8
    assert (views(first), views(second)) == (7, 1)
    row = DailyViews.objects.get(article=first)
    assert row.day == services.day_of(services.current_minute(NOW))
    assert not [key for key in cache._cache if "hits:" in key and "scanned" not in key]


def test_two_flushes_do_not_count_twice(articles):
    first = articles[0]
    for _ in range(5):
        services.count_view(first.pk, now=NOW)
    later = NOW + 2 * MINUTE
    assert services.flush(now=later) == 5
    assert services.flush(now=later) == 0
    assert services.flush(now=later + 3600) == 0
    assert views(first) == 5


def test_flushes_interleaved_with_views_count_each_view_once(articles):
    """Two processes: each counts views and flushes now and then, in any order."""
    first, second, _ = articles
    sent = 0
    for step in range(6):
        moment = NOW + step * 40
        for article in (first, second, first):
            services.count_view(article.pk, now=moment)
            sent += 1
        services.flush(now=moment)  # process A
        cache.delete(services.SCANNED_KEY)  # process B has not seen A's progress
        services.flush(now=moment + 5)
    services.flush(now=NOW + 3600)
    assert views(first) + views(second) == sent == 18
    assert views(first) == 12


def test_a_flush_that_died_before_clearing_the_cache_does_not_add_its_minutes_again(articles, monkeypatch):
    first = articles[0]
    for _ in range(3):
        services.count_view(first.pk, now=NOW)
    monkeypatch.setattr(services.cache, "delete_many", lambda keys: None)  # it died right after its commit
    assert services.flush(now=NOW + 2 * MINUTE) == 3
    monkeypatch.undo()
    cache.delete(services.SCANNED_KEY)
    assert services.flush(now=NOW + 3 * MINUTE) == 0
    assert views(first) == 3


def test_a_flush_that_lost_the_race_adds_nothing_and_the_next_one_takes_the_rest(articles):
    first = articles[0]
    services.count_view(first.pk, now=NOW)
    services.count_view(first.pk, now=NOW + MINUTE)
    minute = services.current_minute(NOW)
    # Another flush recorded the first minute (and added its view) a moment ago.
    FlushedBatch.objects.create(minute=minute)
    services.add_views({(services.day_of(minute), first.pk): 1})
    assert services.flush(now=NOW + 3 * MINUTE) == 1  # the second minute only
    assert views(first) == 2


def test_views_add_to_the_days_row(articles):
    first = articles[0]
    today = timezone.localdate()
    services.add_views({(today, first.pk): 4})
    services.add_views({(today, first.pk): 6, (today - timedelta(days=1), first.pk): 1})
    assert DailyViews.objects.get(article=first, day=today).count == 10
    assert views(first) == 11


def test_the_command_flushes(articles, monkeypatch):
    first = articles[0]
    services.count_view(first.pk, now=NOW - 2 * MINUTE)
    out = io.StringIO()
    call_command("flush_hits", stdout=out)
    assert out.getvalue().startswith("1 lượt xem đã ghi")
    assert views(first) == 1


def test_old_flush_records_are_removed(articles):
    FlushedBatch.objects.create(minute=services.current_minute(NOW - services.KEEP_SECONDS - 3600))
    services.flush(now=NOW)
    assert FlushedBatch.objects.count() == 0
