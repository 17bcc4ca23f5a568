"""The header's emblem (SITE_LOGO) and the side column's "Tin mới" (issue 16, point 5)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import edit_site, make_article

pytestmark = pytest.mark.django_db


def test_the_header_shows_the_built_in_emblem_a_chosen_one_or_the_name_alone(client):
    assert re.search(
        r'<img class="brand-logo" src="/static/img/favicon[^"]*\.svg" alt=""', client.get("/").content.decode()
    )
    edit_site(logo="https://huyenuy.example.vn/media/huy-hieu.png")
    assert (
        '<img class="brand-logo" src="https://huyenuy.example.vn/media/huy-hieu.png" alt=""'
        in client.get("/").content.decode()
    )
    edit_site(logo="")
    html = client.get("/").content.decode()
    assert 'class="brand-logo"' not in html and '<span class="brand-name">Huyện ủy Gò Công Tây</span>' in html


def side_of(html):
    found = re.search(r'<div class="layout-side">(.*?)</div>\s*</div>', html, re.S)
    return found.group(1) if found else ""


def test_tin_moi_lists_the_newest_articles_and_drops_a_withdrawn_one_at_once(client):
    older, newer = make_article(title="Hội nghị sơ kết quý III"), make_article(title="Lễ khánh thành cầu Vĩnh Hựu")
    page = make_article(title="Bài đang đọc")
    side = side_of(client.get(page.get_absolute_url()).content.decode())
    assert '<h2 id="tin-moi" class="section-title">Tin mới</h2>' in side
    assert side.index("Bài đang đọc") < side.index(newer.title) < side.index(older.title)
    newer.status = Article.Status.UNPUBLISHED
    newer.save()  # bumps the content version: pages and the side column are made again
    assert newer.title not in side_of(client.get(page.get_absolute_url()).content.decode())


def test_the_side_column_costs_one_query_made_afresh_and_none_once_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()

    def queries():
        with CaptureQueriesContext(connection) as done:
            assert client.get(article.get_absolute_url()).status_code == 200
        return [q["sql"] for q in done.captured_queries]

    cache.clear()
    afresh = queries()
    cached = queries()
    for n in range(20):
        make_article(title=f"Tin thêm {n}")
    cache.clear()
    assert len(queries()) == len(afresh)  # the same however many articles
    assert any("LIMIT 6" in sql for sql in afresh) and not any("LIMIT 6" in sql for sql in cached)
