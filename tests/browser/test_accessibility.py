"""WCAG 2.1 A/AA on the public pages, as axe-core sees them rendered, and the skip link by keyboard."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.live]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def demo_pages(live_server):
    call_command("load_demo", stdout=io.StringIO())
    seed = Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo")
    resolution = Document.objects.get(number="15-NQ/HU")
    replaced = Document.objects.get(number="01-QC/HU")
    register = ["/van-ban/", "/van-ban/?loai=quy-che", resolution.get_absolute_url(), replaced.get_absolute_url()]
    return ["/", "/xay-dung-dang/", seed.get_absolute_url(), *register, "/tim-kiem/?q=nghi+quyet+15"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} - {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


def test_public_pages_have_no_wcag_21_aa_violations(page, demo_pages):
    axe = Axe()
    report = {}
    for url in demo_pages:
        response = page.goto(url)
        assert response.ok, url
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        if results.violations_count:
            report[url] = describe(results.response["violations"])
    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(
        f"{url}\n{text}" for url, text in report.items()
    )


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_pages):
    for url in demo_pages:
        page.goto(url)
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
        expect(skip).to_be_focused()
        expect(skip).to_be_visible()  # it shows itself on focus
        page.keyboard.press("Enter")
        expect(page.locator("main#noi-dung")).to_be_focused()
