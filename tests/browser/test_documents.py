"""The register's path in a real browser: a writer files a document with its PDF, an approver
publishes it, a reader finds it without diacritics and downloads it under its Vietnamese name."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from demo.pdfs import make_pdf
from documents.models import DocumentType, Issuer
from tests.browser.test_editor import PASSWORD, log_in
from tests.documents.helpers import vocabulary
from tests.factories import give_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.live, pytest.mark.django_db(transaction=True)]

FILE_NAME = "Nghị quyết 15-NQ-HU về chuyển đổi số.pdf"


@pytest.fixture
def register_lists(db):
    # A transactional test may have flushed the lists the migration made.
    vocabulary(DocumentType, "Nghị quyết")
    vocabulary(Issuer, "Huyện ủy Gò Công Tây")


def test_a_document_goes_from_the_writer_to_a_reader(new_context, tmp_path, settings, register_lists):
    settings.SERVE_MEDIA = True  # no nginx in front of the live server: the app sends the file itself
    give_role(make_user(username="phongvien", password=PASSWORD, staff=True), "Phóng viên / Biên tập viên")
    give_role(make_user(username="thuky", password=PASSWORD, staff=True), "Thư ký tòa soạn / Duyệt bài")
    pdf = tmp_path / FILE_NAME
    pdf.write_bytes(make_pdf(["Nghi quyet so 15-NQ/HU", "ve chuyen doi so trong he thong chinh tri"]))

    writer = new_context().new_page()
    log_in(writer, "phongvien")
    writer.goto("/admin/documents/document/add/")
    writer.locator("#id_number").fill("15-NQ/HU")
    writer.locator("#id_doc_type").select_option(label="Nghị quyết")
    writer.locator("#id_issuer").select_option(label="Huyện ủy Gò Công Tây")
    writer.locator("#id_summary").fill("Về chuyển đổi số trong hệ thống chính trị huyện Gò Công Tây")
    writer.locator("#id_issued_on").fill("12/03/2025")
    writer.locator("#id_files-0-file").set_input_files(str(pdf))
    writer.get_by_role("button", name="Gửi duyệt").click()
    expect(writer.locator(".messagelist")).to_contain_text("để Thư ký tòa soạn duyệt")

    approver = new_context().new_page()
    log_in(approver, "thuky")
    approver.goto("/admin/documents/document/")
    approver.locator("tr", has_text="15-NQ/HU").locator("input.action-select").check()
    approver.locator("select[name=action]").select_option(label="Xuất bản các văn bản đã chọn")
    approver.locator("button[name=index]").first.click()
    expect(approver.locator(".messagelist")).to_contain_text("Đã xuất bản 1 văn bản.")

    reader = new_context(accept_downloads=True).new_page()
    reader.goto("/")
    reader.goto("/tim-kiem/?q=nghi+quyet+15")
    result = reader.get_by_role("link", name="Nghị quyết số 15-NQ/HU")
    expect(result).to_be_visible()
    result.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Nghị quyết số 15-NQ/HU")
    reader.get_by_text("Xem văn bản ngay trên trang").click()  # the PDF viewer opens on request
    expect(reader.locator("iframe")).to_have_attribute("title", re.compile("Nội dung"))
    with reader.expect_download() as download_info:
        reader.get_by_role("link", name=re.compile("^Tải về")).first.click()
    download = download_info.value
    assert download.suggested_filename == FILE_NAME
    saved = Path(tmp_path / "tai-ve.pdf")
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
