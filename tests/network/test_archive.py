"""Archive sites (issue 24, point 5): every page as before with a notice naming the successor;
votes, the contact form and new content closed with a clear message and nothing stored;
editors correct what is published but publish nothing new."""

from datetime import date

import pytest
from django.test import Client

from accounts import roles
from articles.models import Article
from contact.models import Message
from core.sites import serving
from ratings.models import Vote
from tests.contact.helpers import form_data
from tests.factories import edit_site, give_role, make_article, make_category, make_site, make_user

pytestmark = pytest.mark.django_db

ARCHIVE = "huyengocongtay.localhost"


@pytest.fixture
def archive(settings):
    """The first site (the district, with its articles) archived, the province its successor."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    settings.ADMIN_REQUIRE_2FA = False
    province = make_site("tinhuydongthap.localhost", "Tỉnh ủy Đồng Tháp")
    edit_site(1, archived_on=date(2025, 7, 1), successor=province)
    return province


@pytest.fixture
def article(db):
    return make_article(title="Tin cũ của huyện", category=make_category(slug="tin-tuc"))


def test_every_page_says_it_is_an_archive_and_where_the_work_goes_on(client, archive, article):
    for url in ("/", article.get_absolute_url(), "/lien-he/"):
        html = client.get(url).content.decode()
        assert "Trang lưu trữ." in html and "ngừng hoạt động từ ngày 01/07/2025" in html
        assert '<a href="http://tinhuydongthap.localhost/">Tỉnh ủy Đồng Tháp</a>' in html
    province = client.get("/", HTTP_HOST="tinhuydongthap.localhost").content.decode()
    assert "Trang lưu trữ." not in province


def test_votes_are_closed_with_a_message_and_nothing_stored(client, archive, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Trang lưu trữ không nhận đánh giá mới." in page and 'name="stars"' not in page
    refused = client.post(
        f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 403 and "trang lưu trữ" in refused.json()["message"]
    assert not Vote.objects.exists()
    article.refresh_from_db()
    assert article.rating_count == 0


def test_the_contact_form_is_closed_with_a_message_and_nothing_stored(client, archive):
    page = client.get("/lien-he/").content.decode()
    assert "Trang lưu trữ không nhận góp ý mới." in page and 'name="body"' not in page
    english = client.get("/en/contact/").content.decode()
    assert "it no longer takes messages" in english
    refused = client.post("/lien-he/", form_data(), HTTP_ORIGIN="http://testserver")
    assert refused.status_code == 403 and "góp ý không được nhận" in refused.content.decode()
    assert not Message.objects.exists()
    # The successor takes messages as any site does.
    assert 'name="body"' in client.get("/lien-he/", HTTP_HOST="tinhuydongthap.localhost").content.decode()


def test_editors_correct_published_items_but_add_or_publish_nothing_new(archive, article):
    draft = make_article(title="Bản nháp còn lại", status="draft", category=article.category)
    approver = give_role(make_user(), roles.APPROVERS)
    client = Client()
    client.force_login(approver)
    header = client.get("/admin/").content.decode()
    assert "chỉ sửa được nội dung đã có" in header
    assert client.get("/admin/articles/article/add/").status_code == 403
    before = Article.objects.count()
    form = {
        "title": "Tin cũ của huyện (đã sửa lỗi chính tả)",
        "slug": article.slug,
        "category": article.category_id,
        "summary": article.summary,
        "body": article.body,
        "author": article.author,
        "status": "published",
        "published_at_0": article.published_at.strftime("%d/%m/%Y"),
        "published_at_1": "08:00:00",
    }
    assert client.post(f"/admin/articles/article/{article.pk}/change/", form).status_code == 302
    article.refresh_from_db()
    assert article.title.endswith("(đã sửa lỗi chính tả)") and article.is_published()

    forged = client.post(f"/admin/articles/article/{draft.pk}/change/", {**form, "title": "Bản nháp", "slug": ""})
    assert forged.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in forged.content.decode()
    action = {"action": "publish", "_selected_action": [draft.pk]}
    said = client.post("/admin/articles/article/", action, follow=True).content.decode()
    assert "Đây là trang lưu trữ" in said
    draft.refresh_from_db()
    assert draft.status == "draft" and Article.objects.count() == before

    # The successor's editors are not touched by it.
    give_role(approver, roles.APPROVERS, site=archive)
    with serving(archive):
        assert approver.has_perm("articles.add_article")
