"""Pages per second: the portal as production runs it, beside nginx serving a static file and a bare Django.

    make bench                       (1,000 then 100,000 articles)
    scripts/with-postgres .venv/bin/python bench/pages.py --articles 1000000   (the long manual run)

For one data size it prepares a bench database of its own (huyenuy_bench_<N>:
migrations, the demo content, generated articles up to N - never real content),
then, in one run and on the same machine:

1. gunicorn (gunicorn.conf.py, DEBUG off) with the page cache off (PAGE_CACHE_SECONDS=0),
   every page made afresh as right after a publication, the pieces all pages share in
   Redis (core/chrome.py): article, home, category page 1 and page 500, search; and the
   article with nothing cached at all (CACHE_URL=dummy://, the shared pieces rebuilt too);
2. gunicorn with the page cache in Redis: the article page;
3. nginx with the shipped locations (deploy/nginx-locations.conf, micro-cache)
   in front of that gunicorn, and nginx serving the same article page as a
   static file - the baseline every ratio is measured against - and the Django
   floor: bench/floor_app.py (no database, no middleware, one view returning
   the bytes of that static copy) under the same gunicorn settings, the
   second baseline (the three in turn, three times each, the median run of
   each kept);
4. votes per second through gunicorn, checking that none is lost, and how long
   a vote takes to show through the front cache.

Needs wrk and nginx (Debian: apt-get install wrk nginx-light) and Redis on
127.0.0.1:6379. Prints one table per size, every row with its ratio to both
baselines: on a busy machine Python slows down differently from nginx's C, and
the ratio to the floor cancels that.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, bench_env, gunicorn, manage, prepare

sys.path.insert(0, str(ROOT))

try:  # the same nginx set-up as the front-cache tests, wherever they keep it
    from tests.deploy.live import nginx
except ModuleNotFoundError as error:
    if error.name not in ("tests.deploy", "tests.deploy.live"):
        raise
    from tests.live import nginx  # before the tests were sorted into folders

URLS = r"""
import json
from django.db.models import Count
from articles.models import Article, Category
seed = Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo")
biggest = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
listed = Article.objects.published().filter(category=biggest).newest_first()
n = listed.count()
deep_page = min(500, max(1, (n - 1) // 20))
cursor = listed.values_list("id", flat=True)[deep_page * 20 - 21] if deep_page > 1 else None
print(json.dumps({
    "articles": Article.objects.count(),
    "article": seed.get_absolute_url(),
    "article_id": seed.pk,
    "home": "/",
    "category_1": biggest.get_absolute_url(),
    "category_deep": biggest.get_absolute_url() + (f"?truoc={cursor}" if cursor else ""),
    "deep_page": deep_page,
    "search": "/tim-kiem/?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi",
}))
"""

QUERIES = r"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
urls = json.loads('''{urls}''')
client = Client(HTTP_HOST="localhost")  # the first site answers on the machine's own names
counts = {{}}
for name, url in urls.items():
    client.get(url)  # the header cache, as in steady state
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    counts[name] = len(queries)
print(json.dumps(counts))
"""

# Issue 24, point 7: the admin's article list for an approver of the first site and of a
# commune among the 100 (its own few articles among everyone's), timed in-process.
ADMIN = r"""
import json, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from accounts.roles import APPROVERS, set_role
from articles.admin import ArticleAdmin
from articles.models import Article
from network.registry import registry
hosts = json.loads('''{hosts}''')
timings = {{}}
for label, host in hosts.items():
    site = registry.site_named(host)
    user, _ = get_user_model().objects.get_or_create(username=f"bench-approver-{{site.pk}}")
    set_role(user, APPROVERS, site=site.pk)
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    listed = "/admin/articles/article/"
    deep = min(50, -(-Article._base_manager.filter(site_id=site.pk).count() // ArticleAdmin.list_per_page))
    search = listed + "?q=n%C3%B4ng+th%C3%B4n"
    pages = (("list", listed), ("search", search), (f"page {{deep}}", f"{{listed}}?p={{deep}}"))
    for name, url in pages:
        client.get(url)
        seconds = []
        for _ in range(7):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            seconds.append(time.perf_counter() - started)
            assert status == 200, (host, url, status)
        timings[f"{{label}}: {{name}}"] = [statistics.median(seconds) * 1000, len(queries)]
print(json.dumps(timings))
"""

VOTE_LUA = """
wrk.method = "POST"
wrk.body = "stars=4"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "{origin}"
"""


def wrk(url, seconds, connections, script=None, host=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    if host:
        command[1:1] = ["-H", f"Host: {host}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def ms(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


ROUNDS = 3


def median_run(runs: list[dict]) -> dict:
    """The run with the median req/s."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


@contextlib.contextmanager
def django_floor(env, html: str):
    """bench/floor_app.py under gunicorn (gunicorn.conf.py, as the portal) answering every request with `html`."""
    with tempfile.NamedTemporaryFile("wb", suffix=".html") as page:
        page.write(html.encode())  # the bytes of nginx's static copy, which is written as UTF-8 too
        page.flush()
        with gunicorn({**env, "FLOOR_HTML": page.name}, app="bench.floor_app:application") as base:
            yield base


def fetch(url) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def totals(env, article_id) -> tuple[int, int]:
    code = f"from articles.models import Article; a = Article.objects.get(pk={article_id}); print(a.rating_count)"
    return int(manage(env, "shell", "--no-imports", "-c", code).split()[-1])


SITES = r"""
from django.contrib.sites.models import Site
from network.creation import create_site
have = Site.objects.count()
for n in range(have + 1, {sites} + 1):
    create_site(f"xa{{n}}.bench.localhost", f"Đảng ủy xã thử {{n}}", "quantri.bench", tagline="Trang thử")
print(Site.objects.count())
"""


def add_sites(env, sites: int, size: int) -> None:
    """Issue 24: `sites` sites in the installation, the first (measured) with its `size` articles,
    each other with size // sites of its own, so the tables carry every site's rows."""
    if sites <= 1:
        return
    manage(env, "shell", "--no-imports", "-c", SITES.format(sites=sites))
    code = (
        "from articles.models import Article; from django.contrib.sites.models import Site; "
        "print(Article._base_manager.exclude(site_id=1).count(), Site.objects.count())"
    )
    others, _count = (int(x) for x in manage(env, "shell", "--no-imports", "-c", code).split()[-2:])
    per_site = max(1, size // sites)
    if others < per_site * (sites - 1):
        for n in range(2, sites + 1):
            manage(env, "generate_articles", "--site", f"xa{n}.bench.localhost", "--count", str(per_site))
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        )
    print(f"{sites} sites: the first with {size} articles, {sites - 1} others with {per_site} each", flush=True)


def query_counts(env, urls: dict) -> dict:
    """{name: queries of one request to its URL} (bench/pages.py QUERIES), in-process."""
    env = {**env, "ALLOWED_HOSTS": "localhost"}
    return json.loads(manage(env, "shell", "--no-imports", "-c", QUERIES.format(urls=json.dumps(urls))))


def run(size, seconds, connections, database, sites=1):
    suffix = f"_{sites}sites" if sites > 1 else ""
    # 100 sites start from the one-site database of that size when it is there (the same
    # first site and articles; the other sites' are added).
    env = bench_env(
        CACHE_URL="dummy://",
        FRONT_CACHE_SECONDS="3",
        database=f"{database}_{size}{suffix}",
        template=f"{database}_{size}" if suffix else None,
    )
    prepare(env)
    manage(env, "load_demo")
    have = int(
        manage(
            env, "shell", "--no-imports", "-c", "from articles.models import Article; print(Article.objects.count())"
        ).split()[-1]
    )
    if have < size:
        print(manage(env, "generate_articles", "--count", str(size - have)).strip(), flush=True)
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        )
    add_sites(env, sites, size)
    urls = json.loads(manage(env, "shell", "--no-imports", "-c", URLS))
    facts = {key: urls.pop(key) for key in ("articles", "article_id", "deep_page")}
    redis_url = "redis://127.0.0.1:6379/15"
    cached_env = {**env, "CACHE_URL": redis_url}
    manage(cached_env, "shell", "--no-imports", "-c", "from django.core.cache import cache; cache.clear()")
    # "No cache": every page made afresh (PAGE_CACHE_SECONDS=0), as each one is right after a
    # publication; the pieces every page shares (header, side column: core/chrome.py) in Redis
    # as the first request after it leaves them. "Nothing cached" (dummy://) rebuilds those too.
    afresh_env = {**cached_env, "PAGE_CACHE_SECONDS": "0"}
    queries = query_counts(afresh_env, urls)
    rows = []
    with gunicorn(afresh_env) as base:
        for name in ("article", "home", "category_1", "category_deep", "search"):
            wrk(base + urls[name], 2, connections)  # warm up
            rows.append((f"{name} (no cache)", wrk(base + urls[name], seconds, connections), queries[name]))
    nothing = query_counts({**env, "PAGE_CACHE_SECONDS": "0"}, {"article": urls["article"]})
    with gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}) as base:
        wrk(base + urls["article"], 2, connections)
        rows.append(("article (nothing cached)", wrk(base + urls["article"], seconds, connections), nothing["article"]))

    with gunicorn(cached_env) as base:
        html = fetch(base + urls["article"])
        wrk(base + urls["article"], 2, connections)  # warm up
        rows.append(("article (page cache)", wrk(base + urls["article"], seconds, connections), 0))

        # nginx: the shipped locations in front of this gunicorn, and the static copy;
        # the Django floor serves the same bytes.
        media = Path(env.get("MEDIA_ROOT", ROOT / "var/media"))
        with nginx([base], media=media, static_copy=html) as front:
            wrk(front + urls["article"], 2, connections)
            with urllib.request.urlopen(front + urls["article"], timeout=30) as response:
                front_status = response.headers.get("X-Front-Cache")
            # The two nginx figures are close, and this machine's neighbours come and go:
            # they and the floor are measured in turn, ROUNDS times each, and the median
            # run of each kept. The floor's workers stop before the votes.
            with django_floor(env, html) as floor:
                wrk(floor + urls["article"], 2, connections)
                statics, fronts, floors = [], [], []
                for _ in range(ROUNDS):
                    statics.append(wrk(front + "/static-copy.html", seconds, connections))
                    fronts.append(wrk(front + urls["article"], seconds, connections))
                    floors.append(wrk(floor + urls["article"], seconds, connections))
            static, through_nginx, django = median_run(statics), median_run(fronts), median_run(floors)
            rows.append(("article (nginx micro-cache)", through_nginx, 0))

            # Votes: every request a new reader (wrk keeps no cookies).
            with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
                script.write(VOTE_LUA.format(origin=base))
                script.flush()
                before = totals(env, facts["article_id"])
                votes = wrk(f"{base}/danh-gia/{facts['article_id']}/", seconds, connections, script=script.name)
            counted = totals(env, facts["article_id"]) - before
            accepted = votes["requests"] - votes["errors"]
            rows.append(("vote (POST, new reader each)", votes, None))

            # How long until readers behind nginx see a new vote.
            marker = f"trong <span data-rating-count>{counted + before + 1}</span>"
            fetch(front + urls["article"])
            req = urllib.request.Request(
                f"{front}/danh-gia/{facts['article_id']}/", data=b"stars=5", method="POST",
                headers={"Origin": "http://127.0.0.1", "Accept": "application/json"},  # nginx passes $host
            )  # fmt: skip
            started = time.monotonic()
            urllib.request.urlopen(req, timeout=30).read()
            while marker not in fetch(front + urls["article"]) and time.monotonic() - started < 30:
                time.sleep(0.1)
            visible_after = time.monotonic() - started

    print(f"\n### {facts['articles']:,} articles (category page {facts['deep_page']} as the deep page)\n")
    print("| page | req/s | p50 ms | p99 ms | queries | ratio to nginx static | ratio to Django floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    baselines = [
        (f"nginx static copy of the article page (median of {ROUNDS})", static, None),
        (f"Django floor: bench/floor_app.py, the same bytes (median of {ROUNDS})", django, None),
    ]
    for name, result, count in baselines + rows:
        shown = "-" if count is None else count
        print(f"| {name} | {result['rps']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} | {shown} | "
              f"{result['rps'] / static['rps']:.4f} | {result['rps'] / django['rps']:.4f} |")  # fmt: skip
    if sites > 1:
        hosts = {"first site (its approver)": "localhost", "a commune among them (its approver)": "xa2.bench.localhost"}
        admin = json.loads(
            manage({**env, "ALLOWED_HOSTS": "localhost,.bench.localhost"}, "shell", "--no-imports", "-c",
                   ADMIN.format(hosts=json.dumps(hosts)))
        )  # fmt: skip
        print("\n| admin article list (in-process, median of 7) | ms | queries |\n|---|---:|---:|")
        for name, (ms, count) in admin.items():
            print(f"| {name} | {ms:.1f} | {count} |")
    deep, first = rows[3][1]["rps"], rows[2][1]["rps"]
    print(f"\ncategory page {facts['deep_page']} / page 1: {deep / first:.2f}x")
    # wrk stops with a request on each connection in flight: those are counted, not "accepted".
    in_flight = f" ({counted - accepted} more counted: in flight when wrk stopped)" if counted > accepted else ""
    print(f"votes: {accepted} accepted, {counted} counted, lost {max(0, accepted - counted)}{in_flight}")
    print(f"a vote shows through the nginx micro-cache after {visible_after:.1f} s (front cache: {front_status})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sites", type=int, default=1, help="sites in the installation (issue 24): 1 or 100")
    # Another name keeps the databases of two checkouts apart (a before/after comparison:
    # their schemas may differ).
    parser.add_argument("--database", default="huyenuy_bench", help="bench databases: <name>_<articles>")
    args = parser.parse_args()
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        sys.exit(f"bench/pages.py needs {' and '.join(missing)}: apt-get install wrk nginx-light")
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}; wrk -t2 -c{args.connections} "
          f"-d{args.seconds}s")  # fmt: skip
    for size in args.articles:
        run(size, args.seconds, args.connections, args.database, args.sites)


if __name__ == "__main__":
    main()
