"""Counting article views ("Xem nhiều") under a crowd, and writing them to PostgreSQL.

    scripts/with-postgres .venv/bin/python bench/hits.py [--beacons 5000] [--concurrency 32]

Prints, through gunicorn on Redis:
- a cached article page alone (p50, p99), the baseline;
- 5,000 view beacons (POST /luot-xem/<id>/) from 32 clients and 500 readers' addresses,
  and "lost views": beacons sent minus views written to DailyViews (must be 0);
- req/s of the cached page and of the beacons under wrk (a client that is not the bottleneck);
- the page's latency while wrk sends a crowd of beacons, beside the same crowd reading the
  page itself: counting views should slow pages no more than readers do;
- the flush of 10,000 articles read in each of 7 minutes (70,000 counters), the upsert
  of 10,000 articles x 7 days of rows, and the "Xem nhiều" queries over them.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, bench_env, fire, gunicorn, http, manage, percentile, prepare, row

# Until huyenuy/settings.py installs hits (then this file is gone and the real settings are used).
WIRED = "tests.hits.wired" if (ROOT / "tests" / "hits" / "wired.py").exists() else "huyenuy.settings"
CHROME = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari"

SETUP = """
from articles.models import Article, Category
from django.core.cache import cache
from hits.models import DailyViews, FlushedBatch
cache.clear()  # this bench's own Redis database
category, _ = Category.objects.get_or_create(slug="bench-luot-xem", defaults={"name": "Bench lượt xem"})
article, _ = Article.objects.get_or_create(
    slug="bench-bai-luot-xem", defaults={"title": "Bench bài lượt xem", "category": category,
    "summary": "Bài dùng cho phép đo.", "body": "<p>Nội dung.</p>" * 40, "status": "published"})
DailyViews.objects.all().delete()
FlushedBatch.objects.all().delete()
print(article.pk, article.get_absolute_url())
"""
FLUSH = "from hits import services; import time; print(services.flush(now=time.time() + 120))"
TOTAL = "from hits.models import DailyViews; from django.db.models import Sum; print(DailyViews.objects.aggregate(s=Sum('count'))['s'] or 0)"  # noqa: E501
BIG = """
import time
from datetime import timedelta
from django.core.cache import cache
from django.utils import timezone
from articles.models import Article
from hits import services, templating
from hits.models import DailyViews, FlushedBatch
ids = list(Article.objects.values_list("pk", flat=True)[:10000])
cache.clear()
DailyViews.objects.all().delete(); FlushedBatch.objects.all().delete()
now = time.time()
# The counters as count_view() leaves them, written at once (70,000 views one by one take a while).
for m in range(7):
    minute = services.current_minute(now - (m + 2) * 60)
    counters = {services._counter_key(minute, pk): 3 for pk in ids}
    counters.update({services._slot_key(minute, slot): pk for slot, pk in enumerate(ids, 1)})
    counters[services._length_key(minute)] = len(ids)
    cache.set_many(counters, services.KEEP_SECONDS)
started = time.perf_counter()
added = services.flush(now=now)
flushed = time.perf_counter() - started
today = timezone.localdate()
rows = {(today - timedelta(days=d), pk): 1 + (pk * 7 + d) % 50 for d in range(7) for pk in ids}
started = time.perf_counter()
services.add_views(rows)
upserted = time.perf_counter() - started
started = time.perf_counter()
templating._build()
lists = time.perf_counter() - started
print(f"flush of 7 minutes x {len(ids)} articles: {added} views in {flushed:.2f} s")
print(f"upsert of {len(rows)} (article, day) rows: {upserted:.2f} s")
print(f"'Xem nhiều' (7 and 30 days) over {DailyViews.objects.count()} rows, no cache: {lists * 1000:.0f} ms")
"""


WRK_BEACONS = """
local n = 0
request = function()
  n = n + 1
  local headers = {["Origin"] = "%(origin)s", ["User-Agent"] = "%(agent)s", ["Content-Length"] = "0",
                   ["X-Forwarded-For"] = "10.1." .. (n %% 200) .. "." .. math.random(0, 249)}
  return wrk.format("POST", "%(path)s", headers, "")
end
"""


def page_latencies(url, count, concurrency=4):
    _, latencies, codes = fire(count, lambda i: http("GET", url, headers={"Accept-Encoding": "gzip"}), concurrency)
    assert set(codes) == {200}, set(codes)
    return latencies


def describe(name, latencies) -> str:
    return f"{name:<48} p50 {percentile(latencies, 0.5):6.1f} ms  p99 {percentile(latencies, 0.99):6.1f} ms"


def wrk(url, seconds, concurrency, script=None) -> subprocess.Popen:
    command = ["wrk", "-t2", f"-c{concurrency}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def wrk_rate(process) -> str:
    out = process.communicate()[0]
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return f"{float(rate):9.0f} req/s  p50 {p50:>8}  p99 {p99:>8}  errors {errors.group(1) if errors else 0}"


def while_crowd(process, page) -> list[float]:
    latencies = []
    while process.poll() is None:
        latencies += page_latencies(page, 50)
    return latencies


def main(beacons=5000, concurrency=32, workers=4, articles=10_000):
    env = bench_env(
        "huyenuy_bench_hits",
        CACHE_URL="redis://127.0.0.1:6379/13",
        DJANGO_SETTINGS_MODULE=WIRED,
        TRUSTED_PROXY_COUNT="1",
    )
    prepare(env)
    count = "from articles.models import Article; print(Article.objects.count())"
    have = int(manage(env, "shell", "--no-imports", "-c", count))
    if have < articles:
        manage(env, "generate_articles", "--count", str(articles - have))
    pk, path = manage(env, "shell", "--no-imports", "-c", SETUP).split()[-2:]
    manage(env, "clear_pages")
    with gunicorn(env, workers=workers) as base, tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        page = f"{base}{path}"
        beacon_path = f"/luot-xem/{pk}/"
        lua.write(WRK_BEACONS % {"origin": base, "agent": CHROME, "path": beacon_path})
        lua.flush()
        page_latencies(page, 200)  # warm every worker and the page cache

        def send(i):
            headers = {
                "Origin": base,
                "User-Agent": CHROME,
                "Content-Type": "text/plain;charset=UTF-8",
                "X-Forwarded-For": f"10.0.{i % 500 // 250}.{i % 250}",  # 500 readers
            }
            return http("POST", f"{base}{beacon_path}", b"", headers)

        print(f"gunicorn {workers} workers, {concurrency} concurrent clients")
        print(describe("cached article page, alone (4 readers)", page_latencies(page, 2000)))
        seconds, latencies, codes = fire(beacons, send, concurrency)
        print(row(f"{beacons} beacons, python client", seconds, latencies, beacons))
        refused = sum(code != 204 for code in codes)
        manage(env, "shell", "--no-imports", "-c", FLUSH)
        counted = int(manage(env, "shell", "--no-imports", "-c", TOTAL).split()[-1])
        print(f"beacons sent {beacons}, refused {refused}, views written {counted}; lost views: {beacons - counted}")

        print(f"{'wrk: cached article page':<36}{wrk_rate(wrk(page, 5, concurrency))}")
        print(f"{'wrk: beacons':<36}{wrk_rate(wrk(base + beacon_path, 5, concurrency, lua.name))}")
        crowd = wrk(base + beacon_path, 8, concurrency, lua.name)
        print(describe("cached article page, during a beacon crowd", while_crowd(crowd, page)))
        crowd.communicate()
        crowd = wrk(page, 8, concurrency)
        print(describe("cached article page, during a reader crowd", while_crowd(crowd, page)))
        crowd.communicate()
    print(manage(env, "shell", "--no-imports", "-c", BIG).strip())
    return 0 if refused == 0 and counted == beacons else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--beacons", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    sys.exit(main(args.beacons, args.concurrency, args.workers))
