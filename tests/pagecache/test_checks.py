"""The page cache's system checks catch the settings that would serve stale or private pages."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from redis.exceptions import ConnectionError as RedisConnectionError

from pagecache import checks

REDIS_PAGES = {"BACKEND": "pagecache.redis.FastRedisCache", "LOCATION": "redis://127.0.0.1:6379/9", "KEY_PREFIX": "p"}


def ids(messages):
    return [message.id for message in messages]


def test_the_project_passes_its_own_checks():
    call_command("check", "--fail-level", "WARNING")


def test_the_page_cache_middleware_must_come_first(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[1:], settings.MIDDLEWARE[0]]
    assert ids(checks.check_middleware()) == ["pagecache.E001"]
    with pytest.raises(SystemCheckError, match=r"pagecache\.E001"):
        call_command("check")


def test_pages_need_their_own_cache_alias(settings):
    settings.CACHES = {"default": settings.CACHES["default"]}
    assert ids(checks.check_cache_alias()) == ["pagecache.E002"]
    settings.CACHES = {"default": settings.CACHES["default"], "pages": dict(settings.CACHES["default"])}
    assert ids(checks.check_cache_alias()) == ["pagecache.E003"]  # clear_pages would empty everything
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "pages": dummy}  # CACHE_URL=dummy://: caching off, nothing to share
    assert checks.check_cache_alias() == []


def test_redis_must_be_recent_enough_for_client_tracking(settings):
    settings.CACHES = {**settings.CACHES, "pages": REDIS_PAGES}
    with mock.patch("redis.Redis.info", return_value={"redis_version": "5.0.14"}):
        assert ids(checks.check_redis_version()) == ["pagecache.E005"]
    with mock.patch("redis.Redis.info", return_value={"redis_version": "7.0.15"}):
        assert checks.check_redis_version() == []
    with mock.patch("redis.Redis.info", side_effect=RedisConnectionError("refused")):
        assert ids(checks.check_redis_version()) == ["pagecache.W004"]


def test_private_prefixes_must_name_routes_that_exist(settings):
    settings.PRIVATE_URL_PREFIXES = (*settings.PRIVATE_URL_PREFIXES, "/quan-tri-vien/", "xem-truoc/")
    assert ids(checks.check_private_prefixes()) == ["pagecache.E007", "pagecache.E006"]


def test_route_segments_reads_the_url_configuration():
    segments = checks.route_segments()
    assert {"admin", "healthz", "rss", "tim-kiem", "xem-truoc", "quan-tri", "danh-gia", "ban-in"} <= segments
