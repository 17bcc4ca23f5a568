"""Rating with JavaScript and the keyboard, on a page that came from the shared cache."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from ratings.models import Vote
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_reader_rates_with_the_keyboard_and_the_block_updates_without_a_reload(new_context, browser_errors):
    article = make_article(title="Đảng bộ Gò Công Tây đón nhận Huân chương")
    Article.objects.filter(pk=article.pk).update(rating_sum=53, rating_count=12)
    url = article.get_absolute_url()

    warm = new_context().new_page()  # another reader fills the page cache
    assert warm.goto(url).headers.get("x-page-cache") == "miss"

    page = new_context().new_page()
    response = page.goto(url)
    assert response.headers.get("x-page-cache") == "hit"
    block = page.locator("#danh-gia")
    expect(block).to_contain_text("Tổng số điểm của bài viết là: 53 trong 12 đánh giá")

    # Keyboard only: reach the radio group, move with the arrow keys, send with Enter.
    page.locator("#sao-1").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#sao-4")).to_be_checked()
    expect(page.locator("#sao-4")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Gửi đánh giá")).to_be_focused()
    page.keyboard.press("Enter")

    status = block.locator("[role=status]")
    expect(status).to_have_text("Cảm ơn bạn đã đánh giá bài viết.")
    expect(block).to_contain_text("Tổng số điểm của bài viết là: 57 trong 13 đánh giá")
    expect(block).to_contain_text("Xếp hạng: 4,4 - 13 phiếu bầu")
    expect(block.get_by_role("img")).to_have_attribute("aria-label", "Xếp hạng 4,4 trên 5, 13 phiếu bầu")
    expect(block.locator(".star-on")).to_have_count(4)
    expect(block.locator(".star-half")).to_have_count(1)  # 4,4: four and a half stars, as written
    expect(block.locator("[data-rating-mine]")).to_have_text("Bạn đã đánh giá bài viết này: 4 sao.")
    assert page.url.endswith(url)  # no reload, no redirect
    assert Vote.objects.filter(article=article).count() == 1

    # Back later, on a page from the cache: the reader's own vote is shown, the form is closed.
    again = page.context.new_page()
    again.goto(url)
    expect(again.locator("#sao-4")).to_be_checked()
    expect(again.locator("#sao-4")).to_be_disabled()
    expect(again.locator("[data-rating-mine]")).to_have_text("Bạn đã đánh giá bài viết này: 4 sao.")
    expect(again.locator("#danh-gia")).to_contain_text("57 trong 13 đánh giá")

    # A reader without the cookie still gets an open form.
    other = new_context().new_page()
    other.goto(url)
    expect(other.locator("#sao-4")).to_be_enabled()
    expect(other.locator("#sao-4")).not_to_be_checked()
    assert browser_errors.flush(page) == [] and browser_errors.flush(other) == []


def test_without_javascript_the_form_posts_and_comes_back_with_a_message(new_context):
    article = make_article(title="Tin không cần JavaScript")
    page = new_context(java_script_enabled=False).new_page()
    page.goto(article.get_absolute_url())
    page.locator("label[for=sao-5]").click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#danh-gia$"))
    expect(page.locator("#danh-gia [role=status]")).to_have_text("Cảm ơn bạn đã đánh giá bài viết.")
    expect(page.locator("#danh-gia [role=status]")).to_be_in_viewport()
    expect(page.locator("#danh-gia")).to_contain_text("Tổng số điểm của bài viết là: 5 trong 1 đánh giá")


def test_the_first_vote_replaces_no_votes_yet_with_the_totals(new_context):
    article = make_article(title="Tin chưa ai đánh giá")
    page = new_context().new_page()
    page.goto(article.get_absolute_url())
    block = page.locator("#danh-gia")
    expect(block).to_contain_text("Chưa có đánh giá")
    expect(block.locator("[data-rating-totals]")).to_be_hidden()  # not "0,0 - 0 phiếu bầu"
    expect(block.get_by_role("img")).to_have_attribute("aria-label", "Chưa có đánh giá")
    page.locator("label[for=sao-5]").click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(block).to_contain_text("Xếp hạng: 5,0 - 1 phiếu bầu")
    expect(block.locator("[data-rating-none]")).to_be_hidden()
