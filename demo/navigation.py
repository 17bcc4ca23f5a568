"""The demo's main menu and "Liên kết website" (load_demo): made once, left alone after."""

from articles.models import Category
from navigation.models import MenuItem, WebLink
from pages.models import Page

# The portals a district Party committee's site links to (their public addresses).
WEB_LINKS = [
    ("Cổng TTĐT Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/"),
    ("Báo Nhân Dân", "https://nhandan.vn/"),
    ("Tạp chí Cộng sản", "https://www.tapchicongsan.org.vn/"),
    ("Cổng TTĐT Chính phủ", "https://chinhphu.vn/"),
    ("Tỉnh ủy Tiền Giang", "https://tinhuytiengiang.vn/"),
    ("Cổng TTĐT tỉnh Tiền Giang", "https://www.tiengiang.gov.vn/"),
]


def load_navigation() -> None:
    if not MenuItem.objects.exists():
        _menu()
    if not WebLink.objects.exists():
        WebLink.objects.bulk_create(
            WebLink(name=name, url=url, order=order) for order, (name, url) in enumerate(WEB_LINKS, start=1)
        )


def _menu() -> None:
    root = Page.objects.filter(language="vi", path="").first()
    if root is not None:
        about = MenuItem.objects.create(kind="page", page=root, order=1)
        below = Page.objects.in_menu(language="vi").filter(parent=root)
        for order, page in enumerate(below, start=1):
            MenuItem.objects.create(kind="page", page=page, parent=about, order=order)
    else:
        about = MenuItem.objects.create(label="Giới thiệu", kind="path", path="/gioi-thieu/", order=1)
    for order, (label, path) in enumerate(
        [("Lãnh đạo", "/gioi-thieu/lanh-dao/"), ("Cơ cấu tổ chức", "/gioi-thieu/co-cau-to-chuc/")], start=10
    ):
        MenuItem.objects.create(label=label, kind="path", path=path, parent=about, order=order)
    news = MenuItem.objects.create(label="Tin tức", kind="path", path="/tim-kiem/", order=2)
    categories = Category.objects.in_menu()
    news.path = categories[0].get_absolute_url() if categories else "/"
    news.save()
    for order, category in enumerate(categories, start=1):
        MenuItem.objects.create(kind="category", category=category, parent=news, order=order)
    MenuItem.objects.create(label="Văn bản", kind="path", path="/van-ban/", order=3)
    MenuItem.objects.create(label="Liên hệ - Góp ý", kind="path", path="/lien-he/", order=4)
