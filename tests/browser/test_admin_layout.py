"""The newsroom's screens as an editor sees them on a 1280 px desktop (issue 25, points 8, 9
and 11): the article list fits the screen, the form's actions are one row with the primary
button styled as the admin's primary, and CKEditor's badge says no English."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import give_role, image_upload, make_article, make_category, make_user

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "Thu-ky-toa-soan-2024!"
LONG_TITLE = "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ mười lăm sơ kết công tác xây dựng Đảng sáu tháng đầu năm"
DESKTOP = {"width": 1280, "height": 800}


def approver_page(new_context):
    give_role(make_user(username="thuky", password=PASSWORD, staff=True), "Thư ký tòa soạn / Duyệt bài")
    page = new_context(viewport=DESKTOP).new_page()
    page.goto("/admin/")
    page.get_by_label("Tên đăng nhập").fill("thuky")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def test_the_article_list_fits_1280_px_with_thumbnails(new_context):
    defence = make_category(name="Quốc phòng - An ninh", slug="quoc-phong-an-ninh")  # the demo's longest
    for n in range(3):
        make_article(
            category=defence,
            title=f"{LONG_TITLE} ({n})",
            lead_image=image_upload(size=(800, 500)),
            lead_image_alt="Quang cảnh hội nghị",
            status=Article.Status.PENDING,
        )
    page = approver_page(new_context)
    page.goto("/admin/articles/article/")
    thumbnails = page.locator("#result_list img.admin-thumbnail")
    expect(thumbnails).to_have_count(3)
    expect(thumbnails.first).to_have_attribute("alt", "Quang cảnh hội nghị")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    table = page.locator("#result_list").bounding_box()
    assert table["x"] + table["width"] <= DESKTOP["width"], table
    column = page.locator("#changelist").bounding_box()  # within its own column, not over the margin
    assert table["x"] + table["width"] <= column["x"] + column["width"] + 1, (table, column)
    thumbnail = thumbnails.first.bounding_box()
    assert thumbnail["width"] <= 48 and thumbnail["height"] <= 48, thumbnail
    # A title wraps on a few lines, not one word a line.
    title = page.locator("#result_list td.field-title, #result_list th.field-title").first.bounding_box()
    assert title["width"] >= 200, title


def test_the_form_has_one_row_of_actions_with_the_primary_styled_as_primary(new_context):
    article = make_article(title=LONG_TITLE, status=Article.Status.PENDING)
    page = approver_page(new_context)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".workflow-status")).to_contain_text("Trạng thái: Chờ duyệt")
    row = page.locator(".submit-row")
    expect(row).to_have_count(1)
    controls = row.locator("input[type=submit], button")
    tops = {round(box["y"]) for box in (controls.nth(i).bounding_box() for i in range(controls.count()))}
    assert len(tops) == 1, f"the buttons are on {len(tops)} lines"
    publish = row.get_by_role("button", name="Xuất bản")
    style = publish.evaluate(
        "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.paddingLeft, s.borderTopStyle,"
        " getComputedStyle(document.documentElement).getPropertyValue('--default-button-bg').trim()] }"
    )
    background, padding, border, primary = style
    assert padding == "15px" and border == "none", style  # the admin's button, not the native grey one
    probe = page.evaluate(
        "c => { const d = document.createElement('div'); d.style.color = c; document.body.append(d);"
        " const v = getComputedStyle(d).color; d.remove(); return v }",
        primary,
    )
    assert background == probe, style
    secondary = row.get_by_role("button", name="Lưu nháp").evaluate("b => getComputedStyle(b).backgroundColor")
    assert secondary != background


def test_the_editors_badge_says_no_english(new_context):
    page = approver_page(new_context)
    page.goto("/admin/articles/article/add/")
    page.locator(".ck-editor__editable").click()
    badge = page.locator(".ck-powered-by")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("Trình soạn thảo")
    assert "powered" not in badge.inner_text().lower()
