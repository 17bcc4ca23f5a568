"""Search over many articles on PostgreSQL: with the trigram index, and without it.

    scripts/with-postgres .venv/bin/python bench/search.py [--articles 100000]

Fills the bench database (never real content) with generated articles up to
--articles, then times the search page's queries (the first page of results
and the count) for a few phrases, once as PostgreSQL plans them (GIN trigram
index) and once with index scans switched off (what the query would cost
without migration 0006), and through gunicorn as a reader sees it.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_env, fire, gunicorn, http, manage, prepare, row

TIMING = r"""
import statistics, time
from django.db import connection
from articles.models import Article
from articles.search import search_articles
from core.text import search_words

PHRASES = ["nông thôn mới", "chuyển đổi số", "Bình Nhì", "giao nhận quân", "từ không có trong bài"]
print(f"articles: {Article.objects.published().count()}")

def timed(phrase, repeat=15):
    words = search_words(phrase)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        results = search_articles(words)
        total = results.count()
        list(results[:20])
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, total

rows = []
for phrase in PHRASES:
    with_index, total = timed(phrase)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_bitmapscan = off")
        cursor.execute("SET enable_indexscan = off")
    without_index, _ = timed(phrase, repeat=3)
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_bitmapscan")
        cursor.execute("RESET enable_indexscan")
    rows.append((phrase, total, with_index, without_index))

with connection.cursor() as cursor:
    words = search_words("nông thôn mới")
    sql, params = search_articles(words)[:20].query.sql_with_params()
    cursor.execute("EXPLAIN " + sql, params)
    plan = "\n".join(r[0] for r in cursor.fetchall())
print("word index used:", "article_search_vector_idx" in plan)
print(f"{'phrase':<24} {'found':>7} {'index ms':>9} {'no-index ms':>12} {'speed-up':>9}")
for phrase, total, with_index, without_index in rows:
    print(f"{phrase:<24} {total:>7} {with_index:>9.1f} {without_index:>12.1f} {without_index / with_index:>8.1f}x")
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    env = bench_env(CACHE_URL="dummy://")
    prepare(env)
    have = int(
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from articles.models import Article; print(Article.objects.filter(slug__contains='-t').count())",
        ).split()[-1]
    )
    if have < args.articles:
        print(manage(env, "generate_articles", "--count", str(args.articles - have)).strip())
    manage(
        env, "shell", "--no-imports", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')"
    )
    print(manage(env, "shell", "--no-imports", "-c", TIMING))

    with gunicorn(env, workers=4) as base:
        fire(40, lambda i: http("GET", f"{base}/healthz"))
        count = 200
        seconds, latencies, _ = fire(count, lambda i: http("GET", f"{base}/healthz"), 8)
        baseline = count / seconds
        print(row("GET /healthz (baseline)", seconds, latencies, count))
        query = "/tim-kiem/?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi"
        seconds, latencies, codes = fire(count, lambda i: http("GET", f"{base}{query}"), 8)
        print(row("GET /tim-kiem/?q=nông thôn mới", seconds, latencies, count, baseline))
        assert set(codes) == {200}, codes


if __name__ == "__main__":
    main()
