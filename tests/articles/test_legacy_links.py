"""Links of the old NukeViet portal (/news/..., /vi/news/...) answer 301 with the new address."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Tag
from tests.factories import make_article, make_category


def moved(client, url, to):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    assert response["Location"] == to, url


def missing(client, url):
    assert client.get(url).status_code == 404, url


@pytest.fixture
def category(db):
    return make_category(name="Xây dựng Đảng", slug="xay-dung-dang", legacy_alias="Xay-dung-Dang")


def test_old_article_link_moves_to_the_article(client, category):
    article = make_article(category=category, legacy_id=123)
    new = article.get_absolute_url()
    for old in [
        "/news/Xay-dung-Dang/nang-cao-chat-luong-lanh-dao-123.html",
        "/vi/news/Xay-dung-Dang/nang-cao-chat-luong-lanh-dao-123.html",
        "/en/news/Xay-dung-Dang/nang-cao-chat-luong-lanh-dao-123.html",
        "/news/Xay-dung-Dang/nang-cao-chat-luong-lanh-dao-123.html/",
        # the number is what counts: a renamed category or title still finds it
        "/news/chuyen-muc-khac/Tieu-de-cu-nam-2022-123.html",
        "/news/Xay-dung-Dang/Nang-cao-chat-luong-lanh-dao-%C4%90ang-123.html",
    ]:
        moved(client, old, new)


def gone(client, url):
    response = client.get(url)
    assert response.status_code == 410, url
    assert "Trang này không còn" in response.content.decode()


def test_old_article_link_of_an_unknown_or_hidden_article_is_404_or_410(client, category):
    now = timezone.now()
    make_article(category=category, legacy_id=201, status=Article.Status.DRAFT)
    make_article(category=category, legacy_id=202, status=Article.Status.UNPUBLISHED)
    make_article(category=category, legacy_id=203, published_at=now + timedelta(days=1))
    make_article(
        category=category, legacy_id=204, published_at=now - timedelta(days=2), expires_at=now - timedelta(days=1)
    )
    make_article(category=category)  # no legacy id
    for legacy_id in (201, 203, 999, 9999999999):  # not (yet) out, or never was
        missing(client, f"/news/Xay-dung-Dang/bai-viet-{legacy_id}.html")
        missing(client, f"/vi/news/Xay-dung-Dang/bai-viet-{legacy_id}.html")
    for legacy_id in (202, 204):  # taken down, expired: gone on purpose
        gone(client, f"/news/Xay-dung-Dang/bai-viet-{legacy_id}.html")
        gone(client, f"/vi/news/Xay-dung-Dang/bai-viet-{legacy_id}.html")
    missing(client, "/news/Xay-dung-Dang/bai-viet.html")
    missing(client, "/vie/news/Xay-dung-Dang/bai-viet-201.html")


def test_old_category_link_moves_to_the_category(client, category):
    by_slug = make_category(name="Tin hoạt động", slug="tin-hoat-dong")
    for old in ["/news/Xay-dung-Dang/", "/news/Xay-dung-Dang", "/vi/news/Xay-dung-Dang/"]:
        moved(client, old, "/xay-dung-dang/")
    # without a legacy alias, the alias is the category's slug
    for old in ["/news/tin-hoat-dong/", "/vi/news/tin-hoat-dong"]:
        moved(client, old, by_slug.get_absolute_url())


def test_old_category_link_of_an_unknown_or_hidden_category_is_404(client, category):
    make_category(name="Chuyên mục cũ", slug="chuyen-muc-cu", legacy_alias="Chuyen-muc-cu", is_active=False)
    for old in ["/news/Khong-co/", "/news/Chuyen-muc-cu/", "/news/chuyen-muc-cu/", "/vi/news/Khong-co/"]:
        missing(client, old)


def test_old_feed_and_home_links(client, category):
    moved(client, "/news/", "/")
    moved(client, "/news", "/")
    moved(client, "/vi/news/", "/")
    moved(client, "/news/rss/", "/rss/")
    moved(client, "/vi/news/rss", "/rss/")
    moved(client, "/news/rss/Xay-dung-Dang/", "/rss/xay-dung-dang/")
    moved(client, "/vi/news/rss/xay-dung-dang", "/rss/xay-dung-dang/")
    missing(client, "/news/rss/Khong-co/")


def test_old_tag_link_moves_to_the_tag(client, db):
    tag = Tag.objects.create(name="Chuyển đổi số")
    assert tag.slug == "chuyen-doi-so"
    for old in [
        "/news/tag/chuyen-doi-so",
        "/news/tag/chuyen-doi-so/",
        "/vi/news/tag/Chuyen-doi-so",
        "/news/tag/Chuy%E1%BB%83n-%C4%91%E1%BB%95i-s%E1%BB%91",  # the alias in Vietnamese, percent-encoded
    ]:
        moved(client, old, tag.get_absolute_url())
    missing(client, "/news/tag/khong-co-tu-khoa-nay")


def test_old_links_only_answer_reads(client, category):
    article = make_article(category=category, legacy_id=7)
    url = "/news/Xay-dung-Dang/bai-7.html"
    assert client.head(url).status_code == 301
    assert client.post(url).status_code == 405
    assert client.get(url)["Location"] == article.get_absolute_url()


@pytest.mark.django_db
def test_nul_in_an_old_portal_link_is_404(client):
    assert client.get("/news/a%00b/").status_code == 404


def test_redirect_costs_one_query(client, category, django_assert_num_queries):
    make_article(category=category, legacy_id=8)
    client.get("/news/")  # a warm worker: the old site's module names are in the shared cache
    with django_assert_num_queries(1):
        assert client.get("/news/Xay-dung-Dang/bai-8.html").status_code == 301
