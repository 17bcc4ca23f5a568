"""The admin speaks Vietnamese everywhere an editor goes (issue 16, point 1).

A writer, an approver and an administrator each walk every admin page they can reach
(links followed from the index, one page of each shape), plus the pages no link leads
to at once: a revision, a comparison, a form sent with mistakes, the login page. Any
English word of Django's, reversion's or the login apps' screens fails the test with
the page's address and the words around it.
"""

import re
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import reversion
from axes.models import AccessFailureLog
from django.contrib import admin
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from accounts import twofactor
from articles.below import FeaturedFromBelow
from articles.models import Article, SiteBanner, Tag, Topic
from contact.models import Message
from core.sites import serving
from documents.models import DocumentType, Field, Issuer
from hits.models import DailyViews
from navigation.models import MenuItem, WebLink
from ratings.models import Vote
from tests.documents.helpers import make_document, pdf_upload, vocabulary
from tests.factories import give_role, image_upload, make_article, make_category, make_site, make_user
from tests.pages.helpers import make_page
from tests.people.helpers import make_person, make_term, make_unit

from .visible import english_in_context, visible_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.admin.urls"),  # with the guide (Hướng dẫn), linked from the header
    # navigation/admin.py's WebLinkAdmin list (list_editable) builds its URL field without
    # assume_scheme="https" (Django 5.2 warns, 6.0 changes the default); remove when it does.
    pytest.mark.filterwarnings(
        "ignore:The default scheme will be changed:django.utils.deprecation.RemovedInDjango60Warning"
    ),
]

WRITERS, APPROVERS, ADMINS = "Phóng viên / Biên tập viên", "Thư ký tòa soạn / Duyệt bài", "Quản trị"
# Links that leave the admin's pages or act: logging out is a form (POST), the rest are
# files, scripts or the public site.
SKIPPED = re.compile(r"^/admin/(jsi18n/|r/|logout/)")
PASSWORD = "mat-khau-dung-1"
MAX_PAGES = 400  # per role: a loop in the crawler fails loudly instead of running on


def build_newsroom(writer):
    """One object of every model the admin lists, in Vietnamese, and an article with two revisions."""
    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    with reversion.create_revision():
        reversion.set_user(writer)
        reversion.set_comment("Viết bài")
        article = make_article(
            title="Hội nghị Ban Chấp hành Đảng bộ huyện",
            category=category,
            status=Article.Status.DRAFT,
            created_by=writer,
        )
    with reversion.create_revision():
        reversion.set_user(writer)
        reversion.set_comment("Sửa tóm tắt")
        article.summary = "Hội nghị lần thứ 15 bàn về chuyển đổi số."
        article.save()
    make_article(title="Tin đã đăng về lễ kỷ niệm", category=category)
    article.tags.add(Tag.objects.create(name="Chuyển đổi số"))
    Topic.objects.create(name="Đại hội Đảng bộ các cấp")
    SiteBanner.objects.create(image=image_upload(size=(200, 40)), alt="Băng rôn chào mừng")
    Vote.objects.create(article=article, stars=5, voter_key="a" * 64)
    DailyViews.objects.create(article=article, day=timezone.localdate(), count=12)
    for model, name in ((DocumentType, "Nghị quyết"), (Issuer, "Huyện ủy Gò Công Tây"), (Field, "Xây dựng Đảng")):
        vocabulary(model, name)
    document = make_document(files=[pdf_upload()], field=vocabulary(Field, "Xây dựng Đảng"))
    with reversion.create_revision():
        document.save()
    page = make_page("Giới thiệu chung")
    term = make_term(current=True)
    make_person(term=term, unit=make_unit())
    Message.objects.create(
        name="Nguyễn Văn An", email="an@example.vn", subject="Đèn đường", body="Đèn hỏng.", consent=True
    )
    MenuItem.objects.create(kind=MenuItem.Kind.PAGE, page=page)
    WebLink.objects.create(name="Báo Điện tử Đảng Cộng sản Việt Nam", url="https://dangcongsan.vn/")
    # A site below this one (a commune) and one of its articles featured here.
    commune = make_site("xahoabinh.localhost", "Đảng ủy xã Hòa Bình", parent_id=1)
    with serving(commune):
        theirs = make_article(title="Tin của xã Hòa Bình", category=make_category(slug="tin-xa"))
    FeaturedFromBelow.objects.create(article=theirs)
    # The login screens' records (django-axes, django-otp): a right and a wrong password, devices.
    browser = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile")
    browser.post("/admin/login/", {"username": writer.username, "password": PASSWORD})
    browser.post("/admin/login/", {"username": writer.username, "password": "sai"})
    AccessFailureLog.objects.create(username="doan", ip_address="203.0.113.7", path_info="/admin/login/")
    twofactor.pending_app_device(writer)
    twofactor.new_recovery_codes(writer)
    for model in admin.site._registry:
        assert model.objects.exists(), f"build_newsroom() makes no {model._meta.verbose_name}: add one"
    return article


def role_user(username: str, group: str | None = None, **kwargs):
    user = make_user(staff=True, username=username, password=PASSWORD, first_name="Thị", last_name="Lan", **kwargs)
    if group:
        give_role(user, group)
    return user


# Query keys that change what a page says; any other is a filter, and one filter stands for all.
TELLING_KEYS = {"q", "_facets", "_popup", "version_id1"}


def _shape(url: str) -> tuple:
    """Pages of one shape show the same words: /admin/articles/article/7/change/ stands for all."""
    parts = urlsplit(url)
    keys = {key for key, _ in parse_qsl(parts.query)} - {"o", "p", "_changelist_filters", "_to_field"}
    keys = {key if key in TELLING_KEYS else "filter" for key in keys}
    return re.sub(r"/\d+/", "/N/", parts.path), tuple(sorted(keys))


def _links(html: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#]+)"', html):
        href = href.replace("&amp;", "&")
        if href.startswith("?"):
            continue  # resolved by the caller against the page's own path
        if href.startswith("/admin/") and not SKIPPED.match(href):
            found.append(href)
    return found


def crawl(client: Client, start: list[str]) -> dict[str, str]:
    """Every admin page reachable from `start` by links, one of each shape: {url: visible text}."""
    pages, seen, queue = {}, set(), deque((url, "") for url in start)
    while queue:
        url, source = queue.popleft()
        if _shape(url) in seen:
            continue
        seen.add(_shape(url))
        assert len(pages) < MAX_PAGES, f"more than {MAX_PAGES} kinds of admin page: {sorted(seen)[-20:]}"
        try:
            response = client.get(url)
        except Exception as error:
            raise AssertionError(f"{url} (linked from {source or 'the start'}) fails") from error
        if response.status_code in (301, 302):
            queue.append((response["Location"], url))
            continue
        # A link to a page the account may not open leads to the "Không có quyền" page: seen, not followed.
        where = f"{url} (linked from {source or 'the start'})"
        assert response.status_code in (200, 403), f"{where}: {response.status_code}"
        html = response.content.decode()
        pages[url] = visible_text(html)
        if response.status_code == 403:
            continue
        path = urlsplit(url).path
        queue.extend((link, url) for link in _links(html))
        queue.extend((path + href, url) for href in re.findall(r'href="(\?[^"]+)"', html.replace("&amp;", "&")))
    return pages


def revision_pages(article) -> list[str]:
    versions = list(Version.objects.get_for_object(article).order_by("pk"))
    assert len(versions) == 2
    base = f"/admin/articles/article/{article.pk}/history/"
    older, newer = versions
    return [
        base,
        f"{base}{older.pk}/",
        f"{base}compare/?" + urlencode({"version_id1": older.pk, "version_id2": newer.pk}),
    ]


# English known and owned elsewhere, each with its fix; remove an entry when it is fixed.
KNOWN: dict[str, str] = {}  # English known to be left somewhere, and what it should say


def assert_vietnamese(pages: dict[str, str]) -> None:
    for known, meant in KNOWN.items():
        pages = {url: text.replace(known, meant) for url, text in pages.items()}
    english = {url: english_in_context(text) for url, text in pages.items()}
    english = {url: words for url, words in english.items() if words}
    assert not english, "English left on admin pages:\n" + "\n".join(
        f"{url}\n    " + "\n    ".join(words) for url, words in english.items()
    )


def errors_pages(client: Client, article) -> dict[str, str]:
    """Forms sent with mistakes: the article form with no title, the password change with wrong ones."""
    shown = {}
    response = client.post("/admin/articles/article/add/", {"title": "", "status": "draft"})
    assert response.status_code == 200 and b"errornote" in response.content
    shown["POST /admin/articles/article/add/"] = visible_text(response.content.decode())
    response = client.post(
        "/admin/password_change/", {"old_password": "sai", "new_password1": "123", "new_password2": "456"}
    )
    assert response.status_code == 200
    shown["POST /admin/password_change/"] = visible_text(response.content.decode())
    return shown


@pytest.fixture
def newsroom():
    writer = role_user("phongvien", WRITERS)
    article = build_newsroom(writer)
    return writer, article


def test_a_writer_sees_only_vietnamese(newsroom):
    writer, article = newsroom
    client = Client()
    client.force_login(writer)
    pages = crawl(client, ["/admin/", *revision_pages(article), "/admin/bao-mat/", "/admin/password_change/"])
    assert f"/admin/articles/article/{article.pk}/change/" in pages
    pages.update(errors_pages(client, article))
    assert_vietnamese(pages)


def test_an_approver_sees_only_vietnamese(newsroom):
    _, article = newsroom
    client = Client()
    client.force_login(role_user("duyetbai", APPROVERS))
    pages = crawl(client, ["/admin/", *revision_pages(article), "/admin/articles/article/?q=không+có+bài+này"])
    pages.update(errors_pages(client, article))
    assert_vietnamese(pages)


def test_an_administrator_sees_only_vietnamese(newsroom):
    _, article = newsroom
    client = Client()
    administrator = role_user("quantri", ADMINS, superuser=True)
    client.force_login(administrator)
    start = [
        "/admin/",
        *revision_pages(article),
        "/admin/auth/user/add/",
        f"/admin/auth/user/{administrator.pk}/password/",
        "/admin/articles/article/recover/",
        "/admin/bao-mat/thiet-lap/",
    ]
    pages = crawl(client, start)
    for expected in ("/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/user/"):
        assert any(url.startswith(expected) for url in pages), expected
    pages.update(errors_pages(client, article))
    response = client.post("/admin/auth/user/add/", {"username": "", "password1": "a", "password2": "b"})
    pages["POST /admin/auth/user/add/"] = visible_text(response.content.decode())
    assert_vietnamese(pages)


def test_the_login_and_logout_pages_are_vietnamese():
    make_user(staff=True, username="bientap")
    client = Client()
    pages = {"/admin/login/": visible_text(client.get("/admin/login/?next=/admin/").content.decode())}
    response = client.post("/admin/login/", {"username": "bientap", "password": "sai"})
    pages["POST /admin/login/"] = visible_text(response.content.decode())
    client.force_login(make_user(staff=True))
    response = client.post("/admin/logout/")
    pages["POST /admin/logout/"] = visible_text(response.content.decode())
    assert_vietnamese(pages)
