"""The newsroom's roles over pages, revisions and the preview."""

import pytest
import reversion
from reversion.models import Version

from core import roles as ROLES
from pages.models import Page
from tests.factories import image_upload
from tests.pages.helpers import make_page, role_user

pytestmark = pytest.mark.django_db
ADD = "/admin/pages/page/add/"


@pytest.fixture
def writer():
    return role_user(ROLES.WRITERS, "phongvien")


@pytest.fixture
def approver():
    return role_user(ROLES.APPROVERS, "thuky")


@pytest.fixture
def root():
    return make_page("Giới thiệu")


def form_data(parent, status="pending", **overrides):
    data = {
        "title": "Lịch sử Đảng bộ huyện",
        "slug": "",
        "language": "vi",
        "parent": parent.pk,
        "translation_of": "",
        "summary": "Những chặng đường.",
        "body": "<p>Nội dung <strong>lịch sử</strong>.</p>",
        "photo_alt": "",
        "photo_caption": "",
        "order": "1",
        "show_in_menu": "on",
        "status": status,
        "published_at_0": "12/03/2025",
        "published_at_1": "08:00:00",
        "legacy_alias": "",
    }
    data.update(overrides)
    return data


def test_a_writer_adds_a_page_and_sends_it_for_review(client, writer, root):
    client.force_login(writer)
    response = client.post(ADD, form_data(root))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(slug="lich-su-dang-bo-huyen")
    assert page.status == "pending" and page.created_by == writer
    assert page.get_absolute_url() == "/gioi-thieu/lich-su-dang-bo-huyen/"
    assert client.get(page.get_absolute_url()).status_code == 404  # not yet published


def test_a_forged_publish_from_a_writer_is_refused(client, writer, root):
    client.force_login(writer)
    response = client.post(ADD, form_data(root, status="published"))
    assert response.status_code == 200  # the form again, with its error
    assert not Page.objects.exclude(pk=root.pk).exists()


def test_a_writer_sees_only_their_own_pages_and_cannot_change_a_published_one(client, writer, root):
    own_published = make_page("Của tôi", parent=root, created_by=writer)
    someone_elses = make_page("Của người khác", parent=root, status="draft")
    client.force_login(writer)
    listing = client.get("/admin/pages/page/").content.decode()
    assert "Của tôi" in listing and "Của người khác" not in listing
    client.post(f"/admin/pages/page/{own_published.pk}/change/", form_data(root, title="Sửa trộm"))
    own_published.refresh_from_db()
    assert own_published.title == "Của tôi"
    assert client.get(f"/admin/pages/page/{someone_elses.pk}/change/").status_code == 302  # not found
    assert client.get(f"/xem-truoc/trang/{someone_elses.pk}/").status_code == 404


def test_an_approver_publishes_and_readers_see_it(client, approver, root):
    page = make_page("Chức năng, nhiệm vụ", parent=root, status="pending")
    client.force_login(approver)
    response = client.post("/admin/pages/page/", {"action": "publish", "_selected_action": [page.pk]})
    assert response.status_code == 302
    client.logout()
    assert client.get(page.get_absolute_url()).status_code == 200


def test_a_loop_in_the_form_is_a_vietnamese_error_and_nothing_changes(client, approver, root):
    child = make_page("Lịch sử", parent=root)
    client.force_login(approver)
    response = client.post(
        f"/admin/pages/page/{root.pk}/change/", form_data(child, title="Giới thiệu", status="published")
    )
    assert response.status_code == 200
    assert "Không thể chọn chính trang này hoặc một trang con của nó làm trang cha." in response.content.decode()
    root.refresh_from_db()
    assert root.parent_id is None and root.path == ""


def test_a_reserved_address_in_the_form_is_refused(client, approver, root):
    client.force_login(approver)
    response = client.post(ADD, form_data(root, title="Lãnh đạo", status="published"))
    assert response.status_code == 200
    assert "Đường dẫn “lanh-dao” đã dành cho trang “Lãnh đạo”" in response.content.decode()
    assert not Page.objects.filter(slug="lanh-dao").exists()


def test_a_photo_needs_its_alt_text_and_is_shown_with_it(client, approver, root):
    client.force_login(approver)
    response = client.post(ADD, {**form_data(root, status="published"), "photo": image_upload()})
    assert response.status_code == 200 and "Hãy nhập mô tả ảnh (alt) cho ảnh." in response.content.decode()
    assert not Page.objects.filter(slug="lich-su-dang-bo-huyen").exists()
    data = form_data(root, status="published", photo_alt="Trụ sở Huyện ủy")
    response = client.post(ADD, {**data, "photo": image_upload(size=(1000, 600))})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="lich-su-dang-bo-huyen")
    client.logout()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<picture>" in html and 'alt="Trụ sở Huyện ủy"' in html


def test_every_save_keeps_a_revision_that_can_be_compared(client, approver, root):
    client.force_login(approver)
    client.post(ADD, form_data(root, status="published"))
    page = Page.objects.get(slug="lich-su-dang-bo-huyen")
    client.post(f"/admin/pages/page/{page.pk}/change/", form_data(root, status="published", summary="Đã sửa tóm tắt."))
    versions = Version.objects.get_for_object(page)
    assert versions.count() == 2
    history = client.get(f"/admin/pages/page/{page.pk}/history/")
    assert history.status_code == 200
    old = versions.last()
    assert client.get(f"/admin/pages/page/{page.pk}/history/{old.pk}/").status_code == 200
    assert reversion.is_registered(Page)


def test_a_writer_previews_a_draft_never_cached_nor_indexed(client, writer, root):
    draft = make_page("Bản nháp", parent=root, status="draft", created_by=writer)
    assert client.get(f"/xem-truoc/trang/{draft.pk}/").status_code == 302  # to the login
    client.force_login(writer)
    response = client.get(f"/xem-truoc/trang/{draft.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Bản xem trước" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<link rel="canonical"' not in html
