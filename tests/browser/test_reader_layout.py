"""The reader's pages on a phone (375x740) and a desktop (1280x900), as Chromium lays them out
(issue 16, point 5): a compact header, no gap without a photo, the side column, A-/A+, the
rating block keeping the keyboard, one pagination."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import image_upload, make_article, make_category

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def site(db):
    """A category of 25 articles (two pages), the newest with a photo and the next without."""
    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    now = timezone.now()
    articles = [
        make_article(
            category=category, title=f"Hội nghị Ban Chấp hành số {n}", published_at=now - timedelta(hours=n + 1)
        )
        for n in range(25)
    ]
    photo = articles[0]
    photo.lead_image, photo.lead_image_alt = image_upload(), "Quang cảnh hội nghị"
    photo.summary = "Sáng nay, Ban Chấp hành Đảng bộ huyện họp phiên thường kỳ, bàn nhiều việc của huyện. " * 3
    photo.save()
    return category, articles


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def reader(new_context, viewport):
    return new_context(viewport=viewport).new_page()


def test_on_a_phone_the_header_is_compact_and_its_menu_opens_from_the_keyboard(new_context, site, browser_errors):
    page = reader(new_context, PHONE)
    page.goto("/")
    header = box(page, ".site-header")
    assert header["height"] <= 0.15 * PHONE["height"], header
    expect(page.locator(".brand-logo")).to_be_visible()
    expect(page.locator(".brand-name")).to_have_text("Huyện ủy Gò Công Tây")
    expect(page.locator("#menu-chinh")).to_be_hidden()
    expect(page.locator("#tim-kiem-nhanh")).to_be_hidden()

    # Keyboard only: the skip link, then the menu button; Enter opens it, the search is inside.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(".site-menu > summary")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#menu-chinh")).to_be_visible()
    expect(page.locator("#menu-chinh").get_by_role("link", name="Xây dựng Đảng")).to_be_visible()
    page.locator("#tim-kiem-nhanh").fill("hội nghị")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Tìm kiếm")
    assert browser_errors.flush(page) == []


def test_on_a_desktop_the_menu_and_search_show_without_a_button(new_context, site):
    page = reader(new_context, DESKTOP)
    page.goto("/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.locator("#menu-chinh")).to_be_visible()
    expect(page.locator("#tim-kiem-nhanh")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_cards_leave_no_gap_without_a_photo_and_phones_give_the_summary_the_whole_width(new_context, site, viewport):
    category, _ = site
    page = reader(new_context, viewport)
    page.goto(category.get_absolute_url())
    with_photo, without = page.locator(".card").nth(0), page.locator(".card").nth(1)
    expect(with_photo.locator("img")).to_be_visible()
    assert without.locator("img").count() == 0
    # No photo: the title starts where the card starts.
    assert abs(without.locator(".card-title").bounding_box()["x"] - without.bounding_box()["x"]) < 1
    if viewport is PHONE:
        # The summary runs below the small photo, across the card, not in a squeezed column beside it.
        summary, card = with_photo.locator(".card-summary").bounding_box(), with_photo.bounding_box()
        photo = with_photo.locator(".card-image").bounding_box()
        assert summary["y"] >= photo["y"] + photo["height"] - 1
        assert summary["width"] >= card["width"] - 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_side_column_is_beside_the_content_on_a_desktop_and_after_it_on_a_phone(new_context, site, viewport):
    _, articles = site
    page = reader(new_context, viewport)
    page.goto(articles[3].get_absolute_url())
    side = page.locator(".layout-side")
    expect(side.get_by_role("heading", name="Tin mới")).to_be_visible()
    expect(side.locator(".side-list a").first).to_have_text(articles[0].title)
    main, aside = box(page, "main"), side.bounding_box()
    if viewport is DESKTOP:
        assert aside["x"] >= main["x"] + main["width"]  # to the right
        assert abs(aside["y"] - main["y"]) < 40  # and level with it
    else:
        assert aside["y"] >= main["y"] + main["height"] - 1  # below
        assert abs(aside["x"] - main["x"]) < 1
    # Body text: left-aligned on a phone (no wide gaps), justified only on a wide screen.
    aligned = page.locator(".article-body").evaluate("el => getComputedStyle(el).textAlign")
    assert aligned == ("justify" if viewport is DESKTOP else "left")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_has_its_side_column_of_new_documents_before_any_view_is_counted(new_context, site, viewport):
    """A new site has no "Xem nhiều" yet: the home's side column still holds the register's newest documents."""
    from tests.documents.helpers import make_document

    newest = make_document("20-NQ/HU", summary="Về đẩy mạnh chuyển đổi số năm 2025", issued_on=date(2025, 6, 2))
    make_document("19-KH/HU", issued_on=date(2025, 5, 20))
    page = reader(new_context, viewport)
    page.goto("/")
    side = page.locator(".layout-side")
    expect(side.get_by_role("heading", name="Văn bản mới")).to_be_visible()
    expect(side.get_by_role("heading", name="Xem nhiều")).to_have_count(0)
    expect(side.locator(".latest-documents .side-list a").first).to_have_text("20-NQ/HU")
    expect(side.locator(".side-list-text").first).to_have_text("Về đẩy mạnh chuyển đổi số năm 2025")
    main, aside = box(page, "main"), side.bounding_box()
    if viewport is DESKTOP:
        assert aside["x"] >= main["x"] + main["width"]  # to the right
        assert abs(aside["y"] - main["y"]) < 40  # and level with it
        assert main["width"] < 0.75 * DESKTOP["width"]  # no longer one wide column
    else:
        assert aside["y"] >= main["y"] + main["height"] - 1  # below
    side.get_by_role("link", name="20-NQ/HU").click()
    expect(page).to_have_url(re.compile(re.escape(newest.get_absolute_url()) + "$"))
    page.go_back()
    page.locator(".layout-side").get_by_role("link", name="Xem tất cả văn bản ›").click()
    expect(page.locator("h1")).to_contain_text("Văn bản")


def test_a_plus_makes_the_text_larger_and_is_remembered_after_a_reload(new_context, site, browser_errors):
    _, articles = site
    page = reader(new_context, DESKTOP)
    page.goto(articles[1].get_absolute_url())

    def body_size():
        return page.locator(".article-body").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")

    normal = body_size()
    larger = page.get_by_role("button", name="A+ (chữ lớn hơn)")
    larger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert body_size() > normal * 1.2
    assert page.evaluate("localStorage.getItem('co-chu')") == "2"
    assert page.context.cookies() == [] or all(c["name"] != "co-chu" for c in page.context.cookies())

    page.reload()
    # Applied by the head's inline script (allowed by its hash) before the first paint.
    assert page.evaluate("document.documentElement.getAttribute('data-co-chu')") == "2"
    assert body_size() > normal * 1.2
    page.get_by_role("button", name="A (cỡ chữ mặc định)").click()
    assert body_size() == normal
    assert browser_errors.flush(page) == []  # no CSP refusal of the inline style or script


def test_after_a_keyboard_vote_the_focus_stays_in_the_rating_block(new_context, site):
    _, articles = site
    page = reader(new_context, PHONE)
    page.goto(articles[2].get_absolute_url())
    page.locator("#sao-1").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Gửi đánh giá")).to_be_focused()
    page.keyboard.press("Enter")
    status = page.locator("#danh-gia [role=status]")
    expect(status).to_have_text("Cảm ơn bạn đã đánh giá bài viết.")
    expect(status).to_be_focused()  # read out by screen readers, and Tab goes on from here
    assert page.evaluate("document.activeElement.closest('#danh-gia') !== null")


def test_category_and_search_pages_share_one_pagination(new_context, site):
    category, _ = site
    page = reader(new_context, DESKTOP)
    styles = {}
    for url, status in ((category.get_absolute_url(), None), ("/tim-kiem/?q=hoi+nghi", "Trang 1 / 2")):
        page.goto(url)
        nav = page.locator("nav.pagination")
        expect(nav.get_by_role("link", name="Sau ›")).to_be_visible()
        if status:
            expect(nav.locator(".pagination-status")).to_have_text(status)
            expect(nav.locator("a[aria-current=page]")).to_have_text("Trang 1")
        styles[url] = nav.get_by_role("link", name="Sau ›").evaluate(
            "el => ['border', 'padding', 'color', 'font-size', 'min-height'].map(p => getComputedStyle(el)[p])"
        )
    first, second = styles.values()
    assert first == second
    page.goto(category.get_absolute_url())
    page.get_by_role("link", name="Sau ›").click()
    expect(page.locator("nav.pagination").get_by_role("link", name="‹ Trước")).to_be_visible()
    expect(page.locator("nav.pagination").get_by_role("link", name="« Mới nhất")).to_be_visible()
