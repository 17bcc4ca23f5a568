"""Search over many articles on PostgreSQL: through the RUM index, and through the GIN one.

    scripts/with-postgres .venv/bin/python bench/search.py [--articles 100000] [--database NAME]

Fills the bench database (never real content) with generated articles up to
--articles, then times the articles' search query (articles/search.py
search_articles(): the ranked ids of every page of results) for a few phrases,
on the path the database has (RUM where the extension is installed, migration
0019) and on the GIN path (the RUM index dropped and migration 0007's GIN index
built inside a transaction that is rolled back), and through gunicorn as a
reader sees it: page 1, page 50, and input with nothing to search.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DB, bench_env, fire, gunicorn, http, manage, prepare, row

TIMING = r"""
import statistics, time
from django.db import connection, transaction
from articles import search
from articles.models import Article
from core.text import search_words

PHRASES = ["nông thôn mới", "chuyển đổi số", "Bình Nhì", "giao nhận quân", "từ không có trong bài"]
print(f"articles: {Article.objects.published().count()}, RUM index: {search.rum_index()}")

def timed(phrase, repeat=15):
    words = search_words(phrase)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = search.search_articles(words)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, len(found)

def plan(phrase):
    sql, params = search.matches_sql(search_words(phrase))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(r[0] for r in cursor.fetchall())

first = {phrase: timed(phrase) for phrase in PHRASES}
print("seq scan on articles:", "Seq Scan on articles_article" in plan("nông thôn mới"))
second = {}
if search.rum_index():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX article_search_rum_idx")
            cursor.execute("CREATE INDEX article_search_vector_idx ON articles_article USING gin (search_vector)")
        search.rum_index = lambda: False
        second = {phrase: timed(phrase) for phrase in PHRASES}
        transaction.set_rollback(True)
print(f"{'phrase':<24} {'ranked':>7} {'this path ms':>13} {'GIN ms':>9}")
for phrase, (ms, found) in first.items():
    gin = f"{second[phrase][0]:>9.1f}" if phrase in second else f"{'-':>9}"
    print(f"{phrase:<24} {found:>7} {ms:>13.1f} {gin}")
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database", default=BENCH_DB, help="the bench database (created if missing)")
    args = parser.parse_args()
    env = bench_env(args.database, CACHE_URL="dummy://")
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
        phrase = "/tim-kiem/?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi"
        for label, query in [
            ("GET /tim-kiem/?q=nông thôn mới", phrase),
            ("the same, page 50", f"{phrase}&trang=50"),
            ("a phrase not asked before", None),
            ("one letter (nothing to search)", "/tim-kiem/?q=a"),
            ("500 characters", "/tim-kiem/?q=" + "%C4%91%E1%BA%A1i+" * 125),
        ]:
            # A new phrase each time: "nông thôn mới xã N" is in the index but never asked twice.
            def get(i, query=query):
                return http("GET", f"{base}{query}" if query else f"{base}{phrase}+x%C3%A3+{i % 97}")

            seconds, latencies, codes = fire(count, get, 8)
            print(row(label, seconds, latencies, count, baseline))
            assert set(codes) == {200}, codes


if __name__ == "__main__":
    main()
