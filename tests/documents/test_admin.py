"""The newsroom's roles over documents: writers draft, approvers publish; files in the form."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.pdfs import make_pdf, make_scanned_pdf
from documents.models import Document, DocumentType, Issuer
from tests.documents.helpers import make_document
from tests.factories import give_role, make_user

pytestmark = pytest.mark.django_db
ADD = "/admin/documents/document/add/"


@pytest.fixture
def writer():
    user = make_user(staff=True, username="phongvien")
    give_role(user, "Phóng viên / Biên tập viên")
    return user


@pytest.fixture
def approver():
    user = make_user(staff=True, username="thuky")
    give_role(user, "Thư ký tòa soạn / Duyệt bài")
    return user


def form_data(status="pending", **overrides):
    data = {
        "number": "21-NQ/HU",
        "doc_type": DocumentType.objects.get(slug="nghi-quyet").pk,
        "issuer": Issuer.objects.get(slug="huyen-uy-go-cong-tay").pk,
        "summary": "Về phát triển kinh tế tập thể",
        "issued_on": "12/03/2025",
        "status": status,
        "published_at_0": "12/03/2025",
        "published_at_1": "08:00:00",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-name": "",
        "files-0-order": "0",
    }
    data.update(overrides)
    return data


def test_a_writer_adds_a_document_with_a_pdf_and_sends_it_for_review(client, writer):
    client.force_login(writer)
    pdf = SimpleUploadedFile("Nghị quyết 21.pdf", make_pdf(["Nghi quyet 21 ve kinh te tap the"]))
    response = client.post(ADD, {**form_data(), "files-0-file": pdf})
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get(number="21-NQ/HU")
    assert document.status == "pending" and document.created_by == writer
    stored = document.files.get()
    assert stored.name == "Nghị quyết 21.pdf" and stored.kind == "pdf" and stored.has_text
    assert " kinh te tap the " in document.search_text


def test_a_forged_publish_from_a_writer_is_refused(client, writer):
    client.force_login(writer)
    response = client.post(ADD, form_data(status="published"))
    assert response.status_code == 200  # the form again, with its error
    assert not Document.objects.exists()


def test_a_writer_cannot_change_a_published_document_nor_see_others_drafts(client, writer):
    published = make_document("01-NQ/HU", created_by=writer)
    someone_elses = make_document("02-NQ/HU", status="draft")
    client.force_login(writer)
    response = client.post(f"/admin/documents/document/{published.pk}/change/", form_data(summary="Sửa trộm"))
    assert response.status_code in (302, 403)
    published.refresh_from_db()
    assert published.summary != "Sửa trộm"
    assert client.get(f"/admin/documents/document/{someone_elses.pk}/change/").status_code == 302  # not found
    assert client.get(f"/xem-truoc/van-ban/{someone_elses.pk}/").status_code == 404


def test_an_approver_publishes_and_readers_see_it(client, approver):
    document = make_document("05-NQ/HU", status="pending")
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(approver)
    response = client.post(
        "/admin/documents/document/",
        {"action": "publish", "_selected_action": [document.pk]},
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200
    assert "05-NQ/HU" in client.get("/van-ban/").content.decode()


def test_a_renamed_script_is_refused_in_the_form_and_nothing_is_saved(client, approver):
    client.force_login(approver)
    script = SimpleUploadedFile("nghi-quyet.pdf", b"#!/bin/sh\necho pwned\n")
    response = client.post(ADD, {**form_data(), "files-0-file": script})
    assert response.status_code == 200
    assert "không theo tên" in response.content.decode()
    assert not Document.objects.exists()


def test_a_scanned_pdf_is_accepted_with_a_warning_that_search_cannot_read_it(client, approver):
    client.force_login(approver)
    scan = SimpleUploadedFile("ban-scan.pdf", make_scanned_pdf())
    response = client.post(ADD, {**form_data(), "files-0-file": scan}, follow=True)
    assert "không chứa chữ" in response.content.decode()
    assert Document.objects.get().files.get().has_text is False


def test_a_full_disk_saves_nothing_and_says_so(client, approver, monkeypatch):
    from django.core.files.storage import storages

    def disk_full(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(storages["default"]), "_save", disk_full)
    client.force_login(approver)
    pdf = SimpleUploadedFile("a.pdf", make_pdf(["x"]))
    response = client.post(ADD, {**form_data(), "files-0-file": pdf}, follow=True)
    assert response.status_code == 200
    assert "Không lưu được tệp" in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_clears_the_register_and_the_home_and_a_list_edit_the_register_alone(client):
    from articles.models import Article  # noqa: F401 - the home page needs the articles app's tables
    from tests.factories import make_article

    make_article(title="Tin đầu tiên")
    document = make_document("09-NQ/HU", issued_on=datetime.date(2025, 1, 1))
    client.get("/")
    client.get("/van-ban/")
    assert client.get("/van-ban/").headers.get("X-Page-Cache") == "hit"
    assert client.get("/").headers.get("X-Page-Cache") == "hit"
    document.summary = "Trích yếu đã sửa"
    document.save()
    page = client.get("/van-ban/")
    assert page.headers.get("X-Page-Cache") != "hit" and "Trích yếu đã sửa" in page.content.decode()
    home = client.get("/")  # its side column lists the newest documents ("Văn bản mới")
    assert home.headers.get("X-Page-Cache") != "hit" and "Trích yếu đã sửa" in home.content.decode()
    assert client.get("/").headers.get("X-Page-Cache") == "hit"
    issuer = document.issuer
    issuer.name = "Ban Thường vụ Huyện ủy Gò Công Tây"
    issuer.save()  # the home does not show issuers: it stays cached
    assert "Ban Thường vụ Huyện ủy Gò Công Tây" in client.get("/van-ban/").content.decode()
    assert client.get("/").headers.get("X-Page-Cache") == "hit"


def test_every_save_keeps_a_revision_and_a_writer_previews_a_draft(client, writer):
    from reversion.models import Version

    client.force_login(writer)
    client.post(ADD, {**form_data(status="draft")})
    document = Document.objects.get(number="21-NQ/HU")
    change = f"/admin/documents/document/{document.pk}/change/"
    client.post(change, {**form_data(status="draft", summary="Về phát triển kinh tế hợp tác xã")})
    versions = Version.objects.get_for_object(document)
    assert versions.count() == 2
    assert client.get(f"/admin/documents/document/{document.pk}/history/").status_code == 200

    preview = client.get(f"/xem-truoc/van-ban/{document.pk}/")
    page = preview.content.decode()
    assert preview.status_code == 200 and "Bản xem trước" in page and "hợp tác xã" in page
    assert 'name="robots" content="noindex, nofollow"' in page
    assert "no-cache" in preview["Cache-Control"] or "no-store" in preview["Cache-Control"]
