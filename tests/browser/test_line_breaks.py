"""Issue 25, point 5: line breaks that would change what a text says, on the narrowest phone.

A document number ("15-NQ/HU"), a phone number and an e-mail address's domain stay on one
line; the site's name in the header is one line or two balanced ones.
"""

import pytest

from tests.documents.helpers import make_document
from tests.factories import edit_site

pytestmark = [pytest.mark.browser, pytest.mark.live]

NARROW = {"width": 360, "height": 640}  # the narrowest phones still common


def lines_of(page, selector) -> list[float]:
    """The widths of the lines the first element matching `selector` is laid out on."""
    return page.evaluate(
        """(selector) => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector(selector));
            const tops = new Map();
            for (const rect of range.getClientRects()) {
                if (rect.width < 1) continue;
                const top = Math.round(rect.top);
                tops.set(top, (tops.get(top) || 0) + rect.width);
            }
            return [...tops.values()];
        }""",
        selector,
    )


def test_numbers_addresses_and_the_site_name_are_not_broken_where_it_changes_their_meaning(new_context, db):
    edit_site(
        phone="0273 3826 123 - 0273 3826 456",
        email="vanphong.huyenuy@gocongtay.tiengiang.gov.vn",
    )
    for n in range(3):
        make_document(number=f"1{n}5-NQ/HU-BTGTW", summary="Về chuyển đổi số trong hệ thống chính trị của huyện " * 2)
    page = new_context(viewport=NARROW).new_page()

    page.goto("/van-ban/")
    numbers = page.locator(".register-number .nowrap")
    assert numbers.count() == 3
    for n in range(3):
        assert len(lines_of(page, f".register-item:nth-child({n + 1}) .register-number .nowrap")) == 1

    page.goto("/lien-he/")
    for selector in (".contact-office a[href^='tel:'] .nowrap", ".contact-office a[href^='mailto:'] .nowrap"):
        assert len(lines_of(page, selector)) == 1, selector
    assert page.locator(".contact-office a[href^='mailto:'] .nowrap").inner_text() == "gocongtay.tiengiang.gov.vn"

    name = lines_of(page, ".brand-name")
    assert 1 <= len(name) <= 2, name
    if len(name) == 2:  # two lines of about the same length, not one long and one word
        assert min(name) >= 0.6 * max(name), name
    wide = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))""",
        NARROW["width"],
    )
    assert not wide, wide
