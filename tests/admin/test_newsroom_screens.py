"""What an editor sees on the newsroom's admin screens (issue 25, points 8 to 10): the lead
photo as a small picture, the status at the top of the form and one row of buttons, the
approver's dashboard pointing to the work, and a message that says what comes next."""

import re

import pytest
from django.test import Client

from articles.models import Article
from tests.documents.helpers import make_document
from tests.factories import give_role, image_upload, make_article, make_user
from tests.pages.helpers import make_page
from tests.people.helpers import make_person, make_term, make_unit

pytestmark = pytest.mark.django_db

WRITERS, APPROVERS = "Phóng viên / Biên tập viên", "Thư ký tòa soạn / Duyệt bài"


def logged_in(role: str, username: str) -> tuple[Client, object]:
    user = make_user(staff=True, username=username, first_name="Lan", last_name="Nguyễn Thị")
    give_role(user, role)
    client = Client()
    client.force_login(user)
    return client, user


def submit_row(html: str) -> str:
    rows = re.findall(r'<div class="submit-row[^"]*".*?</div>', html, re.S)
    assert len(rows) == 1, f"{len(rows)} rows of buttons"
    return rows[0]


def row_buttons(html: str) -> list[tuple[str, str]]:
    """(label, class) of each submit button of the form's row, in order."""
    found = []
    for tag, text in re.findall(r"(<(?:input|button)\b[^>]*>)([^<]*)", submit_row(html)):
        value = re.search(r'value="([^"]*)"', tag)
        label = value.group(1) if tag.startswith("<input") else text.strip()
        css = re.search(r'class="([^"]*)"', tag)
        found.append((label, css.group(1) if css else ""))
    return found


# --- point 8: the lead photo as a thumbnail, on the list and on the form ---


def test_the_article_list_shows_the_lead_photo_as_a_small_rendition_with_its_alt(settings):
    client, _ = logged_in(APPROVERS, "duyet")
    article = make_article(lead_image=image_upload(size=(800, 500)), lead_image_alt="Quang cảnh hội nghị")
    html = client.get("/admin/articles/article/").content.decode()
    img = re.search(r'<img class="admin-thumbnail"[^>]*>', html).group(0)
    assert 'alt="Quang cảnh hội nghị"' in img and 'width="48"' in img and 'height="30"' in img
    assert re.search(r'src="[^"]+-480w\.jpg"', img), img  # the narrowest rendition, not the original
    assert article.lead_image.name.rsplit("/", 1)[1] not in re.sub(r"<img[^>]*>", "", html)  # no file name


def test_the_article_list_has_the_columns_an_editor_needs():
    client, _ = logged_in(APPROVERS, "duyet")
    make_article()
    html = client.get("/admin/articles/article/").content.decode()
    headers = [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r'<th scope="col".*?</th>', html, re.S)]
    for expected in ("Ảnh", "Tiêu đề", "Chuyên mục", "Trạng thái", "Người tạo", "Xuất bản", "Cập nhật"):
        assert any(header.lower() == expected.lower() for header in headers), (expected, headers)


def test_the_article_form_shows_the_photo_in_use_above_the_file_input():
    client, _ = logged_in(APPROVERS, "duyet")
    article = make_article(lead_image=image_upload(size=(800, 500)), lead_image_alt="Quang cảnh hội nghị")
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    preview = re.search(r'<div class="form-row field-lead_image_preview">.*?</div>\s*</div>', html, re.S).group(0)
    assert "Ảnh đang dùng" in preview and 'alt="Quang cảnh hội nghị"' in preview and 'width="240"' in preview
    assert html.index("field-lead_image_preview") < html.index('name="lead_image"')
    empty = client.get("/admin/articles/article/add/").content.decode()
    assert "Chưa có ảnh đại diện." in empty


def test_a_leaders_form_shows_the_portrait_in_use():
    client = Client()
    client.force_login(make_user(superuser=True))
    person = make_person(term=make_term(current=True), unit=make_unit(), photo=image_upload(), photo_alt="Chân dung")
    html = client.get(f"/admin/people/person/{person.pk}/change/").content.decode()
    assert re.search(r'<img class="admin-thumbnail"[^>]*alt="Chân dung"', html)


# --- point 9: the status at the top, one row of buttons, the primary one styled as primary ---


def test_a_writers_form_says_the_status_and_has_one_row_with_send_for_review_primary():
    client, writer = logged_in(WRITERS, "phongvien")
    draft = make_article(status=Article.Status.DRAFT, created_by=writer)
    html = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    status = re.search(r'<p class="workflow-status">(.*?)</p>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", status).strip() == "Trạng thái: Bản nháp"
    assert html.index('class="workflow-status"') < html.index('name="title"')  # at the top
    buttons = row_buttons(html)
    assert [label for label, _ in buttons] == ["Lưu lại", "Lưu nháp", "Gửi duyệt", "Lưu và tiếp tục chỉnh sửa"]
    assert dict(buttons)["Gửi duyệt"] == "button default"  # the admin's primary button
    assert dict(buttons)["Lưu nháp"] == "button" and "default" not in dict(buttons)["Lưu lại"]


def test_an_approvers_form_of_a_pending_article_says_what_to_do_and_publishing_is_primary():
    client, _ = logged_in(APPROVERS, "duyet")
    pending = make_article(status=Article.Status.PENDING)
    html = client.get(f"/admin/articles/article/{pending.pk}/change/").content.decode()
    status = re.sub(r"<[^>]+>", "", re.search(r'<p class="workflow-status">(.*?)</p>', html, re.S).group(1))
    assert status.startswith("Trạng thái: Chờ duyệt") and "bấm “Xuất bản” để đăng" in status
    buttons = dict(row_buttons(html))
    assert buttons["Xuất bản"] == "button default" and buttons["Lưu nháp"] == "button"


def test_a_published_article_can_be_taken_down_from_the_same_row():
    client, _ = logged_in(APPROVERS, "duyet")
    live = make_article()
    buttons = dict(row_buttons(client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()))
    assert buttons["Lưu, giữ đã xuất bản"] == "button default" and buttons["Gỡ xuống"] == "button"


@pytest.mark.parametrize("kind", ["documents/document", "pages/page", "people/person"])
def test_documents_pages_and_leaders_have_the_same_status_line_and_row(kind):
    client, _ = logged_in(APPROVERS, "duyet")
    if kind == "people/person":  # the leaders are the site administrators' (core/roles.py)
        client.force_login(make_user(superuser=True))
    if kind == "documents/document":
        item = make_document(status="pending")
    elif kind == "pages/page":
        item = make_page("Giới thiệu chung", status="pending")
    else:
        item = make_person(term=make_term(current=True), unit=make_unit(), status="pending")
    html = client.get(f"/admin/{kind}/{item.pk}/change/").content.decode()
    assert "Trạng thái: <strong>Chờ duyệt</strong>" in html
    assert dict(row_buttons(html))["Xuất bản"] == "button default"


def test_the_add_form_says_the_item_is_new():
    client, _ = logged_in(WRITERS, "phongvien")
    html = client.get("/admin/articles/article/add/").content.decode()
    assert "Trạng thái: <strong>Mới, chưa lưu</strong>" in html
    assert [label for label, _ in row_buttons(html)][:3] == ["Lưu lại", "Lưu nháp", "Gửi duyệt"]


# --- point 10: the dashboard points to the work; the message says what is next ---


def test_an_approvers_dashboard_counts_what_waits_and_links_to_it():
    client, _ = logged_in(APPROVERS, "duyet")
    for _ in range(3):
        make_article(status=Article.Status.PENDING)
    make_article(status=Article.Status.DRAFT)
    make_document(status="pending")
    html = client.get("/admin/").content.decode()
    queue = re.search(r'<section class="review-queue.*?</section>', html, re.S).group(0)
    assert '<a href="/admin/articles/article/?tinh-trang=pending"><strong>3</strong> bài viết chờ duyệt</a>' in queue
    assert (
        '<a href="/admin/documents/document/?status__exact=pending"><strong>1</strong> văn bản chờ duyệt</a>' in queue
    )
    assert "Không có trang nào chờ duyệt" in queue
    listed = client.get("/admin/articles/article/?tinh-trang=pending").content.decode()
    assert listed.count('class="action-select"') == 3


def test_a_writers_dashboard_has_no_review_queue():
    client, writer = logged_in(WRITERS, "phongvien")
    make_article(status=Article.Status.PENDING, created_by=writer)
    assert "review-queue" not in client.get("/admin/").content.decode()


def test_an_approver_who_saves_a_pending_article_is_told_it_still_waits():
    client, _ = logged_in(APPROVERS, "duyet")
    pending = make_article(status=Article.Status.PENDING, title="Tin chờ duyệt")
    form = client.get(f"/admin/articles/article/{pending.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        {
            "category": pending.category_id,
            "published_at_0": "28/11/2026",
            "published_at_1": "08:00",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "_save": "Lưu lại",
        }
    )
    data = {name: value for name, value in data.items() if name not in ("lead_image", "status")}
    response = client.post(f"/admin/articles/article/{pending.pk}/change/", data, follow=True)
    html = response.content.decode()
    assert "Đã lưu “Tin chờ duyệt”; vẫn đang chờ duyệt, bạn đọc chưa xem được." in html, html[:3000]
    assert "Khi duyệt xong, bấm “Xuất bản” để đăng." in html
    pending.refresh_from_db()
    assert pending.status == Article.Status.PENDING
