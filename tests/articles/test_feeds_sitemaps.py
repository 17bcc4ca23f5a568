"""RSS 2.0 feeds (/rss/, /rss/<category>/), the sitemaps (/sitemap.xml and its sections), robots.txt."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article, Tag
from articles.sitemaps import ArticleSitemap
from tests.factories import image_upload, make_article, make_category

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DC = "{http://purl.org/dc/elements/1.1/}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOST = "http://testserver"


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channels = root.findall("channel")
    assert len(channels) == 1
    return channels[0]


def hidden_articles(category=None):
    """One article of each kind the public may not see."""
    now = timezone.now()
    extra = {"category": category} if category else {}
    return [
        make_article(title="Bản nháp chưa đăng", status=Article.Status.DRAFT, **extra),
        make_article(title="Bài chờ duyệt", status=Article.Status.PENDING, **extra),
        make_article(title="Bài đã gỡ xuống", status=Article.Status.UNPUBLISHED, **extra),
        make_article(title="Bài hẹn giờ đăng", published_at=now + timedelta(hours=1), **extra),
        make_article(
            title="Bài đã hết hạn", published_at=now - timedelta(days=3), expires_at=now - timedelta(hours=1), **extra
        ),
    ]


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


# --- RSS ---------------------------------------------------------------------------------


def test_site_feed_is_the_latest_30_published_articles_newest_first(client, db):
    category = make_category()
    now = timezone.now()
    for i in range(33):
        make_article(title=f"Tin số {i}", category=category, published_at=now - timedelta(hours=i + 1))
    hidden = hidden_articles(category)

    channel = rss(client, "/rss/")
    assert channel.findtext("title") == settings.SITE_NAME
    assert channel.findtext("link") == f"{HOST}/"
    assert channel.findtext("description") == settings.SITE_TAGLINE
    assert channel.findtext("language") == "vi"
    assert channel.findtext("lastBuildDate").endswith("+0700")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == [f"Tin số {i}" for i in range(30)]
    for article in hidden:
        assert article.title not in titles


def test_feed_item_carries_link_lead_date_author_category_and_photo(client, db):
    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    article = make_article(
        title="Nâng cao chất lượng lãnh đạo",
        summary="Đảng ta luôn coi công tác xây dựng Đảng là công tác cực kỳ quan trọng.",
        author="Đồng chí Phạm Nguyễn Hoàng Vũ - Phó Bí thư Thường trực Huyện ủy",
        category=category,
        published_at=datetime(2022, 2, 2, 6, 32, tzinfo=TZ),
        lead_image=image_upload("anh-dai-dien.jpg", size=(320, 200)),
        lead_image_alt="Ban Chấp hành Đảng bộ xã Vĩnh Hựu",
    )
    png = make_article(
        category=category,
        lead_image=image_upload("so-do.png", fmt="PNG", size=(40, 40), color=(0, 90, 160, 128)),
        lead_image_alt="Sơ đồ",
    )
    plain = make_article(category=category, author="")

    items = {item.findtext("title"): item for item in rss(client, "/rss/").findall("item")}
    item = items[article.title]
    url = f"{HOST}{article.get_absolute_url()}"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == article.summary
    assert item.findtext("pubDate") == "Wed, 02 Feb 2022 06:32:00 +0700"
    assert item.findtext(f"{DC}creator") == article.author
    assert [c.text for c in item.findall("category")] == ["Xây dựng Đảng"]

    enclosures = item.findall("enclosure")
    assert len(enclosures) == 1
    enclosure = enclosures[0]
    assert enclosure.get("url") == f"{HOST}{article.lead_image.url}"
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == article.lead_image.storage.size(article.lead_image.name) > 0

    png_enclosure = items[png.title].find("enclosure")
    assert png_enclosure.get("type") == "image/png"
    assert items[plain.title].find("enclosure") is None
    assert items[plain.title].find(f"{DC}creator") is None


def test_category_feed_has_only_that_categorys_published_articles(client, db):
    category = make_category(name="Tin hoạt động", slug="tin-hoat-dong", description="Hoạt động của các xã")
    other = make_category()
    mine = [make_article(category=category) for _ in range(3)]
    theirs = make_article(category=other)
    hidden = hidden_articles(category)

    channel = rss(client, "/rss/tin-hoat-dong/")
    assert "Tin hoạt động" in channel.findtext("title")
    assert channel.findtext("link") == f"{HOST}/tin-hoat-dong/"
    assert channel.findtext("description") == "Hoạt động của các xã"
    titles = {item.findtext("title") for item in channel.findall("item")}
    assert titles == {article.title for article in mine}
    assert theirs.title not in titles
    assert not titles & {article.title for article in hidden}


def test_category_feed_is_30_items_at_most(client, db):
    category = make_category()
    for _ in range(31):
        make_article(category=category)
    assert len(rss(client, f"/rss/{category.slug}/").findall("item")) == 30


def test_feed_of_an_unknown_or_hidden_category_is_404(client, db):
    hidden = make_category(is_active=False)
    make_article(category=hidden)
    assert client.get("/rss/khong-co-chuyen-muc-nay/").status_code == 404
    assert client.get(f"/rss/{hidden.slug}/").status_code == 404


def test_feeds_cost_a_fixed_number_of_queries(client, db, no_page_cache, django_assert_num_queries):
    category = make_category()
    for i in range(12):
        make_article(
            category=category, lead_image=image_upload() if i % 2 else None, lead_image_alt="Ảnh" if i % 2 else ""
        )
    with django_assert_num_queries(1):
        assert client.get("/rss/").status_code == 200
    with django_assert_num_queries(2):  # the category, its articles
        assert client.get(f"/rss/{category.slug}/").status_code == 200


def test_feed_links_on_pages(client, db):
    category = make_category(name="Kinh tế - Xã hội", slug="kinh-te-xa-hoi")
    article = make_article(category=category)
    site_link = '<link rel="alternate" type="application/rss+xml" title="Huyện ủy Gò Công Tây" href="/rss/" lang="vi">'
    category_link = (
        'type="application/rss+xml" title="Kinh tế - Xã hội - Huyện ủy Gò Công Tây" href="/rss/kinh-te-xa-hoi/"'
    )
    for url in ("/", category.get_absolute_url(), article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert site_link in html, url
        assert (category_link in html) == (url != "/"), url


# --- sitemaps ----------------------------------------------------------------------------


def sitemap(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def test_sitemap_index_lists_the_sections(client, db):
    make_article()
    root = sitemap(client, "/sitemap.xml")
    assert root.tag == f"{SM}sitemapindex"
    locs = [entry.findtext(f"{SM}loc") for entry in root.findall(f"{SM}sitemap")]
    sections = ["articles", "categories", "tags", "documents", "pages", "people"]
    assert locs == [f"{HOST}/sitemap-{section}.xml" for section in sections]
    articles_entry = root.findall(f"{SM}sitemap")[0]
    assert articles_entry.findtext(f"{SM}lastmod").endswith("+07:00")


def test_article_sitemap_lists_published_articles_with_lastmod(client, db):
    published = [make_article() for _ in range(3)]
    hidden = hidden_articles()
    root = sitemap(client, "/sitemap-articles.xml")
    assert root.tag == f"{SM}urlset"
    urls = {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root.findall(f"{SM}url")}
    assert set(urls) == {f"{HOST}{article.get_absolute_url()}" for article in published}
    for article in published:
        lastmod = timezone.localtime(article.updated_at).strftime("%Y-%m-%d")
        assert urls[f"{HOST}{article.get_absolute_url()}"] == lastmod
    for article in hidden:
        assert not any(article.slug in loc for loc in urls)


def test_article_sitemap_is_split_into_pages(client, db, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    now = timezone.now()
    articles = [make_article(published_at=now - timedelta(days=10 - i)) for i in range(3)]
    index = sitemap(client, "/sitemap.xml")
    locs = [entry.findtext(f"{SM}loc") for entry in index.findall(f"{SM}sitemap")]
    assert f"{HOST}/sitemap-articles.xml" in locs
    assert f"{HOST}/sitemap-articles.xml?p=2" in locs
    first = sitemap(client, "/sitemap-articles.xml").findall(f"{SM}url")
    second = sitemap(client, "/sitemap-articles.xml?p=2").findall(f"{SM}url")
    assert len(first) == 2
    assert len(second) == 1
    # oldest first: a new article lands on the last page, the earlier ones stay as they were
    assert [url.findtext(f"{SM}loc") for url in first + second] == [
        f"{HOST}{article.get_absolute_url()}" for article in articles
    ]
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_category_sitemap_lists_active_categories(client, db):
    active = make_category()
    hidden = make_category(is_active=False)
    locs = {url.findtext(f"{SM}loc") for url in sitemap(client, "/sitemap-categories.xml").findall(f"{SM}url")}
    assert f"{HOST}{active.get_absolute_url()}" in locs
    assert f"{HOST}/{hidden.slug}/" not in locs


def test_tag_sitemap_lists_tags_with_a_published_article(client, db):
    used = Tag.objects.create(name="Xây dựng Đảng")
    draft_only = Tag.objects.create(name="Chuyển đổi số")
    unused = Tag.objects.create(name="Nông thôn mới")
    make_article().tags.add(used)
    make_article().tags.add(used)
    make_article(status=Article.Status.DRAFT).tags.add(draft_only)
    locs = [url.findtext(f"{SM}loc") for url in sitemap(client, "/sitemap-tags.xml").findall(f"{SM}url")]
    assert locs == [f"{HOST}{used.get_absolute_url()}"]
    assert draft_only.slug not in "".join(locs)
    assert unused.slug not in "".join(locs)


# --- robots.txt --------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/xem-truoc/", "/quan-tri/", "/danh-gia/"):
        assert f"Disallow: {path}" in lines
    assert not any(line.startswith("Disallow: /tim-kiem") or line == "Disallow: /" for line in lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    secure = client.get("/robots.txt", secure=True).content.decode()
    assert "Sitemap: https://testserver/sitemap.xml" in secure.splitlines()


@pytest.mark.django_db
def test_a_lead_with_markup_reaches_feed_readers_as_text(client):
    """Readers render <description> as HTML: a lead's "<script>" must arrive as text."""
    from django.utils.html import escape

    lead = 'Hội nghị <b>tổng kết</b> & "khen thưởng" <script>alert(1)</script>'
    make_article(summary=lead)
    [item] = rss(client, "/rss/").findall("item")
    assert item.findtext("description") == escape(lead)  # escaped once more than the XML itself
    assert "<script>" not in item.findtext("description")


def test_feeds_are_offered_as_visible_links(client, db):
    category = make_category(name="Kinh tế")
    html = client.get(category.get_absolute_url()).content.decode()
    assert '<a href="/rss/">Theo dõi tin mới qua RSS</a>' in html  # in every footer
    assert f'<a href="/rss/{category.slug}/">Theo dõi chuyên mục Kinh tế qua RSS</a>' in html
