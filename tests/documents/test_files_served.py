"""A document's files reach readers under their Vietnamese names, and can do no harm."""

import datetime
import os
from urllib.parse import unquote

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from tests.documents.helpers import make_document, pdf_upload
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_pdf_opens_in_the_browser_viewer_and_downloads_under_its_vietnamese_name(client, settings):
    settings.SERVE_MEDIA = True
    document = make_document(files=[pdf_upload("Nghị quyết 15-NQ-HU về chuyển đổi số.pdf")])
    stored = document.files.get()
    url = stored.get_absolute_url()
    assert url.endswith(".pdf")

    viewed = client.get(url)
    assert viewed.status_code == 200
    assert viewed["Content-Type"] == "application/pdf"
    assert viewed["Content-Disposition"].startswith("inline; ")
    assert b"".join(viewed.streaming_content).startswith(b"%PDF-")

    downloaded = client.get(url, {"tai-ve": ""})
    disposition = downloaded["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="Nghi quyet 15-NQ-HU ve chuyen doi so.pdf"' in disposition  # for old browsers
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "Nghị quyết 15-NQ-HU về chuyển đổi số.pdf"


def test_files_carry_nosniff_and_a_sandbox_and_may_be_framed_by_the_site_only(client, settings):
    settings.SERVE_MEDIA = True
    document = make_document(files=[pdf_upload()])
    response = client.get(document.files.get().get_absolute_url())
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "frame-ancestors 'self'" in policy and "script-src" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_behind_nginx_the_app_checks_and_nginx_sends_the_bytes(client, settings):
    settings.SERVE_MEDIA = False
    document = make_document(files=[pdf_upload()])
    stored = document.files.get()
    response = client.get(stored.get_absolute_url())
    assert response["X-Accel-Redirect"] == f"/_tep/{stored.file.name}"
    assert response.content == b""


def test_an_unpublished_documents_file_is_not_served_to_readers_but_to_its_editors(client, settings):
    settings.SERVE_MEDIA = True
    document = make_document(status=Document.Status.PENDING, files=[pdf_upload()])
    url = document.files.get().get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(make_user(superuser=True))
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_files_get_random_names_and_leave_the_disk_with_their_document(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(files=[pdf_upload("Quyết định.pdf")])
    name = document.files.get().file.name
    assert name.startswith(f"documents/{datetime.date.today():%Y/%m}/") and name.endswith(".pdf")
    assert "quyet" not in name.lower()
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not default_storage.exists(name)
    assert not os.listdir(os.path.dirname(default_storage.path(name)))


def test_an_article_lists_its_attachments_and_readers_download_them(client, settings):
    from articles.models import Attachment
    from tests.documents.helpers import docx_bytes
    from tests.factories import make_article

    settings.SERVE_MEDIA = True
    article = make_article(title="Kế hoạch tổ chức Đại hội")
    Attachment.objects.create(article=article, file=pdf_upload("Kế hoạch số 120.pdf"))
    word = SimpleUploadedFile("Danh sách đại biểu.docx", docx_bytes())
    Attachment.objects.create(article=article, file=word, name="Danh sách đại biểu")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Tệp đính kèm" in page
    assert "Kế hoạch số 120.pdf" in page and "(PDF, " in page
    assert "Danh sách đại biểu.docx" in page and "(Word, " in page
    word_url = Attachment.objects.get(kind="docx").get_absolute_url()
    response = client.get(word_url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert unquote(response["Content-Disposition"].split("UTF-8''")[1]) == "Danh sách đại biểu.docx"


def test_a_drafts_attachment_is_not_served_to_readers(client, settings):
    from articles.models import Attachment
    from tests.factories import make_article

    settings.SERVE_MEDIA = True
    article = make_article(status="draft")
    stored = Attachment.objects.create(article=article, file=pdf_upload())
    assert client.get(stored.get_absolute_url()).status_code == 404


def test_a_deleted_attachment_leaves_the_disk_and_the_page(client, django_capture_on_commit_callbacks):
    from articles.models import Attachment
    from tests.factories import make_article

    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        stored = Attachment.objects.create(article=article, file=pdf_upload("Thông báo.pdf"))
    name = stored.file.name
    assert "Thông báo.pdf" in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        stored.delete()
    assert not default_storage.exists(name)
    assert "Thông báo.pdf" not in client.get(article.get_absolute_url()).content.decode()
