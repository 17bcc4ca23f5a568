"""Every shape of the old site's links, after a real import, leads to the same thing here (301),
to a 410 where the thing is gone on purpose, and never to another thing."""

from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article, Attachment, Category, Tag, Topic
from documents.models import Document
from nukeviet.links import FILE_FOLDERS, INSTALLED_MODULES
from pages.models import Page
from tests.factories import make_article, make_category

from .oldsite import SEED_ID

pytestmark = pytest.mark.django_db
SEED_ALIAS = "Nang-cao-chat-luong-lanh-dao-cua-Dang-bo-xa-thi-tran"


def location(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


@pytest.fixture
def collided(db):
    """A portal article whose own id is the seed's old id (125), made before the import."""
    return make_article(pk=SEED_ID, title="Bài của cổng mới", category=make_category(slug="tin-moi"))


@pytest.fixture
def imported(run_import, collided):
    return run_import()


def test_every_shape_of_an_old_article_link_reaches_the_imported_article(imported, client, collided):
    seed = Article.objects.get(legacy_id=SEED_ID)
    assert seed.pk != SEED_ID  # the old id is another article's id here
    op = f"Xay-dung-Dang/{SEED_ALIAS}-{SEED_ID}"
    for old in [
        f"/news/{op}.html",
        f"/vi/news/{op}.html",
        f"/{op}.html",  # the short form: the portal's own shape, with the other article's id
        f"/index.php?language=vi&nv=news&op={op}",
        f"/index.php?nv=news&op={op}",
        f"/index.php?language=vi&nv=news&op={quote(op, safe='')}",
        f"/news/{quote('Xay-dung-Dang')}/{quote(SEED_ALIAS)}-{SEED_ID}.html/",
        f"/news/Chuyen-muc-doi-ten/Tieu-de-cu-{SEED_ID}.html",  # the old id names it in its module
    ]:
        assert location(client, old) == seed.get_absolute_url(), old
    # The portal's own article keeps its address, and a stale one of it still finds it.
    assert client.get(collided.get_absolute_url()).status_code == 200
    assert location(client, f"/tin-moi/ten-cu-{SEED_ID}.html") == collided.get_absolute_url()


def test_print_and_save_links_lead_to_the_articles_print_and_file(imported, client):
    seed = Article.objects.get(legacy_id=SEED_ID)
    assert location(client, f"/news/print/Xay-dung-Dang/{SEED_ALIAS}-{SEED_ID}.html") == f"/ban-in/{seed.pk}.html"
    saved = location(client, f"/news/savefile/Xay-dung-Dang/{SEED_ALIAS}-{SEED_ID}.html")
    assert saved == seed.get_absolute_url().removesuffix(".html") + "/luu/"
    assert client.get(saved).status_code == 200


def test_categories_tags_topics_feeds_and_sitemaps(imported, client):
    building = Category.objects.get(legacy_alias="Xay-dung-Dang")
    for old in [
        "/news/Xay-dung-Dang/",
        "/news/Xay-dung-Dang",
        "/Xay-dung-Dang/",
        "/index.php?nv=news&op=Xay-dung-Dang",
    ]:
        assert location(client, old) == building.get_absolute_url(), old
    tag = Tag.objects.get(slug="xay-dung-dang")
    for old in ["/news/tag/xây-dựng-đảng", "/news/tag/" + quote("xây-dựng-đảng"), "/vi/news/tag/xây-dựng-đảng/"]:
        assert location(client, old) == tag.get_absolute_url(), old
    topic = Topic.objects.get()
    assert location(client, "/news/topic/Dai-hoi-Dang") == topic.get_absolute_url()
    assert location(client, "/news/") == "/" and location(client, "/index.php") == "/"
    assert client.get("/rss/").status_code == 200  # the portal's own feed
    assert location(client, "/news/rss/") == "/rss/"
    assert location(client, "/news/rss/Xay-dung-Dang/") == f"/rss/{building.slug}/"
    assert location(client, "/sitemap-vi.news.xml") == "/sitemap.xml"
    assert location(client, "/index.php?nv=SitemapIndex") == "/sitemap.xml"


def test_an_old_list_page_leads_to_the_page_that_begins_with_the_same_article(imported, client):
    category = Category.objects.get(legacy_alias="Tin-hoat-dong")
    for n in range(30):
        make_article(category=category, title=f"Tin hoạt động {n}")
    newest = list(Article.objects.published().in_categories([category.pk]).newest_first())
    url = location(client, "/news/Tin-hoat-dong/page-2")
    assert url == f"{category.get_absolute_url()}?truoc={newest[19].pk}"
    page = client.get(url).content.decode()
    assert newest[20].title in page and newest[19].title not in page
    assert location(client, "/Tin-hoat-dong/page-2/") == url  # the short form too


def test_other_modules(imported, client):
    document = Document.objects.get(legacy_id=7)
    assert location(client, "/laws/detail/Nghi-quyet-15-NQ-HU.html") == document.get_absolute_url()
    download = location(client, "/laws/detail/Nghi-quyet-15-NQ-HU/?download=1&id=0")
    assert download == document.files.get().get_absolute_url() + "?tai-ve=1"
    assert location(client, "/laws/Nghi-quyet/") == "/van-ban/?loai=nghi-quyet"
    assert location(client, "/index.php?nv=laws&op=detail/Nghi-quyet-15-NQ-HU") == document.get_absolute_url()
    page = Page.objects.get(legacy_alias="Lich-su-Dang-bo")
    assert location(client, "/page/Lich-su-Dang-bo.html") == page.get_absolute_url()
    assert location(client, "/index.php?language=vi&nv=page&op=Lich-su-Dang-bo") == page.get_absolute_url()
    assert location(client, "/siteterms/") == "/gioi-thieu/"
    assert location(client, "/contact/") == "/lien-he/"
    assert location(client, "/seek/?q=Vĩnh+Hựu") == "/tim-kiem/?q=" + quote("Vĩnh Hựu").replace("%20", "+")
    assert location(client, "/news/search/?q=hoi+nghi") == "/tim-kiem/?q=hoi+nghi"


def test_each_imported_upload_answers_with_its_new_address(imported, client):
    seed = Article.objects.get(legacy_id=SEED_ID)
    photo = default_storage.url(seed.lead_image.name)
    assert location(client, "/uploads/news/2022_02/bch-vinh-huu.jpg") == photo
    assert location(client, "/assets/news/2022_02/bch-vinh-huu.jpg") == photo  # the old thumbnail
    attachment = Attachment.objects.get(article__legacy_id=130)
    assert location(client, "/uploads/news/2023_05/ke-hoach.pdf") == attachment.get_absolute_url()
    law_file = Document.objects.get(legacy_id=7).files.get()
    assert location(client, "/uploads/laws/2024_01/nq-15.pdf") == law_file.get_absolute_url()
    assert client.get("/uploads/news/2023_05/khong-co.jpg").status_code == 404  # never imported


def test_gone_on_purpose_is_410_unknown_is_404(imported, client):
    for old in ["/news/Tin-hoat-dong/Bai-da-het-han-131.html", "/users/login/", "/statistics/", "/voting/"]:
        response = client.get(old)
        assert response.status_code == 410, old
        assert "Trang này không còn" in response.content.decode()
    seed = Article.objects.get(legacy_id=SEED_ID)
    seed.delete()  # an editor deleted it here
    assert client.get(f"/news/Xay-dung-Dang/{SEED_ALIAS}-{SEED_ID}.html").status_code == 410
    for old in ["/news/Xay-dung-Dang/Bai-cho-duyet-132.html", "/news/Khong-co/", "/news/tag/khong-co", "/Khong-co/"]:
        assert client.get(old).status_code == 404, old
    assert client.post("/news/Xay-dung-Dang/").status_code == 405


def test_no_imported_body_links_to_an_old_shape(imported, client):
    """Every link of an imported body to the old site is now the new address itself: no 301 on the way."""
    import re

    from .oldsite import DOMAIN

    hrefs = []
    for model in (Article, Page, Document):
        for body in model.objects.values_list("body", flat=True):
            hrefs += re.findall(r'href="([^"]*)"', body)
    local = [href for href in hrefs if href.startswith("/")]
    assert local  # the old bodies do link into the old site
    for href in hrefs:
        assert DOMAIN not in href, href
    for href in local:
        assert client.get(href).status_code == 200, href


def test_module_names_are_kept_from_category_slugs():
    from articles.models import reserved_slugs

    names = {name.lower() for name in INSTALLED_MODULES if name != "SitemapIndex"} | set(FILE_FOLDERS) | {"index"}
    assert names <= reserved_slugs()


def test_an_english_page_keeps_an_address_that_is_also_an_old_module_name(imported, client):
    root = Page.objects.create(title="Home", language=Page.Language.EN, status=Page.Status.PUBLISHED,
                               published_at=timezone.now())  # fmt: skip
    about = Page.objects.create(title="About us", slug="about", parent=root, language=Page.Language.EN,
                                status=Page.Status.PUBLISHED, published_at=timezone.now())  # fmt: skip
    assert client.get(about.get_absolute_url()).status_code == 200
    assert about.get_absolute_url() == "/en/about/"
    assert location(client, "/en/news/Xay-dung-Dang/") == "/xay-dung-dang/"  # an old English-side link still
