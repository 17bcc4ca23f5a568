"""The main menu and "Liên kết website": edited in the admin, on every page, folding on phones."""

import re

import pytest
from django.core.exceptions import ValidationError

from navigation.models import MenuItem, WebLink
from tests.factories import image_upload, make_article, make_category

pytestmark = pytest.mark.django_db


def menu_of(client, path="/"):
    html = client.get(path).content.decode()
    nav = re.search(r'<ul class="container nav-list" id="menu-chinh">(.*?)</nav>', html, re.S).group(1)
    return nav, html


def test_without_an_edited_menu_the_categories_and_their_subcategories_show(client):
    party = make_category(name="Xây dựng Đảng", order=1)
    make_category(name="Công tác tổ chức", parent=party)
    make_category(name="Kinh tế", order=2)
    nav, _ = menu_of(client)
    assert nav.index("Xây dựng Đảng") < nav.index("Công tác tổ chức") < nav.index("Kinh tế")
    assert '<ul class="nav-sub">' in nav and 'href="/van-ban/">Văn bản' in nav


def test_the_edited_menu_replaces_it_with_categories_pages_and_outside_links(client):
    news = make_category(name="Tin tức")
    about = MenuItem.objects.create(label="Giới thiệu", kind="path", path="/van-ban/", order=1)
    MenuItem.objects.create(label="Văn bản mới", kind="path", path="/van-ban/", parent=about, order=1)
    MenuItem.objects.create(kind="category", category=news, order=2)
    MenuItem.objects.create(label="Báo Nhân Dân", kind="url", url="https://nhandan.vn/", order=3)
    MenuItem.objects.create(label="Ẩn", kind="path", path="/van-ban/", order=4, is_active=False)
    nav, _ = menu_of(client)
    titles = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert titles == ["Trang chủ", "Giới thiệu", "Văn bản mới", "Tin tức", "Báo Nhân Dân"]
    assert 'href="https://nhandan.vn/" rel="noopener"' in nav


def test_a_menu_change_shows_at_once_on_pages_the_cache_holds(client):
    make_article()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    MenuItem.objects.create(label="Liên hệ", kind="path", path="/van-ban/")
    page = client.get("/")
    assert page["X-Page-Cache"] == "miss" and ">Liên hệ</a>" in page.content.decode()


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"kind": "path", "label": "Sai", "path": "van-ban"}, "path", "bắt đầu bằng"),
        ({"kind": "path", "label": "Sai", "path": "/khong-co-trang-nay/x/"}, "path", "không có trang"),
        ({"kind": "url", "label": "Sai"}, "url", "Hãy nhập địa chỉ"),
        ({"kind": "category"}, "category", "Hãy chọn chuyên mục"),
        ({"kind": "path", "path": "/van-ban/"}, "label", "Hãy đặt tên"),
    ],
)
def test_a_wrong_menu_item_is_refused_in_vietnamese(fields, field, message):
    with pytest.raises(ValidationError) as refused:
        MenuItem(**fields).full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_the_menu_has_one_level_of_children():
    top = MenuItem.objects.create(label="Giới thiệu", kind="path", path="/van-ban/")
    child = MenuItem.objects.create(label="Con", kind="path", path="/van-ban/", parent=top)
    with pytest.raises(ValidationError, match="một cấp"):
        MenuItem(label="Cháu", kind="path", path="/van-ban/", parent=child).full_clean()
    top.parent = MenuItem.objects.create(label="Khác", kind="path", path="/van-ban/")
    with pytest.raises(ValidationError, match="đang có mục con"):
        top.full_clean()


def test_on_phones_the_menu_folds_behind_one_control_that_needs_no_javascript(client):
    _, html = menu_of(client)
    # A <details>: its summary is a button from the keyboard, with no script; the search is in it.
    menu = re.search(r'<details class="site-menu" data-site-menu>(.*?)</details>', html, re.S).group(1)
    assert '<summary class="nav-toggle-label">' in menu and "Menu" in menu
    assert 'id="menu-chinh"' in menu and 'role="search"' in menu


def test_web_links_show_in_every_footer_with_their_logos(client):
    WebLink.objects.create(name="Cổng TTĐT Đảng Cộng sản Việt Nam", url="https://dangcongsan.vn/", order=1)
    WebLink.objects.create(
        name="Tỉnh ủy Tiền Giang", url="https://tinhuytiengiang.vn/", logo=image_upload("logo.png", "PNG"), order=2
    )
    WebLink.objects.create(name="Tắt", url="https://example.com/", is_active=False)
    html = client.get("/van-ban/").content.decode()
    block = re.search(r'<nav class="web-links container".*?</nav>', html, re.S).group(0)
    assert "Liên kết website" in block and "Cổng TTĐT Đảng Cộng sản Việt Nam" in block
    assert block.index("Đảng Cộng sản") < block.index("Tỉnh ủy") and "Tắt" not in block
    assert "<img" in block and 'alt=""' in block  # the name beside it says what the logo is


def test_a_category_page_lists_its_subcategories_and_their_articles(client):
    party = make_category(name="Xây dựng Đảng")
    organisation = make_category(name="Công tác tổ chức", parent=party)
    make_article(title="Tin của chuyên mục cha", category=party)
    make_article(title="Tin của chuyên mục con", category=organisation)
    html = client.get(party.get_absolute_url()).content.decode()
    assert "Tin của chuyên mục cha" in html and "Tin của chuyên mục con" in html
    assert f'<a href="{organisation.get_absolute_url()}">Công tác tổ chức</a>' in html
    child_page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Tin của chuyên mục cha" not in child_page.split("<main", 1)[1].split("</main>", 1)[0]
    assert f'<a href="{party.get_absolute_url()}">Xây dựng Đảng</a> ›' in child_page  # breadcrumbs


def test_the_header_offers_english(client):
    html = client.get("/").content.decode()
    assert '<a class="language-switch" href="/en/" hreflang="en" lang="en">English</a>' in html


def test_the_automatic_menu_opens_with_the_introduction_and_ends_with_contact(client):
    from tests.pages.helpers import make_page

    root = make_page("Giới thiệu")
    make_page("Lịch sử Đảng bộ huyện", parent=root, show_in_menu=True)
    make_page("Không trên menu", parent=root, show_in_menu=False)
    make_category(name="Tin tức")
    nav, _ = menu_of(client)
    titles = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert titles == [
        "Trang chủ", "Giới thiệu", "Lịch sử Đảng bộ huyện", "Lãnh đạo", "Cơ cấu tổ chức",
        "Tin tức", "Văn bản", "Liên hệ - Góp ý",
    ]  # fmt: skip


def test_a_menu_item_can_be_a_page_and_follows_it(client):
    from tests.pages.helpers import make_page

    root = make_page("Giới thiệu")
    history = make_page("Lịch sử Đảng bộ", parent=root)
    MenuItem.objects.create(kind="page", page=history)
    nav, _ = menu_of(client)
    assert f'<a href="{history.get_absolute_url()}">Lịch sử Đảng bộ</a>' in nav
    history.slug = "lich-su"
    history.save()
    nav, _ = menu_of(client)
    assert '<a href="/gioi-thieu/lich-su/">Lịch sử Đảng bộ</a>' in nav  # a new address, followed at once
    history.status = "unpublished"
    history.save()
    assert "Lịch sử Đảng bộ" not in menu_of(client)[0]
