"""Issue 25, point 1: Ctrl+P on an article prints the article alone, on A4, in one column.

Chromium lays the page out for print (and makes its PDF, as "Save as PDF" does): title,
date line, lead, body with its photo and caption, author and the address; no header menu,
side column, rating form, neighbours or footer links.
"""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import image_upload, make_article, make_category

pytestmark = [pytest.mark.browser, pytest.mark.live]

A4_WIDTH_MM = 210


@pytest.fixture
def article(db):
    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    now = timezone.now()
    make_article(category=category, title="Tin cũ hơn về hội nghị", published_at=now - timedelta(days=3))
    shown = make_article(
        category=category,
        title="Hội nghị sơ kết công tác xây dựng Đảng",
        summary="Sáng nay, Ban Thường vụ sơ kết sáu tháng đầu năm.",
        body=(
            "<p>Đoạn thứ nhất của bài viết về hội nghị.</p>"
            '<figure class="image"><img src="/static/img/favicon.svg" alt="Quang cảnh hội nghị">'
            "<figcaption>Quang cảnh hội nghị sơ kết</figcaption></figure>"
            "<p>Đoạn cuối của bài viết.</p>"
        ),
        author="Ngọc Hân",
        published_at=now - timedelta(days=2),
    )
    shown.lead_image, shown.lead_image_alt, shown.lead_image_caption = image_upload(), "Ảnh đầu bài", "Đại biểu dự họp"
    shown.save()
    make_article(category=category, title="Tin mới hơn về hội nghị", published_at=now - timedelta(days=1))
    return shown


def printed_text(page) -> str:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_printing_an_article_gives_the_article_alone_in_one_column(new_context, live_server, article):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(article.get_absolute_url())
    assert page.locator(".layout-side").is_visible()  # on screen, the side column is there
    page.emulate_media(media="print")

    # Nothing of the site's furniture is laid out on paper.
    for furniture in (".site-header", ".site-nav", ".layout-side", ".site-footer", ".rating", ".rating-form",
                      ".neighbours", ".breadcrumb", ".article-share", ".article-tools"):  # fmt: skip
        assert page.locator(furniture).first.is_hidden(), furniture
    # One column: the article takes the whole printable width.
    width = page.evaluate("document.documentElement.clientWidth")
    text = page.locator(".article").bounding_box()
    assert text["width"] >= 0.95 * width, (text, width)
    parts = (".article-title", ".article-date", ".article-summary", ".article-banner img", ".article-body figcaption")
    for part in (*parts, ".article-author", ".print-only"):
        assert page.locator(part).first.is_visible(), part

    pdf = printed_text(page)
    for wanted in ("Hội nghị sơ kết công tác xây dựng Đảng", "Sáng nay, Ban Thường vụ", "Đoạn cuối của bài viết",
                   "Quang cảnh hội nghị sơ kết", "Đại biểu dự họp", "Ngọc Hân"):  # fmt: skip
        assert wanted in pdf, wanted
    assert article.get_absolute_url() in pdf.replace(" ", "")  # the address, however it breaks
    for unwanted in ("Gửi đánh giá", "Những tin mới hơn", "Tin mới hơn về hội nghị", "Theo dõi tin mới qua RSS",
                     "Bỏ qua, đến nội dung", "Chia sẻ", "Tìm kiếm"):  # fmt: skip
        assert unwanted not in pdf, unwanted
