"""An article filed in more than one category (extra_categories, NukeViet's listcatid), and
what the home page leaves out (show_on_home, NukeViet's inhome)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_article, make_category, make_user

pytestmark = pytest.mark.django_db


def listed(client, url) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200
    return [article.pk for article in response.context_data["articles"]]


def test_a_category_lists_its_extra_articles_once_in_date_order(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # reads response.context_data
    party, news = make_category(name="Xây dựng Đảng"), make_category(name="Tin hoạt động")
    branch = make_category(name="Hoạt động cơ sở", parent=news)
    now = timezone.now()
    own = make_article(category=party, published_at=now - timedelta(hours=3))
    shared = make_article(category=branch, published_at=now - timedelta(hours=1))
    shared.extra_categories.set([party, news])  # news: its subcategory's already, still listed once
    elsewhere = make_article(category=news, published_at=now - timedelta(hours=2))
    assert listed(client, party.get_absolute_url()) == [shared.pk, own.pk]
    assert listed(client, news.get_absolute_url()) == [shared.pk, elsewhere.pk]
    assert shared.get_absolute_url().startswith(branch.get_absolute_url())  # its address stays its main one's
    feed = client.get(f"/rss/{party.slug}/").content.decode()
    assert shared.title in feed and own.title in feed and elsewhere.title not in feed


def test_extra_articles_keep_the_pages_twenty_at_a_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category, other = make_category(), make_category()
    now = timezone.now()
    articles = []
    for i in range(25):
        article = make_article(category=other if i % 2 else category, published_at=now - timedelta(hours=i + 1))
        if i % 2:
            article.extra_categories.add(category)
        articles.append(article.pk)
    first = client.get(category.get_absolute_url())
    assert [a.pk for a in first.context_data["articles"]] == articles[:20]
    older = first.context_data["older_cursor"]
    assert listed(client, f"{category.get_absolute_url()}?truoc={older}") == articles[20:]
    assert listed(client, f"{category.get_absolute_url()}?sau={articles[20]}") == articles[:20]


def test_category_page_queries_do_not_grow_with_extra_articles(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category, other = make_category(), make_category()
    make_article(category=category)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(category.get_absolute_url()).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(12):
        make_article(category=other).extra_categories.add(category)
    assert queries() == before


def test_filing_an_article_in_another_category_clears_that_cached_page():
    category, other = make_category(), make_category()
    article = make_article(category=other, title="Tin được xếp thêm chuyên mục")
    reader = Client()
    reader.get(category.get_absolute_url())
    assert reader.get(category.get_absolute_url())["X-Page-Cache"] == "hit"
    article.extra_categories.add(category)  # a script or the shell: no save() of the article
    page = reader.get(category.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and article.title in page.content.decode()


def test_home_leaves_out_what_editors_kept_off_it(client):
    shown = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    hidden = make_category(name="Thông báo nội bộ", slug="thong-bao-noi-bo", show_on_home=False)
    make_article(category=shown, title="Tin hiện ở trang chủ")
    for n in range(10):  # more than the top of the page holds, so the category's block shows too
        make_article(category=shown, published_at=timezone.now() - timedelta(days=n + 1))
    kept_off = make_article(category=shown, title="Tin chỉ trong chuyên mục", show_on_home=False, is_featured=True)
    make_article(category=hidden, title="Thông báo lịch họp")
    home = client.get("/").content.decode()
    assert "Tin hiện ở trang chủ" in home and 'id="cm-xay-dung-dang"' in home
    assert kept_off.title not in home and "Tin nổi bật" not in home  # not even as the featured one
    assert 'id="cm-thong-bao-noi-bo"' not in home  # no block of its own...
    assert "Thông báo lịch họp" in home  # ...its articles still among the latest
    assert f'href="{hidden.get_absolute_url()}"' in home  # and it stays in the menu
    assert kept_off.title in client.get(shown.get_absolute_url()).content.decode()


def test_editors_file_extra_categories_and_keep_an_article_off_home_in_the_admin(client):
    client.force_login(make_user(superuser=True))
    form = client.get("/admin/articles/article/add/").content.decode()
    assert 'name="extra_categories"' in form and "admin-autocomplete" in form
    assert "Chuyên mục khác" in form and "Hiện trên trang chủ" in form
    make_category()
    categories = client.get("/admin/articles/category/").content.decode().lower()
    assert "khối trên trang chủ" in categories and 'name="form-0-show_on_home"' in categories
