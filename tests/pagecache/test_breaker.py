"""A cache that does not answer costs one short timeout, not one per request: every cache
alias stops asking it for a few seconds, says so once, and clears every page when it is back."""

import logging
import socket

import pytest

from huyenuy.settings import cache_from_url
from pagecache import store
from tests.factories import make_article

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "breaker"}


@pytest.fixture(autouse=True)
def _fresh_local_vote_counts(monkeypatch):
    """Votes counted in this process while the cache is down are per test."""
    from core import limits

    monkeypatch.setattr(limits, "_local_counts", {})


@pytest.fixture
def frozen_redis():
    """A server that takes connections and never answers, as a Redis stopped with SIGSTOP."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        server.setblocking(False)
        yield server


def connections_to(server) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def test_a_frozen_cache_is_asked_once_then_left_alone_and_edits_go_through(db, client, settings, frozen_redis, caplog):
    port = frozen_redis.getsockname()[1]
    settings.CACHES = {"default": LOCMEM, "pages": cache_from_url(f"redis://127.0.0.1:{port}/0", "pages")}
    article = make_article(title="Tin khi Redis treo")
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        for _ in range(10):
            page = client.get(article.get_absolute_url())
            assert page.status_code == 200 and "Tin khi Redis treo" in page.content.decode()
            assert "X-Page-Cache" not in page  # made afresh
        article.title = "Tin khi Redis treo, đã sửa"
        article.save()  # the edit is saved; its invalidation waits for the cache
    assert connections_to(frozen_redis) <= 2  # the first request's attempt, not one per request
    assert "đã sửa" in client.get(article.get_absolute_url()).content.decode()
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["Shared cache unreachable"]


def test_a_frozen_default_cache_is_asked_once_by_votes_and_the_editing_lock(db, settings, frozen_redis, caplog):
    from django.test import Client

    from articles import editlock
    from ratings.models import Vote
    from tests.factories import make_user

    frozen = f"redis://127.0.0.1:{frozen_redis.getsockname()[1]}/0"
    settings.CACHES = {"default": cache_from_url(frozen), "pages": LOCMEM}
    articles = [make_article() for _ in range(4)]
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        for article in articles:
            headers = {"HTTP_ORIGIN": "http://testserver", "HTTP_ACCEPT": "application/json"}
            assert Client().post(f"/danh-gia/{article.pk}/", {"stars": "3"}, **headers).status_code == 200
        for _ in range(3):
            with pytest.raises(editlock.Unavailable):
                editlock.acquire(articles[0].pk, make_user(), takeover=False)
    assert Vote.objects.count() == 4
    assert connections_to(frozen_redis) <= 2  # the first vote's throttle waited; nothing after it did
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["Shared cache unreachable"]


def test_every_method_of_djangos_redis_cache_that_talks_to_redis_is_guarded():
    from django.core.cache.backends.redis import RedisCache

    from pagecache.redis import GUARDED

    local = {"get_backend_timeout"}  # works out a number, asks nothing
    methods = {name for name, value in vars(RedisCache).items() if callable(value) and not name.startswith("_")}
    assert methods - local == set(GUARDED)


def test_when_the_cache_answers_again_every_page_is_cleared_once(db, client, settings, caplog):
    article = make_article()
    store.breaker.failed(ConnectionError("refused"))
    assert "X-Page-Cache" not in client.get(article.get_absolute_url())  # left alone for now
    store.breaker.closed_until = 0  # as after OPEN_SECONDS
    version = store.content_version()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert store.content_version() != version  # what changed meanwhile cannot be served stale
    assert client.get(article.get_absolute_url())["X-Page-Cache"] in ("miss", "hit")
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert [r.getMessage().split(" [")[0] for r in caplog.records] == ["Shared cache answers again: every page cleared"]


def test_an_edit_made_while_the_cache_was_down_shows_on_the_first_page_after(db, client):
    article = make_article(title="Tin trước khi sửa")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    store.breaker.failed(ConnectionError("refused"))
    article.title = "Tin đã sửa khi bộ đệm ngừng"
    article.save()  # its invalidation cannot be recorded
    store.breaker.closed_until = 0  # as after OPEN_SECONDS
    page = client.get(url)
    assert "Tin đã sửa khi bộ đệm ngừng" in page.content.decode() and page["X-Page-Cache"] == "miss"


def test_with_the_shared_cache_down_votes_count_and_the_admin_edits_with_a_notice(db, settings):
    from django.test import Client

    from ratings.models import Vote
    from tests.factories import make_user

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    down = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {"default": cache_from_url(down), "pages": cache_from_url(down, "pages")}
    settings.RATING_VOTES_PER_IP_PER_HOUR = 2
    articles = [make_article() for _ in range(3)]
    codes = []
    for article in articles:
        response = Client().post(
            f"/danh-gia/{article.pk}/", {"stars": "4"}, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json"
        )
        codes.append(response.status_code)
    assert codes == [200, 200, 429]  # counted, and the limit still holds (per process)
    assert Vote.objects.count() == 2
    articles[0].refresh_from_db()
    assert (articles[0].rating_sum, articles[0].rating_count) == (4, 1)

    editor = Client()
    editor.force_login(make_user(superuser=True))
    page = editor.get(f"/admin/articles/article/{articles[0].pk}/change/")
    assert page.status_code == 200 and "Tạm thời không kiểm tra được ai khác đang mở bài này" in page.content.decode()
    heartbeat = editor.post(f"/admin/articles/article/{articles[0].pk}/giu-cho/")
    assert heartbeat.status_code == 200 and heartbeat.json()["ok"] is True


def test_a_cache_that_dies_in_the_middle_of_a_page_leaves_the_page_whole(db, client, monkeypatch):
    """Redis killed between two of a page's calls (the chrome read, then the next scheduled
    change): the reader still gets the page, made afresh."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    article = make_article(title="Tin khi Redis tắt giữa chừng")
    real_get = store.store().get

    def dies_after_the_versions(key, *args, **kwargs):
        if ":next-change:" in key:
            raise RedisConnectionError("Connection closed by server.")
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(store.store(), "get", dies_after_the_versions)
    for url in ("/", article.get_absolute_url()):
        page = client.get(url)
        assert page.status_code == 200, url
    assert "Tin khi Redis tắt giữa chừng" in page.content.decode()
