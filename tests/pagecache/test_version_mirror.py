"""Versions mirrored in the process (pagecache/versions.py), kept exact by Redis.

Needs Redis (REDIS_TEST_URL, default redis://127.0.0.1:6379/14); `.ci/run`
starts one when the machine has none, so under CI a missing Redis fails.
"""

import os
import socket

import pytest
import redis

from pagecache import store
from pagecache.redis import FastRedisCache
from pagecache.versions import VersionMirror
from tests.factories import make_article
from tests.live import RUN_PREFIX, forget_redis_keys

URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(URL, socket_connect_timeout=5).ping()
    except (redis.RedisError, OSError):
        return False


pytestmark = pytest.mark.skipif(
    not _redis_answers() and os.environ.get("CI") != "true", reason=f"no Redis at {URL} (CI starts one)"
)


def redis_cache():
    return FastRedisCache(URL, {"KEY_PREFIX": RUN_PREFIX})


@pytest.fixture
def mirror():
    forget_redis_keys(URL)
    mirror = VersionMirror(redis_cache(), "pagecache:v:")
    yield mirror
    forget_redis_keys(URL)


def test_a_change_made_by_another_server_is_seen_at_once(mirror):
    other_server = redis_cache()  # its own connections, as another machine would have
    other_server.set("pagecache:v:content", "v1", None)
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "v1"}
    assert mirror.connection is not None  # now it listens
    for version in ("v2", "v3", "v4"):
        other_server.set("pagecache:v:content", version, None)
        assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": version}


def test_known_versions_are_read_without_asking_redis(mirror, monkeypatch):
    redis_cache().set_many({"pagecache:v:content": "a", "pagecache:v:article:7": "b"}, None)
    keys = ["pagecache:v:content", "pagecache:v:article:7"]
    assert mirror.get_many(keys) == {"pagecache:v:content": "a", "pagecache:v:article:7": "b"}

    def no_round_trip(*args, **kwargs):
        raise AssertionError("asked Redis")

    monkeypatch.setattr(mirror.cache, "get_many", no_round_trip)
    assert mirror.get_many(keys) == {"pagecache:v:content": "a", "pagecache:v:article:7": "b"}


def test_emptying_redis_forgets_everything(mirror):
    writer = redis_cache()
    writer.set("pagecache:v:content", "before", None)
    mirror.get_many(["pagecache:v:content"])
    writer.clear()  # FLUSHDB (this one test empties the whole test database of Redis)
    assert mirror.get_many(["pagecache:v:content"]) == {}


def test_a_lost_connection_means_asking_redis_until_it_is_back(mirror):
    writer = redis_cache()
    writer.set("pagecache:v:content", "one", None)
    mirror.get_many(["pagecache:v:content"])
    # Redis drops the listening connection (a restart, a network cut).
    admin = redis.Redis.from_url(URL)
    admin.client_kill_filter(_type="pubsub")
    writer.set("pagecache:v:content", "two", None)
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "two"}
    assert mirror.connection is None  # it noticed, and reads Redis directly for now
    writer.set("pagecache:v:content", "three", None)
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "three"}
    mirror.retry_at = 0  # as after RETRY_SECONDS
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "three"}
    assert mirror.connection is not None
    writer.set("pagecache:v:content", "four", None)
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "four"}


def test_copies_are_trusted_for_a_second_at_most(mirror, monkeypatch):
    writer = redis_cache()
    writer.set("pagecache:v:content", "old", None)
    mirror.get_many(["pagecache:v:content"])
    # Suppose the invalidation never came (a connection that died without a word):
    monkeypatch.setattr(mirror, "_drain", lambda: None)
    writer.set("pagecache:v:content", "new", None)
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "old"}
    import time

    real = time.monotonic
    monkeypatch.setattr(time, "monotonic", lambda: real() + VersionMirror.TRUST_SECONDS)
    assert mirror.get_many(["pagecache:v:content"]) == {"pagecache:v:content": "new"}


def test_readers_still_get_pages_when_redis_is_down(db, client, settings):
    article = make_article(title="Khi Redis không chạy")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    down = {"BACKEND": "pagecache.redis.FastRedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port}/0"}
    settings.CACHES = {"default": down, "pages": {**down, "KEY_PREFIX": "pages"}}
    for _ in range(2):
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200 and "Khi Redis không chạy" in page.content.decode()
        assert "X-Page-Cache" not in page  # made afresh each time
    assert client.get("/").status_code == 200
    store.breaker.closed_until = 0  # as after the breaker's few seconds
    assert isinstance(store._version_reader(), VersionMirror)


def test_pages_through_redis_are_fresh_after_every_kind_of_change(db, client, settings):
    redis_cache = {"BACKEND": "pagecache.redis.FastRedisCache", "LOCATION": URL, "KEY_PREFIX": RUN_PREFIX}
    settings.CACHES = {"default": redis_cache, "pages": {**redis_cache, "KEY_PREFIX": f"{RUN_PREFIX}-pages"}}
    forget_redis_keys(URL)
    article = make_article(title="Tin qua Redis")
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.post(f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    from django.test import Client

    reader = Client()
    page = reader.get(url)
    assert page["X-Page-Cache"] == "miss" and "<span data-rating-count>1</span>" in page.content.decode()
    assert reader.get(url)["X-Page-Cache"] == "hit"
    article.title = "Tin qua Redis, đã sửa"
    article.save()
    page = reader.get(url)
    assert page["X-Page-Cache"] == "miss" and "đã sửa" in page.content.decode()
    forget_redis_keys(URL)
