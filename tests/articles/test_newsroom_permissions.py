"""Every newsroom path that writes asks about the article as stored, before anything is
restored or saved; writers see and preview their own articles only (forged requests)."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.articles.test_newsroom import APPROVERS, WRITERS, form_data, logged_in, member_of


@pytest.fixture
def desk(db):
    from tests.factories import make_category

    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    writer, colleague = member_of(WRITERS), member_of(WRITERS)
    approver = member_of(APPROVERS)
    writers_client = logged_in(writer)
    # The writer's draft goes through two saves (two revisions), then an approver publishes it.
    writers_client.post("/admin/articles/article/add/", form_data(category, title="Bản nháp đầu"))
    article = Article.objects.get()
    writers_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(category, title="Bản nháp hai", slug=article.slug, status="pending"),
    )
    logged_in(approver).post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(category, title="Bài đã đăng", slug=article.slug, status="published"),
    )
    theirs = Article.objects.create(
        title="Bản nháp của đồng nghiệp", category=category, summary="Sapo", created_by=colleague
    )
    return {
        "category": category,
        "writer": writers_client,
        "approver": logged_in(approver),
        "published": article,
        "theirs": theirs,
    }


def test_a_writer_cannot_restore_an_old_draft_over_their_published_article(desk):
    article = desk["published"]
    oldest = Version.objects.get_for_object(article).last()
    forged = desk["writer"].post(
        f"/admin/articles/article/{article.pk}/history/{oldest.pk}/",
        form_data(desk["category"], title="Viết lại bài đã đăng", slug=article.slug, status="pending"),
    )
    assert forged.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài đã đăng", Article.Status.PUBLISHED)
    assert desk["writer"].get(f"/admin/articles/article/{article.pk}/history/{oldest.pk}/").status_code == 403


def test_an_approver_still_restores_a_revision(desk):
    article = desk["published"]
    oldest = Version.objects.get_for_object(article).last()
    restored = desk["approver"].post(
        f"/admin/articles/article/{article.pk}/history/{oldest.pk}/",
        form_data(desk["category"], title="Bản nháp đầu", slug=article.slug, status="published"),
    )
    assert restored.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản nháp đầu" and article.status == Article.Status.PUBLISHED


def test_a_writer_neither_sees_nor_changes_a_colleagues_draft(desk):
    theirs, client = desk["theirs"], desk["writer"]
    listing = client.get("/admin/articles/article/").content.decode()
    assert "Bài đã đăng" in listing and "Bản nháp của đồng nghiệp" not in listing
    for path in ("change/", "history/"):
        response = client.get(f"/admin/articles/article/{theirs.pk}/{path}")
        assert response.status_code == 302 and "/admin/" in response["Location"]  # "does not exist"
    forged = client.post(
        f"/admin/articles/article/{theirs.pk}/change/",
        form_data(desk["category"], title="Sửa trộm", slug=theirs.slug),
    )
    assert forged.status_code == 302
    assert client.get(f"/xem-truoc/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Bản nháp của đồng nghiệp"
    assert desk["approver"].get(f"/xem-truoc/{theirs.pk}/").status_code == 200


def test_a_writer_cannot_recover_a_deleted_article(desk):
    article = desk["published"]
    desk["approver"].post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).first()
    assert desk["writer"].get("/admin/articles/article/recover/").status_code == 403
    assert desk["writer"].post(f"/admin/articles/article/recover/{deleted.pk}/", {}).status_code == 403
    assert not Article.objects.filter(pk=article.pk).exists()
    assert desk["approver"].get("/admin/articles/article/recover/").status_code == 200


def test_a_writer_cannot_publish_or_delete_through_the_list_actions(desk):
    article = desk["published"]
    client = desk["writer"]
    for action in ("unpublish", "delete_selected"):
        client.post(
            "/admin/articles/article/",
            {"action": action, "_selected_action": [article.pk, desk["theirs"].pk], "post": "yes"},
        )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert Article.objects.filter(pk=desk["theirs"].pk).exists()
