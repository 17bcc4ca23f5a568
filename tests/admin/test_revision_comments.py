"""Revisions say what changed (core/changes.py): the status spelled out, only the fields that changed."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.factories import give_role, make_category, make_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


def form_data(category, **overrides):
    data = {
        "title": "Tin thử lịch sử",
        "slug": "tin-thu-lich-su",
        "category": category.pk,
        "summary": "Sapo.",
        "body": "<p>Nội dung.</p>",
        "published_at_0": "28/11/2026",
        "published_at_1": "08:00",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


@pytest.fixture
def approver(client):
    user = make_user(staff=True, username="thuky")
    give_role(user, "Thư ký tòa soạn / Duyệt bài")
    client.force_login(user)
    return user


def comments(article) -> list[str]:
    return [v.revision.get_comment() for v in Version.objects.get_for_object(article).order_by("revision_id")]


def test_each_revision_names_what_changed_and_the_history_page_shows_it(client, approver):
    category = make_category()
    assert client.post(ADD_URL, form_data(category, status="draft")).status_code == 302
    article = Article.objects.get()
    change_url = f"/admin/articles/article/{article.pk}/change/"

    # Sent for review, the body resent by CKEditor in another shape but the same once cleaned.
    body_resent = '<p style="color:red">Nội dung.</p>'
    assert client.post(change_url, form_data(category, status="pending", body=body_resent)).status_code == 302
    # The title and the body edited, the status kept ("Lưu lại").
    edited = form_data(category, title="Tin thử lịch sử (sửa)", body="<p>Nội dung mới.</p>")
    assert client.post(change_url, edited).status_code == 302
    # Published.
    assert client.post(change_url, {**edited, "status": "published"}).status_code == 302
    # Saved again without a change.
    assert client.post(change_url, {**edited, "status": "published"}).status_code == 302

    assert comments(article)[1:] == [
        "Trạng thái: Bản nháp → Chờ duyệt.",
        "Đã sửa: Tiêu đề, Nội dung.",
        "Trạng thái: Chờ duyệt → Đã xuất bản.",
        "Lưu lại, không có thay đổi.",
    ]
    history = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Trạng thái: Bản nháp → Chờ duyệt." in history and "Đã sửa: Tiêu đề, Nội dung." in history
    assert "Đã thay đổi" not in history


def test_the_compare_page_wraps_long_text(client, approver):
    category = make_category()
    client.post(ADD_URL, form_data(category, status="draft", summary="Một câu rất dài " * 40))
    article = Article.objects.get()
    client.post(f"/admin/articles/article/{article.pk}/change/", form_data(category, summary="Câu khác " * 40))
    first, second = Version.objects.get_for_object(article).order_by("pk").values_list("pk", flat=True)
    html = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/", {"version_id1": first, "version_id2": second}
    ).content.decode()
    assert '<pre class="highlight">' in html
    assert "css/admin-portal.css" in html  # where pre.highlight gets white-space: pre-wrap
    assert "Đã sửa: Tóm tắt (sapo)." in html  # the comment of the newer revision
