"""Issue 12, point 3: a Redis that freezes, then dies, then comes back costs milliseconds.

Real gunicorn (3 workers) on a Redis of the test's own, under load (home, an article,
/healthz, votes from new readers): Redis is frozen with SIGSTOP, thawed, killed, and
started again (empty). Pages keep answering 200, votes are all counted, the admin edit
page opens with its notice, each worker logs one line when the cache goes and one when
it is back, and an article edited while it was gone shows its new title at once.

The numbers are printed; the bounds asserted are the goal's (p99 of pages under 1 s,
/healthz under 200 ms) with room for a busy 2-core machine running the load too.
"""

import os
import re
import shutil
import time
from collections import defaultdict

import pytest
from django.db import connection
from django.test import Client

from huyenuy.settings import cache_from_url
from ratings.models import Vote
from tests.factories import make_article, make_category, make_user
from tests.live import RUN_PREFIX, Browser, Load, app_env, gunicorn, percentile, redis_server

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several processes need a shared database server"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        shutil.which("redis-server") is None and os.environ.get("CI") != "true",
        reason="needs redis-server (apt-get install redis-server; CI has it)",
    ),
]

WORKERS = 3
NOTICE = "Tạm thời không kiểm tra được ai khác đang mở bài này"
LOGGED = re.compile(r"Shared cache (unreachable|answers again).*\[process (\d+)\]")


def page_task(url):
    def task():
        status, headers, _ = Browser().get(url)
        return status, headers.get("X-Page-Cache")

    return task


def vote_task(base, article_id):
    def task():
        status, _, body = Browser().vote(base, article_id, 4)
        return status, body[:80]

    return task


def admin_page(base, session, article_id):
    headers = {"Cookie": f"sessionid={session}"}
    return Browser().request("GET", f"{base}/admin/articles/article/{article_id}/change/", headers=headers)


def title_of(base, article):
    html = Browser().get(base + article.get_absolute_url())[2]
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_a_frozen_then_dead_redis_costs_milliseconds_and_nothing_is_lost(settings, static_root, tmp_path, capsys):
    with redis_server() as redis:
        # This process shares the cache too: its edits invalidate pages (or fail to, while it is gone).
        settings.CACHES = {
            "default": cache_from_url(redis.url, prefix=RUN_PREFIX),
            "pages": cache_from_url(redis.url, "pages", prefix=RUN_PREFIX),
        }
        category = make_category(name="Tin hoạt động")
        article = make_article(title="Hội nghị tổng kết", category=category)
        voted = make_article(title="Bài được đánh giá", category=category)
        edited_frozen = make_article(title="Bài sửa khi Redis treo", category=category)
        edited_dead = make_article(title="Bài sửa khi Redis tắt", category=category)
        editor = Client()
        editor.force_login(make_user(superuser=True))
        session = editor.cookies["sessionid"].value
        log = tmp_path / "gunicorn.log"
        # The editor logs in as in the tests' settings: no second factor to set up first.
        env = app_env(settings, redis.url, static_root, CACHE_KEY_PREFIX=RUN_PREFIX, ADMIN_REQUIRE_2FA="0")
        with gunicorn(env, workers=WORKERS, log=log) as base:
            for page in (edited_frozen, edited_dead):
                assert title_of(base, page) == page.title  # cached with the old title
            tasks = {
                "home": page_task(base + "/"),
                "article": page_task(base + article.get_absolute_url()),
                "healthz": page_task(base + "/healthz"),
                "vote": vote_task(base, voted.pk),
            }
            load = Load(tasks, {"home": 2, "article": 2}).start()
            admin_answers = {}
            try:
                time.sleep(2)
                load.phase = "frozen"
                redis.freeze()
                time.sleep(1)
                edited_frozen.title = "Bài sửa khi Redis treo - đã sửa"
                edited_frozen.save()  # its invalidation cannot reach Redis
                admin_answers["frozen"] = admin_page(base, session, edited_frozen.pk)
                time.sleep(6)  # past one breaker window: each worker tries Redis again once
                load.phase = "thawed"
                redis.thaw()
                titles_after_thaw = [title_of(base, edited_frozen) for _ in range(WORKERS * 2)]
                time.sleep(3)
                load.phase = "dead"
                redis.kill()
                time.sleep(1)
                edited_dead.title = "Bài sửa khi Redis tắt - đã sửa"
                edited_dead.save()
                admin_answers["dead"] = admin_page(base, session, edited_dead.pk)
                time.sleep(5)
                load.phase = "back"
                redis.start()
                titles_after_restart = [title_of(base, edited_dead) for _ in range(WORKERS * 2)]
                time.sleep(7.5)  # past a breaker window: every worker has tried Redis again
            finally:
                load.stop()

    report(load, capsys)
    assert {status for _, _, _, status, _ in load.of()} == {200}, (failures(load), tracebacks(log))
    pages = [seconds for _, _, seconds, _, _ in load.of("home") + load.of("article")]
    assert percentile(pages, 0.99) < 1.0
    health = [seconds for _, _, seconds, _, _ in load.of("healthz")]
    # The slowest are the few asked while every worker waited on its first timeout at once.
    assert percentile(health, 0.99) < 0.2 and max(health) < 1.0

    accepted = len(load.of("vote"))
    voted.refresh_from_db()
    assert Vote.objects.filter(article=voted).count() == accepted == voted.rating_count > 50
    assert voted.rating_sum == 4 * accepted

    for phase, (status, _, html) in admin_answers.items():
        assert status == 200 and NOTICE in html, phase
    assert set(titles_after_thaw) == {"Bài sửa khi Redis treo - đã sửa"}  # no stale page once it is back
    assert set(titles_after_restart) == {"Bài sửa khi Redis tắt - đã sửa"}

    said = defaultdict(list)
    for line in log.read_text(errors="replace").splitlines():
        if match := LOGGED.search(line):
            said[match.group(2)].append(match.group(1))
    # Each worker: one line when it finds the cache gone, one when it finds it back. A worker
    # whose breaker was still open during the short thaw (it tries every 4-6 s) saw one outage.
    assert len(said) == WORKERS, said
    for lines in said.values():
        assert lines in (["unreachable", "answers again"], ["unreachable", "answers again"] * 2), said


def failures(load) -> list:
    return [sample for sample in load.of() if sample[3] != 200][:10]


def tracebacks(log) -> str:
    """What the workers logged of their errors, so that a 500 says where it came from."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return "\n".join(part for part in text.split("\n\n") if "Traceback" in part)[-6000:]


def report(load, capsys) -> None:
    with capsys.disabled():
        print("\ncache down (3 workers): requests, p50/p99/max ms per phase")
        for phase in ("start", "frozen", "thawed", "dead", "back"):
            cells = []
            for task in ("home", "article", "healthz", "vote"):
                seconds = [s for _, _, s, _, _ in load.of(task, {phase})]
                if seconds:
                    p50, p99 = percentile(seconds, 0.5), percentile(seconds, 0.99)
                    cells.append(f"{task} {len(seconds)} {p50 * 1000:.0f}/{p99 * 1000:.0f}/{max(seconds) * 1000:.0f}")
            print(f"  {phase:7} " + "; ".join(cells))
