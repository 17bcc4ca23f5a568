"""The form keeps what the editor did (issue 16, point 4), in a real browser: a photo put into
CKEditor asks for its caption and its description at once, in words an editor understands;
the title is wide; the lead photo chosen before a form error is still there after it."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import give_role, make_category, make_user

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "Bien-tap-vien-2024!"
TITLE = "Hội nghị sơ kết công tác xây dựng Đảng và hệ thống chính trị sáu tháng đầu năm 2026"


def log_in(page, username):
    page.goto("/admin/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_an_inserted_photo_asks_for_its_caption_and_description(new_context, tmp_path, browser_errors):
    give_role(make_user(username="phongvien", password=PASSWORD, staff=True), "Phóng viên / Biên tập viên")
    make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    photo = tmp_path / "hoi-nghi.png"
    Image.new("RGB", (640, 400), (20, 110, 180)).save(photo)
    lead = tmp_path / "anh-dai-dien.jpg"
    Image.new("RGB", (900, 600), (180, 60, 20)).save(lead)

    editor = new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(editor, "phongvien")
    editor.goto("/admin/articles/article/add/")

    # Wide enough for a Vietnamese headline (Django's own input is about 270 px).
    assert editor.locator("#id_title").bounding_box()["width"] >= 600

    body = editor.locator(".ck-editor__editable")
    body.click()
    editor.keyboard.type("Hội nghị đánh giá kết quả sáu tháng đầu năm.")
    editor.keyboard.press("Enter")
    editor.locator(".ck-editor__top input[type=file]").set_input_files(photo)
    uploaded = body.locator("figure.image img")
    expect(uploaded).to_have_attribute("src", re.compile(r"^/media/uploads/"))

    # At once: a caption line with its placeholder, and the description box, cursor in it.
    caption = body.locator("figure.image figcaption")
    expect(caption).to_have_attribute("data-placeholder", "Nhập chú thích ảnh")
    description = editor.locator(".ck-balloon-panel_visible").get_by_label("Mô tả ảnh cho người khiếm thị")
    expect(description).to_be_focused()
    editor.keyboard.type("Đại biểu dự hội nghị")
    editor.keyboard.press("Enter")
    expect(uploaded).to_have_attribute("alt", "Đại biểu dự hội nghị")
    caption.click()
    editor.keyboard.type("Quang cảnh hội nghị")
    expect(caption).to_have_text("Quang cảnh hội nghị")

    # The image's own toolbar says the same words.
    uploaded.click()
    toolbar = editor.locator(".ck-balloon-panel_visible")
    expect(toolbar.get_by_role("button", name="Mô tả ảnh cho người khiếm thị")).to_be_visible()
    expect(toolbar.get_by_role("button", name="Bỏ chú thích ảnh")).to_be_visible()

    # A form error (no title) keeps the lead photo chosen; the next submit saves it.
    editor.locator("#id_category").select_option(label="Xây dựng Đảng")
    editor.locator("#id_summary").fill("Sáng nay, Huyện ủy tổ chức hội nghị sơ kết.")
    editor.locator("#id_lead_image").set_input_files(lead)
    editor.locator("#id_lead_image_alt").fill("Quang cảnh hội trường")
    editor.get_by_role("button", name="Lưu nháp").click()
    expect(editor.locator(".errorlist").first).to_contain_text("Trường này là bắt buộc.")
    kept = editor.locator(".pending-photo")
    expect(kept).to_contain_text("Ảnh đã chọn: anh-dai-dien.jpg (sẽ được lưu khi bài viết được lưu)")
    expect(kept.locator("img")).to_have_js_property("complete", True)
    assert kept.locator("img").evaluate("img => img.naturalWidth") == 480
    editor.locator("#id_title").fill(TITLE)
    editor.get_by_role("button", name="Lưu nháp").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("Đã lưu nháp")
    article = Article.objects.get()
    assert article.lead_image.name.startswith("articles/") and article.lead_image_width == 900
    assert 'alt="Đại biểu dự hội nghị"' in article.body and "Quang cảnh hội nghị</figcaption>" in article.body

    # The list shows the title on one or two lines, not one word per line.
    title_link = editor.locator("#result_list .field-title a", has_text=TITLE)
    assert title_link.evaluate("a => a.getClientRects().length") <= 2

    # A long lead edited: the revision says what changed, and compare wraps the text.
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    editor.locator("#id_summary").fill("Hội nghị đánh giá kết quả thực hiện nghị quyết " * 12)
    editor.get_by_role("button", name="Lưu lại").click()
    expect(editor.locator(".messagelist .success")).to_be_visible()
    editor.goto(f"/admin/articles/article/{article.pk}/history/")
    expect(editor.locator("#change-history")).to_contain_text("Đã sửa: Tóm tắt (sapo).")
    editor.locator("#change-history input[type=submit], #change-history button").first.click()
    diff = editor.locator("pre.highlight", has_text="thực hiện nghị quyết")
    expect(diff).to_be_visible()
    assert diff.evaluate("pre => pre.scrollWidth <= pre.clientWidth + 1")
    assert browser_errors.flush(editor) == []
