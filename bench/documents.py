"""The documents register with many documents, on PostgreSQL.

    scripts/with-postgres .venv/bin/python bench/documents.py [--documents 100000]

Fills the bench database (never real content) with generated documents up to
--documents, then, for the register's list page, its filters and its searches:
how many queries each page costs (the same at 100 and at 100,000 documents) and
how long it takes to make (median of 15, page cache off), and through gunicorn
as a reader sees it, against /healthz.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_env, fire, gunicorn, http, manage, prepare, row

PAGES = [
    "/van-ban/",
    "/van-ban/?trang=200",
    "/van-ban/?loai=nghi-quyet",
    "/van-ban/?loai=ke-hoach&nam=2020",
    "/van-ban/?q=15-KH%2FTN",
    "/van-ban/?q=chuyen+doi+so",
    "/tim-kiem/?q=nghi+quyet+15",
]

TIMING = r"""
import statistics, time
from django.db import connection
from django.test import Client
from documents.models import Document

PAGES = %r
print(f"documents: {Document.objects.published().count()}")
client = Client(HTTP_HOST="localhost")  # the first site answers on the machine's own names
print(f"{'page':<36} {'queries':>7} {'median ms':>10}")
for page in PAGES:
    client.get(page)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(page).status_code == 200
    samples = []
    for _ in range(15):
        started = time.perf_counter()
        client.get(page)
        samples.append(time.perf_counter() - started)
    print(f"{page:<36} {len(queries):>7} {statistics.median(samples) * 1000:>10.1f}")
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    args = parser.parse_args()
    env = bench_env(CACHE_URL="dummy://", ALLOWED_HOSTS="testserver,127.0.0.1,localhost")
    prepare(env)
    count = "from documents.models import Document; print(Document.objects.filter(slug__startswith='vb-thu-').count())"
    have = int(manage(env, "shell", "--no-imports", "-c", count).split()[-1])
    if have < args.documents:
        print(manage(env, "generate_documents", "--count", str(args.documents - have)).strip())
    manage(
        env, "shell", "--no-imports", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')"
    )
    print(manage(env, "shell", "--no-imports", "-c", TIMING % (PAGES,)))

    with gunicorn(env, workers=4) as base:
        fire(40, lambda i: http("GET", f"{base}/healthz"))
        requests = 200
        seconds, latencies, _ = fire(requests, lambda i: http("GET", f"{base}/healthz"), 8)
        print(row("GET /healthz (baseline)", seconds, latencies, requests))
        baseline = requests / seconds
        for page in ("/van-ban/", "/van-ban/?q=chuyen+doi+so"):
            seconds, latencies, codes = fire(requests, lambda i, page=page: http("GET", f"{base}{page}"), 8)
            print(row(f"GET {page}", seconds, latencies, requests, baseline))
            assert set(codes) == {200}, codes


if __name__ == "__main__":
    main()
