"""Search over many articles on PostgreSQL: the search table by month, the RUM index, the GIN one.

    scripts/with-postgres .venv/bin/python bench/search.py [--articles 100000] [--database NAME]

Fills the bench database (never real content) with generated articles up to
--articles, then times the articles' search query (articles/search.py
search_articles(): the ranked ids of every page of results) for a few phrases,
in-process, on the search table by month (migration 0020), on the RUM path (the
table set aside; where the extension is installed, migration 0019) and on the GIN
path (the RUM index dropped and migration 0007's GIN index built inside a
transaction that is rolled back), and through gunicorn as a
reader sees it: page 1, page 50, and input with nothing to search (not with
--in-process). --site times another site's search (a 100-site database).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DB, bench_env, fire, gunicorn, http, manage, prepare, row

TIMING = r"""
import statistics, time
from django.db import connection, transaction
from articles import search, searchindex
from core.sites import serving
from core.text import search_words

SITE, REPEAT, GIN = __SITE__, __REPEAT__, __GIN__
PHRASES = ["nông thôn mới", "chuyển đổi số", "Bình Nhì", "giao nhận quân", None]
NOTHING = "nông thôn mới khongco"  # + a number: a new phrase each time, with a word found nowhere

def timed(phrase):
    samples, found = [], 0
    with serving(SITE):
        for n in range(REPEAT):
            words = search_words(phrase or f"{NOTHING}{n}")
            started = time.perf_counter()
            found = len(search.search_articles(words))
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[-1], found

def run_all():
    return {phrase: timed(phrase) for phrase in PHRASES}

paths = {}
table, rum, small = searchindex.available(), search.rum_index(), searchindex.small_archive()
if table:
    searchindex.SMALL_ARCHIVE = 0  # by month whatever the size (a small archive reads RUM)
    paths["by month"] = run_all()
    searchindex.available = lambda: False
if rum:
    paths["RUM"] = run_all()
if GIN:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS article_search_rum_idx")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS article_search_vector_idx ON articles_article USING gin (search_vector)"
            )
        search.rum_index = lambda: False
        paths["GIN"] = run_all()
        transaction.set_rollback(True)
chosen = "RUM" if rum and (small or not table) else "by month" if table else "GIN"
print(f"site {SITE}, search table: {table}, RUM index: {rum}, path taken: {chosen}; ms, median and slowest of {REPEAT}")
print(f"{'phrase':<24} {'ranked':>7}" + "".join(f" {name + ' p50':>13} {'max':>7}" for name in paths))
for phrase in PHRASES:
    found = next(iter(paths.values()))[phrase][2]
    cells = "".join(f" {run[phrase][0]:>13.1f} {run[phrase][1]:>7.1f}" for run in paths.values())
    print(f"{(phrase or NOTHING + ' N'):<24} {found:>7}{cells}")
"""


def timing_code(site: int, repeat: int, gin: bool) -> str:
    return TIMING.replace("__SITE__", str(site)).replace("__REPEAT__", str(repeat)).replace("__GIN__", str(gin))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database", default=BENCH_DB, help="the bench database (created if missing)")
    parser.add_argument("--site", type=int, default=1, help="the site served while timing in-process")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--no-gin", action="store_true", help="skip the GIN path (building it takes minutes at 1,000,000)"
    )
    parser.add_argument("--in-process", action="store_true", help="no gunicorn part")
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
    timing = timing_code(args.site, args.repeat, gin=not args.no_gin)
    print(manage(env, "shell", "--no-imports", "-c", timing))
    if args.in_process:
        return

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
