"""Everything per host (issue 24, point 4): sitemaps, robots.txt, feeds, "Xem nhiều", Open
Graph and old links each answer with their own site's content and names."""

import pytest
from django.utils import timezone

from core.sites import serving
from hits.models import DailyViews
from tests.factories import make_article, make_category, make_site

pytestmark = pytest.mark.django_db

XA = "xahoabinh.localhost"


@pytest.fixture
def two(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    commune = make_site(XA, "Đảng ủy xã Hòa Bình")
    ours = make_article(title="Tin của huyện", category=make_category(slug="tin-tuc"), legacy_id=77)
    with serving(commune):
        theirs = make_article(title="Tin của xã", category=make_category(slug="tin-tuc"), legacy_id=77)
    for article in (ours, theirs):
        DailyViews.objects.create(article=article, day=timezone.localdate(), count=40)
    return ours, theirs


def test_sitemaps_robots_and_feeds_name_their_own_site(client, two):
    _ours, theirs = two
    robots = client.get("/robots.txt", HTTP_HOST=XA).content.decode()
    assert f"Sitemap: http://{XA}/sitemap.xml" in robots
    index = client.get("/sitemap.xml", HTTP_HOST=XA).content.decode()
    assert f"http://{XA}/sitemap-" in index and "testserver" not in index
    articles = client.get("/sitemap-articles.xml", HTTP_HOST=XA).content.decode()
    assert f"http://{XA}{theirs.get_absolute_url()}" in articles and "testserver" not in articles
    feed = client.get("/rss/", HTTP_HOST=XA).content.decode()
    assert "Tin của xã" in feed and "Tin của huyện" not in feed and "<title>Đảng ủy xã Hòa Bình</title>" in feed
    district = client.get("/rss/").content.decode()
    assert "Tin của huyện" in district and "Tin của xã" not in district


def test_most_read_open_graph_and_old_links_are_each_sites_own(client, two):
    ours, theirs = two
    page = client.get(theirs.get_absolute_url(), HTTP_HOST=XA).content.decode()
    assert f'<meta property="og:url" content="http://{XA}{theirs.get_absolute_url()}">' in page
    assert '"name": "Đảng ủy xã Hòa Bình"' in page or "Đảng ủy xã Hòa Bình" in page
    side = client.get("/", HTTP_HOST=XA).content.decode().split("Xem nhiều", 1)[-1]
    assert "Tin của xã" in side and "Tin của huyện" not in side
    # The same old id on each site leads to each site's own article.
    old = "/news/tin-tuc/bai-77.html"
    assert client.get(old, HTTP_HOST=XA).headers["Location"] == theirs.get_absolute_url()
    assert client.get(old).headers["Location"] == ours.get_absolute_url()
