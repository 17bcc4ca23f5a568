"""Issue 12, point 4: PostgreSQL cut off from the app under load, then back.

Real gunicorn (3 workers) reaches PostgreSQL through a TCP proxy of the test's own;
cutting it closes every connection the app holds and refuses new ones. Meanwhile the
pages the cache holds keep coming (the last good copy, marked stale, once an edit has
made them out of date), any other page is a 503 "đang bảo trì" with Retry-After, a vote
a 503 (JSON for fetch, HTML for a form) that saves nothing half-way; once the proxy lets
connections through again, everything answers by itself, with no restart.
"""

import json
import time
import uuid

import pytest
from django.db import connection

import pagecache
from huyenuy.settings import cache_from_url
from ratings.models import Vote
from tests.factories import make_article, make_category
from tests.live import RUN_PREFIX, Browser, Load, TcpProxy, app_env, gunicorn, percentile

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a database server to cut the app off from"),
    pytest.mark.django_db(transaction=True),
]

WORKERS = 3
MAINTENANCE = "đang bảo trì"


def cached_page(url):
    def task():
        status, headers, _ = Browser().get(url)
        marks = (headers.get("Cache-Control"), headers.get("X-Accel-Expires"), headers.get("Warning"))
        return status, (headers.get("X-Page-Cache"), *marks)

    return task


def uncached_page(base):
    def task():
        status, headers, body = Browser().get(f"{base}/tim-kiem/?q={uuid.uuid4().hex[:8]}")  # a new page each time
        return status, (headers.get("Retry-After"), MAINTENANCE in body)

    return task


def vote_task(base, article_id):
    def task():
        status, _, body = Browser().vote(base, article_id, 4)
        return status, json.loads(body).get("message", "") if body.startswith("{") else body[:80]

    return task


def plain_vote(base, article_id):
    """A vote from the page's form, without JavaScript."""
    headers = {"Origin": f"http://{Browser.host}", "Content-Type": "application/x-www-form-urlencoded"}
    return Browser().request("POST", f"{base}/danh-gia/{article_id}/", "stars=4", headers)


def test_the_app_cut_off_from_postgresql_serves_what_it_can_and_comes_back_by_itself(
    settings, static_root, tmp_path, capsys
):
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    cache_url = f"file://{tmp_path / 'cache'}"
    # This process shares the page cache: its edits make the app's copies out of date.
    settings.CACHES = {"default": cache_from_url(cache_url), "pages": cache_from_url(cache_url, "pages")}
    category = make_category(name="Tin hoạt động")
    article = make_article(title="Hội nghị tổng kết", category=category)
    voted = make_article(title="Bài được đánh giá", category=category)
    through_proxy = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    env = app_env(settings, cache_url, static_root, CACHE_KEY_PREFIX=RUN_PREFIX, DATABASE_URL=through_proxy)
    try:
        with gunicorn(env, workers=WORKERS) as base:
            load = Load(
                {
                    "home": cached_page(base + "/"),
                    "article": cached_page(base + article.get_absolute_url()),
                    "uncached": uncached_page(base),
                    "vote": vote_task(base, voted.pk),
                }
            ).start()
            try:
                time.sleep(2)
                proxy.cut()
                load.phase = "cut"  # requests started from now on find no database
                time.sleep(1)
                pagecache.invalidate_all()  # an edit: the copies are out of date and cannot be made again
                time.sleep(1)
                health = Browser().get(base + "/healthz")
                form_vote = plain_vote(base, voted.pk)
                time.sleep(2)
                proxy.restore()
                load.phase = "restored"
                time.sleep(2)
                load.phase = "back"
                time.sleep(2)
                health_back = Browser().get(base + "/healthz")
            finally:
                load.stop()
    finally:
        proxy.close()

    report(load, capsys)
    for task in ("home", "article"):  # the pages the cache holds: always answered
        assert {status for _, _, _, status, _ in load.of(task)} == {200}, task
        during = [note for _, _, _, _, note in load.of(task, {"cut"})]
        stale = [note for note in during if note[0] == "stale"]
        assert stale and all(note[1:] == ("no-store", "0", '110 - "Response is Stale"') for note in stale), task
        assert {note[0] for note in during} <= {"hit", "stale"}, (task, [note[0] for note in during])
    refused = [sample for sample in load.of("uncached", {"cut"}) if sample[3] != 200]
    assert refused and all(status == 503 and note == ("30", True) for _, _, _, status, note in refused)
    assert health[0] == 503
    assert form_vote[0] == 503 and MAINTENANCE in form_vote[2] and "<html" in form_vote[2]
    votes_refused = [sample for sample in load.of("vote", {"cut"}) if sample[3] != 200]
    assert votes_refused and all(status == 503 and MAINTENANCE in note for _, _, _, status, note in votes_refused)

    # Back by itself: every kind of request answers as before the cut.
    for task in ("home", "article", "uncached", "vote"):
        assert {status for _, _, _, status, _ in load.of(task, {"back"})} == {200}, task
    assert health_back[0] == 200

    accepted = sum(1 for sample in load.of("vote") if sample[3] == 200)
    rows = Vote.objects.filter(article=voted).count()
    voted.refresh_from_db()
    assert (voted.rating_count, voted.rating_sum) == (rows, 4 * rows)  # never a vote without its totals
    # A vote whose commit reached PostgreSQL just as the connection was cut was answered 503:
    # at most one (one voter at a time), and counted whole.
    assert accepted <= rows <= accepted + 1 and load.of("vote", {"back"})


def report(load, capsys) -> None:
    with capsys.disabled():
        print(f"\ndatabase cut ({WORKERS} workers): requests (answered 200), p50/p99/max ms per phase")
        for phase in ("start", "cut", "restored", "back"):
            cells = []
            for task in ("home", "article", "uncached", "vote"):
                samples = load.of(task, {phase})
                seconds = [s for _, _, s, _, _ in samples]
                if seconds:
                    ok = sum(1 for sample in samples if sample[3] == 200)
                    p50, p99, slowest = percentile(seconds, 0.5), percentile(seconds, 0.99), max(seconds)
                    cells.append(f"{task} {len(seconds)} ({ok}) {p50 * 1000:.0f}/{p99 * 1000:.0f}/{slowest * 1000:.0f}")
            print(f"  {phase:8} " + "; ".join(cells))
