"""Every kind of public page at a phone's 320 and 390 px and a desktop's 1280 and 1440 px, as
Chromium lays it out (issue 25): nothing wider than the screen, and on the home page a front page's grid
(the category blocks aligned, no empty column beside the content)."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.live]

WIDTHS = (320, 390, 1280, 1440)  # 320: the smallest phones still sold

# Everything whose right edge passes the viewport, except what sits inside a box that scrolls
# sideways on purpose (a wide table in an article) or is visually hidden (skip link, labels).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === "auto" || style.overflowX === "scroll" || style.overflowX === "hidden") return true;
    } return false; };
  return [...document.body.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right > width + 0.5 && !scrolls(el);
  }).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
    + ` right=${el.getBoundingClientRect().right}`);
}"""


@pytest.fixture
def every_kind_of_page(live_server):
    call_command("load_demo", stdout=io.StringIO())
    seed = Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo")
    resolution = Document.objects.get(number="15-NQ/HU")
    return [
        "/",
        "/xay-dung-dang/",
        seed.get_absolute_url(),
        "/tim-kiem/?q=nghi+quyet",
        "/van-ban/",
        resolution.get_absolute_url(),
        "/gioi-thieu/",
        "/gioi-thieu/lanh-dao/",
        "/lien-he/",
        "/en/",
        "/en/leaders/",
        "/en/contact/",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(new_context, every_kind_of_page, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    report = {}
    for url in every_kind_of_page:
        assert page.goto(url).ok, url
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        overflowing = page.evaluate(OVERFLOWING)
        if scroll_width > width or overflowing:
            report[url] = f"scrollWidth {scroll_width}: {overflowing[:5]}"
    assert not report, f"wider than {width} px:\n" + "\n".join(f"{url}: {text}" for url, text in report.items())


@pytest.mark.parametrize("width", (390, 1280))
def test_the_breadcrumb_lines_up_with_the_content_column(new_context, every_kind_of_page, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    checked = 0
    for url in every_kind_of_page:
        page.goto(url)
        if not page.locator(".breadcrumb").count():
            continue
        crumb, title = page.locator(".breadcrumb").first.bounding_box(), page.locator("main h1").first.bounding_box()
        main = page.locator("main").bounding_box()
        assert abs(crumb["x"] - title["x"]) < 1, (url, crumb, title)
        assert crumb["x"] + crumb["width"] <= main["x"] + main["width"] + 1, (url, crumb, main)
        checked += 1
    assert checked >= 6  # category, article, search, documents, a page, contact


@pytest.mark.parametrize("width", (1280, 1440))
def test_the_home_page_is_a_front_page_on_a_desktop(new_context, every_kind_of_page, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto("/")
    main, side = page.locator("main").bounding_box(), page.locator(".layout-side").bounding_box()
    assert side["x"] > main["x"] + main["width"] - 1  # the side column beside the content

    # The lead story spans the content column, with a row of three under it, side by side.
    lead = page.locator(".front-top .card-large").bounding_box()
    row = [page.locator(".front-row .card").nth(n).bounding_box() for n in range(3)]
    assert lead["width"] > 0.95 * main["width"]
    assert len({round(box["y"]) for box in row}) == 1 and row[0]["x"] < row[1]["x"] < row[2]["x"]

    # The category blocks on one grid: two a row, each row's blocks of one height, so their
    # "Xem thêm" links end on one line.
    blocks = page.locator(".category-block")
    boxes = [blocks.nth(n).bounding_box() for n in range(blocks.count())]
    assert len(boxes) >= 4
    for left, right in zip(boxes[0::2], boxes[1::2], strict=False):
        assert abs(left["y"] - right["y"]) < 1 and abs(left["height"] - right["height"]) < 1
    more = [page.locator(".category-block > .more").nth(n).bounding_box() for n in range(2)]
    assert abs(more[0]["y"] - more[1]["y"]) < 1

    # No empty column: the side column (newest, most read, documents, links) reaches at least
    # three quarters of the way down the content, and the content the side's.
    main_bottom, side_bottom = main["y"] + main["height"], side["y"] + side["height"]
    top = main["y"]
    assert side_bottom - top > 0.75 * (main_bottom - top), (side_bottom, main_bottom)
    assert main_bottom - top > 0.75 * (side_bottom - top), (side_bottom, main_bottom)
