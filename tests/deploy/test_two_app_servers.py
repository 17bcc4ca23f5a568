"""Two app servers (real gunicorn, two workers each) sharing PostgreSQL and a cache.

Proves the app keeps no state in its processes: a page cached by one server is
served by the other, a vote through one is counted once and visible through
the other, and every kind of change made anywhere clears the pages everywhere.
Needs a database server both processes reach, so PostgreSQL only.
"""

import os
import re
from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from articles.models import Article, SiteBanner
from huyenuy.settings import cache_from_url
from ratings.models import Vote
from tests.factories import image_upload, make_article, make_category
from tests.live import RUN_PREFIX, Browser, app_env, forget_redis_keys, gunicorn

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes need a shared database server"),
    pytest.mark.django_db(transaction=True),
]


REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture(params=["file", "redis"])
def servers(request, settings, tmp_path, static_root):
    # The cache every process shares: the default file cache, and Redis (several
    # machines; each worker mirrors the versions, kept exact by Redis); this test
    # process uses it too, so its saves invalidate pages.
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
        except (redis.RedisError, OSError):
            if os.environ.get("CI") == "true":
                raise
            pytest.skip(f"no Redis at {REDIS_URL} (CI starts one)")
        cache_url = REDIS_URL
    else:
        cache_url = f"file://{tmp_path / 'cache'}"
    settings.CACHES = {
        "default": cache_from_url(cache_url, prefix=RUN_PREFIX),
        "pages": cache_from_url(cache_url, "pages", prefix=RUN_PREFIX),
    }
    forget = (lambda: forget_redis_keys(cache_url)) if request.param == "redis" else caches["default"].clear
    forget()
    env = app_env(settings, cache_url, static_root, CACHE_KEY_PREFIX=RUN_PREFIX)
    with gunicorn(env) as first, gunicorn(env) as second:
        yield first, second
    forget()


def rating_of(html):
    return re.search(r"Tổng số điểm của bài viết là: <span data-rating-sum>(\d+)</span> trong "
                     r"<span data-rating-count>(\d+)</span>", html).groups()  # fmt: skip


def test_two_servers_share_pages_votes_and_every_invalidation(servers):
    one, two = servers
    category = make_category(name="Tin hoạt động")
    article = make_article(title="Hội nghị tổng kết năm", category=category)
    url = article.get_absolute_url()
    reader, other_reader = Browser(), Browser()

    status, headers, page = reader.get(one + url)
    assert status == 200 and headers["X-Page-Cache"] == "miss"
    status, headers, same_page = other_reader.get(two + url)
    assert headers["X-Page-Cache"] == "hit" and same_page == page  # cached by one, served by two

    # A vote through the second server: counted once, shown by the first at once.
    status, _, _ = reader.vote(two, article.pk, 4)
    assert status == 200
    status, _, _ = reader.vote(one, article.pk, 5)
    assert status == 409  # the same reader, through the other server
    assert Vote.objects.filter(article=article).count() == 1
    status, headers, page = other_reader.get(one + url)
    assert headers["X-Page-Cache"] == "miss" and rating_of(page) == ("4", "1")
    assert "Bạn đã" not in page and "Cảm ơn" not in page  # nothing of the first reader's

    # An edit saved anywhere (here: this process) clears the pages of both servers.
    other_reader.get(two + "/")
    article.title = "Hội nghị tổng kết năm - đã cập nhật"
    article.save()
    for base in (one, two):
        assert "đã cập nhật" in other_reader.get(base + url)[2]
        assert "đã cập nhật" in other_reader.get(base + "/")[2]

    # A site banner switched on shows in every header.
    SiteBanner(image=image_upload(size=(600, 90)), alt="Banner 2-9", shown_from=timezone.now() - timedelta(1)).save()
    for base in (one, two):
        assert 'alt="Banner 2-9"' in other_reader.get(base + "/")[2]

    # Withdrawn, then deleted: gone from both at once.
    article.status = Article.Status.UNPUBLISHED
    article.save()
    for base in (one, two):
        assert other_reader.get(base + url)[0] == 404
        assert "đã cập nhật" not in other_reader.get(base + "/")[2]
    second = make_article(title="Bài sẽ bị xóa", category=category)
    second_url = second.get_absolute_url()
    assert other_reader.get(one + second_url)[0] == 200
    second.delete()
    assert other_reader.get(two + second_url)[0] == 404
