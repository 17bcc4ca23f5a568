"""What search engines and social networks read: title, description, canonical, Open Graph,
Twitter cards and the JSON-LD NewsArticle of article pages."""

import io
import json
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from tests.factories import image_upload, make_article, make_category

HOST = "http://testserver"


class Head(HTMLParser):
    """The <title>, <meta>, <link> and JSON-LD blocks of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta = {}  # name or property -> [content, ...]
        self.links = []  # attribute dicts
        self.json_ld = []  # raw text of each <script type="application/ld+json">
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def canonical(self):
        hrefs = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(hrefs) == 1, hrefs
        return hrefs[0]


def head_of(client, url, **kwargs) -> Head:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.select_related("category").get(title__startswith="Nâng cao chất lượng lãnh đạo")


def test_seed_article_has_a_newsarticle_json_ld(client, demo):
    head = head_of(client, demo.get_absolute_url())
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    url = f"{HOST}{demo.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == demo.title
    assert data["description"] == demo.summary
    assert data["datePublished"] == "2022-02-02T06:32:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == {
        "@type": "Person",
        "name": "Đồng chí Phạm Nguyễn Hoàng Vũ - Phó Bí thư Thường trực Huyện ủy",
    }
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == settings.SITE_NAME == "Huyện ủy Gò Công Tây"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == f"{HOST}/static/img/logo.png"
    assert data["image"] == [f"{HOST}{demo.lead_image.url}"]
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["inLanguage"] == "vi"
    assert data["articleSection"] == "Xây dựng Đảng"
    # The seed article has 13 votes; no rating markup for search engines anywhere.
    assert "aggregateRating" not in data
    assert "aggregateRating" not in client.get(demo.get_absolute_url()).content.decode()


def test_seed_article_has_open_graph_and_twitter_tags(client, demo):
    head = head_of(client, demo.get_absolute_url())
    url = f"{HOST}{demo.get_absolute_url()}"
    image = f"{HOST}{demo.lead_image.url}"
    assert head.title == f"{demo.title} - Huyện ủy Gò Công Tây"
    assert head.one("og:type") == "article"
    assert head.one("og:title") == demo.title
    assert demo.summary.startswith(head.one("og:description").rstrip("…"))
    assert head.one("og:url") == url
    assert head.one("og:site_name") == "Huyện ủy Gò Công Tây"
    assert head.one("og:locale") == "vi_VN"
    assert head.one("og:image") == image
    assert head.one("og:image:width") == str(demo.lead_image_width) == "1000"
    assert head.one("og:image:height") == str(demo.lead_image_height) == "600"
    assert head.one("og:image:alt") == "Ban Chấp hành Đảng bộ xã Vĩnh Hựu nhiệm kỳ 2020 - 2025"
    assert head.one("article:published_time") == "2022-02-02T06:32:00+07:00"
    assert head.one("article:modified_time").endswith("+07:00")
    assert head.one("article:section") == "Xây dựng Đảng"
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:title") == demo.title
    assert head.one("twitter:image") == image
    assert head.canonical() == url
    assert demo.summary.startswith(head.one("description").rstrip("…"))
    assert len(head.one("description")) <= 300


def test_article_without_a_photo_gets_a_small_card_and_no_image(client, db):
    article = make_article(summary="Tin ngắn, không có ảnh.")
    head = head_of(client, article.get_absolute_url())
    assert "og:image" not in head.meta
    assert "twitter:image" not in head.meta
    assert head.one("twitter:card") == "summary"
    assert head.one("description") == "Tin ngắn, không có ảnh."
    data = json.loads(head.json_ld[0])
    assert "image" not in data
    assert data["author"] == {"@type": "Person", "name": "Ban Tuyên giáo Huyện ủy"}


def test_article_without_an_author_line_is_signed_by_the_committee(client, db):
    article = make_article(author="")
    data = json.loads(head_of(client, article.get_absolute_url()).json_ld[0])
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == settings.SITE_NAME


def test_json_ld_cannot_be_broken_out_of(client, db):
    title = 'Tin "nóng" </script><script>alert(1)</script> & <b>đậm</b>'
    article = make_article(
        title=title,
        summary="Dòng 1 </SCRIPT> dòng 2",
        lead_image=image_upload(),
        lead_image_alt='Ảnh "có" <ký tự> & đặc biệt',
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    head = Head(html)
    data = json.loads(head.json_ld[0])
    assert data["headline"] == title
    assert data["description"] == "Dòng 1 </SCRIPT> dòng 2"
    raw = head.json_ld[0]
    assert "<" not in raw
    assert ">" not in raw
    assert "&" not in raw
    assert head.one("og:title") == title
    assert head.one("og:image:alt") == 'Ảnh "có" <ký tự> & đặc biệt'


def test_canonical_and_description_of_home_and_category(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category = make_category(name="Tin hoạt động", slug="tin-hoat-dong", description="Hoạt động ở các xã, thị trấn.")
    plain = make_category(name="Quốc phòng - An ninh", slug="quoc-phong-an-ninh")
    for _ in range(25):
        make_article(category=category)

    home = head_of(client, "/")
    assert home.canonical() == f"{HOST}/"
    assert home.one("description") == settings.SITE_TAGLINE
    assert home.title == settings.SITE_NAME

    page = head_of(client, "/tin-hoat-dong/")
    assert page.canonical() == f"{HOST}/tin-hoat-dong/"
    assert page.one("description") == "Hoạt động ở các xã, thị trấn."
    assert page.title == "Tin hoạt động - Huyện ủy Gò Công Tây"
    # an older page of the category names the first as canonical
    response = client.get("/tin-hoat-dong/")
    older = response.context_data["older_cursor"]
    assert older
    assert head_of(client, f"/tin-hoat-dong/?truoc={older}").canonical() == f"{HOST}/tin-hoat-dong/"

    assert head_of(client, "/quoc-phong-an-ninh/").one("description") == plain.name


def test_absolute_urls_follow_the_request_scheme_and_host(client, db):
    article = make_article(lead_image=image_upload(), lead_image_alt="Ảnh")
    head = head_of(client, article.get_absolute_url(), secure=True, HTTP_HOST="localhost")
    assert head.canonical() == f"https://localhost{article.get_absolute_url()}"
    assert head.one("og:image").startswith("https://localhost/media/")
    data = json.loads(head.json_ld[0])
    assert data["publisher"]["logo"]["url"] == "https://localhost/static/img/logo.png"


def test_every_article_page_keeps_one_of_each_head_tag(client, demo):
    """The blocks of base.html are filled once: no duplicate canonical or description."""
    head = head_of(client, demo.get_absolute_url())
    assert len(head.meta["description"]) == 1
    head.canonical()
    assert [link["href"] for link in head.links if link.get("type") == "application/rss+xml"] == [
        "/rss/",
        f"/rss/{demo.category.slug}/",
    ]


def test_publisher_logo_is_a_png_in_static(db):
    path = finders.find("img/logo.png")
    assert path
    with Image.open(path) as logo:
        assert logo.format == "PNG"
        assert logo.size == (512, 512)
