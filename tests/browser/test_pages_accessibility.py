"""WCAG 2.1 A/AA on the introduction pages (pages/), Vietnamese and English, as axe-core sees them
rendered; the English skip link by keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from demo.pages import load_pages
from tests.browser.test_accessibility import WCAG_21_AA, describe

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture
def intro_pages(live_server):
    load_pages()
    return ["/gioi-thieu/", "/gioi-thieu/lich-su-dang-bo-huyen/", "/en/", "/en/functions-and-tasks/"]


def test_introduction_pages_have_no_wcag_21_aa_violations(page, intro_pages):
    axe = Axe()
    report = {}
    for url in intro_pages:
        response = page.goto(url)
        assert response.ok, url
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        if results.violations_count:
            report[url] = describe(results.response["violations"])
    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(
        f"{url}\n{text}" for url, text in report.items()
    )


def test_the_english_skip_link_is_the_first_tab_stop(page, intro_pages):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#noi-dung")).to_be_focused()
