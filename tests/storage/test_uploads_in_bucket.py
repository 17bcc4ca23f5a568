"""With STORAGE_URL=s3://..., every upload goes to the bucket and pages link to it; nothing
is written to or read back from MEDIA_ROOT (huyenuy/storage_url.py, images/s3.py)."""

import re
from urllib.error import HTTPError
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from tests.documents.helpers import docx_bytes, make_document, pdf_upload
from tests.factories import image_bytes, image_upload, make_article, make_user
from tests.storage.conftest import fetch, files_under

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/quan-tri/tai-anh/"


@pytest.fixture(autouse=True)
def _own_job_slots(settings, tmp_path):
    settings.IMAGE_JOB_LOCK_DIR = tmp_path / "locks"


@pytest.fixture
def editor():
    return make_user(staff=True, perms=["add_article", "change_article", "view_article"])


def test_an_editors_photo_and_its_renditions_go_to_the_bucket_and_nothing_to_the_disk(client, bucket, editor, settings):
    client.force_login(editor)
    photo = SimpleUploadedFile("ảnh hội nghị.jpg", image_bytes(size=(1000, 600)))
    response = client.post(UPLOAD_URL, {"upload": photo})
    assert response.status_code == 200, response.content
    url = response.json()["url"]
    assert url.startswith(f"{bucket.endpoint}/{bucket.name}/uploads/")
    name = url.removeprefix(settings.MEDIA_URL)
    base = name.removesuffix(".jpg")
    renditions = {f"{base}-{width}w.{ext}" for width in (480, 800) for ext in ("jpg", "webp")}
    assert bucket.objects() == {name, f"{base}.webp", *renditions}
    assert files_under(settings.MEDIA_ROOT) == []

    status, headers, body = fetch(url)  # as a reader's browser: no keys
    assert status == 200 and body == bucket.get(name) and body.startswith(b"\xff\xd8")
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert fetch(f"{settings.MEDIA_URL}{base}-480w.webp")[1]["Content-Type"] == "image/webp"


def test_a_bad_photo_is_refused_and_nothing_reaches_the_bucket(client, bucket, editor):
    client.force_login(editor)
    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("anh.jpg", b"<?php echo 1; ?>")})
    assert response.status_code == 400
    assert "không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    assert bucket.objects() == set()


def test_the_article_page_links_its_photos_to_the_storage(client, bucket, editor, settings):
    client.force_login(editor)
    body_url = client.post(UPLOAD_URL, {"upload": image_upload(size=(1000, 600))}).json()["url"]
    client.logout()
    article = make_article(
        lead_image=image_upload(size=(1400, 800)),
        lead_image_alt="Quang cảnh hội nghị",
        body=f'<p>Hội nghị.</p><p><img src="{body_url}" alt="Đại biểu"></p>',
    )
    assert article.lead_image.name.startswith("articles/") and article.lead_image.name in bucket.objects()
    page = client.get(article.get_absolute_url()).content.decode()

    lead = re.search(r'<picture><source type="image/webp" srcset="([^"]+)".*?<img src="([^"]+)"', page, re.S)
    assert lead, page
    webp = [candidate.split()[0] for candidate in lead.group(1).split(", ")]
    assert lead.group(2) == settings.MEDIA_URL + article.lead_image.name
    assert all(url.startswith(settings.MEDIA_URL) for url in webp) and len(webp) == 4
    assert all(fetch(url)[0] == 200 for url in [*webp, lead.group(2)])
    # The body photo got its size and narrower copies when the article was saved, read from the bucket.
    body_img = re.search(r'<img src="' + re.escape(body_url) + r'"[^>]*>', page).group(0)
    assert 'width="1000" height="600"' in body_img
    assert f"{body_url.removesuffix('.jpg')}-480w.jpg 480w" in body_img
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_documents_file_is_a_short_lived_signed_link_under_its_vietnamese_name(client, bucket):
    document = make_document(files=[pdf_upload("Nghị quyết 15-NQ-HU về chuyển đổi số.pdf")])
    stored = document.files.get()
    assert stored.has_text  # the PDF's words were read from the upload itself
    assert stored.file.name in bucket.objects()

    response = client.get(stored.get_absolute_url(), {"tai-ve": ""})
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    assert link.startswith(f"{bucket.endpoint}/{bucket.name}/{stored.file.name}?") and "Signature=" in link
    status, headers, body = fetch(link)
    assert status == 200 and body.startswith(b"%PDF-") and headers["Content-Type"] == "application/pdf"
    disposition = headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == "Nghị quyết 15-NQ-HU về chuyển đổi số.pdf"
    assert "inline; " in fetch(client.get(stored.get_absolute_url())["Location"])[1]["Content-Disposition"]

    # The file itself is not public: only the app's signed links open it.
    with pytest.raises(HTTPError) as refused:
        fetch(f"{bucket.endpoint}/{bucket.name}/{stored.file.name}")
    assert refused.value.code == 403


def test_a_drafts_file_is_refused_to_readers_and_signed_for_its_editor(client, bucket):
    document = make_document(status=Document.Status.PENDING, files=[pdf_upload()])
    url = document.files.get().get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(make_user(superuser=True))
    response = client.get(url)
    assert response.status_code == 302
    assert fetch(response["Location"])[1]["Cache-Control"] == "private, no-store"


def test_an_articles_attachment_downloads_from_the_bucket_and_leaves_it_with_the_row(
    client, bucket, django_capture_on_commit_callbacks
):
    from articles.models import Attachment

    article = make_article(title="Kế hoạch tổ chức Đại hội")
    word = SimpleUploadedFile("Danh sách đại biểu.docx", docx_bytes())
    attachment = Attachment.objects.create(article=article, file=word, name="Danh sách đại biểu")
    response = client.get(attachment.get_absolute_url())
    _, headers, body = fetch(response["Location"])
    assert body == bucket.get(attachment.file.name) and body.startswith(b"PK")
    assert headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert unquote(headers["Content-Disposition"].split("UTF-8''")[1]) == "Danh sách đại biểu.docx"

    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert attachment.file.name not in bucket.objects()
