"""The counting endpoint: one view per beacon from a reader's browser, nothing else counted."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import core.limits
from hits import services
from hits.models import DailyViews
from tests.factories import make_article

from .conftest import beacon

LATER = 120  # seconds: the minute of the views is over, flush() takes it


@pytest.fixture
def article(db):
    return make_article(title="Đại hội Đảng bộ huyện Gò Công Tây")


def flushed(article) -> int:
    services.flush(now=time.time() + LATER)
    return sum(DailyViews.objects.filter(article=article).values_list("count", flat=True))


def test_each_beacon_counts_one_view_and_answers_204_without_a_query(client, article, no_endpoint_flush):
    with CaptureQueriesContext(connection) as queries:
        responses = [beacon(client, article.pk) for _ in range(3)]
    assert [response.status_code for response in responses] == [204, 204, 204]
    assert responses[0].content == b""
    assert "no-store" in responses[0]["Cache-Control"]
    assert len(queries) == 0  # the database is not asked while counting
    assert flushed(article) == 3


def test_no_cookie_is_set_and_nothing_about_the_reader_is_kept(client, article, no_endpoint_flush):
    response = beacon(client, article.pk, REMOTE_ADDR="203.0.113.77")
    assert response.cookies == {} and "Set-Cookie" not in response
    assert not client.cookies
    flushed(article)
    assert [field.name for field in DailyViews._meta.get_fields()] == ["id", "article", "day", "count"]
    stored = repr(list(DailyViews.objects.values())) + repr(cache._cache)  # every key and value, locmem
    assert "203.0.113.77" not in stored


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 "
        "(compatible; Bytespider; spider-feedback@bytedance.com)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 Chrome-Lighthouse",
        "python-requests/2.31.0",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_scripts_are_not_counted(client, article, no_endpoint_flush, user_agent):
    assert beacon(client, article.pk, user_agent=user_agent).status_code == 204
    assert flushed(article) == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 12; CUBOT X50) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "coc_coc_browser/118.0.222 Chrome/112.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 Zalo android",
    ],
)
def test_readers_browsers_are_counted(client, article, no_endpoint_flush, user_agent):
    beacon(client, article.pk, user_agent=user_agent)
    assert flushed(article) == 1


def test_a_page_read_without_javascript_or_fetched_again_counts_nothing(client, article, no_endpoint_flush):
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(f"/luot-xem/{article.pk}/").status_code == 405
    assert flushed(article) == 0


def test_beacons_from_another_site_or_without_an_origin_are_not_counted(client, article, no_endpoint_flush):
    beacon(client, article.pk, origin="https://trang-khac.example")
    beacon(client, article.pk, origin=None)
    beacon(client, article.pk, origin=None, HTTP_REFERER=f"http://testserver{article.get_absolute_url()}")
    assert flushed(article) == 1  # the Referer names the site: a browser that leaves Origin out


def test_the_allowance_stops_a_script_from_one_address(client, article, no_endpoint_flush, monkeypatch):
    monkeypatch.setattr("hits.views.PER_ADDRESS_PER_HOUR", 5)
    for _ in range(20):
        assert beacon(client, article.pk, REMOTE_ADDR="198.51.100.9").status_code == 204
    beacon(client, article.pk, REMOTE_ADDR="198.51.100.10")  # another reader is still counted
    assert flushed(article) == 6


class DownCache:
    """A shared cache that does not answer."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_with_the_cache_down_views_are_counted_in_the_process_and_written_by_it(client, article, monkeypatch):
    monkeypatch.setattr(services, "cache", DownCache())
    monkeypatch.setattr(core.limits, "cache", DownCache())
    monkeypatch.setattr(services, "_next_try", float("inf"))
    for _ in range(4):
        assert beacon(client, article.pk).status_code == 204
    assert DailyViews.objects.count() == 0
    monkeypatch.setattr(services, "_next_try", 0.0)  # the process's next flush is due
    beacon(client, article.pk)
    assert DailyViews.objects.get(article=article).count == 5
    assert services.local.take() == {}


def test_unknown_articles_are_dropped_at_the_flush(client, article, no_endpoint_flush):
    beacon(client, 987654321)
    beacon(client, article.pk)
    assert flushed(article) == 1
    assert DailyViews.objects.count() == 1
