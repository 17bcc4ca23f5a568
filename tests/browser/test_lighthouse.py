"""Lighthouse on a phone (its mobile emulation: a slow 4G line, a mid-range CPU) against the demo's
home and seed article served by gunicorn: 0.95 or more in performance, accessibility, best
practices and SEO (issue 16, point 9). bench/lighthouse.py prints the numbers behind them.

Lighthouse comes from npm into var/lighthouse/ (`make install`); without it (or node, or
Chromium) the test says so and is skipped, except under CI, where that is a failure.
"""

import io
import os
import shutil

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from huyenuy.settings import cache_from_url
from tests.lighthouse import CATEGORIES, CHROMIUM, LIGHTHOUSE, lighthouse
from tests.live import app_env, gunicorn

pytestmark = [
    pytest.mark.live,
    pytest.mark.browser,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="gunicorn and the test share a database server"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def lighthouse_cli():
    missing = [
        what
        for what, ok in (
            ("Lighthouse (make install)", LIGHTHOUSE.exists()),
            ("node", shutil.which("node")),
            ("Chromium", os.path.exists(CHROMIUM)),
        )
        if not ok
    ]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} missing: the Lighthouse test cannot run in CI without it.")
        pytest.skip(f"{', '.join(missing)} missing")
    return LIGHTHOUSE


def scores(url) -> dict:
    categories = lighthouse(url)["categories"]
    return {name: categories[name]["score"] for name in CATEGORIES}


def test_home_and_article_score_at_least_095_in_every_category_on_a_phone(
    lighthouse_cli, settings, tmp_path, static_root
):
    call_command("load_demo", stdout=io.StringIO())
    seed = Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo")
    cache_url = f"file://{tmp_path / 'cache'}"
    settings.CACHES = {"default": cache_from_url(cache_url), "pages": cache_from_url(cache_url, "pages")}
    env = app_env(settings, cache_url, static_root, SERVE_MEDIA="1")
    with gunicorn(env) as base:
        found = {path: scores(base + path) for path in ("/", seed.get_absolute_url())}
    caches["pages"].clear()
    low = {path: {name: score for name, score in page.items() if score < 0.95} for path, page in found.items()}
    assert not any(low.values()), found
