import base64
import hashlib
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, SiteBanner
from tests.factories import edit_site, image_upload, make_article, make_category


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def titles_in(html, region):
    """The titles of the article links in one part of the home page (between two markers)."""
    start, end = region
    part = html[html.index(start) : html.index(end, html.index(start))]
    return re.findall(r'<a href="/[^"]+\.html">([^<]+)</a>', part)


@pytest.mark.django_db
def test_home_is_a_front_page_with_no_article_twice(client):
    party = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    economy = make_category(name="Kinh tế - Xã hội", slug="kinh-te-xa-hoi")
    now = timezone.now()
    lead = make_article(category=party, title="Tin nổi bật hôm nay", is_featured=True, summary="Sapo nổi bật")
    second = make_article(
        category=party, title="Tin nổi bật hôm qua", is_featured=True, published_at=now - timedelta(days=1)
    )
    make_article(
        category=economy,
        title="Tin kinh tế mới",
        lead_image=image_upload(),
        lead_image_alt="Cánh đồng lúa",
        published_at=now - timedelta(minutes=30),
    )
    for n in range(16):
        make_article(category=(party, economy)[n % 2], title=f"Tin số {n}", published_at=now - timedelta(hours=n + 2))
    make_article(category=party, title="Bản nháp bí mật", status=Article.Status.DRAFT)
    html = client.get("/").content.decode()

    top = titles_in(html, ('id="tin-noi-bat"', "</section>"))
    assert top[0] == lead.title and "Sapo nổi bật" in html  # the lead story, then its row of three
    assert 'class="card card-large' in html and html.count('class="front-row"') == 1
    assert top[1:] == [second.title, "Tin kinh tế mới", "Tin số 0"]  # the other featured one first
    side = titles_in(html, ('id="tin-moi-nhat"', "</aside>"))
    assert side == [f"Tin số {n}" for n in range(1, 7)]  # the newest after those, in the side column
    blocks = titles_in(html, ('class="category-grid"', '<div class="layout-side">'))
    assert 'id="cm-xay-dung-dang"' in html and 'id="cm-kinh-te-xa-hoi"' in html
    assert set(blocks) == {f"Tin số {n}" for n in range(7, 15)}  # four of each category, none shown above
    everything = top + side + blocks
    assert len(everything) == len(set(everything)), "an article twice on the home page"
    assert "Bản nháp bí mật" not in html
    assert 'loading="lazy"' in html and "/media/articles/" in html  # thumbnails
    assert "<time datetime=" in html


@pytest.mark.django_db
def test_without_a_featured_article_the_newest_leads(client):
    category = make_category(name="Tin hoạt động", slug="tin-hoat-dong")
    now = timezone.now()
    for n in range(5):
        make_article(category=category, title=f"Tin số {n}", published_at=now - timedelta(hours=n + 1))
    html = client.get("/").content.decode()
    assert "Tin nổi bật" not in html
    assert titles_in(html, ('id="tin-noi-bat"', "</section>"))[0] == "Tin số 0"
    assert '<h2 id="tin-noi-bat" class="section-title">Tin mới nhất</h2>' in html
    assert titles_in(html, ('id="tin-moi-nhat"', "</aside>")) == ["Tin số 4"]  # "Tin khác": after the row
    assert 'id="cm-tin-hoat-dong"' not in html  # every article already shown: no empty block


@pytest.mark.django_db
def test_a_site_without_an_address_shows_no_empty_contact_lines(client):
    edit_site(address="", phone="", email="")
    html = client.get("/").content.decode()
    assert "Địa chỉ:" not in html and "Điện thoại:" not in html and "mailto:" not in html
    edit_site(address="Khu phố 1, thị trấn Vĩnh Bình", phone="0273 3826 203", email="")
    html = client.get("/").content.decode()
    assert "Địa chỉ: Khu phố 1, thị trấn Vĩnh Bình" in html and "Điện thoại:" in html and "Email:" not in html


@pytest.mark.django_db
def test_home_and_category_query_counts_do_not_grow_with_articles(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the views' own queries; a cached page costs none
    categories = [make_category() for _ in range(3)]
    make_article(category=categories[0], is_featured=True)
    for n in range(12):  # enough for the lead, its row, the newest and every category's block
        make_article(category=categories[n % 3], published_at=timezone.now() - timedelta(minutes=n + 1))
    home, category_page = queries_for(client, "/"), queries_for(client, categories[0].get_absolute_url())
    for n in range(30):
        make_article(category=categories[n % 3], published_at=timezone.now() - timedelta(hours=n + 2))
    assert queries_for(client, "/") == home
    assert queries_for(client, categories[0].get_absolute_url()) == category_page
    assert category_page <= 4


@pytest.mark.django_db
def test_category_pages_walk_all_articles_newest_first_twenty_at_a_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # reads response.context_data, which a cached page has not
    category = make_category()
    now = timezone.now()
    articles = [make_article(category=category, published_at=now - timedelta(hours=i + 1)) for i in range(45)]
    make_article(category=category, status=Article.Status.DRAFT)
    seen, url, pages = [], category.get_absolute_url(), 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = [a.pk for a in response.context_data["articles"]]
        assert len(page) <= 20
        seen += page
        older = response.context_data["older_cursor"]
        url = f"{category.get_absolute_url()}?truoc={older}" if older else None
        pages += 1
    assert pages == 3
    assert seen == [a.pk for a in articles]

    # ... and back again from the last page with "‹ Trước" (newer).
    last = client.get(f"{category.get_absolute_url()}?truoc={articles[39].pk}")
    assert [a.pk for a in last.context_data["articles"]] == [a.pk for a in articles[40:]]
    back = client.get(f"{category.get_absolute_url()}?sau={articles[40].pk}")
    assert [a.pk for a in back.context_data["articles"]] == [a.pk for a in articles[20:40]]
    html = back.content.decode()
    assert 'rel="prev"' in html and "‹ Trước" in html and "Sau ›" in html and "« Mới nhất" in html


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["abc", "-1", "1" * 40, "99999999"])
def test_bad_page_cursor_is_a_friendly_404(client, cursor):
    category = make_category()
    make_article(category=category)
    response = client.get(f"{category.get_absolute_url()}?truoc={cursor}")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["²", "١٢", "1e3", " 1"])
def test_odd_digits_in_a_page_cursor_are_404(client, cursor):
    category = make_category()
    make_article(category=category)
    assert client.get(category.get_absolute_url(), {"truoc": cursor}).status_code == 404


@pytest.mark.django_db
def test_a_page_cursor_says_nothing_about_drafts(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category = make_category()
    make_article(category=category)
    draft = make_article(category=category, status=Article.Status.DRAFT)
    assert client.get(category.get_absolute_url(), {"truoc": draft.pk}).status_code == 404


@pytest.mark.django_db
def test_inactive_or_unknown_category_is_404(client):
    hidden = make_category(is_active=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/khong-co-chuyen-muc-nay/").status_code == 404


@pytest.mark.django_db
def test_site_banner_is_shown_only_in_its_window(client):
    now = timezone.now()
    SiteBanner(image=image_upload(size=(600, 90)), alt="Banner 30-4-2024", shown_from=now - timedelta(days=1)).save()
    SiteBanner(image=image_upload(size=(600, 90)), alt="Banner Tết", shown_from=now + timedelta(days=1)).save()
    SiteBanner(
        image=image_upload(size=(600, 90)),
        alt="Banner 2-9",
        shown_from=now - timedelta(days=9),
        shown_until=now - timedelta(days=2),
    ).save()
    html = client.get("/").content.decode()
    assert 'alt="Banner 30-4-2024"' in html and 'width="600" height="90"' in html
    assert "Banner Tết" not in html and "Banner 2-9" not in html


@pytest.mark.django_db
def test_every_page_has_navigation_footer_legal_details_and_skip_link(client):
    edit_site(responsible="Người chịu trách nhiệm: Đồng chí Nguyễn Văn A")
    category = make_category(name="Tin hoạt động")
    html = client.get("/").content.decode()
    assert 'href="#noi-dung"' in html and 'id="noi-dung"' in html
    assert f'href="{category.get_absolute_url()}"' in html and "Tin hoạt động" in html
    for text in ("Cơ quan chủ quản", "Đồng chí Nguyễn Văn A", "Địa chỉ:", "Điện thoại:", "Email:"):
        assert text in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_pages_make_no_third_party_requests_and_carry_a_strict_csp(client):
    article = make_article()
    for url in ("/", article.category.get_absolute_url(), article.get_absolute_url()):
        response = client.get(url)
        html = response.content.decode()
        assert " onclick=" not in html and " style=" not in html
        # One inline <script> and one <style> (the head's, core/inline.py), each allowed by its hash.
        csp = response["Content-Security-Policy"]
        for tag in ("script", "style"):
            (inline,) = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)
            digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp
        # Nothing loaded from another host: every src and stylesheet/icon href is ours.
        assert not re.findall(r'src="(?:https?:)?//(?!testserver)', html)
        assert not re.findall(
            r'<link[^>]+rel="(?:stylesheet|icon|preload)"[^>]+href="(?:https?:)?//(?!testserver)', html
        )
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
