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


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_on_a_phone_the_register_shows_its_list_first_and_filters_behind_one_control(new_context, register_lists):
    from tests.documents.helpers import make_document

    plan = vocabulary(DocumentType, "Kế hoạch")
    make_document("15-NQ/HU", summary="Về chuyển đổi số trong hệ thống chính trị")
    make_document("20-KH/HU", doc_type=plan, summary="Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng")
    page = new_context(**PHONE).new_page()
    page.goto("/van-ban/")

    # The list first: the filters are folded behind "Lọc", the first document on the first screen.
    expect(page.locator("#id_loai")).to_be_hidden()
    expect(page.locator(".register-item").first).to_be_in_viewport()
    # Every control at least 16 px (iOS zooms into smaller ones), the placeholder whole.
    sizes = page.evaluate(
        "[...document.querySelectorAll('main input:not([type=hidden]), main select, main button')]"
        ".map((el) => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert sizes and min(sizes) >= 16, sizes
    box = page.locator("#id_q")
    assert box.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the placeholder is cut off"

    # Keyboard: "Lọc" opens with Enter; choose a type; the button applies it (no script needed).
    page.locator(".register-more > summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_loai")).to_be_visible()
    page.locator("#id_loai").select_option(label="Kế hoạch")
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    expect(page).to_have_url(re.compile(r"loai=ke-hoach"))
    expect(page.locator(".register-item")).to_have_count(1)
    expect(page.locator(".register-item")).to_contain_text("20-KH/HU")
    # Filtered, the box comes back open and says so.
    expect(page.locator(".register-more > summary")).to_have_text("Lọc (đang lọc)")
    expect(page.locator("#id_loai")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def test_on_a_wide_screen_the_filters_are_always_shown(new_context, register_lists):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/van-ban/")
    expect(page.locator("#id_loai")).to_be_visible()
    expect(page.locator(".register-more > summary")).to_be_hidden()
