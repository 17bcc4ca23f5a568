"""Issue 25, point 6: the English header is the Vietnamese one in English (emblem, search), its
menu button says what it does and opens with Enter and Space, and Escape closes an open menu
in both languages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize(
    ("path", "menu", "search"),
    [("/", "#menu-chinh", "#tim-kiem-nhanh"), ("/en/contact/", "#main-menu", "#search-portal")],
)
def test_the_phone_menu_opens_with_enter_and_space_and_closes_with_escape(new_context, db, path, menu, search):
    page = new_context(**PHONE).new_page()
    page.goto(path)
    expect(page.locator(".brand-logo")).to_be_visible()
    button = page.locator(".site-menu > summary")
    expect(button).to_have_accessible_name("Menu and search" if path.startswith("/en/") else "Menu và tìm kiếm")
    expect(page.locator(menu)).to_be_hidden()
    for key in ("Enter", "Space"):
        button.focus()
        page.keyboard.press(key)
        expect(page.locator(menu)).to_be_visible()
        expect(page.locator(search)).to_be_visible()
        page.locator(f"{menu} a").first.focus()
        page.keyboard.press("Escape")
        expect(page.locator(menu)).to_be_hidden()
        expect(button).to_be_focused()


def test_the_english_header_has_the_emblem_the_name_and_search_on_a_desktop(new_context, db):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/en/contact/")
    expect(page.locator(".brand-logo")).to_be_visible()
    expect(page.locator(".brand-name")).to_have_text("Go Cong Tay District Party Committee")
    expect(page.locator("#main-menu")).to_be_visible()
    page.get_by_label("Search the portal (articles and documents are in Vietnamese)").fill("nông thôn mới")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q="))
