"""A citizen on a phone, by keyboard only: opens the folded menu, reaches "Lãnh đạo", then
goes to "Liên hệ - Góp ý" the same way and sends a message (the inbox side: test_contact.py)."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from contact.models import Message
from tests.browser.test_contact import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.live]


def tab_to(page, locator, limit=40):
    """Press Tab until `locator` has the focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} never got the focus by Tab")


def open_menu(page):
    menu = page.locator("#menu-chinh")
    expect(menu).to_be_hidden()  # folded on a phone
    tab_to(page, page.locator(".site-menu > summary"))
    page.keyboard.press("Space")
    expect(menu).to_be_visible()
    return menu


def test_a_citizen_reaches_the_leaders_and_writes_to_the_office_by_keyboard(new_context, live_server, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 1
    call_command("load_demo", stdout=io.StringIO())
    citizen = new_context(**PHONE).new_page()
    citizen.goto("/")

    menu = open_menu(citizen)
    leaders = menu.get_by_role("link", name="Lãnh đạo")
    tab_to(citizen, leaders)
    citizen.keyboard.press("Enter")
    expect(citizen).to_have_url(re.compile(r"/gioi-thieu/lanh-dao/$"))
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("Lãnh đạo")
    expect(citizen.locator("a[href^='tel:']").first).to_be_visible()

    menu = open_menu(citizen)
    tab_to(citizen, menu.get_by_role("link", name="Liên hệ - Góp ý"))
    citizen.keyboard.press("Enter")
    expect(citizen).to_have_url(re.compile(r"/lien-he/$"))

    tab_to(citizen, citizen.get_by_label("Họ và tên"))
    citizen.keyboard.type("Trần Văn Bình")
    citizen.get_by_label("Số điện thoại").fill("0909 111 222")
    citizen.get_by_label("Tiêu đề").fill("Hỏi về lịch tiếp công dân")
    citizen.get_by_label("Nội dung góp ý").fill("Xin cho biết lịch tiếp công dân của Thường trực Huyện ủy.")
    consent = citizen.get_by_label("Tôi đồng ý cho Văn phòng Huyện ủy")
    tab_to(citizen, consent)
    citizen.keyboard.press("Space")
    citizen.wait_for_timeout(1100)  # a person takes longer than the minimum fill time
    tab_to(citizen, citizen.get_by_role("button", name="Gửi góp ý"))
    citizen.keyboard.press("Enter")
    expect(citizen.get_by_role("status")).to_contain_text("Cảm ơn bạn đã gửi góp ý")
    assert Message.objects.filter(name="Trần Văn Bình", subject="Hỏi về lịch tiếp công dân").count() == 1
