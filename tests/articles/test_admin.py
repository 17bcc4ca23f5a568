import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.factories import image_bytes, image_upload, make_article, make_category, make_user

UPLOAD_URL = "/quan-tri/tai-anh/"


@pytest.fixture
def editor(db):
    return make_user(
        staff=True,
        perms=[
            *("add_article", "change_article", "view_article", "view_category"),
            *("publish_article", "change_any_article"),
        ],
    )


def test_admin_is_in_vietnamese_with_search_filters_and_dates(client, editor):
    make_article(title="Hội nghị Ban Chấp hành")
    make_article(title="Tin khác", status=Article.Status.DRAFT)
    client.force_login(editor)
    html = client.get("/admin/articles/article/").content.decode()
    assert "Chọn bài viết để thay đổi" in html
    assert 'name="q"' in html  # search
    assert 'id="changelist-filter"' in html
    for text in ("Bởi trạng thái", "Bởi chuyên mục", "Bởi thời điểm xuất bản"):
        assert text in html
    assert 'class="toplinks"' in html  # the date hierarchy
    assert "Hội nghị Ban Chấp hành" in html
    assert "Đã xuất bản" in html and "Bản nháp" in html  # status labels
    found = client.get("/admin/articles/article/", {"q": "Hội nghị"}).content.decode()
    assert "Hội nghị Ban Chấp hành" in found and "Tin khác" not in found


def test_article_form_has_fieldsets_ckeditor_and_slug_from_title(client, editor):
    client.force_login(editor)
    html = client.get("/admin/articles/article/add/").content.decode()
    for legend in ("Nội dung", "Ảnh đại diện", "Xuất bản"):
        assert f">{legend}<" in html
    assert "django_ckeditor_5/dist/bundle.js" in html
    assert "js/admin-slug.js" in html  # the slug follows the title, the Vietnamese way
    # the safe toolbar: no source editing, no raw HTML embed
    assert '"insertImage"' in html and '"insertTable"' in html and '"blockQuote"' in html
    assert "sourceEditing" not in html and "htmlEmbed" not in html
    assert UPLOAD_URL in html


def test_editor_adds_and_publishes_an_article_through_the_admin(client, editor):
    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "Đảng bộ Gò Công Tây tổng kết năm",
            "slug": "",
            "category": category.pk,
            "summary": "Sapo của bài.",
            "body": '<p>Nội dung <strong>đậm</strong></p><script>alert(1)</script><figure class="image">'
            '<img src="/media/uploads/a.jpg" alt="Ảnh hội nghị"><figcaption>Hội nghị tổng kết</figcaption></figure>',
            "author": "Ban Tuyên giáo",
            "lead_image": image_upload(size=(320, 200)),
            "lead_image_alt": "Quang cảnh hội nghị",
            "lead_image_caption": "Quang cảnh hội nghị tổng kết",
            "status": "published",
            "published_at_0": "02/02/2022",
            "published_at_1": "06:32:00",
            "expires_at_0": "",
            "expires_at_1": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.slug == "dang-bo-go-cong-tay-tong-ket-nam"
    assert article.created_by == editor
    assert "<script>" not in article.body
    assert article.lead_image.name.startswith("articles/") and article.lead_image_width == 320
    public = client.get(article.get_absolute_url())
    client.logout()
    public = client.get(article.get_absolute_url())
    html = public.content.decode()
    assert public.status_code == 200
    assert "Thứ tư - 02/02/2022 06:32" in html
    assert "<strong>đậm</strong>" in html and "<figcaption>Hội nghị tổng kết</figcaption>" in html
    assert "<figcaption>Quang cảnh hội nghị tổng kết</figcaption>" in html


def test_banner_without_alt_text_is_refused_in_vietnamese(client, editor):
    category = make_category()
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "Bài có ảnh",
            "category": category.pk,
            "summary": "Sapo",
            "body": "<p>x</p>",
            "lead_image": image_upload(),
            "lead_image_alt": "",
            "status": "draft",
            "published_at_0": "02/02/2022",
            "published_at_1": "06:32:00",
        },
    )
    assert response.status_code == 200
    assert "Hãy nhập mô tả ảnh (alt) cho ảnh đại diện." in response.content.decode()
    assert not Article.objects.exists()


def test_non_image_banner_is_refused_and_nothing_is_saved(client, editor):
    category = make_category()
    client.force_login(editor)
    fake = SimpleUploadedFile("anh.jpg", b"<?php echo 'not an image'; ?>", content_type="image/jpeg")
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "Bài có ảnh giả",
            "category": category.pk,
            "summary": "Sapo",
            "lead_image": fake,
            "lead_image_alt": "ảnh",
            "status": "draft",
            "published_at_0": "02/02/2022",
            "published_at_1": "06:32:00",
        },
    )
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "ảnh" in response.content.decode().lower()


def test_admin_actions_publish_and_unpublish_with_history(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    client.post("/admin/articles/article/", {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert LogEntry.objects.filter(object_id=str(article.pk), user=editor).count() == 2


def test_rating_totals_are_not_in_the_form_and_survive_a_save(client, editor):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(rating_sum=57, rating_count=13)
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'name="rating_sum"' not in html and 'name="rating_count"' not in html
    assert "Tổng số điểm: 57 - Số phiếu: 13 - Điểm trung bình: 4,4/5" in html
    article.refresh_from_db()
    article.title = "Tiêu đề mới"
    article.save()
    article.refresh_from_db()
    assert (article.rating_sum, article.rating_count) == (57, 13)


def test_anonymous_and_non_staff_cannot_reach_the_admin(client, db):
    assert client.get("/admin/articles/article/").status_code == 302
    client.force_login(make_user())
    assert client.get("/admin/articles/article/").status_code == 302


@pytest.mark.django_db
def test_ensure_admin_creates_one_account_once_and_says_how_to_log_in():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "Tên đăng nhập: admin" in out.getvalue() and "/admin/" in out.getvalue()
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert "Đã có tài khoản quản trị" in again.getvalue()


# --- the editor's image upload (CKEditor 5) ---------------------------------


def upload(client, data: bytes, name="anh.jpg"):
    return client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, data)})


def test_upload_stores_a_reencoded_exif_free_upright_image_under_a_dated_random_name(client, editor, settings):
    client.force_login(editor)
    photo = Image.new("RGB", (300, 200), (10, 120, 200))
    exif = photo.getexif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x010F] = "Máy ảnh"  # maker
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    response = upload(client, out.getvalue(), name="ảnh hội nghị.jpg")
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/uploads/") and url.endswith(".jpg")
    assert "hoi-nghi" not in url and "ảnh" not in url  # random name
    path = settings.MEDIA_ROOT / url.removeprefix("/media/")
    stored = Image.open(path)
    assert stored.size == (200, 300)  # turned upright
    assert not stored.getexif()  # EXIF (and any GPS) gone


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not an image", "không phải là ảnh hợp lệ"),
        (b"GIF89a" + b"\x00" * 20, "không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "không được hỗ trợ"),
    ],
    ids=["pdf", "broken-gif", "bmp"],
)
def test_upload_refuses_non_images_with_a_clear_message(client, editor, settings, data, message):
    client.force_login(editor)
    response = upload(client, data)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


def test_upload_refuses_oversized_files(client, editor, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    client.force_login(editor)
    response = upload(client, image_bytes(size=(400, 400), quality=100))
    assert response.status_code == 400
    assert "Ảnh quá lớn" in response.json()["error"]["message"]


def test_upload_refuses_too_many_pixels(client, editor, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100 * 100
    client.force_login(editor)
    response = upload(client, image_bytes("PNG", size=(200, 200)))
    assert response.status_code == 400
    assert "vượt quá giới hạn" in response.json()["error"]["message"]


def test_upload_is_for_staff_only(client, db):
    data = image_bytes()
    assert upload(client, data).status_code == 302  # to the admin login
    client.force_login(make_user())
    assert upload(client, data).status_code == 302
    client.force_login(make_user(staff=True))  # staff without article permissions
    assert upload(client, data).status_code == 403
    assert client.get(UPLOAD_URL).status_code in (302, 405)
    assert reverse("articles:editor_image_upload") == UPLOAD_URL
