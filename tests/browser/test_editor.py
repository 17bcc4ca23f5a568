"""The editor's path through the admin in a real browser: CKEditor 5, an image upload, publication."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import give_role, make_category, make_user

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "Bien-tap-vien-2024!"
TITLE = "Hội nghị sơ kết công tác xây dựng Đảng sáu tháng đầu năm"


def admin_errors(messages):
    # The admin's pages link no icon, so Chromium asks for /favicon.ico, which
    # the site does not serve: a 404 in the console that is not a CSP or script
    # problem. Drop this filter once the admin links static/img/favicon.svg.
    return [m for m in messages if not m.endswith("/favicon.ico]")]


def log_in(page, username):
    page.goto("/admin/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_writer_submits_an_approver_publishes_a_reader_sees(new_context, tmp_path, browser_errors):
    give_role(make_user(username="phongvien", password=PASSWORD, staff=True), "Phóng viên / Biên tập viên")
    give_role(make_user(username="thuky", password=PASSWORD, staff=True), "Thư ký tòa soạn / Duyệt bài")
    make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    make_category(name="Tin hoạt động", slug="tin-hoat-dong")
    photo = tmp_path / "hoi-nghi.png"
    Image.new("RGB", (320, 200), (20, 110, 180)).save(photo)

    editor = new_context().new_page()
    log_in(editor, "phongvien")

    editor.goto("/admin/articles/article/add/")
    editor.locator("#id_title").fill(TITLE)
    expect(editor.locator("#id_slug")).to_have_value("hoi-nghi-so-ket-cong-tac-xay-dung-dang-sau-thang-dau-nam")
    editor.locator("#id_category").select_option(label="Xây dựng Đảng")
    editor.locator("#id_summary").fill("Sáng nay, Huyện ủy tổ chức hội nghị sơ kết.")

    body = editor.locator(".ck-editor__editable")
    body.click()
    editor.keyboard.type("Hội nghị đánh giá ")
    editor.locator(".ck-editor__top").get_by_role("button", name="Đậm", exact=True).click()
    editor.keyboard.type("kết quả nổi bật")
    editor.locator(".ck-editor__top").get_by_role("button", name="Đậm", exact=True).click()
    editor.keyboard.type(" của sáu tháng đầu năm.")
    expect(body.locator("strong")).to_have_text("kết quả nổi bật")
    editor.keyboard.press("Enter")

    # The toolbar's image button opens this (hidden) file input.
    editor.locator(".ck-editor__top input[type=file]").set_input_files(photo)
    uploaded = body.locator("figure.image img")
    expect(uploaded).to_have_attribute("src", re.compile(r"^/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png)$"))
    src = uploaded.get_attribute("src")

    # The upload asks for the photo's description at once and gives it a caption line
    # (static/js/admin-editor-images.js; tests/browser/test_editor_images.py).
    editor.get_by_label("Mô tả ảnh cho người khiếm thị").fill("Đại biểu dự hội nghị")
    editor.keyboard.press("Enter")
    expect(uploaded).to_have_attribute("alt", "Đại biểu dự hội nghị")
    body.locator("figure.image figcaption").click()
    editor.keyboard.type("Quang cảnh hội nghị")
    expect(body.locator("figure.image figcaption")).to_have_text("Quang cảnh hội nghị")

    # A writer can only keep a draft or send it for review: two clear buttons, no status menu.
    expect(editor.locator(".workflow-actions button")).to_have_text(["Lưu nháp", "Gửi duyệt"])
    expect(editor.locator("#id_status")).to_have_count(0)
    editor.get_by_role("button", name="Gửi duyệt").click()
    expect(editor).to_have_url(re.compile(r"/admin/articles/article/$"))
    expect(editor.locator(".messagelist .success")).to_contain_text(f"Đã gửi “{TITLE}” để Thư ký tòa soạn duyệt.")
    assert browser_errors.flush(editor) == []  # CKEditor keeps to the admin's CSP
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    assert new_context().new_page().goto(article.get_absolute_url()).status == 404
    browser_errors.messages.clear()  # that 404 was expected

    # The approver finds it among the articles waiting for review and publishes it.
    approver = new_context().new_page()
    log_in(approver, "thuky")
    # Their edit form shows no empty error box (the editing lock's notice waits hidden).
    approver.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(approver.locator("#article_form")).to_be_visible()
    assert approver.locator(".errornote:visible").count() == 0
    approver.goto("/admin/articles/article/?tinh-trang=pending")
    row = approver.locator("#result_list tbody tr", has_text=TITLE)
    row.locator("input.action-select").check()
    approver.locator("select[name=action]").select_option(label="Xuất bản các bài viết đã chọn")
    approver.locator("button[name=index]").first.click()
    expect(approver.locator(".messagelist")).to_contain_text("Đã xuất bản 1 bài viết.")
    assert browser_errors.flush(approver) == []
    browser_errors.messages.clear()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    reader = new_context().new_page()
    response = reader.goto(article.get_absolute_url())
    assert response.ok
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.locator(".article-body strong")).to_have_text("kết quả nổi bật")
    image = reader.locator(".article-body figure.image img")
    expect(image).to_have_attribute("src", src)
    expect(image).to_have_attribute("alt", "Đại biểu dự hội nghị")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") == 320
    expect(reader.locator(".article-body figure.image figcaption")).to_have_text("Quang cảnh hội nghị")
    assert browser_errors.flush(reader) == []
