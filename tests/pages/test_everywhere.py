"""Pages everywhere else they belong: the page cache, the sitemap, the site's search, the schedule, JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.contrib.sitemaps.views import sitemap
from django.test import RequestFactory
from django.utils import timezone

from pages.models import Page
from pages.sitemaps import PageSitemap
from tests.factories import make_article
from tests.pages.helpers import make_page, make_tree

pytestmark = pytest.mark.django_db


def cached(client, url) -> bool:
    return client.get(url).headers.get("X-Page-Cache") == "hit"


def test_a_page_edit_clears_the_pages_and_not_the_home_page(client):
    make_article(title="Tin đầu tiên")
    _root, history, *_ = make_tree()
    for url in ("/", "/gioi-thieu/", history.get_absolute_url()):
        client.get(url)
        assert cached(client, url), url
    history.body = "<p>Nội dung mới của trang lịch sử.</p>"
    history.save()
    assert not cached(client, history.get_absolute_url())
    assert not cached(client, "/gioi-thieu/")  # the children list may show it
    assert "Nội dung mới" in client.get(history.get_absolute_url()).content.decode()
    assert cached(client, "/")  # the news is left alone


def test_a_change_to_what_a_menu_shows_clears_every_page(client):
    make_article(title="Tin đầu tiên")
    _root, history, *_ = make_tree()
    client.get("/")
    assert cached(client, "/")
    history.title = "Lịch sử Đảng bộ huyện"  # a menu item's title
    history.save()
    assert not cached(client, "/")


def test_the_sitemap_lists_published_pages_of_both_languages():
    root, history, *_ = make_tree()
    make_page("Nháp", parent=root, status=Page.Status.DRAFT)
    english = make_page("Introduction", language="en")
    request = RequestFactory().get("/sitemap-pages.xml")
    response = sitemap(request, sitemaps={"pages": PageSitemap})
    response.render()
    root_xml = ET.fromstring(response.content)  # noqa: S314 - our own response
    locations = [node.text for node in root_xml.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver/gioi-thieu/" in locations and "http://testserver/en/" in locations
    assert f"http://testserver{history.get_absolute_url()}" in locations
    assert not any("nhap" in location for location in locations)
    assert len(locations) == 5 and english.is_published()


def search(client, **params):
    html = client.get("/tim-kiem/", params).content.decode()
    return re.findall(r'<span class="result-kind">([^<]+)</span> <a href="([^"]+)">([^<]+)</a>', html), html


def test_the_site_search_finds_a_page_by_a_word_without_diacritics_marked_trang(client):
    root, history, *_ = make_tree()
    make_page("Điều kiện tự nhiên - xã hội", parent=root, body="<p>Hệ thống kênh rạch chằng chịt.</p>")
    make_page("Natural conditions", language="en", body="<p>kenh rach</p>")
    found, _html = search(client, q="kenh rach chang chit")
    assert found == [("Trang", "/gioi-thieu/dieu-kien-tu-nhien-xa-hoi/", "Điều kiện tự nhiên - xã hội")]
    found, _ = search(client, q="lich su dang bo", muc="trang")
    assert found == [("Trang", history.get_absolute_url(), "Lịch sử Đảng bộ")]


def test_a_page_published_later_shows_in_a_search_the_cache_held(client):
    root = make_page("Giới thiệu")
    assert search(client, q="truyen thong cach mang")[0] == []
    make_page("Truyền thống cách mạng", parent=root)
    assert len(search(client, q="truyen thong cach mang")[0]) == 1


def test_a_scheduled_page_appears_at_its_minute_even_in_a_cached_parent(client):
    root = make_page("Giới thiệu")
    at = timezone.now() + datetime.timedelta(hours=2)
    scheduled = make_page("Kỷ niệm 50 năm", parent=root, published_at=at)
    assert "Kỷ niệm 50 năm" not in client.get("/gioi-thieu/").content.decode()
    assert cached(client, "/gioi-thieu/")
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert "Kỷ niệm 50 năm" in client.get("/gioi-thieu/").content.decode()
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_each_page_has_webpage_json_ld_with_its_breadcrumbs(client):
    _root, history, war, _ = make_tree()
    html = client.get(war.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "WebPage" and data["inLanguage"] == "vi"
    trail = [(item["position"], item["name"], item["item"]) for item in data["breadcrumb"]["itemListElement"]]
    assert trail == [
        (1, "Trang chủ", "http://testserver/"),
        (2, "Giới thiệu", "http://testserver/gioi-thieu/"),
        (3, "Lịch sử Đảng bộ", f"http://testserver{history.get_absolute_url()}"),
        (4, "Thời kỳ kháng chiến", f"http://testserver{war.get_absolute_url()}"),
    ]


def test_a_title_cannot_end_the_json_ld_block(client):
    make_page("Giới thiệu </script><script>alert(1)</script>")
    html = client.get("/gioi-thieu/").content.decode()
    assert "<script>alert(1)" not in html


def test_the_sites_sitemap_has_a_section_for_pages(client):
    from huyenuy.urls import SECTIONS

    if "pages" not in SECTIONS:
        pytest.skip('huyenuy/urls.py SECTIONS has no "pages": PageSitemap yet')
    root = make_page("Giới thiệu")
    assert "sitemap-pages.xml" in client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{root.get_absolute_url()}" in client.get("/sitemap-pages.xml").content.decode()
