"""The article page through the whole scale-out set (tests/wholeset.py): nginx in front of
two app servers, PostgreSQL primary behind pgbouncer with a streaming replica, Redis, the
task worker and an S3 server, all on this machine.

    scripts/with-postgres .venv/bin/python bench/whole_set.py [--seconds 5] [--connections 32]

Rows, each the median of three runs, with its ratio to the two baselines measured in the
same run: nginx serving the article page's bytes as a static file, and the Django floor
(bench/floor_app.py: gunicorn with no database and no middleware returning those bytes):

1. the article through the set's nginx (its 3 s micro-cache in front of the page cache);
2. the article from one app server directly (the page cache in Redis, no nginx);
3. a search nobody asked before, through nginx: a page made afresh from the replica.

Needs wrk, nginx, pgbouncer, Redis's server and PostgreSQL's binaries (initdb, pg_basebackup).
The figures go to bench/RESULTS.md by hand, with the machine's state.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT

from pages import ROUNDS, django_floor, median_run, wrk

sys.path.insert(0, str(ROOT))

from tests.live import Browser, nginx
from tests.wholeset import whole_set

FRESH_SEARCH_LUA = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/tim-kiem/?q=n%C3%B4ng+th%C3%B4n+" .. math.random(1, 1000000000) .. counter)
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()

    static_root = Path(tempfile.mkdtemp(prefix="huyenuy-bench-static-"))
    env = {"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": "x" * 60, "STATIC_ROOT": str(static_root)}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True)
    print("Starting the whole set (PostgreSQL pair, pgbouncer, Redis, S3, worker, two app servers, nginx) ...")
    with whole_set(static_root) as portal:
        [(article_id, slug, category)] = portal.primary.query(
            "SELECT a.id, a.slug, c.slug FROM articles_article a JOIN articles_category c ON c.id = a.category_id "
            "WHERE starts_with(a.title, 'Nâng cao chất lượng lãnh đạo')",
            dbname=portal.database,
        )
        url = f"/{category}/{slug}-{article_id}.html"
        status, _, html = Browser().get(portal.front + url)
        assert status == 200, status
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(FRESH_SEARCH_LUA)
            script.flush()
            runs = {name: [] for name in ("static", "floor", "nginx", "app", "search")}
            with (
                nginx([portal.app_servers[0]], media=static_root, static_copy=html) as plain,
                django_floor(portal.env, html) as floor,
            ):
                for _ in range(ROUNDS):
                    s, c = args.seconds, args.connections
                    runs["static"].append(wrk(plain + "/static-copy.html", s, c))
                    runs["floor"].append(wrk(floor + "/", s, c))
                    runs["nginx"].append(wrk(portal.front + url, s, c, host=Browser.host))
                    runs["app"].append(wrk(portal.app_servers[0] + url, s, c, host=Browser.host))
                    runs["search"].append(wrk(portal.front + "/", s, c, script=script.name, host=Browser.host))
        reads = portal.reads(portal.replica)
    best = {name: median_run(found) for name, found in runs.items()}
    static, floor = best["static"]["rps"], best["floor"]["rps"]
    print(
        f"\n{args.connections} connections, {args.seconds} s a run, median of {ROUNDS}; the replica ran {reads} reads"
    )
    print(f"{'':42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'/nginx':>7} {'/floor':>7}")
    labels = {
        "static": "nginx, the page as a static file",
        "floor": "Django floor (gunicorn, no database)",
        "nginx": "article through the set's nginx",
        "app": "article from one app server (Redis)",
        "search": "fresh search through nginx (replica)",
    }
    for name, label in labels.items():
        run = best[name]
        print(
            f"{label:42} {run['rps']:9.0f} {run['p50']:8.2f} {run['p99']:8.2f} {run['errors']:7d}"
            f" {run['rps'] / static:7.2f} {run['rps'] / floor:7.2f}"
        )


if __name__ == "__main__":
    main()
