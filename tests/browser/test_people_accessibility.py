"""WCAG 2.1 A/AA on the people pages as axe-core sees them rendered (the sample organisation),
and the chart read as a screen reader reads it: nested lists and headings, on a phone's width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from demo.people import load_people
from tests.browser.test_accessibility import WCAG_21_AA, describe

pytestmark = [pytest.mark.browser, pytest.mark.live]
PAGES = [
    "/gioi-thieu/lanh-dao/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/en/leaders/",
    "/en/organisation/",
    "/gioi-thieu/co-cau-to-chuc/?nhiem-ky=2020-2025",
]


@pytest.fixture
def sample_organisation(live_server):
    load_people()


def test_people_pages_have_no_wcag_21_aa_violations(page, sample_organisation):
    axe = Axe()
    report = {}
    for url in PAGES:
        response = page.goto(url)
        assert response.ok, url
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        if results.violations_count:
            report[url] = describe(results.response["violations"])
    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(
        f"{url}\n{text}" for url, text in report.items()
    )


def test_the_chart_reads_as_nested_lists_and_fits_a_phone(page, sample_organisation):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/gioi-thieu/co-cau-to-chuc/")
    standing = page.get_by_role("list", name="Các đơn vị trực thuộc Ban Thường vụ Huyện ủy")
    expect(standing.get_by_role("heading", name="Thường trực Huyện ủy", level=4)).to_be_visible()
    members = page.get_by_role("list", name="Thành viên: Thường trực Huyện ủy")
    expect(members.get_by_role("listitem")).to_have_count(3)
    expect(members.get_by_role("link", name="0273 3851 001")).to_have_attribute("href", "tel:02733851001")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto("/gioi-thieu/lanh-dao/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("heading", name="Nguyễn Văn A (mẫu)", level=2)).to_be_visible()
