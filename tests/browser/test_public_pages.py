"""What only a browser shows on the public pages: CSP is obeyed, the JavaScript runs, print CSS applies."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture
def seed_url(live_server):
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo").get_absolute_url()


def test_public_pages_break_no_csp_rule_and_raise_no_javascript_error(page, seed_url, browser_errors):
    for url in ["/", "/xay-dung-dang/", seed_url, "/tin-hoat-dong/"]:
        response = page.goto(url)
        assert response.ok, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # The stylesheet and the photos came through (a blocked or missing one is a console error too).
        expect(page.locator(".site-header")).to_have_css("background-color", "rgb(163, 21, 21)")
        for image in page.locator("main img").all()[:3]:
            image.scroll_into_view_if_needed()
            expect(image).to_have_js_property("complete", True)
            assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")
    assert browser_errors.flush(page) == []


def test_print_button_needs_javascript_and_print_hides_navigation(page, seed_url, browser_errors):
    page.goto(seed_url)
    expect(page.locator("[data-print]")).to_have_count(0)  # one control on the article: "Bản in"
    expect(page.locator(".site-nav")).to_be_visible()
    expect(page.locator(".print-only")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".print-only")).to_be_visible()
    expect(page.locator(".article-title")).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Bản in").click()
    button = page.get_by_role("button", name="In bài viết")
    expect(button).to_be_visible()  # site.js removed its `hidden`
    back = page.get_by_role("link", name="‹ Quay lại bài viết")
    expect(back).to_be_visible()
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    expect(back).to_be_hidden()
    page.emulate_media(media="screen")
    back.click()
    expect(page).to_have_url(re.compile(re.escape(seed_url) + "$"))
    assert browser_errors.flush(page) == []


def test_print_button_stays_hidden_without_javascript(new_context, seed_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(seed_url)
    page.get_by_role("link", name="Bản in").click()
    expect(page.locator(".article-title")).to_be_visible()
    expect(page.locator("[data-print]")).to_be_hidden()
    expect(page.get_by_role("link", name="‹ Quay lại bài viết")).to_be_visible()
