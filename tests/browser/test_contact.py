"""A citizen on a phone sends a message; staff find it in the admin inbox. axe on both contact pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from contact.models import Message
from tests.browser.test_accessibility import WCAG_21_AA, describe
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PASSWORD = "Van-phong-2024!"


def test_a_citizen_on_a_phone_sends_a_message_that_staff_see_in_the_inbox(new_context, settings, browser_errors):
    settings.CONTACT_MIN_FILL_SECONDS = 1
    citizen = new_context(**PHONE).new_page()
    citizen.goto("/lien-he/")
    expect(citizen.get_by_role("heading", name="Liên hệ - Góp ý", level=1)).to_be_visible()
    expect(citizen.get_by_role("link", name=re.compile("Xem bản đồ đường đi"))).to_have_attribute("target", "_blank")
    expect(citizen.locator("#id_website")).not_to_be_in_viewport()  # the honeypot is out of sight

    # A first try without a way to answer: told what to fix, what was typed kept.
    citizen.get_by_label("Họ và tên").fill("Võ Thị Mai")
    citizen.get_by_label("Tiêu đề").fill("Xin lịch tiếp công dân tháng này")
    citizen.get_by_label("Nội dung góp ý").fill("Kính gửi Văn phòng Huyện ủy, xin cho biết lịch tiếp công dân.")
    citizen.get_by_label("Tôi đồng ý cho Văn phòng Huyện ủy").check()
    citizen.get_by_role("button", name="Gửi góp ý").click()
    phone_box = citizen.get_by_label("Số điện thoại")
    expect(citizen.get_by_role("alert")).to_contain_text("Vui lòng ghi thư điện tử hoặc số điện thoại")
    # Where the eye is: the page opens at the form, the focus on its summary of what to fix.
    summary = citizen.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert citizen.evaluate("window.scrollY") > 0
    expect(citizen.locator(".contact-field.has-error .field-error")).to_contain_text("thư điện tử hoặc số điện thoại")
    expect(citizen.get_by_label("Họ và tên")).to_have_value("Võ Thị Mai")
    expect(citizen.get_by_label("Thư điện tử")).to_have_attribute("aria-invalid", "true")

    phone_box.fill("0909 555 123")
    citizen.get_by_label("Tôi đồng ý cho Văn phòng Huyện ủy").check()
    citizen.wait_for_timeout(1100)  # a person takes longer than the minimum fill time (1 s here)
    citizen.get_by_role("button", name="Gửi góp ý").click()
    expect(citizen).to_have_url(re.compile(r"/lien-he/#noi-dung$"))
    expect(citizen.get_by_role("status")).to_contain_text("Cảm ơn bạn đã gửi góp ý")
    assert Message.objects.filter(name="Võ Thị Mai", phone="0909 555 123").count() == 1
    # The form sent back with its errors is a 400, which Chromium reports; anything else (CSP, scripts) fails.
    assert [m for m in browser_errors.flush(citizen) if "status of 400" not in m] == []

    make_user(username="vanphong", password=PASSWORD, staff=True, perms=("view_message", "change_message"))
    staff = new_context().new_page()
    staff.goto("/admin/")
    staff.get_by_label("Tên đăng nhập").fill("vanphong")
    staff.get_by_label("Mật khẩu").fill(PASSWORD)
    staff.get_by_role("button", name="Đăng nhập").click()
    expect(staff).to_have_url(re.compile(r"/admin/$"))
    staff.get_by_role("link", name="Hộp thư góp ý").first.click()
    expect(staff.get_by_role("heading", name="Hộp thư góp ý (1 góp ý mới)")).to_be_visible()
    row = staff.locator("#result_list tbody tr", has_text="Xin lịch tiếp công dân tháng này")
    expect(row).to_contain_text("Võ Thị Mai")
    expect(row).to_contain_text("Mới")


def test_the_contact_pages_have_no_wcag_21_aa_violations(new_context, settings):
    page = new_context(**PHONE).new_page()
    axe = Axe()
    report = {}
    for url in ("/lien-he/", "/en/contact/"):
        assert page.goto(url).ok, url
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        if results.violations_count:
            report[url] = describe(results.response["violations"])
    # The form as it comes back with errors, too.
    page.goto("/lien-he/")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_role("alert")).to_be_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    if results.violations_count:
        report["/lien-he/ (errors)"] = describe(results.response["violations"])
    assert not report, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(
        f"{url}\n{text}" for url, text in report.items()
    )
