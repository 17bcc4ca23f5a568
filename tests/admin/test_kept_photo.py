"""The lead photo an editor chose survives a form sent back for another field (images/pending.py)."""

import os
import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article
from images import pending
from tests.factories import image_upload, make_category, make_user

ADD_URL = "/admin/articles/article/add/"
TOKEN = re.compile(r'<input type="hidden" name="lead_image-da-chon" value="([^"]+)">')


@pytest.fixture
def editor(db):
    return make_user(staff=True, perms=["add_article", "change_article", "view_article", "view_category"])


@pytest.fixture
def category(db):
    return make_category(name="Xây dựng Đảng", slug="xay-dung-dang")


def article_post(category, **overrides):
    data = {
        "title": "Hội nghị sơ kết sáu tháng",
        "slug": "",
        "category": category.pk,
        "summary": "Sapo của bài.",
        "body": "<p>Nội dung</p>",
        "author": "",
        "lead_image_alt": "Quang cảnh hội nghị",
        "lead_image_caption": "",
        "status": "draft",
        "published_at_0": "02/02/2022",
        "published_at_1": "06:32",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def media_files(settings, folder: str) -> list[str]:
    root = settings.MEDIA_ROOT / folder
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def send_without_title(client, category):
    upload = image_upload(name="hoi-nghi-so-ket.jpg", size=(900, 600))
    response = client.post(ADD_URL, article_post(category, title="", lead_image=upload))
    assert response.status_code == 200
    return response.content.decode()


def test_photo_chosen_before_a_form_error_is_shown_and_saved_with_the_article(client, editor, category, settings):
    client.force_login(editor)
    html = send_without_title(client, category)

    assert '<ul class="errorlist" id="id_title_error"><li>Trường này là bắt buộc.</li></ul>' in html
    assert "Ảnh đã chọn:" in html and "<strong>hoi-nghi-so-ket.jpg</strong>" in html
    assert "(sẽ được lưu khi bài viết được lưu)" in html
    thumbnail = re.search(r'<img src="(/media/pending/[^"]+)" alt="" width="120">', html)
    assert thumbnail and thumbnail.group(1).endswith("-480w.jpg")
    assert (settings.MEDIA_ROOT / thumbnail.group(1).removeprefix("/media/")).is_file()
    assert not Article.objects.exists()
    assert media_files(settings, "pending")  # checked and kept, not yet the article's

    token = TOKEN.search(html).group(1)
    response = client.post(ADD_URL, article_post(category, **{"lead_image-da-chon": token}))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.lead_image.name.startswith("articles/")
    assert (article.lead_image_width, article.lead_image_height) == (900, 600)
    stored = settings.MEDIA_ROOT / article.lead_image.name
    assert stored.is_file()
    assert (stored.parent / (stored.stem + "-480w.webp")).is_file()  # its renditions came along
    assert media_files(settings, "pending") == []  # the kept copy is gone


def test_a_forged_token_is_refused_in_vietnamese_and_nothing_is_saved(client, editor, category, settings):
    client.force_login(editor)
    forged = signing.TimestampSigner(salt="something-else").sign_object({"n": "pending/x.jpg", "f": "x.jpg", "w": 9})
    response = client.post(ADD_URL, article_post(category, **{"lead_image-da-chon": forged}))
    assert response.status_code == 200
    assert "Ảnh đã chọn lần trước không còn dùng được" in response.content.decode()
    assert not Article.objects.exists()


def test_an_expired_token_is_refused_and_old_kept_photos_are_removed(client, editor, category, settings):
    client.force_login(editor)
    with time_machine.travel(timezone.now() - timedelta(days=2), tick=False):
        html = send_without_title(client, category)
    token = TOKEN.search(html).group(1)
    old_files = media_files(settings, "pending")
    two_days_ago = time.time() - 2 * 86400  # the files' own age, as the disk tells it
    for path in (settings.MEDIA_ROOT / "pending").rglob("*"):
        os.utime(path, (two_days_ago, two_days_ago))

    response = client.post(ADD_URL, article_post(category, **{"lead_image-da-chon": token}))
    assert response.status_code == 200
    assert "Ảnh đã chọn lần trước không còn dùng được" in response.content.decode()
    assert not Article.objects.exists()

    # Keeping another photo removes those nobody came back for within a day.
    send_without_title(client, category)
    left = media_files(settings, "pending")
    assert left and not set(old_files) & set(left)


def test_a_new_photo_replaces_the_kept_one(client, editor, category):
    client.force_login(editor)
    token = TOKEN.search(send_without_title(client, category)).group(1)
    newer = image_upload(name="moi.jpg", size=(300, 200))
    response = client.post(ADD_URL, article_post(category, lead_image=newer, **{"lead_image-da-chon": token}))
    assert response.status_code == 302
    assert Article.objects.get().lead_image_width == 300


def test_a_token_does_not_fill_another_models_photo(db):
    kept = pending.Pending("pending/2026/11/a.jpg", "a.jpg", 900, "")
    token = signing.TimestampSigner(salt="images.pending:people.Person.photo").sign_object(
        {"n": kept.name, "f": kept.filename, "w": kept.width}
    )
    with pytest.raises(pending.PendingGone):
        pending.read(token, "articles.Article.lead_image")
    assert pending.read(token, "people.Person.photo").name == kept.name


def test_a_photo_is_kept_when_only_an_attachment_was_refused(client, category, settings):
    perms = ["add_article", "change_article", "view_article", "view_category", "add_attachment", "view_attachment"]
    client.force_login(make_user(staff=True, perms=perms))
    bad_attachment = SimpleUploadedFile("chuong-trinh.exe", b"MZ\x90\x00 not a document", content_type="text/plain")
    data = article_post(category, lead_image=image_upload(name="le-ky-niem.jpg", size=(900, 600)))
    data.update({"attachments-TOTAL_FORMS": "1", "attachments-0-file": bad_attachment, "attachments-0-name": "CT"})
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ảnh đã chọn:" in html and "<strong>le-ky-niem.jpg</strong>" in html
    assert not Article.objects.exists()
    assert media_files(settings, "articles") == []  # moved under pending/, not left behind

    token = TOKEN.search(html).group(1)
    assert client.post(ADD_URL, article_post(category, **{"lead_image-da-chon": token})).status_code == 302
    assert Article.objects.get().lead_image_width == 900
    assert media_files(settings, "pending") == []
