""" "Xem nhiều": the week's and the month's most read published articles, on the home and article pages."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from hits import services, templating
from hits.models import DailyViews
from tests.factories import make_article, make_user

from .conftest import beacon


def read(article, views, days_ago=0):
    DailyViews.objects.update_or_create(
        article=article, day=timezone.localdate() - timedelta(days=days_ago), defaults={"count": views}
    )


def titles(items):
    return [item["title"] for item in items]


@pytest.fixture
def site(db):
    a = make_article(title="Tin A: nhiều lượt xem trong tuần")
    b = make_article(title="Tin B: nhiều lượt xem trong tháng")
    c = make_article(title="Tin C: ít lượt xem")
    read(a, 50, days_ago=1)
    read(a, 10, days_ago=6)
    read(b, 40, days_ago=2)
    read(b, 500, days_ago=20)
    read(c, 5, days_ago=0)
    read(c, 900, days_ago=40)  # older than a month
    return a, b, c


def test_week_and_month_lists_are_ordered_by_views_in_their_window(site):
    a, b, c = site
    assert titles(DailyViews.objects.most_read(7, 5)) == [a.title, b.title, c.title]
    assert titles(DailyViews.objects.most_read(30, 5)) == [b.title, a.title, c.title]
    week = DailyViews.objects.most_read(7, 5)
    assert [item["views"] for item in week] == [60, 40, 5]
    assert week[0]["url"] == a.get_absolute_url()
    assert titles(DailyViews.objects.most_read(7, 1)) == [a.title]


def test_unpublished_expired_and_scheduled_articles_are_left_out(site):
    a, b, c = site
    now = timezone.now()
    Article.objects.filter(pk=a.pk).update(status=Article.Status.UNPUBLISHED)
    Article.objects.filter(pk=b.pk).update(expires_at=now - timedelta(minutes=1))
    scheduled = make_article(published_at=now + timedelta(days=1))
    draft = make_article(status=Article.Status.DRAFT)
    read(scheduled, 1000)
    read(draft, 1000)
    assert titles(DailyViews.objects.most_read(7, 5)) == [c.title]
    assert titles(DailyViews.objects.most_read(30, 5)) == [c.title]


def block(html):
    found = re.search(r'<aside class="most-read".*?</aside>', html, re.S)
    return found.group(0) if found else ""


def test_the_block_on_the_home_and_article_pages(client, site):
    a, b, c = site
    for url in ("/", c.get_absolute_url()):
        html = block(client.get(url).content.decode())
        assert '<h2 id="xem-nhieu" class="section-title">Xem nhiều</h2>' in html
        assert re.findall(r"<h3[^>]*>(.*?)</h3>\s*<ol", html) == ["Trong tuần", "Trong tháng"]
        week, month = re.findall(r"<ol class=\"most-read-list\">(.*?)</ol>", html, re.S)
        expected = [a.get_absolute_url(), b.get_absolute_url(), c.get_absolute_url()]
        assert re.findall(r'<a href="([^"]+)">', week) == expected
        assert re.findall(r"<a [^>]+>([^<]+)</a>", month)[0] == b.title


def test_no_block_before_anyone_has_read_anything(client, db):
    article = make_article()
    assert block(client.get("/").content.decode()) == ""
    assert block(client.get(article.get_absolute_url()).content.decode()) == ""


def test_the_lists_cost_two_queries_whatever_the_views_and_none_once_cached(client, site):
    with CaptureQueriesContext(connection) as built:
        templating._build()
    assert len(built) == 2  # one aggregate per list
    templating.most_read()
    with CaptureQueriesContext(connection) as again:
        templating.most_read()
    assert len(again) == 0
    url = site[0].get_absolute_url()
    before = len(page_made_afresh(client, url))
    for n in range(30):
        article = make_article()
        for day in range(10):
            read(article, 100 + n, days_ago=day)
    assert len(page_made_afresh(client, url)) == before


def page_made_afresh(client, url):
    """The page's queries when neither it nor the lists are in the cache."""
    cache.clear()
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return queries


def test_withdrawing_an_article_takes_it_out_of_the_lists_at_once(client, site):
    a = site[0]
    assert a.title in block(client.get("/").content.decode())
    a.status = Article.Status.UNPUBLISHED
    a.save()  # bumps the content version: the pages and the lists are made again
    assert a.title not in block(client.get("/").content.decode())


def test_the_article_page_loads_hits_js_deferred_with_its_endpoint_and_no_inline_script(client, db):
    article = make_article()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    tag = re.search(r'<script src="[^"]*js/hits\.js"[^>]*></script>', html).group(0)
    assert f'data-url="/luot-xem/{article.pk}/"' in tag and " defer" in tag
    # Every script that runs is a file (JSON-LD is data, not run).
    # The one inline script is the head's text size, allowed by its hash (core/inline.py).
    inline = re.findall(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/ld\+json")[^>]*>', html)
    assert inline == ["<script>"] and html.index("<script>") < html.index("</head>")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "unsafe-inline" not in csp
    assert "hits.js" not in client.get("/").content.decode()


def test_a_preview_neither_counts_nor_shows_the_block(client, site):
    editor = make_user(superuser=True)
    client.force_login(editor)
    draft = make_article(status=Article.Status.DRAFT)
    html = client.get(f"/xem-truoc/{draft.pk}/").content.decode()
    assert "Bản xem trước" in html
    assert "hits.js" not in html and block(html) == ""


def test_the_endpoint_flushes_once_a_minute_after_answering(client, site, monkeypatch):
    a = site[0]
    before = sum(DailyViews.objects.filter(article=a).values_list("count", flat=True))
    services.count_view(a.pk, now=time.time() - 2 * services.MINUTE)
    beacon(client, a.pk)  # the first beacon of this process: the flush is due
    assert sum(DailyViews.objects.filter(article=a).values_list("count", flat=True)) == before + 1
    monkeypatch.setattr(services, "_next_try", 0.0)  # another process, within the same minute
    services.count_view(a.pk, now=time.time() - 2 * services.MINUTE)
    beacon(client, a.pk)
    assert sum(DailyViews.objects.filter(article=a).values_list("count", flat=True)) == before + 1


def test_editors_read_the_views_per_day_in_the_admin(client, site):
    a = site[0]
    client.force_login(make_user(superuser=True))
    html = client.get("/admin/hits/dailyviews/").content.decode()
    assert a.title in html and "Lượt xem theo ngày" in html.replace("lượt", "Lượt")
    assert client.get("/admin/hits/dailyviews/add/").status_code == 403
