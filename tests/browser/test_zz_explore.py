import io
import pytest
from PIL import Image
from tests.factories import make_user, make_category

def test_x(page, live_server, browser_errors, tmp_path):
    make_user(username="bientap", password="Mat-khau-bien-tap-2024", superuser=True)
    make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    page.goto("/admin/")
    page.locator("#id_username").fill("bientap")
    page.locator("#id_password").fill("Mat-khau-bien-tap-2024")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/articles/article/add/")
    ed = page.locator(".ck-editor__editable")
    ed.click()
    page.keyboard.type("Mở đầu ")
    page.locator(".ck-toolbar").get_by_role("button", name="Đậm", exact=True).click()
    page.keyboard.type("chữ in đậm")
    page.keyboard.press("Control+B")
    page.keyboard.type(" kết thúc.")
    page.keyboard.press("Enter")
    print(ed.inner_html())
    p = tmp_path / "anh.png"
    Image.new("RGB", (120, 80), (10, 120, 200)).save(p)
    print(page.locator(".ck-toolbar input[type=file]").count())
    page.locator(".ck-toolbar input[type=file]").set_input_files(p)
    page.locator(".ck-editor__editable img[src*='/media/uploads/']").wait_for()
    print(ed.inner_html())
    page.screenshot(path="/tmp/add2.png")
    for b in page.locator(".ck-balloon-panel_visible button").all():
        print(b.get_attribute("data-cke-tooltip-text"), b.inner_text())
    page.evaluate("1")
    print(browser_errors.messages)
