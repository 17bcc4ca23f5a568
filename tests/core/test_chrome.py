"""The header's and side column's pieces, kept by each process under the content version
(core/chrome.py), are never another site's, never past an edit, never past a scheduled change."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from core.sites import serving
from tests.factories import make_article, make_category, make_site

pytestmark = pytest.mark.django_db

COMMUNE = "xabinhnhi.localhost"


def side_of(html: str) -> str:
    return html[html.index('<div class="layout-side">') :]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Every page made afresh, as after a publication: only the pieces can be kept.
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, COMMUNE]


def test_each_site_has_its_own_side_column_in_the_same_process():
    category = make_category()
    district = make_article(title="Tin của huyện", category=category)
    commune = make_site(COMMUNE, "Đảng ủy xã Bình Nhì")
    with serving(commune):
        make_article(title="Tin của xã", category=make_category(name="Tin xã", slug="tin-xa"))
    for _ in range(2):  # made, then kept
        district_side = side_of(Client().get(district.get_absolute_url()).content.decode())
        commune_side = side_of(Client(HTTP_HOST=COMMUNE).get("/tim-kiem/?q=tin").content.decode())
        assert "Tin của huyện" in district_side and "Tin của xã" not in district_side
        assert "Tin của xã" in commune_side and "Tin của huyện" not in commune_side


def test_an_edit_shows_on_the_next_page_though_the_column_is_kept():
    article = make_article(title="Tin đầu tiên")
    reader = Client()
    assert "Tin đầu tiên" in side_of(reader.get(article.get_absolute_url()).content.decode())
    article.title = "Tin đầu tiên, đã sửa tên"
    article.save()
    assert "Tin đầu tiên, đã sửa tên" in side_of(reader.get(article.get_absolute_url()).content.decode())


def test_a_scheduled_article_joins_the_kept_column_at_its_minute():
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    older = make_article(title="Tin đã đăng", published_at=start - timedelta(days=1))
    make_article(title="Tin hẹn giờ đăng", published_at=start)
    reader = Client()
    with time_machine.travel(start - timedelta(seconds=30), tick=False):
        for _ in range(2):
            assert "Tin hẹn giờ đăng" not in side_of(reader.get(older.get_absolute_url()).content.decode())
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert "Tin hẹn giờ đăng" in side_of(reader.get(older.get_absolute_url()).content.decode())


def marked(html: str) -> list[str]:
    """The menu's links marked as the page being read."""
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    return re.findall(r'<a href="([^"]+)" aria-current="page"', header)


def test_the_kept_header_marks_each_pages_own_menu_item_whatever_page_made_it_first():
    news = make_category(name="Tin tức", slug="tin-tuc")
    party = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    article = make_article(title="Tin Đảng bộ", category=party)
    reader = Client()
    for _ in range(2):  # made, then from what each process keeps
        assert marked(reader.get(article.get_absolute_url()).content.decode()) == ["/xay-dung-dang/"]
        assert marked(reader.get("/tin-tuc/").content.decode()) == ["/tin-tuc/"]
        assert marked(reader.get("/").content.decode()) == ["/"]
        assert marked(reader.get("/tim-kiem/?q=dang").content.decode()) == []
    footer_home = reader.get("/").content.decode()
    footer_page = reader.get(news.get_absolute_url()).content.decode()
    assert footer_home.count('<footer class="site-footer">') == footer_page.count('<footer class="site-footer">') == 1


def test_a_full_process_keeps_its_newest_copies(monkeypatch):
    from core import chrome

    monkeypatch.setattr(chrome, "LOCAL_ENTRIES", 8)
    chrome.forget()
    ends = timezone.now().timestamp() + 60
    for n in range(20):
        chrome._keep(f"piece-{n}", n, ends)
    kept = list(chrome._local)
    assert 6 <= len(kept) <= 8 and kept[-1] == "piece-19" and "piece-0" not in kept
