"""Lighthouse on a phone (its default mobile emulation: a mid-range phone on a slow 4G line)
against the demo's home and seed article pages, served as in production by gunicorn.

    scripts/with-postgres .venv/bin/python bench/lighthouse.py [--runs 3]

Prints the four categories' scores (performance, accessibility, best practices, SEO) of each
page, the median of --runs runs, and the first paints. Needs `make install` (Lighthouse from
npm into var/lighthouse/) and Chromium at /usr/bin/chromium. Issue 16 asks for 0.95 or more
in every category; tests/browser/test_lighthouse.py holds that line in CI.
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, bench_env, gunicorn, manage, prepare

sys.path.insert(0, str(ROOT))

from tests.lighthouse import CATEGORIES, LIGHTHOUSE, lighthouse

AUDITS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: `make install` fetches it into var/lighthouse/ (needs npm).")
    env = bench_env("huyenuy_bench_lighthouse")
    prepare(env)
    manage(env, "load_demo")
    code = (
        "from articles.models import Article; "
        "print(Article.objects.get(title__startswith='Nâng cao chất lượng lãnh đạo').get_absolute_url())"
    )
    article = manage(env, "shell", "-c", code).split()[-1]
    version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]
    print(f"Lighthouse {version}, mobile, {runs} run(s) each, median")
    print("| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with gunicorn(env) as base:
        for name, path in (("home", "/"), ("article", article)):
            reports = [lighthouse(base + path) for _ in range(runs)]
            scores = [statistics.median(r["categories"][c]["score"] for r in reports) for c in CATEGORIES]
            numbers = [statistics.median(r["audits"][a]["numericValue"] for r in reports) for a in AUDITS]
            cells = [f"{s:.2f}" for s in scores] + [f"{n:.0f}" for n in numbers[:3]] + [f"{numbers[3]:.3f}"]
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
