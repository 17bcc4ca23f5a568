"""Chia sẻ and Lưu bài viết in Chromium, on a phone and on a desktop: the share links carry the
article's address, the copy button says so when it has copied it, "Lưu bài viết" downloads
the article, and on a phone "Zalo" opens the phone's share sheet."""

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# A phone's share sheet as the page sees it: what it was handed.
FAKE_SHARE_SHEET = """
Object.defineProperty(navigator, "share", {
  value: (data) => { window.__shared = data; return Promise.resolve(); },
});
"""


@pytest.fixture
def article(live_server):
    return make_article(
        title="Hội nghị sơ kết công tác xây dựng Đảng",
        summary="Huyện ủy Gò Công Tây sơ kết 6 tháng đầu năm.",
        body="<p>Các đại biểu thảo luận về công tác xây dựng Đảng.</p>",
    )


def open_article(new_context, live_server, article, device):
    context = new_context(**device)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    return page


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_share_copy_and_save(new_context, live_server, article, device, browser_errors):
    page = open_article(new_context, live_server, article, device)
    address = live_server.url + article.get_absolute_url()
    share = page.get_by_role("group", name="Chia sẻ:")

    facebook = share.get_by_role("link", name="Facebook")
    expect(facebook).to_be_visible()
    query = urlsplit(facebook.get_attribute("href")).query
    assert parse_qs(query) == {"u": [address]}
    zalo = urlsplit(share.get_by_role("link", name="Zalo").get_attribute("href"))
    assert zalo.netloc == "button-share.zalo.me"
    assert json.loads(base64.b64decode(unquote(parse_qs(zalo.query)["d"][0]))) == {"url": address}

    # Copy, from the keyboard: the address is on the clipboard, and the page says so (to
    # screen readers too: a status region).
    copy = share.get_by_role("button", name="Sao chép liên kết")
    expect(copy).to_be_visible()
    copy.focus()
    page.keyboard.press("Enter")
    expect(share.get_by_role("status")).to_have_text("Đã sao chép liên kết")
    assert page.evaluate("navigator.clipboard.readText()") == address

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Lưu bài viết").click()
    download = downloading.value
    assert download.suggested_filename == f"{article.title}.html"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert f"<h1>{article.title}</h1>" in saved and address in saved
    assert browser_errors.flush(page) == []


def test_on_a_phone_zalo_opens_the_share_sheet(new_context, live_server, article, browser_errors):
    context = new_context(**PHONE)
    context.add_init_script(FAKE_SHARE_SHEET)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Zalo").click()
    page.wait_for_function("window.__shared !== undefined")
    shared = page.evaluate("window.__shared")
    assert shared == {"title": article.title, "url": live_server.url + article.get_absolute_url()}
    assert page.url == live_server.url + article.get_absolute_url()  # the page stayed
    assert browser_errors.flush(page) == []


def test_on_a_desktop_zalo_is_a_plain_link(new_context, live_server, article):
    context = new_context(**DESKTOP)
    context.add_init_script(FAKE_SHARE_SHEET)  # a desktop with a share sheet still goes to Zalo's page
    # Zalo's page, answered here: the test needs no network.
    context.route("https://button-share.zalo.me/**", lambda route: route.fulfill(body="Zalo"))
    page = context.new_page()
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Zalo").click()
    page.wait_for_url("https://button-share.zalo.me/**")
    assert page.evaluate("window.__shared") is None
