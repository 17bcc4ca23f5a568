"""Issue 17, point 2: readers' pages from a real streaming replica (core/dbrouter.py).

The test starts its own PostgreSQL primary and a hot standby made from it by
pg_basebackup (tests/pgservers.py), loads the portal with its demo content, and runs
real gunicorn with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the replica.
With the replica's replay paused (a replica lagging as far as it can), a change written
on the primary behind the portal's back shows which database each page read: readers'
pages show the old text, the admin the new; a vote shows at once to the voter and to
the next reader all the same. Stopped, the replica costs readers nothing but freshness.
One primary/replica pair for the module: each test leaves the replay running.
"""

import json
import os
import re
from types import SimpleNamespace

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from core.dbrouter import FENCE_KEY
from tests.live import Browser, app_env, gunicorn
from tests.pgservers import (
    SECRET_KEY,
    admin_login,
    create_database,
    load_portal,
    postgresql_bin,
    primary_and_replica,
    wait_for_replay,
)

pytestmark = [pytest.mark.live]

SEED_TITLE = "Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn"


@pytest.fixture(scope="module")
def portal(tmp_path_factory, static_root):
    if postgresql_bin() is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("PostgreSQL's initdb and pg_basebackup are needed (apt-get install postgresql)")
        pytest.skip("PostgreSQL's binaries are not installed")
    folder = tmp_path_factory.mktemp("replica")
    media = folder / "media"
    with primary_and_replica() as (primary, replica):
        url = create_database(primary, "portal")
        load_portal(url, media)
        wait_for_replay(primary, replica)
        cache = folder / "cache"
        env = app_env(
            SimpleNamespace(SECRET_KEY=SECRET_KEY, MEDIA_ROOT=media),
            f"file://{cache}",
            static_root,
            DATABASE_URL=url,
            DATABASE_REPLICA_URL=replica.url("portal"),
            ADMIN_REQUIRE_2FA="0",
            DB_REPLICA_RETRY_SECONDS="60",
        )
        log = folder / "gunicorn.log"
        with gunicorn(env, log=log) as base:
            yield SimpleNamespace(
                base=base,
                primary=primary,
                replica=replica,
                log=log,
                fence=FileBasedCache(str(cache), {}),
                pages=FileBasedCache(str(cache / "pages"), {}),
            )


def on_primary(portal, sql, *params):
    return portal.primary.query(sql, params, dbname="portal")


def article(portal, title_start: str) -> tuple[int, str]:
    """(id, address) of the published demo article whose title starts so."""
    pk, slug, category = on_primary(
        portal,
        "SELECT a.id, a.slug, c.slug FROM articles_article a JOIN articles_category c ON c.id = a.category_id"
        " WHERE a.title LIKE %s AND a.status = 'published' ORDER BY a.id LIMIT 1",
        title_start + "%",
    )[0]
    return pk, f"/{category}/{slug}-{pk}.html"


def paused(portal):
    """The replica stops replaying the primary's changes (it lags) until resumed."""
    portal.replica.query("SELECT pg_wal_replay_pause()")


def resume(portal):
    portal.replica.query("SELECT pg_wal_replay_resume()")
    wait_for_replay(portal.primary, portal.replica)


def writes_long_ago(portal):
    """As if DB_REPLICA_AFTER_WRITE_SECONDS had passed since the portal last wrote."""
    portal.fence.delete(FENCE_KEY)


def fresh_pages(portal):
    """Every cached page forgotten (as `manage.py clear_pages`): the next ones are made afresh."""
    portal.pages.clear()


def rating_of(html):
    found = re.search(r"<span data-rating-sum>(\d+)</span>.*?<span data-rating-count>(\d+)</span>", html, re.S)
    return found.groups()


def test_readers_pages_come_from_the_replica_and_the_admin_from_the_primary(portal):
    pk, url = article(portal, "Hội nghị")
    paused(portal)
    try:
        # Written on the primary behind the portal's back: neither the page cache nor the
        # write fence knows, so what a page shows is what the database it read holds.
        on_primary(
            portal, "UPDATE articles_article SET title = title || ' (đã sửa trên máy chủ chính)' WHERE id = %s", pk
        )
        writes_long_ago(portal)
        fresh_pages(portal)
        reader = Browser()
        status, headers, page = reader.get(portal.base + url)
        assert status == 200 and headers["X-Page-Cache"] == "miss"
        assert "đã sửa trên máy chủ chính" not in page  # the lagging replica's copy

        editor = Browser()
        admin_login(editor, portal.base)
        status, _, form = editor.get(f"{portal.base}/admin/articles/article/{pk}/change/")
        assert status == 200 and "đã sửa trên máy chủ chính" in form  # the admin reads the primary
    finally:
        resume(portal)
        writes_long_ago(portal)
    # Caught up, the replica gives readers the change.
    fresh_pages(portal)
    status, _, page = Browser().get(portal.base + url)
    assert status == 200 and "đã sửa trên máy chủ chính" in page


def test_a_vote_shows_at_once_to_the_voter_and_the_next_reader_while_the_replica_lags(portal):
    pk, url = article(portal, SEED_TITLE)
    writes_long_ago(portal)
    fresh_pages(portal)
    voter, plain_voter, other = Browser(), Browser(), Browser()
    status, headers, page = voter.get(portal.base + url)
    before = tuple(map(int, rating_of(page)))
    paused(portal)
    try:
        status, _, body = voter.vote(portal.base, pk, 5)  # with JavaScript: JSON from the primary
        answer = json.loads(body)
        assert status == 200 and answer["count"] == before[1] + 1 and answer["mine"] == 5

        # Without JavaScript: back on the article with "Cảm ơn", the totals counting the vote.
        headers = {"Origin": f"http://{Browser.host}", "Content-Type": "application/x-www-form-urlencoded"}
        status, _, page = plain_voter.request("POST", f"{portal.base}/danh-gia/{pk}/", "stars=4", headers)
        assert status == 200 and "Cảm ơn bạn đã đánh giá bài viết" in page
        assert rating_of(page) == (str(before[0] + 9), str(before[1] + 2))

        # Reloaded (the page cache, cleared by the vote, makes it afresh): the voter's page and
        # anyone's show both votes, and what is cached now is that page, not the replica's.
        for reader in (voter, other, Browser()):
            status, _, page = reader.get(portal.base + url)
            assert status == 200 and rating_of(page) == (str(before[0] + 9), str(before[1] + 2))
        status, _, mine = voter.get(f"{portal.base}/danh-gia/{pk}/cua-ban/")
        assert json.loads(mine)["mine"] == 5
        assert on_primary(portal, "SELECT rating_count FROM articles_article WHERE id = %s", pk)[0][0] == before[1] + 2
        assert portal.replica.query(
            "SELECT rating_count FROM articles_article WHERE id = %s", (pk,), dbname="portal"
        )[0][0] == before[1]  # fmt: skip
    finally:
        resume(portal)
        writes_long_ago(portal)


def test_readers_get_pages_from_the_primary_when_the_replica_stops(portal):
    pk, url = article(portal, "Hội nghị")
    portal.replica.stop("immediate")
    on_primary(portal, "UPDATE articles_article SET summary = 'Tóm tắt viết khi bản sao đã dừng' WHERE id = %s", pk)
    writes_long_ago(portal)
    fresh_pages(portal)
    reader = Browser()
    for address in ("/", "/tim-kiem/?q=hoi+nghi", "/van-ban/", url):
        status, _, page = reader.get(portal.base + address)
        assert status == 200, address
    assert "Tóm tắt viết khi bản sao đã dừng" in page  # read from the primary
    log = portal.log.read_text(errors="replace")
    assert "Read replica unreachable" in log
    assert "answered 503" not in log
